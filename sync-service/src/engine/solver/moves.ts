/** What the move stages (repair, improvement) share: the plan they move accounts in. */
import type { CandidateTable } from './candidates-table.js';
import { kmTo } from './candidates-table.js';
import type { State } from './state.js';
import type { SubProblem } from './types.js';

/** A plan with its candidates and centres, as the move stages see it. */
export interface MoveContext {
    problem: SubProblem;
    state: State;
    table: CandidateTable;
    centres: Float64Array;
    /** stay bonus (km) for an account that keeps its current rep */
    stay: number;
}

/** Base of the move stages: the plan's parts as fields, and km from an account to any rep. */
export class PlanMoves {
    protected readonly problem: SubProblem;
    protected readonly state: State;
    protected readonly table: CandidateTable;
    protected readonly centres: Float64Array;
    protected readonly stay: number;

    constructor(plan: MoveContext) {
        this.problem = plan.problem;
        this.state = plan.state;
        this.table = plan.table;
        this.centres = plan.centres;
        this.stay = plan.stay;
    }

    /** km from account i to rep r (its candidate row, else the centre) */
    protected kmOf(i: number, r: number): number {
        return kmTo(this.table, this.problem, this.centres, i, r);
    }
}
