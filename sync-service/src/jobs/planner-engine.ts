/**
 * The two engine functions the jobs call, as an injectable dependency (the worker passes the real
 * engine from src/engine; nothing here re-implements it).
 */
import type {
    BalanceOptions,
    BalanceResult,
    EngineAccount,
    EngineRep,
    PlanMetrics
} from '../engine/types.js';

export interface PlannerEngine {
    balance(accounts: EngineAccount[], reps: EngineRep[], options: BalanceOptions): BalanceResult;
    measurePlan(
        accounts: EngineAccount[],
        reps: EngineRep[],
        assignment: ReadonlyMap<string, string>,
        measures: string[],
        options?: { tolerance?: number }
    ): PlanMetrics;
}
