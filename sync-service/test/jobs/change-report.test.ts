import { describe, expect, it } from 'vitest';
import {
    explainMoves,
    movedAccounts,
    type ExplainInput,
    type MoveReason
} from '../../src/jobs/change-report.js';
import type { PlanAccount } from '../../src/jobs/gateway.js';

/** Two reps 10° of longitude apart on the equator (about 1,112 km). */
const WEST = { id: 'T1', lat: 0, lon: 0 };
const EAST = { id: 'T2', lat: 0, lon: 10 };

function account(
    id: string,
    territoryId: string | undefined,
    lon: number,
    potential: number,
    extra: Partial<PlanAccount> & { named?: boolean } = {}
): PlanAccount & { named?: boolean } {
    return {
        id,
        lat: 0,
        lon,
        measures: { Potential: potential },
        ...(territoryId ? { territoryId } : {}),
        ...extra
    };
}

/** Explains the moves from the accounts' current territories to `after`. */
function explain(
    accounts: (PlanAccount & { named?: boolean })[],
    after: Record<string, string>,
    options: Partial<ExplainInput> = {}
): Record<string, MoveReason> {
    const before = new Map<string, string>();
    for (const a of accounts) if (a.territoryId) before.set(a.id, a.territoryId);
    const afterMap = new Map(accounts.map((a) => [a.id, after[a.id] ?? a.territoryId ?? '']));
    const moves = movedAccounts(before, afterMap);
    const reasons = explainMoves({
        accounts,
        before,
        after: afterMap,
        moves,
        measures: ['Potential'],
        tolerance: 0.05,
        reps: [WEST, EAST],
        vacated: new Set(),
        added: new Set(),
        locked: new Set(),
        unitMode: false,
        segmented: false,
        ...options
    });
    return Object.fromEntries(moves.map((m, i) => [m.accountId, reasons[i]!]));
}

describe('explainMoves', () => {
    it('names the measure on which the territory it left was over target', () => {
        // T1 holds 300 of 400 potential; the target of each rep is 200 (+50 %).
        const accounts = [
            account('a', 'T1', 1, 100),
            account('b', 'T1', 2, 100),
            account('c', 'T1', 3, 100),
            account('d', 'T2', 9, 100)
        ];
        const reasons = explain(accounts, { c: 'T2' });
        expect(reasons).toEqual({
            c: { code: 'over-target', measure: 'Potential', deviation: 0.5 }
        });
    });

    it('picks the worst measure when several are over target', () => {
        const accounts = [
            { ...account('a', 'T1', 1, 100), measures: { Potential: 100, Workload: 10 } },
            { ...account('b', 'T1', 2, 100), measures: { Potential: 100, Workload: 10 } },
            { ...account('c', 'T2', 9, 100), measures: { Potential: 100, Workload: 0 } }
        ];
        // Potential: 200 / 150 − 1 = 33 %; Workload: 20 / 10 − 1 = 100 %.
        const reasons = explain(accounts, { b: 'T2' }, { measures: ['Potential', 'Workload'] });
        expect(reasons.b).toEqual({ code: 'over-target', measure: 'Workload', deviation: 1 });
    });

    it('says the territory moved to was under target when the one left was not over', () => {
        // T1 200 (target 200, +0 %), T2 100 (−50 %), T3 300 (+50 %): the move T1 → T2 is for T2.
        const accounts = [
            account('a', 'T1', 1, 100),
            account('b', 'T1', 2, 100),
            account('c', 'T2', 9, 100),
            account('d', 'T3', 5, 300)
        ];
        const reasons = explain(
            accounts,
            { b: 'T2' },
            { reps: [WEST, EAST, { id: 'T3', lat: 0, lon: 5 }] }
        );
        expect(reasons.b).toEqual({ code: 'under-target', measure: 'Potential', deviation: -0.5 });
    });

    it('gives the distances when a balanced plan moves an account to a closer rep', () => {
        const accounts = [account('a', 'T1', 8, 100), account('b', 'T2', 9, 100)];
        const reasons = explain(accounts, { a: 'T2', b: 'T1' });
        expect(reasons.a).toEqual({ code: 'closer', fromKm: 890, toKm: 222 });
        // b moves away from its rep's home: no reason can be shown.
        expect(reasons.b).toEqual({ code: 'rebalancing' });
    });

    it('puts a rep who left before every other reason', () => {
        const accounts = [
            account('a', 'T1', 1, 100, { locked: true }),
            account('b', 'T1', 2, 100),
            account('c', 'T2', 9, 100)
        ];
        const reasons = explain(
            accounts,
            { a: 'T2', b: 'new-1' },
            { vacated: new Set(['T1']), added: new Set(['new-1']), locked: new Set(['a']) }
        );
        expect(reasons.a).toEqual({ code: 'rep-left' });
        expect(reasons.b).toEqual({ code: 'rep-left' });
    });

    it('tells new reps, unassigned accounts and locks apart', () => {
        const accounts = [
            account('a', 'T1', 1, 100),
            account('b', undefined, 2, 100),
            account('c', 'T2', 9, 100)
        ];
        const reasons = explain(accounts, { a: 'new-1', b: 'T1' }, { added: new Set(['new-1']) });
        expect(reasons.a).toEqual({ code: 'new-rep' });
        expect(reasons.b).toEqual({ code: 'unassigned' });

        // Compared with a scenario that had moved it, a locked account goes back where it is.
        const before = new Map([
            ['a', 'T2'],
            ['c', 'T2']
        ]);
        const after = new Map([
            ['a', 'T1'],
            ['c', 'T2']
        ]);
        const [locked] = explainMoves({
            accounts,
            before,
            after,
            moves: movedAccounts(before, after),
            measures: ['Potential'],
            tolerance: 0.05,
            reps: [WEST, EAST],
            vacated: new Set(),
            added: new Set(),
            locked: new Set(['a']),
            unitMode: false,
            segmented: false
        });
        expect(locked).toEqual({ code: 'locked' });
    });

    describe('in unit mode', () => {
        it('says an account joined its postal unit when the unit was split before', () => {
            // Unit 55401 was split (a in T1, b and c in T2); the plan puts it whole in T2.
            const accounts = [
                account('a', 'T1', 1, 100, { postalCode: '55401' }),
                account('b', 'T2', 9, 100, { postalCode: '55401' }),
                account('c', 'T2', 9, 100, { postalCode: ' 55401 ' }),
                account('d', 'T1', 2, 100, { postalCode: '55402' })
            ];
            const reasons = explain(accounts, { a: 'T2' }, { unitMode: true });
            expect(reasons.a).toEqual({ code: 'unit', postalCode: '55401' });
            // The same move without unit mode is a move for balance or travel, not for the unit.
            expect(explain(accounts, { a: 'T2' }).a?.code).not.toBe('unit');
        });

        it('counts the unit-mates that moved with an account out of an overloaded territory', () => {
            const accounts = [
                account('a', 'T1', 1, 100, { postalCode: '10001' }),
                account('b', 'T1', 1, 100, { postalCode: '10001' }),
                account('c', 'T1', 2, 100, { postalCode: '10002' }),
                account('d', 'T2', 9, 100, { postalCode: '20001' })
            ];
            const reasons = explain(accounts, { a: 'T2', b: 'T2' }, { unitMode: true });
            expect(reasons.a).toEqual({
                code: 'over-target',
                measure: 'Potential',
                deviation: 0.5,
                postalCode: '10001',
                unitAccounts: 2
            });
        });

        it('places named accounts on their own', () => {
            const accounts = [
                account('a', 'T1', 1, 100, { postalCode: '10001', named: true }),
                account('b', 'T1', 1, 100, { postalCode: '10001' }),
                account('c', 'T2', 9, 100, { postalCode: '20001' })
            ];
            const reasons = explain(accounts, { a: 'T2' }, { unitMode: true });
            expect(reasons.a).toEqual({ code: 'named' });
        });

        it('keeps units apart per segment when reps serve segments', () => {
            // The same ZIP code in two segments is two units: neither was split.
            const accounts = [
                account('a', 'T1', 1, 100, { postalCode: '10001', segment: 'SMB' }),
                account('b', 'T2', 9, 100, { postalCode: '10001', segment: 'ENT' }),
                account('c', 'T2', 9, 100, { postalCode: '10001', segment: 'SMB' })
            ];
            const segmentedReasons = explain(
                accounts,
                { a: 'T2' },
                {
                    unitMode: true,
                    segmented: true,
                    reps: [
                        { ...WEST, segment: 'SMB' },
                        { ...EAST, segment: 'SMB' }
                    ]
                }
            );
            expect(segmentedReasons.a).toEqual({ code: 'unit', postalCode: '10001' });
            const [plain] = Object.values(
                explain(accounts.slice(0, 2), { a: 'T2' }, { unitMode: true, segmented: true })
            );
            expect(plain!.code).not.toBe('unit');
        });
    });
});
