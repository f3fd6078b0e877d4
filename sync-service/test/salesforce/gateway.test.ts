import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import {
    ApiBudgetExceededError,
    RequestLimitExceededError,
    SalesforceAuthError,
    SalesforceInputError,
    TransientSalesforceError,
    connectSalesforce,
    type SalesforceGateway
} from '../../src/salesforce/index.js';
import {
    assignmentsInStore,
    gatewayFor,
    rotateTarget,
    startOrgAndGateway,
    watchNoAccountUnassigned
} from './helpers.js';

let org: LocalOrg;
let gateway: SalesforceGateway;
let modelId: string;

beforeAll(async () => {
    ({ org, gateway, modelId } = await startOrgAndGateway(
        { accounts: 1000, reps: 25, seed: 11 },
        { bulkThreshold: 10_000 }
    ));
});
afterAll(async () => {
    await org.close();
});
beforeEach(() => {
    org.faults.clear();
});

function expectStoreMatches(target: { accountId: string; territoryId: string }[]): void {
    const now = assignmentsInStore(org, modelId);
    for (const t of target) expect(now.get(t.accountId)).toEqual([t.territoryId]);
}

describe('gateway: connection', () => {
    it('logs in with client credentials and pins the API version', () => {
        expect(gateway.connection.version).toBe('66.0');
        expect(gateway.connection.instanceUrl).toBe(org.url);
    });

    it('logs in with a JWT bearer assertion and re-runs it when the session expires', async () => {
        const { publicKey, privateKey } = generateKeyPairSync('rsa', {
            modulusLength: 2048,
            publicKeyEncoding: { type: 'spki', format: 'pem' },
            privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
        });
        const jwtOrg = await startLocalOrg({ accounts: 50, reps: 20, jwtPublicKey: publicKey });
        try {
            const g = await connectSalesforce({
                loginUrl: jwtOrg.credentials.loginUrl,
                clientId: jwtOrg.credentials.clientId,
                auth: { type: 'jwt', username: jwtOrg.credentials.username, privateKey }
            });
            jwtOrg.expireSessions();
            expect(await g.pullModels()).toHaveLength(2);
        } finally {
            await jwtOrg.close();
        }
    });

    it('logs in again when sessions time out', async () => {
        const shortOrg = await startLocalOrg({ accounts: 50, reps: 20, sessionTtlMs: 100 });
        try {
            const g = await gatewayFor(shortOrg);
            await g.pullModels();
            await new Promise((r) => setTimeout(r, 150));
            const accounts = await g.pullAccounts();
            expect(accounts).toHaveLength(50);
        } finally {
            await shortOrg.close();
        }
    });

    it('fails with SalesforceAuthError on bad credentials', async () => {
        await expect(
            connectSalesforce({
                loginUrl: org.url,
                clientId: org.credentials.clientId,
                clientSecret: 'wrong'
            })
        ).rejects.toBeInstanceOf(SalesforceAuthError);
    });
});

describe('gateway: pulls', () => {
    it('pulls models and finds the Active one', async () => {
        const models = await gateway.pullModels();
        expect(models.map((m) => m.state).sort()).toEqual(['Active', 'Archived']);
        expect(await gateway.activeModelId()).toBe(modelId);
    });

    it('pulls accounts with the default field map and their current territory', async () => {
        org.faults.add({ kind: 'expireSession', path: '/query' });
        const accounts = await gateway.pullAccounts({ modelId });
        expect(accounts).toHaveLength(1000);
        const current = assignmentsInStore(org, modelId);
        for (const a of accounts) {
            const rec = org.store.get(a.id)!;
            expect(a.measures).toEqual({
                Potential: rec.Territory_Potential__c,
                Workload: rec.Territory_Workload__c
            });
            expect([a.lat, a.lon, a.segment, a.locked, a.named]).toEqual([
                rec.BillingLatitude,
                rec.BillingLongitude,
                rec.Territory_Segment__c,
                rec.Territory_Locked__c,
                rec.Territory_Named__c
            ]);
            expect(a.territoryIds).toEqual(current.get(a.id));
        }
        // the sample org's key accounts (1 %) come through as named
        expect(accounts.filter((a) => a.named)).toHaveLength(10);
        expect(org.faults.fired.map((f) => f.kind)).toEqual(['expireSession']);
    });

    it('takes the field map from configuration and rejects a field name that is not one', async () => {
        const accounts = await gateway.pullAccounts({
            fieldMap: {
                latitude: 'BillingLatitude',
                longitude: 'BillingLongitude',
                measures: { Revenue: 'AnnualRevenue', Staff: 'NumberOfEmployees' }
            }
        });
        const rec = org.store.get(accounts[0]!.id)!;
        expect(accounts[0]!.measures).toEqual({
            Revenue: rec.AnnualRevenue,
            Staff: rec.NumberOfEmployees
        });
        expect(accounts[0]!.territoryId).toBeNull();
        await expect(
            gateway.pullAccounts({
                fieldMap: {
                    latitude: 'BillingLatitude, (SELECT Id FROM Contacts)',
                    longitude: 'x',
                    measures: {}
                }
            })
        ).rejects.toBeInstanceOf(SalesforceInputError);
    });

    it('scopes accounts by segment and by a branch of the territory tree', async () => {
        const smb = await gateway.pullAccounts({ modelId, scope: { segment: 'SMB' } });
        expect(smb.length).toBe(
            [...org.store.all('Account')].filter((a) => a.Territory_Segment__c === 'SMB').length
        );
        const region = org.sample!.regionTerritoryIds[0]!;
        const inRegion = new Set(
            [...org.store.all('Territory2')]
                .filter((t) => t.ParentTerritory2Id === region)
                .map((t) => t.Id)
        );
        const branch = await gateway.pullAccounts({
            modelId,
            scope: { parentTerritoryId: region }
        });
        const expected = [...assignmentsInStore(org, modelId)].filter(([, ts]) =>
            ts.some((t) => inRegion.has(t))
        ).length;
        expect(branch.length).toBe(expected);
        expect(branch.length).toBeGreaterThan(0);
    });

    it('pulls reps, territories with their users, and associations', async () => {
        const reps = await gateway.pullReps();
        const rep = reps.find((r) => r.id === org.sample!.repIds[0])!;
        const user = org.store.get(rep.id)!;
        expect(rep).toMatchObject({
            isActive: true,
            lat: user.Territory_Home_Latitude__c,
            lon: user.Territory_Home_Longitude__c,
            capacity: user.Territory_Capacity__c
        });
        const territories = await gateway.pullTerritories(modelId);
        expect(territories).toHaveLength(25 + 3);
        const t = territories.find((x) => x.id === org.sample!.territoryByRep.get(rep.id))!;
        expect(t.users).toMatchObject([
            { userId: rep.id, role: 'Owner', userIsActive: true, userName: rep.name }
        ]);
        const associations = await gateway.pullAssociations(modelId);
        expect(associations).toHaveLength(org.store.count('ObjectTerritory2Association'));
    });

    it('rolls opportunities up per account, through REST aggregates and through Bulk rows alike', async () => {
        const expected = new Map<string, { count: number; amount: number; won: number }>();
        for (const o of org.store.all('Opportunity')) {
            const e = expected.get(String(o.AccountId)) ?? { count: 0, amount: 0, won: 0 };
            e.count++;
            e.amount += Number(o.Amount);
            if (o.IsWon) e.won += Number(o.Amount);
            expected.set(String(o.AccountId), e);
        }
        const viaRest = await gateway.pullOpportunityAggregates();
        const bulkGateway = await gatewayFor(org, { bulkThreshold: 100 });
        const viaBulk = await bulkGateway.pullOpportunityAggregates();
        for (const rows of [viaRest, viaBulk]) {
            expect(rows).toHaveLength(expected.size);
            for (const r of rows) {
                const e = expected.get(r.accountId)!;
                expect([r.count, r.amount, r.wonAmount]).toEqual([e.count, e.amount, e.won]);
                expect(r.openAmount + r.wonAmount).toBeLessThanOrEqual(r.amount);
            }
        }
    });
});

describe('gateway: applyAssignments', () => {
    it('writes a delta through REST collections under faults, never leaving an account unassigned', async () => {
        const watch = watchNoAccountUnassigned(org);
        const target = rotateTarget(org, modelId, 3); // a third of the accounts move
        const moving = target.filter(
            (t) => !assignmentsInStore(org, modelId).get(t.accountId)?.includes(t.territoryId)
        ).length;
        org.faults.add({
            kind: 'unavailable',
            method: 'POST',
            path: '/composite/sobjects',
            nth: 1
        });
        org.faults.add({
            kind: 'lockRow',
            method: 'POST',
            path: '/composite/sobjects',
            nth: 2,
            records: 7
        });
        org.faults.add({ kind: 'drop', method: 'POST', path: '/composite/sobjects', nth: 3 });
        org.faults.add({
            kind: 'lockRow',
            method: 'DELETE',
            path: '/composite/sobjects',
            records: 5
        });
        org.faults.add({
            kind: 'expireSession',
            method: 'DELETE',
            path: '/composite/sobjects',
            nth: 2
        });
        const progress: number[] = [];
        const result = await gateway.applyAssignments(modelId, target, {
            onProgress: (p) => progress.push(p.done)
        });
        watch.stop();
        expect(result).toMatchObject({
            inserted: moving,
            deleted: moving,
            unchanged: 1000 - moving,
            failed: [],
            mode: 'rest'
        });
        expect(watch.violations).toEqual([]);
        expectStoreMatches(target);
        expect(org.faults.fired.map((f) => f.kind).sort()).toEqual([
            'drop',
            'expireSession',
            'lockRow',
            'lockRow',
            'unavailable'
        ]);
        expect(progress.at(-1)).toBe(2 * moving);
        const again = await gateway.applyAssignments(modelId, target);
        expect(again).toMatchObject({ inserted: 0, deleted: 0, unchanged: 1000 });
    });

    it('accepts a Map target and counts a failed insert whose pair exists as done (duplicate with any code)', async () => {
        const target = rotateTarget(org, modelId, 10);
        const changed = target.filter(
            (t) => !assignmentsInStore(org, modelId).get(t.accountId)?.includes(t.territoryId)
        );
        const sneaky = changed[0]!;
        // Someone else inserts the same pair while our insert request is in flight.
        org.faults.add({
            kind: 'slow',
            method: 'POST',
            path: '/composite/sobjects',
            delayMs: 0,
            run: () => {
                org.store.insert('ObjectTerritory2Association', {
                    ObjectId: sneaky.accountId,
                    Territory2Id: sneaky.territoryId,
                    AssociationCause: 'Territory2AssignmentRule'
                });
            }
        });
        const result = await gateway.applyAssignments(
            modelId,
            new Map(target.map((t) => [t.accountId, t.territoryId]))
        );
        expect(result.failed).toEqual([]);
        expect(result.inserted).toBe(changed.length);
        expect(org.faults.fired).toHaveLength(1);
        expectStoreMatches(target);
        // Our own insert of that pair failed as a duplicate; the other writer's row is the one left.
        const [kept] = [...org.store.associationsOf(sneaky.accountId)];
        expect(org.store.get(kept!)!.AssociationCause).toBe('Territory2AssignmentRule');
    });

    it('stops with RequestLimitExceededError mid-way without unassigning anyone, and a re-run finishes', async () => {
        const watch = watchNoAccountUnassigned(org);
        const target = rotateTarget(org, modelId, 2);
        org.faults.add({
            kind: 'limitExceeded',
            method: 'DELETE',
            path: '/composite/sobjects',
            nth: 2,
            times: Infinity
        });
        const err = await gateway.applyAssignments(modelId, target).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RequestLimitExceededError);
        expect(err).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED', source: 'org' });
        const midway = assignmentsInStore(org, modelId);
        expect([...midway.values()].some((ts) => ts.length > 1)).toBe(true);
        org.faults.clear();
        const rerun = await gateway.applyAssignments(modelId, target);
        expect(rerun.inserted).toBe(0);
        expect(rerun.deleted).toBeGreaterThan(0);
        watch.stop();
        expect(watch.violations).toEqual([]);
        expectStoreMatches(target);
    });

    it('stops on abort without unassigning anyone, and a re-run finishes', async () => {
        const watch = watchNoAccountUnassigned(org);
        const target = rotateTarget(org, modelId, 4);
        const abort = new AbortController();
        const err = await gateway
            .applyAssignments(modelId, target, {
                signal: abort.signal,
                onProgress: (p) => {
                    if (p.stage === 'insert' && p.done > 0) abort.abort();
                }
            })
            .catch((e: unknown) => e);
        expect(err).toMatchObject({ name: 'AbortError' });
        const rerun = await gateway.applyAssignments(modelId, target);
        expect(rerun.failed).toEqual([]);
        expect(rerun.deleted).toBeGreaterThan(0);
        watch.stop();
        expect(watch.violations).toEqual([]);
        expectStoreMatches(target);
    });

    it('uses Bulk API 2.0 above the threshold, retrying locked rows', async () => {
        const bulkGateway = await gatewayFor(org, { bulkThreshold: 200 });
        const watch = watchNoAccountUnassigned(org);
        const target = rotateTarget(org, modelId, 1);
        org.faults.add({ kind: 'lockRow', method: 'PATCH', path: '/jobs/ingest/', records: 40 });
        org.faults.add({ kind: 'unavailable', method: 'POST', path: '/jobs/ingest' });
        const result = await bulkGateway.applyAssignments(modelId, target);
        watch.stop();
        expect(result).toMatchObject({ inserted: 1000, deleted: 1000, failed: [], mode: 'bulk' });
        expect(watch.violations).toEqual([]);
        expectStoreMatches(target);
        expect(org.faults.fired.map((f) => f.kind)).toEqual(['unavailable', 'lockRow']);
    });

    it('reports rows that keep failing and leaves those accounts where they were', async () => {
        const target = rotateTarget(org, modelId, 50);
        const before = assignmentsInStore(org, modelId);
        const changed = target.filter((t) => !before.get(t.accountId)?.includes(t.territoryId));
        org.faults.add({
            kind: 'lockRow',
            method: 'POST',
            path: '/composite/sobjects',
            records: 3,
            times: Infinity
        });
        const result = await gateway.applyAssignments(modelId, target);
        expect(result.failed).toHaveLength(3);
        expect(
            result.failed.every((f) => f.stage === 'insert' && f.errorCode === 'UNABLE_TO_LOCK_ROW')
        ).toBe(true);
        expect(result.inserted).toBe(changed.length - 3);
        const after = assignmentsInStore(org, modelId);
        for (const f of result.failed)
            expect(after.get(f.accountId)).toEqual(before.get(f.accountId));
    });

    it('refuses target territories outside the model before writing anything', async () => {
        const used = org.usage.used;
        const bad = [{ accountId: org.sample!.accountIds[0]!, territoryId: '0MI5g00000000zzAAA' }];
        await expect(gateway.applyAssignments(modelId, bad)).rejects.toBeInstanceOf(
            SalesforceInputError
        );
        expect(org.usage.used - used).toBeLessThanOrEqual(2);
    });

    it('gives up on a persistent 503 with a TransientSalesforceError', async () => {
        org.faults.add({
            kind: 'unavailable',
            method: 'POST',
            path: '/composite/sobjects',
            times: Infinity
        });
        const target = rotateTarget(org, modelId, 100);
        await expect(gateway.applyAssignments(modelId, target)).rejects.toMatchObject({
            name: 'TransientSalesforceError',
            errorCode: 'SERVER_UNAVAILABLE'
        });
        expect(TransientSalesforceError).toBeDefined();
    });
});

describe('gateway: territories, scenarios, budget', () => {
    it('creates territories with their rep, idempotently, and can assign accounts to them', async () => {
        const rep = org.sample!.repIds[3]!;
        const created = await gateway.createTerritories(modelId, [
            { name: 'Dallas Expansion', userId: rep, parentId: org.sample!.regionTerritoryIds[1]! }
        ]);
        expect(created).toMatchObject([
            {
                name: 'Dallas Expansion',
                developerName: 'Dallas_Expansion',
                userId: rep,
                created: true
            }
        ]);
        const again = await gateway.createTerritories(modelId, [
            { name: 'Dallas Expansion', developerName: 'Dallas_Expansion', userId: rep }
        ]);
        expect(again).toMatchObject([{ id: created[0]!.id, created: false }]);
        const territory = (await gateway.pullTerritories(modelId)).find(
            (t) => t.id === created[0]!.id
        )!;
        expect(territory.users.map((u) => u.userId)).toEqual([rep]);
        const accountId = org.sample!.accountIds[5]!;
        const res = await gateway.applyAssignments(modelId, [
            { accountId, territoryId: created[0]!.id }
        ]);
        expect(res).toMatchObject({ inserted: 1, deleted: 1 });
        const second = await gateway.createTerritories(modelId, [{ name: 'Dallas Expansion' }]);
        expect(second[0]!.developerName).toBe('Dallas_Expansion_2');
    });

    it('saves, updates, lists and loads scenarios with their assignments CSV', async () => {
        const rows = org.sample!.accountIds.slice(0, 300).map((accountId, i) => ({
            accountId,
            territoryId: `0MI${i}`,
            repId: `005${i}`,
            previousTerritoryId: i % 2 ? '' : 'prev'
        }));
        const id = await gateway.saveScenario({
            name: 'Add two reps',
            status: 'Generating',
            source: 'Planner',
            modelId,
            settings: { balance: ['Potential', 'Workload'], tolerance: 0.05 }
        });
        expect(await gateway.loadAssignments(id)).toEqual([]);
        await gateway.updateScenario(
            id,
            {
                status: 'Ready',
                maxDeviation: 0.031,
                metrics: { reps: 27 },
                accountsMoved: 120,
                summary: 'x'.repeat(400)
            },
            rows
        );
        const loaded = await gateway.loadScenario(id);
        expect(loaded).toMatchObject({
            id,
            name: 'Add two reps',
            status: 'Ready',
            source: 'Planner',
            modelId,
            maxDeviation: 0.031,
            metrics: { reps: 27 },
            accountsMoved: 120,
            settings: { tolerance: 0.05 }
        });
        expect(loaded!.summary).toHaveLength(255);
        expect(org.store.get(id)!.Max_Deviation__c).toBe(3.1);
        expect(await gateway.loadAssignments(id)).toEqual(rows);
        await gateway.updateScenario(id, {}, rows.slice(0, 2));
        expect(await gateway.loadAssignments(id)).toEqual(rows.slice(0, 2));
        const versions = [...org.store.all('ContentVersion')].filter(
            (v) => v.FirstPublishLocationId === id
        );
        expect(versions.map((v) => [v.VersionNumber, v.IsLatest])).toEqual([
            ['1', false],
            ['2', true]
        ]);
        expect((await gateway.listScenarios(modelId)).map((s) => s.id)).toContain(id);
        expect(await gateway.loadScenario('a0T5g0000000zzzAAA')).toBeUndefined();
        await expect(gateway.updateScenario(id, { status: 'Nope' as never })).rejects.toMatchObject(
            { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' }
        );
    });

    it('counts API calls and stops at the configured budget', async () => {
        const limited = await gatewayFor(org, { budget: { maxCalls: 2 } });
        await limited.pullModels();
        expect(limited.apiUsage()).toMatchObject({ calls: 1, maxCalls: 2, orgLimit: 100_000 });
        await expect(limited.pullAccounts()).rejects.toBeInstanceOf(ApiBudgetExceededError);
        expect(limited.apiUsage().calls).toBe(2);
        const reserve = await gatewayFor(org, {
            budget: { minRemaining: 100_000 - org.usage.used }
        });
        await reserve.pullModels();
        await expect(reserve.pullModels()).rejects.toMatchObject({
            name: 'ApiBudgetExceededError',
            errorCode: 'REQUEST_LIMIT_EXCEEDED'
        });
        const limits = await gateway.limits();
        expect(limits.dailyApiRequests).toEqual({
            max: 100_000,
            remaining: 100_000 - org.usage.used
        });
    });
});
