import { createElement } from 'lwc';
import AccountTerritoryCard from 'c/accountTerritoryCard';
import getAccountTerritory from '@salesforce/apex/AccountTerritoryController.getAccountTerritory';

const CARD = require('./data/getAccountTerritory.json');
const UNASSIGNED = require('./data/getAccountTerritoryUnassigned.json');

// The rep's week (c-rep-week-map) reads the visit plan; here the service has none yet.
jest.mock(
    '@salesforce/apex/TerritoryRoutesController.getRoutes',
    () => ({ default: jest.fn(() => Promise.resolve({ status: 'none', canPlan: false })) }),
    { virtual: true }
);

jest.mock(
    '@salesforce/apex/AccountTerritoryController.getAccountTerritory',
    () => {
        const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

function createCard() {
    const element = createElement('c-account-territory-card', { is: AccountTerritoryCard });
    element.recordId = '001000000000001';
    document.body.appendChild(element);
    return element;
}

describe('c-account-territory-card', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('asks Apex for the record and shows a skeleton meanwhile', async () => {
        const element = createCard();
        await Promise.resolve();

        expect(getAccountTerritory.getLastConfig()).toEqual({ accountId: '001000000000001' });
        expect(element.shadowRoot.querySelector('.skeleton').getAttribute('aria-busy')).toBe(
            'true'
        );
        await expect(element).toBeAccessible();
    });

    it('shows the Apex error', async () => {
        const element = createCard();
        getAccountTerritory.error({ message: 'You cannot read this account territory.' });
        await Promise.resolve();

        const panel = element.shadowRoot.querySelector('c-error-panel');
        expect(panel).not.toBeNull();
        expect(panel.friendlyMessage).toBe('The territory of this account could not be loaded.');
        expect(element.shadowRoot.querySelector('.skeleton')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says when the account has no territory', async () => {
        const element = createCard();
        getAccountTerritory.emit(UNASSIGNED);
        await Promise.resolve();

        expect(element.shadowRoot.textContent).toContain('Not in a territory yet');
        expect(element.shadowRoot.textContent).toContain('Lonely Inc is not assigned');
        expect(element.shadowRoot.querySelector('c-territory-map')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it("shows the territory rep's week for the account's model, with this account highlighted", async () => {
        const element = createCard();
        getAccountTerritory.emit({ ...CARD, modelId: '0MA000000000001' });
        await Promise.resolve();

        const week = element.shadowRoot.querySelector('c-rep-week-map');
        expect(week).not.toBeNull();
        expect(week.modelId).toBe('0MA000000000001');
        expect(week.highlightAccountId).toBe('001000000000001');
        expect(week.reps.map((rep) => rep.name)).toEqual(['Dana Ortiz', 'Sam Reed']);
        await expect(element).toBeAccessible();
    });

    it('leaves the week out when the card names no model', async () => {
        const element = createCard();
        getAccountTerritory.emit(CARD);
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('c-rep-week-map')).toBeNull();
    });

    it('shows territory, reps, mini map, figures and why here', async () => {
        const element = createCard();
        getAccountTerritory.emit(CARD);
        await Promise.resolve();

        const card = element.shadowRoot.querySelector('lightning-card');
        expect(card.title).toBe('Mountain West');
        expect(element.shadowRoot.querySelector('.model').textContent.trim()).toBe(
            'FY27 Plan · Active'
        );
        const reps = [...element.shadowRoot.querySelectorAll('.rep')];
        expect(reps.map((r) => r.querySelector('.rep-name').textContent)).toEqual([
            'Dana Ortiz',
            'Sam Reed'
        ]);
        expect(reps.map((r) => r.querySelector('lightning-badge').label)).toEqual([
            'Sales Rep',
            'Owner'
        ]);
        expect(reps[0].textContent).toContain('10 km from home');
        expect(reps[1].textContent).toContain('No home base set');

        const map = element.shadowRoot.querySelector('c-territory-map');
        expect(map.accounts).toHaveLength(3);
        expect(map.highlightAccountId).toBe('001000000000001');
        expect(map.territories[0].reps).toHaveLength(2);
        expect(map.compact).toBe(true);

        const rows = [...element.shadowRoot.querySelectorAll('.figures tbody tr')];
        expect(rows.map((r) => r.querySelector('th').textContent)).toEqual([
            'Potential',
            'Workload',
            'Accounts'
        ]);
        expect(rows[0].textContent).toContain('$1,250,000');
        expect(rows[0].textContent).toContain('+25%');
        expect(rows[0].querySelector('lightning-icon').alternativeText).toBe('over target');
        expect(rows[1].querySelector('lightning-icon').alternativeText).toBe('within tolerance');

        const reasons = [...element.shadowRoot.querySelectorAll('.reasons li')].map(
            (li) => li.textContent
        );
        expect(reasons).toEqual([
            'Locked: the planner never moves this account.',
            'Nearest rep home: Dana Ortiz, 10 km away.',
            "Segment SMB matches the rep's segment."
        ]);
        await expect(element).toBeAccessible();
    });

    it('explains a territory that is not the nearest and adds the account to the map', async () => {
        const element = createCard();
        // Kim Lee's home in the other territory is where Dana's was; Dana serves another segment.
        const [own, other] = CARD.territories;
        getAccountTerritory.emit({
            ...CARD,
            account: { ...CARD.account, locked: false },
            otherTerritoryCount: 1,
            territories: [
                {
                    ...own,
                    reps: [
                        {
                            ...own.reps[0],
                            homeLatitude: 40.015,
                            homeLongitude: -105.27,
                            segment: 'ENT'
                        }
                    ]
                },
                {
                    ...other,
                    reps: [{ ...other.reps[0], homeLatitude: 39.7, homeLongitude: -105.1 }]
                }
            ],
            territoryAccounts: CARD.territoryAccounts.slice(1)
        });
        await Promise.resolve();

        const reasons = [...element.shadowRoot.querySelectorAll('.reasons li')].map(
            (li) => li.textContent
        );
        expect(reasons[0]).toContain("Kim Lee's (10 km) in another territory");
        expect(reasons[1]).toBe("Segment SMB differs from the rep's segment.");
        expect(reasons[2]).toBe('Also in 1 other territory assignment.');
        const map = element.shadowRoot.querySelector('c-territory-map');
        expect(map.accounts.map((a) => a.id)).toContain('001000000000001');
    });

    it('counts other territory assignments in the plural', async () => {
        const element = createCard();
        getAccountTerritory.emit({ ...CARD, otherTerritoryCount: 3 });
        await Promise.resolve();

        const reasons = [...element.shadowRoot.querySelectorAll('.reasons li')].map(
            (li) => li.textContent
        );
        expect(reasons).toContain('Also in 3 other territory assignments.');
    });

    it('names the unassigned account with the labels English text', async () => {
        const element = createCard();
        getAccountTerritory.emit(UNASSIGNED);
        await Promise.resolve();

        const box = element.shadowRoot.querySelector('.slds-box');
        expect(box.textContent).toContain('Not in a territory yet');
        expect(box.textContent).toContain(
            `${UNASSIGNED.account.name} is not assigned to a territory. A territory planner can assign it in the Territory Planner app.`
        );
        expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Territory');
    });

    it('shows a dash, not an arrow, for a figure without target', async () => {
        const element = createCard();
        getAccountTerritory.emit({
            ...CARD,
            // No figures written by the service yet: no value, so no target either.
            territories: CARD.territories.map((t) => ({ ...t, potential: null }))
        });
        await Promise.resolve();

        const row = element.shadowRoot.querySelector('.figures tbody tr');
        expect([...row.querySelectorAll('td')].map((td) => td.textContent.trim())).toEqual([
            '—',
            '—',
            '—'
        ]);
        expect(row.querySelector('lightning-icon')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
