import { createElement } from 'lwc';
import ScenarioSettings from 'c/scenarioSettings';
import { defaultSettings, scenarioSettingsOf, tradeOffView } from 'c/plannerUtils';
import { resetPostalLookup } from 'c/postalLookup';

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

// The ZIP code lookup chains a few promises (fetch, json, the table): let them all settle.
async function settle() {
    for (let i = 0; i < 10; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
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
        expect(rows.map((r) => r.querySelector('.rep-name-text').textContent)).toEqual([
            'Dana Ortiz',
            'Lee Park'
        ]);
        expect(rows[0].querySelector('.rep-name').title).toBe('Dana Ortiz · North');
        const leaving = [...element.shadowRoot.querySelectorAll('.rep-leaving')];
        expect(leaving.map((c) => [c.label, c.variant])).toEqual([
            ['Dana Ortiz is leaving', 'label-hidden'],
            ['Lee Park is leaving', 'label-hidden']
        ]);
        expect(element.shadowRoot.querySelector('.reps-summary').textContent).toBe(
            'Reps in scope: 2 reps · 0 leaving · 0 locked'
        );
        const toggles = [...element.shadowRoot.querySelectorAll('.measure-toggle')];
        expect(toggles.map((t) => [t.label, t.checked])).toEqual([
            ['Balance Potential', true],
            ['Balance Workload', true],
            ['Balance Account count', false],
            ['Balance Drive time (est.)', false]
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

    it('asks for new hires with name, capacity, segment and home, and removes them', async () => {
        const settings = {
            ...defaultSettings(PLAN),
            hires: [{ key: 'hire-1', name: 'New rep 1', lat: 40, lon: -100, capacity: 1 }]
        };
        const element = createSettings({ settings, segments: ['Enterprise', 'SMB'] });
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

        // Visible labels on every field of a hire.
        expect(element.shadowRoot.querySelector('.hire-name').label).toBe('Name');
        expect(element.shadowRoot.querySelector('.hire-capacity').label).toBe('Capacity');
        expect(element.shadowRoot.querySelector('.hire-segment').label).toBe('Segment');
        expect(element.shadowRoot.querySelector('.hire-postal').label).toBe('Home ZIP code');
        expect(
            element.shadowRoot.querySelector('.hire-segment').options.map((o) => o.value)
        ).toEqual(['', 'Enterprise', 'SMB']);

        element.shadowRoot
            .querySelector('.hire-name')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'Jo Rivera' } }));
        expect(lastSettings(change).hires[0].name).toBe('Jo Rivera');
        element.shadowRoot
            .querySelector('.hire-capacity')
            .dispatchEvent(new CustomEvent('change', { detail: { value: '0.5' } }));
        expect(lastSettings(change).hires[0].capacity).toBe(0.5);
        element.shadowRoot
            .querySelector('.hire-segment')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'SMB' } }));
        expect(lastSettings(change).hires[0].segment).toBe('SMB');
        expect(scenarioSettingsOf(lastSettings(change)).addReps[0].segment).toBe('SMB');

        element.shadowRoot.querySelector('.remove-hire').click();
        expect(lastSettings(change).hires).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('places a hire by ZIP code from the postal reference, and says when it is unknown', async () => {
        resetPostalLookup();
        global.fetch = jest.fn().mockResolvedValue({
            ok: true,
            json: () => Promise.resolve({ '02134': [42.354, -71.133, 'Allston, MA'] })
        });
        const settings = {
            ...defaultSettings(PLAN),
            hires: [{ key: 'hire-1', name: 'New rep 1', lat: 40, lon: -100, capacity: 1 }]
        };
        const element = createSettings({ settings });
        const change = jest.fn();
        element.addEventListener('settingschange', change);
        await Promise.resolve();

        element.shadowRoot
            .querySelector('.hire-postal')
            .dispatchEvent(new CustomEvent('change', { detail: { value: '02134' } }));
        await settle();
        expect(lastSettings(change).hires[0]).toMatchObject({
            lat: 42.354,
            lon: -71.133,
            postalCode: '02134',
            place: 'Allston, MA'
        });

        element.shadowRoot
            .querySelector('.hire-postal')
            .dispatchEvent(new CustomEvent('change', { detail: { value: '99999' } }));
        await settle();
        expect(element.shadowRoot.querySelector('.hire-location').textContent).toContain(
            'ZIP code 99999 is not in the postal reference.'
        );
        // The table is fetched once.
        expect(global.fetch).toHaveBeenCalledTimes(1);
        delete global.fetch;
    });

    it('asks to place a hire on the map, and to stop', async () => {
        const settings = {
            ...defaultSettings(PLAN),
            hires: [{ key: 'hire-1', name: 'New rep 1', lat: 40, lon: -100, capacity: 1 }]
        };
        const element = createSettings({ settings });
        const place = jest.fn();
        element.addEventListener('placehire', place);
        await Promise.resolve();

        element.shadowRoot.querySelector('.place-hire').click();
        expect(place.mock.calls[0][0].detail).toEqual({ key: 'hire-1' });
        element.placingHireKey = 'hire-1';
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('.place-hire').label).toBe('Click the map…');
        element.shadowRoot.querySelector('.place-hire').click();
        expect(place.mock.calls[1][0].detail).toEqual({ key: null });
    });

    it('marks leaving reps, finds reps and folds the list', async () => {
        const settings = defaultSettings(PLAN);
        settings.reps[1].leaving = true;
        settings.lockedTerritoryIds = ['T1'];
        const element = createSettings({ settings });
        const change = jest.fn();
        element.addEventListener('settingschange', change);
        await Promise.resolve();

        const rows = [...element.shadowRoot.querySelectorAll('.rep-row')];
        expect(rows[1].classList.contains('rep-row_leaving')).toBe(true);
        expect(rows[1].querySelector('.leaving-badge').textContent).toBe('Leaving');
        expect(rows[0].querySelector('.leaving-badge')).toBeNull();

        element.shadowRoot
            .querySelector('.rep-search')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'south' } }));
        await Promise.resolve();
        expect(
            [...element.shadowRoot.querySelectorAll('.rep-name-text')].map((n) => n.textContent)
        ).toEqual(['Lee Park']);
        expect(element.shadowRoot.querySelector('.locks').options).toEqual([
            { label: 'South', value: 'T2' }
        ]);
        // Locking a shown territory keeps the lock of the hidden one.
        element.shadowRoot
            .querySelector('.locks')
            .dispatchEvent(new CustomEvent('change', { detail: { value: ['T2'] } }));
        expect(lastSettings(change).lockedTerritoryIds).toEqual(['T1', 'T2']);

        const toggle = element.shadowRoot.querySelector('.reps-toggle');
        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        toggle.click();
        await Promise.resolve();
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        expect(
            element.shadowRoot.querySelector('#reps-content, .slds-section__content').hidden
        ).toBe(true);
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
