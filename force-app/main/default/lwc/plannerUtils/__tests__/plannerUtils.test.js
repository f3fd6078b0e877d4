import {
    defaultSettings,
    placeHires,
    buildScenarioRequest,
    estimateApiCalls,
    freshnessText,
    stageLabel,
    applyMoves,
    changeReportCsv,
    territoryLabel,
    hasCurrentPlan,
    withDesign,
    moveReasonText,
    settingsDifferences,
    scenarioSettingsOf,
    tradeOffView
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

    it('neutralises formulas in text cells and quotes CR, keeping numbers (negative ones too) numeric', () => {
        const change = (territoryName, repName, extra = {}) => ({
            territoryName,
            repName,
            accountsBefore: 5,
            accountsAfter: 4,
            gained: 0,
            lost: 1,
            before: { '=Potential': 10 },
            after: { '=Potential': -2.5 },
            ...extra
        });
        const csv = changeReportCsv(
            [
                change('=HYPERLINK("http://x.test","go")', '+1+1'),
                change('-2+3', '@SUM(A1)'),
                change('\tTab', '\rCR'),
                change('Line\rbreak', '＝SUM(1)'),
                change('ＡＢ＝1', 'A-1'),
                change('North', 'Ann', { gained: '=1+1' })
            ],
            ['=Potential']
        );
        expect(csv.split('\n')).toEqual([
            "Territory,Rep,Accounts before,Accounts after,Gained,Lost,'=Potential before,'=Potential after",
            '"\'=HYPERLINK(""http://x.test"",""go"")",\'+1+1,5,4,0,1,10,-2.5',
            "'-2+3,'@SUM(A1),5,4,0,1,10,-2.5",
            '\'\tTab,"\'\rCR",5,4,0,1,10,-2.5',
            '"Line\rbreak",\'＝SUM(1),5,4,0,1,10,-2.5',
            'ＡＢ＝1,A-1,5,4,0,1,10,-2.5',
            "North,Ann,5,4,'=1+1,1,10,-2.5",
            ''
        ]);
    });
});

describe('c-planner-utils fresh design and rebalancing', () => {
    it('rebalances a current plan halfway between compact and few changes', () => {
        const settings = defaultSettings(PLAN);
        expect(hasCurrentPlan(PLAN)).toBe(true);
        expect(settings.design).toBe('rebalance');
        expect(settings.disruptionWeight).toBe(0.5);
    });

    it('designs afresh, most compact, when no account is in a territory yet', () => {
        const noAssignments = {
            territories: PLAN.territories,
            accounts: PLAN.accounts.map((a) => ({ ...a, territoryId: undefined }))
        };
        expect(hasCurrentPlan(noAssignments)).toBe(false);
        expect(defaultSettings(noAssignments)).toMatchObject({
            design: 'scratch',
            disruptionWeight: 0
        });
        expect(defaultSettings(null)).toMatchObject({ design: 'scratch', disruptionWeight: 0 });
    });

    it('sees a current plan in per-unit aggregates or stored figures when no account is sent', () => {
        expect(hasCurrentPlan({ accounts: [], units: [{ territoryId: 'T1' }] })).toBe(true);
        expect(
            hasCurrentPlan({ accounts: [], territories: [{ id: 'T1', accountCount: 40 }] })
        ).toBe(true);
        expect(hasCurrentPlan({ accounts: [], territories: [{ id: 'T1', accountCount: 0 }] })).toBe(
            false
        );
    });

    it('moves the slider to the chosen design default, and back', () => {
        const scratch = withDesign(defaultSettings(PLAN), 'scratch');
        expect(scratch).toMatchObject({ design: 'scratch', disruptionWeight: 0 });
        expect(withDesign(scratch, 'rebalance')).toMatchObject({
            design: 'rebalance',
            disruptionWeight: 0.5
        });
        // The design is the planner's: the service gets the slider's weight only.
        const request = buildScenarioRequest('0MT1', null, { ...scratch, name: 'Afresh' });
        expect(request.settings.disruptionWeight).toBe(0);
        expect(request.settings).not.toHaveProperty('design');
    });
});

describe('c-planner-utils reasons of moves', () => {
    const names = new Map([
        ['T1', 'Minneapolis 1'],
        ['T2', 'Denver 2']
    ]);
    const text = (reason, repLeft) =>
        moveReasonText({ accountId: 'A', from: 'T1', to: 'T2', reason }, names, repLeft);

    it('names the territory, the measure and by how much for balance moves', () => {
        expect(text({ code: 'over-target', measure: 'Potential', deviation: 0.184 })).toBe(
            'Minneapolis 1 over target on potential (+18 %)'
        );
        expect(text({ code: 'under-target', measure: 'Workload', deviation: -0.12 })).toBe(
            'Denver 2 under target on workload (-12 %)'
        );
        expect(text({ code: 'over-target', measure: 'Count', deviation: 1 })).toBe(
            'Minneapolis 1 over target on account count (+100 %)'
        );
    });

    it('says when the account moved with its whole postal unit', () => {
        expect(
            text({
                code: 'over-target',
                measure: 'Potential',
                deviation: 0.3,
                postalCode: '55401',
                unitAccounts: 12
            })
        ).toBe(
            'Minneapolis 1 over target on potential (+30 %); moved with its postal unit 55401 (12 accounts)'
        );
        expect(text({ code: 'unit', postalCode: '55401' })).toBe(
            'contiguity: its postal unit 55401 was split and now lies whole in Denver 2'
        );
    });

    it('words every other reason', () => {
        expect(text({ code: 'rep-left' }, 'Dana Ortiz')).toBe('rep left (Dana Ortiz)');
        expect(text({ code: 'rep-left' })).toBe('rep left');
        expect(text({ code: 'unassigned' })).toBe('was unassigned');
        expect(text({ code: 'new-rep' })).toBe('to a new rep');
        expect(text({ code: 'locked' })).toBe('locked to Denver 2');
        expect(text({ code: 'named' })).toBe('named account, placed on its own');
        expect(text({ code: 'closer', fromKm: 1570, toKm: 12 })).toBe(
            "closer to its new rep's home (12 km instead of 1,570 km)"
        );
        expect(text({ code: 'rebalancing' })).toBe('rebalancing');
    });
});

describe('c-planner-utils trade-off', () => {
    const settings = defaultSettings(PLAN);
    const ANSWER = {
        scenarioId: 'a01',
        name: 'Q3',
        status: 'Ready',
        settings: { ...scenarioSettingsOf(settings) },
        point: { disruptionWeight: 0.5, travelKm: 12000.4, accountsMoved: 40, maxDeviation: 0.041 },
        ends: null
    };
    const ENDS = {
        computedAt: '2026-12-01T10:00:00.000Z',
        current: { travelKm: 14000, maxDeviation: 0.278 },
        compact: { disruptionWeight: 0, travelKm: 10000, accountsMoved: 300, maxDeviation: 0.04 },
        fewestChanges: {
            disruptionWeight: 1,
            travelKm: 13500,
            accountsMoved: 12,
            maxDeviation: 0.049
        }
    };

    it('asks for a scenario before showing any figure', () => {
        expect(tradeOffView(undefined, settings, null)).toEqual({
            empty: true,
            text: expect.stringContaining('Generate a scenario to see what this point costs')
        });
        expect(tradeOffView(undefined, settings, null, { unavailable: true }).text).toContain(
            'cannot be reached'
        );
    });

    it('shows the chosen point and says the ends are not computed yet', () => {
        const view = tradeOffView(ANSWER, settings, null);
        expect(view.rows).toEqual([
            {
                key: 'compact',
                label: 'Most compact (0)',
                computed: false,
                missingText: 'Not computed yet: compute both ends to see it.'
            },
            {
                key: 'point',
                label: 'Your point (50)',
                computed: true,
                travelText: '12,000 km',
                movedText: '40 moved',
                deviationText: '4.1 % max dev.'
            },
            expect.objectContaining({ key: 'fewest', computed: false })
        ]);
        expect(view).toMatchObject({
            canCompute: true,
            computeLabel: 'Compute both ends',
            note: ''
        });
        expect(view.source).toBe(
            'From "Q3", generated at 50; moves are counted against the current plan.'
        );
        expect(tradeOffView(ANSWER, settings, null, { busy: true }).canCompute).toBe(false);
    });

    it('shows both ends and the current plan once computed', () => {
        const view = tradeOffView({ ...ANSWER, ends: ENDS }, settings, null);
        expect(view.rows.map((r) => [r.label, r.travelText, r.movedText])).toEqual([
            ['Most compact (0)', '10,000 km', '300 moved'],
            ['Your point (50)', '12,000 km', '40 moved'],
            ['Fewest changes (100)', '13,500 km', '12 moved']
        ]);
        expect(view.currentText).toBe('Current plan on the same data: 14,000 km, 27.8 % max dev.');
        expect(view.computeLabel).toBe('Compute the ends again');
    });

    it('does not pass off the figures of another point or other settings', () => {
        const moved = tradeOffView(ANSWER, { ...settings, disruptionWeight: 0.7 }, null);
        expect(moved.rows[1]).toEqual({
            key: 'point',
            label: 'Your point (70)',
            computed: false,
            missingText: 'Not generated at 70 yet ("Q3" was generated at 50): generate to see it.'
        });
        const other = tradeOffView(ANSWER, { ...settings, tolerance: 0.1 }, { segment: 'SMB' });
        expect(other.note).toBe(
            '"Q3" was generated with other tolerance, scope than set here: generate again to see the costs of these settings.'
        );
    });

    it('follows the job that computes the ends, and says when it failed', () => {
        const running = tradeOffView(
            { ...ANSWER, job: { id: 'trade-off-a01', state: 'active' } },
            settings,
            null
        );
        expect(running.rows[0].missingText).toBe('Being computed…');
        expect(running.canCompute).toBe(false);
        const failed = tradeOffView(
            { ...ANSWER, job: { id: 'trade-off-a01', state: 'failed', failedReason: 'Boom' } },
            settings,
            null
        );
        expect(failed.failedText).toBe('Computing the ends failed: Boom.');
        expect(failed.canCompute).toBe(true);
    });

    it('compares settings whatever the order of lists and keys', () => {
        const a = { balance: ['Workload', 'Potential'], weights: { Workload: 1, Potential: 2 } };
        const b = { balance: ['Potential', 'Workload'], weights: { Potential: 2, Workload: 1 } };
        expect(settingsDifferences(a, b)).toEqual([]);
        expect(settingsDifferences(a, { ...b, removeRepIds: ['U1'] })).toEqual(['leaving reps']);
    });
});
