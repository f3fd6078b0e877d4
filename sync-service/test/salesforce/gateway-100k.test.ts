import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalOrg } from '../../src/localOrg/index.js';
import type { SalesforceGateway } from '../../src/salesforce/index.js';
import {
    assignmentsInStore,
    rotateTarget,
    startOrgAndGateway,
    watchNoAccountUnassigned
} from './helpers.js';

let org: LocalOrg;
let gateway: SalesforceGateway;
let modelId: string;

beforeAll(async () => {
    ({ org, gateway, modelId } = await startOrgAndGateway(
        { accounts: 100_000, reps: 40, seed: 5, opportunitiesPerAccount: 0.3 },
        {
            bulkThreshold: 10_000,
            bulk: { pollIntervalMs: 25, pollTimeoutMs: 60_000, pageSize: 30_000 }
        }
    ));
});
afterAll(async () => {
    await org.close();
});

describe('gateway at 100k accounts', () => {
    it('pulls through Bulk API 2.0 pages and writes 100k changed assignments under faults', async () => {
        org.faults.add({ kind: 'expireSession', path: '/results' });
        const accounts = await gateway.pullAccounts({ modelId });
        expect(accounts).toHaveLength(100_000);
        expect(new Set(accounts.map((a) => a.id)).size).toBe(100_000);
        expect(accounts.every((a) => a.territoryIds.length === 1)).toBe(true);
        const aggregates = await gateway.pullOpportunityAggregates();
        expect(aggregates.reduce((s, a) => s + a.count, 0)).toBe(org.store.count('Opportunity'));

        const watch = watchNoAccountUnassigned(org);
        const target = rotateTarget(org, modelId);
        org.faults.add({ kind: 'lockRow', method: 'PATCH', path: '/jobs/ingest/', records: 250 });
        org.faults.add({ kind: 'expireSession', method: 'POST', path: '/jobs/ingest', nth: 2 });
        const usedBefore = org.usage.used;
        const result = await gateway.applyAssignments(modelId, target);
        watch.stop();
        expect(result).toMatchObject({
            inserted: 100_000,
            deleted: 100_000,
            unchanged: 0,
            failed: [],
            mode: 'bulk'
        });
        expect(watch.violations).toEqual([]);
        const now = assignmentsInStore(org, modelId);
        const wrong = target.filter((t) => now.get(t.accountId)?.join() !== t.territoryId);
        expect(wrong).toEqual([]);
        expect(org.faults.fired.map((f) => f.kind)).toEqual([
            'expireSession',
            'lockRow',
            'expireSession'
        ]);
        // Bulk keeps the call count small: a few dozen calls for 200k row writes.
        expect(org.usage.used - usedBefore).toBeLessThan(150);
        const again = await gateway.applyAssignments(modelId, target);
        expect(again).toMatchObject({ inserted: 0, deleted: 0, unchanged: 100_000 });
    });

    it('pulls associations, reps and territories and stores a 100k-row scenario under faults', async () => {
        org.faults.add({ kind: 'expireSession', path: '/results' });
        const associations = await gateway.pullAssociations(modelId);
        expect(associations).toHaveLength(org.store.count('ObjectTerritory2Association'));
        expect(new Set(associations.map((a) => a.accountId)).size).toBe(100_000);
        const reps = await gateway.pullReps();
        expect(reps.length).toBeGreaterThanOrEqual(40);
        const territories = await gateway.pullTerritories(modelId);
        const territoryIds = new Set(territories.map((t) => t.id));
        expect(associations.every((a) => territoryIds.has(a.territoryId))).toBe(true);

        const rows = associations.map((a, i) => ({
            accountId: a.accountId,
            territoryId: a.territoryId,
            repId: `005${i % 40}`,
            previousTerritoryId: i % 3 ? a.territoryId : ''
        }));
        const id = await gateway.saveScenario({
            name: 'Full plan at 100k',
            status: 'Generating',
            source: 'Planner',
            modelId,
            settings: { balance: ['Potential'], tolerance: 0.05 }
        });
        // The first write of the CSV meets a 503; the gateway retries it.
        org.faults.add({ kind: 'unavailable', method: 'POST', path: '/composite/sobjects' });
        await gateway.updateScenario(id, { status: 'Ready', accountsMoved: 0 }, rows);
        expect(org.faults.fired.map((f) => f.kind)).toContain('unavailable');
        expect((await gateway.loadScenario(id))?.status).toBe('Ready');
        expect(await gateway.loadAssignments(id)).toEqual(rows);
    });
});
