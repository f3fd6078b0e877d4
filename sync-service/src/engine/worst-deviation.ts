/**
 * Lowering the worst deviation of a plan out of tolerance, step by step, for account plans
 * (solver/repair.ts, repairWorst) and postal-unit plans (units/contiguous.ts, lowerWorst). Their
 * balancing stages lower violation summed over the measures, so a rep can trade one measure's
 * excess for another's; the report gives the worst deviation, and this lowers that: each step
 * balances toward a band just under the worst, and the best plan seen is kept.
 */

/** each step balances toward this share of the worst deviation (never below 0.95 × tolerance) */
const WORST_BAND = 0.97;
/** at most this many steps; they stop at the first that lowers the worst by less than 0.1 % */
const WORST_STEPS = 100;

/** A plan as the steps see it. */
export interface StepwisePlan {
    /** the plan's assignment, which `step` changes in place */
    readonly assign: Int32Array;
    /** the plan's worst deviation */
    worst(): number;
    /** balances the plan toward `band` */
    step(band: number): void;
    /** whether another step may run (work and time left) */
    mayStep(): boolean;
    /** brings what depends on `assign` up to date after it was set back */
    reload(): void;
}

/**
 * Steps while the worst deviation is above the tolerance and falls; the plan ends at the best
 * assignment seen, or where it started when that is neither within the tolerance nor at least
 * `minGain` lower.
 */
export function lowerWorstStepwise(plan: StepwisePlan, tolerance: number, minGain = 0): void {
    const start = plan.worst();
    const before = Int32Array.from(plan.assign);
    let best = before;
    let bestWorst = start;
    let worst = start;
    for (let step = 0; step < WORST_STEPS && worst > tolerance && plan.mayStep(); step++) {
        plan.step(Math.max(0.95 * tolerance, WORST_BAND * worst));
        const now = plan.worst();
        if (now < bestWorst) [bestWorst, best] = [now, Int32Array.from(plan.assign)];
        if (now > 0.999 * worst) break;
        worst = now;
    }
    plan.assign.set(bestWorst <= tolerance || start - bestWorst >= minGain ? best : before);
    plan.reload();
}
