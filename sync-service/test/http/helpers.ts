/** Shared test helpers: tokens, fresh queues on the real Redis, an app with injected services. */
import { randomUUID } from 'node:crypto';
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

/** An HS256 token as the org's Named Credential would send it. */
export async function token(
    options: {
        secret?: string;
        iss?: string;
        sub?: string;
        expiresIn?: string | number;
        alg?: string;
    } = {}
): Promise<string> {
    const jwt = new SignJWT({}).setProtectedHeader({ alg: options.alg ?? 'HS256' }).setIssuedAt();
    if (options.iss !== '') jwt.setIssuer(options.iss ?? '00D000000000001');
    if (options.sub !== '') jwt.setSubject(options.sub ?? '005000000000001');
    jwt.setExpirationTime(options.expiresIn ?? '10m');
    return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
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
