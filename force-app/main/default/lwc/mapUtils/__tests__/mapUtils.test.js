import {
    categoricalColor,
    assignTerritoryColors,
    sequentialColor,
    valueScale,
    convexHull,
    buildMapModel,
    boundsOf,
    heatPoints,
    GridIndex,
    planDots,
    pointInPolygon,
    pointsInLasso
} from 'c/mapUtils';

function hueOf(color) {
    return Number(/hsl\((\d+)/.exec(color)[1]);
}

function hueDistance(a, b) {
    const d = Math.abs(a - b) % 360;
    return Math.min(d, 360 - d);
}

// Brute-force hull check: every point lies inside or on the hull (cross product ≥ 0 for a
// counter-clockwise ring), and every hull vertex is an input point.
function isInsideOrOn(hull, p) {
    for (let i = 0; i < hull.length; i++) {
        const a = hull[i];
        const b = hull[(i + 1) % hull.length];
        const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
        if (cross < -1e-12) {
            return false;
        }
    }
    return true;
}

describe('c-map-utils palette', () => {
    it('gives 36 distinct colours, consecutive ones far apart in hue', () => {
        const colors = Array.from({ length: 36 }, (_, i) => categoricalColor(i));
        expect(new Set(colors).size).toBe(36);
        for (let i = 1; i < 36; i++) {
            expect(hueDistance(hueOf(colors[i]), hueOf(colors[i - 1]))).toBeGreaterThanOrEqual(100);
        }
    });

    it('colours territories by name order, independent of input order', () => {
        const a = assignTerritoryColors([
            { id: 't2', name: 'West' },
            { id: 't1', name: 'East' }
        ]);
        const b = assignTerritoryColors([
            { id: 't1', name: 'East' },
            { id: 't2', name: 'West' }
        ]);
        expect(a.get('t1')).toBe(categoricalColor(0));
        expect(a.get('t2')).toBe(categoricalColor(1));
        expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    });

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

describe('c-map-utils convexHull', () => {
    it('returns the square corners counter-clockwise for a square with inner points', () => {
        const hull = convexHull([
            [0, 0],
            [2, 0],
            [2, 2],
            [0, 2],
            [1, 1],
            [1, 0],
            [0.5, 1.5]
        ]);
        expect(hull).toEqual([
            [0, 0],
            [2, 0],
            [2, 2],
            [0, 2]
        ]);
    });

    it('contains every input point on random sets (brute-force check)', () => {
        let seed = 7;
        const random = () => {
            seed = (seed * 16807) % 2147483647;
            return seed / 2147483647;
        };
        for (let round = 0; round < 20; round++) {
            const points = Array.from({ length: 60 }, () => [random() * 10, random() * 10]);
            const hull = convexHull(points);
            expect(hull.length).toBeGreaterThanOrEqual(3);
            for (const p of points) {
                expect(isInsideOrOn(hull, p)).toBe(true);
            }
            for (const v of hull) {
                expect(points.some((p) => p[0] === v[0] && p[1] === v[1])).toBe(true);
            }
        }
    });

    it('returns fewer than three distinct points unchanged and skips duplicates', () => {
        expect(
            convexHull([
                [1, 1],
                [1, 1],
                [2, 2]
            ])
        ).toEqual([
            [1, 1],
            [2, 2]
        ]);
        expect(convexHull(null)).toEqual([]);
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
    it('builds dots, hulls with rep labels, homes, legend and bounds', () => {
        const model = buildMapModel({ accounts, territories });
        expect(model.points.map((p) => p.id)).toEqual(['A1', 'A2', 'A3', 'A4']);
        expect(model.hulls).toHaveLength(1);
        expect(model.hulls[0].label).toBe('North · Dana Ortiz');
        expect(model.hulls[0].ring).toHaveLength(3);
        expect(model.homes).toEqual([
            expect.objectContaining({ name: 'Dana Ortiz', lat: 45, lon: -100, territoryId: 'T1' })
        ]);
        expect(model.legend.map((l) => [l.label, l.count])).toEqual([
            ['North', 3],
            ['South', 1]
        ]);
        expect(model.bounds).toEqual([
            [30, -101],
            [46, -95]
        ]);
        expect(model.points[0].fill).toBe(categoricalColor(0));
        expect(model.points[3].fill).toBe(categoricalColor(1));
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

describe('c-map-utils heat and grid', () => {
    it('weights heat points by potential between 0.1 and 1', () => {
        const heat = heatPoints(accounts);
        expect(heat).toHaveLength(4);
        expect(heat[0]).toEqual([45, -101, 0.1]);
        expect(heat[3]).toEqual([30, -95, 1]);
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
