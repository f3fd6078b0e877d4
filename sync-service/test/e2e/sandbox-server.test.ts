/**
 * The sandbox server against a real local org: the Apex mirrors answer what the org holds, errors
 * reach the component as Lightning shapes them, service calls carry the token Apex mints, and the
 * mirrors check the custom permissions as the Apex does.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtVerify } from 'jose';
import type { FastifyInstance } from 'fastify';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { connectOrg, type OrgConnection } from '../../src/sandbox/org-client.js';
import { buildSandboxServer } from '../../src/sandbox/server.js';
import { createServiceClient } from '../../src/sandbox/service-client.js';
import { sandboxApex } from '../../src/sandbox/apex/registry.js';
import {
    CUSTOM_PERMISSIONS,
    PERMISSION_MESSAGES,
    SALES_OPS_PERMISSIONS
} from '../../src/sandbox/apex/permissions.js';

/** The signing certificate's key pair (Certificate and Key Management in an org). */
const SIGNING = generateKeyPairSync('rsa', { modulusLength: 2048 });

interface Recorded {
    method: string;
    url: string;
    authorization: string | undefined;
    body: string;
}

/** A stand-in service that records requests and answers like the real routes do. */
function recordingService(): Promise<{ server: Server; url: string; requests: Recorded[] }> {
    const requests: Recorded[] = [];
    const server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
            requests.push({
                method: request.method ?? '',
                url: request.url ?? '',
                authorization: request.headers.authorization,
                body
            });
            if (request.url === '/ready') {
                response.writeHead(503, { 'content-type': 'application/json' });
                response.end(
                    JSON.stringify({
                        statusCode: 503,
                        error: 'Service Unavailable',
                        message: 'Redis is down'
                    })
                );
                return;
            }
            response.writeHead(202, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ scenarioId: 'a0T000000000001AAA', jobId: '42' }));
        });
    });
    return new Promise((resolve) =>
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            const port = typeof address === 'object' && address ? address.port : 0;
            resolve({ server, url: `http://127.0.0.1:${port}`, requests });
        })
    );
}

const FORCE_APP = path.resolve(import.meta.dirname, '../../../force-app/main/default');

/** `@AuraEnabled` methods declared in force-app Apex classes: `Class.method`. */
function auraEnabledMethods(): string[] {
    const dir = path.join(FORCE_APP, 'classes');
    return readdirSync(dir)
        .filter((file) => file.endsWith('.cls') && !file.endsWith('Test.cls'))
        .flatMap((file) => {
            const source = readFileSync(path.join(dir, file), 'utf8');
            const className = file.replace(/\.cls$/, '');
            return [
                ...source.matchAll(
                    /@AuraEnabled(?:\([^)]*\))?\s+public\s+static\s+[\w<>, ]+?\s+(\w+)\s*\(/g
                )
            ].map((match) => `${className}.${match[1]}`);
        });
}

/** `@salesforce/apex/Class.method` imports of the package's components. */
function importedApexMethods(): string[] {
    const dir = path.join(FORCE_APP, 'lwc');
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.js') && !file.includes('__tests__'))
        .flatMap((file) => [
            ...readFileSync(path.join(dir, file), 'utf8').matchAll(
                /from\s+'@salesforce\/apex\/(\w+\.\w+)'/g
            )
        ])
        .map((match) => match[1]!);
}

describe('sandbox Apex mirrors', () => {
    const registry = sandboxApex({
        org: {} as OrgConnection,
        service: async () => null,
        customPermissions: SALES_OPS_PERMISSIONS
    });
    const mirrored = Object.entries(registry).flatMap(([className, methods]) =>
        Object.keys(methods).map((method) => `${className}.${method}`)
    );

    it('mirror every @AuraEnabled method of the Apex controllers, and nothing else', () => {
        const declared = auraEnabledMethods();
        expect(declared.length).toBeGreaterThan(0);
        expect([...mirrored].sort()).toEqual([...declared].sort());
    });

    it('check the custom permissions of the package with the messages of TerritoryPermissions', () => {
        const apex = readFileSync(path.join(FORCE_APP, 'classes/TerritoryPermissions.cls'), 'utf8');
        const constant = (name: string) => new RegExp(`\\b${name} =\\s*'([^']*)'`).exec(apex)?.[1];
        for (const [name, message] of Object.entries(PERMISSION_MESSAGES))
            expect(message, name).toBe(constant(name));
        expect([constant('PLAN'), constant('APPROVE')]).toEqual([
            CUSTOM_PERMISSIONS.plan,
            CUSTOM_PERMISSIONS.approve
        ]);
        for (const name of Object.values(CUSTOM_PERMISSIONS)) {
            const file = path.join(
                FORCE_APP,
                `customPermissions/${name}.customPermission-meta.xml`
            );
            expect(readFileSync(file, 'utf8')).toContain('<CustomPermission');
        }
    });

    it('cover every Apex method the components import', () => {
        const imported = importedApexMethods();
        expect(imported.length).toBeGreaterThan(0);
        expect(mirrored).toEqual(expect.arrayContaining([...new Set(imported)]));
    });
});

describe('sandbox server', () => {
    let org: LocalOrg;
    let app: FastifyInstance;
    let service: Awaited<ReturnType<typeof recordingService>>;
    let userId: string;
    let connection: OrgConnection;

    const apex = async (
        className: string,
        method: string,
        params: Record<string, unknown> = {}
    ) => {
        const response = await app.inject({
            method: 'POST',
            url: `/sandbox/apex/${className}/${method}`,
            payload: { params }
        });
        return { status: response.statusCode, body: response.json() as Record<string, unknown> };
    };

    beforeAll(async () => {
        org = await startLocalOrg({ accounts: 300, reps: 6, seed: 11 });
        service = await recordingService();
        connection = await connectOrg(org.credentials);
        userId = connection.userInfo!.id;
        const distDir = mkdtempSync(path.join(tmpdir(), 'sandbox-dist-'));
        writeFileSync(
            path.join(distDir, 'index.html'),
            '<script>window.__SANDBOX__ = {};</script><div id="shell"></div>'
        );
        const client = createServiceClient({
            baseUrl: service.url,
            signingKey: SIGNING.privateKey,
            orgId: org.store.orgId,
            userId,
            customPermissions: SALES_OPS_PERMISSIONS
        });
        app = await buildSandboxServer({
            distDir,
            staticResourcesDir: path.join(distDir, 'staticresources'),
            org: connection,
            userId,
            apex: sandboxApex({
                org: connection,
                service: client,
                customPermissions: SALES_OPS_PERMISSIONS
            })
        });
    });

    afterAll(async () => {
        await app?.close();
        await org?.close();
        await new Promise((resolve) => service?.server.close(resolve));
    });

    it('serves the shell with the running user for @salesforce/user/Id', async () => {
        const page = await app.inject({ url: '/lightning/r/Account/001000000000001AAA/view' });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(`window.__SANDBOX__ = {"userId":"${userId}"};`);
    });

    it('getModels lists the Active model first', async () => {
        const { status, body } = await apex('TerritoryPlanController', 'getModels');
        expect(status).toBe(200);
        const models = body as unknown as { id: string; state: string }[];
        expect(models[0]).toMatchObject({ id: org.sample!.activeModelId, state: 'Active' });
        expect(models.map((m) => m.id)).toContain(org.sample!.archivedModelId);
    });

    it('getPlanOverview puts every associated account of the model on the map once', async () => {
        const modelId = org.sample!.activeModelId;
        const { status, body } = await apex('TerritoryPlanController', 'getPlanOverview', {
            modelId
        });
        expect(status).toBe(200);
        const plan = body as unknown as {
            territories: {
                id: string;
                accountCount: number;
                potential: number;
                reps: { userId: string }[];
            }[];
            accounts: { id: string; territoryId: string; potential: number | null }[];
        };
        const territoryIds = new Set(
            [...org.store.all('Territory2')]
                .filter((t) => t.Territory2ModelId === modelId)
                .map((t) => t.Id)
        );
        const expected = new Map<string, string>();
        for (const link of org.store.all('ObjectTerritory2Association')) {
            if (territoryIds.has(String(link.Territory2Id))) {
                expected.set(String(link.ObjectId), String(link.Territory2Id));
            }
        }
        expect(plan.accounts).toHaveLength(expected.size);
        for (const point of plan.accounts) expect(point.territoryId).toBe(expected.get(point.id));
        const repTerritories = [...org.sample!.territoryByRep.values()];
        for (const territoryId of repTerritories) {
            const territory = plan.territories.find((t) => t.id === territoryId);
            expect(territory?.reps.length).toBeGreaterThan(0);
        }
    });

    it('getPlanOverview reads the figures the service stored, and computes none', async () => {
        const modelId = org.sample!.activeModelId;
        const typeId = [...org.store.all('Territory2Type')][0]!.Id;
        const stored = org.store.load('Territory2', {
            Name: 'Stored Figures',
            DeveloperName: 'Stored_Figures',
            Territory2ModelId: modelId,
            Territory2TypeId: typeId,
            Potential__c: 1234.5,
            Account_Count__c: 7,
            Travel_Km__c: 1,
            Sales_12M__c: 600,
            Won_Deals_12M__c: 2,
            Closed_Deals_12M__c: 5,
            Figures_At__c: '2026-11-30T08:00:00.000Z'
        });
        // An account far from anything: live travel would not be 1 km, live counts not 7.
        const account = org.store.load('Account', {
            Name: 'Far away',
            BillingLatitude: 0,
            BillingLongitude: 90
        });
        org.store.load('ObjectTerritory2Association', {
            ObjectId: account.Id,
            Territory2Id: stored.Id,
            AssociationCause: 'Territory2Manual'
        });

        const { status, body } = await apex('TerritoryPlanController', 'getPlanOverview', {
            modelId
        });
        expect(status).toBe(200);
        const plan = body as unknown as { territories: Record<string, unknown>[] };
        expect(plan.territories.find((t) => t.id === stored.Id)).toMatchObject({
            potential: 1234.5,
            accountCount: 7,
            travelKm: 1,
            figuresAt: '2026-11-30T08:00:00.000Z',
            kpis: { sales: 600, wonDeals: 2, closedDeals: 5 }
        });
    });

    it('getAccountTerritory names the territory the org associates the account with', async () => {
        const accountId = org.sample!.accountIds[7]!;
        const link = [...org.store.all('ObjectTerritory2Association')].find(
            (l) => l.ObjectId === accountId
        )!;
        const territory = org.store.get(String(link.Territory2Id))!;
        const { status, body } = await apex('AccountTerritoryController', 'getAccountTerritory', {
            accountId
        });
        expect(status).toBe(200);
        expect(body).toMatchObject({ territoryId: territory.Id, territoryName: territory.Name });
        const territories = body.territories as {
            id: string;
            potential: number | null;
            reps: { userId: string }[];
        }[];
        const modelTerritories = [...org.store.all('Territory2')].filter(
            (t) => t.Territory2ModelId === territory.Territory2ModelId
        );
        expect(territories.map((t) => t.id).sort()).toEqual(
            modelTerritories.map((t) => String(t.Id)).sort()
        );
        const own = territories.find((t) => t.id === territory.Id)!;
        const members = [...org.store.all('UserTerritory2Association')]
            .filter((u) => u.Territory2Id === territory.Id)
            .map((u) => u.UserId);
        expect(own.reps.map((r) => r.userId).sort()).toEqual([...members].sort());
        expect((body.territoryAccounts as unknown[]).length).toBeGreaterThan(0);
        // Figures are what Territory2 stores (none before the service's first pull or apply).
        expect(own.potential).toBe(territory.Potential__c ?? null);
        expect(body).not.toHaveProperty('figures');
    });

    it('turns an Apex exception into the error body a component reads', async () => {
        const { status, body } = await apex('AccountTerritoryController', 'getAccountTerritory', {
            accountId: org.sample!.activeModelId
        });
        expect(status).toBe(500);
        expect(body.exceptionType).toBe('System.AuraHandledException');
        expect(body.message).toMatch(/^Open this card on an Account record page/);
        const missing = await apex('TerritoryPlanController', 'noSuchMethod');
        expect(missing.status).toBe(404);
        expect(missing.body.message).toContain('TerritoryPlanController.noSuchMethod');
    });

    it('calls the service with the bearer token TerritoryServiceClient mints', async () => {
        const request = {
            modelId: org.sample!.activeModelId,
            name: 'Add two reps',
            settings: { balance: ['Potential', 'Workload'] }
        };
        const { status, body } = await apex('TerritoryPlanController', 'generateScenario', {
            requestJson: JSON.stringify(request)
        });
        expect(status).toBe(200);
        expect(body).toEqual({ scenarioId: 'a0T000000000001AAA', jobId: '42' });
        const sent = service.requests.find((r) => r.url === '/v1/scenarios')!;
        expect(sent.method).toBe('POST');
        expect(JSON.parse(sent.body)).toEqual(request);
        const token = sent.authorization!.replace(/^Bearer /, '');
        const { payload } = await jwtVerify(token, SIGNING.publicKey, { algorithms: ['RS256'] });
        expect(payload).toMatchObject({
            iss: org.store.orgId,
            sub: userId,
            perms: ['plan', 'approve']
        });
        expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(3600);
    });

    it('approves without naming the approver: the service takes the token subject', async () => {
        const scenarioId = String(
            org.store.load('Territory_Scenario__c', {
                Name: 'Approve me',
                Status__c: 'Ready',
                Territory_Model_Id__c: org.sample!.activeModelId
            }).Id
        );
        const { status } = await apex('TerritoryPlanController', 'approveScenario', {
            scenarioId
        });
        expect(status).toBe(200);
        const sent = service.requests.find((r) => r.url === `/v1/scenarios/${scenarioId}/approve`)!;
        expect(JSON.parse(sent.body)).toEqual({});
    });

    describe('as other personas, the mirrors refuse what the Apex refuses, before any call', () => {
        /** Calls a mirror method directly, with the given custom permissions. */
        const callAs = async (
            customPermissions: string[],
            method: string,
            params: Record<string, unknown> = {}
        ) => {
            const before = service.requests.length;
            const mirror = sandboxApex({
                org: connection,
                service: createServiceClient({
                    baseUrl: service.url,
                    signingKey: SIGNING.privateKey,
                    orgId: org.store.orgId,
                    userId,
                    customPermissions: new Set(customPermissions)
                }),
                customPermissions: new Set(customPermissions)
            }).TerritoryPlanController!;
            const outcome = await mirror[method]!(params).then(
                (value) => ({ value, error: undefined }),
                (error: Error) => ({ value: undefined, error: error.message })
            );
            return { ...outcome, calls: service.requests.length - before };
        };

        it('a rep (no custom permission) opens nothing of the planner', async () => {
            const modelId = org.sample!.activeModelId;
            for (const [method, params, message] of [
                ['getModels', {}, 'Territory_Plan or Territory_Approve'],
                ['getPlanOverview', { modelId }, 'Territory_Plan or Territory_Approve'],
                ['getScenarios', { modelId }, 'Territory_Plan or Territory_Approve'],
                ['getJobStatus', { jobId: 'generate-1' }, 'Territory_Plan or Territory_Approve'],
                ['compareScenarios', { a: 'current', b: modelId }, 'Territory_Plan or Territory'],
                ['generateScenario', { requestJson: '{}' }, 'Territory_Plan custom permission'],
                ['cancelJob', { jobId: 'generate-1' }, 'Territory_Plan custom permission'],
                ['approveScenario', { scenarioId: modelId }, 'Territory_Approve custom permission']
            ] as const) {
                const { error, calls } = await callAs([], method, params);
                expect(error, method).toContain(message);
                expect(calls, method).toBe(0);
            }
            const status = await callAs([], 'getServiceStatus');
            expect(status.value).toMatchObject({ reachable: false });
            expect((status.value as { message: string }).message).toMatch(
                /^You need the Territory_Plan or Territory_Approve custom permission/
            );
            expect(status.calls).toBe(0);
        });

        it('a planner plans but is refused approving, and its token says plan only', async () => {
            const planner = [CUSTOM_PERMISSIONS.plan];
            const approve = await callAs(planner, 'approveScenario', {
                scenarioId: 'a0T000000000001AAA'
            });
            expect(approve.error).toBe(
                'You need the Territory_Approve custom permission to approve scenarios. Ask your admin for the Territory Approver permission set.'
            );
            expect(approve.calls).toBe(0);
            const generated = await callAs(planner, 'generateScenario', {
                requestJson: JSON.stringify({
                    modelId: org.sample!.activeModelId,
                    name: 'Planner run',
                    settings: { balance: ['Potential'] }
                })
            });
            expect(generated.calls).toBe(1);
            const sent = service.requests.at(-1)!;
            const { payload } = await jwtVerify(
                sent.authorization!.replace(/^Bearer /, ''),
                SIGNING.publicKey
            );
            expect(payload.perms).toEqual(['plan']);
        });
    });

    it('validates a request before calling the service, as the Apex class does', async () => {
        const before = service.requests.length;
        const { status, body } = await apex('TerritoryPlanController', 'generateScenario', {
            requestJson: JSON.stringify({
                modelId: org.sample!.activeModelId,
                name: 'x',
                settings: {}
            })
        });
        expect(status).toBe(500);
        expect(body.message).toMatch(/^Choose at least one measure to balance/);
        expect(service.requests.length).toBe(before);
    });

    it('reports an unready service as a state, with the service message', async () => {
        const { status, body } = await apex('TerritoryPlanController', 'getServiceStatus');
        expect(status).toBe(200);
        expect(body.reachable).toBe(false);
        expect(body.message).toBe(
            'The territory service failed (503: Redis is down). Try again in a minute.'
        );
    });

    it('answers getRecord in the UI API shape, following lookups', async () => {
        const accountId = org.sample!.accountIds[0]!;
        const account = org.store.get(accountId)!;
        const owner = org.store.get(String(account.OwnerId))!;
        const response = await app.inject({
            url: `/sandbox/ui-api/records/${accountId}?fields=Account.Name,Account.Owner.Name&optionalFields=Account.No_Such_Field__c`
        });
        expect(response.statusCode).toBe(200);
        const record = response.json() as {
            fields: { Name: { value: string }; Owner: { displayValue: string } };
        };
        expect(record.fields.Name.value).toBe(account.Name);
        expect(record.fields.Owner.displayValue).toBe(owner.Name);
        const missing = await app.inject({
            url: '/sandbox/ui-api/records/001000000000000AAA?fields=Account.Name'
        });
        expect(missing.statusCode).toBe(404);
    });

    it('downloads a ContentVersion as the CSV link of a scenario', async () => {
        const csv = 'AccountId,Territory2Id,RepId,PreviousTerritory2Id\n001,0MI,005,0MI\n';
        const saved = await connection.sobject('ContentVersion').create({
            Title: 'assignments',
            PathOnClient: 'assignments.csv',
            VersionData: Buffer.from(csv).toString('base64')
        });
        expect(saved.success).toBe(true);
        const response = await app.inject({
            url: `/sfc/servlet.shepherd/version/download/${saved.id}`
        });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toMatch(/^text\/csv/);
        expect(response.body).toBe(csv);
        const bad = await app.inject({ url: '/sfc/servlet.shepherd/version/download/nope' });
        expect(bad.statusCode).toBe(404);
    });

    it('refuses static resource paths outside the resource folder', async () => {
        const response = await app.inject({ url: '/resource/x/..%2F..%2Fetc%2Fpasswd' });
        expect(response.statusCode).toBe(404);
    });
});
