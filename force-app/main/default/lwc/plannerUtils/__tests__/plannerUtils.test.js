import {
    defaultSettings,
    placeHires,
    buildScenarioRequest,
    estimateApiCalls,
    freshnessText,
    stageLabel,
    applyMoves,
    changeReportCsv,
    territoryLabel
} from 'c/plannerUtils';

const PLAN = {
    territories: [
        {
            id: 'T1',
            name: 'North',
            reps: [{ userId: 'U1', name: 'Dana', capacity: 1.5, isActive: true }]
        },
        { id: 'T2', name: 'South', reps: [{ userId: 'U2', name: 'Lee', isActive: false }] }
    ],
    accounts: [
        { id: 'A1', latitude: 40, longitude: -100, potential: 10, territoryId: 'T1' },
        { id: 'A2', latitude: 42, longitude: -102, potential: 10, territoryId: 'T1' },
        { id: 'A3', latitude: 30, longitude: -90, potential: 100, territoryId: 'T2' }
    ]
};

describe('c-planner-utils settings and request', () => {
    it('starts from the reps of the plan, inactive reps marked leaving', () => {
        const settings = defaultSettings(PLAN);
        expect(settings.reps).toEqual([
            expect.objectContaining({
                userId: 'U1',
                capacity: 1.5,
                leaving: false,
                territoryName: 'North'
            }),
            expect.objectContaining({ userId: 'U2', capacity: 1, leaving: true })
        ]);
        expect(settings.measures.filter((m) => m.enabled).map((m) => m.name)).toEqual([
            'Potential',
            'Workload'
        ]);
        expect(settings.tolerance).toBe(0.05);
    });

    it('places new reps at the centre of the most loaded territory first', () => {
        const hires = placeHires(PLAN, 3);
        expect(hires[0]).toEqual({
            key: 'hire-1',
            name: 'New rep 1',
            lat: 30,
            lon: -90,
            capacity: 1
        });
        expect(hires[1]).toEqual(expect.objectContaining({ lat: 41, lon: -101 }));
        // No third territory: placed inside the US box.
        expect(hires[2].lat).toBeGreaterThanOrEqual(30);
        expect(hires[2].lat).toBeLessThanOrEqual(47);
        expect(placeHires(PLAN, 1, 2)[0].key).toBe('hire-3');
    });

    it('builds the POST /v1/scenarios body from the settings', () => {
        const settings = {
            ...defaultSettings(PLAN),
            name: '  Hire one  ',
            hires: placeHires(PLAN, 1),
            lockedTerritoryIds: ['T1'],
            lockedAccountIds: ['A3']
        };
        settings.measures = settings.measures.map((m) => {
            return m.name === 'Potential' ? { ...m, weight: 2 } : m;
        });
        const request = buildScenarioRequest(
            '0MT1',
            { parentTerritoryId: '', segment: 'SMB' },
            settings
        );
        expect(request).toEqual({
            modelId: '0MT1',
            name: 'Hire one',
            scope: { segment: 'SMB' },
            settings: {
                balance: ['Potential', 'Workload'],
                weights: { Potential: 2, Workload: 1 },
                tolerance: 0.05,
                disruptionWeight: 0.5,
                addReps: [{ name: 'New rep 1', lat: 30, lon: -90, capacity: 1 }],
                removeRepIds: ['U2'],
                lockedTerritoryIds: ['T1'],
                lockedAccountIds: ['A3']
            }
        });
    });

    it('refuses a request without measures or name, saying what to fix', () => {
        const settings = defaultSettings(PLAN);
        expect(() => buildScenarioRequest('0MT1', null, settings)).toThrow(
            'Give the scenario a name.'
        );
        const none = {
            ...settings,
            name: 'x',
            measures: settings.measures.map((m) => ({ ...m, enabled: false }))
        };
        expect(() => buildScenarioRequest('0MT1', null, none)).toThrow(
            'Choose at least one measure to balance.'
        );
    });
});

describe('c-planner-utils texts', () => {
    it('estimates two calls per 200 moves', () => {
        expect(estimateApiCalls(0)).toBe(0);
        expect(estimateApiCalls(1)).toBe(2);
        expect(estimateApiCalls(1204)).toBe(14);
    });

    it('says how fresh the data is', () => {
        const now = Date.parse('2026-11-28T12:00:00Z');
        expect(freshnessText(undefined, now)).toBe('not pulled yet');
        expect(freshnessText('2026-11-28T11:59:30Z', now)).toBe('pulled just now');
        expect(freshnessText('2026-11-28T11:57:00Z', now)).toBe('pulled 3 min ago');
        expect(freshnessText('2026-11-28T09:00:00Z', now)).toBe('pulled 3 h ago');
    });

    it('names job stages', () => {
        expect(stageLabel('balancing')).toBe('Balancing territories');
        expect(stageLabel('custom')).toBe('Custom');
        expect(stageLabel(undefined)).toBe('Working');
    });
});

describe('c-planner-utils compare data', () => {
    it('moves accounts and adds territories of new reps', () => {
        const result = applyMoves(
            PLAN,
            [{ accountId: 'A3', from: 'T2', to: 'new-rep-1' }],
            [{ territoryId: 'new-rep-1', territoryName: 'New rep 1', repName: 'New rep 1' }]
        );
        expect(result.accounts.find((a) => a.id === 'A3').territoryId).toBe('new-rep-1');
        expect(result.accounts.find((a) => a.id === 'A1').territoryId).toBe('T1');
        expect(result.territories.map((t) => t.id)).toEqual(['T1', 'T2', 'new-rep-1']);
        expect(PLAN.accounts[2].territoryId).toBe('T2');
    });

    it('names the territories of new reps', () => {
        expect(territoryLabel('new-2', 'new-2')).toBe('New rep 2');
        expect(territoryLabel('new-2', undefined)).toBe('New rep 2');
        expect(territoryLabel('new-2', 'West hire')).toBe('West hire');
        expect(territoryLabel('T1', 'North')).toBe('North');
        expect(territoryLabel('T1', null)).toBe('T1');
    });

    it('writes the change report as CSV with quoting', () => {
        const csv = changeReportCsv(
            [
                {
                    territoryName: 'North, East',
                    repName: 'Dana "D" Ortiz',
                    accountsBefore: 10,
                    accountsAfter: 12,
                    gained: 3,
                    lost: 1,
                    before: { Potential: 100 },
                    after: { Potential: 120 }
                }
            ],
            ['Potential']
        );
        expect(csv).toBe(
            'Territory,Rep,Accounts before,Accounts after,Gained,Lost,Potential before,Potential after\n' +
                '"North, East","Dana ""D"" Ortiz",10,12,3,1,100,120\n'
        );
    });
});
