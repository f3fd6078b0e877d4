import { createElement } from 'lwc';
import ScenarioSettings from 'c/scenarioSettings';
import listLayers from '@salesforce/apex/TerritoryMarketController.listLayers';
import { defaultSettings, lastQuarter, scenarioSettingsOf } from 'c/plannerUtils';

jest.mock('@salesforce/apex/TerritoryMarketController.listLayers', () => ({ default: jest.fn() }), {
    virtual: true
});

const PLAN = {
    territories: [
        { id: 'T1', name: 'North', reps: [{ userId: 'U1', name: 'Dana Ortiz', capacity: 1 }] }
    ]
};
const VALUES = {
    id: 'a0L000000000001AAA',
    name: 'Addressable companies',
    kind: 'postal_values',
    valueName: 'Companies'
};
const POINTS = { id: 'a0L000000000002AAA', name: 'Competitor sites', kind: 'points' };

// eslint-disable-next-line @lwc/lwc/no-async-operation
const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));

async function createSettings(settings = { ...defaultSettings(PLAN), name: 'Q3' }) {
    const element = createElement('c-scenario-settings', { is: ScenarioSettings });
    Object.assign(element, { settings, territories: PLAN.territories });
    // The parent holds the settings: every change comes back as the new `settings`.
    element.addEventListener('settingschange', (event) => {
        element.settings = event.detail.settings;
    });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const picker = (element) => element.shadowRoot.querySelector('.add-market-measure');

describe('c-scenario-settings market measures', () => {
    beforeEach(() => {
        listLayers.mockResolvedValue({ layers: [VALUES, POINTS] });
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it("offers the last quarter's leads and the layers of values, not points layers", async () => {
        const element = await createSettings();
        const { from } = lastQuarter();
        const options = picker(element).options;
        expect(options.map((o) => o.value)).toEqual(['leads', VALUES.id]);
        expect(options[0].label).toMatch(new RegExp(`^Leads of the last quarter \\(${from} to `));
        expect(options[1].label).toBe('Addressable companies (market layer)');
    });

    it('adds a measure the request balances on, with its source, and removes it', async () => {
        const element = await createSettings();
        picker(element).dispatchEvent(new CustomEvent('change', { detail: { value: 'leads' } }));
        await flushPromises();
        picker(element).dispatchEvent(new CustomEvent('change', { detail: { value: VALUES.id } }));
        await flushPromises();

        const labels = [...element.shadowRoot.querySelectorAll('.measure-toggle')].map(
            (t) => t.label
        );
        expect(labels.slice(4)).toEqual([
            expect.stringMatching(/^Balance Leads \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/),
            'Balance Addressable companies'
        ]);
        // Both are taken: nothing left to add.
        expect(picker(element)).toBeNull();

        const request = scenarioSettingsOf(element.settings);
        expect(request.balance).toEqual([
            'Potential',
            'Workload',
            'Leads',
            'Addressable companies'
        ]);
        expect(request.weights).toMatchObject({ Leads: 1, 'Addressable companies': 1 });
        expect(request.marketMeasures).toEqual([
            { name: 'Leads', leads: lastQuarter() },
            { name: 'Addressable companies', layerId: VALUES.id }
        ]);

        const remove = element.shadowRoot.querySelector('.remove-market-measure');
        expect(remove.label).toMatch(/^Remove Leads /);
        remove.click();
        await flushPromises();
        expect(scenarioSettingsOf(element.settings).marketMeasures).toEqual([
            { name: 'Addressable companies', layerId: VALUES.id }
        ]);
        expect(picker(element).options.map((o) => o.value)).toEqual(['leads']);
    });

    it('names a layer apart from an account measure of the same name', async () => {
        listLayers.mockResolvedValue({ layers: [{ ...VALUES, name: 'Potential' }] });
        const element = await createSettings();
        picker(element).dispatchEvent(new CustomEvent('change', { detail: { value: VALUES.id } }));
        await flushPromises();
        expect(scenarioSettingsOf(element.settings).marketMeasures).toEqual([
            { name: 'Market: Potential', layerId: VALUES.id }
        ]);
    });

    it('still offers the leads when the layers cannot be listed', async () => {
        listLayers.mockRejectedValue(new Error('service down'));
        const element = await createSettings();
        expect(picker(element).options.map((o) => o.value)).toEqual(['leads']);
    });
});
