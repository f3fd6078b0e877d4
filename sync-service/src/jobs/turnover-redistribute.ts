/** Queue `turnover-redistribute`: find reps who left and move their accounts to neighbours. */
import type { Queue } from 'bullmq';

export const TurnoverPolicy = { propose: 'propose', autoApply: 'auto-apply' } as const;
export type TurnoverPolicy = (typeof TurnoverPolicy)[keyof typeof TurnoverPolicy];

export interface TurnoverJobData {
    /** Territory model to check; empty: the active model. */
    modelId?: string;
    policy: TurnoverPolicy;
    measures: string[];
}

export interface TurnoverJobResult {
    modelId: string;
    vacantTerritoryIds: string[];
    accountsMoved: number;
    scenarioId?: string;
    applied: boolean;
}

export const TURNOVER_SCHEDULER_ID = 'turnover-schedule';

/** Upserts the turnover schedule (idempotent: safe at every worker start). */
export function scheduleTurnover(queue: Queue, cron: string, data: TurnoverJobData) {
    return queue.upsertJobScheduler(
        TURNOVER_SCHEDULER_ID,
        { pattern: cron, tz: 'UTC' },
        { name: 'turnover', data }
    );
}

/** Runs a turnover check now (used by tests and operators). */
export function addTurnoverJob(queue: Queue, data: TurnoverJobData) {
    return queue.add('turnover', data);
}
