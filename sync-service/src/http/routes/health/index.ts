/** Liveness and readiness (unauthenticated, not rate limited). */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';

export interface ReadinessChecks {
    redis(): Promise<void>;
    org(): Promise<void>;
}

/** Readiness checks give up after this long, so a hung dependency cannot hang the probe. */
const CHECK_TIMEOUT_MS = 3000;

async function check(run: () => Promise<void>): Promise<{ ok: boolean; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
        await Promise.race([
            run(),
            new Promise((_, reject) => {
                timer = setTimeout(
                    () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
                    CHECK_TIMEOUT_MS
                );
            })
        ]);
        return { ok: true };
    } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
        clearTimeout(timer);
    }
}

const Check = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });
const Readiness = Type.Object({
    status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
    checks: Type.Object({ redis: Check, org: Check })
});

export default async function healthRoutes(
    app: FastifyInstance,
    { checks }: { checks: ReadinessChecks }
) {
    const config = { public: true, rateLimit: false };
    app.get(
        '/health',
        {
            config,
            schema: {
                tags: ['health'],
                summary: 'Liveness',
                response: { 200: Type.Object({ status: Type.Literal('ok') }) }
            }
        },
        async () => ({ status: 'ok' as const })
    );
    app.get(
        '/ready',
        {
            config,
            schema: {
                tags: ['health'],
                summary: 'Readiness: Redis and the org reachable',
                response: { 200: Readiness, 503: Readiness }
            }
        },
        async (request, reply) => {
            const [redis, org] = await Promise.all([check(checks.redis), check(checks.org)]);
            const ready = redis.ok && org.ok;
            if (!ready) request.log.warn({ redis, org }, 'not ready');
            return reply
                .code(ready ? 200 : 503)
                .send({ status: ready ? 'ready' : 'unavailable', checks: { redis, org } });
        }
    );
}
