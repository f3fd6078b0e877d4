import { describe, expect, it } from 'vitest';
import {
    assertBaseUnchanged,
    BaseChangedError,
    baseChanges,
    NoBaseError,
    planBase
} from '../../src/jobs/plan-base.js';
import type { ScenarioAssignment } from '../../src/jobs/gateway.js';

/** Accounts a1…a6: a1–a3 in T1, a4–a6 in T2; T3 is empty. */
const generatedFrom = () =>
    new Map([
        ['a1', 'T1'],
        ['a2', 'T1'],
        ['a3', 'T1'],
        ['a4', 'T2'],
        ['a5', 'T2'],
        ['a6', 'T2']
    ]);
const TERRITORIES = ['T1', 'T2', 'T3'];
/** The scenario moves a1 to T2 and a4 to T3, and keeps the rest. */
const rows: ScenarioAssignment[] = [...generatedFrom()].map(([accountId, t]) => ({
    accountId,
    previousTerritoryId: t,
    territoryId: accountId === 'a1' ? 'T2' : accountId === 'a4' ? 'T3' : t,
    repId: ''
}));
const scenario = () => ({ id: 'S1', metrics: { base: planBase(generatedFrom(), TERRITORIES) } });

describe('a scenario checked against the plan it was generated from', () => {
    it('passes while the org still holds that plan', () => {
        expect(baseChanges(scenario().metrics.base, generatedFrom(), rows)).toEqual([]);
    });

    it('passes after its own writes, finished or half done (a resumed apply)', () => {
        const done = generatedFrom();
        done.set('a1', 'T2');
        done.set('a4', 'T3');
        expect(baseChanges(scenario().metrics.base, done, rows)).toEqual([]);
        const half = generatedFrom();
        half.set('a1', 'T1|T2'); // inserted the new association, old one not deleted yet
        expect(baseChanges(scenario().metrics.base, half, rows)).toEqual([]);
    });

    it('names each territory another writer changed, with its account counts', () => {
        const edited = generatedFrom();
        edited.set('a2', 'T3'); // moved by hand
        edited.set('a7', 'T2'); // a new account placed in T2
        expect(baseChanges(scenario().metrics.base, edited, rows)).toEqual([
            { territoryId: 'T1', accountsThen: 3, accountsNow: 2 },
            { territoryId: 'T2', accountsThen: 3, accountsNow: 4 },
            { territoryId: 'T3', accountsThen: 0, accountsNow: 1 }
        ]);
        // Same count, other accounts: a swap is a change too.
        const swapped = generatedFrom();
        swapped.set('a2', 'T2');
        swapped.set('a5', 'T1');
        expect(
            baseChanges(scenario().metrics.base, swapped, rows).map((c) => c.territoryId)
        ).toEqual(['T1', 'T2']);
    });

    it('does not take another plan moving an account elsewhere than its own target for its own move', () => {
        const other = generatedFrom();
        other.set('a1', 'T3'); // the scenario moves a1 to T2, someone else moved it to T3
        expect(baseChanges(scenario().metrics.base, other, rows).map((c) => c.territoryId)).toEqual(
            ['T1', 'T3']
        );
    });

    it('resolves territories the scenario creates for new reps when rewinding', () => {
        const withNew = rows.map((r) =>
            r.accountId === 'a5' ? { ...r, territoryId: 'new-0' } : r
        );
        const applied = generatedFrom();
        applied.set('a5', 'T9'); // the territory created for new-0
        const base = scenario().metrics.base;
        expect(baseChanges(base, applied, withNew).map((c) => c.territoryId)).toEqual(['T2']);
        expect(baseChanges(base, applied, withNew, (t) => (t === 'new-0' ? 'T9' : t))).toEqual([]);
    });

    it('throws errors that say what changed and to generate again; a scenario without a base is refused', () => {
        const edited = generatedFrom();
        edited.set('a2', 'T3');
        let error: unknown;
        try {
            assertBaseUnchanged(scenario(), edited, rows, { names: new Map([['T1', 'North']]) });
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(BaseChangedError);
        expect((error as Error).message).toBe(
            'Scenario S1 was generated from a plan that has changed since (another apply, a hand edit or account placement): territory North (T1) now holds 2 accounts instead of 3; territory T3 now holds 1 account instead of 0. Applying it would overwrite the newer assignments: generate the scenario again from the current plan.'
        );
        expect(() => assertBaseUnchanged({ id: 'S0', metrics: {} }, edited, rows)).toThrow(
            NoBaseError
        );
    });
});
