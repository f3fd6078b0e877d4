/**
 * Search effort. Every stage of the engine stops on work it has counted (passes, iterations,
 * moves evaluated, scaled to the instance), never on the clock, so the same input and seed give
 * the same plan on any machine under any load. Wall-clock time is only a safety cap: once it has
 * passed, every stage stops at its next check and the report says `timeLimitReached`.
 */
export class SafetyCap {
    readonly deadline: number;
    private hit = false;
    constructor(deadline: number) {
        this.deadline = deadline;
    }

    /** True once the wall-clock cap has passed (and from then on). */
    reached(): boolean {
        if (!this.hit && Date.now() > this.deadline) this.hit = true;
        return this.hit;
    }

    /** Whether the cap was hit at any check so far (does not look at the clock). */
    get wasReached(): boolean {
        return this.hit;
    }
}

/** A budget of counted work units; `spend` returns false once it is used up. */
export class WorkBudget {
    readonly limit: number;
    spent = 0;
    constructor(limit: number) {
        this.limit = limit;
    }

    spend(units: number): boolean {
        this.spent += units;
        return this.spent <= this.limit;
    }

    get exhausted(): boolean {
        return this.spent > this.limit;
    }
}
