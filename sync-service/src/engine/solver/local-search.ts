/**
 * Iterated local search for small problems with homes and no current plan: seeded random
 * perturbations along the borders, each followed by repair and improvement; the best plan is kept
 * (this is where the seed matters).
 */
import { mulberry32 } from '../geo.js';
import type { CandidateTable } from './candidates-table.js';
import { buildCandidates, centresOf, mortonOrderOf } from './candidates-table.js';
import { improve } from './improve.js';
import { repair } from './repair.js';
import { State } from './state.js';
import type { MoveContext } from './moves.js';
import type { SubProblem, SubResult } from './types.js';

/** tries × accounts spent in all (at least ILS_MIN_TRIES tries, at most 60) */
const ILS_WORK = 40_000;
const ILS_MIN_TRIES = 4;

/**
 * From `best` (scored `bestKey`; lower is better by `key`), tries perturbed and polished plans
 * and returns the best one, its stages noting the tries (`ilsTries`, `ilsImproved`).
 */
export function iteratedLocalSearch(
    problem: SubProblem,
    best: SubResult,
    bestKey: number,
    key: (res: SubResult) => number
): SubResult {
    const n = problem.n;
    const rnd = mulberry32(problem.seed);
    // every rep has a home, so the candidate table is the same for every try
    const centres = centresOf(problem, null, null);
    const table = buildCandidates(problem, centres, mortonOrderOf(problem));
    // effort: a number of tries fixed by the instance, fewer on larger ones (each try is a
    // repair and a dozen improvement passes over all accounts)
    const maxTries = Math.max(ILS_MIN_TRIES, Math.min(60, Math.floor(ILS_WORK / n)));
    let tries = 0;
    while (tries < maxTries && !problem.clock.reached()) {
        tries++;
        const res = perturbAndPolish(problem, table, centres, best.assign, rnd);
        const resKey = key(res);
        if (resKey < bestKey - 1e-9) {
            bestKey = resKey;
            best = { ...res, stages: { ...best.stages, ilsImproved: tries } };
        }
    }
    best.stages.ilsTries = tries;
    return best;
}

/** One iterated-local-search step: move a few border accounts at random, then repair and improve. */
function perturbAndPolish(
    problem: SubProblem,
    table: CandidateTable,
    centres: Float64Array,
    start: Int32Array,
    rnd: () => number
): SubResult {
    const { n } = problem;
    const tol = problem.tolerance;
    const assign = Int32Array.from(start);
    // perturb: a few accounts each go to one of their 3 nearest other reps
    const moves = Math.max(2, Math.round(n / 25));
    for (let t = 0; t < moves; t++) {
        const i = Math.floor(rnd() * n);
        if (problem.fixed[i]! >= 0) continue;
        const q = Math.floor(rnd() * Math.min(table.K, 4));
        const r = table.rep[i * table.K + q]!;
        if (r !== assign[i]) assign[i] = r;
    }
    const state = new State(problem, assign);
    state.band = 0.6 * tol;
    const plan: MoveContext = { problem, state, table, centres, stay: 0 };
    repair(plan, 0.6 * tol);
    improve(plan, 0.995 * tol, 12);
    if (state.maxDeviation() > tol) repair(plan, 0.95 * tol);
    return { assign, maxDeviation: state.maxDeviation(), stages: {} };
}
