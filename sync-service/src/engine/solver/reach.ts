/**
 * Why no plan can be within the tolerance, known before solving: an oversized item, too much
 * locked. The report words these (balance.ts); the solver skips work that aims at the tolerance.
 */
import type { SubProblem } from './types.js';

/** One reason the tolerance is out of reach on balanced measure `measure`, with load / target. */
export type Breach =
    /** item `item`, the largest on the measure, alone above (1 + tolerance) × the largest target */
    | { kind: 'item'; measure: number; item: number; share: number }
    /** rep `rep` has more than (1 + tolerance) × its target locked */
    | { kind: 'locked'; measure: number; rep: number; share: number };

type ReachInput = Pick<SubProblem, 'n' | 'k' | 'M' | 'a' | 'mw' | 'fixed' | 'cap' | 'tolerance'>;

/** Every breach, measure by measure (the oversized item first, then the reps in order). */
export function toleranceBreaches(problem: ReachInput): Breach[] {
    const { n, k, M, a, mw, fixed, cap, tolerance } = problem;
    let maxCap = 0;
    for (let r = 0; r < k; r++) maxCap = Math.max(maxCap, cap[r]!);
    const out: Breach[] = [];
    for (let m = 0; m < M; m++) {
        if (mw[m] === 0) continue;
        let big = 0;
        let bigItem = -1;
        for (let p = 0; p < n; p++) {
            if (a[p * M + m]! > big) [big, bigItem] = [a[p * M + m]!, p];
        }
        const target = n * maxCap;
        if (big > (1 + tolerance) * target) {
            out.push({ kind: 'item', measure: m, item: bigItem, share: big / target });
        }
        const lockedLoad = new Float64Array(k);
        for (let p = 0; p < n; p++) if (fixed[p]! >= 0) lockedLoad[fixed[p]!]! += a[p * M + m]!;
        for (let r = 0; r < k; r++) {
            const t = n * cap[r]!;
            if (lockedLoad[r]! > (1 + tolerance) * t) {
                out.push({ kind: 'locked', measure: m, rep: r, share: lockedLoad[r]! / t });
            }
        }
    }
    return out;
}

/** Whether some plan-independent reason (toleranceBreaches) keeps every plan out of tolerance. */
export function toleranceOutOfReach(problem: ReachInput): boolean {
    return toleranceBreaches(problem).length > 0;
}
