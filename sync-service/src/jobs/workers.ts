/**
 * Starts one BullMQ worker per queue in this process, upserts the job schedulers (idempotent at
 * every start) and re-queues applies that a lost Redis forgot. `src/worker.ts` calls this with the
 * real gateway and engine; tests call it directly or in a child process.
 */
import { FlowProducer, UnrecoverableError, Worker, type Job, type RedisOptions } from 'bullmq';
import type { Logger } from '../logger.js';
import {
    DEFAULT_OVERLAP_SECONDS,
    PLACEMENT_SCHEDULER_ID,
    schedulePlacement,
    type PlacementJobData
} from './account-placement.js';
import { processPlacement } from './account-placement.processor.js';
import type { PlacementSource } from './account-placement-source.js';
import type { JobContext, JobSettings } from './context.js';
import type { PlannerGateway } from './gateway.js';
import type { PlannerEngine } from './planner-engine.js';
import { openQueues, QueueName, type ServiceQueues } from './queues.js';
import { scheduleDriftReview, DRIFT_SCHEDULER_ID, type DriftJobData } from './review-drift.js';
import { processDriftReview } from './review-drift.processor.js';
import { addApplyJob } from './scenario-apply.js';
import { processApply } from './scenario-apply.processor.js';
import { processGenerate } from './scenario-generate.processor.js';
import {
    scheduleTurnover,
    TURNOVER_SCHEDULER_ID,
    type TurnoverJobData
} from './turnover-redistribute.js';
import { processTurnover } from './turnover-redistribute.processor.js';
import { AuditStore } from './data-audit.js';
import { auditBeforeGeneration, processAudit } from './data-audit.processor.js';
import type { DataQualitySource } from './data-quality-source.js';
import { withDriveTimeMeasure } from './drive-time-measure.js';
import { withMarketMeasures } from './market-measures.js';
import type { MarketSource } from './market-source.js';
import { GreatCircleTravelTime, travelTimeProvider } from '../routes/index.js';
import { RoutePlanStore } from './visit-routes.js';
import { processRoutes } from './visit-routes.processor.js';
import type { VisitSource } from './visit-routes-source.js';

export interface WorkerOptions extends JobSettings {
    connection: RedisOptions;
    prefix: string;
    concurrency: number;
    lockMs: number;
    /** Cron patterns ('off' removes the schedule). */
    driftCron: string;
    turnoverCron: string;
    drift: DriftJobData;
    turnover: TurnoverJobData;
    /**
     * Account placement schedule ('off' or unset: none; it also needs a placement source) and
     * its job data (default: the active model, DEFAULT_OVERLAP_SECONDS).
     */
    placementCron?: string;
    placement?: PlacementJobData;
    /** Model whose interrupted applies are re-queued at start ('' = the active model). */
    recoverModelId?: string;
    /** OSRM server for visit routes (ROUTING_URL); empty or unset: the offline model. */
    routingUrl?: string;
    /** the OSRM server's --max-table-size (ROUTING_MAX_TABLE_SIZE, default 100) */
    routingMaxTableSize?: number;
}

/**
 * The limiter every worker runs with. It limits nothing in practice (a million jobs a second);
 * it is what makes BullMQ honour a queue's manual rate limit (`Queue.rateLimit`, set for every
 * queue when the org answers REQUEST_LIMIT_EXCEEDED: salesforce-faults.ts): without a limiter, a
 * worker fetches jobs from a rate-limited queue as if it were not.
 */
export const ORG_LIMIT_AWARE_LIMITER = { max: 1_000_000, duration: 1000 } as const;

export interface RunningWorkers {
    workers: Worker[];
    queues: ServiceQueues;
    /** Stops taking jobs, waits for the running ones (up to `graceMs`), closes connections. */
    close(graceMs?: number): Promise<void>;
}

async function upsertSchedules(
    queues: ServiceQueues,
    options: WorkerOptions,
    log: Logger,
    placementCron: string
) {
    if (options.driftCron === 'off') await queues.drift.removeJobScheduler(DRIFT_SCHEDULER_ID);
    else await scheduleDriftReview(queues.drift, options.driftCron, options.drift);
    if (options.turnoverCron === 'off')
        await queues.turnover.removeJobScheduler(TURNOVER_SCHEDULER_ID);
    else await scheduleTurnover(queues.turnover, options.turnoverCron, options.turnover);
    if (placementCron === 'off') await queues.placement.removeJobScheduler(PLACEMENT_SCHEDULER_ID);
    else
        await schedulePlacement(
            queues.placement,
            placementCron,
            options.placement ?? { overlapSeconds: DEFAULT_OVERLAP_SECONDS }
        );
    log.info(
        { drift: options.driftCron, turnover: options.turnoverCron, placement: placementCron },
        'job schedulers upserted'
    );
}

/**
 * Salesforce is the source of truth: a scenario left Approved or Applying whose apply job is gone
 * (Redis lost its data) gets its apply job back. The job id is the scenario's, so this adds
 * nothing when the job still exists.
 */
export async function recoverApplies(
    gateway: PlannerGateway,
    queues: ServiceQueues,
    modelId: string,
    log: Logger
): Promise<string[]> {
    const scenarios = await gateway.listScenarios(modelId);
    const requeued: string[] = [];
    for (const s of scenarios) {
        if (s.status !== 'Approved' && s.status !== 'Applying') continue;
        const job = await addApplyJob(queues.apply, {
            scenarioId: s.id,
            modelId: s.modelId,
            approvedBy: s.appliedBy ?? ''
        });
        requeued.push(String(job.id));
    }
    if (requeued.length > 0) log.info({ jobs: requeued }, 'interrupted applies re-queued');
    return requeued;
}

export async function startWorkers(
    deps: {
        gateway: PlannerGateway;
        engine: PlannerEngine;
        logger: Logger;
        /** Where account placement reads and writes; without it the job is not scheduled. */
        placement?: PlacementSource;
        /** Where the data audit reads; without it no audit runs (before generation or asked). */
        dataQuality?: DataQualitySource;
        /** Where market layers and leads are read (settings.marketMeasures). */
        market?: MarketSource;
        /** Where visit routes read and write Events; without it `visit-routes` jobs fail. */
        visits?: VisitSource;
    },
    options: WorkerOptions
): Promise<RunningWorkers> {
    const { logger } = deps;
    const queues = openQueues({
        prefix: options.prefix,
        connection: options.connection,
        attempts: options.attempts,
        backoffMs: options.backoffMs,
        onError: (error, queue) => logger.warn({ err: error, queue }, 'queue connection error')
    });
    const flow = new FlowProducer({ prefix: options.prefix, connection: options.connection });
    flow.on('error', (error) => logger.warn({ err: error }, 'flow producer connection error'));
    const ctx: JobContext = {
        gateway: deps.gateway,
        engine: deps.engine,
        queues,
        flow,
        logger,
        settings: {
            engineTimeLimitMs: options.engineTimeLimitMs,
            fanoutMinAccounts: options.fanoutMinAccounts,
            limitPauseMs: options.limitPauseMs,
            attempts: options.attempts,
            backoffMs: options.backoffMs
        }
    };
    const audit = deps.dataQuality && {
        source: deps.dataQuality,
        store: new AuditStore(() => queues.audit.backend.client, options.prefix)
    };
    const processors: Record<
        QueueName,
        (job: Job, token: string | undefined, signal: AbortSignal | undefined) => Promise<unknown>
    > = {
        [QueueName.generate]: async (job, token, signal) => {
            if (audit) await auditBeforeGeneration(job, audit, logger, signal);
            const settings = (job.data as { settings?: unknown }).settings;
            return processGenerate(
                job,
                token,
                signal,
                withDriveTimeMeasure(withMarketMeasures(ctx, settings, deps.market), settings)
            );
        },
        [QueueName.apply]: (job, token, signal) => processApply(job, token, signal, ctx),
        [QueueName.turnover]: (job, token, signal) => processTurnover(job, token, signal, ctx),
        [QueueName.drift]: (job, token, signal) => processDriftReview(job, token, signal, ctx),
        [QueueName.placement]: (job, token, signal) =>
            processPlacement(job, token, signal, ctx, deps.placement),
        [QueueName.audit]: (job, _token, signal) => {
            if (!audit)
                throw new UnrecoverableError(
                    'This worker has no data-quality source: start it with one (src/worker.ts)'
                );
            return processAudit(job, signal, ctx, audit);
        },
        [QueueName.routes]: (job, _token, signal) => {
            if (!deps.visits)
                throw new UnrecoverableError(
                    'This worker has no visit source: start it with one (src/worker.ts)'
                );
            return processRoutes(job, signal, ctx, {
                source: deps.visits,
                store: new RoutePlanStore(() => queues.routes.backend.client, options.prefix),
                travel: travelTimeProvider(
                    options.routingUrl,
                    new GreatCircleTravelTime({ speedKmh: 50, circuity: 1.3 }),
                    options.routingMaxTableSize
                )
            });
        }
    };
    const workers = Object.entries(processors).map(([name, processor]) => {
        const worker = new Worker(name, processor, {
            prefix: options.prefix,
            connection: options.connection,
            concurrency: options.concurrency,
            lockDuration: options.lockMs,
            limiter: ORG_LIMIT_AWARE_LIMITER,
            stalledInterval: Math.max(250, Math.floor(options.lockMs / 2)),
            // A job whose worker died several times in a row is a poison job: fail it then.
            maxStalledCount: 5
        });
        const log = logger.child({ queue: name });
        worker.on('active', (job) => log.info({ jobId: job.id, name: job.name }, 'job started'));
        worker.on('completed', (job) => log.info({ jobId: job.id }, 'job completed'));
        worker.on('failed', (job, error) =>
            log.warn(
                { jobId: job?.id, attemptsMade: job?.attemptsMade, reason: error.message },
                'job failed'
            )
        );
        worker.on('stalled', (jobId) => log.warn({ jobId }, 'job stalled: resuming it'));
        worker.on('error', (error) => log.error({ err: error }, 'worker error'));
        return worker;
    });
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    if (options.placementCron && options.placementCron !== 'off' && !deps.placement)
        logger.warn('account placement has a schedule but no placement source: not scheduled');
    await upsertSchedules(
        queues,
        options,
        logger,
        deps.placement ? (options.placementCron ?? 'off') : 'off'
    );
    if (options.recoverModelId !== undefined) {
        const modelId = options.recoverModelId || (await deps.gateway.activeModelId());
        await recoverApplies(deps.gateway, queues, modelId, logger).catch((error: unknown) =>
            logger.error({ err: error }, 'could not check for interrupted applies')
        );
    }
    logger.info({ queues: Object.values(QueueName), prefix: options.prefix }, 'workers started');
    return {
        workers,
        queues,
        async close(graceMs = 30_000) {
            let timer: NodeJS.Timeout | undefined;
            const graceful = Promise.all(workers.map((w) => w.close()));
            const forced = new Promise<void>((resolve) => {
                timer = setTimeout(() => {
                    logger.warn({ graceMs }, 'jobs still running: closing workers forcibly');
                    void Promise.all(workers.map((w) => w.close(true))).then(() => resolve());
                }, graceMs);
            });
            await Promise.race([graceful, forced]);
            clearTimeout(timer);
            await flow.close();
            await queues.close();
        }
    };
}
