import { createElement } from 'lwc';
import DataQuality from 'c/dataQuality';
import LightningConfirm from 'lightning/confirm';
import getAudit from '@salesforce/apex/TerritoryDataQualityController.getAudit';
import runAudit from '@salesforce/apex/TerritoryDataQualityController.runAudit';
import placeAtPostalCode from '@salesforce/apex/TerritoryDataQualityController.placeAtPostalCode';
import setExcluded from '@salesforce/apex/TerritoryDataQualityController.setExcluded';
import getJobStatus from '@salesforce/apex/TerritoryPlanController.getJobStatus';

jest.mock(
    '@salesforce/apex/TerritoryDataQualityController.getAudit',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/TerritoryDataQualityController.runAudit',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/TerritoryDataQualityController.placeAtPostalCode',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/TerritoryDataQualityController.setExcluded',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock('@salesforce/apex/TerritoryPlanController.getJobStatus', () => ({ default: jest.fn() }), {
    virtual: true
});

const MODEL = '0MA000000000001AAA';
const A1 = '001000000000001AAA';
const A2 = '001000000000002AAA';
const A3 = '001000000000003AAA';

function audit({ missing = 3, placed = 2, excluded = 1 } = {}) {
    return {
        modelId: MODEL,
        auditedAt: '2026-12-06T02:00:00.000Z',
        accounts: 120,
        headline: `${missing} accounts lack coordinates: ${placed} placed by postal code, ${excluded} excluded.`,
        coordinates: { missing, placedByPostalCode: placed, excluded },
        plan: { placed_by_postal_code: placed, excluded, flagged: 4 },
        categories: [
            {
                category: 'missing_coordinates',
                count: missing,
                dispositions: { placed_by_postal_code: placed, excluded, flagged: 0 },
                suggestion: 'Place them at their postal code or geocode the address.',
                examples: [
                    {
                        accountId: A1,
                        name: 'Acme Corp',
                        message: 'No Billing Latitude/Longitude',
                        disposition: 'placed_by_postal_code'
                    },
                    {
                        accountId: A2,
                        name: 'Globex',
                        message: 'No coordinates and no ZIP code',
                        disposition: 'excluded'
                    }
                ]
            },
            {
                category: 'rep_inactive',
                count: 4,
                dispositions: { placed_by_postal_code: 0, excluded: 0, flagged: 4 },
                suggestion: 'Give them an active owner.',
                examples: [
                    {
                        accountId: A3,
                        name: 'Initech',
                        message: 'Owner is inactive',
                        disposition: 'flagged'
                    }
                ]
            },
            {
                category: 'null_island',
                count: 0,
                dispositions: { placed_by_postal_code: 0, excluded: 0, flagged: 0 },
                suggestion: '',
                examples: []
            }
        ],
        duplicates: {
            groups: 1,
            examples: [
                {
                    accountIds: [A1, A3],
                    names: ['Acme Corp', 'ACME Corporation'],
                    mergeUrl: `/merge/accmergewizard.jsp?goNext=+Next+&cid=${A1}&cid=${A3}`
                }
            ]
        },
        skipped: []
    };
}

// Apex calls chain a few promises; this lets them all settle (works with fake timers too).
async function flush() {
    for (let i = 0; i < 12; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

async function mount(props = {}) {
    const element = createElement('c-data-quality', { is: DataQuality });
    Object.assign(element, { modelId: MODEL, ...props });
    document.body.appendChild(element);
    await flush();
    await flush();
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const button = (element, label) => $$(element, 'lightning-button').find((b) => b.label === label);

async function select(element, accountId) {
    const box = $(element, `input.select[data-id="${accountId}"]`);
    box.checked = true;
    box.dispatchEvent(new CustomEvent('change'));
    await flush();
}

describe('c-data-quality', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('shows the headline, counts by category, what the plan does and examples', async () => {
        getAudit.mockResolvedValue(audit());
        const element = await mount();

        expect(getAudit).toHaveBeenCalledWith({ modelId: MODEL, examples: 10 });
        expect($(element, '.headline').textContent).toBe(
            '3 accounts lack coordinates: 2 placed by postal code, 1 excluded.'
        );
        const rows = $$(element, '.category-table tbody tr');
        // Categories without accounts are left out.
        expect(rows.map((r) => r.dataset.category)).toEqual([
            'missing_coordinates',
            'rep_inactive'
        ]);
        expect([...rows[0].children].map((c) => c.textContent)).toEqual([
            'Missing coordinates',
            '3',
            '2',
            '1',
            '0'
        ]);
        expect($$(element, '.plan-summary dd').map((d) => d.textContent)).toEqual(['2', '1', '4']);
        const examples = $$(
            element,
            'section.category[data-category="missing_coordinates"] .example'
        );
        expect(examples.map((e) => e.querySelector('.name').textContent)).toEqual([
            'Acme Corp',
            'Globex'
        ]);
        expect(examples[1].querySelector('.disposition').textContent).toBe('Excluded');
        expect(examples[0].querySelector('input').getAttribute('aria-label')).toBe(
            'Select Acme Corp'
        );
        await expect(element).toBeAccessible();
    });

    it('shows the audit of the last read when an earlier read answers after it', async () => {
        getAudit.mockResolvedValue(audit({ missing: 18, placed: 9, excluded: 9 }));
        const element = await mount();
        // two reads in flight: the first (an older audit) answers last
        let answerFirst;
        getAudit.mockReturnValueOnce(
            new Promise((resolve) => {
                answerFirst = resolve;
            })
        );
        getAudit.mockResolvedValueOnce(audit({ missing: 9, placed: 0, excluded: 9 }));
        const first = element.refresh();
        const second = element.refresh();
        await second;
        await flush();
        answerFirst(audit({ missing: 18, placed: 9, excluded: 9 }));
        await first;
        await flush();
        expect($(element, '.headline').textContent).toBe(
            '9 accounts lack coordinates: 0 placed by postal code, 9 excluded.'
        );
    });

    it('never shows an audit of older data over the one it shows', async () => {
        getAudit.mockResolvedValue({
            ...audit({ missing: 9, placed: 0, excluded: 9 }),
            auditedAt: '2026-12-06T02:05:00.000Z'
        });
        const element = await mount();
        // a later read answers with an audit of older data (read before the placement)
        getAudit.mockResolvedValueOnce(audit({ missing: 18, placed: 9, excluded: 9 }));
        await element.refresh();
        await flush();
        expect($(element, '.headline').textContent).toBe(
            '9 accounts lack coordinates: 0 placed by postal code, 9 excluded.'
        );
        // a newer one is shown
        getAudit.mockResolvedValueOnce({
            ...audit({ missing: 7, placed: 0, excluded: 7 }),
            auditedAt: '2026-12-06T02:09:00.000Z'
        });
        await element.refresh();
        await flush();
        expect($(element, '.headline').textContent).toBe(
            '7 accounts lack coordinates: 0 placed by postal code, 7 excluded.'
        );
    });

    it("links each duplicate group to Salesforce's merge screen and merges nothing itself", async () => {
        getAudit.mockResolvedValue(audit());
        const element = await mount();
        const link = $(element, 'a.merge-link');
        expect(link.getAttribute('href')).toBe(
            `/merge/accmergewizard.jsp?goNext=+Next+&cid=${A1}&cid=${A3}`
        );
        expect(link.target).toBe('_blank');
        expect(link.textContent).toBe(
            "Review and merge\u00a0Acme Corp, ACME Corporation in Salesforce's merge screen (opens a new tab)"
        );
        link.dispatchEvent(new CustomEvent('click'));
        await flush();
        expect(placeAtPostalCode).not.toHaveBeenCalled();
        expect(setExcluded).not.toHaveBeenCalled();
    });

    it('places the selected accounts after a confirm with the count, shows what was written and skipped, then audits again', async () => {
        getAudit.mockResolvedValue(audit());
        const element = await mount();
        expect(button(element, 'Place at postal code').disabled).toBe(true);

        await select(element, A1);
        await select(element, A2);
        expect($(element, '.selection').textContent).toBe('2 accounts selected.');
        LightningConfirm.open.mockResolvedValue(true);
        placeAtPostalCode.mockResolvedValue({
            written: [{ accountId: A1, postalCode: '10001', latitude: 40.75, longitude: -73.99 }],
            skipped: [
                {
                    accountId: A2,
                    reason: 'no_postal_code',
                    message: 'No billing postal code: add one or geocode the address'
                }
            ],
            failed: []
        });
        runAudit.mockResolvedValue({ modelId: MODEL, jobId: 'audit-1' });
        button(element, 'Place at postal code').click();
        await flush();
        await flush();

        expect(LightningConfirm.open).toHaveBeenCalledWith(
            expect.objectContaining({ label: 'Place at postal code' })
        );
        expect(LightningConfirm.open.mock.calls[0][0].message).toContain('2 accounts');
        expect(placeAtPostalCode).toHaveBeenCalledWith({ modelId: MODEL, accountIds: [A1, A2] });
        expect($(element, '.outcome-heading').textContent).toBe(
            '1 account placed at their postal code, 1 skipped.'
        );
        expect($$(element, '.outcome-lines li').map((l) => l.textContent)).toEqual([
            'Skipped Globex: no usable postal code. No billing postal code: add one or geocode the address'
        ]);
        // Something was written: a new audit runs so the counts follow.
        expect(runAudit).toHaveBeenCalledWith({ modelId: MODEL });
        expect($(element, '.audit-progress')).not.toBeNull();
    });

    it('writes nothing when the planner cancels the confirm', async () => {
        getAudit.mockResolvedValue(audit());
        const element = await mount();
        await select(element, A1);
        LightningConfirm.open.mockResolvedValue(false);
        button(element, 'Place at postal code').click();
        await flush();
        expect(placeAtPostalCode).not.toHaveBeenCalled();
        expect(runAudit).not.toHaveBeenCalled();
    });

    it('excludes the selected accounts; the actions wait for the audit that follows', async () => {
        getAudit.mockResolvedValue(audit());
        runAudit.mockResolvedValue({ modelId: MODEL, jobId: 'audit-2' });
        const element = await mount();
        LightningConfirm.open.mockResolvedValue(true);
        setExcluded.mockResolvedValue({ updated: [A3], failed: [] });

        button(element, 'Select all shown') // the first category: A1 and A2
            .click();
        await flush();
        expect($(element, '.selection').textContent).toBe('2 accounts selected.');
        button(element, 'Clear selection').click();
        await flush();
        await select(element, A3);
        button(element, 'Exclude from planning').click();
        await flush();
        expect(setExcluded).toHaveBeenCalledWith({
            modelId: MODEL,
            accountIds: [A3],
            excluded: true
        });
        expect($(element, '.outcome-heading').textContent).toBe(
            '1 account excluded from planning.'
        );

        // The selection was cleared with the action, and a new audit runs.
        expect(button(element, 'Include again').disabled).toBe(true);
        expect(runAudit).toHaveBeenCalledTimes(1);
        expect($(element, '.audit-progress')).not.toBeNull();
        // Actions wait for the running audit.
        await select(element, A3);
        expect(button(element, 'Include again').disabled).toBe(true);
    });

    it('includes accounts in planning again', async () => {
        getAudit.mockResolvedValue(audit());
        const element = await mount();
        LightningConfirm.open.mockResolvedValue(true);
        setExcluded.mockResolvedValue({
            updated: [],
            failed: [{ accountId: A2, errorCode: 'ENTITY_IS_LOCKED', message: 'locked' }]
        });
        await select(element, A2);
        button(element, 'Include again').click();
        await flush();
        await flush();
        expect(LightningConfirm.open.mock.calls[0][0].label).toBe('Include again');
        expect(setExcluded).toHaveBeenCalledWith({
            modelId: MODEL,
            accountIds: [A2],
            excluded: false
        });
        expect($(element, '.outcome-heading').textContent).toBe(
            '0 accounts included in planning again, 1 failed.'
        );
        expect($$(element, '.outcome-lines li').map((l) => l.textContent)).toEqual([
            'Not changed Globex: locked'
        ]);
        // Nothing changed: no new audit.
        expect(runAudit).not.toHaveBeenCalled();
    });

    it('runs an audit on demand with progress and reloads it when the job completes', async () => {
        getAudit.mockResolvedValueOnce({ noAudit: true, message: 'No audit' });
        const element = await mount();
        expect($(element, '.no-audit')).not.toBeNull();
        expect($(element, '.headline')).toBeNull();
        await expect(element).toBeAccessible();

        runAudit.mockResolvedValue({ modelId: MODEL, jobId: 'audit-3' });
        getJobStatus
            .mockResolvedValueOnce({
                state: 'active',
                progress: { percent: 40, stage: 'auditing' }
            })
            .mockResolvedValueOnce({ state: 'completed', progress: { percent: 100 } });
        getAudit.mockResolvedValue(audit({ missing: 1, placed: 0, excluded: 1 }));
        jest.useFakeTimers();
        button(element, 'Run audit now').click();
        await Promise.resolve();
        await Promise.resolve();
        expect(button(element, 'Auditing…').disabled).toBe(true);
        jest.advanceTimersByTime(1500);
        await Promise.resolve();
        await Promise.resolve();
        await Promise.resolve();
        expect($(element, '.audit-progress p').textContent).toBe('Auditing · 40 %');
        jest.advanceTimersByTime(1500);
        jest.useRealTimers();
        await flush();
        await flush();

        expect(getJobStatus).toHaveBeenCalledWith({ jobId: 'audit-3' });
        expect($(element, '.audit-progress')).toBeNull();
        expect($(element, '.headline').textContent).toBe(
            '1 accounts lack coordinates: 0 placed by postal code, 1 excluded.'
        );
    });

    it('says what failed when the audit cannot be read', async () => {
        getAudit.mockRejectedValue({
            body: { message: 'The territory service cannot be reached' }
        });
        const element = await mount();
        const panel = $(element, 'c-error-panel.load-error');
        expect(panel).not.toBeNull();
        expect(panel.friendlyMessage).toContain('could not be loaded');
        expect($(element, '.headline')).toBeNull();
    });

    it('shows a loading spinner until the audit arrives', async () => {
        let resolve;
        getAudit.mockReturnValue(new Promise((r) => (resolve = r)));
        const element = await mount();
        expect($(element, 'lightning-spinner')).not.toBeNull();
        resolve(audit());
        await flush();
        expect($(element, 'lightning-spinner')).toBeNull();
    });

    it('summary variant: the headline sentence alone, without examples', async () => {
        getAudit.mockResolvedValue(audit());
        const element = await mount({ variant: 'summary' });
        expect(getAudit).toHaveBeenCalledWith({ modelId: MODEL, examples: 0 });
        expect($(element, '.data-summary').textContent.trim()).toBe(
            '3 accounts lack coordinates: 2 placed by postal code, 1 excluded.'
        );
        expect($(element, '.category-table')).toBeNull();
    });
});
