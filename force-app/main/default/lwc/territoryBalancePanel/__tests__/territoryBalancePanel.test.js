import { createElement } from 'lwc';
import TerritoryBalancePanel from 'c/territoryBalancePanel';

const TERRITORIES = require('./data/territories.json');

function createPanel(props = {}) {
    const element = createElement('c-territory-balance-panel', { is: TerritoryBalancePanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function rowNames(element) {
    return [...element.shadowRoot.querySelectorAll('tbody .territory-name')].map(
        (n) => n.textContent
    );
}

describe('c-territory-balance-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('shows skeleton rows while loading', async () => {
        const element = createPanel({ loading: true });
        await Promise.resolve();

        const skeleton = element.shadowRoot.querySelector('.skeleton');
        expect(skeleton.getAttribute('aria-busy')).toBe('true');
        expect(element.shadowRoot.querySelectorAll('.skeleton-row')).toHaveLength(4);
        expect(element.shadowRoot.querySelector('table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the error instead of rows', async () => {
        const element = createPanel({
            errors: { body: { message: 'You cannot read the territory plan.' } },
            territories: TERRITORIES
        });
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
        expect(element.shadowRoot.querySelector('table')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says what to do when there are no territories', async () => {
        const element = createPanel({ territories: [] });
        await Promise.resolve();

        expect(element.shadowRoot.textContent).toContain('No territories yet');
        await expect(element).toBeAccessible();
    });

    it('puts the worst imbalance on top with signed deviations, words and totals', async () => {
        const element = createPanel({
            territories: TERRITORIES,
            tolerance: 0.05,
            accountsMoved: 0
        });
        await Promise.resolve();

        // Targets: potential 100,000 each. North +50 %, East −48 %, South −2 %.
        expect(rowNames(element)).toEqual(['North', 'East', 'South']);
        const firstRow = element.shadowRoot.querySelector('tbody tr');
        const deviation = firstRow.querySelector('.col-deviation');
        expect(deviation.textContent).toContain('+50%');
        expect(deviation.textContent).toContain('over target');
        const potentialCell = firstRow.querySelectorAll('.col-measure')[0];
        expect(potentialCell.querySelector('.bar').getAttribute('style')).toBe('width: 75%');
        expect(potentialCell.querySelector('.slds-assistive-text').textContent).toBe(
            'Potential $150,000, target $100,000, +50% over target'
        );
        // The narrow cell shows the short form; the full figures stay in the title.
        expect(potentialCell.querySelector('.bar-value').textContent).toBe('$150K');
        expect(potentialCell.querySelector('.bar-caption').title).toBe(
            'Potential $150,000, target $100,000, +50% over target'
        );
        expect(firstRow.textContent).toContain('Dana Ortiz');
        expect(firstRow.querySelector('.kpis').textContent).toContain('$50,000');
        expect(firstRow.querySelector('.kpis').textContent).toContain('25%');
        const south = element.shadowRoot.querySelectorAll('tbody tr')[2];
        expect(south.querySelector('.col-deviation').textContent).toContain('within tolerance');
        const total = (name) => element.shadowRoot.querySelector(`tfoot .${name}`).textContent;
        expect(total('total-deviation')).toBe('50%');
        expect(total('total-travel')).toBe('2,400 km');
        expect(total('total-moved')).toBe('0');
        await expect(element).toBeAccessible();
    });

    it('shows "—" for total travel when the territories have no travel figures', async () => {
        const element = createPanel({
            territories: TERRITORIES.map((t) => ({ ...t, travelKm: null }))
        });
        await Promise.resolve();

        const travel = element.shadowRoot.querySelector('tfoot .total-travel').textContent;
        expect(travel).toBe('—');
        const cells = [...element.shadowRoot.querySelectorAll('tbody .col-travel')];
        expect(cells.map((c) => c.textContent)).toEqual(['—', '—', '—']);
        await expect(element).toBeAccessible();
    });

    it('sorts by a column header and flips direction on a second click', async () => {
        const element = createPanel({ territories: TERRITORIES });
        await Promise.resolve();

        const nameHeader = element.shadowRoot.querySelector('button[data-field="name"]');
        nameHeader.click();
        await Promise.resolve();
        expect(rowNames(element)).toEqual(['East', 'North', 'South']);
        expect(nameHeader.closest('th').getAttribute('aria-sort')).toBe('ascending');

        nameHeader.click();
        await Promise.resolve();
        expect(rowNames(element)).toEqual(['South', 'North', 'East']);
        expect(nameHeader.closest('th').getAttribute('aria-sort')).toBe('descending');

        element.shadowRoot.querySelector('button[data-field="travel"]').click();
        await Promise.resolve();
        expect(rowNames(element)).toEqual(['North', 'South', 'East']);
        await expect(element).toBeAccessible();
    });

    it('selects a territory and marks the selected row', async () => {
        const element = createPanel({ territories: TERRITORIES });
        const handler = jest.fn();
        element.addEventListener('territoryselect', handler);
        await Promise.resolve();

        element.shadowRoot.querySelector('button[data-id="0MI000000000003"]').click();
        expect(handler.mock.calls[0][0].detail).toEqual({ territoryId: '0MI000000000003' });

        element.selectedTerritoryId = '0MI000000000003';
        await Promise.resolve();
        const button = element.shadowRoot.querySelector('button[data-id="0MI000000000003"]');
        expect(button.getAttribute('aria-pressed')).toBe('true');
        expect(button.closest('tr').classList).toContain('row_selected');

        button.click();
        expect(handler.mock.calls[1][0].detail).toEqual({ territoryId: null });
    });

    it('shows only the measures being balanced', async () => {
        const element = createPanel({ territories: TERRITORIES, measures: ['workload'] });
        await Promise.resolve();

        const headers = [...element.shadowRoot.querySelectorAll('thead th')].map((th) =>
            th.textContent.trim()
        );
        expect(headers).toEqual(['Territory', 'Workload', 'Deviation', 'Travel (km)']);
        // Workload is within 1 % everywhere: no row is over tolerance.
        expect(element.shadowRoot.textContent).not.toContain('over target');
    });

    it('says "1 territory" in the totals, "2 territories" with two', async () => {
        const element = createPanel({ territories: TERRITORIES.slice(0, 1) });
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('tfoot').textContent).toContain(
            'Totals (1 territory)'
        );
        element.territories = TERRITORIES.slice(0, 2);
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('tfoot').textContent).toContain(
            'Totals (2 territories)'
        );
    });
});
