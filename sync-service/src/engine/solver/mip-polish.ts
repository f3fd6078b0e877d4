/**
 * The last word on a small plan: the whole assignment as a MIP over each account's nearest reps
 * (HiGHS, the tolerance as hard band rows), started from the plan the stages found. A fresh plan
 * is polished for travel (mipPolish); with fewest changes wanted, for moves first, then travel
 * (movesPolish), which out of tolerance is also the last resort to reach it. HiGHS keeps the start
 * unless it finds a better plan within its node limit, so the result is never worse; node limits
 * (not time) keep it deterministic.
 */
import { nearestCentres } from '../candidates.js';
import { kmFromDot } from '../geo.js';
import { solveAssignmentMip } from '../lp/transport-lp.js';
import type { TransportLpInput } from '../lp/transport-lp.js';
import { centreKm, centresOf } from './candidates-table.js';
import { newRepsOf, patchRegion } from './new-reps.js';
import { combinedLoad, State } from './state.js';
import type { SubProblem, SubResult } from './types.js';

/**
 * Binary columns (accounts × candidates) up to which the polish runs: 300 × 6 (1,800) takes
 * 0.3–2.5 s, nearly all of it HiGHS' root node; at 2k × 20 with 8 candidates the root took 6–15 s
 * and found nothing shorter on the two instances tried.
 */
export const POLISH_MAX_COLUMNS = 3_000;
/**
 * Candidates per account: its nearest homes. On the tuning families at 300 × 6 (24 plans; first
 * version, band 1 − 1e-9), 3 candidates shortened travel by 0.15 % on average, 8 (every rep
 * there) by 0.21 %.
 */
const POLISH_CANDIDATES = 8;
/**
 * The band, as a share of the tolerance: just inside it, so that HiGHS' feasibility tolerance
 * (1e-7 on a row) cannot carry a plan past it. At 1 − 1e-9 the polished plans sat on the edge
 * (5.000000000000004 %; 26 of 50 accounts at 4 % of 25) and what the root found hinged on it:
 * australia seed 14 1.097 → 1.043 × the optimum there, 1.097 (nothing found) here.
 */
const POLISH_BAND = 0.9999;
/** branch-and-bound nodes HiGHS may explore after the root (its root node does most of the work) */
const POLISH_MAX_NODES = 20;
/**
 * When those find nothing better and HiGHS' bound leaves more than POLISH_DEEPER_GAP: this many.
 * In one families bench run at 300 × 6 (440 polishes: the fresh plans and the 5-rep plans new
 * hires start from), 46 found nothing shorter at 20 nodes, 45 of them within 1 % of the bound.
 * The one left, australia seed 14 (gap 24 %), went from 1.097 to 1.025 × the MIP optimum in
 * 6–9 s (200 nodes found nothing; 1,000 gave 1.024).
 */
const POLISH_DEEPER_NODES = 300;
const POLISH_DEEPER_GAP = 0.01;

/** Whether a plan is small enough for the polish: accounts × candidates ≤ POLISH_MAX_COLUMNS. */
export function polishSize(problem: SubProblem): boolean {
    return problem.n * Math.min(problem.k, POLISH_CANDIDATES) <= POLISH_MAX_COLUMNS;
}

/**
 * Whether the polish applies: a fresh plan of accounts (postal units go on to the contiguity
 * phase instead) with homes, within the tolerance, small enough.
 */
export function mipPolishApplies(problem: SubProblem, best: SubResult): boolean {
    return (
        !problem.tw &&
        best.maxDeviation <= problem.tolerance &&
        problem.hasHome.every((h) => h === 1) &&
        !problem.cur.some((c) => c >= 0) &&
        polishSize(problem)
    );
}

/**
 * The MIP's plan when it is shorter and within the tolerance by the engine's own measure, else
 * `best`; the stages note the nodes and the gap HiGHS proved (`polishNodes`, `polishGap`).
 */
export function mipPolish(problem: SubProblem, best: SubResult): SubResult {
    return polishBy(problem, best, columns(problem, best, false));
}

/**
 * Whether the moves polish applies: fewest changes wanted (`minimalMoves`: a current plan and a
 * disruption weight ≥ 0.5) on accounts with homes, small enough. Within the tolerance only
 * without a rep new to the plan (a new hire's patch must stay one piece around its home; the
 * unrestricted fewest moves take a sliver of every territory), or when a new rep holds accounts
 * outside its region (the patch and repair strayed: australia seed 14's hire at 300 × 6 ended
 * within the tolerance, 4.96 %, with 5 of 48 outside; settled here, 89 moves and none); out of
 * it with them too, as the last resort to reach it (a new rep then only over its region, as its
 * patch).
 */
export function movesPolishApplies(
    problem: SubProblem,
    best: SubResult,
    minimalMoves: boolean
): boolean {
    const { n, k } = problem;
    if (!minimalMoves || problem.tw || !problem.hasHome.every((h) => h === 1)) return false;
    if (n * (Math.min(k, POLISH_CANDIDATES) + 2) > POLISH_MAX_COLUMNS) return false;
    return (
        best.maxDeviation > problem.tolerance ||
        !newRepsOf(problem).includes(1) ||
        strays(problem, best.assign, newRepRegions(problem, centresOf(problem, null, null))) > 0
    );
}

/** Accounts of new reps outside their regions (newRepRegions). */
function strays(problem: SubProblem, assign: Int32Array, regions: (Uint8Array | null)[]): number {
    let out = 0;
    for (let i = 0; i < problem.n; i++) {
        const region = assign[i]! >= 0 ? regions[assign[i]!] : null;
        if (region && !region[i]) out++;
    }
    return out;
}

/**
 * The fewest moves as a MIP: each account may stay with its current rep or go to one of its
 * nearest homes (a rep new to the plan: only if the account lies in its region, the accounts
 * nearest its home holding 1.25 × its target: patchRegion), a move costing more than any change of
 * travel can save (so HiGHS minimises the moves, then the km), every rep within the tolerance.
 * Started from `best`; within the tolerance its result is kept only when it has fewer moves, or
 * as many and less travel; out of it, whenever HiGHS finds a plan within.
 */
export function movesPolish(problem: SubProblem, best: SubResult): SubResult {
    return polishBy(problem, best, columns(problem, best, true));
}

/** Per new rep (else null): its region (patchRegion), by km to its home. */
function newRepRegions(problem: SubProblem, centres: Float64Array): (Uint8Array | null)[] {
    const isNew = newRepsOf(problem);
    const combined = combinedLoad(problem);
    return Array.from({ length: problem.k }, (_, r) =>
        isNew[r] ? patchRegion(problem, combined, r, (i) => centreKm(problem, centres, i, r)) : null
    );
}

/**
 * Per account its candidates (nearest homes, the rep in the start, with `moves` its current rep)
 * and their cost: km, plus with `moves` a move's cost for every rep but the current one.
 */
function columns(
    problem: SubProblem,
    best: SubResult,
    moves: boolean
): { input: TransportLpInput; move: number; regions: (Uint8Array | null)[] | null } {
    const { n, k, cur, fixed } = problem;
    const K = Math.min(k, POLISH_CANDIDATES);
    const centres = centresOf(problem, null, null);
    const near = nearestCentres(problem.xyz, n, centres, k, K);
    const regions = moves ? newRepRegions(problem, centres) : null;
    // extra columns: the rep in the start and (moves) the current rep, when not among the nearest
    const W = K + (moves ? 2 : 1);
    const rep = new Int32Array(n * W).fill(-1);
    const km = new Float64Array(n * W);
    let spread = 0;
    for (let i = 0; i < n; i++) {
        let q = 0;
        const add = (r: number, d: number): void => {
            if (r < 0) return;
            for (let p = 0; p < q; p++) if (rep[i * W + p] === r) return;
            rep[i * W + q] = r;
            km[i * W + q] = d;
            q++;
        };
        for (let p = 0; p < K; p++) {
            const r = near.rep[i * K + p]!;
            if (r >= 0 && regions?.[r] && !regions[r][i]) continue;
            add(r, kmFromDot(near.dot[i * K + p]!));
        }
        // (a new rep keeps to its region even where the start strayed: the start is then out of
        // tolerance, where any plan HiGHS finds counts)
        const r = best.assign[i]!;
        if (!(r >= 0 && regions?.[r] && !regions[r][i])) {
            add(r, r >= 0 ? centreKm(problem, centres, i, r) : 0);
        }
        if (moves && cur[i]! >= 0) add(cur[i]!, centreKm(problem, centres, i, cur[i]!));
        // a move's cost (below) needs the km a free account's choice can change by
        if (!moves || fixed[i]! >= 0) continue;
        let lo = Infinity;
        let hi = 0;
        for (let p = 0; p < q; p++)
            [lo, hi] = [Math.min(lo, km[i * W + p]!), Math.max(hi, km[i * W + p]!)];
        if (q > 0) spread += hi - lo;
    }
    // more than all the travel any plan over these columns can save: moves count first
    const move = moves ? 1 + spread : Infinity;
    if (moves) {
        for (let i = 0; i < n; i++) {
            if (cur[i]! < 0) continue;
            for (let p = 0; p < W; p++) {
                const r = rep[i * W + p]!;
                if (r >= 0 && r !== cur[i]) km[i * W + p]! += move;
            }
        }
    }
    const input: TransportLpInput = {
        n,
        k,
        M: problem.M,
        a: problem.a,
        mw: problem.mw,
        target: Float64Array.from(problem.cap, (c) => n * c),
        band: POLISH_BAND * problem.tolerance,
        K: W,
        rep,
        km,
        fixed
    };
    return { input, move, regions };
}

/**
 * HiGHS on `input` from `best`, POLISH_MAX_NODES, then POLISH_DEEPER_NODES when its bound leaves
 * more than POLISH_DEEPER_GAP and room for a better plan than it found: any, when it found none
 * better than the start; one with a move fewer (`move`: a move's cost; Infinity for travel).
 * Its plan when better by the MIP's objective and within the tolerance by the engine's own
 * measure, else `best`.
 */
function polishBy(
    problem: SubProblem,
    best: SubResult,
    { input, move, regions }: ReturnType<typeof columns>
): SubResult {
    // out of tolerance the start is outside the band rows, and a new rep with accounts outside
    // its region outside the columns: any plan HiGHS finds is better
    const anyPlan =
        best.maxDeviation > problem.tolerance ||
        (regions !== null && strays(problem, best.assign, regions) > 0);
    let mip = solveAssignmentMip(input, best.assign, POLISH_MAX_NODES, anyPlan);
    if (
        mip &&
        mip.bound > 0 &&
        mip.objective > (1 + POLISH_DEEPER_GAP) * mip.bound &&
        (!mip.assign || mip.objective - mip.bound >= move)
    ) {
        // from the better plan so far; kept only if HiGHS finds one better still
        const from = mip.assign ?? best.assign;
        const deeper = solveAssignmentMip(input, from, POLISH_DEEPER_NODES, anyPlan && !mip.assign);
        if (deeper?.assign) mip = deeper;
        // the moves MIP, a move's worth or more from its bound still: once more from the current
        // plan (out of tolerance, so HiGHS finds its own start). On australia seed 3's drifted
        // plan at 300 × 6 the search from the engine's plan stayed at 22 moves; this one found 18,
        // the minimum. Kept only when better.
        if (Number.isFinite(move) && mip && mip.objective - mip.bound >= move) {
            const own = solveAssignmentMip(input, problem.cur, POLISH_DEEPER_NODES, true);
            if (own?.assign && own.objective < mip.objective - 1e-9) mip = own;
        }
    }
    if (!mip?.assign) return best;
    const state = new State(problem, mip.assign);
    const maxDeviation = state.maxDeviation();
    if (maxDeviation > problem.tolerance) return best;
    return {
        assign: mip.assign,
        maxDeviation,
        stages: {
            ...best.stages,
            polishNodes: mip.nodes,
            polishGap: mip.bound > 0 ? mip.objective / mip.bound - 1 : NaN
        }
    };
}
