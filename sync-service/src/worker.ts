/**
 * `npm run start:worker`: validates the environment and runs one worker per queue (scenario
 * generation, apply, turnover, drift review, account placement), with the schedules upserted.
 * Workers wait for Redis when it is down. SIGTERM/SIGINT stop taking jobs and let running ones
 * finish (a job cut off by a hard kill is resumed by another worker once its lock expires).
 */
import { measureList } from './config/env.js';
import { closeOnSignals, exitOnStartFailure, loadConfigOrExit } from './config/process.js';
import { workerConnection } from './jobs/connection.js';
import { salesforcePlacementSource, sharedConnection } from './jobs/account-placement-source.js';
import { plannerGatewayOver, salesforceConfig } from './jobs/salesforce-adapter.js';
import { startWorkers } from './jobs/workers.js';
import { salesforceDataQualitySource } from './jobs/data-quality-source.js';
import { salesforceMarketSource } from './jobs/market-source.js';
import { salesforceVisitSource } from './jobs/visit-routes-source.js';
import { threadedEngine } from './jobs/engine-thread.js';
import { createLogger } from './logger.js';
import { connectSalesforce } from './salesforce/index.js';

/** Running jobs get this long to finish on SIGTERM before the workers close forcibly. */
const SHUTDOWN_GRACE_MS = 25_000;

async function main(): Promise<void> {
    const config = loadConfigOrExit();
    const logger = createLogger({ level: config.LOG_LEVEL, service: 'worker' });
    // One login for the planner gateway and the account placement source.
    const salesforce = sharedConnection(() => connectSalesforce(salesforceConfig(config)));
    const gateway = plannerGatewayOver(salesforce, logger);
    const measures = measureList(config);
    const running = await startWorkers(
        {
            gateway,
            engine: threadedEngine,
            logger,
            placement: salesforcePlacementSource(salesforce),
            dataQuality: salesforceDataQualitySource(salesforce),
            market: salesforceMarketSource(salesforce),
            visits: salesforceVisitSource(salesforce)
        },
        {
            connection: workerConnection(config.REDIS_URL),
            prefix: config.QUEUE_PREFIX,
            concurrency: config.WORKER_CONCURRENCY,
            lockMs: config.JOB_LOCK_MS,
            attempts: config.JOB_ATTEMPTS,
            backoffMs: config.JOB_BACKOFF_MS,
            limitPauseMs: config.SF_LIMIT_PAUSE_MS,
            engineTimeLimitMs: config.ENGINE_TIME_LIMIT_MS,
            fanoutMinAccounts: config.FANOUT_MIN_ACCOUNTS,
            driftCron: config.DRIFT_REVIEW_CRON,
            turnoverCron: config.TURNOVER_CRON,
            drift: {
                ...(config.SCHEDULE_MODEL_ID ? { modelId: config.SCHEDULE_MODEL_ID } : {}),
                threshold: config.DRIFT_THRESHOLD,
                measures
            },
            turnover: {
                ...(config.SCHEDULE_MODEL_ID ? { modelId: config.SCHEDULE_MODEL_ID } : {}),
                policy: config.TURNOVER_POLICY,
                measures
            },
            routingUrl: config.ROUTING_URL,
            routingMaxTableSize: config.ROUTING_MAX_TABLE_SIZE,
            placementCron: config.PLACEMENT_CRON,
            placement: {
                ...(config.SCHEDULE_MODEL_ID ? { modelId: config.SCHEDULE_MODEL_ID } : {}),
                overlapSeconds: config.PLACEMENT_OVERLAP_SECONDS
            },
            recoverModelId: config.SCHEDULE_MODEL_ID
        }
    );
    // Past the grace period running jobs are cut off; their locks expire and another worker
    // resumes them.
    closeOnSignals(
        logger,
        'workers',
        () => running.close(SHUTDOWN_GRACE_MS),
        SHUTDOWN_GRACE_MS + 5000
    );
}

main().catch(exitOnStartFailure('Worker'));
