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
    /** The engine's balance, or the same run in a worker thread (engine-thread.ts). */
    balance(
        accounts: EngineAccount[],
        reps: EngineRep[],
        options: BalanceOptions
    ): BalanceResult | Promise<BalanceResult>;
    measurePlan(
        accounts: EngineAccount[],
        reps: EngineRep[],
        assignment: ReadonlyMap<string, string>,
        measures: string[],
        options?: { tolerance?: number }
    ): PlanMetrics;
}
