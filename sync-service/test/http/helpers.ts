/** Shared test helpers: tokens, fresh queues on the real Redis, an app with injected services. */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { buildApp, type AppDeps } from '../../src/app.js';
import { queueConnection } from '../../src/jobs/connection.js';
import { openQueues, type ServiceQueues } from '../../src/jobs/queues.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SECRET = 'test-secret-test-secret-test-secret-0123';

export const appConfig = {
    SERVICE_TOKEN_SECRET: SECRET,
    SF_ORG_ID: '',
    BODY_LIMIT_BYTES: 64 * 1024,
    RATE_LIMIT_MAX: 10_000,
    RATE_LIMIT_WINDOW_MS: 60_000
};

/** What a Sales Ops user (Territory_Planner and Territory_Approver) may do. */
export const ALL_PERMS = ['plan', 'approve'];

/**
 * A token as Apex mints it: HS256 with SECRET by default (local development), RS256 when given a
 * private key. By default it carries the perms of a Sales Ops user; `perms: null` leaves the claim
 * out, as do `iss: ''`, `sub: ''` and `iat: null` for theirs.
 */
export async function token(
    options: {
        secret?: string;
        privateKey?: KeyObject;
        iss?: string;
        sub?: string;
        /** Seconds since the epoch (default: now; null: no iat claim). */
        iat?: number | null;
        expiresIn?: string | number;
        alg?: string;
        perms?: unknown[] | null;
    } = {}
): Promise<string> {
    const perms = options.perms === undefined ? ALL_PERMS : options.perms;
    const alg = options.alg ?? (options.privateKey ? 'RS256' : 'HS256');
    const jwt = new SignJWT(perms === null ? {} : { perms }).setProtectedHeader({ alg });
    if (options.iat !== null) jwt.setIssuedAt(options.iat);
    if (options.iss !== '') jwt.setIssuer(options.iss ?? '00D000000000001');
    if (options.sub !== '') jwt.setSubject(options.sub ?? '005000000000001');
    jwt.setExpirationTime(options.expiresIn ?? '10m');
    return jwt.sign(options.privateKey ?? new TextEncoder().encode(options.secret ?? SECRET));
}

/** A 2048-bit RSA key pair, as Certificate and Key Management makes for a self-signed certificate. */
export function rsaKeys(): { publicKey: KeyObject; privateKey: KeyObject } {
    return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** Writes text to a new file of its own (0600) and returns its path. */
export function tempFile(name: string, text: string): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'territory-test-')), name);
    writeFileSync(file, text, { mode: 0o600 });
    return file;
}

/** Queues under a prefix of their own; `dispose` obliterates them. */
export function freshQueues(prefix = `test-${randomUUID()}`): ServiceQueues & {
    dispose(): Promise<void>;
} {
    const queues = openQueues({
        prefix,
        connection: queueConnection(REDIS_URL),
        attempts: 3,
        backoffMs: 50
    });
    return Object.assign(queues, {
        async dispose() {
            for (const q of queues.all())
                await q.obliterate({ force: true }).catch(() => undefined);
            await queues.close();
        }
    });
}

export async function testApp(
    deps: Omit<AppDeps, 'config'> & { config?: Partial<AppDeps['config']> }
) {
    return buildApp({ ...deps, config: { ...appConfig, ...deps.config } });
}
