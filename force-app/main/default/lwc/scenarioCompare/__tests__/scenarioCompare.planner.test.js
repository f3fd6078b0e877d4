import { createElement } from 'lwc';
import ScenarioCompare from 'c/scenarioCompare';
import { applyMoves } from 'c/plannerUtils';

// A planner without the Territory_Approve custom permission: the platform gives `false`.
jest.mock('@salesforce/customPermission/Territory_Approve', () => ({ default: false }), {
    virtual: true
});

const COMPARISON = require('./data/compare.json');
const PLAN_A = {
    territories: [
        { id: 'T1', name: 'North', reps: [{ name: 'Dana Ortiz' }] },
        { id: 'T2', name: 'South', reps: [{ name: 'Lee Park' }] }
    ],
    accounts: [
        { id: '001000000000001', name: 'Acme', latitude: 40, longitude: -100, territoryId: 'T1' },
        { id: '001000000000002', name: 'Beta', latitude: 41, longitude: -101, territoryId: 'T1' },
        { id: '001000000000003', name: 'Core', latitude: 30, longitude: -95, territoryId: 'T2' }
    ]
};

function createCompare(status) {
    const element = createElement('c-scenario-compare', { is: ScenarioCompare });
    Object.assign(element, {
        comparison: COMPARISON,
        planA: PLAN_A,
        planB: applyMoves(PLAN_A, COMPARISON.movedAccounts.items, COMPARISON.repChanges),
        scenario: { id: 'a01000000000001', name: 'Hire one', status }
    });
    document.body.appendChild(element);
    return element;
}

describe('c-scenario-compare for a planner without Territory_Approve', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('shows no Approve button on a Ready scenario and names the permission set', async () => {
        const element = createCompare('Ready');
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('.approve')).toBeNull();
        expect(element.shadowRoot.querySelector('.approve-permission').textContent).toContain(
            'Territory Approver permission set'
        );
        await expect(element).toBeAccessible();
    });

    it('says nothing about approving a scenario that is already applied', async () => {
        const element = createCompare('Applied');
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('.approve')).toBeNull();
        expect(element.shadowRoot.querySelector('.approve-permission')).toBeNull();
    });
});
