/**
 * Liveness and readiness (unauthenticated, not rate limited). Neither spends a Salesforce API call
 * per request (DESIGN.md "Security model"): the org check behind /ready runs at most once per
 * ORG_CHECK_INTERVAL_MS however often it is asked, and concurrent probes share one check. The
 * answers are terse: what failed and why goes to the log, never to an unauthenticated caller.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';

export interface ReadinessChecks {
    redis(): Promise<void>;
    org(): Promise<void>;
}

/** Readiness checks give up after this long, so a hung dependency cannot hang the probe. */
const CHECK_TIMEOUT_MS = 3000;
/** DESIGN.md "The service": at most one Salesforce API call per 30 s for /ready. */
export const ORG_CHECK_INTERVAL_MS = 30_000;

interface Outcome {
    ok: boolean;
    /** For the log only. */
    error?: string;
}

async function check(run: () => Promise<void>): Promise<Outcome> {
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

/**
 * A check whose outcome, good or bad, is reused for `intervalMs` from when it started; callers
 * during a running check wait for it. So the check runs at most once per interval.
 */
export function cachedCheck(
    run: () => Promise<void>,
    intervalMs: number,
    onOutcome: (outcome: Outcome) => void = () => undefined,
    now: () => number = Date.now
): () => Promise<Outcome> {
    let last: { at: number; outcome: Promise<Outcome> } | undefined;
    return () => {
        if (last && now() - last.at < intervalMs) return last.outcome;
        const outcome = check(run).then((o) => {
            onOutcome(o);
            return o;
        });
        last = { at: now(), outcome };
        return outcome;
    };
}

const Check = Type.Object({ ok: Type.Boolean() });
const Readiness = Type.Object({
    status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
    checks: Type.Object({ redis: Check, org: Check })
});

export interface HealthOptions {
    checks: ReadinessChecks;
    /** How long an org check's outcome is reused (default ORG_CHECK_INTERVAL_MS). */
    orgCheckIntervalMs?: number;
    /** Clock, for tests. */
    now?: () => number;
}

export default async function healthRoutes(app: FastifyInstance, options: HealthOptions) {
    const { checks } = options;
    const log: FastifyBaseLogger = app.log;
    const org = cachedCheck(
        checks.org,
        options.orgCheckIntervalMs ?? ORG_CHECK_INTERVAL_MS,
        (o) => {
            if (!o.ok) log.warn({ check: 'org', error: o.error }, 'readiness: org check failed');
        },
        options.now
    );
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
                description: `The org is checked at most once per ${ORG_CHECK_INTERVAL_MS / 1000} s (one API call), whatever the number of callers; the answer says only which dependency is not ready, the log says why.`,
                response: { 200: Readiness, 503: Readiness }
            }
        },
        async (request, reply) => {
            const [redis, orgOutcome] = await Promise.all([check(checks.redis), org()]);
            const ready = redis.ok && orgOutcome.ok;
            if (!redis.ok)
                request.log.warn(
                    { check: 'redis', error: redis.error },
                    'readiness: Redis check failed'
                );
            return reply.code(ready ? 200 : 503).send({
                status: ready ? 'ready' : 'unavailable',
                checks: { redis: { ok: redis.ok }, org: { ok: orgOutcome.ok } }
            });
        }
    );
}
