/**
 * Load test of the API's read routes (autocannon): requests/s and p99 latency per route, against
 * the real stack in one process — the local org with the sample org (5,000 accounts, 30 reps), the
 * Salesforce gateway, BullMQ queues on the Redis at REDIS_URL, and the API listening on a port.
 *
 *   npm run bench:load -w sync-service            (BENCH_DURATION=seconds per route, default 5;
 *                                                  BENCH_CONNECTIONS, default 10)
 *
 * Rate limiting is raised for the run (it would otherwise be what is measured).
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { buildApp } from '../src/app.js';
import * as engine from '../src/engine/index.js';
import { queueConnection } from '../src/jobs/connection.js';
import { generatePlan } from '../src/jobs/generate-plan.js';
import { openQueues } from '../src/jobs/queues.js';
import { addGenerateJob } from '../src/jobs/scenario-generate.js';
import { plannerGatewayOver } from '../src/jobs/salesforce-adapter.js';
import { startLocalOrg } from '../src/localOrg/index.js';
import { connectSalesforce } from '../src/salesforce/index.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = randomUUID() + randomUUID();

const org = await startLocalOrg({ accounts: 5000, reps: 30, seed: 1 });
const c = org.credentials;
const gateway = plannerGatewayOver(() =>
    connectSalesforce({
        loginUrl: c.loginUrl,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        apiVersion: c.apiVersion
    })
);
const prefix = `bench-${randomUUID()}`;
const queues = openQueues({
    prefix,
    connection: queueConnection(REDIS_URL),
    attempts: 3,
    backoffMs: 1000
});
const app = await buildApp({
    config: {
        SERVICE_TOKEN_SECRET: SECRET,
        SF_ORG_ID: '',
        BODY_LIMIT_BYTES: 1_048_576,
        RATE_LIMIT_MAX: 100_000_000,
        RATE_LIMIT_WINDOW_MS: 60_000
    },
    gateway,
    queues,
    engine
});
const base = await app.listen({ host: '127.0.0.1', port: 0 });

// Fixtures: one Ready scenario (engine result, CSV in the org) and one queued job.
const modelId = org.sample!.activeModelId;
const snapshot = await gateway.pullPlan(modelId);
const settings = { balance: ['Potential', 'Workload', 'Count'], seed: 1 };
const plan = await generatePlan(engine, snapshot, settings, { timeLimitMs: 10_000 });
const scenarioId = await gateway.createScenario(
    { name: 'Bench', status: 'Ready', source: 'Planner', modelId, settings, ...plan.figures },
    plan.rows
);
const job = await addGenerateJob(queues.generate, { scenarioId, modelId, settings });

const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('00D000000000001')
    .setSubject('005000000000001')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));

const routes: [string, string][] = [
    ['GET /health', '/health'],
    ['GET /v1/jobs/:id', `/v1/jobs/${job.id}`],
    ['GET /v1/scenarios?modelId=', `/v1/scenarios?modelId=${modelId}`],
    ['GET /v1/scenarios/:id', `/v1/scenarios/${scenarioId}`],
    [
        'GET /v1/scenarios/:id/assignments (500/page)',
        `/v1/scenarios/${scenarioId}/assignments?page=3&pageSize=500`
    ],
    ['GET /v1/scenarios/compare (current vs 5k)', `/v1/scenarios/compare?a=current&b=${scenarioId}`]
];

console.log(
    `Load test: ${DURATION} s per route, ${CONNECTIONS} connections, sample org 5,000 accounts × 30 reps, Node ${process.version}`
);
console.log(
    'route'.padEnd(46),
    'req/s'.padStart(9),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'non-2xx'.padStart(8)
);
let failures = 0;
for (const [name, path] of routes) {
    const result = await autocannon({
        url: `${base}${path}`,
        connections: CONNECTIONS,
        duration: DURATION,
        headers: { authorization: `Bearer ${token}` }
    });
    const bad = result.non2xx + result.errors + result.timeouts;
    failures += bad;
    console.log(
        name.padEnd(46),
        result.requests.average.toFixed(0).padStart(9),
        String(result.latency.p50).padStart(8),
        String(result.latency.p99).padStart(8),
        String(bad).padStart(8)
    );
}

await app.close();
for (const q of queues.all()) await q.obliterate({ force: true });
await queues.close();
await org.close();
if (failures > 0) {
    console.error(`${failures} requests failed: the figures above are not valid`);
    process.exitCode = 1;
}
