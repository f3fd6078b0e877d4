import { createElement } from 'lwc';
import MarketData, { formatOfFile, importProblems, lastQuarter } from 'c/marketData';
import listLayers from '@salesforce/apex/TerritoryMarketController.listLayers';
import importLayer from '@salesforce/apex/TerritoryMarketController.importLayer';
import getLeadFlow from '@salesforce/apex/TerritoryMarketController.getLeadFlow';

jest.mock('@salesforce/apex/TerritoryMarketController.listLayers', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock(
    '@salesforce/apex/TerritoryMarketController.importLayer',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/TerritoryMarketController.getLeadFlow',
    () => ({ default: jest.fn() }),
    { virtual: true }
);

const MODEL = '0MA000000000001AAA';
const FLOW = {
    byTerritory: [
        { territoryId: '0MI000000000001AAA', name: 'West', total: 12 },
        { territoryId: '0MI000000000002AAA', name: 'East', total: 30 }
    ],
    unassigned: 2,
    withoutPostalCode: 1,
    total: 45
};
const LAYER = {
    id: 'a0L000000000001AAA',
    name: 'Addressable companies',
    kind: 'postal_values',
    valueName: 'Companies',
    featureCount: 310,
    valueRange: { min: 2, max: 72 }
};
const BAD_FILE =
    "The territory service rejected the request (400: 3 problem(s) in the layer file: line 3, column PostalCode: 'abc' is not a US ZIP code; line 4, column Value: empty (write 0 for none); line 9, column Value: 'x' is not a number).";

// eslint-disable-next-line @lwc/lwc/no-async-operation
const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));

async function create() {
    const element = createElement('c-market-data', { is: MarketData });
    element.modelId = MODEL;
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

function fileOf(name, text) {
    return { name, size: text.length, text: () => Promise.resolve(text) };
}

describe('c-market-data', () => {
    beforeEach(() => {
        getLeadFlow.mockResolvedValue(FLOW);
        listLayers.mockResolvedValue({ layers: [LAYER] });
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('counts the last quarter by default, territories with most leads first', async () => {
        const element = await create();
        const { from, to } = lastQuarter();
        expect(getLeadFlow).toHaveBeenCalledWith({ modelId: MODEL, fromDate: from, toDate: to });
        const rows = [...element.shadowRoot.querySelectorAll('.lead-table tbody tr')];
        expect(rows.map((r) => r.querySelector('.territory').textContent)).toEqual([
            'East',
            'West'
        ]);
        expect(rows.map((r) => r.querySelector('.leads').textContent)).toEqual(['30', '12']);
        expect(element.shadowRoot.querySelector('.lead-totals').textContent).toBe(
            '45 leads in the period: 2 in ZIP codes no territory holds, 1 without a postal code.'
        );
    });

    it('asks again for the dates the planner picks (the last day included)', async () => {
        const element = await create();
        element.shadowRoot
            .querySelector('.lead-from')
            .dispatchEvent(new CustomEvent('change', { detail: { value: '2026-01-01' } }));
        await flushPromises();
        element.shadowRoot
            .querySelector('.lead-to')
            .dispatchEvent(new CustomEvent('change', { detail: { value: '2026-03-31' } }));
        await flushPromises();
        expect(getLeadFlow).toHaveBeenLastCalledWith({
            modelId: MODEL,
            fromDate: '2026-01-01',
            toDate: '2026-04-01'
        });
        expect(element.shadowRoot.querySelector('.lead-to').value).toBe('2026-03-31');
    });

    it('shows an error panel when the leads cannot be counted', async () => {
        getLeadFlow.mockRejectedValue({ body: { message: 'service down' } });
        const element = await create();
        expect(element.shadowRoot.querySelector('.leads-error')).not.toBeNull();
        expect(element.shadowRoot.querySelector('.lead-table')).toBeNull();
    });

    it("lists the org's layers", async () => {
        const element = await create();
        const cells = [...element.shadowRoot.querySelectorAll('.layer-table tbody tr > *')].map(
            (c) => c.textContent
        );
        expect(cells).toEqual([
            'Addressable companies',
            'Values per postal code',
            '310',
            '2 – 72 companies'
        ]);
    });

    it('imports a CSV file and tells the map', async () => {
        importLayer.mockResolvedValue({ ...LAYER, name: 'Growth', featureCount: 2 });
        const element = await create();
        const onImport = jest.fn();
        element.addEventListener('layerimport', onImport);
        const button = () => element.shadowRoot.querySelector('.import-layer');
        expect(button().disabled).toBe(true);
        element.shadowRoot.querySelector('.layer-file').dispatchEvent(
            new CustomEvent('change', {
                detail: { files: [fileOf('growth.csv', 'PostalCode,Value\n10001,3\n60601,4')] }
            })
        );
        await flushPromises();
        // The file's name is the layer's name until the planner writes one.
        expect(element.shadowRoot.querySelector('.layer-name').value).toBe('growth');
        element.shadowRoot
            .querySelector('.value-name')
            .dispatchEvent(new CustomEvent('change', { detail: { value: ' Index ' } }));
        await flushPromises();
        expect(button().disabled).toBe(false);
        button().click();
        await flushPromises();
        expect(importLayer).toHaveBeenCalledWith({
            name: 'growth',
            kind: 'postal_values',
            format: 'csv',
            content: 'PostalCode,Value\n10001,3\n60601,4',
            valueName: 'Index'
        });
        expect(element.shadowRoot.querySelector('.import-done').textContent).toContain(
            'Imported "Growth": 2 features'
        );
        expect(listLayers).toHaveBeenCalledTimes(2);
        expect(onImport).toHaveBeenCalledTimes(1);
        expect(onImport.mock.calls[0][0].detail.layer.name).toBe('Growth');
    });

    it('lists every bad line the service named, and stores nothing', async () => {
        importLayer.mockRejectedValue({ body: { message: BAD_FILE } });
        const element = await create();
        element.shadowRoot
            .querySelector('.layer-kind')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'points' } }));
        element.shadowRoot.querySelector('.layer-file').dispatchEvent(
            new CustomEvent('change', {
                detail: { files: [fileOf('sites.geojson', '{"type":"FeatureCollection"}')] }
            })
        );
        await flushPromises();
        element.shadowRoot.querySelector('.import-layer').click();
        await flushPromises();
        expect(importLayer.mock.calls[0][0]).toMatchObject({
            kind: 'points',
            format: 'geojson',
            valueName: ''
        });
        const error = element.shadowRoot.querySelector('.import-error');
        expect(error.getAttribute('role')).toBe('alert');
        expect(error.querySelector('.import-error-heading').textContent).toBe(
            'The file was not imported, nothing was stored: 3 problems to fix.'
        );
        expect([...error.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
            "line 3, column PostalCode: 'abc' is not a US ZIP code",
            'line 4, column Value: empty (write 0 for none)',
            "line 9, column Value: 'x' is not a number"
        ]);
        expect(element.shadowRoot.querySelector('.import-done')).toBeNull();
    });

    it('refuses a file that is neither CSV nor GeoJSON before calling', async () => {
        const element = await create();
        element.shadowRoot
            .querySelector('.layer-file')
            .dispatchEvent(
                new CustomEvent('change', { detail: { files: [fileOf('sites.xlsx', 'x')] } })
            );
        await flushPromises();
        element.shadowRoot.querySelector('.import-layer').click();
        await flushPromises();
        expect(importLayer).not.toHaveBeenCalled();
        expect(element.shadowRoot.querySelector('.import-error-heading').textContent).toContain(
            'neither a .csv nor a .geojson'
        );
    });
});

describe('c-market-data helpers', () => {
    it('takes the last full quarter, across a year end', () => {
        expect(lastQuarter(new Date('2026-12-06T04:00:00Z'))).toEqual({
            from: '2026-07-01',
            to: '2026-10-01'
        });
        expect(lastQuarter(new Date('2026-02-10T00:00:00Z'))).toEqual({
            from: '2025-10-01',
            to: '2026-01-01'
        });
    });

    it('reads the format from the file name', () => {
        expect(formatOfFile('a.CSV')).toBe('csv');
        expect(formatOfFile('a.geojson')).toBe('geojson');
        expect(formatOfFile('a.json')).toBe('geojson');
        expect(formatOfFile('a.txt')).toBeUndefined();
    });

    it('says when the service listed only the first problems', () => {
        const view = importProblems(
            '(400: 12 problem(s) in the layer file: line 2, column Value: empty (write 0 for none); line 3, column Value: empty (write 0 for none); …).'
        );
        expect(view.problems).toHaveLength(2);
        expect(view.heading).toBe(
            'The file was not imported, nothing was stored: 12 problems to fix (the first 2 shown).'
        );
        expect(importProblems('Redis is down')).toEqual({ heading: 'Redis is down', problems: [] });
    });
});
