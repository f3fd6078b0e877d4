/**
 * Territories as areas made of places, as plain data (no Leaflet, no DOM): postal units and their
 * per-unit aggregates, the Voronoi area of each unit, territories as the dissolved union of their
 * units' areas clipped to the land outline, a label point inside each territory, the territory
 * adjacency and colours that never repeat between neighbours (see DESIGN.md, "Territories made of
 * places", and UX.md, the planner's map).
 *
 * Where this runs, and why: in the browser, from the `territoryGeo` static resource (d3-delaunay
 * and the few @turf/turf modules used here, bundled by scripts/build-static-resources.mjs, about
 * 0.2 MB) and the land outline shipped with it. The map already has every unit it draws (accounts
 * or bounded per-unit aggregates), so computing the areas where they are drawn adds no payload, no
 * service round trip and no Apex heap, and works when the service is down (the rep card reads
 * Salesforce through Apex alone). The work is near-linear: a Delaunay triangulation, the unit
 * cells dissolved by cancelling the edges two cells of one territory share, then one clip per
 * territory against the part of the outline inside its bounding box. The geometry library is
 * passed in (`geo`), so this module has no global and jest runs it on the very bundle shipped.
 *
 * Plane: x = longitude × cos(φ₀), y = latitude, φ₀ the mean latitude of the unit centroids (the
 * plane the engine uses for unit adjacency).
 */

const KM_PER_DEGREE = 111.2;
// Coordinates of shared Voronoi vertices are equal up to float noise; keys round to ~1 mm.
const KEY_DECIMALS = 8;

/**
 * Distinguishable fill colours (Tableau 10 without its grey, which reads as "no territory").
 * Neighbouring territories never share one; a plan whose adjacency needs more gets extra hues.
 */
export const AREA_PALETTE = [
    '#4e79a7',
    '#f28e2b',
    '#e15759',
    '#76b7b2',
    '#59a14f',
    '#edc948',
    '#b07aa1',
    '#ff9da7',
    '#9c755f'
];

function extraColor(index) {
    const hue = Math.round((index * 137.508 + 20) % 360);
    return `hsl(${hue}, 55%, 55%)`;
}

function finite(value) {
    return typeof value === 'number' && Number.isFinite(value);
}

/** The unit an account belongs to: its postal code within its segment, else the account itself. */
export function unitKeyOf(account) {
    const postal = account.postalCode == null ? '' : String(account.postalCode).trim();
    if (postal === '') {
        return `account:${account.id}`;
    }
    return `${account.segment || ''}|${postal.toUpperCase()}`;
}

function majorityTerritory(territoryCounts) {
    let best = null;
    let bestCount = -1;
    for (const [territoryId, count] of Object.entries(territoryCounts)) {
        if (count > bestCount || (count === bestCount && territoryId < best)) {
            best = territoryId;
            bestCount = count;
        }
    }
    return best;
}

/**
 * Per-unit aggregates of located accounts: the centroid is the mean of the unit's accounts'
 * coordinates; counts and sums are of every located account. A unit whose accounts sit in
 * several territories (a plan that is not unit-pure) is drawn with the territory holding most of
 * them and flagged `split`.
 * @param {object[]} accounts { id, latitude, longitude, postalCode?, segment?, territoryId,
 *     potential?, workload? }
 * @returns {{units: object[], unlocated: number}}
 */
export function buildUnits(accounts) {
    const byKey = new Map();
    let unlocated = 0;
    for (const account of accounts || []) {
        if (!finite(account.latitude) || !finite(account.longitude)) {
            unlocated += 1;
            continue;
        }
        const key = unitKeyOf(account);
        let unit = byKey.get(key);
        if (!unit) {
            unit = {
                key,
                postalCode: key.startsWith('account:') ? null : String(account.postalCode).trim(),
                segment: account.segment || null,
                latSum: 0,
                lonSum: 0,
                accountCount: 0,
                potential: 0,
                workload: 0,
                territoryCounts: {},
                accountId: key.startsWith('account:') ? account.id : null,
                name: key.startsWith('account:') ? account.name || null : null
            };
            byKey.set(key, unit);
        }
        unit.latSum += account.latitude;
        unit.lonSum += account.longitude;
        unit.accountCount += 1;
        unit.potential += finite(account.potential) ? account.potential : 0;
        unit.workload += finite(account.workload) ? account.workload : 0;
        const territoryId = account.territoryId || '';
        unit.territoryCounts[territoryId] = (unit.territoryCounts[territoryId] || 0) + 1;
    }
    const units = [...byKey.values()].map((unit) => ({
        key: unit.key,
        postalCode: unit.postalCode,
        segment: unit.segment,
        accountId: unit.accountId,
        name: unit.name,
        latitude: unit.latSum / unit.accountCount,
        longitude: unit.lonSum / unit.accountCount,
        accountCount: unit.accountCount,
        potential: unit.potential,
        workload: unit.workload,
        territoryId: majorityTerritory(unit.territoryCounts) || null,
        split: Object.keys(unit.territoryCounts).length > 1
    }));
    return { units, unlocated };
}

/**
 * The map's units from the planner's bounded payload (TerritoryPlanController's `units`: the
 * aggregates the sync service stores per postal code and segment, Territory_Unit__c), in the shape
 * buildUnits gives: a key as unitKeyOf makes it, `split` when some of the unit's accounts are in
 * another territory than the one holding most of them. Units without a centroid are left out.
 * @param {object[]} payload { postalCode, segment, latitude, longitude, accountCount,
 *     elsewhereCount, approximateCount, potential, workload, territoryId } (approximateCount:
 *     accounts without coordinates that the service placed at the postal code's centre)
 * @returns {object[]}
 */
export function unitsFromPayload(payload) {
    return (payload || [])
        .filter((u) => finite(u.latitude) && finite(u.longitude))
        .map((u) => {
            const postalCode = u.postalCode == null ? '' : String(u.postalCode).trim();
            return {
                key: `${u.segment || ''}|${postalCode.toUpperCase()}`,
                postalCode: postalCode || null,
                segment: u.segment || null,
                accountId: null,
                name: null,
                latitude: u.latitude,
                longitude: u.longitude,
                accountCount: finite(u.accountCount) ? u.accountCount : 0,
                elsewhereCount: finite(u.elsewhereCount) ? u.elsewhereCount : 0,
                approximateCount: finite(u.approximateCount) ? u.approximateCount : 0,
                potential: finite(u.potential) ? u.potential : 0,
                workload: finite(u.workload) ? u.workload : 0,
                territoryId: u.territoryId || null,
                split: finite(u.elsewhereCount) && u.elsewhereCount > 0
            };
        });
}

/**
 * Units that share a centroid (the same postal code in two segments, accounts geocoded to the
 * same postal centroid) make one Voronoi site; the site goes to the territory with most accounts.
 */
function sitesOf(units) {
    const byPoint = new Map();
    for (const unit of units) {
        if (!finite(unit.latitude) || !finite(unit.longitude)) {
            continue;
        }
        const key = `${unit.latitude.toFixed(6)},${unit.longitude.toFixed(6)}`;
        let site = byPoint.get(key);
        if (!site) {
            site = {
                latitude: unit.latitude,
                longitude: unit.longitude,
                units: [],
                counts: {}
            };
            byPoint.set(key, site);
        }
        site.units.push(unit);
        const territoryId = unit.territoryId || '';
        site.counts[territoryId] = (site.counts[territoryId] || 0) + (unit.accountCount || 1);
    }
    const sites = [...byPoint.values()];
    for (const site of sites) {
        site.territoryId = majorityTerritory(site.counts) || null;
    }
    return sites;
}

function signedArea(ring) {
    let sum = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
    }
    return sum / 2;
}

function pointInRing(x, y, ring) {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
            inside = !inside;
        }
    }
    return inside;
}

const keyOf = (p) => `${p[0].toFixed(KEY_DECIMALS)},${p[1].toFixed(KEY_DECIMALS)}`;

/**
 * Dissolves cells (closed rings in one orientation) into polygons: an edge two cells share
 * appears once in each direction and cancels; what remains chains into the outline rings.
 * @returns {number[][][][]} polygons, each [outer, ...holes], rings closed, outer rings in the
 *     cells' orientation and holes in the other
 */
export function dissolveCells(cells) {
    const edges = new Map();
    let orientation = 0;
    for (const cell of cells) {
        if (orientation === 0) {
            orientation = Math.sign(signedArea(cell));
        }
        for (let i = 0; i + 1 < cell.length; i++) {
            const a = cell[i];
            const b = cell[i + 1];
            const ka = keyOf(a);
            const kb = keyOf(b);
            if (ka === kb) {
                continue;
            }
            const reverse = `${kb}>${ka}`;
            if (edges.has(reverse)) {
                edges.delete(reverse);
            } else {
                edges.set(`${ka}>${kb}`, { a, b, ka, kb });
            }
        }
    }
    const outgoing = new Map();
    for (const edge of edges.values()) {
        if (!outgoing.has(edge.ka)) {
            outgoing.set(edge.ka, []);
        }
        outgoing.get(edge.ka).push(edge);
    }
    const rings = [];
    for (const start of edges.values()) {
        if (start.used) {
            continue;
        }
        start.used = true;
        const ring = [start.a];
        let current = start;
        for (;;) {
            ring.push(current.b);
            if (current.kb === start.ka) {
                break;
            }
            const next = (outgoing.get(current.kb) || []).find((edge) => !edge.used);
            if (!next) {
                break;
            }
            next.used = true;
            current = next;
        }
        if (ring.length >= 4 && keyOf(ring[0]) === keyOf(ring[ring.length - 1])) {
            ring[ring.length - 1] = ring[0];
            rings.push(ring);
        }
    }
    const outers = [];
    const holes = [];
    for (const ring of rings) {
        const area = signedArea(ring);
        if (area === 0) {
            continue;
        }
        (Math.sign(area) === orientation ? outers : holes).push({ ring, area: Math.abs(area) });
    }
    const polygons = outers.map((outer) => ({ ...outer, holes: [] }));
    for (const hole of holes) {
        const [a, b] = hole.ring;
        const mx = (a[0] + b[0]) / 2;
        const my = (a[1] + b[1]) / 2;
        const container = polygons
            .filter((polygon) => pointInRing(mx, my, polygon.ring))
            .sort((p, q) => p.area - q.area)[0];
        if (container) {
            container.holes.push(hole.ring);
        }
    }
    return polygons.map((polygon) => [polygon.ring, ...polygon.holes]);
}

function ringsOf(geometry) {
    if (!geometry) {
        return [];
    }
    return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function bboxOf(polygons) {
    let west = Infinity;
    let south = Infinity;
    let east = -Infinity;
    let north = -Infinity;
    for (const polygon of polygons) {
        for (const [lon, lat] of polygon[0]) {
            west = Math.min(west, lon);
            east = Math.max(east, lon);
            south = Math.min(south, lat);
            north = Math.max(north, lat);
        }
    }
    return [west, south, east, north];
}

/** bboxClip can leave rings of fewer than four positions or no area; polygon clipping rejects them. */
function validPolygons(geometry) {
    const out = [];
    for (const polygon of ringsOf(geometry)) {
        const rings = polygon.filter((ring) => ring.length >= 4 && signedArea(ring) !== 0);
        if (rings.length > 0 && rings[0] === polygon[0]) {
            out.push(rings);
        }
    }
    return out;
}

function segmentsCross(a, b, c, d) {
    const d1 = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    const d2 = (b[0] - a[0]) * (d[1] - a[1]) - (b[1] - a[1]) * (d[0] - a[0]);
    const d3 = (d[0] - c[0]) * (a[1] - c[1]) - (d[1] - c[1]) * (a[0] - c[0]);
    const d4 = (d[0] - c[0]) * (b[1] - c[1]) - (d[1] - c[1]) * (b[0] - c[0]);
    return d1 * d2 <= 0 && d3 * d4 <= 0;
}

function inPolygons(point, polygons) {
    return polygons.some(
        (polygon) =>
            pointInRing(point[0], point[1], polygon[0]) &&
            !polygon.slice(1).some((hole) => pointInRing(point[0], point[1], hole))
    );
}

/**
 * Whether the territory lies wholly inside the land (the usual case inland): no boundary of one
 * crosses or touches the other's, a territory corner is on land and no land corner is inside the
 * territory. The exact clip (turf's intersect, in exact arithmetic) is then skipped: it costs
 * ~30 ms per territory.
 */
function insideLand(polygons, landPolygons) {
    const segments = [];
    for (const polygon of landPolygons) {
        for (const ring of polygon) {
            for (let i = 0; i + 1 < ring.length; i++) {
                const a = ring[i];
                const b = ring[i + 1];
                segments.push([
                    a,
                    b,
                    Math.min(a[0], b[0]),
                    Math.max(a[0], b[0]),
                    Math.min(a[1], b[1]),
                    Math.max(a[1], b[1])
                ]);
            }
        }
    }
    for (const polygon of polygons) {
        for (const ring of polygon) {
            for (let i = 0; i + 1 < ring.length; i++) {
                const a = ring[i];
                const b = ring[i + 1];
                const x0 = Math.min(a[0], b[0]);
                const x1 = Math.max(a[0], b[0]);
                const y0 = Math.min(a[1], b[1]);
                const y1 = Math.max(a[1], b[1]);
                for (const [c, d, sx0, sx1, sy0, sy1] of segments) {
                    if (
                        sx0 <= x1 &&
                        sx1 >= x0 &&
                        sy0 <= y1 &&
                        sy1 >= y0 &&
                        segmentsCross(a, b, c, d)
                    ) {
                        return false;
                    }
                }
            }
        }
    }
    if (!inPolygons(polygons[0][0][0], landPolygons)) {
        return false;
    }
    return !landPolygons.some((polygon) => inPolygons(polygon[0][0], polygons));
}

function multiPolygon(polygons) {
    return { type: 'MultiPolygon', coordinates: polygons };
}

function feature(geometry) {
    return { type: 'Feature', properties: {}, geometry };
}

/** The land inside a bounding box, as polygons (empty when the box is all water). */
function landWithin(geo, land, bbox) {
    const pieces = [];
    for (const landFeature of land.features || [land]) {
        const clipped = geo.bboxClip(landFeature, bbox);
        pieces.push(...validPolygons(clipped.geometry));
    }
    return pieces;
}

/** A point inside the territory's largest part for its label, as [lat, lon]. */
function labelPoint(geo, geometry, sites) {
    const parts = ringsOf(geometry);
    if (parts.length === 0) {
        return null;
    }
    let largest = parts[0];
    let largestArea = -1;
    for (const part of parts) {
        const area = geo.area({ type: 'Polygon', coordinates: part });
        if (area > largestArea) {
            largest = part;
            largestArea = area;
        }
    }
    const polygon = { type: 'Polygon', coordinates: largest };
    const center = geo.centroid(polygon).geometry.coordinates;
    if (geo.booleanPointInPolygon(center, polygon)) {
        return [center[1], center[0]];
    }
    // Concave areas: the territory's own unit nearest the centroid lies inside its own cell.
    let best = null;
    let bestDistance = Infinity;
    for (const site of sites) {
        const point = [site.longitude, site.latitude];
        const d = (point[0] - center[0]) ** 2 + (point[1] - center[1]) ** 2;
        if (d < bestDistance && geo.booleanPointInPolygon(point, polygon)) {
            best = point;
            bestDistance = d;
        }
    }
    const at = best || geo.pointOnFeature(polygon).geometry.coordinates;
    return [at[1], at[0]];
}

/**
 * Territory areas from units.
 * @param {object} input
 * @param {object[]} input.units from buildUnits (or a bounded per-unit payload of the same shape)
 * @param {object} [input.land] GeoJSON (Feature)Collection of the land outline; none: no clip
 * @param {object} input.geo the territoryGeo bundle ({ Delaunay, intersect, bboxClip, … })
 * @param {number} [input.reachKm] a unit's area reaches at most about this far from its centroid
 *     where no other unit is near (deserts, the sea, a lone territory on the rep card)
 * @returns {{areas: object[], adjacency: Map<string, Set<string>>, sites: object[],
 *     unclipped: number}} areas: { territoryId, geometry (GeoJSON MultiPolygon), clipped,
 *     labelAt [lat, lon], unitCount }; adjacency: territories whose units are Delaunay neighbours;
 *     sites: the Voronoi sites (units sharing a centroid), each with its territoryId and units
 */
export function computeTerritoryAreas({ units, land, geo, reachKm = 150 }) {
    const sites = sitesOf(units || []);
    const adjacency = new Map();
    if (sites.length === 0) {
        return { areas: [], adjacency, sites, unclipped: 0 };
    }
    const phi0 = sites.reduce((s, site) => s + site.latitude, 0) / sites.length;
    const k = Math.cos((phi0 * Math.PI) / 180);
    const project = (lat, lon) => [lon * k, lat];
    const points = sites.map((site) => project(site.latitude, site.longitude));
    const reach = reachKm / KM_PER_DEGREE;

    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const [x, y] of points) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
    }
    const bounds = [x0 - reach, y0 - reach, x1 + reach, y1 + reach];

    // Empty land keeps its own (undrawn) cells: a grid of phantom sites wherever no unit is within
    // `reach`, so a unit's area ends about halfway to the empty space instead of running on to the
    // coast or across the continent, and shared edges still cancel exactly in the dissolve.
    const real = geo.Delaunay.from(points);
    const all = points.slice();
    const step = reach;
    let hint = 0;
    for (let x = bounds[0] - step; x <= bounds[2] + step; x += step) {
        for (let y = bounds[1] - step; y <= bounds[3] + step; y += step) {
            hint = real.find(x, y, hint);
            const [px, py] = points[hint];
            if ((px - x) ** 2 + (py - y) ** 2 > reach * reach) {
                all.push([x, y]);
            }
        }
    }
    const delaunay = geo.Delaunay.from(all);
    const voronoi = delaunay.voronoi([
        bounds[0] - 2 * step,
        bounds[1] - 2 * step,
        bounds[2] + 2 * step,
        bounds[3] + 2 * step
    ]);

    // Territory adjacency from the Delaunay edges between units of different territories.
    const { triangles, halfedges } = delaunay;
    for (let e = 0; e < triangles.length; e++) {
        const opposite = halfedges[e];
        if (opposite >= 0 && opposite < e) {
            continue;
        }
        const i = triangles[e];
        const j = triangles[e % 3 === 2 ? e - 2 : e + 1];
        if (i >= sites.length || j >= sites.length) {
            continue;
        }
        const a = sites[i].territoryId;
        const b = sites[j].territoryId;
        if (a && b && a !== b) {
            if (!adjacency.has(a)) {
                adjacency.set(a, new Set());
            }
            if (!adjacency.has(b)) {
                adjacency.set(b, new Set());
            }
            adjacency.get(a).add(b);
            adjacency.get(b).add(a);
        }
    }

    const cellsByTerritory = new Map();
    const sitesByTerritory = new Map();
    for (let i = 0; i < sites.length; i++) {
        const site = sites[i];
        const territoryId = site.territoryId;
        if (!territoryId) {
            continue;
        }
        const cell = voronoi.cellPolygon(i);
        if (!cell) {
            continue;
        }
        if (!cellsByTerritory.has(territoryId)) {
            cellsByTerritory.set(territoryId, []);
            sitesByTerritory.set(territoryId, []);
        }
        cellsByTerritory.get(territoryId).push(cell);
        sitesByTerritory.get(territoryId).push(site);
    }

    const areas = [];
    let unclipped = 0;
    for (const [territoryId, cells] of cellsByTerritory) {
        // Back to longitude/latitude; GeoJSON wants outer rings counter-clockwise.
        let polygons = dissolveCells(cells).map((polygon) =>
            polygon.map((ring) => ring.map(([x, y]) => [x / k, y]))
        );
        for (const polygon of polygons) {
            polygon.forEach((ring, index) => {
                const counterClockwise = signedArea(ring) < 0;
                if ((index === 0) !== counterClockwise) {
                    ring.reverse();
                }
            });
        }
        let clipped = false;
        if (land && polygons.length > 0) {
            // A margin, so the land piece's cut edges never touch the territory.
            const [west, south, east, north] = bboxOf(polygons);
            const landPolygons = landWithin(geo, land, [
                west - 0.1,
                south - 0.1,
                east + 0.1,
                north + 0.1
            ]);
            if (landPolygons.length > 0 && insideLand(polygons, landPolygons)) {
                clipped = true;
            } else if (landPolygons.length > 0) {
                try {
                    const result = geo.intersect(
                        geo.featureCollection([
                            feature(multiPolygon(polygons)),
                            feature(multiPolygon(landPolygons))
                        ])
                    );
                    polygons = result ? ringsOf(result.geometry) : [];
                    clipped = true;
                } catch {
                    // A clip the library rejects: the unclipped area is still the territory.
                    unclipped += 1;
                }
            }
        }
        if (polygons.length === 0) {
            continue;
        }
        const geometry = multiPolygon(polygons);
        const territorySites = sitesByTerritory.get(territoryId);
        areas.push({
            territoryId,
            geometry,
            clipped,
            labelAt: labelPoint(geo, geometry, territorySites),
            unitCount: territorySites.reduce((s, site) => s + site.units.length, 0)
        });
    }
    areas.sort((a, b) => (a.territoryId < b.territoryId ? -1 : 1));
    return { areas, adjacency, sites, unclipped };
}

/**
 * Colours so that neighbouring territories never share one: greedy colouring in smallest-last
 * order (at most six colours on a planar adjacency such as the Delaunay graph's), each territory
 * taking the least-used colour its neighbours leave free, so the palette is spread.
 * @param {string[]} territoryIds in a stable order (ties follow it)
 * @param {Map<string, Set<string>>} adjacency
 * @param {string[]} [palette]
 * @returns {Map<string, string>} territory id → colour
 */
export function colorTerritories(territoryIds, adjacency, palette = AREA_PALETTE) {
    const ids = [...new Set(territoryIds)];
    const neighbors = neighborsOf(ids, adjacency);
    const degree = new Map(ids.map((id) => [id, neighbors.get(id).size]));
    const removed = new Set();
    const order = [];
    while (order.length < ids.length) {
        let pick = null;
        for (const id of ids) {
            if (!removed.has(id) && (pick === null || degree.get(id) < degree.get(pick))) {
                pick = id;
            }
        }
        removed.add(pick);
        order.push(pick);
        for (const other of neighbors.get(pick)) {
            degree.set(other, degree.get(other) - 1);
        }
    }
    const colorIndex = new Map();
    const used = [];
    for (const id of order.reverse()) {
        const taken = new Set();
        for (const other of neighbors.get(id)) {
            if (colorIndex.has(other)) {
                taken.add(colorIndex.get(other));
            }
        }
        let best = -1;
        for (let c = 0; c < palette.length; c++) {
            if (!taken.has(c) && (best < 0 || (used[c] || 0) < (used[best] || 0))) {
                best = c;
            }
        }
        if (best < 0) {
            best = palette.length;
            while (taken.has(best)) {
                best += 1;
            }
        }
        used[best] = (used[best] || 0) + 1;
        colorIndex.set(id, best);
    }
    const colors = new Map();
    for (const id of ids) {
        const index = colorIndex.get(id);
        colors.set(id, index < palette.length ? palette[index] : extraColor(index));
    }
    return colors;
}

/** Symmetric neighbour sets of `ids` from an adjacency map (pairs outside `ids` ignored). */
function neighborsOf(ids, adjacency) {
    const neighbors = new Map(ids.map((id) => [id, new Set()]));
    for (const [a, set] of adjacency || []) {
        for (const b of set) {
            if (a !== b && neighbors.has(a) && neighbors.has(b)) {
                neighbors.get(a).add(b);
                neighbors.get(b).add(a);
            }
        }
    }
    return neighbors;
}

/**
 * An adjacency map from border pairs [[id, id]…] (what c-territory-map reports in `adjacency`).
 * @param {Array<[string, string]>} pairs
 * @returns {Map<string, Set<string>>}
 */
export function adjacencyFromPairs(pairs) {
    const adjacency = new Map();
    for (const [a, b] of pairs || []) {
        if (!adjacency.has(a)) adjacency.set(a, new Set());
        adjacency.get(a).add(b);
    }
    return adjacency;
}

/** A territory's own palette slot: a string hash of its id (FNV-1a), the same on every map. */
function paletteSlot(territoryId, size) {
    let hash = 0x811c9dc5;
    const text = String(territoryId);
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0) % size;
}

/**
 * Colours keyed by territory id, not by a territory's place in a list: each territory takes its
 * own palette slot (a hash of its id) unless a neighbour coloured before it (ids in sorted order)
 * holds that colour; then the next free slot. A territory therefore keeps its colour when
 * territories are added or removed elsewhere (a new hire in a scenario), so two maps of different
 * plans colour the same territory alike. Neighbours never share a colour.
 * @param {string[]} territoryIds
 * @param {Map<string, Set<string>>} adjacency
 * @param {string[]} [palette]
 * @returns {Map<string, string>} territory id → colour
 */
export function stableTerritoryColors(territoryIds, adjacency, palette = AREA_PALETTE) {
    const ids = [...new Set(territoryIds)].sort();
    const neighbors = neighborsOf(ids, adjacency);
    const slotOf = new Map();
    for (const id of ids) {
        const taken = new Set([...neighbors.get(id)].map((n) => slotOf.get(n)));
        let slot = paletteSlot(id, palette.length);
        for (let step = 0; step < palette.length && taken.has(slot); step++) {
            slot = (slot + 1) % palette.length;
        }
        if (taken.has(slot)) {
            slot = palette.length;
            while (taken.has(slot)) {
                slot += 1;
            }
        }
        slotOf.set(id, slot);
    }
    return new Map(
        ids.map((id) => {
            const slot = slotOf.get(id);
            return [id, slot < palette.length ? palette[slot] : extraColor(slot)];
        })
    );
}
