import { createElement } from 'lwc';
import ChangeRequests, { pinnedAccountsOf } from 'c/changeRequests';
import getRequests from '@salesforce/apex/TerritoryChangeRequestController.getRequests';
import decide from '@salesforce/apex/TerritoryChangeRequestController.decide';

jest.mock(
    '@salesforce/apex/TerritoryChangeRequestController.getRequests',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/TerritoryChangeRequestController.decide',
    () => ({ default: jest.fn() }),
    { virtual: true }
);

const MODEL = '0MA000000000001AAA';
const ACME = '001000000000001AAA';
const WEST = '0MI000000000002AAA';

const open = {
    id: 'a0C1',
    accountId: ACME,
    accountName: 'Acme',
    fromTerritoryName: 'East',
    requestedTerritoryId: WEST,
    requestedTerritoryName: 'West',
    reason: 'Office moved',
    status: 'Open',
    requestedBy: 'Kim Lee'
};

// Apex calls chain a few promises; this lets them all settle.
async function flush() {
    for (let i = 0; i < 12; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}
const $ = (element, selector) => element.shadowRoot.querySelector(selector);

async function mount() {
    const element = createElement('c-change-requests', { is: ChangeRequests });
    const events = [];
    element.addEventListener('requestschange', (e) => events.push(e.detail));
    element.modelId = MODEL;
    document.body.appendChild(element);
    await flush();
    return { element, events };
}

describe('c-change-requests', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('pins only accepted requests that are not honoured yet', () => {
        expect(
            pinnedAccountsOf([
                { ...open, status: 'Accepted' },
                { ...open, accountId: 'x', status: 'Accepted', honoured: true },
                { ...open, accountId: 'y', status: 'Declined' },
                { ...open, accountId: 'z' }
            ])
        ).toEqual({ [ACME]: WEST });
    });

    it('lists an open request, accepts it, and tells the planner to pin it', async () => {
        getRequests
            .mockResolvedValueOnce([open])
            .mockResolvedValueOnce([{ ...open, status: 'Accepted' }]);
        decide.mockResolvedValue({});
        const { element, events } = await mount();
        expect(getRequests).toHaveBeenCalledWith({ modelId: MODEL });
        expect($(element, '.request-title').textContent).toBe('Acme: East → West');
        expect($(element, '.request-reason').textContent).toBe('Office moved');
        expect(events.at(-1)).toEqual({ openCount: 1, pinnedAccounts: {} });
        await expect(element).toBeAccessible();

        $(element, '.accept').click();
        await flush();
        expect(decide).toHaveBeenCalledWith({ requestId: 'a0C1', accept: true, reply: '' });
        expect(events.at(-1)).toEqual({ openCount: 0, pinnedAccounts: { [ACME]: WEST } });
        expect($(element, '.open-request')).toBeNull();
        expect($(element, '.request-status').textContent).toBe(
            'Accepted: pinned in the next scenario'
        );
    });

    it('declines only with a reply', async () => {
        getRequests
            .mockResolvedValueOnce([open])
            .mockResolvedValueOnce([{ ...open, status: 'Declined', reply: 'West is full.' }]);
        decide.mockResolvedValue({});
        const { element } = await mount();
        $(element, '.decline').click();
        await flush();
        $(element, '.decline-send').click();
        await flush();
        expect(decide).not.toHaveBeenCalled();
        expect($(element, '.action-error').textContent).toContain('Write a reply');

        $(element, 'lightning-textarea').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'West is full.' } })
        );
        $(element, '.decline-send').click();
        await flush();
        expect(decide).toHaveBeenCalledWith({
            requestId: 'a0C1',
            accept: false,
            reply: 'West is full.'
        });
        expect($(element, '.request-status').textContent).toBe('Declined');
        expect($(element, '.request-reply').textContent).toBe('Reply: West is full.');
    });

    it('says what to do when there is none', async () => {
        getRequests.mockResolvedValue([]);
        const { element } = await mount();
        expect($(element, '.no-requests').textContent).toContain('Request a change');
    });
});
