import { buildMapModel, planDots } from 'c/mapUtils';
import { pinOf } from '../../territoryMap/mapRenderer';

const TERRITORIES = [
    {
        id: 'T1',
        name: 'North',
        reps: [{ userId: 'U1', name: 'Dana Ortiz', homeLatitude: 45, homeLongitude: -93 }]
    },
    {
        id: 'T2',
        name: 'South',
        reps: [{ userId: 'U2', name: 'Lee Park', homeLatitude: 30, homeLongitude: -95 }]
    }
];
const ACCOUNTS = [
    { id: 'A1', name: 'Acme', latitude: 44, longitude: -93, territoryId: 'T1' },
    { id: 'A2', name: 'Beta', latitude: 31, longitude: -95, territoryId: 'T2' }
];

describe('c-map-utils moved accounts, hires and leavers', () => {
    it('rings moved accounts, pins new hires and marks leaving reps', () => {
        const model = buildMapModel({
            accounts: ACCOUNTS,
            territories: TERRITORIES,
            movedIds: ['A2'],
            hires: [{ key: 'h1', name: 'Jo Rivera', lat: 35, lon: -90 }],
            leavingRepIds: ['U2']
        });
        expect(model.points.map((p) => [p.id, p.moved])).toEqual([
            ['A1', false],
            ['A2', true]
        ]);
        expect(model.points[1].radius).toBeGreaterThan(model.points[0].radius);
        expect(model.homes.map((h) => [h.name, h.hire, h.leaving])).toEqual([
            ['Dana Ortiz', false, false],
            ['Lee Park', false, true],
            ['Jo Rivera', true, false]
        ]);
        expect(model.homes.map((h) => pinOf(h).title)).toEqual([
            'Home of Dana Ortiz',
            'Home of Lee Park (leaving)',
            'New hire: Jo Rivera'
        ]);
        // The hire's pin counts for the map's bounds.
        expect(model.bounds[1][1]).toBe(-90);
    });

    it('draws moved dots after the others and never merges them away', () => {
        const points = [
            { id: 'a', lat: 0, lon: 0, fill: '#000', opacity: 1, radius: 4, moved: true },
            { id: 'b', lat: 0, lon: 0, fill: '#000', opacity: 1, radius: 4, moved: false },
            { id: 'c', lat: 0, lon: 0, fill: '#000', opacity: 1, radius: 4, moved: false }
        ];
        const plan = planDots(points, () => ({ x: 10, y: 10 }), 100, 100);
        expect(plan.buckets.map((b) => [b.moved, b.xy.length / 2])).toEqual([
            [false, 1],
            [true, 1]
        ]);
        expect(plan.merged).toBe(1);
    });
});
