/** Reps new to the current plan: where they start (a seeded centre) and their first patch. */
import type { CandidateTable } from './candidates-table.js';
import { centreKm, kmTo } from './candidates-table.js';
import type { SubProblem } from './types.js';

/**
 * Reps new to the current plan start with a contiguous patch: the unlocked accounts nearest to
 * their home (or seeded centre), up to their combined target; they count as the new rep's current
 * accounts from then on (problem.cur is the caller's copy). Repair then settles the neighbours.
 */
export function growNewReps(
    problem: SubProblem,
    table: CandidateTable,
    assign: Int32Array,
    combined: Float64Array,
    centres: Float64Array
): Uint8Array {
    const { n, k, cur, fixed } = problem;
    const isNew = new Uint8Array(k).fill(1);
    for (let i = 0; i < n; i++) if (cur[i]! >= 0) isNew[cur[i]!] = 0;
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
    return isNew;
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
