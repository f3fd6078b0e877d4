/**
 * What every processor receives besides its job: the gateway, the engine, the queues and the
 * settings that shape its behaviour. Built once per worker process (see src/worker.ts).
 */
import { UnrecoverableError, type FlowProducer, type Job, type Queue } from 'bullmq';
import type { Logger } from '../logger.js';
import type { PlannerGateway } from './gateway.js';
import type { PlannerEngine } from './planner-engine.js';
import type { ServiceQueues } from './queues.js';
import { JobCancelledError, rethrowForQueue } from './salesforce-faults.js';

export interface JobSettings {
    engineTimeLimitMs: number;
    fanoutMinAccounts: number;
    limitPauseMs: number;
    attempts: number;
    backoffMs: number;
}

export interface JobContext {
    gateway: PlannerGateway;
    engine: PlannerEngine;
    queues: ServiceQueues;
    flow: FlowProducer;
    logger: Logger;
    settings: JobSettings;
}

/**
 * The job context whose plan pulls go through `pullPlan` (which may call the original gateway's);
 * every other gateway method is the original, bound to it. How derived measures (market data,
 * drive time) join the accounts without the processors knowing.
 */
export function withPullPlan(ctx: JobContext, pullPlan: PlannerGateway['pullPlan']): JobContext {
    const gateway = new Proxy(ctx.gateway, {
        get(target, prop, receiver) {
            if (prop === 'pullPlan') return pullPlan;
            const value: unknown = Reflect.get(target, prop, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
        }
    });
    return { ...ctx, gateway };
}

/** Progress as the API reports it: `{ percent, stage }`. */
export interface StageProgress {
    percent: number;
    stage: string;
}

/** Redis key that DELETE /v1/jobs/:id sets for a running job; processors check it between stages. */
export const cancelKey = (prefix: string, jobId: string) => `${prefix}:cancel:${jobId}`;

/** Throws JobCancelledError when the job was aborted by its worker or cancelled through the API. */
export async function throwIfCancelled(
    ctx: JobContext,
    queue: Queue,
    job: Job,
    signal?: AbortSignal
): Promise<void> {
    if (signal?.aborted) throw new JobCancelledError(String(job.id));
    const client = await queue.backend.client;
    const flag = await client.get(cancelKey(ctx.queues.prefix, String(job.id)));
    if (flag) throw new JobCancelledError(String(job.id));
}

/**
 * A job's stage callback: checks for cancellation, then reports the stage as the job's progress.
 */
export function stageReporter(
    ctx: JobContext,
    queue: Queue,
    job: Job,
    signal?: AbortSignal
): (percent: number, stage: string) => Promise<void> {
    return async (percent, stage) => {
        await throwIfCancelled(ctx, queue, job, signal);
        await job.updateProgress({ percent, stage } satisfies StageProgress);
    };
}

/** True when BullMQ will not retry this failure (permanent, or the last attempt). */
export function isFinalFailure(job: Job, error: unknown): boolean {
    if (error instanceof UnrecoverableError) return true;
    return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Runs a processor body with the Salesforce fault policy (see salesforce-faults.ts); `onFinal`
 * records the failure (e.g. on the scenario record) when BullMQ will not retry.
 */
export async function withFaultPolicy<T>(
    ctx: JobContext,
    queue: Queue,
    job: Job,
    body: () => Promise<T>,
    onFinal?: (error: Error) => Promise<void>
): Promise<T> {
    try {
        return await body();
    } catch (error) {
        const name = (error as { name?: string } | undefined)?.name ?? '';
        if (name === 'WaitingChildrenError' || name === 'DelayedError' || name === 'RateLimitError')
            throw error;
        const log = ctx.logger.child({ jobId: job.id, queue: job.queueName });
        try {
            // Every queue calls the org: a request limit pauses them all (this one included).
            const orgQueues = [...new Set([queue, ...ctx.queues.all()])];
            await rethrowForQueue(error, orgQueues, ctx.settings.limitPauseMs, (pauseMs) =>
                log.warn(
                    { pauseMs, queues: orgQueues.map((q) => q.name) },
                    'Salesforce request limit reached: every queue that calls the org paused'
                )
            );
        } catch (decided) {
            const decidedName = (decided as { name?: string }).name;
            if (decidedName !== 'RateLimitError' && onFinal && isFinalFailure(job, decided)) {
                const final = decided instanceof Error ? decided : new Error(String(decided));
                await onFinal(final).catch((e: unknown) =>
                    log.error({ err: e }, 'could not record the failure on the scenario')
                );
            }
            if (decidedName !== 'RateLimitError')
                log.warn({ err: decided, attemptsMade: job.attemptsMade }, 'job attempt failed');
            throw decided;
        }
        throw error; // not reached: rethrowForQueue always throws
    }
}
