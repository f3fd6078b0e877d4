/**
 * `npm run demo`: the whole product on the embedded sample org. Starts the local org emulator
 * (`territory org`), Redis (shared or private), the API and a worker (the service's own entry
 * points, src/server.ts and src/worker.ts) and the sandbox web server that renders the package's
 * real components. Prints `Planner ready at …` and `API ready at …` on stdout when everything
 * answers; SIGINT/SIGTERM stop it all.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { buildSandboxServer } from './server.js';
import { connectOrg, queryAll, type OrgConnection, type OrgCredentials } from './org-client.js';
import { createServiceClient } from './service-client.js';
import { sandboxApex } from './apex/registry.js';
import { SALES_OPS_PERMISSIONS } from './apex/permissions.js';
import { ensureRedis, RedisUnavailableError } from './redis.js';
import { freePort, startProcess, waitFor, type ManagedProcess } from './processes.js';
import { measurePlan } from '../engine/index.js';
import { plannerGatewayOver } from '../jobs/salesforce-adapter.js';
import { refreshTerritoryFigures } from '../jobs/territory-figures.js';
import { connectSalesforce } from '../salesforce/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVICE_DIR = path.resolve(here, '../..');
const REPO_ROOT = path.resolve(SERVICE_DIR, '..');
const SANDBOX_DIR = path.join(REPO_ROOT, 'scripts/sandbox');
const DIST_DIR = path.join(SANDBOX_DIR, 'dist');
const LWC_DIR = path.join(REPO_ROOT, 'force-app/main/default/lwc');
const STATIC_RESOURCES_DIR = path.join(REPO_ROOT, 'force-app/main/default/staticresources');

/** The planner's port when --port is not given. */
export const DEFAULT_PLANNER_PORT = 4000;
// A cold start on a 2-core machine (tsx compiling the service) takes a few seconds; the sample
// org with thousands of accounts takes a few more to generate.
const START_TIMEOUT_MS = 90_000;

export interface DemoOptions {
    /** Planner (sandbox web server) port; 0 picks a free one. */
    port?: number;
    accounts?: number;
    reps?: number;
    seed?: number;
    /** Redis to use when it answers (default REDIS_URL or redis://127.0.0.1:6379). */
    redisUrl?: string;
    /** Progress and child-process output (default: stderr). */
    log?: (line: string) => void;
    /** Rebuild the sandbox bundle even when it looks fresh. */
    rebuild?: boolean;
    /**
     * Give the sample org its data-quality problems (`territory org --dirt`): on for `npm run
     * demo` unless --clean-sample, off by default for callers (the e2e tests count clean data).
     */
    dirt?: boolean;
    /** Aborting stops a start in progress (Ctrl-C while starting). */
    signal?: AbortSignal;
}

export interface Demo {
    plannerUrl: string;
    apiUrl: string;
    /** How to reach the local org (as `territory org` printed it). */
    org: OrgCredentials & { instanceUrl: string };
    /** A connection to the org as the sandbox user. */
    connection: OrgConnection;
    userId: string;
    /**
     * Stops the API and the worker and leaves the org and the planner running: what the planner
     * and the rep card show when the service is down.
     */
    stopService(): Promise<void>;
    close(): Promise<void>;
}

function newestMtime(target: string): number {
    if (!existsSync(target)) return 0;
    const stat = statSync(target);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return readdirSync(target).reduce(
        (newest, entry) =>
            entry === 'node_modules' || entry === 'dist'
                ? newest
                : Math.max(newest, newestMtime(path.join(target, entry))),
        stat.mtimeMs
    );
}

/** Builds the sandbox bundle unless dist/app.js is newer than every source it comes from. */
async function ensureSandboxBuilt(rebuild: boolean, log: (line: string) => void) {
    const bundle = path.join(DIST_DIR, 'app.js');
    const sourcesChanged = Math.max(newestMtime(SANDBOX_DIR), newestMtime(LWC_DIR));
    if (!rebuild && existsSync(bundle) && statSync(bundle).mtimeMs >= sourcesChanged) return;
    log('demo: compiling the Lightning web components (LWC OSS)…');
    const buildModule = pathToFileURL(path.join(SANDBOX_DIR, 'build.mjs')).href;
    const { buildSandbox } = (await import(buildModule)) as {
        buildSandbox: (options: { outDir: string }) => Promise<string[]>;
    };
    const components = await buildSandbox({ outDir: DIST_DIR });
    log(
        `demo: compiled ${components.length} LWC bundle(s): ${components.join(', ') || 'none yet'}`
    );
}

function portInUse(port: number): Error {
    return new Error(
        `port ${port} is in use. Choose another: npm run demo -- --port N (0: any free port)`
    );
}

/** Whether 127.0.0.1:port can be listened on right now. */
function portIsFree(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const probe = net.createServer();
        probe.once('error', () => resolve(false));
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
}

/** Deletes the demo's queue keys from a shared Redis. */
async function deleteKeys(redisUrl: string, prefix: string) {
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
        await redis.connect();
        let cursor = '0';
        do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
            cursor = next;
            if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
    } finally {
        redis.disconnect();
    }
}

/**
 * Who the sandbox user is: the sample org's sales-ops admin (the planner's persona; Apex's
 * UserInfo.getUserId(), e.g. Applied By), else the user the client-credentials login runs as.
 * They hold the custom permissions of Territory_Planner and Territory_Approver
 * (SALES_OPS_PERMISSIONS): they plan and approve.
 */
export const SANDBOX_USERNAME = 'admin@territory.local';

async function sandboxUser(connection: OrgConnection): Promise<{ userId: string; orgId: string }> {
    const [admin] = await queryAll<{ Id: string }>(
        connection,
        `SELECT Id FROM User WHERE Username = '${SANDBOX_USERNAME}' AND IsActive = TRUE LIMIT 1`
    );
    const userId = admin?.Id ?? connection.userInfo?.id;
    const orgId = connection.userInfo?.organizationId;
    if (!userId || !orgId) {
        throw new Error(
            'The local org did not say who logged in (no identity in the token answer).'
        );
    }
    return { userId, orgId };
}

/** Starts everything; resolves once the planner and the API answer. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const processes: ManagedProcess[] = [];
    const cleanups: (() => Promise<void>)[] = [];
    const close = async () => {
        for (const cleanup of cleanups.splice(0).reverse()) {
            await cleanup().catch((error: Error) => log(`demo: while stopping: ${error.message}`));
        }
    };
    // Every wait of the start gives way to an abort (Ctrl-C while starting).
    const aborted = new Promise<never>((_, reject) => {
        const abort = () => reject(new Error('stopped while starting'));
        if (options.signal?.aborted) abort();
        options.signal?.addEventListener('abort', abort, { once: true });
    });
    aborted.catch(() => {});
    const guard = <T>(promise: Promise<T>) => Promise.race([promise, aborted]);
    const port = options.port ?? DEFAULT_PLANNER_PORT;
    try {
        // Fail before starting anything when the planner's port is taken.
        if (port !== 0 && !(await portIsFree(port))) throw portInUse(port);
        await guard(ensureSandboxBuilt(options.rebuild ?? false, log));

        const redis = await guard(
            ensureRedis(options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', log)
        );
        const queuePrefix = `territory-demo-${process.pid}-${randomBytes(3).toString('hex')}`;
        if (redis.process) {
            const server = redis.process;
            cleanups.push(() => server.stop());
        } else {
            cleanups.push(() => deleteKeys(redis.url, queuePrefix));
        }

        // The local org, through its CLI contract: one JSON line when ready.
        log('demo: starting the local org with the sample data…');
        let orgLine: ((line: string) => void) | undefined;
        const orgReady = new Promise<OrgCredentials & { instanceUrl: string }>((resolve) => {
            orgLine = (line) =>
                resolve(JSON.parse(line) as OrgCredentials & { instanceUrl: string });
        });
        let orgAnnounced = false;
        const orgProcess = startProcess(
            'org',
            process.execPath,
            [
                path.join(SERVICE_DIR, 'bin/territory.mjs'),
                'org',
                '--port',
                '0',
                // Sales history, so the Performance dashboard has quarters to show.
                '--activity',
                // Data-quality problems, so the Data Quality view has something to show.
                ...(options.dirt ? ['--dirt'] : []),
                // A year of leads, so lead flow has something to count.
                '--market',
                ...(options.accounts ? ['--accounts', String(options.accounts)] : []),
                ...(options.reps ? ['--reps', String(options.reps)] : []),
                ...(options.seed !== undefined ? ['--seed', String(options.seed)] : [])
            ],
            {
                cwd: REPO_ROOT,
                log,
                onStdoutLine: (line) => {
                    if (orgAnnounced || !line.trim().startsWith('{')) return false;
                    orgAnnounced = true;
                    orgLine?.(line);
                    return true;
                }
            }
        );
        processes.push(orgProcess);
        cleanups.push(() => orgProcess.stop());
        const org = await Promise.race([
            aborted,
            orgReady,
            orgProcess.exited.then((code) => {
                throw new Error(`the local org exited (${code}) before it was ready`);
            }),
            new Promise<never>((_, reject) =>
                // unref: a pending deadline must not keep a finished process alive.
                setTimeout(
                    () => reject(new Error('the local org did not start')),
                    START_TIMEOUT_MS
                ).unref()
            )
        ]);

        // The API and a worker: the service's own entry points, configured by environment. Tokens
        // are RS256 as in production: the sandbox's Apex signs with a key pair made here (an org
        // keeps it in Certificate and Key Management), the API verifies with the public half.
        const apiPort = await freePort();
        const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const keyDir = mkdtempSync(path.join(tmpdir(), 'territory-demo-'));
        cleanups.push(async () => rmSync(keyDir, { recursive: true, force: true }));
        const publicKeyFile = path.join(keyDir, 'territory-service-token.pem');
        writeFileSync(
            publicKeyFile,
            signing.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
            { mode: 0o600 }
        );
        const serviceEnv = {
            ...process.env,
            NODE_ENV: 'production',
            HOST: '127.0.0.1',
            PORT: String(apiPort),
            LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
            SERVICE_TOKEN_PUBLIC_KEY_FILE: publicKeyFile,
            SERVICE_TOKEN_SECRET: '',
            REDIS_URL: redis.url,
            QUEUE_PREFIX: queuePrefix,
            SF_LOGIN_URL: org.loginUrl,
            SF_INSTANCE_URL: org.instanceUrl,
            SF_CLIENT_ID: org.clientId,
            SF_CLIENT_SECRET: org.clientSecret,
            SF_API_VERSION: org.apiVersion,
            SF_ORG_ID: ''
        };
        const tsxNode = (entry: string) => [
            '--import',
            'tsx',
            path.join(SERVICE_DIR, 'src', entry)
        ];
        for (const [name, entry] of [
            ['api', 'server.ts'],
            ['worker', 'worker.ts']
        ] as const) {
            const child = startProcess(name, process.execPath, tsxNode(entry), {
                cwd: SERVICE_DIR,
                env: serviceEnv,
                log
            });
            processes.push(child);
            cleanups.push(() => child.stop());
        }
        const apiUrl = `http://127.0.0.1:${apiPort}`;
        await guard(
            waitFor(
                'the API',
                async () => (await fetch(`${apiUrl}/health`)).ok,
                START_TIMEOUT_MS,
                processes.find((p) => p.name === 'api')?.exited
            )
        );

        // The service writes each territory's figures after a full pull (the drift review) and
        // after an apply; the sample org has none yet, so the demo runs that step once for the
        // Active model before the planner opens (Apex and its twin only read stored figures).
        await guard(writeSampleFigures(org));

        // The sandbox web server, running as the org's user.
        const connection = await guard(connectOrg(org));
        const { userId, orgId } = await guard(sandboxUser(connection));
        const service = createServiceClient({
            baseUrl: apiUrl,
            signingKey: signing.privateKey,
            orgId,
            userId,
            customPermissions: SALES_OPS_PERMISSIONS
        });
        const app = await buildSandboxServer({
            distDir: DIST_DIR,
            staticResourcesDir: STATIC_RESOURCES_DIR,
            org: connection,
            userId,
            apex: sandboxApex({
                org: connection,
                service,
                customPermissions: SALES_OPS_PERMISSIONS,
                userId
            })
        });
        cleanups.push(() => app.close());
        const plannerUrl = await app.listen({ host: '127.0.0.1', port }).catch((error: Error) => {
            throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? portInUse(port) : error;
        });

        // A service part that dies later takes the demo down with it (a half demo misleads).
        for (const child of processes) {
            void child.exited.then((code) => {
                if (cleanups.length > 0) log(`demo: ${child.name} exited (${code})`);
            });
        }
        const stopService = async () => {
            await Promise.all(
                processes
                    .filter((p) => p.name === 'api' || p.name === 'worker')
                    .map((p) => p.stop())
            );
        };
        return { plannerUrl, apiUrl, org, connection, userId, stopService, close };
    } catch (error) {
        await close();
        throw error;
    }
}

/** The service's figure step (refreshTerritoryFigures) over the sample org's Active model. */
async function writeSampleFigures(org: OrgCredentials): Promise<void> {
    const gateway = plannerGatewayOver(() =>
        connectSalesforce({
            loginUrl: org.loginUrl,
            clientId: org.clientId,
            clientSecret: org.clientSecret,
            apiVersion: org.apiVersion
        })
    );
    const modelId = await gateway.activeModelId();
    await refreshTerritoryFigures(gateway, { measurePlan }, await gateway.pullPlan(modelId), [
        'Potential',
        'Workload'
    ]);
}

function parseArgs(argv: string[]): DemoOptions {
    const options: DemoOptions = { dirt: true };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = argv[i + 1];
        const number = () => {
            const parsed = Number(value);
            if (value === undefined || !Number.isInteger(parsed) || parsed < 0) {
                throw new Error(`${flag} needs a whole number (got "${value ?? ''}")`);
            }
            i++;
            return parsed;
        };
        switch (flag) {
            case '--port':
                options.port = number();
                break;
            case '--accounts':
                options.accounts = number();
                break;
            case '--reps':
                options.reps = number();
                break;
            case '--seed':
                options.seed = number();
                break;
            case '--rebuild':
                options.rebuild = true;
                break;
            case '--clean-sample':
                options.dirt = false;
                break;
            default:
                throw new Error(
                    `unknown option ${flag}. Usage: npm run demo [-- --port N] [--accounts N] [--reps N] [--seed N] [--rebuild] [--clean-sample]`
                );
        }
    }
    return options;
}

/** The `npm run demo` command; resolves to the exit code. */
export async function runDemo(argv: string[]): Promise<number> {
    let options: DemoOptions;
    try {
        options = parseArgs(argv);
    } catch (error) {
        process.stderr.write(`demo: ${(error as Error).message}\n`);
        return 2;
    }
    // Installed before starting, so Ctrl-C during the start also stops what was started.
    const stop = new AbortController();
    const stopped = new Promise<void>((resolve) => {
        const onSignal = () => {
            stop.abort();
            resolve();
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
    });
    let demo: Demo;
    try {
        demo = await startDemo({ ...options, signal: stop.signal });
    } catch (error) {
        if (stop.signal.aborted) {
            process.stderr.write('demo: stopped\n');
            return 130;
        }
        const message =
            error instanceof RedisUnavailableError
                ? error.message
                : `demo: could not start: ${(error as Error).message}`;
        process.stderr.write(`${message}\n`);
        return 1;
    }
    const url = (base: string) => `${base.replace(/\/$/, '')}/`;
    process.stdout.write(
        `Planner ready at ${url(demo.plannerUrl)}\nAPI ready at ${url(demo.apiUrl)}\n`
    );
    process.stderr.write('demo: press Ctrl-C to stop\n');
    await stopped;
    process.stderr.write('demo: stopping…\n');
    await demo.close();
    process.stderr.write('demo: stopped\n');
    return 0;
}
