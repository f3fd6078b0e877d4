import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, isSecretKey, REDACTED } from '../../src/logger.js';
import { SalesforceAuthError } from '../../src/salesforce/errors.js';

/** A service logger writing its JSON lines to `lines`. */
function capture() {
    const lines: string[] = [];
    const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString());
            done();
        }
    });
    return { logger: createLogger({ level: 'info', service: 'api' }, stream), lines };
}

const SECRETS = [
    'top-client-secret-1',
    'nested-access-token-2',
    'deep-password-3',
    'header-bearer-4',
    'sf-secret-5',
    'array-token-6',
    'child-binding-7',
    'error-field-8',
    'query-token-9'
];

describe('log redaction at any depth (defect 9)', () => {
    it('keeps every secret out of the log, top-level, nested, in arrays, errors, bindings and text', () => {
        const { logger, lines } = capture();
        logger.info(
            {
                clientSecret: SECRETS[0],
                access_token: SECRETS[1],
                Authorization: `Bearer ${SECRETS[3]}`,
                config: { db: { Password: SECRETS[2] }, SF_CLIENT_SECRET: SECRETS[4] },
                calls: [
                    { headers: { 'X-Api-Key': 'k', authorization: 'x' }, refreshToken: SECRETS[5] }
                ]
            },
            'login'
        );
        logger.child({ serviceToken: SECRETS[6] }).warn('child');
        const err = Object.assign(new Error(`refresh failed for Bearer ${SECRETS[3]}`), {
            response: { body: { access_token: SECRETS[7] } }
        });
        logger.error({ err }, 'failed');
        logger.error(
            new SalesforceAuthError(
                `Salesforce login failed: GET /x?access_token=${SECRETS[8]}&a=1 00D5g000000001AAA!AQ${SECRETS[8]}`,
                'AUTH'
            )
        );
        const text = lines.join('');
        for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
        const first = JSON.parse(lines[0]!);
        expect(first).toMatchObject({
            clientSecret: REDACTED,
            access_token: REDACTED,
            Authorization: REDACTED,
            config: { db: { Password: REDACTED }, SF_CLIENT_SECRET: REDACTED },
            calls: [
                {
                    headers: { 'X-Api-Key': REDACTED, authorization: REDACTED },
                    refreshToken: REDACTED
                }
            ],
            msg: 'login',
            service: 'api'
        });
        // What is not secret stays readable.
        const failed = JSON.parse(lines[2]!);
        expect(failed.err.message).toBe(`refresh failed for Bearer ${REDACTED}`);
        expect(failed.err.response.body.access_token).toBe(REDACTED);
        expect(JSON.parse(lines[3]!).msg).toContain(`access_token=${REDACTED}&a=1`);
    });

    it('tells secret key names from others', () => {
        for (const key of [
            'clientSecret',
            'client_secret',
            'CLIENT-SECRET',
            'accessToken',
            'PASSWORD',
            'privateKey',
            'SERVICE_TOKEN_SECRET'
        ])
            expect(isSecretKey(key), key).toBe(true);
        for (const key of ['scenarioId', 'tokenCount', 'status', 'modelId', 'message'])
            expect(isSecretKey(key), key).toBe(false);
    });
});
