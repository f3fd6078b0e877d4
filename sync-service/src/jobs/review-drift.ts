/** Queue `review-drift`: measure the applied plan; propose a rebalance when it drifted. */
import type { Queue } from 'bullmq';

export interface DriftJobData {
    modelId?: string;
    /** Propose a rebalance when the max deviation over `measures` exceeds this. */
    threshold: number;
    measures: string[];
}

export interface DriftJobResult {
    modelId: string;
    maxDeviation: number;
    threshold: number;
    scenarioId?: string;
}

export const DRIFT_SCHEDULER_ID = 'drift-review-schedule';

/** Upserts the drift review schedule (idempotent: safe at every worker start). */
export function scheduleDriftReview(queue: Queue, cron: string, data: DriftJobData) {
    return queue.upsertJobScheduler(
        DRIFT_SCHEDULER_ID,
        { pattern: cron, tz: 'UTC' },
        { name: 'review', data }
    );
}

export function addDriftJob(queue: Queue, data: DriftJobData) {
    return queue.add('review', data);
}
