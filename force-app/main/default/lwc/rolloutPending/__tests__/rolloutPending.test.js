import { createElement } from 'lwc';
import RolloutPending from 'c/rolloutPending';
import getPendingChange from '@salesforce/apex/TerritoryRolloutController.getPendingChange';
import getRollout from '@salesforce/apex/TerritoryRolloutController.getRollout';

jest.mock(
    '@salesforce/apex/TerritoryRolloutController.getPendingChange',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/TerritoryRolloutController.getRollout',
    () => ({ default: jest.fn() }),
    { virtual: true }
);

const MODEL = '0MA000000000001AAA';
const EAST = '0MI000000000001AAA';
const change = {
    scenarioId: 'a0T000000000001AAA',
    name: 'Q1 rebalance',
    state: 'pending',
    effectiveDate: '2026-12-20',
    territoryId: EAST,
    territoryName: 'East',
    repName: 'Dana Ortiz',
    gained: 3,
    lost: 1
};

async function flush() {
    for (let i = 0; i < 12; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}
const $ = (element, selector) => element.shadowRoot.querySelector(selector);

async function mount() {
    const element = createElement('c-rollout-pending', { is: RolloutPending });
    element.modelId = MODEL;
    element.territoryId = EAST;
    document.body.appendChild(element);
    await flush();
    return element;
}

describe('c-rollout-pending', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('shows the pending change with its effective date and opens what changes', async () => {
        getPendingChange.mockResolvedValue({ status: 'pending', change });
        getRollout.mockResolvedValue({ scenarioId: change.scenarioId, reps: [] });
        const element = await mount();
        expect(getPendingChange).toHaveBeenCalledWith({ modelId: MODEL, territoryId: EAST });
        expect($(element, '.pending-text').textContent).toBe(
            'Pending change for Dana Ortiz: gains 3 and loses 1 account, effective 2026-12-20.'
        );
        expect($(element, 'c-rollout-changes')).toBeNull();
        $(element, 'lightning-button.toggle').click();
        await flush();
        const changes = $(element, 'c-rollout-changes');
        expect(changes.scenarioId).toBe(change.scenarioId);
        expect(changes.territoryId).toBe(EAST);
        await expect(element).toBeAccessible();
    });

    it('says when the change took effect', async () => {
        getPendingChange.mockResolvedValue({
            status: 'applied',
            change: { ...change, state: 'applied', effectiveDate: '2026-12-06' }
        });
        const element = await mount();
        expect($(element, '.pending-text').textContent).toBe(
            'Changed on 2026-12-06 for Dana Ortiz: gained 3 and lost 1 account.'
        );
    });

    it('counts the accounts lost in the plural, with the Custom Labels English text', async () => {
        getPendingChange.mockResolvedValue({ status: 'pending', change: { ...change, lost: 2 } });
        const element = await mount();
        expect($(element, '.pending-text').textContent).toBe(
            'Pending change for Dana Ortiz: gains 3 and loses 2 accounts, effective 2026-12-20.'
        );
        expect($(element, 'lightning-button.toggle').label).toBe('What changes');
        getPendingChange.mockResolvedValue({
            status: 'applied',
            change: { ...change, lost: 0, effectiveDate: '2026-12-06' }
        });
        element.territoryId = '0MI000000000002AAA';
        await flush();
        expect($(element, '.pending-text').textContent).toBe(
            'Changed on 2026-12-06 for Dana Ortiz: gained 3 and lost 0 accounts.'
        );
    });

    it('shows nothing when nothing is pending or the service is down', async () => {
        getPendingChange.mockResolvedValue({ status: 'unavailable', message: 'down' });
        const element = await mount();
        expect($(element, '.banner')).toBeNull();
        getPendingChange.mockRejectedValue({ body: { message: 'no access' } });
        element.territoryId = '0MI000000000002AAA';
        await flush();
        expect($(element, '.banner')).toBeNull();
    });
});
