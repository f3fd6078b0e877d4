/**
 * Reps new to the current plan: where they start (a seeded centre) and their first patch; and the
 * fewest-moves LP that makes the patch, which also starts one variant of every plan from a current
 * plan (solve.ts).
 */
import { solveTransportLp } from '../lp/transport-lp.js';
import type { CandidateTable } from './candidates-table.js';
import { centreKm, kmTo, tableScale } from './candidates-table.js';
import type { SubProblem } from './types.js';

/** The fewest-moves LP runs up to this many columns (accounts × their choices). */
const MOVES_LP_MAX_COLUMNS = 200_000;
/**
 * The LP's band, as a share of the tolerance (repair settles the few split accounts). A narrower
 * band costs moves: at 0.9 a drifted 2k × 20 plan (capacities, seed 1) took 19 moves where HiGHS
 * needs 10; at 0.97, 12.
 */
const MOVES_LP_BAND = 0.97;
/**
 * With a new rep the band stays at 0.9: the patch is fixed once made (repair may not undo it), so
 * the others need room to settle the split accounts. On the tuning families 0.9, 0.93 and 0.97
 * moved as many accounts (3,449, 3,448, 3,436 over 60 hires at 300 × 6); at 0.97 the held-out
 * australia seed 14's hire ended out of tolerance (5.01 %).
 */
const PATCH_LP_BAND = 0.9;
/**
 * A new rep's patch lies within the accounts nearest its home that hold this many times its
 * target (combined load): one compact piece around the home, not a sliver of every territory.
 */
const PATCH_REGION = 1.25;
/** Besides staying, an existing rep's account may go to this many of its nearest reps. */
const MOVES_LP_NEIGHBOURS = 4;
/** Cost of moving an account, in units of the typical km scale of assignment decisions. */
const MOVES_LP_MOVE_COST = 30;
/**
 * A new rep's km count this many times: among plans with equally few moves, its patch is the one
 * nearest its home (else the LP takes the region's outer ring, whose accounts are furthest from
 * their own reps: 1.39 × the mean km of the nearest accounts at the median, against 1.12 ×).
 */
const PATCH_PULL = 3;

/**
 * Reps new to the current plan get their patch with the fewest moves (fewestMovesLp); where that LP
 * does not apply, the unlocked accounts nearest to their home (or seeded centre), up to their
 * combined target. The patch counts as the new rep's current accounts from then on (problem.cur is
 * the caller's copy). Repair then settles what is left.
 */
export function growNewReps(
    problem: SubProblem,
    table: CandidateTable,
    assign: Int32Array,
    combined: Float64Array,
    centres: Float64Array
): Uint8Array {
    const isNew = newRepsOf(problem);
    if (!isNew.includes(1)) return isNew;
    if (!fewestMovesLp(problem, table, assign, combined, centres, isNew)) {
        nearestPatches(problem, table, assign, combined, centres, isNew);
    }
    return isNew;
}

/** Per rep, 1 when no account's current rep is that rep: a rep new to the current plan. */
export function newRepsOf(problem: SubProblem): Uint8Array {
    const { n, k, cur } = problem;
    const isNew = new Uint8Array(k).fill(1);
    for (let i = 0; i < n; i++) if (cur[i]! >= 0) isNew[cur[i]!] = 0;
    return isNew;
}

/**
 * The transport LP for the fewest moves: an account may stay, go to one of its MOVES_LP_NEIGHBOURS
 * nearest existing reps, or join a new rep whose region (accounts nearest the new home holding
 * PATCH_REGION × its target) holds it; each move costs MOVES_LP_MOVE_COST × the km scale, then
 * travel; every rep within MOVES_LP_BAND × tolerance (PATCH_LP_BAND with new reps). The new rep
 * gets one piece around its home, and what its neighbours give is passed on from rep to rep only
 * as far as balance needs (the families bench measures it against HiGHS' fewest moves with the
 * patch held to the same region). Without new reps (a drifted plan, a rep who left) it is the
 * start of one variant. Split accounts go to their largest fraction. Returns false when the LP
 * does not apply or failed.
 */
export function fewestMovesLp(
    problem: SubProblem,
    table: CandidateTable,
    assign: Int32Array,
    combined: Float64Array,
    centres: Float64Array,
    isNew: Uint8Array
): boolean {
    const { n, k, cur, fixed } = problem;
    const fresh: number[] = [];
    for (let r = 0; r < k; r++) if (isNew[r]) fresh.push(r);
    const near = Math.min(MOVES_LP_NEIGHBOURS, table.K);
    const K = 1 + fresh.length + near;
    if (n * K > MOVES_LP_MAX_COLUMNS) return false;
    // kmTo counts a postal unit's km once per account it holds: the distance itself here
    const region = fresh.map((r) =>
        patchRegion(problem, combined, r, (i) => {
            const w = problem.tw ? problem.tw[i]! : 1;
            return kmTo(table, problem, centres, i, r) / w;
        })
    );
    const moveCost = MOVES_LP_MOVE_COST * tableScale(table);
    const rep = new Int32Array(n * K).fill(-1);
    const km = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
        if (fixed[i]! >= 0) continue;
        const row: number[] = cur[i]! >= 0 ? [cur[i]!] : [];
        fresh.forEach((r, j) => {
            if (region[j]![i]) row.push(r);
        });
        for (let q = 0; q < near; q++) {
            const r = table.rep[i * table.K + q]!;
            if (r >= 0 && !isNew[r] && !row.includes(r)) row.push(r);
        }
        // a unit of postal-unit mode counts as its accounts, in km (kmTo) and in moves
        const w = problem.tw ? problem.tw[i]! : 1;
        row.forEach((r, q) => {
            rep[i * K + q] = r;
            const move = cur[i]! >= 0 && r !== cur[i] ? moveCost : 0;
            const pull = isNew[r] ? PATCH_PULL : 1;
            km[i * K + q] = pull * kmTo(table, problem, centres, i, r) + w * move;
        });
    }
    const lp = solveTransportLp({
        n,
        k,
        M: problem.M,
        a: problem.a,
        mw: problem.mw,
        target: Float64Array.from(problem.cap, (c) => n * c),
        band: (fresh.length > 0 ? PATCH_LP_BAND : MOVES_LP_BAND) * problem.tolerance,
        K,
        rep,
        km,
        fixed
    });
    if (lp.status === 'failed') return false;
    for (let i = 0; i < n; i++) {
        if (fixed[i]! >= 0) continue;
        const r = lp.assign[i]!;
        assign[i] = r;
        // the patch is the new rep's from now on: repair must not undo it
        if (isNew[r]) cur[i] = r;
    }
    return true;
}

/**
 * A new rep's region: the unlocked accounts nearest to rep r's home (or centre) by `kmOf`, up to
 * PATCH_REGION × its target in combined load. The fewest-moves LP and the moves MIP
 * (mip-polish.ts) hold its patch to it.
 */
export function patchRegion(
    problem: SubProblem,
    combined: Float64Array,
    r: number,
    kmOf: (i: number) => number
): Uint8Array {
    const { n, fixed } = problem;
    const byKm: { i: number; d: number }[] = [];
    for (let i = 0; i < n; i++) if (fixed[i]! < 0) byKm.push({ i, d: kmOf(i) });
    byKm.sort((x, y) => x.d - y.d || x.i - y.i);
    const inside = new Uint8Array(n);
    const limit = PATCH_REGION * n * problem.cap[r]!;
    let load = 0;
    for (const { i } of byKm) {
        if (load >= limit) break;
        inside[i] = 1;
        load += combined[i]!;
    }
    return inside;
}

/** Each new rep takes the unlocked accounts nearest to it, up to its combined target. */
function nearestPatches(
    problem: SubProblem,
    table: CandidateTable,
    assign: Int32Array,
    combined: Float64Array,
    centres: Float64Array,
    isNew: Uint8Array
): void {
    const { n, k, cur, fixed } = problem;
    const taken = new Uint8Array(n);
    for (let r = 0; r < k; r++) {
        if (!isNew[r]) continue;
        const target = n * problem.cap[r]!;
        const cands: { i: number; d: number }[] = [];
        for (let p = table.revStart[r]!; p < table.revStart[r + 1]!; p++) {
            const i = table.rev[p]!;
            if (fixed[i]! >= 0 || taken[i]) continue;
            cands.push({ i, d: kmTo(table, problem, centres, i, r) });
        }
        cands.sort((x, y) => x.d - y.d || x.i - y.i);
        let load = 0;
        for (const { i } of cands) {
            if (load >= target) break;
            if (load + combined[i]! / 2 > target) break;
            assign[i] = r;
            cur[i] = r; // the patch is the new rep's from now on: repair must not undo it
            taken[i] = 1;
            load += combined[i]!;
        }
    }
}

/** Reps without a home and without accounts start at the account farthest from the others. */
export function seedEmptyCentres(
    problem: SubProblem,
    assign: Int32Array,
    centres: Float64Array
): void {
    const { n, k, xyz } = problem;
    const count = new Int32Array(k);
    for (let i = 0; i < n; i++) if (assign[i]! >= 0) count[assign[i]!]!++;
    const taken = new Uint8Array(n);
    for (let r = 0; r < k; r++) {
        if (problem.hasHome[r] || count[r]! > 0) continue;
        let bestI = -1;
        let bestD = -1;
        for (let i = 0; i < n; i++) {
            if (taken[i]) continue;
            const c = assign[i]!;
            const d = c >= 0 ? centreKm(problem, centres, i, c) : Infinity;
            if (d > bestD) {
                bestD = d;
                bestI = i;
            }
        }
        if (bestI < 0) continue;
        taken[bestI] = 1;
        for (let d = 0; d < 3; d++) centres[3 * r + d] = xyz[3 * bestI + d]!;
    }
}
