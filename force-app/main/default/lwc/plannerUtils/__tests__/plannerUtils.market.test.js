import {
    dayBefore,
    defaultSettings,
    lastQuarter,
    marketMeasure,
    scenarioSettingsOf,
    settingsFromScenario
} from 'c/plannerUtils';

const PLAN = {
    territories: [{ id: 'T1', name: 'North', reps: [{ userId: 'U1', name: 'Dana', capacity: 1 }] }]
};
const LAYER_ID = 'a0L000000000001AAA';

describe('plannerUtils market measures', () => {
    it('takes the last full quarter, across a year end', () => {
        expect(lastQuarter(new Date('2026-12-06T04:00:00Z'))).toEqual({
            from: '2026-07-01',
            to: '2026-10-01'
        });
        expect(lastQuarter(new Date('2026-01-15T00:00:00Z'))).toEqual({
            from: '2025-10-01',
            to: '2026-01-01'
        });
        expect(dayBefore('2026-01-01')).toBe('2025-12-31');
    });

    it('sends marketMeasures only when a market measure is balanced', () => {
        const base = defaultSettings(PLAN);
        expect('marketMeasures' in scenarioSettingsOf(base)).toBe(false);
        const leads = marketMeasure('Leads', { leads: { from: '2026-07-01', to: '2026-10-01' } });
        expect(leads.label).toBe('Leads 2026-07-01 to 2026-09-30');
        const layer = { ...marketMeasure('Market', { layerId: LAYER_ID }), enabled: false };
        const request = scenarioSettingsOf({ ...base, measures: [...base.measures, leads, layer] });
        expect(request.balance).toEqual(['Potential', 'Workload', 'Leads']);
        expect(request.marketMeasures).toEqual([
            { name: 'Leads', leads: { from: '2026-07-01', to: '2026-10-01' } }
        ]);
    });

    it("restores a scenario's market measures with their weights", () => {
        const base = defaultSettings(PLAN);
        const restored = settingsFromScenario(
            {
                balance: ['Potential', 'Market'],
                weights: { Potential: 1, Market: 2 },
                marketMeasures: [{ name: 'Market', layerId: LAYER_ID }]
            },
            base
        );
        const market = restored.measures.find((m) => m.name === 'Market');
        expect(market).toMatchObject({
            market: { layerId: LAYER_ID },
            enabled: true,
            weight: 2
        });
        expect(scenarioSettingsOf(restored).marketMeasures).toEqual([
            { name: 'Market', layerId: LAYER_ID }
        ]);
    });
});
