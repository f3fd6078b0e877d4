import { createElement } from 'lwc';
import ScenarioCompare from 'c/scenarioCompare';
import { applyMoves, unitsOfPlan } from 'c/plannerUtils';
import { AREA_PALETTE, unitsFromPayload } from 'c/territoryAreas';

// The running user holds Territory_Approve (Sales Ops); scenarioCompare.planner.test.js covers
// planners without it.
jest.mock('@salesforce/customPermission/Territory_Approve', () => ({ default: true }), {
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
const SCENARIO = {
    id: 'a01000000000001',
    name: 'Hire one',
    status: 'Ready',
    assignmentsUrl: '/sfc/servlet.shepherd/version/download/068000000000001'
};

function createCompare(props = {}) {
    const element = createElement('c-scenario-compare', { is: ScenarioCompare });
    Object.assign(element, {
        comparison: COMPARISON,
        planA: PLAN_A,
        planB: applyMoves(PLAN_A, COMPARISON.movedAccounts.items, COMPARISON.repChanges),
        scenario: SCENARIO,
        ...props
    });
    document.body.appendChild(element);
    return element;
}

function cells(row) {
    return [...row.querySelectorAll('th, td')].map((c) => c.textContent.trim());
}

describe('c-scenario-compare', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('says an account moved because its rep left', async () => {
        const planA = {
            ...PLAN_A,
            territories: [
                { id: 'T1', name: 'North', reps: [{ name: 'Dana Ortiz', isActive: false }] },
                PLAN_A.territories[1]
            ]
        };
        const element = createCompare({ planA });
        await Promise.resolve();
        const moved = [...element.shadowRoot.querySelectorAll('.moved tbody tr')].map(cells);
        expect(moved[0]).toEqual(['Acme', 'North', 'South', 'rep left']);
        await expect(element).toBeAccessible();
    });

    it('shows figures with differences, moved accounts and the per-rep report', async () => {
        const element = createCompare();
        await Promise.resolve();

        const figureRows = [...element.shadowRoot.querySelectorAll('.figures tbody tr')].map(cells);
        expect(figureRows[0]).toEqual(['Max deviation', '18%', '4%', '-14 ptsbetter']);
        expect(figureRows[1][0]).toBe('Potential deviation');
        expect(figureRows[3]).toEqual(['Travel', '12,000 km', '11,000 km', '-1,000 kmbetter']);
        expect(figureRows[4]).toEqual(['Accounts moved', '0', '2', '+2worse']);
        expect(figureRows[5]).toEqual(['Reps', '2', '3', '+1']);

        const moved = [...element.shadowRoot.querySelectorAll('.moved tbody tr')].map(cells);
        expect(moved).toEqual([
            ['Acme', 'North', 'South', 'rebalancing'],
            ['Core', 'South', 'New rep 1', 'to a new rep']
        ]);
        expect(element.shadowRoot.querySelector('.moved-section h3').textContent).toBe(
            'Moved accounts (2)'
        );

        const reps = [...element.shadowRoot.querySelectorAll('.reps tbody tr')].map(cells);
        expect(reps[0]).toEqual([
            'North',
            'Dana Ortiz',
            '+0',
            '−1',
            '2 → 1',
            '300 → 200',
            '30 → 20'
        ]);
        expect(reps).toHaveLength(3);

        const maps = element.shadowRoot.querySelectorAll('c-territory-map');
        expect(maps[1].accounts.find((a) => a.id === '001000000000003').territoryId).toBe(
            'new-rep-1'
        );
        const report = element.shadowRoot.querySelector('.change-report');
        expect(decodeURIComponent(report.getAttribute('href'))).toContain(
            'North,Dana Ortiz,2,1,0,1,300,200,30,20'
        );
        expect(report.getAttribute('download')).toBe('change-report-Hire-one.csv');
        expect(element.shadowRoot.querySelector('.assignments').getAttribute('href')).toBe(
            SCENARIO.assignmentsUrl
        );
        await expect(element).toBeAccessible();
    });

    it('asks to approve with the counts', async () => {
        const element = createCompare();
        const handler = jest.fn();
        element.addEventListener('approve', handler);
        await Promise.resolve();

        element.shadowRoot.querySelector('.approve').click();
        expect(handler.mock.calls[0][0].detail).toMatchObject({
            scenarioId: 'a01000000000001',
            accountsMoved: 2,
            repsAffected: 3,
            apiCalls: 2
        });
        // The focus goes back to Approve when the confirm dialog closes.
        expect(handler.mock.calls[0][0].detail.returnFocus).toBe(
            element.shadowRoot.querySelector('.approve')
        );
        expect(element.shadowRoot.querySelector('.approve-permission')).toBeNull();
    });

    it('approves for the effective date chosen, today by default', async () => {
        const element = createCompare();
        const handler = jest.fn();
        element.addEventListener('approve', handler);
        await Promise.resolve();
        const input = element.shadowRoot.querySelector('lightning-input.effective-date');
        const now = new Date();
        const pad = (n) => String(n).padStart(2, '0');
        expect(input.value).toBe(
            `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
        );
        input.dispatchEvent(new CustomEvent('change', { detail: { value: '2026-12-20' } }));
        await Promise.resolve();
        element.shadowRoot.querySelector('.approve').click();
        expect(handler.mock.calls[0][0].detail.effectiveDate).toBe('2026-12-20');
        // The scenario's own "what changes for me" sits below the change report.
        expect(element.shadowRoot.querySelector('c-rollout-changes').scenarioId).toBe(
            'a01000000000001'
        );
    });

    it('shows the apply progress instead of Approve while applying', async () => {
        const element = createCompare({
            applying: true,
            applyProgress: { percent: 40, stage: 'writing' }
        });
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('.approve')).toBeNull();
        expect(element.shadowRoot.querySelector('lightning-progress-bar').value).toBe(40);
        expect(element.shadowRoot.querySelector('.applying').textContent).toContain(
            'Writing assignments (40%)'
        );
        await expect(element).toBeAccessible();
    });

    it('shows who applied it and when', async () => {
        const element = createCompare({
            scenario: {
                ...SCENARIO,
                status: 'Applied',
                appliedByName: 'Ana Admin',
                appliedAt: '2026-11-28T10:00:00.000Z'
            }
        });
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('.approve')).toBeNull();
        const applied = element.shadowRoot.querySelector('.applied');
        expect(applied.textContent).toBe(
            `Applied by Ana Admin on ${new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-11-28T10:00:00.000Z'))}`
        );
        await expect(element).toBeAccessible();
    });

    it('says when no account moves', async () => {
        const element = createCompare({
            comparison: { ...COMPARISON, movedAccounts: { total: 0, items: [] }, repChanges: [] }
        });
        await Promise.resolve();

        expect(element.shadowRoot.textContent).toContain('No account changes territory.');
        await expect(element).toBeAccessible();
    });

    it('links the two maps and closes', async () => {
        const element = createCompare();
        const close = jest.fn();
        element.addEventListener('close', close);
        await Promise.resolve();

        const [left, right] = element.shadowRoot.querySelectorAll('c-territory-map');
        right.setView = jest.fn();
        left.dispatchEvent(
            new CustomEvent('viewchange', { detail: { lat: 40, lng: -100, zoom: 6 } })
        );
        expect(right.setView).toHaveBeenCalledWith(40, -100, 6);

        element.shadowRoot.querySelector('.close').click();
        expect(close).toHaveBeenCalledTimes(1);
    });

    it('hands the maps the same inputs when it renders again (no redraw loop)', async () => {
        const element = createCompare();
        await Promise.resolve();
        const maps = () => [...element.shadowRoot.querySelectorAll('c-territory-map')];
        const inputs = () =>
            maps().map((m) => [m.accounts, m.units, m.territories, m.territoryColors]);
        const before = inputs();
        // A map reporting its borders re-renders the compare view.
        maps()[0].dispatchEvent(
            new CustomEvent('adjacency', { detail: { pairs: [['T1', 'T2']] } })
        );
        await Promise.resolve();
        const after = inputs();
        expect(after[0][3]).not.toBe(before[0][3]);
        after.forEach((side, i) => {
            side.slice(0, 3).forEach((value, j) => expect(value).toBe(before[i][j]));
        });
        // Nothing new: the colours stay the same object.
        maps()[0].dispatchEvent(
            new CustomEvent('adjacency', { detail: { pairs: [['T1', 'T2']] } })
        );
        await Promise.resolve();
        expect(maps()[0].territoryColors).toBe(after[0][3]);
    });

    it('gives the reason the service found for each move', async () => {
        const comparison = {
            ...COMPARISON,
            movedAccounts: {
                total: 3,
                items: [
                    {
                        accountId: '001000000000001',
                        from: 'T1',
                        to: 'T2',
                        reason: {
                            code: 'over-target',
                            measure: 'Potential',
                            deviation: 0.25,
                            postalCode: '55401',
                            unitAccounts: 2
                        }
                    },
                    {
                        accountId: '001000000000002',
                        from: 'T1',
                        to: 'T2',
                        reason: { code: 'unit', postalCode: '55402' }
                    },
                    {
                        accountId: '001000000000003',
                        from: 'T2',
                        to: 'new-rep-1',
                        reason: { code: 'new-rep' }
                    }
                ]
            }
        };
        const element = createCompare({ comparison });
        await Promise.resolve();

        const moved = [...element.shadowRoot.querySelectorAll('.moved tbody tr')].map(cells);
        expect(moved).toEqual([
            [
                'Acme',
                'North',
                'South',
                'North over target on potential (+25 %); moved with its postal unit 55401 (2 accounts)'
            ],
            [
                'Beta',
                'North',
                'South',
                'contiguity: its postal unit 55402 was split and now lies whole in South'
            ],
            ['Core', 'South', 'New rep 1', 'to a new rep']
        ]);
        await expect(element).toBeAccessible();
    });

    it('names the rep who left', async () => {
        const planA = {
            ...PLAN_A,
            territories: [
                { id: 'T1', name: 'North', reps: [{ name: 'Dana Ortiz', isActive: false }] },
                PLAN_A.territories[1]
            ]
        };
        const comparison = {
            ...COMPARISON,
            movedAccounts: {
                total: 1,
                items: [
                    {
                        accountId: '001000000000001',
                        from: 'T1',
                        to: 'T2',
                        reason: { code: 'rep-left' }
                    }
                ]
            }
        };
        const element = createCompare({ planA, comparison });
        await Promise.resolve();

        const [row] = [...element.shadowRoot.querySelectorAll('.moved tbody tr')].map(cells);
        expect(row).toEqual(['Acme', 'North', 'South', 'rep left (Dana Ortiz)']);
    });

    it('draws both plans of a large model from postal units, each territory in one colour', async () => {
        const stored = unitsFromPayload([
            {
                postalCode: '55401',
                segment: null,
                latitude: 45,
                longitude: -93,
                accountCount: 900,
                elsewhereCount: 2,
                territoryId: 'T1'
            },
            {
                postalCode: '80202',
                segment: null,
                latitude: 39.7,
                longitude: -105,
                accountCount: 700,
                elsewhereCount: 0,
                territoryId: 'T1'
            },
            {
                postalCode: '75201',
                segment: null,
                latitude: 32.8,
                longitude: -96.8,
                accountCount: 500,
                elsewhereCount: 0,
                territoryId: 'T2'
            }
        ]);
        const comparison = {
            ...COMPARISON,
            unitAssignments: {
                limit: 20000,
                truncated: false,
                // 80202 goes to the new rep; 55401 is not in the answer.
                b: { '|80202': 'new-rep-1', '|75201': 'T2' }
            }
        };
        const planA = { territories: PLAN_A.territories, accounts: [], units: stored };
        const planB = {
            ...applyMoves(planA, comparison.movedAccounts.items, comparison.repChanges),
            units: unitsOfPlan(stored, comparison.unitAssignments.b)
        };
        const element = createCompare({ comparison, planA, planB });
        await Promise.resolve();

        const [left, right] = element.shadowRoot.querySelectorAll('c-territory-map');
        expect(left.accounts).toEqual([]);
        expect(left.units.map((u) => [u.key, u.territoryId, u.split])).toEqual([
            ['|55401', 'T1', true],
            ['|80202', 'T1', false],
            ['|75201', 'T2', false]
        ]);
        expect(right.units.map((u) => [u.key, u.territoryId, u.split])).toEqual([
            ['|80202', 'new-rep-1', false],
            ['|75201', 'T2', false]
        ]);

        // Each map reports its borders; both then colour the territories of both plans alike,
        // neighbours on either map apart.
        left.dispatchEvent(new CustomEvent('adjacency', { detail: { pairs: [['T1', 'T2']] } }));
        right.dispatchEvent(
            new CustomEvent('adjacency', { detail: { pairs: [['T2', 'new-rep-1']] } })
        );
        await Promise.resolve();
        const colors = left.territoryColors;
        expect(right.territoryColors).toEqual(colors);
        expect(Object.keys(colors).sort()).toEqual(['T1', 'T2', 'new-rep-1']);
        for (const c of Object.values(colors)) {
            expect(AREA_PALETTE).toContain(c);
        }
        expect(colors.T1).not.toBe(colors.T2);
        expect(colors.T2).not.toBe(colors['new-rep-1']);
    });

    it('says "no change" when a figure is the same on both sides, not "0 pts better"', async () => {
        const same = { ...COMPARISON.a, id: 'x', name: 'Same', maxDeviation: 0.08 };
        const element = createCompare({
            comparison: {
                ...COMPARISON,
                a: { ...COMPARISON.a, maxDeviation: 0.0800004, travelKm: 11000.2 },
                b: { ...same, travelKm: 11000, accountsMoved: 0, reps: 2 },
                movedAccounts: { total: 0, items: [] }
            }
        });
        await Promise.resolve();

        const rows = [...element.shadowRoot.querySelectorAll('.figures tbody tr')].map(cells);
        expect(rows[0]).toEqual(['Max deviation', '8%', '8%', 'no change']);
        expect(rows[3]).toEqual(['Travel', '11,000 km', '11,000 km', 'no change']);
        expect(rows[4]).toEqual(['Accounts moved', '0', '0', 'no change']);
        expect(rows[5]).toEqual(['Reps', '2', '2', 'no change']);
        expect(element.shadowRoot.querySelector('.figures').textContent).not.toMatch(
            /better|worse/
        );
    });

    it("says why the scenario misses the tolerance, in the engine's words", async () => {
        const reason =
            'Infeasible: account 001000000000001 alone is 115.16 % of the largest Potential target, above 105.00 %: the rep who holds it cannot be within tolerance.';
        const element = createCompare({
            comparison: {
                ...COMPARISON,
                b: {
                    ...COMPARISON.b,
                    maxDeviation: 0.53,
                    withinTolerance: false,
                    warnings: [reason]
                }
            }
        });
        await Promise.resolve();

        const notes = element.shadowRoot.querySelector('.engine-notes');
        expect(notes.getAttribute('role')).toBe('note');
        expect(notes.querySelector('p').textContent).toBe('Why Hire one is outside the tolerance');
        // the account by its name (Acme on the maps), not its id
        expect([...notes.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
            reason.replace('account 001000000000001', 'account Acme')
        ]);
    });

    it('shows no notes box when the engine left none', async () => {
        const element = createCompare();
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('.engine-notes')).toBeNull();
        element.comparison = {
            ...COMPARISON,
            b: { ...COMPARISON.b, warnings: ['12 accounts have no postal code.'] }
        };
        await Promise.resolve();
        expect(element.shadowRoot.querySelector('.engine-notes p').textContent).toBe(
            'Notes on Hire one'
        );
    });

    it('filters, sorts and pages every moved account (none dropped)', async () => {
        const accounts = [];
        const items = [];
        for (let i = 0; i < 60; i++) {
            const id = `001${String(i).padStart(12, '0')}`;
            accounts.push({ id, name: `Account ${String(i).padStart(2, '0')}`, territoryId: 'T1' });
            items.push({
                accountId: id,
                from: 'T1',
                to: i % 3 === 0 ? 'new-rep-1' : 'T2',
                reason: i % 3 === 0 ? { code: 'new-rep' } : { code: 'rebalancing' }
            });
        }
        const planA = { ...PLAN_A, accounts };
        const comparison = { ...COMPARISON, movedAccounts: { total: 60, items } };
        const element = createCompare({ comparison, planA });
        await Promise.resolve();
        const names = () =>
            [...element.shadowRoot.querySelectorAll('.moved tbody tr th')].map((c) =>
                c.textContent.trim()
            );
        const pageText = () => element.shadowRoot.querySelector('.moved-page').textContent.trim();

        expect(names()).toHaveLength(25);
        expect(names()[0]).toBe('Account 00');
        expect(pageText()).toBe('Rows 1–25 of 60 · page 1 of 3');
        element.shadowRoot.querySelector('.moved-next').click();
        await Promise.resolve();
        element.shadowRoot.querySelector('.moved-next').click();
        await Promise.resolve();
        expect(names()).toHaveLength(10);
        expect(names()[9]).toBe('Account 59');
        expect(element.shadowRoot.querySelector('.moved-next').disabled).toBe(true);

        // Sorting by account, descending, goes back to page 1.
        element.shadowRoot.querySelector('.sort-button[data-key="account"]').click();
        await Promise.resolve();
        expect(names()[0]).toBe('Account 59');
        expect(
            element.shadowRoot.querySelector('.moved th[aria-sort="descending"]').textContent
        ).toContain('Account');

        // By reason: the 20 moves to the new rep.
        element.shadowRoot
            .querySelector('.moved-reason')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'new-rep' } }));
        await Promise.resolve();
        expect(pageText()).toBe('Rows 1–20 of 20 (20 matches of 60) · page 1 of 1');
        // By territory and text.
        element.shadowRoot
            .querySelector('.moved-reason')
            .dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
        element.shadowRoot
            .querySelector('.moved-territory')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'T2' } }));
        element.shadowRoot
            .querySelector('.moved-search')
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'account 1' } }));
        await Promise.resolve();
        expect(names().sort()).toEqual([
            'Account 10',
            'Account 11',
            'Account 13',
            'Account 14',
            'Account 16',
            'Account 17',
            'Account 19'
        ]);
        await expect(element).toBeAccessible();
    });

    it('rings the moved accounts and pins new hires and leavers', async () => {
        const element = createCompare({
            scenarioSettings: {
                addReps: [{ name: 'Jo Rivera', lat: 35, lon: -90 }],
                removeRepIds: ['005000000000002']
            }
        });
        await Promise.resolve();
        const [left, right] = element.shadowRoot.querySelectorAll('c-territory-map');
        expect(right.movedIds).toEqual(['001000000000001', '001000000000003']);
        expect(left.movedIds).toEqual([]);
        expect(right.hires).toEqual([
            { key: 'new-1', territoryId: 'new-1', name: 'Jo Rivera', lat: 35, lon: -90 }
        ]);
        expect(left.leavingRepIds).toEqual(['005000000000002']);
        expect(right.leavingRepIds).toEqual(['005000000000002']);
        expect(element.shadowRoot.querySelector('.pins-note').textContent).toContain(
            '1 new hire (star pins), 1 leaving rep'
        );
    });

    it("keeps a territory's colour when the other plan has more territories", async () => {
        const element = createCompare();
        await Promise.resolve();
        const [left] = element.shadowRoot.querySelectorAll('c-territory-map');
        left.dispatchEvent(new CustomEvent('adjacency', { detail: { pairs: [['T1', 'T2']] } }));
        await Promise.resolve();
        const withHire = left.territoryColors;
        // The same plans without the new rep's territory: T1 and T2 keep their colours.
        element.comparison = { ...COMPARISON, repChanges: COMPARISON.repChanges.slice(0, 2) };
        element.planB = applyMoves(PLAN_A, [], []);
        await Promise.resolve();
        const without = left.territoryColors;
        expect(Object.keys(without).sort()).toEqual(['T1', 'T2']);
        expect(without.T1).toBe(withHire.T1);
        expect(without.T2).toBe(withHire.T2);
    });
});
