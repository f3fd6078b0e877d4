/**
 * The placement job's high-water mark and retry bookkeeping, on a real Redis with an in-memory
 * source whose SystemModstamps the test sets to the millisecond: records at the mark's own
 * timestamp and late commits inside the overlap are not missed, and writes the org refused are
 * tried again.
 */
import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index.js';
import type { UnitAccount } from '../../src/jobs/account-placement-plan.js';
import type { AddressRow, PlacementSource } from '../../src/jobs/account-placement-source.js';
import {
    addPlacementJob,
    type PlacementJobData,
    type PlacementJobResult
} from '../../src/jobs/account-placement.js';
import { placementKeys } from '../../src/jobs/account-placement.processor.js';
import { workerConnection } from '../../src/jobs/connection.js';
import { QueueName } from '../../src/jobs/queues.js';
import { startWorkers, type RunningWorkers } from '../../src/jobs/workers.js';
import { createLogger } from '../../src/logger.js';
import { MemoryGateway, smallSnapshot } from '../http/memory-gateway.js';
import { TEST_WORKER_OPTIONS } from '../integration/harness.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** Accounts with settable SystemModstamps; `refuse` makes the org reject writes for an id. */
class MemorySource implements PlacementSource {
    rows = new Map<string, AddressRow>();
    territories = new Map<string, string[]>();
    refuse = new Set<string>();
    queries: (string | undefined)[] = [];

    put(id: string, modstamp: string, postalCode: string, territory?: string) {
        this.rows.set(id, {
            id,
            postalCode,
            lat: 45,
            lon: -93,
            segment: 'SMB',
            locked: false,
            modstamp
        });
        if (territory) this.territories.set(id, [territory]);
    }

    activeModelId = () => Promise.resolve('0MA000000000001');

    changedAccounts(since: string | undefined) {
        this.queries.push(since);
        return Promise.resolve(
            [...this.rows.values()].filter(
                (r) => since === undefined || Date.parse(r.modstamp) >= Date.parse(since)
            )
        );
    }

    unitAccounts() {
        return Promise.resolve(
            [...this.rows.values()].map((r): UnitAccount => ({
                ...r,
                territoryIds: this.territories.get(r.id) ?? []
            }))
        );
    }

    assign(_modelId: string, target: ReadonlyMap<string, string>) {
        const failed = [];
        let inserted = 0;
        for (const [accountId, territoryId] of target) {
            if (this.refuse.has(accountId)) {
                failed.push({
                    accountId,
                    territoryId,
                    errorCode: 'UNABLE_TO_LOCK_ROW',
                    message: 'locked'
                });
                continue;
            }
            this.territories.set(accountId, [territoryId]);
            inserted++;
        }
        return Promise.resolve({ inserted, deleted: 0, failed });
    }
}

describe('account placement bookkeeping', () => {
    const prefix = `jtest-${randomUUID()}`;
    const source = new MemorySource();
    let running: RunningWorkers;
    let events: QueueEvents;

    const run = async (data: PlacementJobData): Promise<PlacementJobResult> => {
        const job = await addPlacementJob(running.queues.placement, data);
        return (await job.waitUntilFinished(events, 20_000)) as PlacementJobResult;
    };

    beforeAll(async () => {
        const logger = createLogger({ level: 'silent', service: 'worker' });
        running = await startWorkers(
            {
                gateway: new MemoryGateway(smallSnapshot()),
                engine,
                logger,
                placement: source
            },
            {
                ...TEST_WORKER_OPTIONS,
                connection: workerConnection(REDIS_URL),
                prefix,
                drift: { threshold: 0.1, measures: ['Count'] },
                turnover: { policy: 'propose', measures: ['Count'] }
            }
        );
        events = new QueueEvents(QueueName.placement, {
            prefix,
            connection: workerConnection(REDIS_URL)
        });
        await events.waitUntilReady();
    });

    afterAll(async () => {
        await events?.close();
        if (running) {
            const client = await running.queues.placement.backend.client;
            const keys = placementKeys(prefix);
            await client.del(keys.state, keys.addresses, keys.pending, keys.lock);
            for (const q of running.queues.all()) await q.obliterate({ force: true });
            await running.close(1000);
        }
    });

    it('has no schedule without a cron', async () => {
        expect(await running.queues.placement.getJobSchedulers()).toHaveLength(0);
    });

    it('misses no record at the mark or committed late inside the overlap', async () => {
        source.put('a1', '2026-03-01T10:00:00.500Z', '100', 'T1');
        source.put('a2', '2026-03-01T10:00:00.700Z', '100', 'T1');
        const baseline = await run({ overlapSeconds: 0 });
        expect(baseline).toMatchObject({
            baseline: true,
            read: 2,
            mark: '2026-03-01T10:00:00.700Z'
        });

        // Same millisecond as the mark: read again from the whole second, and recognised as new.
        source.put('b', '2026-03-01T10:00:00.700Z', '100');
        const atMark = await run({ overlapSeconds: 0 });
        expect(source.queries.at(-1)).toBe('2026-03-01T10:00:00Z');
        expect(atMark).toMatchObject({ read: 3, newAccounts: 1, placedByUnit: 1 });
        expect(source.territories.get('b')).toEqual(['T1']);

        // Committed late, with a SystemModstamp a minute before the mark: the overlap finds it.
        source.put('late', '2026-03-01T09:59:00.000Z', '100');
        const withoutOverlap = await run({ overlapSeconds: 0 });
        expect(withoutOverlap).toMatchObject({ newAccounts: 0 });
        const withOverlap = await run({ overlapSeconds: 120 });
        expect(source.queries.at(-1)).toBe('2026-03-01T09:58:00Z');
        expect(withOverlap).toMatchObject({ newAccounts: 1, placedByUnit: 1 });
        expect(source.territories.get('late')).toEqual(['T1']);
        // The accounts read again in the overlap are recognised: nothing else happens.
        expect(await run({ overlapSeconds: 120 })).toMatchObject({
            read: 4,
            newAccounts: 0,
            readdressed: 0,
            inserted: 0
        });
    });

    it('keeps a refused write pending and finishes it on a later run', async () => {
        source.put('t2', '2026-03-01T10:05:00.000Z', '200', 'T2');
        source.put('t2b', '2026-03-01T10:05:00.000Z', '200', 'T2');
        await run({ overlapSeconds: 0 }); // t2, t2b: new, already placed
        const moved = source.rows.get('a2')!;
        source.rows.set('a2', {
            ...moved,
            postalCode: '200',
            modstamp: '2026-03-01T10:06:00.000Z'
        });
        source.refuse.add('a2');
        const refused = await run({ overlapSeconds: 0 });
        expect(refused).toMatchObject({ readdressed: 1, failed: 1, placedByUnit: 0 });
        expect(source.territories.get('a2')).toEqual(['T1']);

        source.refuse.clear();
        const retried = await run({ overlapSeconds: 0 });
        expect(retried).toMatchObject({ readdressed: 0, retried: 1, placedByUnit: 1, failed: 0 });
        expect(source.territories.get('a2')).toEqual(['T2']);
        expect(await run({ overlapSeconds: 0 })).toMatchObject({ retried: 0, inserted: 0 });
    });

    it('skips a run while another holds the lock', async () => {
        const client = await running.queues.placement.backend.client;
        await client.set(placementKeys(prefix).lock, 'someone-else', { PX: 5000 });
        expect(await run({ overlapSeconds: 0 })).toMatchObject({ skipped: true });
        await client.del(placementKeys(prefix).lock);
        expect(await run({ overlapSeconds: 0 })).not.toHaveProperty('skipped');
    });
});
