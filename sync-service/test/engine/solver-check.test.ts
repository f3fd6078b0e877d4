import { describe, expect, it } from 'vitest';
import {
    exactPlan,
    minWorstDeviationBound,
    minWorstDeviationWhole,
    outsidePatchRegion
} from '../../bench/lib/baselines.js';
import { FAMILIES } from '../../bench/lib/families.js';
import { drift, generate, repLeaves, withKeyAccount } from '../../bench/lib/instances.js';
import type { Instance } from '../../bench/lib/instances.js';
import { postalCodes } from '../../bench/lib/postal-units.js';
import { balanceColumnar } from '../../src/engine/index.js';
import { balanceUnitsColumnar } from '../../src/engine/units/balance-units.js';

/**
 * The engine's fresh plan (within 5 %) and HiGHS' travel on the same instance: the MIP optimum
 * (`integer`) or the LP bound, solved to optimality.
 */
async function travelAgainstExact(
    inst: Instance,
    integer: boolean,
    timeLimitS: number
): Promise<{ travel: number; exact: number }> {
    const { report } = balanceColumnar(inst.acc, inst.reps, {
        balance: inst.measures,
        tolerance: 0.05
    });
    const exact = await exactPlan(inst, 0.05, 'travel', integer, timeLimitS);
    expect(exact.status).toBe('Optimal');
    expect(report.withinTolerance).toBe(true);
    return { travel: report.travelKm, exact: exact.objective };
}

describe('balance against the exact MIP optimum (HiGHS)', () => {
    for (const seed of [1, 2, 3]) {
        it(`meets 5 % on 3 measures within 6 % of the optimum travel (80 × 4, seed ${seed})`, async () => {
            const inst = generate({ n: 80, k: 4, seed, homes: true });
            const { travel, exact } = await travelAgainstExact(inst, true, 60);
            // HiGHS stops at a relative gap of 1e-4: its optimum may lie that much above the
            // true one, which the engine's polished plan can reach (seed 2, with the polish's
            // first band: 109,993.54 km against 109,993.75)
            expect(travel).toBeGreaterThanOrEqual(exact * (1 - 1e-4));
            expect(travel).toBeLessThanOrEqual(exact * 1.06);
        });
    }
});

describe('a small plan polished by the assignment MIP, against the exact MIP optimum (HiGHS)', () => {
    // The bench generator's seed 15 at 300 × 6: the LP start's rounding left a violation that
    // repair settled by long moves, 1.097 × the optimum, and the iterated local search did not
    // get back. The polish (solver/mip-polish.ts) reaches the optimum's neighbourhood. The
    // optimum here has every rep a candidate and HiGHS' presolve, the polish its own model. The
    // annealing on shape after the polish may spend at most 2 % more (1.012 × here).
    it('is within 5 % and at most 1.01 × 1.02 × the optimum travel (bench generator, 300 × 6, seed 15)', async () => {
        const inst = generate({ n: 300, k: 6, seed: 15, homes: true });
        const { travel, exact } = await travelAgainstExact(inst, true, 120);
        expect(travel).toBeGreaterThanOrEqual(exact * (1 - 1e-4));
        expect(travel).toBeLessThanOrEqual(exact * 1.01 * 1.02);
    }, 180_000);
});

describe('balance against the LP bound (HiGHS) at 5k × 30, a held-out family', () => {
    // Australia (24 cities incl. Perth and Darwin), seed 1: before the exact LP start reached this
    // size (≤ 60k LP columns, ~1.9k accounts) the price stage alone travelled 1.187 × the bound
    // (bench:families --sizes 5k); the bar is ≤ 1.05 × on every instance.
    it('is within 5 % and at most 1.05 × the LP bound (australia, seed 1)', async () => {
        const inst = FAMILIES.find((f) => f.name === 'australia')!.make(5000, 30, 1);
        const { travel, exact: bound } = await travelAgainstExact(inst, false, 120);
        expect(travel).toBeGreaterThanOrEqual(bound * (1 - 1e-6));
        expect(travel).toBeLessThanOrEqual(bound * 1.05);
    }, 180_000);
});

describe('fewest moves from a drifted plan against the exact MIP minimum (HiGHS)', () => {
    // the design bar is ≤ 1.2 × the minimum. The drifted plans start from the engine's own fresh
    // plan, so each instance changes whenever fresh plans do. On today's instances, seeds 1–8:
    // 4/4, 3/3, 3/3, 6/6, 5/5, 6/6, 4/4, 3/3 with the moves MIP (34 against 34; without it 4/4,
    // 3/3, 3/3, 6/6, 6/5, 7/6, 4/4, 3/3, 36 against 34; before the MIP polish of fresh plans: 3/3,
    // 2/2, 3/3, 7/7, 5/5, 7/6, 5/4, 3/3, 35 against 33); before the fewest-moves pass also traded
    // three moved accounts for two (and sent one back alone), seeds 1 and 3 took 4/3 (37 against
    // 33). Of these, only the plans with the moves MIP meet the bounds below.
    it('moves at most 1.03 × the minimum over seeds 1–8 on 200 × 8, and never above 1.2 ×', async () => {
        let moves = 0;
        let minimum = 0;
        for (let seed = 1; seed <= 8; seed++) {
            const base = generate({ n: 200, k: 8, seed, homes: true });
            const fresh = balanceColumnar(base.acc, base.reps, {
                balance: base.measures,
                tolerance: 0.05
            });
            const inst = drift(base, fresh.assign, seed + 1);
            const { assign, report } = balanceColumnar(inst.acc, inst.reps, {
                balance: inst.measures,
                tolerance: 0.05
            });
            const current = inst.acc.currentRep!;
            let m = 0;
            for (let i = 0; i < assign.length; i++) if (assign[i] !== current[i]) m++;
            const min = await exactPlan(inst, 0.05, 'moves', true, 60);
            expect(min.status).toBe('Optimal');
            expect(report.withinTolerance).toBe(true);
            const exact = Math.round(min.objective);
            expect(m).toBeGreaterThanOrEqual(exact);
            expect(m, `seed ${seed}: ${m} moves against ${exact}`).toBeLessThanOrEqual(1.2 * exact);
            moves += m;
            minimum += exact;
        }
        expect(moves).toBeLessThanOrEqual(1.03 * minimum);
    }, 120_000);
});

/**
 * The engine's fresh plan of `base`, drifted (`driftSeed`), then rebalanced: within 5 % and at
 * most 1.2 × HiGHS' fewest moves (which must be proven optimal).
 */
async function expectDriftedWithinMinimum(base: Instance, driftSeed: number): Promise<void> {
    const fresh = balanceColumnar(base.acc, base.reps, {
        balance: base.measures,
        tolerance: 0.05
    });
    const inst = drift(base, fresh.assign, driftSeed);
    const { report } = balanceColumnar(inst.acc, inst.reps, {
        balance: inst.measures,
        tolerance: 0.05
    });
    const min = await exactPlan(inst, 0.05, 'moves', true, 120);
    expect(min.status).toBe('Optimal');
    expect(report.withinTolerance).toBe(true);
    const exact = Math.round(min.objective);
    expect(report.disruption.moved).toBeGreaterThanOrEqual(exact);
    expect(report.disruption.moved).toBeLessThanOrEqual(1.2 * exact);
}

describe('fewest moves from a drifted 2k × 20 plan against the exact MIP minimum (HiGHS)', () => {
    // capacities seed 1 (a tuning family): HiGHS needs 10 moves. Repair from the drifted plan
    // took 19; the fewest-moves LP start (one variant) takes 12.
    it('moves at most 1.2 × the minimum (capacities, seed 1)', async () => {
        await expectDriftedWithinMinimum(
            FAMILIES.find((f) => f.name === 'capacities')!.make(2000, 20, 1),
            2
        );
    }, 180_000);
});

describe('fewest moves from a drifted 300 × 6 plan where the moves MIP stalls at its start (HiGHS)', () => {
    // Held-out australia seed 3: from the engine's 22-move plan HiGHS' search stayed at 22 (300
    // nodes); searching once more from the drifted plan itself finds 18, the minimum.
    it('moves at most 1.2 × the minimum (australia, seed 3)', async () => {
        await expectDriftedWithinMinimum(
            FAMILIES.find((f) => f.name === 'australia')!.make(300, 6, 3),
            4
        );
    }, 180_000);
});

/**
 * A new hire on `base` (its last rep): the engine's plan without that rep is the current plan,
 * then the engine plans with the hire. Also the new rep's accounts (`mine`) and how many of them
 * lie outside its region (the accounts nearest its home holding 1.25 × its share: `strays`).
 */
function newHire(base: Instance) {
    const hire = base.reps.ids.length - 1;
    const before = repLeaves(base, new Int32Array(base.acc.ids.length), hire);
    const team = { ...before.reps, leftIds: [] };
    const plan = balanceColumnar(base.acc, team, {
        balance: base.measures,
        tolerance: 0.05
    }).assign;
    const inst = { ...base, acc: { ...base.acc, currentRep: plan } };
    const { assign, report } = balanceColumnar(inst.acc, inst.reps, {
        balance: inst.measures,
        tolerance: 0.05
    });
    const outside = outsidePatchRegion(inst, hire, 1.25);
    const mine = assign.filter((r) => r === hire).length;
    const strays = assign.filter((r, i) => r === hire && outside[i]).length;
    return { inst, hire, report, outside, mine, strays };
}

describe("a new hire's patch against the exact MIP minimum for one piece around the home (HiGHS)", () => {
    // A new hire takes a share from every rep, so the unrestricted minimum is a sliver of every
    // territory. The bar is ≤ 1.2 × the fewest moves with the new rep's accounts among those
    // nearest its home holding 1.25 × its share (outsidePatchRegion). Held-out families, 300 × 6:
    // the patch LP takes 64/64, 74/74, 66/64 on europe seeds 1–3 and 74/74, 72/72, 74/74 on
    // metros-many; patches of the nearest accounts took 65, 84, 77 and 80, 76, 82 moves.
    for (const name of ['europe', 'metros-many']) {
        it(`moves at most 1.05 × that minimum on ${name} seeds 1–3, the patch within the region (95 %, or all but 3)`, async () => {
            const family = FAMILIES.find((f) => f.name === name)!;
            let moves = 0;
            let minimum = 0;
            for (let seed = 1; seed <= 3; seed++) {
                const { inst, hire, report, outside, mine, strays } = newHire(
                    family.make(300, 6, seed)
                );
                expect(report.withinTolerance).toBe(true);
                // the LP keeps the patch inside; the improvement stage may then hand the new rep
                // an account that moves anyway (one to three here: europe seed 3 three of 50
                // since the MIP polish changed the plan before the hire)
                expect(strays, `seed ${seed}: ${strays} of ${mine} outside`).toBeLessThanOrEqual(
                    Math.max(3, 0.05 * mine)
                );
                const min = await exactPlan(inst, 0.05, 'moves', true, 60, {
                    rep: hire,
                    accounts: outside
                });
                expect(min.status).toBe('Optimal');
                const exact = Math.round(min.objective);
                expect(report.disruption.moved, `seed ${seed}`).toBeLessThanOrEqual(1.05 * exact);
                moves += report.disruption.moved;
                minimum += exact;
            }
            expect(moves).toBeLessThanOrEqual(1.02 * minimum);
        }, 120_000);
    }
});

describe('a new hire whose patch and repair end out of tolerance, settled by the moves MIP (HiGHS)', () => {
    // Held-out australia seed 14 (300 × 6): since the MIP polish changed the 5-rep plan the hire
    // starts from, the patch and repair ended at 5.07 % where HiGHS finds a plan within 5 %. Out
    // of tolerance, the moves MIP (its new rep limited to the region around its home) now takes
    // whatever plan within 5 % it finds: 4.96 %, 86 moves. Since a rep at the tolerance's edge
    // counts as within, the patch and repair end within it (4.96 %) but with 5 of 48 accounts
    // outside the region, and the moves MIP settles that too (4.94 %, 89 moves, none outside).
    it('ends within 5 %, the patch within the region around the home (95 %, or all but 3)', () => {
        const { report, mine, strays } = newHire(
            FAMILIES.find((f) => f.name === 'australia')!.make(300, 6, 14)
        );
        expect(report.maxDeviation).toBeLessThanOrEqual(0.05);
        expect(strays, `${strays} of ${mine} outside`).toBeLessThanOrEqual(
            Math.max(3, 0.05 * mine)
        );
    }, 60_000);
});

describe('accounts of up to 0.8 × a target, which the LP start splits (held-out heavy-tail, 2k × 20)', () => {
    // The rounding MIP sent a whale split in halves whole to one rep (35 % off) and repair ended
    // at 8.0 % on seed 5; keeping such accounts whole and solving the LP again gives 4.97 %. On
    // seed 9 no plan is within 5 %: the LP with the large accounts whole (each on its own rep)
    // bounds every plan's worst deviation at 6.12 %, and the engine reaches 6.23 %.
    const heavyTail = FAMILIES.find((f) => f.name === 'heavy-tail')!;
    it('balances seed 5 within 5 %', () => {
        const inst = heavyTail.make(2000, 20, 5);
        const { report } = balanceColumnar(inst.acc, inst.reps, {
            balance: inst.measures,
            tolerance: 0.05
        });
        expect(report.withinTolerance).toBe(true);
    }, 60_000);
    it('is within 3 % of the bound on seed 9, where no plan is within 5 %', async () => {
        const inst = heavyTail.make(2000, 20, 9);
        const { report } = balanceColumnar(inst.acc, inst.reps, {
            balance: inst.measures,
            tolerance: 0.05
        });
        const { bound, large } = await minWorstDeviationWhole(inst, 0.05);
        expect(large).toBe(3);
        expect(bound).toBeGreaterThan(0.05);
        expect(report.maxDeviation).toBeGreaterThanOrEqual(bound * (1 - 1e-6));
        expect(report.maxDeviation).toBeLessThanOrEqual(bound * 1.03);
    }, 120_000);
});

describe("an account above its rep's whole target: the worst deviation against the LP bound (HiGHS)", () => {
    // No plan is within 5 % (the key account alone is 1.21 × a target), so the report's figure
    // is the best deviation reached. Repair minimised the squared excess over the measures and left
    // the key account's rep at +57 % Potential with its other measures near target (uniform
    // seed 1: 57.1 % against a bound of 45.2 %); lowering the worst deviation step by step gives
    // 45.9 %. uniform is a tuning family; heavy-tail and europe are held out.
    for (const [family, seed] of [
        ['uniform', 1],
        ['heavy-tail', 2],
        ['europe', 1]
    ] as const) {
        it(`is at most 1.05 × the least worst deviation (${family}, 300 × 6, seed ${seed})`, async () => {
            const base = FAMILIES.find((f) => f.name === family)!.make(300, 6, seed);
            const { inst, key } = withKeyAccount(base, 1.21);
            const { report } = balanceColumnar(inst.acc, inst.reps, {
                balance: inst.measures,
                tolerance: 0.05
            });
            const bound = await minWorstDeviationBound(inst, key);
            expect(report.withinTolerance).toBe(false);
            expect(report.warnings.join(' ')).toMatch(
                /alone is 121\.00 % of the largest Potential/
            );
            expect(report.maxDeviation).toBeGreaterThanOrEqual(bound * (1 - 1e-6));
            expect(report.maxDeviation).toBeLessThanOrEqual(bound * 1.05);
        }, 60_000);
    }
});

describe('the same in postal units, the account named: against the exact unit plan (HiGHS)', () => {
    // The bound is the least worst deviation of any plan in whole units (~6 accounts each) with
    // the key account named; it does not require contiguity, which the engine keeps. Contiguity
    // stages lower violation summed over the measures: they left the key account's rep at +84.9 %
    // Potential (uniform seed 1; bound 50.5 %). Lowering the worst step by step gives 55.3 %.
    // On 4 families × seeds 1–2 the engine is 1.06–1.17 × the bound (1.17: europe seed 1).
    for (const [family, seed] of [
        ['uniform', 1],
        ['heavy-tail', 1],
        ['metros-many', 1]
    ] as const) {
        it(`is at most 1.2 × the least worst deviation in units (${family}, 300 × 6, seed ${seed})`, async () => {
            const base = FAMILIES.find((f) => f.name === family)!.make(300, 6, seed);
            const { inst, key } = withKeyAccount(base, 1.21);
            const postal = postalCodes(inst, 6, seed);
            const named = Uint8Array.from(inst.acc.ids, (_, i) => (i === key ? 1 : 0));
            const { report } = balanceUnitsColumnar(
                inst.acc,
                inst.reps,
                { balance: inst.measures, tolerance: 0.05 },
                { postal, named }
            );
            const bound = await minWorstDeviationBound(inst, key, postal);
            // (the bench's own check does not know named accounts: the engine's is used)
            expect(report.unitMode.contiguous).toBe(true);
            expect(report.maxDeviation).toBeGreaterThanOrEqual(bound * (1 - 1e-6));
            expect(report.maxDeviation).toBeLessThanOrEqual(bound * 1.2);
        }, 90_000);
    }
});

describe('fewest moves from a drifted plan with an account above a target (HiGHS)', () => {
    // The tolerance is out of reach, so the fewest-moves pass, which worked only within it, did
    // not run: 94 moves where HiGHS needs 55 with every rep within the deviation the plan gave it
    // (uniform seed 1). Now it runs with each rep held to its own deviation (or the tolerance):
    // 67 against 57, and 1.02–1.21 × on 4 families × seeds 1–2 (bench:key-account).
    it('moves at most 1.25 × the minimum at the balance it reached (uniform, 300 × 6, seed 1)', async () => {
        const base = FAMILIES.find((f) => f.name === 'uniform')!.make(300, 6, 1);
        const options = { balance: base.measures, tolerance: 0.05, seed: 1 };
        const fresh = balanceColumnar(base.acc, base.reps, options);
        const { inst } = withKeyAccount(drift(base, fresh.assign, 2), 1.21);
        const { report } = balanceColumnar(inst.acc, inst.reps, options);
        const limits = Float64Array.from(report.reps, (r) => Math.max(0.05, r.deviation) + 1e-6);
        const fewest = await exactPlan(inst, limits, 'moves', true, 60);
        expect(fewest.status).toBe('Optimal');
        expect(report.withinTolerance).toBe(false);
        expect(report.disruption.moved).toBeGreaterThanOrEqual(fewest.objective - 1e-6);
        expect(report.disruption.moved).toBeLessThanOrEqual(fewest.objective * 1.25);
    }, 90_000);
});
