/** Fewest changes wanted: trades two moved accounts for one move elsewhere. */
import { WorkBudget } from '../effort.js';
import type { CandidateTable } from './candidates-table.js';
import type { State } from './state.js';
import type { SubProblem } from './types.js';

/** single-move evaluations the fewest-moves pass may spend */
const REDUCE_MOVES_WORK = 50_000_000;

/**
 * Fewer moves: replaces two moved accounts (both sent back to their current rep) with one
 * single move elsewhere, when the plan stays within `limit`. Small problems only.
 */
export function reduceMoves(
    problem: SubProblem,
    state: State,
    table: CandidateTable,
    limit: number
): void {
    const { n, fixed, cur } = problem;
    // effort: at most REDUCE_MOVES_WORK single-move evaluations in all
    const work = new WorkBudget(REDUCE_MOVES_WORK);
    const K = table.K;
    const assign = state.assign;
    for (let round = 0; round < 10; round++) {
        const moved: number[] = [];
        for (let i = 0; i < n; i++)
            if (fixed[i]! < 0 && cur[i]! >= 0 && assign[i] !== cur[i]) moved.push(i);
        if (moved.length < 2 || moved.length * moved.length * n * K > 2e9) return;
        let saved = false;
        for (let p = 0; p < moved.length && !saved; p++) {
            for (let q = p + 1; q < moved.length && !saved; q++) {
                if (work.exhausted || problem.clock.reached()) return;
                const a = moved[p]!;
                const b = moved[q]!;
                const ra = assign[a]!;
                const rb = assign[b]!;
                state.move(a, cur[a]!);
                state.move(b, cur[b]!);
                const v0 = state.totalViolation(limit);
                if (v0 === 0) {
                    saved = true;
                    break;
                }
                const single = singleMoveWithin(problem, state, table, limit, v0, a, b, work);
                if (single) {
                    state.move(single[0], single[1]);
                    saved = true;
                } else {
                    state.move(a, ra);
                    state.move(b, rb);
                }
            }
        }
        if (!saved) return;
    }
}

/**
 * One move of an account still with its current rep (not a or b) that brings the plan, now at
 * total violation v0 beyond `limit`, back within it: [account, rep], or null.
 */
function singleMoveWithin(
    problem: SubProblem,
    state: State,
    table: CandidateTable,
    limit: number,
    v0: number,
    a: number,
    b: number,
    work: WorkBudget
): [number, number] | null {
    const { n, fixed, cur } = problem;
    const { K, rep } = table;
    const assign = state.assign;
    for (let j = 0; j < n; j++) {
        if (fixed[j]! >= 0 || assign[j] !== cur[j] || j === a || j === b) continue;
        const from = assign[j]!;
        work.spend(K);
        const base = v0 - state.viol(from, -1, 0, limit);
        for (let t = 0; t < K; t++) {
            const to = rep[j * K + t]!;
            if (to === from) continue;
            const after =
                base -
                state.viol(to, -1, 0, limit) +
                state.viol(from, j, -1, limit) +
                state.viol(to, j, 1, limit);
            if (after <= 1e-18) return [j, to];
        }
    }
    return null;
}
