/**
 * Service tokens as production mints them (RS256, signed in Apex with a certificate of Certificate
 * and Key Management, verified with SERVICE_TOKEN_PUBLIC_KEY_FILE), the issuer the service is
 * connected to, and the permissions a token carries (403 without them). The HS256 cases of local
 * development are in app.test.ts.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { compactVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index.js';
import { sameSalesforceId } from '../../src/http/plugins/auth.js';
import { planBase } from '../../src/jobs/plan-base.js';
import { selfSignedCertificate } from './certificate.js';
import { freshQueues, rsaKeys, tempFile, testApp, token } from './helpers.js';
import { MEMORY_ORG_ID, MemoryGateway, smallSnapshot } from './memory-gateway.js';

const queues = freshQueues();
const gateway = new MemoryGateway(smallSnapshot());
/** The org of the tokens: its 15-character id (the memory gateway's is the 18-character form). */
const ORG_15 = MEMORY_ORG_ID.slice(0, 15);
const LIST = '/v1/scenarios?modelId=0MA000000000001';

const orgKeys = rsaKeys();
const otherKeys = rsaKeys();
const certificateFile = tempFile('territory-service-token.crt', selfSignedCertificate(orgKeys));

const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });
/** A token signed by the org's certificate key, issued by the org. */
const orgToken = (options: Parameters<typeof token>[0] = {}) =>
    token({ privateKey: orgKeys.privateKey, iss: ORG_15, ...options });

afterAll(async () => {
    await queues.dispose();
});

describe('RS256 tokens verified with SERVICE_TOKEN_PUBLIC_KEY_FILE', () => {
    let app: FastifyInstance;

    beforeAll(async () => {
        // The secret stays configured too: with a public key file it must not be accepted.
        app = await testApp({
            gateway,
            queues,
            engine,
            config: { SERVICE_TOKEN_PUBLIC_KEY_FILE: certificateFile, SF_ORG_ID: ORG_15 }
        });
    });
    afterAll(() => app.close());

    it('accepts a token signed with the certificate key, naming the 15- or 18-character org id', async () => {
        for (const iss of [ORG_15, MEMORY_ORG_ID]) {
            const res = await app.inject({ url: LIST, headers: bearer(await orgToken({ iss })) });
            expect(res.statusCode, iss).toBe(200);
            expect(res.json()).toEqual({ scenarios: [] });
        }
    });

    it('accepts the public key PEM as well as the certificate PEM', async () => {
        const spki = orgKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
        const withKey = await testApp({
            gateway,
            queues,
            engine,
            config: { SERVICE_TOKEN_PUBLIC_KEY_FILE: tempFile('public.pem', spki) }
        });
        const res = await withKey.inject({ url: LIST, headers: bearer(await orgToken()) });
        await withKey.close();
        expect(res.statusCode).toBe(200);
    });

    it.each([
        [
            'a token signed with another key',
            () => token({ privateKey: otherKeys.privateKey, iss: ORG_15 }),
            "Token is not a valid JWT: send an RS256 JWT signed with the org's certificate"
        ],
        [
            'an HS256 token, even one signed with the configured SERVICE_TOKEN_SECRET',
            () => token({ iss: ORG_15 }),
            'Token must be signed with RS256'
        ],
        [
            'an expired token',
            () => orgToken({ iat: Math.floor(Date.now() / 1000) - 900, expiresIn: '-10m' }),
            'Token expired'
        ],
        [
            'a token issued more than a minute in the future',
            () => orgToken({ iat: Math.floor(Date.now() / 1000) + 300, expiresIn: '+10m' }),
            "Token claim 'iat' is in the future"
        ],
        [
            'a token from another org (a refreshed sandbox)',
            () => orgToken({ iss: '00D000000000002' }),
            // The org learned at login (18 characters), which SF_ORG_ID (15) names too.
            `tokens must be issued by org ${MEMORY_ORG_ID}, the org this service is connected to (got 00D000000000002)`
        ],
        [
            'a token that lives longer than an hour',
            () => orgToken({ expiresIn: '61m' }),
            'Token lifetime is longer than 1 hour'
        ],
        ['a token without iat', () => orgToken({ iat: null }), "Token claim 'iat' is invalid"]
    ])('rejects %s with a 401 JSON error', async (_name, make, message) => {
        const res = await app.inject({ url: LIST, headers: bearer(await make()) });
        expect(res.statusCode).toBe(401);
        expect(res.headers['content-type']).toContain('application/json');
        expect(res.json()).toEqual({
            statusCode: 401,
            error: 'Unauthorized',
            message: expect.stringContaining(message)
        });
    });

    it('tries every certificate of the file, so a certificate can be replaced without downtime', async () => {
        const both = tempFile(
            'rotation.pem',
            selfSignedCertificate(otherKeys, 'Old_Token') + selfSignedCertificate(orgKeys)
        );
        const rotating = await testApp({
            gateway,
            queues,
            engine,
            config: { SERVICE_TOKEN_PUBLIC_KEY_FILE: both }
        });
        const signedByOld = await token({ privateKey: otherKeys.privateKey });
        const signedByNew = await orgToken();
        const answers = await Promise.all(
            [signedByOld, signedByNew].map((jwt) =>
                rotating.inject({ url: LIST, headers: bearer(jwt) })
            )
        );
        await rotating.close();
        expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    });

    it.each([
        [
            'a private key',
            () => orgKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() as string,
            'is not a certificate or a public key: the service needs only the public half of the signing certificate; never give it the private key'
        ],
        ['text without a PEM block', () => 'not a key', 'holds no PEM block'],
        [
            'a 1024-bit RSA key',
            () =>
                generateKeyPairSync('rsa', { modulusLength: 1024 })
                    .publicKey.export({ type: 'spki', format: 'pem' })
                    .toString(),
            'is a 1024-bit RSA key: RS256 needs 2048 bits or more'
        ],
        [
            'an EC key',
            () =>
                generateKeyPairSync('ec', { namedCurve: 'P-256' })
                    .publicKey.export({ type: 'spki', format: 'pem' })
                    .toString(),
            'cannot verify RS256 tokens'
        ]
    ])('refuses to start with %s in the key file', async (_name, pem, message) => {
        const file = tempFile('bad.pem', pem());
        await expect(
            testApp({ gateway, queues, engine, config: { SERVICE_TOKEN_PUBLIC_KEY_FILE: file } })
        ).rejects.toThrow(message);
    });
});

describe('tokens as the Apex signs them', () => {
    const classes = path.resolve(import.meta.dirname, '../../../force-app/main/default/classes');
    const constant = (file: string, name: string) => {
        const source = readFileSync(path.join(classes, file), 'utf8');
        const match = new RegExp(`${name} =\\s*'([^']+)'`).exec(source);
        if (!match?.[1]) throw new Error(`${file} has no ${name}`);
        return match[1];
    };

    it("the known token of TerritoryServiceClientTest verifies with jose and the test key's public half", async () => {
        const known = constant('TerritoryServiceClientTest.cls', 'KNOWN_TOKEN');
        const publicKey = createPublicKey({
            key: Buffer.from(constant('TerritoryTestDataFactory.cls', 'TEST_PUBLIC_KEY'), 'base64'),
            format: 'der',
            type: 'spki'
        });
        const { payload, protectedHeader } = await compactVerify(known, publicKey, {
            algorithms: ['RS256']
        });
        expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT' });
        expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({
            sub: '005000000000001AAA'
        });
    });
});

describe('the issuer is the org the service is connected to', () => {
    it('learns the org at login when SF_ORG_ID is empty, and refuses other orgs', async () => {
        let logins = 0;
        const app = await testApp({
            gateway,
            queues,
            engine,
            connectedOrgId: async () => {
                logins += 1;
                return gateway.orgId();
            }
        });
        const own = await app.inject({ url: LIST, headers: bearer(await token({ iss: ORG_15 })) });
        const other = await app.inject({
            url: LIST,
            headers: bearer(await token({ iss: '00D00000000000Z' }))
        });
        await app.close();
        expect(own.statusCode).toBe(200);
        expect(other.statusCode).toBe(401);
        expect(other.json().message).toContain(`tokens must be issued by org ${MEMORY_ORG_ID}`);
        expect(logins).toBe(2);
    });

    it('answers 503 (not 401) while the org cannot be reached to learn it', async () => {
        const app = await testApp({
            gateway,
            queues,
            engine,
            connectedOrgId: async () => {
                throw new Error('connect ECONNREFUSED 127.0.0.1:9');
            }
        });
        const res = await app.inject({ url: LIST, headers: bearer(await token()) });
        const anonymous = await app.inject({ url: LIST });
        await app.close();
        expect(res.statusCode).toBe(503);
        expect(res.json().message).toContain(
            'Cannot check the token issuer: the service has not logged in to Salesforce yet (connect ECONNREFUSED 127.0.0.1:9)'
        );
        expect(anonymous.statusCode).toBe(401);
    });

    it('compares 15- and 18-character ids by their case-sensitive 15-character form', () => {
        expect(sameSalesforceId('00D000000000001', '00D000000000001AAA')).toBe(true);
        expect(sameSalesforceId('00D000000000001EAA', '00D000000000001')).toBe(true);
        expect(sameSalesforceId('00d000000000001', '00D000000000001')).toBe(false);
        expect(sameSalesforceId('00D000000000002AAA', '00D000000000001AAA')).toBe(false);
        expect(sameSalesforceId('00DORG', '00DORG')).toBe(true);
    });
});

describe('permissions carried in the token', () => {
    let app: FastifyInstance;
    const as = async (perms: unknown[] | null, sub = '005000000000007') =>
        bearer(await token({ perms, sub }));

    beforeAll(async () => {
        app = await testApp({ gateway, queues, engine });
    });
    afterAll(() => app.close());

    async function readyScenario(): Promise<string> {
        // Generated from the plan the gateway holds now (plan-base.ts), so it can be approved.
        const base = planBase(
            await gateway.currentAssignments(),
            gateway.snapshot.territories.map((t) => t.id)
        );
        return gateway.createScenario({
            name: 'Ready to approve',
            status: 'Ready',
            source: 'Planner',
            modelId: '0MA000000000001',
            settings: { balance: ['Count'] },
            metrics: { base },
            accountsMoved: 2
        });
    }

    it('a planner (perms: plan) generates and cancels but cannot approve', async () => {
        const planner = await as(['plan']);
        const created = await app.inject({
            method: 'POST',
            url: '/v1/scenarios',
            headers: planner,
            payload: { modelId: '0MA000000000001', name: 'Hire', settings: { balance: ['Count'] } }
        });
        expect(created.statusCode).toBe(202);
        const cancelled = await app.inject({
            method: 'DELETE',
            url: `/v1/jobs/${created.json().jobId}`,
            headers: planner
        });
        expect(cancelled.statusCode).toBe(200);

        const id = await readyScenario();
        const approve = await app.inject({
            method: 'POST',
            url: `/v1/scenarios/${id}/approve`,
            headers: planner,
            payload: {}
        });
        expect(approve.statusCode).toBe(403);
        expect(approve.json()).toEqual({
            statusCode: 403,
            error: 'Forbidden',
            message:
                "This needs the 'approve' permission (custom permission Territory_Approve, in the Territory_Approver permission set); the token's perms are [plan]"
        });
        expect(gateway.scenarios.get(id)?.status).toBe('Ready');
        expect(await queues.apply.getJob(`apply-${id}`)).toBeUndefined();
    });

    it('a token without perms reads (the dashboard too), but neither generates, cancels, approves nor computes the ends', async () => {
        const viewer = await as(null);
        const read = await app.inject({ url: LIST, headers: viewer });
        expect(read.statusCode).toBe(200);
        const id = await readyScenario();
        const refused = await Promise.all([
            app.inject({
                method: 'POST',
                url: '/v1/scenarios',
                headers: viewer,
                payload: { modelId: '0MA000000000001', name: 'x', settings: { balance: ['Count'] } }
            }),
            app.inject({ method: 'DELETE', url: '/v1/jobs/generate-x', headers: viewer }),
            app.inject({
                method: 'POST',
                url: `/v1/scenarios/${id}/approve`,
                headers: viewer,
                payload: {}
            }),
            app.inject({ method: 'POST', url: `/v1/scenarios/${id}/trade-off`, headers: viewer })
        ]);
        expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
        expect(refused.map((r) => r.json().message.match(/needs the '(\w+)'/)?.[1])).toEqual([
            'plan',
            'plan',
            'approve',
            'plan'
        ]);
        // The dashboard is for looking; its actions need 'admin' (security.test.ts).
        const dashboard = await app.inject({ url: '/admin/queues', headers: viewer });
        expect(dashboard.statusCode).toBe(200);
        // What the slider costs is read like the rest.
        const costs = await app.inject({ url: `/v1/scenarios/${id}/trade-off`, headers: viewer });
        expect(costs.statusCode).toBe(200);
    });

    it('an approver is recorded from the token subject, never from the body', async () => {
        const approverId = '005000000000042';
        const id = await readyScenario();
        const someoneElse = await app.inject({
            method: 'POST',
            url: `/v1/scenarios/${id}/approve`,
            headers: await as(['approve'], approverId),
            payload: { approvedBy: '005000000000001' }
        });
        expect(someoneElse.statusCode).toBe(403);
        expect(someoneElse.json().message).toBe(
            "approvedBy 005000000000001 is not the caller (005000000000042): the approver is the token's subject; leave approvedBy out"
        );
        expect(gateway.scenarios.get(id)?.status).toBe('Ready');

        // No body at all, as Apex sends it.
        const approved = await app.inject({
            method: 'POST',
            url: `/v1/scenarios/${id}/approve`,
            headers: await as(['approve'], approverId)
        });
        expect(approved.statusCode).toBe(202);
        expect(gateway.scenarios.get(id)).toMatchObject({
            status: 'Approved',
            appliedBy: approverId
        });
        const job = await queues.apply.getJob(approved.json().jobId);
        expect(job?.data).toMatchObject({ scenarioId: id, approvedBy: approverId });

        // Naming oneself (in the 18-character form) is allowed, as older callers did.
        const again = await readyScenario();
        const self = await app.inject({
            method: 'POST',
            url: `/v1/scenarios/${again}/approve`,
            headers: await as(['approve'], approverId),
            payload: { approvedBy: `${approverId}AAA` }
        });
        expect(self.statusCode).toBe(202);
    });

    it('rejects a perms claim that is not a list of strings', async () => {
        const res = await app.inject({ url: LIST, headers: await as([1, 2]) });
        expect(res.statusCode).toBe(401);
        expect(res.json().message).toContain("Token claim 'perms' must be an array of strings");
    });
});
