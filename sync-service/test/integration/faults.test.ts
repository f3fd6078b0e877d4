/**
 * Fault injection on the apply: org 503 / request limit / row locks, a worker process killed
 * mid-apply, a Redis restart, and a Redis that lost its data. Every case must end with the org
 * exactly in the scenario's target and no account without a territory at any moment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index.js';
import { generatePlan } from '../../src/jobs/generate-plan.js';
import { planBase } from '../../src/jobs/plan-base.js';
import { applyJobId } from '../../src/jobs/scenario-apply.js';
import { finished, spawnWorker, startHarness, waitForOutput, type Harness } from './harness.js';

/** Creates a Ready scenario that moves many accounts (balanced, compact, no stay bonus). */
async function readyScenario(h: Harness): Promise<{ id: string; target: Map<string, string> }> {
    const associations = await h.gateway.currentAssignments(h.modelId);
    const snapshot = await h.gateway.pullPlan(h.modelId);
    const settings = {
        balance: ['Workload', 'Count'],
        tolerance: 0.1,
        disruptionWeight: 0,
        seed: 1
    };
    const plan = await generatePlan(engine, snapshot, settings, { timeLimitMs: 1500 });
    expect(plan.figures.accountsMoved).toBeGreaterThan(20);
    const id = await h.gateway.createScenario(
        {
            name: 'Fault drill',
            status: 'Ready',
            source: 'Planner',
            modelId: h.modelId,
            settings,
            ...plan.figures,
            // The plan it was generated from, as the generate job records it (plan-base.ts).
            metrics: {
                ...plan.figures.metrics,
                base: planBase(
                    associations,
                    snapshot.territories.map((t) => t.id)
                )
            }
        },
        plan.rows
    );
    return { id, target: new Map(plan.rows.map((r) => [r.accountId, r.territoryId])) };
}

function expectOrgAt(h: Harness, target: Map<string, string>) {
    const org = h.orgAssignments();
    const wrong = [...target].filter(([a, t]) => org.get(a)?.length !== 1 || org.get(a)?.[0] !== t);
    expect(wrong, 'accounts not exactly in their target territory').toEqual([]);
    expect(h.uncovered, 'accounts that were without a territory at some moment').toEqual([]);
}

/** Resolves at the first association insert the apply writes. */
function firstInsert(h: Harness): Promise<void> {
    return new Promise((resolve) => {
        const off = h.org.store.onWrite((e) => {
            if (e.object === 'ObjectTerritory2Association' && e.op === 'insert') {
                off();
                resolve();
            }
        });
    });
}

async function approve(h: Harness, scenarioId: string): Promise<string> {
    const res = await h.call('POST', `/v1/scenarios/${scenarioId}/approve`, {
        approvedBy: h.org.sample!.adminUserId
    });
    expect(res.status).toBe(202);
    return res.body.jobId;
}

let harness: Harness | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
    await harness?.close();
    harness = undefined;
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('org faults during apply', () => {
    it('rides out 503, row locks and a request limit, ending exactly at the target', async () => {
        // Approved before the workers start, so the faults count the apply's requests only.
        const h = (harness = await startHarness({ org: { seed: 21 }, workers: false }));
        const { id, target } = await readyScenario(h);
        const jobId = await approve(h, id);
        h.org.faults.add({
            kind: 'unavailable',
            method: 'POST',
            path: '/composite/sobjects',
            times: 1
        });
        h.org.faults.add({
            kind: 'lockRow',
            method: 'DELETE',
            path: '/composite/sobjects',
            records: 5,
            times: 1
        });
        h.org.faults.add({
            kind: 'limitExceeded',
            method: 'GET',
            path: '/query',
            nth: 4,
            times: 1
        });
        await h.startWorkers();
        const job = await h.waitForJob(jobId);
        expect(job.state).toBe('completed');
        expect(h.org.faults.fired.map((f) => f.kind).sort()).toEqual([
            'limitExceeded',
            'lockRow',
            'unavailable'
        ]);
        // 503 and the row lock each cost an attempt; the request limit paused the queue instead.
        expect(job.attemptsMade).toBe(3);
        expectOrgAt(h, target);
        expect((await h.gateway.loadScenario(id))?.status).toBe('Applied');
    });

    it('fails a job for bad input at once and keeps the reason on the job and the scenario', async () => {
        const h = (harness = await startHarness({ org: { seed: 22 } }));
        const { id } = await readyScenario(h);
        const rows = await h.gateway.loadAssignments(id);
        await h.gateway.updateScenario(id, {}, [
            ...rows.slice(1),
            { ...rows[0]!, territoryId: '0MI5g00000009ZZAAA' }
        ]);
        const before = h.orgAssignments();
        const job = await h.waitForJob(await approve(h, id));
        expect(job).toMatchObject({ state: 'failed', attemptsMade: 1 });
        expect(job.failedReason).toContain('not in model');
        const scenario = await h.gateway.loadScenario(id);
        expect(scenario?.status).toBe('Failed');
        expect(scenario?.error).toContain('not in model');
        expect(h.orgAssignments()).toEqual(before);
    });
});

describe('worker killed mid-apply', () => {
    it('another worker process resumes the apply to the exact target', async () => {
        const h = (harness = await startHarness({ org: { seed: 23 }, workers: false }));
        const { id, target } = await readyScenario(h);
        // Deletes answer slowly, so the kill lands after the inserts and before the deletes.
        const slow = h.org.faults.add({
            kind: 'slow',
            method: 'DELETE',
            delayMs: 4000,
            times: Infinity
        });
        const first = spawnWorker(h.workerEnv());
        children.push(first);
        await waitForOutput(first, 'workers started');
        const inserted = firstInsert(h);
        const jobId = await approve(h, id);
        await inserted;
        await new Promise((r) => setTimeout(r, 200));
        first.kill('SIGKILL');
        await first.exited;

        // Mid-way: some accounts hold both their old and their new territory, none holds none.
        const mid = h.orgAssignments();
        expect([...mid.values()].some((t) => t.length === 2)).toBe(true);
        expect(h.uncovered).toEqual([]);
        slow();

        const second = spawnWorker(h.workerEnv());
        children.push(second);
        await waitForOutput(second, 'workers started');
        const job = await h.waitForJob(jobId);
        expect(job.state).toBe('completed');
        expectOrgAt(h, target);
        expect((await h.gateway.loadScenario(id))?.status).toBe('Applied');
        expect(second.output()).toContain('stalled');

        // SIGTERM: the worker closes gracefully and exits 0.
        second.kill('SIGTERM');
        expect(await second.exited).toBe(0);
        expect(second.output()).toContain('shutting down the workers');
    });
});

/** A redis-server of our own on a free port, with an append-only file so a restart keeps data. */
async function ownRedis(dir: string, options: { persist: boolean }) {
    const port = await new Promise<number>((resolve) => {
        const srv = net.createServer().listen(0, '127.0.0.1', () => {
            const p = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(p));
        });
    });
    const args = [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        options.persist ? 'yes' : 'no',
        '--appendfsync',
        'always'
    ];
    let proc: ChildProcess | undefined;
    const start = async () => {
        proc = spawn('redis-server', args, { stdio: 'ignore' });
        children.push(proc);
        for (let i = 0; i < 100; i++) {
            const ok = await new Promise<boolean>((resolve) => {
                const s = net.connect(port, '127.0.0.1', () => {
                    s.write('PING\r\n');
                });
                s.on('data', (d) => {
                    s.destroy();
                    resolve(d.toString().startsWith('+PONG'));
                });
                s.on('error', () => resolve(false));
            });
            if (ok) return;
            await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error('redis-server did not start');
    };
    const kill = async () => {
        const p = proc!;
        p.kill('SIGKILL');
        if (p.exitCode === null) await new Promise((r) => p.once('exit', r));
    };
    await start();
    return { url: `redis://127.0.0.1:${port}`, start, kill };
}

describe('Redis restarts', () => {
    let dir: string | undefined;
    afterEach(() => {
        if (dir) rmSync(dir, { recursive: true, force: true });
        dir = undefined;
    });

    it('resumes an apply cut off by a Redis crash and restart', async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'redis-'));
        const redis = await ownRedis(dir, { persist: true });
        const h = (harness = await startHarness({ org: { seed: 24 }, redisUrl: redis.url }));
        const { id, target } = await readyScenario(h);
        const slow = h.org.faults.add({ kind: 'slow', method: 'DELETE', delayMs: 1500, times: 2 });
        const inserted = firstInsert(h);
        const jobId = await approve(h, id);
        await inserted;
        await redis.kill();
        // While Redis is down the API says so with a 503 rather than hanging or failing.
        const down = await h.call('GET', `/v1/jobs/${jobId}`);
        expect(down.status).toBe(503);
        await new Promise((r) => setTimeout(r, 1500));
        await redis.start();
        const job = await h.waitForJob(jobId, 60_000);
        slow();
        expect(job.state).toBe('completed');
        expectOrgAt(h, target);
        expect((await h.gateway.loadScenario(id))?.status).toBe('Applied');
    });

    it('re-queues an apply from Salesforce when Redis lost every job', async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'redis-'));
        const redis = await ownRedis(dir, { persist: false });
        const h = (harness = await startHarness({
            org: { seed: 25 },
            redisUrl: redis.url,
            workers: false
        }));
        const { id, target } = await readyScenario(h);
        const jobId = await approve(h, id);
        expect(jobId).toBe(applyJobId(id));
        // Redis dies before any worker took the job, and comes back empty.
        await redis.kill();
        await redis.start();
        // The API's queues fail fast while their connection comes back: wait for it.
        let job;
        for (let i = 0; ; i++) {
            try {
                job = await h.queues.apply.getJob(jobId);
                break;
            } catch (error) {
                if (i > 100) throw error;
                await new Promise((r) => setTimeout(r, 50));
            }
        }
        expect(job).toBeUndefined();
        expect((await h.gateway.loadScenario(id))?.status).toBe('Approved');
        // A worker starting up finds the Approved scenario in the org and applies it.
        await h.startWorkers({ recoverModelId: h.modelId });
        expect(await finished(await h.queues.apply.getJob(jobId))).toBe('completed');
        expectOrgAt(h, target);
        expect((await h.gateway.loadScenario(id))?.status).toBe('Applied');
    });
});
