import { createElement } from 'lwc';
import ScenarioSettings from 'c/scenarioSettings';
import { defaultSettings, scenarioSettingsOf, tradeOffView } from 'c/plannerUtils';

const PLAN = {
    territories: [
        { id: 'T1', name: 'North', reps: [{ userId: 'U1', name: 'Dana Ortiz', capacity: 1 }] },
        { id: 'T2', name: 'South', reps: [{ userId: 'U2', name: 'Lee Park', capacity: 1 }] }
    ]
};

function createSettings(props = {}) {
    const element = createElement('c-scenario-settings', { is: ScenarioSettings });
    Object.assign(element, {
        settings: { ...defaultSettings(PLAN), name: 'Q3' },
        territories: PLAN.territories,
        ...props
    });
    document.body.appendChild(element);
    return element;
}

function lastSettings(handler) {
    return handler.mock.calls[handler.mock.calls.length - 1][0].detail.settings;
}

describe('c-scenario-settings', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('lists reps with capacity and leaving, measures, tolerance and locks', async () => {
        const element = createSettings();
        await Promise.resolve();

        const capacities = element.shadowRoot.querySelectorAll('.rep-capacity');
        expect([...capacities].map((c) => c.label)).toEqual([
            'Capacity of Dana Ortiz',
            'Capacity of Lee Park'
        ]);
        // One row per rep: the name shown once, the checkbox named for screen readers only.
        const rows = [...element.shadowRoot.querySelectorAll('.rep-row')];
        expect(rows.map((r) => r.querySelector('.rep-name').textContent)).toEqual([
            'Dana Ortiz',
            'Lee Park'
        ]);
        expect(rows[0].querySelector('.rep-name').title).toBe('Dana Ortiz · North');
        const leaving = [...element.shadowRoot.querySelectorAll('.rep-leaving')];
        expect(leaving.map((c) => [c.label, c.variant])).toEqual([
            ['Dana Ortiz is leaving', 'label-hidden'],
            ['Lee Park is leaving', 'label-hidden']
        ]);
        expect(element.shadowRoot.querySelector('legend').textContent).toContain(
            '0 leaving, 0 new'
        );
        const toggles = [...element.shadowRoot.querySelectorAll('.measure-toggle')];
        expect(toggles.map((t) => [t.label, t.checked])).toEqual([
            ['Balance Potential', true],
            ['Balance Workload', true],
            ['Balance Account count', false]
        ]);
        expect(element.shadowRoot.querySelector('.tolerance').value).toBe(5);
        expect(element.shadowRoot.querySelector('.locks').options).toEqual([
            { label: 'North', value: 'T1' },
            { label: 'South', value: 'T2' }
        ]);
        await expect(element).toBeAccessible();
    });

    it('says so when no reps are in scope', async () => {
        const element = createSettings({ settings: defaultSettings(null), territories: [] });
        await Promise.resolve();

        expect(element.shadowRoot.textContent).toContain('No reps are assigned in this scope.');
        expect(element.shadowRoot.querySelector('.locks')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('reports every edit as a new settings object', async () => {
        const element = createSettings();
        const handler = jest.fn();
        element.addEventListener('settingschange', handler);
        await Promise.resolve();
        const original = element.settings;

        element.shadowRoot
            .querySelectorAll('.rep-leaving')[1]
            .dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        expect(lastSettings(handler).reps[1].leaving).toBe(true);
        expect(original.reps[1].leaving).toBe(false);

        element.shadowRoot
            .querySelector('.rep-capacity')
            .dispatchEvent(new CustomEvent('change', { detail: { value: '0.5' } }));
        expect(lastSettings(handler).reps[0].capacity).toBe(0.5);

        element.shadowRoot
            .querySelectorAll('.measure-toggle')[2]
            .dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        expect(lastSettings(handler).measures[2].enabled).toBe(true);

        element.shadowRoot
            .querySelector('.measure-weight')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 3 } }));
        expect(lastSettings(handler).measures[0].weight).toBe(3);

        element.shadowRoot
            .querySelector('.tolerance')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 8 } }));
        expect(lastSettings(handler).tolerance).toBe(0.08);

        element.shadowRoot
            .querySelector('.trade-off')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 90 } }));
        expect(lastSettings(handler).disruptionWeight).toBe(0.9);

        element.shadowRoot
            .querySelector('.locks')
            .dispatchEvent(new CustomEvent('change', { detail: { value: ['T2'] } }));
        expect(lastSettings(handler).lockedTerritoryIds).toEqual(['T2']);

        element.shadowRoot
            .querySelector('.scenario-name')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'Q4' } }));
        expect(lastSettings(handler).name).toBe('Q4');
        expect(handler).toHaveBeenCalledTimes(8);
    });

    it('asks for new hires and edits or removes them', async () => {
        const settings = {
            ...defaultSettings(PLAN),
            hires: [{ key: 'hire-1', name: 'New rep 1', lat: 40, lon: -100, capacity: 1 }]
        };
        const element = createSettings({ settings });
        const hire = jest.fn();
        const change = jest.fn();
        element.addEventListener('hire', hire);
        element.addEventListener('settingschange', change);
        await Promise.resolve();

        element.shadowRoot
            .querySelector('.hire-count')
            .dispatchEvent(new CustomEvent('change', { detail: { value: '2' } }));
        element.shadowRoot.querySelector('.add-hires').click();
        expect(hire.mock.calls[0][0].detail).toEqual({ count: 2 });

        element.shadowRoot
            .querySelector('lightning-input[data-field="lat"]')
            .dispatchEvent(new CustomEvent('change', { detail: { value: '41.5' } }));
        expect(lastSettings(change).hires[0].lat).toBe(41.5);

        element.shadowRoot.querySelector('lightning-button-icon').click();
        expect(lastSettings(change).hires).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('shows and clears the accounts locked with the lasso', async () => {
        const element = createSettings({
            settings: { ...defaultSettings(PLAN), lockedAccountIds: ['A1', 'A2', 'A3'] }
        });
        const change = jest.fn();
        element.addEventListener('settingschange', change);
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('.locked-accounts').textContent).toContain(
            '3 accounts locked with the lasso'
        );
        element.shadowRoot.querySelector('.clear-locked').click();
        expect(lastSettings(change).lockedAccountIds).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('fires generate, or shows why it cannot', async () => {
        const element = createSettings();
        const generate = jest.fn();
        element.addEventListener('generate', generate);
        await Promise.resolve();

        element.shadowRoot.querySelector('.generate').click();
        expect(generate).toHaveBeenCalledTimes(1);

        element.generateDisabled = true;
        element.disabledReason =
            'Generating is unavailable while the territory service cannot be reached.';
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('.generate').disabled).toBe(true);
        expect(element.shadowRoot.querySelector('.disabled-reason').textContent).toContain(
            'cannot be reached'
        );
        await expect(element).toBeAccessible();
    });

    it('lets the admin rebalance the current plan or start from scratch', async () => {
        const element = createSettings({ hasCurrentPlan: true });
        const change = jest.fn();
        element.addEventListener('settingschange', change);
        await Promise.resolve();

        const design = element.shadowRoot.querySelector('.design');
        expect(design.options.map((o) => o.value)).toEqual(['rebalance', 'scratch']);
        design.dispatchEvent(new CustomEvent('change', { detail: { value: 'scratch' } }));
        expect(lastSettings(change)).toMatchObject({ design: 'scratch', disruptionWeight: 0 });
        design.dispatchEvent(new CustomEvent('change', { detail: { value: 'rebalance' } }));
        expect(lastSettings(change)).toMatchObject({ design: 'rebalance', disruptionWeight: 0.5 });
        await expect(element).toBeAccessible();
    });

    it('starts a fresh design at most compact when there is no current plan', async () => {
        // PLAN has territories but no account in them yet.
        const element = createSettings({ hasCurrentPlan: false });
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('.design')).toBeNull();
        expect(element.shadowRoot.querySelector('.design-fresh').textContent).toContain(
            'a fresh design, most compact'
        );
        expect(element.shadowRoot.querySelector('.trade-off').value).toBe(0);
        await expect(element).toBeAccessible();
    });

    it('shows what each end costs, and offers to compute the ends not generated yet', async () => {
        const settings = { ...defaultSettings(PLAN), name: 'Q3', disruptionWeight: 0.5 };
        const answer = {
            scenarioId: 'a01',
            name: 'Q3',
            status: 'Ready',
            settings: scenarioSettingsOf(settings),
            point: {
                disruptionWeight: 0.5,
                travelKm: 12000,
                accountsMoved: 40,
                maxDeviation: 0.04
            },
            ends: null
        };
        const element = createSettings({
            settings,
            tradeOffCosts: tradeOffView(answer, settings, null)
        });
        const compute = jest.fn();
        element.addEventListener('computeends', compute);
        await Promise.resolve();

        const rows = [...element.shadowRoot.querySelectorAll('.trade-off-table tbody tr')].map(
            (row) => [
                row.querySelector('th').textContent,
                row.querySelector('td').textContent.replace(/\s+/g, ' ').trim()
            ]
        );
        expect(rows).toEqual([
            ['Most compact (0)', 'Not computed yet: compute both ends to see it.'],
            ['Your point (50)', '12,000 km40 moved4 % max dev.'],
            ['Fewest changes (100)', 'Not computed yet: compute both ends to see it.']
        ]);
        const button = element.shadowRoot.querySelector('.compute-ends');
        expect(button.label).toBe('Compute both ends');
        button.click();
        expect(compute).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });

    it('asks for a first scenario before it shows any cost', async () => {
        const element = createSettings({
            tradeOffCosts: tradeOffView(undefined, defaultSettings(PLAN), null)
        });
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('.trade-off-empty').textContent).toContain(
            'Generate a scenario to see what this point costs'
        );
        expect(element.shadowRoot.querySelector('.compute-ends')).toBeNull();
    });
});
