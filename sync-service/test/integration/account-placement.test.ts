/**
 * The account placement job against the local org, through BullMQ workers on a real Redis: new
 * accounts land in the territory of their postal unit, re-addressed ones move, locked ones and
 * ones edited for other reasons stay, a second run changes nothing, and PLACEMENT_CRON=off means
 * no run. Accounts and associations are made with jsforce, as any other client of the org would.
 */
import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index.js';
import { addPlacementJob, type PlacementJobResult } from '../../src/jobs/account-placement.js';
import { placementKeys } from '../../src/jobs/account-placement.processor.js';
import {
    salesforcePlacementSource,
    sharedConnection
} from '../../src/jobs/account-placement-source.js';
import { workerConnection } from '../../src/jobs/connection.js';
import { QueueName } from '../../src/jobs/queues.js';
import { plannerGatewayOver } from '../../src/jobs/salesforce-adapter.js';
import { startWorkers, type RunningWorkers } from '../../src/jobs/workers.js';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { createLogger } from '../../src/logger.js';
import { connectSalesforce, type SalesforceGateway } from '../../src/salesforce/index.js';
import { TEST_WORKER_OPTIONS } from './harness.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const SEGMENT = 'Field Test';

interface Ctx {
    org: LocalOrg;
    modelId: string;
    connect: () => Promise<SalesforceGateway>;
    sf: SalesforceGateway;
    territories: string[];
}

async function setUp(): Promise<Ctx> {
    const org = await startLocalOrg({ accounts: 2000, reps: 8, seed: 11 });
    const connect = sharedConnection(() =>
        connectSalesforce({
            loginUrl: org.credentials.loginUrl,
            clientId: org.credentials.clientId,
            clientSecret: org.credentials.clientSecret,
            apiVersion: org.credentials.apiVersion,
            retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 }
        })
    );
    const sf = await connect();
    const modelId = org.sample!.activeModelId;
    return { org, modelId, connect, sf, territories: [...org.sample!.territoryByRep.values()] };
}

async function start(ctx: Ctx, prefix: string, placementCron: string): Promise<RunningWorkers> {
    const logger = createLogger({
        level: (process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent',
        service: 'worker'
    });
    return startWorkers(
        {
            gateway: plannerGatewayOver(ctx.connect, logger),
            engine,
            logger,
            placement: salesforcePlacementSource(ctx.connect)
        },
        {
            ...TEST_WORKER_OPTIONS,
            connection: workerConnection(REDIS_URL),
            prefix,
            drift: { threshold: 0.1, measures: ['Count'] },
            turnover: { policy: 'propose', measures: ['Count'] },
            placementCron,
            placement: { overlapSeconds: 120 }
        }
    );
}

/** The model territories of an account, straight from the org's store. */
function territoriesOf(ctx: Ctx, accountId: string): string[] {
    const model = new Set(
        [...ctx.org.store.all('Territory2')]
            .filter((t) => t.Territory2ModelId === ctx.modelId)
            .map((t) => t.Id)
    );
    return [...ctx.org.store.all('ObjectTerritory2Association')]
        .filter((a) => a.ObjectId === accountId && model.has(String(a.Territory2Id)))
        .map((a) => String(a.Territory2Id))
        .sort();
}

async function createAccount(ctx: Ctx, fields: Record<string, unknown>): Promise<string> {
    const result = await ctx.sf.connection.sobject('Account').create({
        Name: `Placement test ${randomUUID().slice(0, 8)}`,
        ...fields
    });
    if (!result.success) throw new Error(JSON.stringify(result));
    return result.id;
}

async function updateAccount(ctx: Ctx, id: string, fields: Record<string, unknown>) {
    const result = await ctx.sf.connection.sobject('Account').update({ Id: id, ...fields });
    if (!result.success) throw new Error(JSON.stringify(result));
}

async function associate(ctx: Ctx, accountId: string, territoryId: string) {
    const result = await ctx.sf.connection.sobject('ObjectTerritory2Association').create({
        ObjectId: accountId,
        Territory2Id: territoryId,
        AssociationCause: 'Territory2Manual'
    });
    if (!result.success) throw new Error(JSON.stringify(result));
}

describe('account placement job', () => {
    let ctx: Ctx;
    let running: RunningWorkers;
    let events: QueueEvents;
    const prefix = `itest-${randomUUID()}`;
    const associationWrites: string[] = [];

    const run = async (): Promise<PlacementJobResult> => {
        const job = await addPlacementJob(running.queues.placement, { overlapSeconds: 120 });
        return (await job.waitUntilFinished(events, 30_000)) as PlacementJobResult;
    };

    // Fixture units in their own segment, so the sample's units cannot outvote them:
    // ZT101 (around Minneapolis) is T0's (3 against 1), ZT102 (Denver) T1's, ZT103 (LA) T2's.
    const units = [
        { postal: 'ZT101', lat: 44.98, lon: -93.27, votes: [0, 0, 0, 1] },
        { postal: 'ZT102', lat: 39.74, lon: -104.99, votes: [1, 1, 1] },
        { postal: 'ZT103', lat: 34.05, lon: -118.24, votes: [2, 2] }
    ];
    const ids: Record<string, string> = {};

    beforeAll(async () => {
        ctx = await setUp();
        ctx.org.store.onWrite((event) => {
            if (event.object === 'ObjectTerritory2Association')
                associationWrites.push(`${event.op} ${String(event.record.ObjectId)}`);
        });
        for (const unit of units)
            for (const [i, t] of unit.votes.entries()) {
                const id = await createAccount(ctx, {
                    BillingPostalCode: unit.postal,
                    BillingLatitude: unit.lat + i * 0.01,
                    BillingLongitude: unit.lon,
                    Territory_Segment__c: SEGMENT
                });
                await associate(ctx, id, ctx.territories[t]!);
                ids[`${unit.postal}-${i}`] = id;
            }
        // A locked account of ZT101 and a hand-made exception of ZT102 (kept in T2 on purpose).
        ids.locked = ids['ZT101-0']!;
        await updateAccount(ctx, ids.locked, { Territory_Locked__c: true });
        ids.exception = await createAccount(ctx, {
            BillingPostalCode: 'ZT102',
            BillingLatitude: 39.75,
            BillingLongitude: -105,
            Territory_Segment__c: SEGMENT
        });
        await associate(ctx, ids.exception, ctx.territories[2]!);
        running = await start(ctx, prefix, 'off');
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
        await ctx?.org.close();
    });

    it('first run records a baseline and places nothing', async () => {
        const before = associationWrites.length;
        const result = await run();
        expect(result.baseline).toBe(true);
        expect(result.read).toBe(ctx.org.store.count('Account'));
        expect(result.mark).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        expect(associationWrites.length).toBe(before);
    });

    it('places new accounts by unit, by nearest unit, and reports the ones it cannot place', async () => {
        // In ZT101 (written in lower case, with blanks) and without coordinates: its unit's territory.
        ids.newInUnit = await createAccount(ctx, {
            BillingPostalCode: ' zt101 ',
            Territory_Segment__c: SEGMENT
        });
        // A postal code nobody has, near Denver: the territory of the nearest unit (ZT102).
        ids.newNearest = await createAccount(ctx, {
            BillingPostalCode: 'ZT999',
            BillingLatitude: 39.9,
            BillingLongitude: -105.1,
            Territory_Segment__c: SEGMENT
        });
        // A segment without any territory: unplaced.
        ids.unplaced = await createAccount(ctx, {
            BillingPostalCode: 'ZT101',
            BillingLatitude: 44.98,
            BillingLongitude: -93.27,
            Territory_Segment__c: 'Nobody'
        });
        // Created already in a territory: left there.
        ids.prePlaced = await createAccount(ctx, {
            BillingPostalCode: 'ZT103',
            Territory_Segment__c: SEGMENT
        });
        await associate(ctx, ids.prePlaced, ctx.territories[1]!);

        const result = await run();
        expect(result).toMatchObject({
            baseline: false,
            newAccounts: 4,
            readdressed: 0,
            placedByUnit: 1,
            placedByNearest: 1,
            alreadyAssigned: 1,
            unplaced: 1,
            failed: 0,
            inserted: 2,
            deleted: 0
        });
        expect(result.unplacedAccounts).toEqual([
            { accountId: ids.unplaced, reason: 'no unit of segment Nobody has a territory' }
        ]);
        expect(territoriesOf(ctx, ids.newInUnit)).toEqual([ctx.territories[0]]);
        expect(territoriesOf(ctx, ids.newNearest)).toEqual([ctx.territories[1]]);
        expect(territoriesOf(ctx, ids.unplaced)).toEqual([]);
        expect(territoriesOf(ctx, ids.prePlaced)).toEqual([ctx.territories[1]]);
        const cause = [...ctx.org.store.all('ObjectTerritory2Association')].find(
            (a) => a.ObjectId === ids.newInUnit
        )?.AssociationCause;
        expect(cause).toBe('Territory2Manual');
    });

    it('places a new account in a unit of the sample org by the majority of its accounts', async () => {
        // The sample's own units: the (segment, postal code) with the clearest majority.
        const territoryOf = new Map<string, string[]>();
        for (const a of ctx.org.store.all('ObjectTerritory2Association'))
            territoryOf.set(String(a.ObjectId), [
                ...(territoryOf.get(String(a.ObjectId)) ?? []),
                String(a.Territory2Id)
            ]);
        const votes = new Map<string, Map<string, number>>();
        for (const a of ctx.org.store.all('Account')) {
            if (a.Territory_Segment__c === SEGMENT || a.Territory_Locked__c === true) continue;
            const key = `${String(a.Territory_Segment__c)}|${String(a.BillingPostalCode)}`;
            const unit = votes.get(key) ?? new Map<string, number>();
            for (const t of territoryOf.get(a.Id) ?? []) unit.set(t, (unit.get(t) ?? 0) + 1);
            votes.set(key, unit);
        }
        const ranked = [...votes.entries()]
            .map(([key, unit]) => {
                const [first, second] = [...unit.entries()].sort((x, y) => y[1] - x[1]);
                return {
                    key,
                    territory: first?.[0],
                    margin: (first?.[1] ?? 0) - (second?.[1] ?? 0)
                };
            })
            .sort((x, y) => y.margin - x.margin);
        const best = ranked[0]!;
        expect(best.margin).toBeGreaterThanOrEqual(2);
        const [segment, postal] = best.key.split('|');
        const id = await createAccount(ctx, {
            BillingPostalCode: postal,
            Territory_Segment__c: segment
        });
        const result = await run();
        expect(result).toMatchObject({ newAccounts: 1, placedByUnit: 1, inserted: 1 });
        expect(territoriesOf(ctx, id)).toEqual([best.territory]);
    });

    it('moves re-addressed accounts, keeps locked ones and ignores other edits', async () => {
        const mover = ids['ZT103-0']!;
        expect(territoriesOf(ctx, mover)).toEqual([ctx.territories[2]]);
        await updateAccount(ctx, mover, { BillingPostalCode: 'ZT101' });
        // Locked: re-addressed to ZT102, stays in T0.
        await updateAccount(ctx, ids.locked!, { BillingPostalCode: 'ZT102' });
        // Hand-made exception edited for another reason: stays in T2.
        await updateAccount(ctx, ids.exception!, { Territory_Potential__c: 123456 });
        // Coordinates corrected within the same unit, already in its territory: nothing to do.
        await updateAccount(ctx, ids['ZT102-1']!, { BillingLatitude: 39.8 });

        const before = associationWrites.length;
        const result = await run();
        expect(result).toMatchObject({
            newAccounts: 0,
            readdressed: 3,
            placedByUnit: 1,
            locked: 1,
            inPlace: 1,
            failed: 0,
            inserted: 1,
            deleted: 1
        });
        expect(territoriesOf(ctx, mover)).toEqual([ctx.territories[0]]);
        expect(territoriesOf(ctx, ids.locked!)).toEqual([ctx.territories[0]]);
        expect(territoriesOf(ctx, ids.exception!)).toEqual([ctx.territories[2]]);
        expect(associationWrites.slice(before)).toEqual([`insert ${mover}`, `delete ${mover}`]);
    });

    it('a second run with no changes writes nothing; an unplaced account is tried again', async () => {
        const before = associationWrites.length;
        const result = await run();
        expect(result).toMatchObject({
            newAccounts: 0,
            readdressed: 0,
            retried: 1,
            unplaced: 1,
            inserted: 0,
            deleted: 0
        });
        expect(associationWrites.length).toBe(before);

        // Once its segment has a unit with a territory, the unplaced account is placed.
        const pioneer = await createAccount(ctx, {
            BillingPostalCode: 'ZT700',
            BillingLatitude: 45,
            BillingLongitude: -93,
            Territory_Segment__c: 'Nobody'
        });
        await associate(ctx, pioneer, ctx.territories[3]!);
        const next = await run();
        expect(next).toMatchObject({ retried: 1, alreadyAssigned: 1, placedByNearest: 1 });
        expect(territoriesOf(ctx, ids.unplaced!)).toEqual([ctx.territories[3]]);
        const quiet = await run();
        expect(quiet).toMatchObject({ read: expect.any(Number), retried: 0, inserted: 0 });
        expect(quiet.newAccounts + quiet.readdressed).toBe(0);
    });
});

describe('account placement schedule', () => {
    let ctx: Ctx;
    const prefix = `itest-${randomUUID()}`;
    let running: RunningWorkers | undefined;

    beforeAll(async () => {
        ctx = await setUp();
    });

    afterAll(async () => {
        if (running) {
            const client = await running.queues.placement.backend.client;
            const keys = placementKeys(prefix);
            await client.del(keys.state, keys.addresses, keys.pending, keys.lock);
            for (const q of running.queues.all()) await q.obliterate({ force: true });
            await running.close(1000);
        }
        await ctx?.org.close();
    });

    const completed = async (r: RunningWorkers) =>
        (await r.queues.placement.getCompleted()).map((j) => j.returnvalue as PlacementJobResult);

    const waitFor = async (what: () => Promise<boolean>, timeoutMs: number) => {
        const until = Date.now() + timeoutMs;
        while (!(await what())) {
            if (Date.now() > until) throw new Error('timed out');
            await new Promise((r) => setTimeout(r, 100));
        }
    };

    it('runs on its schedule, and PLACEMENT_CRON=off removes the schedule: no run', async () => {
        running = await start(ctx, prefix, '* * * * * *');
        expect(await running.queues.placement.getJobSchedulers()).toHaveLength(1);
        // The scheduled runs take the baseline, then place a new account.
        await waitFor(async () => (await completed(running!)).some((r) => r.baseline), 10_000);
        const scheduled = await createAccount(ctx, {
            BillingPostalCode: 'ZT1',
            BillingLatitude: 40,
            BillingLongitude: -100,
            Territory_Segment__c: 'SMB'
        });
        await waitFor(async () => territoriesOf(ctx, scheduled).length === 1, 10_000);
        await running.close(1000);

        // Switched off: the schedule is gone and a new account stays where it is.
        running = await start(ctx, prefix, 'off');
        expect(await running.queues.placement.getJobSchedulers()).toHaveLength(0);
        const runs = (await completed(running)).length;
        const ignored = await createAccount(ctx, {
            BillingPostalCode: 'ZT1',
            BillingLatitude: 40,
            BillingLongitude: -100,
            Territory_Segment__c: 'SMB'
        });
        await new Promise((r) => setTimeout(r, 2500));
        expect((await completed(running)).length).toBe(runs);
        expect(await running.queues.placement.count()).toBe(0);
        expect(territoriesOf(ctx, ignored)).toEqual([]);
    });
});
