import {
    AREA_PALETTE,
    buildUnits,
    colorTerritories,
    computeTerritoryAreas,
    dissolveCells,
    unitKeyOf,
    unitsFromPayload
} from 'c/territoryAreas';

// The very files the org serves: the territoryGeo static resource (d3-delaunay and turf modules,
// UMD) and its land outline.
const geo = require('../../../staticresources/territoryGeo/territory-geo.js');
const LAND = require('../../../staticresources/territoryGeo/land.json');

function onLand(lon, lat) {
    return LAND.features.some((f) => geo.booleanPointInPolygon([lon, lat], f));
}

/** Units on a grid over [west, east] × [south, north], only where there is land. */
function gridUnits(west, east, south, north, step, territoryOf) {
    const units = [];
    for (let lon = west; lon <= east + 1e-9; lon += step) {
        for (let lat = south; lat <= north + 1e-9; lat += step) {
            const x = Math.round(lon * 1000) / 1000;
            const y = Math.round(lat * 1000) / 1000;
            if (!onLand(x, y)) {
                continue;
            }
            units.push({
                key: `|${units.length}`,
                postalCode: String(10000 + units.length),
                latitude: y,
                longitude: x,
                accountCount: 1,
                potential: 1,
                workload: 1,
                territoryId: territoryOf(x, y)
            });
        }
    }
    return units;
}

function polygonsOf(area) {
    return area.geometry.coordinates.map((polygon) => ({
        type: 'Polygon',
        coordinates: polygon
    }));
}

function areasContaining(areas, lon, lat) {
    return areas.filter((area) =>
        polygonsOf(area).some((polygon) => geo.booleanPointInPolygon([lon, lat], polygon))
    );
}

/** Distance in degrees from a point to the nearest land boundary segment. */
function distanceToLandBoundary([x, y]) {
    let best = Infinity;
    for (const f of LAND.features) {
        const polygons =
            f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        for (const polygon of polygons) {
            for (const ring of polygon) {
                for (let i = 0; i + 1 < ring.length; i++) {
                    const [ax, ay] = ring[i];
                    const [bx, by] = ring[i + 1];
                    if (
                        Math.max(ax, bx) < x - 1 ||
                        Math.min(ax, bx) > x + 1 ||
                        Math.max(ay, by) < y - 1 ||
                        Math.min(ay, by) > y + 1
                    ) {
                        continue;
                    }
                    const dx = bx - ax;
                    const dy = by - ay;
                    const t = Math.max(
                        0,
                        Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1))
                    );
                    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
                }
            }
        }
    }
    return best;
}

// Four territories as quadrants of the Midwest (all land) and the Californian coast (land and sea).
const quadrant = (x, y) => `${y >= 39 ? 'N' : 'S'}${x >= -95 ? 'E' : 'W'}`;
const coastal = (x) => (x >= -121.5 ? 'inland' : 'coast');

describe('c-territory-areas units', () => {
    it('makes one unit per postal code and segment, the mean of its accounts', () => {
        const { units, unlocated } = buildUnits([
            { id: 'a1', postalCode: '66044', latitude: 38, longitude: -95, territoryId: 'T1' },
            {
                id: 'a2',
                postalCode: ' 66044 ',
                latitude: 39,
                longitude: -96,
                potential: 10,
                workload: 2,
                territoryId: 'T1'
            },
            {
                id: 'a3',
                postalCode: '66044',
                segment: 'Enterprise',
                latitude: 40,
                longitude: -97,
                territoryId: 'T2'
            },
            { id: 'a4', latitude: 41, longitude: -98, potential: 5, territoryId: 'T2' },
            { id: 'a5', postalCode: '66044', latitude: null, longitude: -98, territoryId: 'T1' }
        ]);
        expect(unlocated).toBe(1);
        expect(units).toHaveLength(3);
        const smb = units.find((u) => u.key === '|66044');
        expect(smb).toMatchObject({
            latitude: 38.5,
            longitude: -95.5,
            accountCount: 2,
            potential: 10,
            workload: 2,
            territoryId: 'T1',
            split: false
        });
        expect(units.find((u) => u.key === 'Enterprise|66044').territoryId).toBe('T2');
        // No postal code: the account is its own unit.
        expect(unitKeyOf({ id: 'a4' })).toBe('account:a4');
        expect(units.find((u) => u.key === 'account:a4')).toMatchObject({
            accountId: 'a4',
            accountCount: 1,
            potential: 5
        });
    });

    it('gives a split unit to the territory holding most of its accounts', () => {
        const { units } = buildUnits([
            { id: 'a1', postalCode: '1', latitude: 38, longitude: -95, territoryId: 'T2' },
            { id: 'a2', postalCode: '1', latitude: 38, longitude: -95, territoryId: 'T1' },
            { id: 'a3', postalCode: '1', latitude: 38, longitude: -95, territoryId: 'T2' }
        ]);
        expect(units).toEqual([expect.objectContaining({ territoryId: 'T2', split: true })]);
    });
});

describe('c-territory-areas units from the planner payload', () => {
    it('keys the stored units as accounts are keyed and flags split units', () => {
        const units = unitsFromPayload([
            {
                postalCode: '80202',
                segment: 'SMB',
                latitude: 39.75,
                longitude: -104.99,
                accountCount: 9,
                elsewhereCount: 2,
                approximateCount: 3,
                potential: 100,
                workload: 5,
                territoryId: 'T1'
            },
            {
                postalCode: 'sw1a 1aa',
                segment: null,
                latitude: 51.5,
                longitude: -0.14,
                accountCount: 1,
                elsewhereCount: 0,
                potential: null,
                workload: null,
                territoryId: null
            },
            {
                postalCode: '10001',
                latitude: null,
                longitude: -73.99,
                accountCount: 4,
                territoryId: 'T2'
            }
        ]);
        expect(units).toEqual([
            expect.objectContaining({
                key: unitKeyOf({ postalCode: '80202', segment: 'SMB' }),
                accountCount: 9,
                elsewhereCount: 2,
                approximateCount: 3,
                split: true,
                territoryId: 'T1'
            }),
            expect.objectContaining({
                key: '|SW1A 1AA',
                segment: null,
                approximateCount: 0,
                potential: 0,
                workload: 0,
                split: false,
                territoryId: null
            })
        ]);
        expect(unitsFromPayload(undefined)).toEqual([]);
    });

    it('gives the stored units areas like units built from accounts', () => {
        const payload = [
            {
                postalCode: '1',
                latitude: 40,
                longitude: -100,
                accountCount: 3,
                potential: 1,
                territoryId: 'T1'
            },
            {
                postalCode: '2',
                latitude: 40,
                longitude: -96,
                accountCount: 2,
                potential: 1,
                territoryId: 'T2'
            },
            {
                postalCode: '3',
                latitude: 37,
                longitude: -98,
                accountCount: 2,
                potential: 1,
                territoryId: 'T2'
            }
        ];
        const { areas } = computeTerritoryAreas({
            units: unitsFromPayload(payload),
            land: LAND,
            geo
        });
        expect(areas.map((a) => a.territoryId).sort()).toEqual(['T1', 'T2']);
    });
});

describe('c-territory-areas dissolve', () => {
    const square = (x, y) => [
        [x, y],
        [x + 1, y],
        [x + 1, y + 1],
        [x, y + 1],
        [x, y]
    ];

    it('merges cells that share an edge into one outline', () => {
        const [polygon, ...rest] = dissolveCells([square(0, 0), square(1, 0)]);
        expect(rest).toHaveLength(0);
        expect(polygon).toHaveLength(1);
        const xs = polygon[0].map((p) => p[0]);
        expect(Math.min(...xs)).toBe(0);
        expect(Math.max(...xs)).toBe(2);
        // The shared edge is gone: 4 corners and the closing point, plus the two mid-edge points.
        expect(polygon[0]).toHaveLength(7);
    });

    it('keeps a hole where cells surround a gap', () => {
        const ring = [];
        for (let x = 0; x < 3; x++) {
            for (let y = 0; y < 3; y++) {
                if (x !== 1 || y !== 1) {
                    ring.push(square(x, y));
                }
            }
        }
        const polygons = dissolveCells(ring);
        expect(polygons).toHaveLength(1);
        expect(polygons[0]).toHaveLength(2);
    });
});

describe('c-territory-areas areas', () => {
    it('draws every territory as one area inside the land, each unit in exactly its own', () => {
        const units = gridUnits(-100, -90, 36, 42, 0.5, quadrant);
        const { areas, adjacency, unclipped } = computeTerritoryAreas({
            units,
            land: LAND,
            geo
        });

        expect(unclipped).toBe(0);
        expect(areas.map((a) => a.territoryId).sort()).toEqual(['NE', 'NW', 'SE', 'SW']);
        for (const area of areas) {
            expect(area.geometry.type).toBe('MultiPolygon');
            // Contiguous units: one piece each.
            expect(area.geometry.coordinates).toHaveLength(1);
            for (const ring of area.geometry.coordinates[0]) {
                expect(ring.length).toBeGreaterThanOrEqual(4);
                expect(ring[0]).toEqual(ring[ring.length - 1]);
            }
            // The label point lies inside the area.
            const [lat, lon] = area.labelAt;
            expect(areasContaining([area], lon, lat)).toHaveLength(1);
        }
        for (const unit of units) {
            const containing = areasContaining(areas, unit.longitude, unit.latitude);
            expect(containing.map((a) => a.territoryId)).toEqual([unit.territoryId]);
        }
        // Quadrants: each touches two others, diagonal ones do not (or only at a corner).
        expect([...adjacency.get('NE')].sort()).toEqual(expect.arrayContaining(['NW', 'SE']));
        // No overlap between territories.
        for (let i = 0; i < areas.length; i++) {
            for (let j = i + 1; j < areas.length; j++) {
                const overlap = geo.intersect(
                    geo.featureCollection([
                        { type: 'Feature', properties: {}, geometry: areas[i].geometry },
                        { type: 'Feature', properties: {}, geometry: areas[j].geometry }
                    ])
                );
                expect(overlap ? geo.area(overlap) : 0).toBeLessThan(1);
            }
        }
    });

    it('clips areas at the coast: every corner is on land or on the shore line', () => {
        const units = gridUnits(-124.5, -119.5, 35, 39.5, 0.5, coastal);
        expect(units.length).toBeGreaterThan(20);
        const { areas, unclipped } = computeTerritoryAreas({ units, land: LAND, geo });

        expect(unclipped).toBe(0);
        expect(areas).toHaveLength(2);
        for (const area of areas) {
            expect(area.clipped).toBe(true);
            for (const polygon of area.geometry.coordinates) {
                for (const [lon, lat] of polygon[0]) {
                    const inside = onLand(lon, lat) || distanceToLandBoundary([lon, lat]) < 1e-6;
                    expect(inside).toBe(true);
                }
            }
        }
        // Open sea 40 km off Monterey Bay belongs to no territory, the shore town does.
        expect(areasContaining(areas, -122.4, 36.6)).toHaveLength(0);
        for (const unit of units) {
            expect(
                areasContaining(areas, unit.longitude, unit.latitude).map((a) => a.territoryId)
            ).toEqual([unit.territoryId]);
        }
    });

    it('keeps a lone territory near its units instead of filling the continent', () => {
        const units = gridUnits(-105.5, -104.5, 39.5, 40.5, 0.25, () => 'Denver');
        const { areas } = computeTerritoryAreas({ units, land: LAND, geo, reachKm: 100 });
        expect(areas).toHaveLength(1);
        const corners = areas[0].geometry.coordinates.flatMap((polygon) => polygon[0]);
        const lons = corners.map((c) => c[0]);
        const lats = corners.map((c) => c[1]);
        // About 100 km (0.9° of latitude, 1.2° of longitude here) around the units, not more.
        expect(Math.min(...lats)).toBeGreaterThan(39.5 - 1.8);
        expect(Math.max(...lats)).toBeLessThan(40.5 + 1.8);
        expect(Math.min(...lons)).toBeGreaterThan(-105.5 - 2.4);
        expect(Math.max(...lons)).toBeLessThan(-104.5 + 2.4);
        expect(Math.max(...lats)).toBeGreaterThan(40.5 + 0.2);
    });

    it('gives nothing for no units', () => {
        expect(computeTerritoryAreas({ units: [], land: LAND, geo }).areas).toEqual([]);
    });
});

describe('c-territory-areas colours', () => {
    it('never gives neighbouring territories the same colour on a real adjacency', () => {
        // 20 territories of unequal, interleaved shapes: nearest of 20 scattered seeds.
        let seed = 7;
        const random = () => {
            seed = (seed * 16807) % 2147483647;
            return seed / 2147483647;
        };
        const seeds = Array.from({ length: 20 }, (_, i) => ({
            id: `T${String(i).padStart(2, '0')}`,
            x: -100 + random() * 12,
            y: 35 + random() * 8
        }));
        const distance = (s, x, y) => (s.x - x) ** 2 + (s.y - y) ** 2;
        const nearest = (x, y) => {
            let best = seeds[0];
            for (const s of seeds) {
                if (distance(s, x, y) < distance(best, x, y)) {
                    best = s;
                }
            }
            return best.id;
        };
        const units = gridUnits(-100, -88, 35, 43, 0.4, nearest);
        const { adjacency } = computeTerritoryAreas({ units, land: LAND, geo });
        const ids = seeds.map((s) => s.id);
        const colors = colorTerritories(ids, adjacency);

        let pairs = 0;
        for (const [a, neighbours] of adjacency) {
            for (const b of neighbours) {
                pairs += 1;
                expect(colors.get(a)).not.toBe(colors.get(b));
            }
        }
        expect(pairs).toBeGreaterThan(40);
        const used = new Set(colors.values());
        for (const color of used) {
            expect(AREA_PALETTE).toContain(color);
        }
        // Planar adjacency, smallest-last greedy: at most six colours, spread over more than 4.
        expect(used.size).toBeLessThanOrEqual(AREA_PALETTE.length);
        expect(used.size).toBeGreaterThan(3);
        // Deterministic.
        expect([...colorTerritories(ids, adjacency)]).toEqual([...colors]);
    });

    it('adds colours beyond the palette when every palette colour is taken by neighbours', () => {
        const ids = ['a', 'b', 'c', 'd'];
        const adjacency = new Map(ids.map((id) => [id, new Set(ids.filter((o) => o !== id))]));
        const colors = colorTerritories(ids, adjacency, ['#111111', '#222222']);
        expect(new Set(colors.values()).size).toBe(4);
    });
});
