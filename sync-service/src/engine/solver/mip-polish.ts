/**
 * The last word on a small fresh plan: the whole assignment as a MIP over each account's nearest
 * reps (HiGHS, the tolerance as hard band rows), started from the plan the stages found. HiGHS
 * keeps the start unless it finds a shorter plan within its node limit, so the result is never
 * worse; the node limit keeps it deterministic.
 */
import { nearestCentres } from '../candidates.js';
import { kmFromDot } from '../geo.js';
import { solveAssignmentMip } from '../lp/transport-lp.js';
import type { TransportLpInput } from '../lp/transport-lp.js';
import { centreKm, centresOf } from './candidates-table.js';
import { State } from './state.js';
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
 * Whether the polish applies: a fresh plan of accounts (postal units go on to the contiguity
 * phase instead) with homes, within the tolerance, small enough.
 */
export function mipPolishApplies(problem: SubProblem, best: SubResult): boolean {
    const { n, k } = problem;
    return (
        !problem.tw &&
        best.maxDeviation <= problem.tolerance &&
        problem.hasHome.every((h) => h === 1) &&
        !problem.cur.some((c) => c >= 0) &&
        n * Math.min(k, POLISH_CANDIDATES) <= POLISH_MAX_COLUMNS
    );
}

/**
 * The MIP's plan when it is shorter and within the tolerance by the engine's own measure, else
 * `best`; the stages note the nodes and the gap HiGHS proved (`polishNodes`, `polishGap`).
 */
export function mipPolish(problem: SubProblem, best: SubResult): SubResult {
    const { n, k } = problem;
    const K = Math.min(k, POLISH_CANDIDATES);
    const centres = centresOf(problem, null, null);
    const near = nearestCentres(problem.xyz, n, centres, k, K);
    // one more column per account for its rep in the start, when that is not among the nearest
    const W = K + 1;
    const rep = new Int32Array(n * W).fill(-1);
    const km = new Float64Array(n * W);
    for (let i = 0; i < n; i++) {
        let has = false;
        for (let q = 0; q < K; q++) {
            const r = near.rep[i * K + q]!;
            rep[i * W + q] = r;
            km[i * W + q] = kmFromDot(near.dot[i * K + q]!);
            if (r === best.assign[i]) has = true;
        }
        const r = best.assign[i]!;
        if (!has && r >= 0) {
            rep[i * W + K] = r;
            km[i * W + K] = centreKm(problem, centres, i, r);
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
        fixed: problem.fixed
    };
    const mip = solveAssignmentMip(input, best.assign, POLISH_MAX_NODES);
    if (!mip) return best;
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
