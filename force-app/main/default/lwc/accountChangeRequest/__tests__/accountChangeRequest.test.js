import { createElement } from 'lwc';
import AccountChangeRequest from 'c/accountChangeRequest';
import getAccountRequests from '@salesforce/apex/TerritoryChangeRequestController.getAccountRequests';
import requestChange from '@salesforce/apex/TerritoryChangeRequestController.requestChange';

jest.mock(
    '@salesforce/apex/TerritoryChangeRequestController.getAccountRequests',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/TerritoryChangeRequestController.requestChange',
    () => ({ default: jest.fn() }),
    { virtual: true }
);

const ACCOUNT = '001000000000001AAA';
const WEST = '0MI000000000002AAA';

function answer(requests = []) {
    return {
        modelId: '0MA000000000001AAA',
        territoryId: '0MI000000000001AAA',
        territories: [{ id: WEST, name: 'West' }],
        requests
    };
}

// Apex calls chain a few promises; this lets them all settle.
async function flush() {
    for (let i = 0; i < 12; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function mount() {
    const element = createElement('c-account-change-request', { is: AccountChangeRequest });
    element.accountId = ACCOUNT;
    document.body.appendChild(element);
    await flush();
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

describe('c-account-change-request', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('asks to move the account with a territory and a reason, then shows it waiting', async () => {
        getAccountRequests.mockResolvedValueOnce(answer()).mockResolvedValueOnce(
            answer([
                {
                    id: 'a0C1',
                    status: 'Open',
                    requestedTerritoryName: 'West',
                    reason: 'Office moved'
                }
            ])
        );
        requestChange.mockResolvedValue({ id: 'a0C1' });
        const element = await mount();
        expect(getAccountRequests).toHaveBeenCalledWith({ accountId: ACCOUNT });

        $(element, '.request-button').click();
        await flush();
        const combobox = $(element, 'lightning-combobox');
        expect(combobox.label).toBe('Move this account to');
        expect(combobox.options).toEqual([{ label: 'West', value: WEST }]);
        expect($(element, 'lightning-textarea').label).toBe('Reason');
        await expect(element).toBeAccessible();

        // Without a reason nothing is sent and the rep is told why.
        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: WEST } }));
        $(element, '.send-button').click();
        await flush();
        expect(requestChange).not.toHaveBeenCalled();
        expect($(element, '.form-error').textContent).toContain('Say why');

        $(element, 'lightning-textarea').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'Office moved' } })
        );
        $(element, '.send-button').click();
        await flush();
        expect(requestChange).toHaveBeenCalledWith({
            accountId: ACCOUNT,
            territoryId: WEST,
            reason: 'Office moved'
        });
        expect($(element, '.request-form')).toBeNull();
        expect($(element, '.request-target').textContent).toBe('Move to West');
        expect($(element, '.status').textContent).toBe('Waiting for a planner');
        // One open request at a time.
        expect($(element, '.request-button')).toBeNull();
    });

    it("shows a declined request with the planner's reply, and an honoured one as done", async () => {
        getAccountRequests.mockResolvedValue(
            answer([
                {
                    id: 'a0C2',
                    status: 'Declined',
                    requestedTerritoryName: 'West',
                    reason: 'Closer',
                    reply: 'West is full this year.'
                },
                {
                    id: 'a0C3',
                    status: 'Accepted',
                    honoured: true,
                    requestedTerritoryName: 'West',
                    reason: 'Closer'
                }
            ])
        );
        const element = await mount();
        const statuses = [...element.shadowRoot.querySelectorAll('.status')].map(
            (s) => s.textContent
        );
        expect(statuses).toEqual(['Declined', 'Done']);
        expect($(element, '.request-reply').textContent.trim()).toBe(
            "Planner's reply: West is full this year."
        );
        expect($(element, '.request-button')).not.toBeNull();
    });

    it("shows the service's refusal in the form", async () => {
        getAccountRequests.mockResolvedValue(answer());
        requestChange.mockRejectedValue({ body: { message: 'The account is already there.' } });
        const element = await mount();
        $(element, '.request-button').click();
        await flush();
        $(element, 'lightning-combobox').dispatchEvent(
            new CustomEvent('change', { detail: { value: WEST } })
        );
        $(element, 'lightning-textarea').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'x' } })
        );
        $(element, '.send-button').click();
        await flush();
        expect($(element, '.form-error').textContent).toBe('The account is already there.');
    });
});
