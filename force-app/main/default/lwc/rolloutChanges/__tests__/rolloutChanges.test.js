import { createElement } from 'lwc';
import RolloutChanges from 'c/rolloutChanges';
import getRollout from '@salesforce/apex/TerritoryRolloutController.getRollout';
import { rolloutCsv } from 'c/plannerUtils';

jest.mock(
    '@salesforce/apex/TerritoryRolloutController.getRollout',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
// The labels whose placeholders the tests read (jest gives every other label its name).
jest.mock('@salesforce/label/c.Rollout_For', () => ({ default: 'What changes for {0}' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Rollout_Gained', () => ({ default: 'Accounts gained ({0})' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Rollout_Lost', () => ({ default: 'Accounts lost ({0})' }), {
    virtual: true
});
jest.mock(
    '@salesforce/label/c.Rollout_Hidden_Account',
    () => ({ default: 'Account {0} (not visible to you)' }),
    { virtual: true }
);
jest.mock('@salesforce/label/c.Rollout_Km', () => ({ default: '{0} km' }), { virtual: true });

const SCENARIO = 'a0T000000000001AAA';
const EAST = '0MI000000000001AAA';
const WEST = '0MI000000000002AAA';

const east = {
    territoryId: EAST,
    territoryName: 'East',
    repId: '005000000000001AAA',
    repName: 'Dana Ortiz',
    accountsBefore: 10,
    accountsAfter: 11,
    gained: 2,
    lost: 1,
    before: { Potential: 1000000, Workload: 100 },
    after: { Potential: 1250000.123, Workload: 110 },
    travelKmBefore: 1200,
    travelKmAfter: 1100,
    gainedAccounts: [
        {
            accountId: '001000000000001AAA',
            name: '=Acme',
            potential: 200000,
            workload: 8,
            otherTerritoryName: 'West'
        },
        { accountId: '001000000000002AAA', name: null, potential: 100000, workload: 4 }
    ],
    lostAccounts: [
        {
            accountId: '001000000000003AAA',
            name: 'Globex',
            potential: 50000,
            workload: 2,
            otherTerritoryName: 'West'
        }
    ],
    truncated: false
};
const west = { ...east, territoryId: WEST, territoryName: 'West', repName: 'Kim Lee' };

async function flush() {
    for (let i = 0; i < 12; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}
const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

async function mount(props) {
    const element = createElement('c-rollout-changes', { is: RolloutChanges });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flush();
    return element;
}

describe('c-rollout-changes', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it("shows one rep's gains and losses by name with the figures before → after", async () => {
        getRollout.mockResolvedValue({
            scenarioId: SCENARIO,
            name: 'Q1 rebalance',
            status: 'Approved',
            effectiveDate: '2026-12-20',
            reps: [east]
        });
        const element = await mount({ scenarioId: SCENARIO, territoryId: EAST });
        expect(getRollout).toHaveBeenCalledWith({ scenarioId: SCENARIO, territoryId: EAST });
        expect($(element, '.heading').textContent).toBe('What changes for Dana Ortiz');
        expect($(element, '.rep-picker')).toBeNull();
        const gained = $$(element, 'table.gained tbody tr').map((tr) => tr.textContent);
        expect(gained[0]).toContain('=Acme');
        expect(gained[0]).toContain('West');
        // An account the user cannot read is named by its id.
        expect(gained[1]).toContain('001000000000002AAA');
        expect($(element, 'table.gained caption').textContent.trim()).toBe('Accounts gained (2)');
        expect($(element, 'table.lost tbody tr').textContent).toContain('Globex');
        const travel = $(element, 'tr[data-figure="travel"]').textContent;
        expect(travel).toContain('1,200 km');
        expect(travel).toContain('1,100 km');
        expect(travel).toContain('−100 km');
        expect($(element, 'tr[data-figure="accounts"]').textContent).toContain('+1');
        const href = decodeURIComponent($(element, 'a.export').getAttribute('href'));
        expect(href).toContain("'=Acme");
        await expect(element).toBeAccessible();
    });

    it('lets a planner pick among the affected reps', async () => {
        getRollout.mockResolvedValue({ scenarioId: SCENARIO, name: 'Q1', reps: [east, west] });
        const element = await mount({ scenarioId: SCENARIO });
        expect(getRollout).toHaveBeenCalledWith({ scenarioId: SCENARIO, territoryId: null });
        const picker = $(element, '.rep-picker');
        expect(picker.options.map((o) => o.label)).toEqual(['Dana Ortiz — East', 'Kim Lee — West']);
        picker.dispatchEvent(new CustomEvent('change', { detail: { value: WEST } }));
        await flush();
        expect($(element, '.heading').textContent).toBe('What changes for Kim Lee');
        await expect(element).toBeAccessible();
    });

    it('says when nothing changes, and shows a failure', async () => {
        getRollout.mockResolvedValue({ scenarioId: SCENARIO, name: 'Q1', reps: [] });
        const element = await mount({ scenarioId: SCENARIO, territoryId: EAST });
        expect($(element, '.empty').textContent).toBe(
            'Nothing changes for this rep in this scenario.'
        );
        getRollout.mockRejectedValue({ body: { message: 'The service is unreachable.' } });
        element.territoryId = WEST;
        await flush();
        expect($(element, 'c-error-panel')).not.toBeNull();
    });
});

describe('rolloutCsv', () => {
    it('neutralises names and rounds figures', () => {
        const csv = rolloutCsv(east);
        const lines = csv.trim().split('\n');
        expect(lines[0]).toBe(
            'Direction,Account,Account Id,From / to territory,Potential,Workload'
        );
        expect(lines[1]).toBe("Gained,'=Acme,001000000000001AAA,West,200000,8");
        expect(lines[3]).toBe('Lost,Globex,001000000000003AAA,West,50000,2');
        expect(lines).toContain('Potential,1000000,1250000.12');
        expect(lines).toContain('Travel (km),1200,1100');
    });
});
