import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import * as engine from '../../src/engine/index.js';
import { freshQueues, testApp, token } from './helpers.js';
import { MEMORY_ORG_ID, MemoryGateway, smallSnapshot } from './memory-gateway.js';

const queues = freshQueues();
const gateway = new MemoryGateway(smallSnapshot());
let app: FastifyInstance;
let auth: { authorization: string };

beforeAll(async () => {
    app = await testApp({ gateway, queues, engine });
    auth = { authorization: `Bearer ${await token()}` };
});
afterAll(async () => {
    await app.close();
    await queues.dispose();
});

const validBody = {
    modelId: '0MA000000000001',
    name: 'Two more reps',
    settings: { balance: ['Potential', 'Workload'], tolerance: 0.05 }
};

/** Every operation the OpenAPI document lists, with its path parameters filled in. */
async function documentedOperations(): Promise<{ method: string; url: string }[]> {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json() as { paths: Record<string, Record<string, unknown>> };
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => ({
            method: method.toUpperCase(),
            url: path.replace(/\{[^}]+\}/g, 'a0X000000000001')
        }))
    );
}

describe('public routes', () => {
    it('GET /health answers ok without a token', async () => {
        const res = await app.inject({ method: 'GET', url: '/health' });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ status: 'ok' });
    });

    it('GET /ready checks Redis and the org', async () => {
        const res = await app.inject({ method: 'GET', url: '/ready' });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({
            status: 'ready',
            checks: { redis: { ok: true }, org: { ok: true } }
        });
    });

    it('GET /ready answers 503 naming the dependency that is down, not why', async () => {
        const down = await testApp({
            gateway,
            queues,
            engine,
            checks: {
                redis: async () => {},
                org: async () => {
                    throw new Error('connect ECONNREFUSED 127.0.0.1:1');
                }
            }
        });
        const res = await down.inject({ method: 'GET', url: '/ready' });
        await down.close();
        expect(res.statusCode).toBe(503);
        // The reason goes to the log only (security.test.ts).
        expect(res.json().checks).toEqual({ redis: { ok: true }, org: { ok: false } });
    });

    it('GET /openapi.json serves an OpenAPI 3 document with every route', async () => {
        const res = await app.inject({ method: 'GET', url: '/openapi.json' });
        expect(res.statusCode).toBe(200);
        const doc = res.json();
        expect(doc.openapi).toMatch(/^3\./);
        expect(Object.keys(doc.paths).sort()).toEqual([
            '/health',
            '/ready',
            '/v1/jobs/{id}',
            '/v1/layers',
            '/v1/layers/{id}',
            '/v1/models/{modelId}/audit',
            '/v1/models/{modelId}/audit/exclude',
            '/v1/models/{modelId}/audit/geocode',
            '/v1/models/{modelId}/layers/{layerId}/territories',
            '/v1/models/{modelId}/lead-flow',
            '/v1/models/{modelId}/rollout',
            '/v1/models/{modelId}/routes',
            '/v1/models/{modelId}/routes/{repId}',
            '/v1/scenarios',
            '/v1/scenarios/compare',
            '/v1/scenarios/{id}',
            '/v1/scenarios/{id}/approve',
            '/v1/scenarios/{id}/assignments',
            '/v1/scenarios/{id}/rollout',
            '/v1/scenarios/{id}/trade-off'
        ]);
        expect(doc.paths['/v1/scenarios'].post.security).toEqual([{ bearerAuth: [] }]);
    });
});

describe('authentication', () => {
    it('every documented non-public route answers 401 with a JSON error without a token', async () => {
        const ops = (await documentedOperations()).filter(
            (o) => !['/health', '/ready'].includes(o.url)
        );
        expect(ops.length).toBe(23);
        for (const op of [...ops, { method: 'GET', url: '/admin/queues' }]) {
            const res = await app.inject({
                method: op.method as 'GET',
                url: op.url,
                payload: op.method === 'POST' ? {} : undefined
            });
            expect(res.statusCode, `${op.method} ${op.url}`).toBe(401);
            expect(res.json()).toEqual({
                statusCode: 401,
                error: 'Unauthorized',
                message: expect.stringContaining('Missing Authorization header')
            });
        }
    });

    it.each([
        [
            'a token signed with another secret',
            () => token({ secret: 'x'.repeat(40) }),
            'not a valid JWT'
        ],
        [
            'an expired token',
            () => token({ expiresIn: Math.floor(Date.now() / 1000) - 600 }),
            'Token expired'
        ],
        [
            'a token valid for more than an hour',
            () => token({ expiresIn: '3h' }),
            'longer than 1 hour'
        ],
        ['a token without issuer', () => token({ iss: '' }), "'iss'"],
        ['a token without subject', () => token({ sub: '' }), "'sub'"],
        ['a token signed with HS512', () => token({ alg: 'HS512' }), 'HS256'],
        [
            'a token issued more than a minute in the future',
            () => token({ iat: Math.floor(Date.now() / 1000) + 120, expiresIn: '+10m' }),
            "Token claim 'iat' is in the future"
        ],
        ['not a JWT at all', async () => 'hello', 'not a valid JWT']
    ])('rejects %s', async (_name, make, message) => {
        const res = await app.inject({
            method: 'GET',
            url: '/v1/scenarios?modelId=0MA000000000001',
            headers: { authorization: `Bearer ${await make()}` }
        });
        expect(res.statusCode).toBe(401);
        expect(res.json().message).toContain(message);
    });

    it('rejects a non-Bearer Authorization header', async () => {
        const res = await app.inject({
            method: 'GET',
            url: '/v1/scenarios?modelId=0MA000000000001',
            headers: { authorization: 'Basic dXNlcjpwYXNz' }
        });
        expect(res.statusCode).toBe(401);
        expect(res.json().message).toBe("Authorization header must be 'Bearer <token>'");
    });

    it('checks the issuer when SF_ORG_ID is set', async () => {
        const strict = await testApp({
            gateway,
            queues,
            engine,
            config: { SF_ORG_ID: MEMORY_ORG_ID }
        });
        const other = await strict.inject({
            method: 'GET',
            url: '/v1/scenarios?modelId=0MA000000000001',
            headers: { authorization: `Bearer ${await token({ iss: '00D000000000002' })}` }
        });
        const own = await strict.inject({
            method: 'GET',
            url: '/v1/scenarios?modelId=0MA000000000001',
            headers: { authorization: `Bearer ${await token({ iss: MEMORY_ORG_ID })}` }
        });
        await strict.close();
        expect(other.statusCode).toBe(401);
        expect(other.json().message).toContain("'iss'");
        expect(own.statusCode).toBe(200);
    });

    it('lets a valid token through to the dashboard', async () => {
        const res = await app.inject({ method: 'GET', url: '/admin/queues', headers: auth });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('text/html');
    });
});

describe('malformed requests', () => {
    it.each([
        [
            'POST',
            '/v1/scenarios',
            { ...validBody, settings: {} },
            "body/settings must have required property 'balance'"
        ],
        [
            'POST',
            '/v1/scenarios',
            { ...validBody, settings: { balance: ['Potential'], tolerance: 5 } },
            'body/settings/tolerance must be <= 1'
        ],
        ['POST', '/v1/scenarios', { ...validBody, extra: 1 }, "body has unknown property 'extra'"],
        [
            'POST',
            '/v1/scenarios',
            { ...validBody, settings: { balance: [] } },
            'body/settings/balance must NOT have fewer than 1 items'
        ],
        [
            'POST',
            '/v1/scenarios',
            {
                ...validBody,
                settings: { balance: ['Potential'], addReps: [{ name: 'X', lat: 200, lon: 0 }] }
            },
            'body/settings/addReps/0/lat must be <= 90'
        ],
        [
            'POST',
            '/v1/scenarios',
            { ...validBody, modelId: 'bad id!' },
            'body/modelId must match pattern'
        ],
        ['GET', '/v1/scenarios', undefined, "querystring must have required property 'modelId'"],
        [
            'GET',
            '/v1/scenarios/compare?a=current',
            undefined,
            "querystring must have required property 'b'"
        ],
        [
            'GET',
            '/v1/scenarios/a0X000000000001/assignments?page=0',
            undefined,
            'querystring/page must be >= 1'
        ],
        [
            'GET',
            '/v1/scenarios/a0X000000000001/assignments?pageSize=100000',
            undefined,
            'querystring/pageSize must be <= 5000'
        ],
        [
            'POST',
            '/v1/scenarios/a0X000000000001/approve',
            { approver: '005000000000001' },
            "body has unknown property 'approver'"
        ],
        ['GET', '/v1/scenarios/bad%20id', undefined, 'params/id must match pattern'],
        ['DELETE', '/v1/jobs/bad%20id', undefined, 'params/id must match pattern']
    ])('%s %s answers 400: %s', async (method, url, payload, message) => {
        const res = await app.inject({
            method: method as 'GET',
            url,
            headers: auth,
            ...(payload ? { payload } : {})
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({
            statusCode: 400,
            error: 'Bad Request',
            message: expect.stringContaining(message)
        });
    });

    it('answers 400 for a body that is not JSON', async () => {
        const res = await app.inject({
            method: 'POST',
            url: '/v1/scenarios',
            headers: { ...auth, 'content-type': 'application/json' },
            payload: '{"modelId":'
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().message).toMatch(/JSON/);
    });

    it('answers 413 for a body above BODY_LIMIT_BYTES', async () => {
        const res = await app.inject({
            method: 'POST',
            url: '/v1/scenarios',
            headers: auth,
            payload: { ...validBody, name: 'x'.repeat(70 * 1024) }
        });
        expect(res.statusCode).toBe(413);
        expect(res.json().error).toBe('Payload Too Large');
    });

    it('answers 404 with JSON for an unknown scenario, job and route', async () => {
        const scenario = await app.inject({
            method: 'GET',
            url: '/v1/scenarios/a0X999999999999',
            headers: auth
        });
        expect(scenario.statusCode).toBe(404);
        expect(scenario.json().message).toContain('No scenario a0X999999999999');
        const job = await app.inject({
            method: 'GET',
            url: '/v1/jobs/generate-nothing',
            headers: auth
        });
        expect(job.statusCode).toBe(404);
        expect(job.json().message).toContain('No job generate-nothing');
        const route = await app.inject({ method: 'GET', url: '/v1/nothing', headers: auth });
        expect(route.statusCode).toBe(404);
        expect(route.json().message).toContain('No route GET /v1/nothing');
    });
});

describe('errors and limits', () => {
    it('a route that throws answers 500 without internals', async () => {
        const broken = new MemoryGateway(smallSnapshot());
        broken.listScenarios = async () => {
            throw new Error('SELECT failed: password=hunter2 at /srv/app/db.ts:12');
        };
        const b = await testApp({ gateway: broken, queues, engine });
        const res = await b.inject({
            method: 'GET',
            url: '/v1/scenarios?modelId=0MA000000000001',
            headers: auth
        });
        await b.close();
        expect(res.statusCode).toBe(500);
        const body = res.json();
        expect(body).toEqual({
            statusCode: 500,
            error: 'Internal Server Error',
            message: expect.stringContaining('request id')
        });
        expect(JSON.stringify(body)).not.toMatch(/hunter2|SELECT|db\.ts/);
    });

    it('rate limits each org user with 429 and a JSON error, whatever token they send', async () => {
        const limited = await testApp({ gateway, queues, engine, config: { RATE_LIMIT_MAX: 2 } });
        const get = async (sub: string) =>
            limited.inject({
                method: 'GET',
                url: '/v1/scenarios?modelId=0MA000000000001',
                // Apex mints a new token for every call.
                headers: {
                    authorization: `Bearer ${await token({ sub, expiresIn: `${600 + Math.random()}s` })}`
                }
            });
        const codes: number[] = [];
        for (let i = 0; i < 3; i++) codes.push((await get('005A')).statusCode);
        const last = await get('005A');
        const other = await get('005B');
        const health = await limited.inject({ method: 'GET', url: '/health' });
        await limited.close();
        expect(codes).toEqual([200, 200, 429]);
        expect(last.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
        expect(last.json().message).toMatch(/^Rate limit of 2 requests per/);
        expect(other.statusCode).toBe(200);
        expect(health.statusCode).toBe(200);
    });
});

describe('scenario routes', () => {
    it('creates a scenario: 202, a Queued record and a generate job carrying no secret', async () => {
        const res = await app.inject({
            method: 'POST',
            url: '/v1/scenarios',
            headers: auth,
            payload: validBody
        });
        expect(res.statusCode).toBe(202);
        const { scenarioId, jobId } = res.json();
        expect(jobId).toBe(`generate-${scenarioId}`);
        expect(gateway.scenarios.get(scenarioId)).toMatchObject({
            status: 'Queued',
            source: 'Planner',
            jobId
        });
        const job = await app.inject({ method: 'GET', url: `/v1/jobs/${jobId}`, headers: auth });
        expect(job.json()).toMatchObject({
            id: jobId,
            queue: 'scenario-generate',
            state: 'waiting',
            progress: { percent: 0, stage: 'queued' }
        });
        const stored = await queues.generate.getJob(jobId);
        expect(JSON.stringify(stored?.data)).not.toMatch(/secret|token|Bearer/i);
        const detail = await app.inject({
            method: 'GET',
            url: `/v1/scenarios/${scenarioId}`,
            headers: auth
        });
        expect(detail.json()).toMatchObject({
            id: scenarioId,
            status: 'Queued',
            progress: { percent: 0, stage: 'queued' }
        });
    });

    it('cancels a waiting generate job and discards its scenario', async () => {
        const created = await app.inject({
            method: 'POST',
            url: '/v1/scenarios',
            headers: auth,
            payload: validBody
        });
        const { scenarioId, jobId } = created.json();
        const res = await app.inject({ method: 'DELETE', url: `/v1/jobs/${jobId}`, headers: auth });
        expect(res.json()).toEqual({ id: jobId, state: 'cancelled' });
        expect(gateway.scenarios.get(scenarioId)?.status).toBe('Discarded');
        expect(await queues.generate.getJob(jobId)).toBeUndefined();
    });

    it('pages assignments and filters moved ones', async () => {
        const rows = Array.from({ length: 7 }, (_, i) => ({
            accountId: `001${i}`,
            territoryId: i % 2 ? 'T2' : 'T1',
            repId: '',
            previousTerritoryId: 'T1'
        }));
        const id = await gateway.createScenario(
            {
                name: 's',
                status: 'Ready',
                source: 'Planner',
                modelId: '0MA000000000001',
                settings: { balance: ['Count'] },
                accountsMoved: 3
            },
            rows
        );
        const page2 = await app.inject({
            method: 'GET',
            url: `/v1/scenarios/${id}/assignments?page=2&pageSize=3`,
            headers: auth
        });
        expect(page2.json()).toEqual({ page: 2, pageSize: 3, total: 7, items: rows.slice(3, 6) });
        const moved = await app.inject({
            method: 'GET',
            url: `/v1/scenarios/${id}/assignments?movedOnly=true`,
            headers: auth
        });
        expect(moved.json().total).toBe(3);
        expect(moved.json().items.map((r: { accountId: string }) => r.accountId)).toEqual([
            '0011',
            '0013',
            '0015'
        ]);
    });

    it('refuses to approve a scenario that is not Ready or Proposed', async () => {
        const id = await gateway.createScenario({
            name: 'q',
            status: 'Generating',
            source: 'Planner',
            modelId: '0MA000000000001',
            settings: { balance: ['Count'] }
        });
        const res = await app.inject({
            method: 'POST',
            url: `/v1/scenarios/${id}/approve`,
            headers: auth,
            payload: { approvedBy: '005000000000001' }
        });
        expect(res.statusCode).toBe(409);
        expect(res.json().message).toBe(
            `Scenario ${id} is Generating; only a Ready or Proposed scenario can be approved`
        );
    });

    it('refuses to approve a scenario whose generation failed', async () => {
        const id = await gateway.createScenario({
            name: 'broken',
            status: 'Failed',
            source: 'Planner',
            modelId: '0MA000000000001',
            settings: { balance: ['Count'] },
            error: 'Unknown measure'
        });
        const res = await app.inject({
            method: 'POST',
            url: `/v1/scenarios/${id}/approve`,
            headers: auth,
            payload: { approvedBy: '005000000000001' }
        });
        expect(res.statusCode).toBe(409);
        expect(res.json().message).toBe(
            `Scenario ${id} has no generated plan to apply; generate it again`
        );
    });

    it('compares the current plan with a scenario', async () => {
        const snap = smallSnapshot();
        const rows = snap.accounts.map((a, i) => ({
            accountId: a.id,
            territoryId: i < 3 ? snap.territories[0]!.id : snap.territories[1]!.id,
            repId: '',
            previousTerritoryId: a.territoryId!
        }));
        const id = await gateway.createScenario(
            {
                name: 'split',
                status: 'Ready',
                source: 'Planner',
                modelId: snap.modelId,
                settings: { balance: ['Count'] },
                accountsMoved: 3
            },
            rows
        );
        const res = await app.inject({
            method: 'GET',
            url: `/v1/scenarios/compare?a=current&b=${id}`,
            headers: auth
        });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.a).toMatchObject({ id: 'current', maxDeviation: 1, accountsMoved: 0 });
        expect(body.b).toMatchObject({
            id,
            maxDeviation: 0,
            accountsMoved: 3,
            withinTolerance: true
        });
        expect(body.movedAccounts.total).toBe(3);
        // Ann's territory held all 6 accounts against a target of 3: each move says so.
        expect(body.movedAccounts.items.map((m: { reason: unknown }) => m.reason)).toEqual(
            Array(3).fill({ code: 'over-target', measure: 'Count', deviation: 1 })
        );
        expect(body.repChanges).toEqual(
            expect.arrayContaining([
                expect.objectContaining({
                    territoryId: snap.territories[1]!.id,
                    repName: 'Bob',
                    gained: 3,
                    lost: 0,
                    accountsBefore: 0,
                    accountsAfter: 3
                }),
                expect.objectContaining({
                    territoryId: snap.territories[0]!.id,
                    gained: 0,
                    lost: 3,
                    accountsBefore: 6,
                    accountsAfter: 3
                })
            ])
        );
    });

    it('answers 503 (not 500) when Redis is unreachable', async () => {
        const dead = freshQueues();
        await dead.close(); // closed connections behave like an unreachable Redis
        const d = await testApp({ gateway, queues: dead, engine });
        const res = await d.inject({
            method: 'POST',
            url: '/v1/scenarios',
            headers: auth,
            payload: validBody
        });
        await d.close();
        expect(res.statusCode).toBe(503);
        expect(res.json().message).toContain('Redis cannot be reached');
    });
});
