/**
 * The API and workers over a harness's local org and Redis, with the data-quality and market
 * sources the harness's own app leaves out (start the harness with `workers: false`), and calls
 * under a planner's token (`plan`) or a viewer's (no permission).
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import * as engine from '../../src/engine/index.js';
import { sharedConnection } from '../../src/jobs/account-placement-source.js';
import { workerConnection } from '../../src/jobs/connection.js';
import { salesforceDataQualitySource } from '../../src/jobs/data-quality-source.js';
import { salesforceMarketSource } from '../../src/jobs/market-source.js';
import { startWorkers, type RunningWorkers } from '../../src/jobs/workers.js';
import { createLogger } from '../../src/logger.js';
import { connectSalesforce } from '../../src/salesforce/index.js';
import { appConfig, token } from '../http/helpers.js';
import { TEST_WORKER_OPTIONS, type Harness } from './harness.js';

// Answers are JSON of many shapes; the tests read them field by field.
export type Answer = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ServiceApp {
    app: FastifyInstance;
    running: RunningWorkers;
    planner: string;
    viewer: string;
    call(method: string, url: string, payload?: unknown, auth?: string): Promise<Answer>;
    /** Polls GET /v1/jobs/:id until the job completed or failed. */
    waitForJob(jobId: string): Promise<Answer['body']>;
    close(): Promise<void>;
}

export async function startServiceApp(
    h: Harness,
    options: { bodyLimitBytes?: number } = {}
): Promise<ServiceApp> {
    const level = (process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent';
    const logger = createLogger({ level, service: 'worker' });
    const salesforce = sharedConnection(() => connectSalesforce(h.sfConfig));
    const dataQuality = salesforceDataQualitySource(salesforce);
    const market = salesforceMarketSource(salesforce);
    const app = await buildApp({
        config: {
            ...appConfig,
            BODY_LIMIT_BYTES: options.bodyLimitBytes ?? appConfig.BODY_LIMIT_BYTES
        },
        gateway: h.gateway,
        queues: h.queues,
        engine,
        dataQuality,
        market
    });
    const running = await startWorkers(
        { gateway: h.gateway, engine, logger, dataQuality, market },
        {
            ...TEST_WORKER_OPTIONS,
            connection: workerConnection(h.redisUrl),
            prefix: h.prefix,
            drift: { threshold: 0.1, measures: ['Count'] },
            turnover: { policy: 'propose', measures: ['Count'] }
        }
    );
    const claims = { expiresIn: '1h', iss: h.org.store.orgId, sub: h.org.sample!.adminUserId };
    const planner = await token({ ...claims, perms: ['plan'] });
    const viewer = await token({ ...claims, perms: [] });
    const call: ServiceApp['call'] = async (method, url, payload, auth = planner) => {
        const res = await app.inject({
            method: method as 'GET',
            url,
            headers: { authorization: `Bearer ${auth}` },
            ...(payload !== undefined ? { payload: payload as object } : {})
        });
        return { status: res.statusCode, body: res.body ? res.json() : undefined };
    };
    return {
        app,
        running,
        planner,
        viewer,
        call,
        async waitForJob(jobId) {
            const until = Date.now() + 45_000;
            for (;;) {
                const res = await call('GET', `/v1/jobs/${jobId}`);
                if (res.status === 200 && ['completed', 'failed'].includes(res.body.state))
                    return res.body;
                if (Date.now() > until)
                    throw new Error(`job ${jobId}: ${JSON.stringify(res.body)}`);
                await new Promise((r) => setTimeout(r, 100));
            }
        },
        async close() {
            await running.close(2000);
            await app.close();
        }
    };
}
