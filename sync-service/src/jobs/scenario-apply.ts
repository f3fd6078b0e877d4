/** Queue `scenario-apply`: write an approved scenario to ETM as a delta, then report per rep. */
import type { Queue } from 'bullmq';

export interface ApplyJobData {
    scenarioId: string;
    modelId: string;
    /** User id of the approver; empty when a policy (turnover auto-apply) approved it. */
    approvedBy: string;
}

export interface ApplyJobResult {
    scenarioId: string;
    inserted: number;
    deleted: number;
    unchanged: number;
    createdTerritories: number;
    /**
     * The rollout notifications to affected reps (one Custom Notification each): sent, not sent,
     * and the first reason. A failure to notify never fails the apply.
     */
    notifications?: { sent: number; failed: number; error?: string };
}

/**
 * One apply job per scenario: approving twice while the first apply is queued or running adds
 * nothing, and a resumed apply keeps its id.
 */
export const applyJobId = (scenarioId: string) => `apply-${scenarioId}`;

/** `delayMs`: the apply waits until the scenario's effective date (0: at once). */
export function addApplyJob(queue: Queue, data: ApplyJobData, delayMs = 0) {
    return queue.add('apply', data, {
        jobId: applyJobId(data.scenarioId),
        ...(delayMs > 0 ? { delay: delayMs } : {})
    });
}
