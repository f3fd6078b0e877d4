/**
 * Search effort. Every stage of the engine stops on work it has counted (passes, iterations,
 * moves evaluated, scaled to the instance), never on the clock, so the same input and seed give
 * the same plan on any machine under any load. Wall-clock time is only a safety cap: once it has
 * passed, every stage stops at its next check and the report says `timeLimitReached`.
 */
export class SafetyCap {
    private hit = false;
    constructor(readonly deadline: number) {}

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
    spent = 0;
    constructor(readonly limit: number) {}

    spend(units: number): boolean {
        this.spent += units;
        return this.spent <= this.limit;
    }

    get exhausted(): boolean {
        return this.spent > this.limit;
    }
}
