import {
    cardView,
    computeTargets,
    deviation,
    distanceKm,
    kpiRatios,
    territoryCapacity
} from 'c/territoryFigures';

// Denver and Boulder, about 39 km apart.
const DENVER = [39.7392, -104.9903];
const BOULDER = [40.015, -105.2705];

describe('c/territoryFigures', () => {
    it('measures great-circle km, and nothing without both points', () => {
        expect(distanceKm(...DENVER, ...BOULDER)).toBeCloseTo(38.9, 0);
        expect(distanceKm(...DENVER, ...DENVER)).toBe(0);
        // Antipodes: half the circumference, where rounding must not push asin past 1.
        expect(distanceKm(0, 0, 0, 180)).toBeCloseTo(Math.PI * 6371.0088, 6);
        expect(distanceKm(null, -104.99, ...BOULDER)).toBeNull();
        expect(distanceKm(...DENVER, undefined, -105)).toBeNull();
    });

    it('counts capacity of active reps; a rep-less territory counts while it holds accounts', () => {
        expect(territoryCapacity({ reps: [{ capacity: 0.5 }, { capacity: '1' }] })).toBe(1.5);
        expect(
            territoryCapacity({ reps: [{ capacity: 2, isActive: false }], accountCount: 3 })
        ).toBe(1);
        expect(territoryCapacity({ reps: [], accountCount: 0 })).toBe(0);
    });

    it('shares the totals by capacity and measures deviation against the target', () => {
        const targets = computeTargets(
            [
                { id: 'A', potential: 300, reps: [{ capacity: 2 }] },
                { id: 'B', potential: 0, reps: [{ capacity: 1 }] }
            ],
            ['potential']
        );
        expect(targets.get('A').potential).toBe(200);
        expect(targets.get('B').potential).toBe(100);
        expect(deviation(300, 200)).toBeCloseTo(0.5);
        expect(deviation(5, 0)).toBeNaN();
    });

    it('derives KPI ratios from the stored sums, and none before figures exist', () => {
        expect(kpiRatios({ sales: 6000, wonDeals: 2, closedDeals: 8 }, 24000)).toEqual({
            sales: 6000,
            wonDeals: 2,
            closedDeals: 8,
            quotaAttainment: 0.25,
            averageDealSize: 3000,
            winRate: 0.25,
            velocityPerMonth: 500
        });
        expect(kpiRatios({ sales: null }, 1000)).toMatchObject({
            sales: null,
            quotaAttainment: null,
            averageDealSize: null,
            winRate: null,
            velocityPerMonth: null
        });
    });

    it('builds the card: own active reps with distances, figures against target, nearest rep', () => {
        const view = cardView({
            account: { latitude: DENVER[0], longitude: DENVER[1], segment: 'SMB' },
            territoryId: 'A',
            territories: [
                {
                    id: 'A',
                    potential: 150,
                    workload: 10,
                    accountCount: 3,
                    reps: [
                        {
                            name: 'Dana',
                            capacity: 1,
                            homeLatitude: BOULDER[0],
                            homeLongitude: BOULDER[1],
                            segment: 'SMB'
                        },
                        {
                            name: 'Gone',
                            capacity: 1,
                            isActive: false,
                            homeLatitude: DENVER[0],
                            homeLongitude: DENVER[1]
                        }
                    ]
                },
                {
                    id: 'B',
                    potential: 50,
                    workload: 10,
                    accountCount: null,
                    reps: [{ name: 'Kim', capacity: 1, homeLatitude: 39.75, homeLongitude: -105 }]
                }
            ]
        });
        expect(view.reps.map((r) => r.name)).toEqual(['Dana']);
        expect(view.reps[0].distanceKm).toBeCloseTo(38.9, 0);
        expect(view.figures).toEqual([
            { measure: 'Potential', value: 150, target: 100, deviation: expect.closeTo(0.5, 9) },
            { measure: 'Workload', value: 10, target: 10, deviation: 0 },
            { measure: 'Accounts', value: 3, target: 1.5, deviation: 1 }
        ]);
        // The nearest active home is Kim's, in the other territory; Gone is inactive.
        expect(view.nearestRep).toMatchObject({ name: 'Kim', isOwn: false });
        expect(view.nearestRep.km).toBeLessThan(2);
        expect(view.segmentMatches).toBe(true);
    });

    it('gives an account without a territory or coordinates no figures and no nearest rep', () => {
        const view = cardView({ account: {}, territoryId: null, territories: [] });
        expect(view.reps).toEqual([]);
        expect(view.figures.map((f) => f.value)).toEqual([null, null, null]);
        expect(view.nearestRep).toBeNull();
        expect(view.segmentMatches).toBeNull();
    });
});
