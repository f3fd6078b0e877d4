import { createElement } from 'lwc';
import TerritoryPerformance from 'c/territoryPerformance';
import { loadScript } from 'lightning/platformResourceLoader';
import { mockNavigate } from 'lightning/navigation';
import getPerformance from '@salesforce/apex/TerritoryPerformanceController.getPerformance';
import getModels from '@salesforce/apex/TerritoryPlanController.getModels';

const PERFORMANCE = require('./data/getPerformance.json');
const EMPTY = require('./data/getPerformanceEmpty.json');

jest.mock(
    '@salesforce/apex/TerritoryPerformanceController.getPerformance',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/TerritoryPlanController.getModels', () => ({ default: jest.fn() }), {
    virtual: true
});
// lightning/navigation with the page reference the component navigates to (lwc-recipes' mock).
jest.mock('lightning/navigation', () => {
    const Navigate = Symbol('Navigate');
    const navigate = jest.fn();
    const NavigationMixin = (Base) =>
        class extends Base {
            [Navigate](pageReference) {
                navigate(pageReference);
            }
        };
    NavigationMixin.Navigate = Navigate;
    return { NavigationMixin, mockNavigate: navigate };
});
// The labels whose placeholders the tests read (jest gives every other label its name).
jest.mock('@salesforce/label/c.Performance_To_Date', () => ({ default: '{0} (to date)' }), {
    virtual: true
});
jest.mock(
    '@salesforce/label/c.Performance_Missed_Quota',
    () => ({ default: 'Missed quota {0} quarters in a row' }),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.Performance_Attainment_Summary',
    () => ({ default: '{0} of {1} territories reached quota in {2}.' }),
    { virtual: true }
);

const NORTH = '0MI000000000001AAA';

/** A Chart.js stand-in recording each chart's canvas and config. */
function installChart() {
    const charts = [];
    window.Chart = jest.fn(function Chart(canvas, config) {
        this.canvas = canvas;
        this.config = config;
        this.destroy = jest.fn();
        charts.push(this);
    });
    return charts;
}

async function flushPromises() {
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    return new Promise((resolve) => setTimeout(resolve, 0));
}

function createDashboard(props = { modelId: '0MA000000000001AAA' }) {
    const element = createElement('c-territory-performance', { is: TerritoryPerformance });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

/** The live charts (not destroyed) drawn into the container matching `selector`. */
const byType = (charts, selector) =>
    charts.filter((c) => !c.destroy.mock.calls.length && c.canvas.parentElement.matches(selector));

describe('c-territory-performance', () => {
    let charts;

    beforeEach(() => {
        charts = installChart();
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        delete window.Chart;
        jest.clearAllMocks();
    });

    it('asks Apex for the model and shows a spinner meanwhile', async () => {
        const element = createDashboard();
        await Promise.resolve();

        expect(getPerformance.getLastConfig()).toEqual({
            modelId: '0MA000000000001AAA',
            fromQuarter: '',
            toQuarter: ''
        });
        expect(element.shadowRoot.querySelector('.loading').getAttribute('aria-busy')).toBe('true');
        await expect(element).toBeAccessible();
    });

    it('uses the first model of getModels without a model id, and only then', async () => {
        getModels.mockResolvedValue([
            { id: '0MA000000000009AAA', name: 'FY27', state: 'Active' },
            { id: '0MA000000000008AAA', name: 'Draft', state: 'Planning' }
        ]);
        createDashboard({});
        await flushPromises();

        expect(getPerformance.getLastConfig().modelId).toBe('0MA000000000009AAA');
        createDashboard();
        expect(getModels).toHaveBeenCalledTimes(1);
    });

    it('shows the error of getModels without a model id', async () => {
        getModels.mockRejectedValue({ body: { message: 'You need Territory_Plan.' } });
        const element = createDashboard({});
        await flushPromises();

        const panel = element.shadowRoot.querySelector('c-error-panel');
        expect(panel.friendlyMessage).toBe('Performance could not be loaded.');
        expect(panel.errors).toEqual({ body: { message: 'You need Territory_Plan.' } });
    });

    it('shows the Apex error', async () => {
        const element = createDashboard();
        getPerformance.error({ message: 'You cannot read territory performance.' });
        await Promise.resolve();

        const panel = element.shadowRoot.querySelector('c-error-panel');
        expect(panel.friendlyMessage).toBe('Performance could not be loaded.');
        expect(element.shadowRoot.querySelector('table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says when the service has written no figures yet', async () => {
        const element = createDashboard();
        getPerformance.emit(EMPTY);
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('.empty').textContent).toContain(
            'No performance figures yet'
        );
        expect(element.shadowRoot.querySelector('table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('loads Chart.js from its static resource and charts the newest quarter', async () => {
        const element = createDashboard();
        getPerformance.emit(PERFORMANCE);
        await flushPromises();

        expect(loadScript).toHaveBeenCalledTimes(1);
        expect(loadScript.mock.calls[0][1]).toBe('chartJs');
        const [trend] = byType(charts, '.chart-trend');
        const [attainment] = byType(charts, '.chart-attainment');
        expect(trend.config.data.labels).toEqual(['2026-Q2', '2026-Q3', '2026-Q4 (to date)']);
        expect(trend.config.data.datasets[0].data).toEqual([140000, 170000, 120000]);
        expect(trend.config.data.datasets[1].data).toEqual([200000, 200000, 200000]);
        expect(trend.config.data.datasets[2].data).toEqual([390000, 440000, 500000]);
        // The running quarter: North is still flagged for its two missed complete quarters.
        expect(attainment.config.data.labels).toEqual(['South', '⚠ North']);
        expect(attainment.config.data.datasets[0].data).toEqual([90, 30]);
        expect(element.shadowRoot.querySelector('.quarter-filter').value).toBe('2026-Q4');
        expect(element.shadowRoot.querySelector('.quarter-filter').options[0].label).toBe(
            '2026-Q4 (to date)'
        );
        await expect(element).toBeAccessible();
    });

    it('charts the quarter the user picks, with its tiles and table', async () => {
        const element = createDashboard();
        getPerformance.emit(PERFORMANCE);
        await flushPromises();
        const first = byType(charts, '.chart-attainment')[0];

        const filter = element.shadowRoot.querySelector('.quarter-filter');
        filter.dispatchEvent(new CustomEvent('change', { detail: { value: '2026-Q2' } }));
        await flushPromises();

        expect(first.destroy).toHaveBeenCalled();
        const [attainment] = byType(charts, '.chart-attainment');
        expect(attainment.config.data.labels).toEqual(['South', 'North']);
        expect(attainment.config.data.datasets[0].data).toEqual([80, 60]);
        expect(attainment.canvas.getAttribute('aria-label')).toBe(
            '0 of 2 territories reached quota in 2026-Q2.'
        );
        const tile = (kpi) =>
            element.shadowRoot.querySelector(`[data-kpi="${kpi}"] c-performance-figure`);
        expect(tile('sales').value).toBe(140000);
        expect(tile('attainment').value).toBeCloseTo(0.7);
        expect(tile('winRate').value).toBeCloseTo(5 / 8);
        // Cycle days weighted by won deals: (45 × 3 + 35 × 2) / 5.
        expect(tile('cycle').value).toBeCloseTo(41);
        const rows = [...element.shadowRoot.querySelectorAll('tbody tr')];
        expect(rows.map((r) => r.dataset.id)).toEqual([NORTH, '0MI000000000002AAA']);
        expect(element.shadowRoot.querySelector('td.flag .missed')).toBeNull();
    });

    it('flags a territory that missed quota two complete quarters in a row, in words', async () => {
        const element = createDashboard();
        getPerformance.emit(PERFORMANCE);
        await flushPromises();
        element.shadowRoot
            .querySelector('.quarter-filter')
            .dispatchEvent(new CustomEvent('change', { detail: { value: '2026-Q3' } }));
        await flushPromises();

        const flagged = element.shadowRoot.querySelector(`tr[data-id="${NORTH}"] td.flag`);
        expect(flagged.querySelector('.missed').textContent).toBe(
            'Missed quota 2 quarters in a row'
        );
        expect(flagged.querySelector('lightning-icon').iconName).toBe('utility:warning');
        expect(element.shadowRoot.querySelectorAll('td.flag .missed')).toHaveLength(1);
        await expect(element).toBeAccessible();
    });

    it('sorts the table by a column and back', async () => {
        const element = createDashboard();
        getPerformance.emit(PERFORMANCE);
        await flushPromises();

        const header = element.shadowRoot.querySelector('button[data-field="sales"]');
        header.click();
        await flushPromises();
        const ids = () =>
            [...element.shadowRoot.querySelectorAll('tbody tr')].map((r) => r.dataset.id);
        expect(ids()).toEqual(['0MI000000000002AAA', NORTH]);
        expect(header.parentElement.getAttribute('aria-sort')).toBe('descending');
        header.click();
        await flushPromises();
        expect(ids()).toEqual([NORTH, '0MI000000000002AAA']);
    });

    it('shows one territory when the user picks it', async () => {
        const element = createDashboard();
        getPerformance.emit(PERFORMANCE);
        await flushPromises();

        element.shadowRoot
            .querySelector('.scope-filter')
            .dispatchEvent(new CustomEvent('change', { detail: { value: NORTH } }));
        await flushPromises();

        const [trend] = byType(charts, '.chart-trend');
        expect(trend.config.data.datasets[0].data).toEqual([60000, 50000, 30000]);
    });

    it('adds the drift chart and the proposal in the annual deep-dive', async () => {
        const element = createDashboard();
        getPerformance.emit(PERFORMANCE);
        await flushPromises();
        const handler = jest.fn();
        element.addEventListener('proposalselect', handler);

        element.shadowRoot
            .querySelector('.view-switch')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'year' } }));
        await flushPromises();

        const [drift] = byType(charts, '.chart-drift');
        expect(drift.config.data.labels).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
        expect(drift.config.data.datasets[0].data).toEqual([8, null, 12.5]);
        element.shadowRoot.querySelector('.open-proposal').click();
        expect(handler.mock.calls[0][0].detail).toEqual({ scenarioId: 'a0T000000000001AAA' });
        expect(mockNavigate).toHaveBeenCalledWith({
            type: 'standard__recordPage',
            attributes: {
                recordId: 'a0T000000000001AAA',
                objectApiName: 'Territory_Scenario__c',
                actionName: 'view'
            }
        });
        await expect(element).toBeAccessible();
    });

    it('leaves the proposal to a host that handles proposalselect', async () => {
        const element = createDashboard();
        getPerformance.emit(PERFORMANCE);
        await flushPromises();
        element.addEventListener('proposalselect', (event) => event.preventDefault());
        element.shadowRoot
            .querySelector('.view-switch')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'year' } }));
        await flushPromises();

        element.shadowRoot.querySelector('.open-proposal').click();

        expect(mockNavigate).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('shows an error and keeps the figures when Chart.js does not load', async () => {
        loadScript.mockRejectedValueOnce(new Error('404 chartJs'));
        const element = createDashboard();
        getPerformance.emit(PERFORMANCE);
        await flushPromises();

        const panels = [...element.shadowRoot.querySelectorAll('c-error-panel')];
        expect(panels.map((p) => p.friendlyMessage)).toEqual([
            'The charts could not be drawn: Chart.js did not load.'
        ]);
        expect(window.Chart).not.toHaveBeenCalled();
        expect(element.shadowRoot.querySelectorAll('tbody tr')).toHaveLength(2);
        await expect(element).toBeAccessible();
    });
});
