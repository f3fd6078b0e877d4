/** The configuration schema and its documentation (.env.example) stay in step. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvSchema, loadConfig } from '../../src/config/env.js';
import { salesforceConfig } from '../../src/jobs/salesforce-adapter.js';
import { startLocalOrg } from '../../src/localOrg/index.js';
import { connectSalesforce } from '../../src/salesforce/index.js';
import { SERVICE_DIR } from './harness.js';

const example = readFileSync(path.join(SERVICE_DIR, '..', '.env.example'), 'utf8');
const documented = new Map(
    example
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
);

describe('configuration', () => {
    it('.env.example lists every variable with its default', () => {
        const defaults = loadConfig({ SERVICE_TOKEN_SECRET: 'x'.repeat(32) }) as Record<
            string,
            unknown
        >;
        expect([...documented.keys()].sort()).toEqual(Object.keys(EnvSchema.properties).sort());
        for (const [name, value] of documented) {
            if (name === 'SERVICE_TOKEN_SECRET' || value === '') continue;
            expect(String(defaults[name]), name).toBe(value);
        }
    });

    it('converts numbers and reports every problem at once', () => {
        expect(loadConfig({ SERVICE_TOKEN_SECRET: 'x'.repeat(32), PORT: '8080' }).PORT).toBe(8080);
        try {
            loadConfig({
                SERVICE_TOKEN_SECRET: 'short',
                REDIS_URL: 'localhost',
                DRIFT_THRESHOLD: '0'
            });
            expect.unreachable('loadConfig accepted an invalid environment');
        } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            const problems = (error as ConfigError).problems;
            expect(problems).toHaveLength(3);
            expect(problems.join('\n')).toContain('SERVICE_TOKEN_SECRET is invalid');
            expect(problems.join('\n')).not.toContain('short');
            expect(problems.join('\n')).toContain('REDIS_URL is "localhost"');
            expect(problems.join('\n')).toContain('DRIFT_THRESHOLD is "0"');
        }
    });

    it('needs SERVICE_TOKEN_PUBLIC_KEY_FILE (production) or SERVICE_TOKEN_SECRET (development)', () => {
        expect(() => loadConfig({})).toThrow(
            'SERVICE_TOKEN_SECRET is not set, and neither is SERVICE_TOKEN_PUBLIC_KEY_FILE'
        );
        const missing = path.join(tmpdir(), 'no-such-dir', 'token.crt');
        expect(() => loadConfig({ SERVICE_TOKEN_PUBLIC_KEY_FILE: missing })).toThrow(
            `SERVICE_TOKEN_PUBLIC_KEY_FILE is '${missing}' but that file cannot be read`
        );
        const file = path.join(mkdtempSync(path.join(tmpdir(), 'territory-cert-')), 'token.crt');
        writeFileSync(file, '-----BEGIN CERTIFICATE-----\n');
        const config = loadConfig({ SERVICE_TOKEN_PUBLIC_KEY_FILE: file });
        expect(config.SERVICE_TOKEN_PUBLIC_KEY_FILE).toBe(file);
        expect(config.SERVICE_TOKEN_SECRET).toBeUndefined();
    });

    it('SF_AUTH_FLOW=jwt names what it lacks, and logs in with the key file it is given', async () => {
        const secret = { SERVICE_TOKEN_SECRET: 'x'.repeat(32) };
        expect(() => loadConfig({ ...secret, SF_AUTH_FLOW: 'jwt' })).toThrow(
            /SF_CLIENT_ID is not set: SF_AUTH_FLOW=jwt needs it[\s\S]*SF_USERNAME is not set[\s\S]*SF_PRIVATE_KEY_FILE is not set/
        );
        const dir = mkdtempSync(path.join(tmpdir(), 'territory-jwt-'));
        const keyFile = path.join(dir, 'server.key');
        expect(() =>
            loadConfig({
                ...secret,
                SF_AUTH_FLOW: 'jwt',
                SF_CLIENT_ID: 'app',
                SF_USERNAME: 'integration@example.com',
                SF_PRIVATE_KEY_FILE: keyFile
            })
        ).toThrow(`SF_PRIVATE_KEY_FILE is '${keyFile}' but that file cannot be read`);

        const { publicKey, privateKey } = generateKeyPairSync('rsa', {
            modulusLength: 2048,
            publicKeyEncoding: { type: 'spki', format: 'pem' },
            privateKeyEncoding: { type: 'pkcs8', format: 'pem' }
        });
        writeFileSync(keyFile, privateKey, { mode: 0o600 });
        const org = await startLocalOrg({ accounts: 20, reps: 20, jwtPublicKey: publicKey });
        try {
            const config = loadConfig({
                ...secret,
                SF_LOGIN_URL: org.credentials.loginUrl,
                SF_AUTH_FLOW: 'jwt',
                SF_CLIENT_ID: org.credentials.clientId,
                SF_USERNAME: org.credentials.username,
                SF_PRIVATE_KEY_FILE: keyFile
            });
            const sf = salesforceConfig(config);
            expect(sf.auth).toEqual({
                type: 'jwt',
                username: org.credentials.username,
                privateKey
            });
            const gateway = await connectSalesforce(sf);
            expect((await gateway.pullModels()).length).toBeGreaterThan(0);
        } finally {
            await org.close();
        }
    });
});
