/**
 * Fewest changes wanted: sends moved accounts back to their current rep, one alone, or two traded
 * for one move elsewhere, or three traded for two, whenever the plan stays within the limit.
 */
import { WorkBudget } from '../effort.js';
import type { CandidateTable } from './candidates-table.js';
import type { State } from './state.js';
import type { SubProblem } from './types.js';

/**
 * Work the fewest-moves pass may spend, counted in evaluations of one rep's violation (WORK), and
 * of that, what trading three moved accounts for two may spend (TRIO_WORK). A trio tries every
 * first move, and one that cannot be traded is only known once all are tried. On the 300 × 6
 * drifted plans of the families bench (198 with a proven minimum) 3M left 11 above 1.2 × the
 * minimum moves and 20M left 8, but 20M took up to 1 s a plan (each of the three variants runs
 * this pass) and stalled jobs in the service's tests under load (their engine runs on the main
 * thread, with 1 s locks). On 2k × 20 drifted plans 3M saved a move on 2 of 20, at up to 0.5 s.
 */
const WORK = 20_000_000;
const TRIO_WORK = 3_000_000;
/** trios are tried only among this many moved accounts or fewer (455 trios) */
const TRIO_MAX_MOVED = 15;
/** a violation this small is none (violations are sums of squares of deviations) */
const WITHIN = 1e-18;

interface Reducer {
    problem: SubProblem;
    state: State;
    table: CandidateTable;
    /** each rep's band: its violation beyond it must stay none */
    limits: Float64Array;
    work: WorkBudget;
    /** the stage at hand stops once `work` has spent this much */
    stopAt: number;
    /** per rep, the accounts whose current rep it is (locked ones left out) */
    byCur: number[][];
}

/**
 * Fewer moves: each round sends one moved account back if the plan stays within `limit` (one for
 * every rep, or one per rep), else replaces two moved accounts (both sent back) with one move,
 * else three with two; the cheapest replacement in travel wins. Stops when a round saves nothing
 * or the counted work is spent.
 */
export function reduceMoves(
    problem: SubProblem,
    state: State,
    table: CandidateTable,
    limit: number | Float64Array
): void {
    const r: Reducer = {
        problem,
        state,
        table,
        limits: typeof limit === 'number' ? new Float64Array(problem.k).fill(limit) : limit,
        work: new WorkBudget(WORK),
        stopAt: WORK,
        byCur: Array.from({ length: problem.k }, () => [])
    };
    for (let i = 0; i < problem.n; i++)
        if (problem.fixed[i]! < 0 && problem.cur[i]! >= 0) r.byCur[problem.cur[i]!]!.push(i);
    let trioWork = TRIO_WORK;
    const trade3 = (moved: readonly number[]): boolean => {
        if (moved.length > TRIO_MAX_MOVED || trioWork <= 0) return false;
        const before = r.work.spent;
        r.stopAt = before + trioWork;
        const saved = replace(r, moved, 3);
        r.stopAt = WORK;
        trioWork -= r.work.spent - before;
        return saved;
    };
    for (let round = 0; round < 50; round++) {
        const moved = movedAccounts(problem, state.assign);
        if (moved.length === 0) return;
        if (moved.length * moved.length * problem.n * table.K > 2e9) return;
        const saved = sendBackOne(r, moved) || replace(r, moved, 2) || trade3(moved);
        if (!saved) return;
    }
}

function movedAccounts(problem: SubProblem, assign: Int32Array): number[] {
    const { n, fixed, cur } = problem;
    const moved: number[] = [];
    for (let i = 0; i < n; i++)
        if (fixed[i]! < 0 && cur[i]! >= 0 && assign[i] !== cur[i]) moved.push(i);
    return moved;
}

/** Rep x's violation beyond its limit, with account j added (sign 1) or removed (−1). */
function violOf(r: Reducer, x: number, j: number, sign: number): number {
    return r.state.viol(x, j, sign, r.limits[x]!);
}

/** Σ over the reps of their violation beyond their limits. */
function totalViolation(r: Reducer): number {
    let v = 0;
    for (let x = 0; x < r.state.k; x++) v += violOf(r, x, -1, 0);
    return v;
}

/** The stage at hand has spent its work (stopAt never exceeds the whole budget), or time is up. */
function stopped(r: Reducer): boolean {
    return r.work.spent > r.stopAt || r.problem.clock.reached();
}

/** One moved account back to its current rep, if the plan stays within the limit. */
function sendBackOne(r: Reducer, moved: readonly number[]): boolean {
    const { state, problem } = r;
    for (const i of moved) {
        if (stopped(r)) return false;
        r.work.spend(state.k);
        const to = state.assign[i]!;
        state.move(i, problem.cur[i]!);
        if (totalViolation(r) <= WITHIN) return true;
        state.move(i, to);
    }
    return false;
}

/**
 * `size` moved accounts (every subset of that size, in order) sent back and replaced by
 * `size − 1` moves, those adding the least travel.
 */
function replace(r: Reducer, moved: readonly number[], size: 2 | 3): boolean {
    const { state, problem } = r;
    const m = moved.length;
    if (m < size) return false;
    const subset = size === 2 ? [0, 1] : [0, 1, 2];
    for (;;) {
        if (stopped(r)) return false;
        const picked = subset.map((s) => moved[s]!);
        const back = picked.map((i) => state.assign[i]!);
        for (const i of picked) state.move(i, problem.cur[i]!);
        const v0 = totalViolation(r);
        if (v0 <= WITHIN) return true;
        if (size === 2) {
            const single = cheapestMoveWithin(r, v0, -1);
            if (single && madeWithin(r, [single.move])) return true;
        } else if (twoMovesWithin(r)) {
            return true;
        }
        picked.forEach((i, j) => state.move(i, back[j]!));
        // next subset in lexicographic order
        let p = size - 1;
        while (p >= 0 && subset[p] === m - size + p) p--;
        if (p < 0) return false;
        subset[p]!++;
        for (let q = p + 1; q < size; q++) subset[q] = subset[q - 1]! + 1;
    }
}

/**
 * Two moves of accounts with their current rep that bring the plan within the limit, adding the
 * least travel. A move changes two reps' loads only, so after the first move at
 * most two reps may still be off (the second move's two): first moves that leave more are not
 * followed up. Makes the moves and returns true, or changes nothing.
 */
function twoMovesWithin(r: Reducer): boolean {
    const { state, table } = r;
    const { K, rep, km } = table;
    const off = violators(r);
    if (off.length > 4) return false;
    let best: [number, number][] | null = null;
    let bestKm = Infinity;
    forEachStayingAccount(r, (j, from) => {
        if (stopped(r)) return;
        r.work.spend(K);
        const fromKm = slotKm(table, j, from);
        const fromOff = violOf(r, from, j, -1) > WITHIN ? 1 : 0;
        for (let t = 0; t < K; t++) {
            const to = rep[j * K + t]!;
            if (to === from) continue;
            // the reps still off after this move: the others off, and from and to as they become
            let rest = fromOff + (violOf(r, to, j, 1) > WITHIN ? 1 : 0);
            for (const x of off) if (x !== from && x !== to) rest++;
            if (rest > 2) continue;
            const firstKm = km[j * K + t]! - fromKm;
            if (firstKm >= bestKm) continue;
            if (rest === 0) {
                // this move alone does it: three moves traded for one
                bestKm = firstKm - 1e12;
                best = [[j, to]];
                continue;
            }
            r.work.spend(2 * state.k);
            state.move(j, to);
            const second = cheapestMoveWithin(r, totalViolation(r), j);
            state.move(j, from);
            if (second && firstKm + second.km < bestKm) {
                bestKm = firstKm + second.km;
                best = [[j, to], second.move];
            }
        }
    });
    return best !== null && madeWithin(r, best);
}

/** The reps whose violation is beyond the limit. */
function violators(r: Reducer): number[] {
    const { state } = r;
    const off: number[] = [];
    for (let x = 0; x < state.k; x++) if (violOf(r, x, -1, 0) > WITHIN) off.push(x);
    return off;
}

/** km of account j's candidate slot for rep `to` (0 when the rep is not among its candidates). */
function slotKm(table: CandidateTable, j: number, to: number): number {
    const { K, rep, km } = table;
    for (let t = 0; t < K; t++) if (rep[j * K + t] === to) return km[j * K + t]!;
    return 0;
}

/** Makes the moves if the plan is then within the limit (checked afresh, not by deltas). */
function madeWithin(r: Reducer, moves: readonly [number, number][]): boolean {
    const { state } = r;
    const back = moves.map(([i]) => state.assign[i]!);
    for (const [i, to] of moves) state.move(i, to);
    if (totalViolation(r) <= WITHIN) return true;
    for (let q = moves.length - 1; q >= 0; q--) state.move(moves[q]![0], back[q]!);
    return false;
}

/** Calls `visit(j, rep)` for every account still with its current rep that may move. */
function forEachStayingAccount(r: Reducer, visit: (j: number, from: number) => void): void {
    const { n, fixed, cur } = r.problem;
    const assign = r.state.assign;
    for (let j = 0; j < n; j++) {
        if (fixed[j]! >= 0 || assign[j] !== cur[j]) continue;
        visit(j, assign[j]!);
    }
}

/**
 * The move of an account still with its current rep (not `except`) that brings the plan, now at
 * violation v0 beyond the limit, back within it and adds the least travel, or null. Only a move
 * between the reps still off can (all of them must be its giver or its taker).
 */
function cheapestMoveWithin(
    r: Reducer,
    v0: number,
    except: number
): { move: [number, number]; km: number } | null {
    const { state, table, problem, byCur } = r;
    const { K, rep, km, revStart, rev, revQ } = table;
    const off = violators(r);
    if (off.length === 0 || off.length > 2) return null;
    let best: { move: [number, number]; km: number } | null = null;
    const consider = (j: number, from: number, q: number): void => {
        const to = rep[j * K + q]!;
        r.work.spend(4);
        const after =
            v0 -
            violOf(r, from, -1, 0) -
            violOf(r, to, -1, 0) +
            violOf(r, from, j, -1) +
            violOf(r, to, j, 1);
        if (after > WITHIN) return;
        const added = km[j * K + q]! - slotKm(table, j, from);
        if (
            !best ||
            added < best.km ||
            (added === best.km && (j < best.move[0] || (j === best.move[0] && to < best.move[1])))
        )
            best = { move: [j, to], km: added };
    };
    const staying = (j: number): boolean =>
        j !== except && problem.fixed[j]! < 0 && state.assign[j] === problem.cur[j];
    // givers: the accounts of a rep that is off, to the other one (or, one off, to any rep)
    for (const x of off) {
        for (const j of byCur[x]!) {
            if (!staying(j)) continue;
            for (let q = 0; q < K; q++) {
                const to = rep[j * K + q]!;
                if (to === x || (off.length === 2 && !off.includes(to))) continue;
                consider(j, x, q);
            }
        }
    }
    // takers (one rep off): any account that may go to it
    if (off.length === 1) {
        const x = off[0]!;
        for (let p = revStart[x]!; p < revStart[x + 1]!; p++) {
            const j = rev[p]!;
            if (!staying(j) || state.assign[j] === x) continue;
            consider(j, state.assign[j]!, revQ[p]!);
        }
    }
    return best;
}
