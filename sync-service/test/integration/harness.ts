/**
 * End-to-end harness: the local org (src/localOrg), the real Salesforce gateway over it, the API
 * (app.inject) and BullMQ workers on a real Redis under a fresh prefix. It also watches every write
 * to ObjectTerritory2Association and records any moment an account was left without a territory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Job } from 'bullmq';
import { buildApp } from '../../src/app.js';
import * as engine from '../../src/engine/index.js';
import { queueConnection, workerConnection } from '../../src/jobs/connection.js';
import { threadedEngine } from '../../src/jobs/engine-thread.js';
import type { PlannerGateway } from '../../src/jobs/gateway.js';
import { openQueues, type ServiceQueues } from '../../src/jobs/queues.js';
import { plannerGatewayOver } from '../../src/jobs/salesforce-adapter.js';
import { startWorkers, type RunningWorkers, type WorkerOptions } from '../../src/jobs/workers.js';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../src/localOrg/index.js';
import { createLogger } from '../../src/logger.js';
import { connectSalesforce, type SalesforceConfig } from '../../src/salesforce/index.js';
import { appConfig, SECRET, token } from '../http/helpers.js';

export const SERVICE_DIR = path.resolve(import.meta.dirname, '../..');

export interface HarnessOptions {
    org?: LocalOrgOptions;
    redisUrl?: string;
    /** Start workers in this process (default true). */
    workers?: boolean;
    worker?: Partial<WorkerOptions>;
}

export interface Harness {
    org: LocalOrg;
    modelId: string;
    prefix: string;
    redisUrl: string;
    gateway: PlannerGateway;
    queues: ServiceQueues;
    app: FastifyInstance;
    running?: RunningWorkers;
    sfConfig: SalesforceConfig;
    /** Accounts that were, at some moment, without any territory of the model. */
    uncovered: string[];
    // Answers are JSON of many shapes; tests read them field by field.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    call(method: string, url: string, payload?: unknown): Promise<{ status: number; body: any }>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    waitForJob(jobId: string, timeoutMs?: number): Promise<any>;
    /** accountId → territory ids of the model, straight from the org's store. */
    orgAssignments(): Map<string, string[]>;
    startWorkers(extra?: Partial<WorkerOptions>): Promise<RunningWorkers>;
    workerEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
    close(): Promise<void>;
}

/** Fast settings for tests: short locks so a dead worker's job resumes in about a second. */
export const TEST_WORKER_OPTIONS = {
    concurrency: 2,
    lockMs: 1000,
    attempts: 6,
    backoffMs: 100,
    limitPauseMs: 400,
    engineTimeLimitMs: 1500,
    fanoutMinAccounts: 1_000_000,
    driftCron: 'off',
    turnoverCron: 'off'
};

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
    const org = await startLocalOrg({ accounts: 300, reps: 6, seed: 7, ...options.org });
    const modelId = org.sample!.activeModelId;
    const prefix = `itest-${randomUUID()}`;
    const redisUrl = options.redisUrl ?? 'redis://127.0.0.1:6379';
    const sfConfig: SalesforceConfig = {
        loginUrl: org.credentials.loginUrl,
        clientId: org.credentials.clientId,
        clientSecret: org.credentials.clientSecret,
        apiVersion: org.credentials.apiVersion,
        // Faults reach the job layer at once: BullMQ's retries are what is under test.
        retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 }
    };
    // TEST_LOG_LEVEL=info shows the API and worker logs while debugging a test.
    const level = (process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent';
    const logger = createLogger({ level, service: 'worker' });
    const gateway = plannerGatewayOver(() => connectSalesforce(sfConfig), logger);
    const queues = openQueues({
        prefix,
        connection: queueConnection(redisUrl),
        attempts: TEST_WORKER_OPTIONS.attempts,
        backoffMs: TEST_WORKER_OPTIONS.backoffMs,
        onError: (error, queue) => logger.warn({ err: error, queue }, 'queue connection error')
    });
    const app = await buildApp(
        { config: appConfig, gateway, queues, engine },
        { logger: createLogger({ level, service: 'api' }) }
    );
    // Sales ops (plan and approve): the admin of the sample org, who is then the approver.
    // Issued by the local org: the API accepts tokens of the org it logged in to only.
    const auth = `Bearer ${await token({ expiresIn: '1h', iss: org.store.orgId, sub: org.sample!.adminUserId })}`;

    // Coverage watch: association counts per account, for the model's territories.
    const modelTerritories = new Set(
        [...org.store.all('Territory2')]
            .filter((t) => t.Territory2ModelId === modelId)
            .map((t) => t.Id)
    );
    const counts = new Map<string, number>();
    for (const a of org.store.all('ObjectTerritory2Association'))
        if (modelTerritories.has(String(a.Territory2Id)))
            counts.set(String(a.ObjectId), (counts.get(String(a.ObjectId)) ?? 0) + 1);
    const uncovered: string[] = [];
    org.store.onWrite((event) => {
        if (event.object === 'Territory2' && event.op === 'insert') {
            if (event.record.Territory2ModelId === modelId) modelTerritories.add(event.record.Id);
            return;
        }
        if (event.object !== 'ObjectTerritory2Association') return;
        if (!modelTerritories.has(String(event.record.Territory2Id))) return;
        const accountId = String(event.record.ObjectId);
        const delta = event.op === 'insert' ? 1 : event.op === 'delete' ? -1 : 0;
        const n = (counts.get(accountId) ?? 0) + delta;
        counts.set(accountId, n);
        if (n === 0) uncovered.push(accountId);
    });

    const workerBase = (extra: Partial<WorkerOptions> = {}): WorkerOptions => ({
        ...TEST_WORKER_OPTIONS,
        connection: workerConnection(redisUrl),
        prefix,
        drift: { threshold: 0.1, measures: ['Workload', 'Count'] },
        turnover: { policy: 'propose', measures: ['Workload', 'Count'] },
        ...options.worker,
        ...extra
    });
    const harness: Harness = {
        org,
        modelId,
        prefix,
        redisUrl,
        gateway,
        queues,
        app,
        sfConfig,
        uncovered,
        async call(method, url, payload) {
            const res = await app.inject({
                method: method as 'GET',
                url,
                headers: { authorization: auth },
                ...(payload !== undefined ? { payload: payload as object } : {})
            });
            return { status: res.statusCode, body: res.body ? res.json() : undefined };
        },
        async waitForJob(jobId, timeoutMs = 45_000) {
            const until = Date.now() + timeoutMs;
            for (;;) {
                const res = await harness.call('GET', `/v1/jobs/${jobId}`);
                if (res.status === 200 && ['completed', 'failed'].includes(res.body.state))
                    return res.body;
                if (Date.now() > until)
                    throw new Error(`job ${jobId} not finished: ${JSON.stringify(res.body)}`);
                await new Promise((r) => setTimeout(r, 100));
            }
        },
        orgAssignments() {
            const map = new Map<string, string[]>();
            for (const a of org.store.all('ObjectTerritory2Association')) {
                if (!modelTerritories.has(String(a.Territory2Id))) continue;
                const list = map.get(String(a.ObjectId)) ?? [];
                list.push(String(a.Territory2Id));
                map.set(String(a.ObjectId), list);
            }
            return map;
        },
        async startWorkers(extra = {}) {
            const running = await startWorkers(
                { gateway, engine: threadedEngine, logger },
                workerBase(extra)
            );
            harness.running = running;
            return running;
        },
        workerEnv(extra = {}) {
            return {
                ...process.env,
                NODE_ENV: 'test',
                LOG_LEVEL: 'info',
                SERVICE_TOKEN_SECRET: SECRET,
                REDIS_URL: redisUrl,
                QUEUE_PREFIX: prefix,
                SF_LOGIN_URL: org.credentials.loginUrl,
                SF_CLIENT_ID: org.credentials.clientId,
                SF_CLIENT_SECRET: org.credentials.clientSecret,
                SF_API_VERSION: org.credentials.apiVersion,
                JOB_LOCK_MS: String(TEST_WORKER_OPTIONS.lockMs),
                JOB_BACKOFF_MS: String(TEST_WORKER_OPTIONS.backoffMs),
                ENGINE_TIME_LIMIT_MS: String(TEST_WORKER_OPTIONS.engineTimeLimitMs),
                DRIFT_REVIEW_CRON: 'off',
                TURNOVER_CRON: 'off',
                SCHEDULE_MODEL_ID: modelId,
                ...extra
            };
        },
        async close() {
            await harness.running?.close(2000);
            await app.close();
            for (const q of queues.all())
                await q.obliterate({ force: true }).catch(() => undefined);
            await queues.close();
            await org.close();
        }
    };
    if (options.workers ?? true) await harness.startWorkers();
    return harness;
}

export type EntryProcess = ChildProcess & { output: () => string; exited: Promise<number | null> };

/** Starts a service entry point (src/server.ts, src/worker.ts) as a child process. */
export function spawnEntry(entry: string, env: NodeJS.ProcessEnv): EntryProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
        cwd: SERVICE_DIR,
        env,
        stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return Object.assign(child, { output: () => output, exited });
}

/** Starts `npm run start:worker`'s entry point (src/worker.ts) as a child process. */
export const spawnWorker = (env: NodeJS.ProcessEnv) => spawnEntry('src/worker.ts', env);

/** Resolves when the child's log shows its workers started. */
export async function waitForOutput(
    child: ChildProcess & { output: () => string },
    text: string,
    timeoutMs = 30_000
): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!child.output().includes(text)) {
        if (child.exitCode !== null)
            throw new Error(`worker exited (${child.exitCode}): ${child.output()}`);
        if (Date.now() > until) throw new Error(`no '${text}' in: ${child.output()}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

/** Waits for a BullMQ job to reach a final state through the queue (no API). */
export async function finished(job: Job | undefined, timeoutMs = 45_000): Promise<string> {
    if (!job) throw new Error('no job');
    const until = Date.now() + timeoutMs;
    for (;;) {
        const state = await job.getState();
        if (state === 'completed' || state === 'failed') return state;
        if (Date.now() > until) throw new Error(`job ${job.id} still ${state}`);
        await new Promise((r) => setTimeout(r, 100));
    }
}
