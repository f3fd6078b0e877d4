/**
 * Issue 14's security and integrity defects, each as the request that showed it: public routes
 * that spent API calls or told why a dependency failed, tokens of another org, coerced types,
 * 500s for client errors, writes before validation.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import * as engine from '../../src/engine/index.js';
import { buildApp } from '../../src/app.js';
import { cachedCheck } from '../../src/http/routes/health/index.js';
import { appConfig, freshQueues, testApp, token } from './helpers.js';
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

/** A logger whose JSON lines are kept in `lines`. */
function capturedLogger() {
    const lines: string[] = [];
    const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString());
            done();
        }
    });
    return { logger: pino({ level: 'info' }, stream), lines };
}

describe('GET /ready (defect 1)', () => {
    it('25 rapid calls cost at most one org API call', async () => {
        const counting = new MemoryGateway(smallSnapshot());
        let pings = 0;
        counting.ping = async () => {
            pings += 1;
        };
        const probe = await testApp({ gateway: counting, queues, engine });
        const answers = await Promise.all(
            Array.from({ length: 15 }, () => probe.inject({ method: 'GET', url: '/ready' }))
        );
        for (let i = 0; i < 10; i++)
            answers.push(await probe.inject({ method: 'GET', url: '/ready' }));
        await probe.close();
        expect(answers.map((a) => a.statusCode)).toEqual(Array(25).fill(200));
        expect(pings).toBe(1);
    });

    it('keeps dependency errors out of the answer and puts them in the log', async () => {
        const { logger, lines } = capturedLogger();
        const down = await buildApp(
            {
                config: appConfig,
                gateway,
                queues,
                engine,
                checks: {
                    redis: async () => {},
                    org: async () => {
                        throw new Error('Salesforce login failed: invalid_client_id at 10.0.0.7');
                    }
                }
            },
            { logger }
        );
        const first = await down.inject({ method: 'GET', url: '/ready' });
        const second = await down.inject({ method: 'GET', url: '/ready' });
        await down.close();
        for (const res of [first, second]) {
            expect(res.statusCode).toBe(503);
            expect(res.json()).toEqual({
                status: 'unavailable',
                checks: { redis: { ok: true }, org: { ok: false } }
            });
            expect(res.body).not.toContain('Salesforce');
        }
        const logged = lines.filter((l) => l.includes('invalid_client_id'));
        // Logged once: the second probe reused the first check.
        expect(logged).toHaveLength(1);
    });

    it('checks again once the interval has passed, failures included', async () => {
        let now = 0;
        let calls = 0;
        const check = cachedCheck(
            async () => {
                calls += 1;
                if (calls === 1) throw new Error('down');
            },
            30_000,
            undefined,
            () => now
        );
        expect((await check()).ok).toBe(false);
        now = 29_999;
        expect((await check()).ok).toBe(false);
        expect(calls).toBe(1);
        now = 30_000;
        expect((await check()).ok).toBe(true);
        expect(calls).toBe(2);
    });
});

describe('tokens are bound to the org the service logged in to (defect 2)', () => {
    const list = (app: FastifyInstance, jwt: string) =>
        app.inject({
            method: 'GET',
            url: '/v1/scenarios?modelId=0MA000000000001',
            headers: { authorization: `Bearer ${jwt}` }
        });

    it('refuses a token of another org with SF_ORG_ID empty (the default)', async () => {
        const res = await list(app, await token({ iss: '00DATTACKER000000' }));
        expect(res.statusCode).toBe(401);
        expect(res.json().message).toContain(`tokens must be issued by org ${MEMORY_ORG_ID}`);
        expect((await list(app, await token({ iss: MEMORY_ORG_ID }))).statusCode).toBe(200);
    });

    it('refuses a token issued a year in the future, accepts 30 s of clock skew', async () => {
        const now = Math.floor(Date.now() / 1000);
        const future = await list(
            app,
            await token({ iat: now + 365 * 24 * 3600, expiresIn: now + 365 * 24 * 3600 + 60 })
        );
        expect(future.statusCode).toBe(401);
        expect(future.json().message).toContain("'iat'");
        const skewed = await list(app, await token({ iat: now + 30, expiresIn: now + 600 }));
        expect(skewed.statusCode).toBe(200);
    });

    it('with SF_ORG_ID set to the 15-character id, accepts tokens naming the 18-character id', async () => {
        const strict = await testApp({
            gateway,
            queues,
            engine,
            config: { SF_ORG_ID: MEMORY_ORG_ID.slice(0, 15) }
        });
        const apex = await list(strict, await token({ iss: MEMORY_ORG_ID }));
        const short = await list(strict, await token({ iss: MEMORY_ORG_ID.slice(0, 15) }));
        // Ids are case-sensitive in their 15-character form.
        const otherCase = await list(strict, await token({ iss: MEMORY_ORG_ID.toLowerCase() }));
        await strict.close();
        expect(apex.statusCode).toBe(200);
        expect(short.statusCode).toBe(200);
        expect(otherCase.statusCode).toBe(401);
    });

    it('with SF_ORG_ID naming another org than the one logged in to, refuses every token with a 503 that says so', async () => {
        const wrong = await testApp({
            gateway,
            queues,
            engine,
            config: { SF_ORG_ID: '00D000000000999' }
        });
        const theirs = await list(wrong, await token({ iss: '00D000000000999' }));
        const ours = await list(wrong, await token({ iss: MEMORY_ORG_ID }));
        await wrong.close();
        for (const res of [theirs, ours]) {
            expect(res.statusCode).toBe(503);
            expect(res.json().message).toContain(
                `SF_ORG_ID is 00D000000000999 but the service is logged in to org ${MEMORY_ORG_ID}`
            );
        }
    });
});

describe('no coercion, and nothing written before the request is checked (defect 4)', () => {
    const post = (payload: unknown) =>
        app.inject({
            method: 'POST',
            url: '/v1/scenarios',
            headers: auth,
            payload: payload as object
        });

    it('answers 400 for numbers where strings are expected, and a string for a list, writing nothing', async () => {
        const before = gateway.scenarios.size;
        const res = await post({ modelId: 1, name: 2, settings: { balance: 'Count' } });
        expect(res.statusCode).toBe(400);
        const message = res.json().message as string;
        expect(message).toContain('body/modelId must be string');
        expect(gateway.scenarios.size).toBe(before);
        const numbers = await post({
            modelId: '0MA000000000001',
            name: 'x',
            settings: { balance: ['Count'], tolerance: '0.05' }
        });
        expect(numbers.statusCode).toBe(400);
        expect(numbers.json().message).toContain('body/settings/tolerance must be number');
        expect(gateway.scenarios.size).toBe(before);
    });

    it('answers 404 for a model the org does not have, writing nothing', async () => {
        const before = gateway.scenarios.size;
        const res = await post({
            modelId: '0MA000000000999',
            name: 'Unknown model',
            settings: { balance: ['Count'] }
        });
        expect(res.statusCode).toBe(404);
        expect(res.json().message).toContain('modelId 0MA000000000999 is not a territory model');
        expect(gateway.scenarios.size).toBe(before);
    });

    it.each([
        [
            { lockedTerritoryIds: ['0MI000000000999'] },
            'settings.lockedTerritoryIds: 0MI000000000999'
        ],
        [{ removeRepIds: ['005000000000999'] }, 'settings.removeRepIds: 005000000000999'],
        [
            { lockedAccountIds: ['001-not-an-id'] },
            'body/settings/lockedAccountIds/0 must match pattern'
        ],
        [
            { pinnedAccounts: { '001000000000001': '0MI000000000999' } },
            'settings.pinnedAccounts: 0MI000000000999 is not a territory'
        ],
        [
            { pinnedAccounts: { '001-not-an-id': '0MI000000000001' } },
            "body/settings/pinnedAccounts has unknown property '001-not-an-id'"
        ]
    ])(
        'answers 400 for ids the model does not have or that are not ids (%j), writing nothing',
        async (extra, message) => {
            const before = gateway.scenarios.size;
            const res = await post({
                modelId: '0MA000000000001',
                name: 'Bad ids',
                settings: { balance: ['Count'], ...extra }
            });
            expect(res.statusCode).toBe(400);
            expect(res.json().message).toContain(message);
            expect(gateway.scenarios.size).toBe(before);
        }
    );

    it('reads query numbers and booleans from their text: 1.5, 1e3 and yes are refused', async () => {
        const id = await gateway.createScenario(
            {
                name: 'Paged',
                status: 'Ready',
                source: 'Planner',
                modelId: '0MA000000000001',
                settings: { balance: ['Count'] }
            },
            [
                {
                    accountId: '001000000000001',
                    territoryId: 'T',
                    repId: 'R',
                    previousTerritoryId: 'T'
                }
            ]
        );
        const get = (q: string) =>
            app.inject({
                method: 'GET',
                url: `/v1/scenarios/${id}/assignments?${q}`,
                headers: auth
            });
        expect((await get('page=1&pageSize=10&movedOnly=false')).json()).toMatchObject({
            page: 1,
            pageSize: 10,
            total: 1
        });
        for (const q of ['page=1.5', 'pageSize=1e3', 'movedOnly=yes', 'page=-1'])
            expect((await get(q)).statusCode, q).toBe(400);
    });
});

describe('client errors are 4xx JSON naming the problem, never 500 (defect 3)', () => {
    it.each([
        ['/v1/scenarios?modelId=abc', 'querystring/modelId must match pattern'],
        [
            '/v1/scenarios/a0X000000000001/assignments?page=Infinity',
            'querystring/page must match pattern'
        ],
        [
            '/v1/scenarios/a0X000000000001/assignments?page=99999999999',
            'querystring/page must match pattern'
        ],
        [
            '/v1/scenarios/a0X000000000001/assignments?page=999999999',
            'querystring/page must be <= 1000000'
        ],
        ['/v1/scenarios/compare?a=current&b=abc', 'querystring/b must match pattern']
    ])('GET %s answers 400', async (url, message) => {
        const res = await app.inject({ method: 'GET', url, headers: auth });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({
            statusCode: 400,
            error: 'Bad Request',
            message: expect.stringContaining(message)
        });
    });

    it('7,000 locked accounts answer 400 naming the limit, writing nothing', async () => {
        const before = gateway.scenarios.size;
        const ids = Array.from({ length: 7000 }, (_, i) => `001${String(i).padStart(12, '0')}AAA`);
        const big = await testApp({
            gateway,
            queues,
            engine,
            config: { BODY_LIMIT_BYTES: 1_048_576 }
        });
        const res = await big.inject({
            method: 'POST',
            url: '/v1/scenarios',
            headers: auth,
            payload: {
                modelId: '0MA000000000001',
                name: 'Locked',
                settings: { balance: ['Count'], lockedAccountIds: ids }
            }
        });
        await big.close();
        expect(res.statusCode).toBe(400);
        expect(res.json().message).toContain(
            'body/settings/lockedAccountIds must NOT have more than 5000 items'
        );
        expect(gateway.scenarios.size).toBe(before);
    });

    it('settings that would not fit the scenario record answer 413 before anything is written', async () => {
        const before = gateway.scenarios.size;
        const ids = Array.from({ length: 5000 }, (_, i) => `001${String(i).padStart(12, '0')}AAA`);
        const addReps = Array.from({ length: 500 }, (_, i) => ({
            name: `${'New rep with a long name '.repeat(3)}${i}`.slice(0, 80),
            lat: 40.123456789,
            lon: -75.123456789,
            segment: 'S'.repeat(80)
        }));
        const big = await testApp({
            gateway,
            queues,
            engine,
            config: { BODY_LIMIT_BYTES: 1_048_576 }
        });
        const res = await big.inject({
            method: 'POST',
            url: '/v1/scenarios',
            headers: auth,
            payload: {
                modelId: '0MA000000000001',
                name: 'Too big',
                settings: { balance: ['Count'], lockedAccountIds: ids, addReps }
            }
        });
        await big.close();
        expect(res.statusCode).toBe(413);
        expect(res.json().message).toContain('Settings_JSON__c');
        expect(gateway.scenarios.size).toBe(before);
    });
});

describe('the queue dashboard: any valid token looks, only admin acts (defect 7)', () => {
    const pause = `/admin/queues/api/queues/${encodeURIComponent('scenario-generate')}/pause`;
    const bearer = async (perms: string[] | null) => ({
        authorization: `Bearer ${await token({ perms })}`
    });

    it('a viewer and an approver see the queues but cannot pause, clean or retry them', async () => {
        for (const perms of [null, ['plan', 'approve']]) {
            const headers = await bearer(perms);
            const list = await app.inject({ url: '/admin/queues/api/queues', headers });
            expect(list.statusCode, JSON.stringify(perms)).toBe(200);
            for (const url of [
                pause,
                '/admin/queues/api/queues/scenario-apply/clean/failed',
                '/admin/queues/api/queues/scenario-apply/retry/failed'
            ]) {
                const res = await app.inject({ method: 'PUT', url, headers });
                expect(res.statusCode, `${url} ${JSON.stringify(perms)}`).toBe(403);
                expect(res.json().message).toContain("needs the 'admin' permission");
            }
        }
        expect(await queues.generate.isPaused()).toBe(false);
    });

    it('an admin pauses and resumes a queue', async () => {
        const headers = await bearer(['admin']);
        const paused = await app.inject({ method: 'PUT', url: pause, headers });
        expect(paused.statusCode).toBe(200);
        expect(await queues.generate.isPaused()).toBe(true);
        const resumed = await app.inject({
            method: 'PUT',
            url: pause.replace(/pause$/, 'resume'),
            headers
        });
        expect(resumed.statusCode).toBe(200);
        expect(await queues.generate.isPaused()).toBe(false);
    });

    it('an unauthenticated caller neither sees nor acts', async () => {
        expect((await app.inject({ url: '/admin/queues/api/queues' })).statusCode).toBe(401);
        expect((await app.inject({ method: 'PUT', url: pause })).statusCode).toBe(401);
    });
});
