/** `npm run start:api` / `start:worker` entry points: start, configuration errors, SIGTERM. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnEntry, spawnWorker, startHarness, waitForOutput, type Harness } from './harness.js';
import { token } from '../http/helpers.js';

describe('entry points', () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ workers: false });
    });
    afterAll(() => h.close());

    it('start:api serves health, OpenAPI, auth and readiness, then stops on SIGTERM', async () => {
        const api = spawnEntry('src/server.ts', h.workerEnv({ PORT: '0' }));
        await waitForOutput(api, 'API listening');
        const line = api
            .output()
            .split('\n')
            .find((l) => l.includes('API listening'))!;
        const log = JSON.parse(line) as { address: string; level: number; service: string };
        expect(log).toMatchObject({ level: 30, service: 'api' });
        const base = log.address;

        const health = await fetch(`${base}/health`, { headers: { 'x-request-id': 'req-42' } });
        expect(await health.json()).toEqual({ status: 'ok' });
        expect((await (await fetch(`${base}/openapi.json`)).json()).openapi).toMatch(/^3\./);
        const anonymous = await fetch(`${base}/v1/scenarios?modelId=${h.modelId}`);
        expect(anonymous.status).toBe(401);
        expect((await anonymous.json()).error).toBe('Unauthorized');
        const ready = await fetch(`${base}/ready`);
        expect(ready.status).toBe(200);
        // Without SF_ORG_ID the API learns the org at login: tokens must come from it.
        const list = await fetch(`${base}/v1/scenarios?modelId=${h.modelId}`, {
            headers: { authorization: `Bearer ${await token({ iss: h.org.store.orgId })}` }
        });
        expect(await list.json()).toEqual({ scenarios: [] });
        const otherOrg = await fetch(`${base}/v1/scenarios?modelId=${h.modelId}`, {
            headers: { authorization: `Bearer ${await token({ iss: '00D000000000009' })}` }
        });
        expect(otherOrg.status).toBe(401);
        expect((await otherOrg.json()).message).toContain(
            `tokens must be issued by org ${h.org.store.orgId}`
        );
        // pino JSON logs carry the request id.
        await new Promise((r) => setTimeout(r, 100));
        expect(api.output()).toContain('"reqId":"req-42"');

        api.kill('SIGTERM');
        expect(await api.exited).toBe(0);
        expect(api.output()).toContain('shutting down the API');
    });

    it('start:api answers /ready 503 while the org is unreachable', async () => {
        const api = spawnEntry(
            'src/server.ts',
            h.workerEnv({ PORT: '0', SF_LOGIN_URL: 'http://127.0.0.1:9' })
        );
        await waitForOutput(api, 'API listening');
        const base = JSON.parse(
            api
                .output()
                .split('\n')
                .find((l) => l.includes('API listening'))!
        ).address;
        const ready = await fetch(`${base}/ready`);
        expect(ready.status).toBe(503);
        const body = await ready.json();
        expect(body.status).toBe('unavailable');
        expect(body.checks.redis).toEqual({ ok: true });
        expect(body.checks.org.ok).toBe(false);
        api.kill('SIGTERM');
        expect(await api.exited).toBe(0);
    });

    it.each(['src/server.ts', 'src/worker.ts'])(
        '%s refuses to start with invalid configuration, naming each variable',
        async (entry) => {
            const env = h.workerEnv({ PORT: 'eighty', TURNOVER_POLICY: 'sometimes' });
            delete env.SERVICE_TOKEN_SECRET;
            const child = spawnEntry(entry, env);
            expect(await child.exited).toBe(1);
            const out = child.output();
            expect(out).toContain('Invalid configuration');
            expect(out).toContain('SERVICE_TOKEN_SECRET is not set');
            expect(out).toContain('PORT is "eighty": Expected integer');
            expect(out).toContain(
                'TURNOVER_POLICY is "sometimes": must be one of propose, auto-apply'
            );
        }
    );

    it('start:worker upserts the schedules, runs jobs and stops on SIGTERM', async () => {
        const worker = spawnWorker(
            h.workerEnv({ DRIFT_REVIEW_CRON: '0 6 1 1,4,7,10 *', TURNOVER_CRON: '*/30 * * * *' })
        );
        await waitForOutput(worker, 'workers started');
        const drift = await h.queues.drift.getJobSchedulers();
        const turnover = await h.queues.turnover.getJobSchedulers();
        expect(drift.map((s) => s.pattern)).toEqual(['0 6 1 1,4,7,10 *']);
        expect(turnover.map((s) => s.pattern)).toEqual(['*/30 * * * *']);
        // The worker process generates a scenario (engine in its thread) end to end.
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'From the worker process',
            settings: { balance: ['Workload'] }
        });
        expect(await h.waitForJob(created.body.jobId)).toMatchObject({
            state: 'completed',
            result: { status: 'Ready' }
        });
        expect(worker.output()).toContain(`"jobId":"${created.body.jobId}"`);
        worker.kill('SIGTERM');
        expect(await worker.exited).toBe(0);
    });
});
