import {
    sequentialColor,
    valueScale,
    buildMapModel,
    boundsOf,
    heatLayerData,
    GridIndex,
    placeLabels,
    planDots,
    pointInPolygon,
    pointsInLasso,
    approximateText
} from 'c/mapUtils';

import { AREA_PALETTE, buildUnits } from 'c/territoryAreas';

describe('c-map-utils sequential scale', () => {
    it('maps the sequential scale ends to the viridis ends and clamps', () => {
        expect(sequentialColor(0)).toBe('rgb(68, 1, 84)');
        expect(sequentialColor(1)).toBe('rgb(253, 231, 37)');
        expect(sequentialColor(-3)).toBe('rgb(68, 1, 84)');
        expect(sequentialColor(7)).toBe('rgb(253, 231, 37)');
        expect(sequentialColor(0.5)).toBe('rgb(33, 145, 140)');
    });
});

describe('c-map-utils valueScale', () => {
    it('spans the 5th to 95th percentile so outliers do not wash out colours', () => {
        const values = Array.from({ length: 101 }, (_, i) => i);
        values.push(1e9);
        const scale = valueScale(values);
        expect(scale.min).toBe(5);
        expect(scale.max).toBe(95);
        expect(scale.normalize(1e9)).toBe(1);
        expect(scale.normalize(0)).toBe(0);
    });

    it('handles no values and equal values', () => {
        expect(valueScale([]).normalize(3)).toBe(0);
        expect(valueScale([2, 2, 2]).normalize(2)).toBe(0.5);
    });
});

const territories = [
    {
        id: 'T1',
        name: 'North',
        reps: [{ userId: 'U1', name: 'Dana Ortiz', homeLatitude: 45, homeLongitude: -100 }]
    },
    { id: 'T2', name: 'South', reps: [] }
];
const accounts = [
    { id: 'A1', name: 'Acme', latitude: 45, longitude: -101, potential: 10, territoryId: 'T1' },
    { id: 'A2', name: 'Beta', latitude: 46, longitude: -100, potential: 20, territoryId: 'T1' },
    { id: 'A3', name: 'Core', latitude: 44, longitude: -99, potential: 30, territoryId: 'T1' },
    { id: 'A4', name: 'Delta', latitude: 30, longitude: -95, potential: 40, territoryId: 'T2' },
    { id: 'A5', name: 'NoGeo', latitude: null, longitude: null, potential: 5, territoryId: 'T2' }
];

describe('c-map-utils buildMapModel', () => {
    it('builds dots, homes, legend and bounds; colours territories from the palette', () => {
        const model = buildMapModel({ accounts, territories });
        expect(model.points.map((p) => p.id)).toEqual(['A1', 'A2', 'A3', 'A4']);
        expect(model.areas).toEqual([]);
        expect(model.unitDots).toBe(false);
        expect(model.homes).toEqual([
            expect.objectContaining({ name: 'Dana Ortiz', lat: 45, lon: -100, territoryId: 'T1' })
        ]);
        // Counts are of every account, located or not.
        expect(model.legend.map((l) => [l.label, l.count])).toEqual([
            ['North', 3],
            ['South', 2]
        ]);
        expect(model.bounds).toEqual([
            [30, -101],
            [46, -95]
        ]);
        expect(AREA_PALETTE).toContain(model.points[0].fill);
        expect(model.points[3].fill).not.toBe(model.points[0].fill);
    });

    it('turns territory areas into labelled latitude/longitude rings', () => {
        const areas = [
            {
                territoryId: 'T1',
                geometry: {
                    type: 'MultiPolygon',
                    coordinates: [
                        [
                            [
                                [-102, 43],
                                [-98, 43],
                                [-98, 47],
                                [-102, 43]
                            ]
                        ]
                    ]
                },
                labelAt: [45, -100]
            },
            {
                territoryId: 'T2',
                geometry: {
                    type: 'MultiPolygon',
                    coordinates: [
                        [
                            [
                                [-96, 29],
                                [-94, 29],
                                [-94, 31],
                                [-96, 29]
                            ]
                        ]
                    ]
                },
                labelAt: [30, -95]
            }
        ];
        const adjacency = new Map([
            ['T1', new Set(['T2'])],
            ['T2', new Set(['T1'])]
        ]);
        const model = buildMapModel({
            accounts,
            territories,
            areas,
            adjacency,
            selectedTerritoryId: 'T1'
        });
        expect(model.areas).toHaveLength(2);
        const [north, south] = model.areas;
        expect(north).toMatchObject({
            territoryId: 'T1',
            label: 'Dana Ortiz',
            title: 'North · Dana Ortiz',
            labelAt: [45, -100],
            selected: true
        });
        expect(north.latlngs[0][0][1]).toEqual([43, -98]);
        // No rep: the label says so.
        expect(south.label).toBe('South (no rep)');
        // Neighbours differ; dots and legend use the area colours.
        expect(north.color).not.toBe(south.color);
        expect(model.legend[0].color).toBe(north.color);
        expect(model.points[0].fill).toBe(north.color);
    });

    it('draws one dot per unit from a unit payload, with counts of all accounts', () => {
        const { units } = buildUnits([
            ...accounts,
            { id: 'A6', latitude: 45, longitude: -101, territoryId: 'T1' }
        ]);
        const model = buildMapModel({ accounts: [], units, territories });
        expect(model.unitDots).toBe(true);
        // A5 has no location: its unit is not drawn; A1 and A6 are two units (no postal codes).
        expect(model.points).toHaveLength(5);
        expect(model.legend.map((l) => l.count)).toEqual([4, 1]);
        expect(model.points[0].name).toBe('Acme · 1 accounts');
    });

    it('counts unit dots by the territories own figures and names accounts elsewhere', () => {
        const units = [
            {
                key: '|1',
                postalCode: '1',
                latitude: 45,
                longitude: -100,
                accountCount: 10,
                elsewhereCount: 2,
                territoryId: 'T1'
            },
            {
                key: '|2',
                postalCode: '2',
                latitude: 40,
                longitude: -95,
                accountCount: 5,
                elsewhereCount: 0,
                territoryId: 'T2'
            }
        ];
        const stored = [
            { ...territories[0], accountCount: 8 },
            { ...territories[1], accountCount: 7 }
        ];
        const model = buildMapModel({ accounts: [], units, territories: stored });
        // Two of unit 1's accounts are in T2: the stored figures count them there.
        expect(model.legend.map((l) => l.count)).toEqual([8, 7]);
        expect(model.points[0].name).toBe('Postal code 1 · 10 accounts (2 in other territories)');
        expect(model.points[1].name).toBe('Postal code 2 · 5 accounts');
        // Without stored figures the units count for their majority territory.
        expect(
            buildMapModel({ accounts: [], units, territories }).legend.map((l) => l.count)
        ).toEqual([10, 5]);
    });

    it('says how many of the accounts of a unit dot are placed at the ZIP centre', () => {
        const units = [
            {
                key: '|80202',
                postalCode: '80202',
                latitude: 39.75,
                longitude: -104.99,
                accountCount: 10,
                elsewhereCount: 2,
                approximateCount: 3,
                territoryId: 'T1'
            },
            {
                key: '|80203',
                postalCode: '80203',
                latitude: 39.73,
                longitude: -104.98,
                accountCount: 4,
                elsewhereCount: 0,
                approximateCount: 1,
                territoryId: 'T2'
            },
            {
                key: '|80204',
                postalCode: '80204',
                latitude: 39.74,
                longitude: -105.02,
                accountCount: 5,
                territoryId: 'T2'
            }
        ];
        const model = buildMapModel({ accounts: [], units, territories });
        expect(model.points.map((p) => p.name)).toEqual([
            'Postal code 80202 · 10 accounts (2 in other territories) · 3 accounts placed at the ZIP centre',
            'Postal code 80203 · 4 accounts · 1 account placed at the ZIP centre',
            'Postal code 80204 · 5 accounts'
        ]);
        expect(model.approximateAccounts).toBe(4);
        // Account dots are where the accounts are: none is approximate on the map.
        expect(buildMapModel({ accounts, units, territories }).approximateAccounts).toBe(0);
        expect(approximateText(0)).toBe('');
        expect(approximateText(undefined)).toBe('');
    });

    it('takes legend counts from the territories when the accounts are partial', () => {
        const model = buildMapModel({
            accounts,
            territories: [
                { ...territories[0], accountCount: 40000 },
                { ...territories[1], accountCount: 10000 }
            ],
            partial: true
        });
        expect(model.legend.map((l) => l.count)).toEqual([40000, 10000]);
        expect(buildMapModel({ accounts, territories, partial: true }).legend[0].count).toBe(3);
    });

    it('dims other territories when one is selected and enlarges the highlighted account', () => {
        const model = buildMapModel({
            accounts,
            territories,
            selectedTerritoryId: 'T2',
            highlightAccountId: 'A4'
        });
        const byId = Object.fromEntries(model.points.map((p) => [p.id, p]));
        expect(byId.A1.opacity).toBeLessThan(byId.A4.opacity);
        expect(byId.A4.radius).toBeGreaterThan(byId.A1.radius);
        expect(model.legend.find((l) => l.territoryId === 'T2').selected).toBe(true);
    });

    it('colours by a measure on the sequential scale', () => {
        const model = buildMapModel({ accounts, territories, colorBy: 'potential' });
        expect(model.scale).not.toBeNull();
        expect(model.points[0].fill).toBe(sequentialColor(0));
        expect(model.points[3].fill).toBe(sequentialColor(1));
    });

    it('gives null bounds without located accounts', () => {
        expect(boundsOf([], [])).toBeNull();
        expect(buildMapModel({ accounts: [], territories: [] }).points).toEqual([]);
    });
});

describe('c-map-utils placeLabels', () => {
    const project = ({ lat, lon }) => ({ x: lon * 10, y: -lat * 10 });

    it('keeps the larger territory where two labels would overlap, and both apart', () => {
        const labels = [
            { key: 'small', text: 'Ann Lee', lat: 40, lon: 0.5, priority: 10 },
            { key: 'big', text: 'Bo Chen', lat: 40, lon: 0, priority: 90 },
            { key: 'far', text: 'Cy Diaz', lat: 30, lon: 0, priority: 1 }
        ];
        expect([...placeLabels(labels, project)].sort()).toEqual(['big', 'far']);
        // Zoomed in (10× the pixels), all three fit.
        const zoomed = ({ lat, lon }) => ({ x: lon * 100, y: -lat * 100 });
        expect(placeLabels(labels, zoomed).size).toBe(3);
    });

    it('always shows the selected territory first', () => {
        const labels = [
            { key: 'big', text: 'Bo Chen', lat: 40, lon: 0, priority: 90 },
            { key: 'picked', text: 'Ann Lee', lat: 40, lon: 0.5, priority: Infinity }
        ];
        expect([...placeLabels(labels, project)]).toEqual(['picked']);
    });
});

describe('c-map-utils heat and grid', () => {
    it('sums potential per unit for the heat layer and gives its scale', () => {
        const { units } = buildUnits([
            { id: 'a', postalCode: '1', latitude: 40, longitude: -100, potential: 30 },
            { id: 'b', postalCode: '1', latitude: 42, longitude: -100, potential: 10 },
            { id: 'c', postalCode: '2', latitude: 30, longitude: -90, potential: 20 },
            { id: 'd', postalCode: '3', latitude: 35, longitude: -95, potential: 0 }
        ]);
        const heat = heatLayerData(units);
        expect(heat).toMatchObject({ min: 0, max: 40, measure: 'potential' });
        expect(heat.points).toEqual([
            [41, -100, 1],
            [30, -90, 0.5]
        ]);
        expect(heatLayerData([]).points).toEqual([]);
    });

    it('finds the nearest point as a brute-force scan would', () => {
        let seed = 3;
        const random = () => {
            seed = (seed * 16807) % 2147483647;
            return seed / 2147483647;
        };
        const points = Array.from({ length: 500 }, (_, i) => ({
            id: i,
            lat: 30 + random() * 10,
            lon: -100 + random() * 10
        }));
        const grid = new GridIndex(points, 0.5);
        for (let q = 0; q < 50; q++) {
            const lat = 30 + random() * 10;
            const lon = -100 + random() * 10;
            const scale = Math.cos((lat * Math.PI) / 180);
            let best = null;
            let bestD = 0.3 * 0.3;
            for (const p of points) {
                const d = (p.lat - lat) ** 2 + ((p.lon - lon) * scale) ** 2;
                if (d <= bestD) {
                    bestD = d;
                    best = p;
                }
            }
            expect(grid.nearest(lat, lon, 0.3)).toBe(best);
        }
    });
});

describe('c-map-utils planDots', () => {
    const project = (p) => ({ x: p.lon, y: p.lat });
    const dot = (id, lat, lon, extra = {}) => ({
        id,
        lat,
        lon,
        fill: 'red',
        opacity: 0.9,
        radius: 4,
        highlighted: false,
        ...extra
    });

    it('culls dots outside the view and merges dots sharing a 2-px cell and style', () => {
        const plan = planDots(
            [
                dot('a', 10, 10),
                dot('b', 10.4, 10.4),
                dot('c', 10, 10, { fill: 'blue' }),
                dot('d', 50, 50),
                dot('e', 500, 10)
            ],
            project,
            100,
            100
        );
        expect(plan.drawn).toBe(3);
        expect(plan.merged).toBe(1);
        expect(plan.buckets.map((b) => [b.fill, b.xy])).toEqual([
            ['red', [10, 10, 50, 50]],
            ['blue', [10, 10]]
        ]);
    });

    it('never merges the highlighted account and draws it last', () => {
        const plan = planDots(
            [dot('h', 10, 10, { highlighted: true, radius: 9 }), dot('a', 10, 10)],
            project,
            100,
            100
        );
        expect(plan.buckets.map((b) => b.highlighted)).toEqual([false, true]);
        expect(plan.drawn).toBe(2);
    });
});

describe('c-map-utils lasso', () => {
    // An L-shaped ring: the notch (lat 1–2, lon 1–2) is outside.
    const ring = [
        [0, 0],
        [0, 2],
        [1, 2],
        [1, 1],
        [2, 1],
        [2, 0]
    ];

    it('tests points against a concave ring', () => {
        expect(pointInPolygon(0.5, 0.5, ring)).toBe(true);
        expect(pointInPolygon(0.5, 1.5, ring)).toBe(true);
        expect(pointInPolygon(1.5, 0.5, ring)).toBe(true);
        expect(pointInPolygon(1.5, 1.5, ring)).toBe(false);
        expect(pointInPolygon(3, 3, ring)).toBe(false);
    });

    it('selects the points inside and nothing for a degenerate ring', () => {
        const points = [
            { id: 'in', lat: 0.5, lon: 0.5 },
            { id: 'notch', lat: 1.5, lon: 1.5 },
            { id: 'far', lat: 5, lon: 5 }
        ];
        expect(pointsInLasso(points, ring)).toEqual(['in']);
        expect(pointsInLasso(points, ring.slice(0, 2))).toEqual([]);
    });
});
