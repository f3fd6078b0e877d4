import {
    changeReportCsv,
    defaultSettings,
    movedPage,
    plural,
    scenarioSettingsOf,
    settingsFromScenario
} from 'c/plannerUtils';

const PLAN = {
    territories: [
        { id: 'T1', name: 'North', reps: [{ userId: 'U1', name: 'Dana Ortiz' }] },
        { id: 'T2', name: 'South', reps: [{ userId: 'U2', name: 'Lee Park' }] }
    ]
};

describe('c-planner-utils workspace helpers', () => {
    it('says "1 territory" and "2 territories"', () => {
        expect(plural(1, 'territory', 'territories')).toBe('1 territory');
        expect(plural(0, 'territory', 'territories')).toBe('0 territories');
        expect(plural(1204, 'account', 'accounts')).toBe('1,204 accounts');
    });

    it('rounds the CSV numbers to cents (no float noise), keeping them numbers', () => {
        const csv = changeReportCsv(
            [
                {
                    territoryName: 'North',
                    repName: 'Dana Ortiz',
                    accountsBefore: 2,
                    accountsAfter: 1,
                    gained: 0,
                    lost: 1,
                    before: { Potential: 105069937.36000003 },
                    after: { Potential: -0.1 + 0.3 }
                }
            ],
            ['Potential']
        );
        expect(csv.split('\n')[1]).toBe('North,Dana Ortiz,2,1,0,1,105069937.36,0.2');
    });

    it('restores the settings a scenario was generated with over the plan defaults', () => {
        const base = defaultSettings(PLAN);
        const restored = settingsFromScenario(
            {
                balance: ['Workload', 'Count'],
                weights: { Workload: 3 },
                tolerance: 0.08,
                disruptionWeight: 0.2,
                lockedTerritoryIds: ['T2']
            },
            base
        );
        expect(restored.tolerance).toBe(0.08);
        expect(restored.disruptionWeight).toBe(0.2);
        expect(restored.lockedTerritoryIds).toEqual(['T2']);
        expect(restored.measures.map((m) => [m.name, m.enabled, m.weight])).toEqual([
            ['Potential', false, 1],
            ['Workload', true, 3],
            ['Count', true, 1],
            ['DriveTime', false, 1]
        ]);
        expect(restored.reps).toBe(base.reps);
        // Nothing stored: the defaults.
        expect(settingsFromScenario(undefined, base)).toBe(base);
        expect(settingsFromScenario({}, base).tolerance).toBe(0.05);
    });

    it('sends a new hire segment with the request', () => {
        const settings = {
            ...defaultSettings(PLAN),
            hires: [
                { key: 'h1', name: 'Jo', lat: 40, lon: -100, capacity: 1, segment: 'SMB' },
                { key: 'h2', name: 'Al', lat: 41, lon: -101, capacity: 0.5 }
            ]
        };
        expect(scenarioSettingsOf(settings).addReps).toEqual([
            { name: 'Jo', lat: 40, lon: -100, capacity: 1, segment: 'SMB' },
            { name: 'Al', lat: 41, lon: -101, capacity: 0.5 }
        ]);
    });

    it('filters, sorts and pages moved accounts', () => {
        const rows = ['Cedar', 'Acme', 'Birch', 'Delta', 'Echo'].map((account, i) => ({
            key: `A${i}`,
            account,
            fromId: i % 2 ? 'T1' : 'T2',
            toId: 'T3',
            from: i % 2 ? 'North' : 'South',
            to: 'East',
            reason: i < 2 ? 'rep-left' : 'rebalancing',
            why: i < 2 ? 'rep left' : 'rebalancing'
        }));
        const all = movedPage(rows, { pageSize: 2 });
        expect(all.rows.map((r) => r.account)).toEqual(['Acme', 'Birch']);
        expect([all.total, all.page, all.pages]).toEqual([5, 1, 3]);
        const last = movedPage(rows, { pageSize: 2, page: 9 });
        expect([last.page, last.rows.map((r) => r.account)]).toEqual([3, ['Echo']]);
        expect(movedPage(rows, { sortBy: 'account', sortDirection: 'desc' }).rows[0].account).toBe(
            'Echo'
        );
        expect(movedPage(rows, { territoryId: 'T1' }).rows.map((r) => r.account)).toEqual([
            'Acme',
            'Delta'
        ]);
        expect(movedPage(rows, { reason: 'rep-left' }).total).toBe(2);
        expect(movedPage(rows, { text: 'SOUTH' }).rows.map((r) => r.account)).toEqual([
            'Birch',
            'Cedar',
            'Echo'
        ]);
        expect(movedPage([], {})).toEqual({ rows: [], total: 0, page: 1, pages: 1 });
    });
});
