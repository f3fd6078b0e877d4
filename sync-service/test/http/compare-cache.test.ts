/**
 * The compare caches (ScenarioService): the current plan is reused for the TTL but never across
 * an apply, a scenario's new version is seen at once, and every cache stays bounded.
 */
import { Worker } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index.js';
import type { PlanSnapshot, ScenarioAssignment } from '../../src/jobs/gateway.js';
import { queueConnection } from '../../src/jobs/connection.js';
import { QueueName } from '../../src/jobs/queues.js';
import { addApplyJob } from '../../src/jobs/scenario-apply.js';
import { Lru } from '../../src/http/lru.js';
import { ScenarioService } from '../../src/http/scenario-service.js';
import { freshQueues, REDIS_URL, testApp, token } from './helpers.js';
import { MemoryGateway, smallSnapshot } from './memory-gateway.js';

/** Counts the pulls of the current plan. */
class CountingGateway extends MemoryGateway {
    pulls = 0;
    override async pullPlan(): Promise<PlanSnapshot> {
        this.pulls += 1;
        return super.pullPlan();
    }
}

const T1 = '0MI000000000001';
const T2 = '0MI000000000002';

/** Rows moving the first `moved` accounts to T2 (the rest stay in T1). */
function rowsMoving(snap: PlanSnapshot, moved: number): ScenarioAssignment[] {
    return snap.accounts.map((a, i) => ({
        accountId: a.id,
        territoryId: i < moved ? T2 : T1,
        repId: '',
        previousTerritoryId: T1
    }));
}

const queues = freshQueues();
const workers: Worker[] = [];
afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    for (const q of queues.all()) await q.obliterate({ force: true });
});
afterAll(() => queues.dispose());

async function setup(options: { ttlMs?: number; maxEntries?: number } = {}) {
    const snap = smallSnapshot();
    const gateway = new CountingGateway(snap);
    let clock = 1_000_000;
    const service = new ScenarioService(gateway, queues, engine, {
        ...options,
        now: () => clock,
        // on a loaded machine Redis can take longer than the production 250 ms to answer; the
        // cache, not Redis latency, is under test here
        applyMarkTimeoutMs: 10_000
    });
    const id = await gateway.createScenario(
        {
            name: 'three to South',
            status: 'Ready',
            source: 'Planner',
            modelId: snap.modelId,
            settings: { balance: ['Count'] },
            accountsMoved: 3
        },
        rowsMoving(snap, 3)
    );
    return {
        snap,
        gateway,
        service,
        id,
        advance(ms: number) {
            clock += ms;
        }
    };
}

describe('compare cache', () => {
    it('reuses the current plan within the TTL and pulls it again after', async () => {
        const { gateway, service, id, advance } = await setup({ ttlMs: 15_000 });
        const first = await service.compare({ a: 'current', b: id });
        const second = await service.compare({ a: 'current', b: id });
        expect(gateway.pulls).toBe(1);
        expect(second).toEqual(first);
        advance(14_999);
        await service.compare({ a: 'current', b: id });
        expect(gateway.pulls).toBe(1);
        advance(1);
        await service.compare({ a: 'current', b: id });
        expect(gateway.pulls).toBe(2);
    });

    it('with a TTL of 0, pulls the plan on every compare', async () => {
        const { gateway, service, id } = await setup({ ttlMs: 0 });
        await service.compare({ a: 'current', b: id });
        await service.compare({ a: 'current', b: id });
        expect(gateway.pulls).toBe(2);
    });

    it('shows the org as changed by an apply that completed in any process (seen through the apply queue)', async () => {
        const { gateway, service, id, snap } = await setup({ ttlMs: 60_000 });
        const before = await service.compare({ a: 'current', b: id });
        expect(before.movedAccounts.total).toBe(3);
        expect(before.a.maxDeviation).toBe(1);

        // A worker (standing for the worker process) writes the scenario to the "org".
        const done = new Promise<void>((resolve) => {
            const worker = new Worker(
                QueueName.apply,
                async () => {
                    await gateway.applyAssignments(
                        snap.modelId,
                        new Map(rowsMoving(snap, 3).map((r) => [r.accountId, r.territoryId]))
                    );
                },
                {
                    prefix: queues.prefix,
                    connection: { ...queueConnection(REDIS_URL), maxRetriesPerRequest: null }
                }
            );
            worker.on('completed', () => resolve());
            workers.push(worker);
        });
        await addApplyJob(queues.apply, { scenarioId: id, modelId: snap.modelId, approvedBy: '' });
        await done;

        const after = await service.compare({ a: 'current', b: id });
        expect(gateway.pulls).toBe(2);
        expect(after.movedAccounts.total).toBe(0);
        expect(after.a.maxDeviation).toBe(after.b.maxDeviation);
        expect(after.diff.maxDeviation).toBe(0);
    });

    it('caches nothing while an apply is queued or running (it may be writing the plan)', async () => {
        const { gateway, service, id, snap } = await setup({ ttlMs: 60_000 });
        await addApplyJob(queues.apply, { scenarioId: id, modelId: snap.modelId, approvedBy: '' });
        await service.compare({ a: 'current', b: id });
        await service.compare({ a: 'current', b: id });
        expect(gateway.pulls).toBe(2);
        expect(service.cacheSizes().plans).toBe(0);
    });

    it('forgets the plan when told it changed in this process', async () => {
        const { gateway, service, id, snap } = await setup({ ttlMs: 60_000 });
        await service.compare({ a: 'current', b: id });
        for (const a of snap.accounts) a.territoryId = T2;
        service.planChanged(snap.modelId);
        const after = await service.compare({ a: 'current', b: id });
        expect(gateway.pulls).toBe(2);
        expect(after.repChanges.find((r) => r.territoryId === T2)?.accountsBefore).toBe(6);
    });

    it('sees a new version of a scenario (new rows and figures) at once, within the TTL', async () => {
        const { gateway, service, id } = await setup({ ttlMs: 60_000 });
        const before = await service.compare({ a: 'current', b: id });
        expect(before.movedAccounts.total).toBe(3);
        await gateway.updateScenario(
            id,
            { status: 'Ready', accountsMoved: 1 },
            rowsMoving(gateway.snapshot, 1)
        );
        const after = await service.compare({ a: 'current', b: id });
        expect(after.movedAccounts.total).toBe(1);
        expect(after.b.accountsMoved).toBe(1);
        // The plan itself was reused: only the scenario changed.
        expect(gateway.pulls).toBe(1);
    });

    it('reads the CSV of a scenario once per version, and again after an update', async () => {
        const { gateway, service, id } = await setup({ ttlMs: 60_000 });
        let reads = 0;
        const load = gateway.loadAssignments.bind(gateway);
        gateway.loadAssignments = async (sid: string) => {
            reads += 1;
            return load(sid);
        };
        await service.compare({ a: 'current', b: id });
        await service.compare({ a: 'current', b: id });
        await service.assignments(id, { page: 1, pageSize: 10, movedOnly: false });
        expect(reads).toBe(1);
        await gateway.updateScenario(id, { status: 'Proposed' }, rowsMoving(gateway.snapshot, 2));
        const page = await service.assignments(id, { page: 1, pageSize: 10, movedOnly: true });
        expect(page.total).toBe(2);
        expect(reads).toBe(2);
    });

    it('stays bounded: at most maxEntries plans, CSVs and answers', async () => {
        const { gateway, service, snap } = await setup({ ttlMs: 60_000, maxEntries: 3 });
        const ids: string[] = [];
        for (let i = 0; i < 10; i++)
            ids.push(
                await gateway.createScenario(
                    {
                        name: `s${i}`,
                        status: 'Ready',
                        source: 'Planner',
                        modelId: snap.modelId,
                        settings: { balance: ['Count'] },
                        accountsMoved: i % 6
                    },
                    rowsMoving(snap, i % 6)
                )
            );
        for (const id of ids) await service.compare({ a: 'current', b: id });
        for (let i = 1; i < ids.length; i++) await service.compare({ a: ids[i - 1]!, b: ids[i]! });
        const sizes = service.cacheSizes();
        expect(sizes.plans).toBe(1);
        expect(sizes.assignments).toBe(3);
        expect(sizes.results).toBe(3);
        // Evicted entries are computed again, and correctly.
        const again = await service.compare({ a: 'current', b: ids[4]! });
        expect(again.movedAccounts.total).toBe(4);
    });
});

describe('Lru', () => {
    it('drops the least recently used entry beyond its size', () => {
        const lru = new Lru<string, number>(2);
        lru.set('a', 1);
        lru.set('b', 2);
        expect(lru.get('a')).toBe(1); // a is now the most recent
        lru.set('c', 3);
        expect(lru.size).toBe(2);
        expect(lru.get('b')).toBeUndefined();
        expect(lru.get('a')).toBe(1);
        expect(lru.get('c')).toBe(3);
    });

    it('refuses a size below 1', () => {
        expect(() => new Lru(0)).toThrow(RangeError);
    });
});

describe('COMPARE_CACHE_TTL_MS', () => {
    it('reaches the compare route: 0 pulls the plan on every compare, the default reuses it', async () => {
        for (const [ttl, pulls] of [
            [0, 2],
            [undefined, 1]
        ] as const) {
            const { gateway, id } = await setup();
            const app = await testApp({
                gateway,
                queues,
                engine,
                config: ttl === undefined ? {} : { COMPARE_CACHE_TTL_MS: ttl }
            });
            const headers = { authorization: `Bearer ${await token()}` };
            for (let i = 0; i < 2; i++) {
                const res = await app.inject({
                    url: `/v1/scenarios/compare?a=current&b=${id}`,
                    headers
                });
                expect(res.statusCode).toBe(200);
            }
            expect(gateway.pulls, `COMPARE_CACHE_TTL_MS=${ttl}`).toBe(pulls);
            await app.close();
        }
    });
});
