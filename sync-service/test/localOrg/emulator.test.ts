import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
});

let org: LocalOrg;
let conn: Connection;

async function login(o: LocalOrg): Promise<Connection> {
    const c = o.credentials;
    const connection = new Connection({
        oauth2: { clientId: c.clientId, clientSecret: c.clientSecret, loginUrl: c.loginUrl },
        version: c.apiVersion
    });
    await connection.authorize({ grant_type: 'client_credentials' });
    return connection;
}

async function raw(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${org.url}/services/data/v${org.credentials.apiVersion}${path}`, {
        ...init,
        headers: {
            Authorization: `Bearer ${conn.accessToken}`,
            ...(init.headers as Record<string, string>)
        }
    });
}

beforeAll(async () => {
    org = await startLocalOrg({
        accounts: 4500,
        reps: 20,
        seed: 7,
        jwtPublicKey: publicKey,
        bulkProcessingDelayMs: 5
    });
    conn = await login(org);
});
afterAll(async () => {
    await org.close();
});

describe('local org: OAuth', () => {
    it('answers client_credentials with id and instance_url but no refresh token', async () => {
        const res = await fetch(`${org.url}/services/oauth2/token`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
                grant_type: 'client_credentials',
                client_id: org.credentials.clientId,
                client_secret: org.credentials.clientSecret
            })
        });
        const body = (await res.json()) as Record<string, string>;
        expect(res.status).toBe(200);
        expect(Object.keys(body).sort()).toEqual([
            'access_token',
            'id',
            'instance_url',
            'issued_at',
            'scope',
            'signature',
            'token_type'
        ]);
        expect(body.id).toBe(`${org.url}/id/${org.store.orgId}/${org.sample!.integrationUserId}`);
        expect(conn.userInfo?.organizationId).toBe(org.store.orgId);
    });

    it('rejects a wrong secret with invalid_client, as jsforce reports it', async () => {
        const c = org.credentials;
        const bad = new Connection({
            oauth2: { clientId: c.clientId, clientSecret: 'nope', loginUrl: c.loginUrl },
            version: c.apiVersion
        });
        await expect(bad.authorize({ grant_type: 'client_credentials' })).rejects.toMatchObject({
            name: 'invalid_client'
        });
    });

    it('accepts an RS256 JWT bearer assertion signed with the registered key, and rejects others', async () => {
        const sign = async (pem: string, sub: string): Promise<string> =>
            new SignJWT({})
                .setProtectedHeader({ alg: 'RS256' })
                .setIssuer(org.credentials.clientId)
                .setSubject(sub)
                .setAudience(org.credentials.loginUrl)
                .setExpirationTime('3m')
                .sign(await importPKCS8(pem, 'RS256'));
        const c = org.credentials;
        const jwtConn = new Connection({
            oauth2: { clientId: c.clientId, loginUrl: c.loginUrl },
            version: c.apiVersion
        });
        const info = await jwtConn.authorize({
            grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
            assertion: await sign(privateKey, c.username)
        });
        expect(info.id).toBe(org.sample!.integrationUserId);
        expect((await jwtConn.query('SELECT Id FROM Territory2Model')).totalSize).toBe(2);
        const other = generateKeyPairSync('rsa', {
            modulusLength: 2048,
            privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
            publicKeyEncoding: { type: 'spki', format: 'pem' }
        });
        await expect(
            jwtConn.authorize({
                grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
                assertion: await sign(other.privateKey, c.username)
            })
        ).rejects.toMatchObject({ name: 'invalid_grant' });
        await expect(
            jwtConn.authorize({
                grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
                assertion: await sign(privateKey, 'nobody@x')
            })
        ).rejects.toMatchObject({ name: 'invalid_grant' });
    });

    it('lets jsforce refresh with the refresh_token grant after the session expired', async () => {
        const c = org.credentials;
        const refreshing = new Connection({
            oauth2: { clientId: c.clientId, clientSecret: c.clientSecret, loginUrl: c.loginUrl },
            instanceUrl: c.instanceUrl,
            accessToken: 'expired',
            refreshToken: c.refreshToken,
            version: c.apiVersion
        });
        let refreshed = 0;
        refreshing.on('refresh', () => refreshed++);
        expect((await refreshing.query('SELECT COUNT() FROM User')).totalSize).toBe(22);
        expect(refreshed).toBe(1);
    });

    it('lists the served API versions without a session', async () => {
        const res = await fetch(`${org.url}/services/data/`);
        const versions = (await res.json()) as { version: string; url: string }[];
        expect(res.status).toBe(200);
        expect(versions.map((v) => v.version)).toContain(org.credentials.apiVersion);
        expect(versions.at(-1)).toEqual({
            label: 'v68.0',
            url: '/services/data/v68.0',
            version: '68.0'
        });
    });

    it('answers 401 INVALID_SESSION_ID in the real shape for an unknown token', async () => {
        const res = await fetch(`${org.url}/services/data/v66.0/query?q=SELECT+Id+FROM+Account`, {
            headers: { Authorization: 'Bearer bad' }
        });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual([
            { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
        ]);
    });
});

describe('local org: REST query', () => {
    it('pages 2,000 rows with slash-free locators and follows them through jsforce', async () => {
        const first = await conn.query('SELECT Id, Name FROM Account');
        expect(first.records).toHaveLength(2000);
        expect(first.done).toBe(false);
        expect(first.totalSize).toBe(4500);
        expect(first.nextRecordsUrl).toMatch(
            /\/services\/data\/v66\.0\/query\/01g[A-Za-z0-9]{15}-2000$/
        );
        const all = await conn.query('SELECT Id FROM Account', {
            autoFetch: true,
            maxFetch: 10_000
        });
        expect(all.records).toHaveLength(4500);
        expect(new Set(all.records.map((r) => r.Id)).size).toBe(4500);
    });

    it('honours Sforce-Query-Options batchSize within 200..2000', async () => {
        const res = await raw(`/query?q=${encodeURIComponent('SELECT Id FROM Account')}`, {
            headers: { 'Sforce-Query-Options': 'batchSize=300' }
        });
        const body = (await res.json()) as { records: unknown[]; nextRecordsUrl: string };
        expect(body.records).toHaveLength(300);
        expect(body.nextRecordsUrl).toMatch(
            /^\/services\/data\/v66\.0\/query\/01g[A-Za-z0-9]{15}-300$/
        );
        expect(res.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
        const small = await raw(`/query?q=${encodeURIComponent('SELECT Id FROM Account')}`, {
            headers: { 'Sforce-Query-Options': 'batchSize=5' }
        });
        expect(((await small.json()) as { records: unknown[] }).records).toHaveLength(200);
    });

    it('returns deleted rows only through queryAll', async () => {
        const [created] = await conn
            .sobject('Territory_Scenario__c')
            .create([{ Name: 'to delete', Status__c: 'Queued' }]);
        await conn.sobject('Territory_Scenario__c').destroy(created!.id!);
        const live = await conn.query(
            "SELECT Id FROM Territory_Scenario__c WHERE Name = 'to delete'"
        );
        const all = await conn.query(
            "SELECT Id, IsDeleted FROM Territory_Scenario__c WHERE Name = 'to delete'",
            { scanAll: true }
        );
        expect(live.totalSize).toBe(0);
        expect(all.records).toMatchObject([{ IsDeleted: true }]);
    });

    it('reports query errors in the platform shape', async () => {
        await expect(conn.query('SELEKT Id FROM Account')).rejects.toMatchObject({
            errorCode: 'MALFORMED_QUERY'
        });
        await expect(conn.query('SELECT Bacon__c FROM Account')).rejects.toMatchObject({
            errorCode: 'INVALID_FIELD'
        });
        const res = await raw('/query/01gZZZZZZZZZZZZZZZ-2000');
        expect(res.status).toBe(400);
    });

    it('serves the opportunity roll-up the gateway uses', async () => {
        const res = await conn.query<{ AccountId: string; n: number; amount: number }>(
            'SELECT AccountId, COUNT(Id) n, SUM(Amount) amount FROM Opportunity GROUP BY AccountId'
        );
        const byAccount = new Map<string, number>();
        for (const o of org.store.all('Opportunity'))
            byAccount.set(
                String(o.AccountId),
                (byAccount.get(String(o.AccountId)) ?? 0) + Number(o.Amount)
            );
        expect(res.totalSize).toBe(byAccount.size);
        const rows = await conn.query<{ AccountId: string; amount: number }>(
            'SELECT AccountId, SUM(Amount) amount FROM Opportunity GROUP BY AccountId'
        );
        expect(rows.records).toHaveLength(2000);
        for (const r of rows.records) expect(r.amount).toBeCloseTo(byAccount.get(r.AccountId)!, 6);
        // Like the platform, an aggregate result has no queryMore: LIMIT it to one batch.
        expect(rows.done).toBe(false);
        await expect(conn.queryMore(rows.nextRecordsUrl!)).rejects.toMatchObject({
            errorCode: 'MALFORMED_QUERY'
        });
    });
});

describe('local org: DML', () => {
    it('creates, reads, updates and deletes one record', async () => {
        const created = await conn
            .sobject('Account')
            .create({ Name: 'Solo Inc.', BillingLatitude: 40.1 });
        expect(created).toMatchObject({ success: true, errors: [] });
        const id = (created as { id: string }).id;
        await conn.sobject('Account').update({ Id: id, Territory_Locked__c: true });
        const rec = (await conn.sobject('Account').retrieve(id)) as Record<string, unknown>;
        expect(rec).toMatchObject({
            Name: 'Solo Inc.',
            Territory_Locked__c: true,
            BillingLatitude: 40.1,
            OwnerId: org.sample!.integrationUserId
        });
        await conn.sobject('Account').destroy(id);
        const res = await raw(`/sobjects/Account/${id}`, { method: 'DELETE' });
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual([
            { message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED', fields: [] }
        ]);
    });

    it('retrieves many records in request order, null for a missing one', async () => {
        const ids = org.sample!.accountIds.slice(0, 3);
        const records = (await conn
            .sobject('Account')
            .retrieve([ids[0]!, '001000000000000AAA', ids[2]!], { fields: ['Name'] })) as (Record<
            string,
            unknown
        > | null)[];
        expect(records.map((r) => r?.Id ?? null)).toEqual([ids[0], null, ids[2]]);
        expect(records[0]).toMatchObject({ Name: org.store.get(ids[0]!)!.Name });
    });

    it('validates fields like the platform', async () => {
        await expect(
            conn.sobject('Account').create({ Nope__c: 1, Name: 'x' })
        ).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
        await expect(conn.sobject('Account').create({ BillingCity: 'x' })).rejects.toMatchObject({
            errorCode: 'REQUIRED_FIELD_MISSING',
            data: { fields: ['Name'] }
        });
        await expect(
            conn.sobject('Territory_Scenario__c').create({ Name: 'x', Status__c: 'Bogus' })
        ).rejects.toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
        await expect(
            conn.sobject('Territory2').create({
                Name: 'x',
                DeveloperName: 'X1',
                Territory2ModelId: org.sample!.activeModelId,
                Territory2TypeId: org.sample!.repIds[0]
            })
        ).rejects.toMatchObject({ errorCode: 'INVALID_CROSS_REFERENCE_KEY' });
        await expect(
            conn.sobject('Account').update({ Id: '001B000001Lp1G2IAZ', Name: 'x' })
        ).rejects.toMatchObject({ errorCode: 'MALFORMED_ID' });
    });

    it('enforces the territory rules: unique associations, restricted cause, no update, one Active model', async () => {
        const accountId = org.sample!.accountIds[0]!;
        const territoryId = org.store.get([...org.store.associationsOf(accountId)][0]!)!
            .Territory2Id as string;
        const results = (await conn.sobject('ObjectTerritory2Association').create([
            {
                ObjectId: accountId,
                Territory2Id: territoryId,
                AssociationCause: 'Territory2Manual'
            },
            { ObjectId: accountId, Territory2Id: territoryId, AssociationCause: 'Nope' }
        ])) as { success: boolean; errors: { statusCode: string }[] }[];
        expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
            'DUPLICATE_VALUE',
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
        ]);
        const assocId = [...org.store.associationsOf(accountId)][0]!;
        await expect(
            conn
                .sobject('ObjectTerritory2Association')
                .update({ Id: assocId, AssociationCause: 'Territory2AssignmentRule' })
        ).rejects.toMatchObject({ errorCode: 'INVALID_TYPE_FOR_OPERATION' });
        const planning = await conn
            .sobject('Territory2Model')
            .create({ Name: 'Next', DeveloperName: 'FY28_Plan' });
        const planningId = (planning as { id: string }).id;
        expect(org.store.get(planningId)!.State).toBe('Planning');
        await expect(
            conn.sobject('Territory2Model').update({ Id: planningId, State: 'Active' })
        ).rejects.toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
        await expect(
            conn.sobject('Territory2Model').create({ Name: 'Dup', DeveloperName: 'FY28_Plan' })
        ).rejects.toMatchObject({ errorCode: 'DUPLICATE_DEVELOPER_NAME' });
    });

    it('runs sObject Collections with per-record statusCode, allOrNone rollback and the 200 limit', async () => {
        const before = org.store.count('Territory_Scenario__c');
        const mixed = (await conn.sobject('Territory_Scenario__c').create(
            [
                { Name: 'ok', Status__c: 'Queued' },
                { Name: 'bad', Status__c: 'Bogus' }
            ],
            { allOrNone: true }
        )) as { success: boolean; errors: { statusCode: string }[] }[];
        expect(mixed.map((r) => r.errors[0]?.statusCode)).toEqual([
            'ALL_OR_NONE_OPERATION_ROLLED_BACK',
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
        ]);
        expect(org.store.count('Territory_Scenario__c')).toBe(before);
        const partial = (await conn.sobject('Territory_Scenario__c').create([
            { Name: 'ok', Status__c: 'Queued' },
            { Name: 'bad', Status__c: 'Bogus' }
        ])) as { success: boolean }[];
        expect(partial.map((r) => r.success)).toEqual([true, false]);
        const tooMany = Array.from({ length: 201 }, (_, i) => ({ Name: `n${i}` }));
        await expect(conn.sobject('Territory_Scenario__c').create(tooMany)).rejects.toMatchObject({
            errorCode: 'EXCEEDED_ID_LIMIT'
        });
        const many = await conn
            .sobject('Territory_Scenario__c')
            .create(tooMany, { allowRecursive: true });
        expect(many.every((r) => r.success)).toBe(true);
        const ids = many.map((r) => r.id!);
        const deleted = await conn.sobject('Territory_Scenario__c').destroy(ids.slice(0, 150));
        expect(deleted.every((r) => r.success)).toBe(true);
    });

    it('stores ContentVersion bytes and serves them from VersionData', async () => {
        const [scenario] = await conn
            .sobject('Territory_Scenario__c')
            .create([{ Name: 'with file' }]);
        const csv = 'AccountId,Territory2Id,RepId,PreviousTerritory2Id\n001,0MI,005,\n';
        const cv = await conn.sobject('ContentVersion').create({
            Title: 'assignments',
            PathOnClient: 'assignments.csv',
            VersionData: Buffer.from(csv).toString('base64'),
            FirstPublishLocationId: scenario!.id
        });
        const id = (cv as { id: string }).id;
        const row = await conn.query<{
            ContentSize: number;
            VersionData: string;
            FileExtension: string;
            IsLatest: boolean;
        }>(
            `SELECT ContentSize, VersionData, FileExtension, IsLatest FROM ContentVersion WHERE FirstPublishLocationId = '${scenario!.id}'`
        );
        expect(row.records[0]).toMatchObject({
            ContentSize: csv.length,
            FileExtension: 'csv',
            IsLatest: true
        });
        const res = await raw(`/sobjects/ContentVersion/${id}/VersionData`);
        expect(await res.text()).toBe(csv);
    });
});

describe('local org: Bulk API 2.0', () => {
    it('runs an ingest job through jsforce with successful and failed results', async () => {
        const res = await conn.bulk2.loadAndWaitForResults({
            object: 'Territory_Scenario__c',
            operation: 'insert',
            input: [
                { Name: 'bulk 1', Status__c: 'Ready' },
                { Name: 'bulk 2', Status__c: 'Nope' }
            ],
            pollInterval: 20
        });
        expect(res.successfulResults).toHaveLength(1);
        expect(res.successfulResults[0]).toMatchObject({ sf__Created: 'true', Name: 'bulk 1' });
        expect(res.failedResults[0]!.sf__Error).toMatch(
            /^INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:/
        );
        expect(res.unprocessedRecords).toEqual([]);
    });

    it('updates and deletes through ingest jobs, matching rows on Id', async () => {
        const created = await conn.bulk2.loadAndWaitForResults({
            object: 'Territory_Scenario__c',
            operation: 'insert',
            input: [{ Name: 'u1' }, { Name: 'u2' }],
            pollInterval: 20
        });
        const ids = created.successfulResults.map((r) => String(r.sf__Id));
        const updated = await conn.bulk2.loadAndWaitForResults({
            object: 'Territory_Scenario__c',
            operation: 'update',
            input: [
                { Id: ids[0], Status__c: 'Ready', Summary__c: null },
                { Id: '001000000000000AAA', Status__c: 'Ready' }
            ],
            pollInterval: 20
        });
        expect(updated.successfulResults.map((r) => r.sf__Created)).toEqual(['false']);
        expect(updated.failedResults[0]!.sf__Error).toMatch(/^INVALID_CROSS_REFERENCE_KEY:/);
        expect(org.store.get(ids[0]!)).toMatchObject({ Status__c: 'Ready', Summary__c: null });
        const deleted = await conn.bulk2.loadAndWaitForResults({
            object: 'Territory_Scenario__c',
            operation: 'delete',
            input: ids.map((Id) => ({ Id })),
            pollInterval: 20
        });
        expect(deleted.successfulResults).toHaveLength(2);
        expect(ids.every((id) => org.store.isDeleted(id))).toBe(true);
    });

    it('pages query results with Sforce-Locator and ends with the literal "null"', async () => {
        const create = await raw('/jobs/query', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
                operation: 'query',
                query: 'SELECT Id, Name, Owner.Name FROM Account'
            })
        });
        const job = (await create.json()) as { id: string; state: string };
        expect(create.headers.get('sforce-locator')).toBeNull();
        const early = await raw(`/jobs/query/${job.id}/results`);
        expect([200, 412]).toContain(early.status);
        await new Promise((r) => setTimeout(r, 50));
        const ids = new Set<string>();
        let locator = '';
        const locators: string[] = [];
        for (;;) {
            const page = await raw(
                `/jobs/query/${job.id}/results?maxRecords=2000${locator ? `&locator=${locator}` : ''}`
            );
            expect(page.headers.get('content-type')).toMatch(/^text\/csv/);
            const lines = (await page.text()).trim().split('\n');
            expect(lines[0]).toBe('"Id","Name","Owner.Name"');
            expect(Number(page.headers.get('sforce-numberofrecords'))).toBe(lines.length - 1);
            for (const l of lines.slice(1)) ids.add(l.split(',')[0]!);
            locator = page.headers.get('sforce-locator')!;
            locators.push(locator);
            if (locator === 'null') break;
        }
        expect(ids.size).toBe(org.store.count('Account'));
        expect(locators).toEqual(['MjAwMA', 'NDAwMA', 'null']);
    });

    it('lets jsforce bulk2.query read a single-page result', async () => {
        const rows: Record<string, string>[] = [];
        const records = await conn.bulk2.query(
            'SELECT Id, Territory2.Name FROM ObjectTerritory2Association LIMIT 10',
            { pollInterval: 20 }
        );
        for await (const r of records) rows.push(r as Record<string, string>);
        expect(rows).toHaveLength(10);
        expect(rows[0]!['Territory2.Name']).toMatch(/ - /);
    });
});

describe('local org: limits and faults', () => {
    it('reports /limits and counts API calls in Sforce-Limit-Info', async () => {
        const limits = await conn.limits();
        expect(limits.DailyApiRequests).toEqual({
            Max: 100_000,
            Remaining: 100_000 - org.usage.used
        });
        await conn.query('SELECT Id FROM User LIMIT 1');
        expect(conn.limitInfo.apiUsage).toEqual({ used: org.usage.used, limit: 100_000 });
    });

    it('answers 403 REQUEST_LIMIT_EXCEEDED once the daily budget is used up', async () => {
        const used = org.usage.used;
        org.usage.used = org.usage.limit;
        try {
            await expect(conn.query('SELECT Id FROM User')).rejects.toMatchObject({
                errorCode: 'REQUEST_LIMIT_EXCEEDED'
            });
        } finally {
            org.usage.used = used;
        }
    });

    it('injects faults per endpoint and per N-th call', async () => {
        org.faults.add({
            kind: 'unavailable',
            method: 'POST',
            path: '/composite/sobjects',
            nth: 2
        });
        const ok = await conn.sobject('Territory_Scenario__c').create([{ Name: 'f1' }]);
        expect(ok[0]!.success).toBe(true);
        await expect(
            conn.sobject('Territory_Scenario__c').create([{ Name: 'f2' }])
        ).rejects.toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
        expect(
            (await conn.sobject('Territory_Scenario__c').create([{ Name: 'f3' }]))[0]!.success
        ).toBe(true);

        org.faults.add({
            kind: 'lockRow',
            method: 'POST',
            path: '/composite/sobjects',
            records: 1
        });
        const locked = (await conn
            .sobject('Territory_Scenario__c')
            .create([{ Name: 'l1' }, { Name: 'l2' }])) as {
            success: boolean;
            errors: { statusCode: string }[];
        }[];
        expect(locked.map((r) => r.errors[0]?.statusCode)).toEqual([
            'UNABLE_TO_LOCK_ROW',
            undefined
        ]);

        org.faults.add({ kind: 'drop', method: 'POST', path: '/composite/sobjects' });
        await expect(
            conn.sobject('Territory_Scenario__c').create([{ Name: 'd1' }])
        ).rejects.toThrow();

        org.faults.add({ kind: 'slow', path: '/limits', delayMs: 150 });
        const t0 = Date.now();
        await conn.limits();
        expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
        expect(org.faults.fired.map((f) => f.kind)).toEqual([
            'unavailable',
            'lockRow',
            'drop',
            'slow'
        ]);
    });

    it('expires sessions so that jsforce calls its refreshFn and retries', async () => {
        const c = org.credentials;
        let refreshes = 0;
        const withRefresh = new Connection({
            oauth2: { clientId: c.clientId, clientSecret: c.clientSecret, loginUrl: c.loginUrl },
            version: c.apiVersion,
            refreshFn: (cn, cb) => {
                refreshes++;
                cn.oauth2
                    .requestToken({ grant_type: 'client_credentials' })
                    .then((r) => cb(null, r.access_token, r), cb);
            }
        });
        await withRefresh.authorize({ grant_type: 'client_credentials' });
        org.faults.add({ kind: 'expireSession', path: '/query' });
        expect((await withRefresh.query('SELECT COUNT() FROM Territory2Model')).totalSize).toBe(
            org.store.count('Territory2Model')
        );
        expect(refreshes).toBe(1);
        conn = await login(org);
    });
});
