/**
 * How a job reacts to a Salesforce fault: retry with backoff (transient), pause the queue until the
 * API budget resets (request limit), or fail at once (bad input). The gateway throws typed errors;
 * this module reads them by their Salesforce error code and HTTP status so it also understands
 * plain jsforce errors.
 */
import { RateLimitError, UnrecoverableError, type Queue } from 'bullmq';
import { TRANSIENT_ERROR_CODES } from '../salesforce/errors.js';

/** The planner's own "this input can never work" error: the job fails without retries. */
export class BadInputError extends UnrecoverableError {
    constructor(message: string) {
        super(message);
        this.name = 'BadInputError';
    }
}

/** Raised by a processor when the job was cancelled through DELETE /v1/jobs/:id. */
export class JobCancelledError extends UnrecoverableError {
    constructor(jobId: string) {
        super(`Job ${jobId} was cancelled`);
        this.name = 'JobCancelledError';
    }
}

/** Record and request errors that no retry can fix (bad ids, fields, values, access). */
const PERMANENT_CODES = new Set([
    'MALFORMED_ID',
    'INVALID_ID_FIELD',
    'INVALID_CROSS_REFERENCE_KEY',
    'INVALID_FIELD',
    'INVALID_TYPE',
    'INVALID_INPUT',
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    'REQUIRED_FIELD_MISSING',
    'STRING_TOO_LONG',
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    'FIELD_INTEGRITY_EXCEPTION',
    'DUPLICATE_VALUE',
    'ENTITY_IS_DELETED',
    'NOT_FOUND',
    'MALFORMED_QUERY',
    'INSUFFICIENT_ACCESS',
    'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
    'INSUFFICIENT_ACCESS_OR_READONLY',
    'INVALID_CLIENT',
    'INVALID_GRANT'
]);

export type FaultKind = 'request-limit' | 'transient' | 'permanent';

interface ErrorShape {
    name?: unknown;
    code?: unknown;
    errorCode?: unknown;
    statusCode?: unknown;
    status?: unknown;
    retryAfterMs?: unknown;
    resetAt?: unknown;
}

/** Error codes that go away by themselves (row locks, maintenance, timeouts): the gateway's
 * list plus a few the platform and undici also use. */
const TRANSIENT_CODES = new Set([
    ...TRANSIENT_ERROR_CODES,
    'UNABLE_TO_LOCK_ROW',
    'SERVER_UNAVAILABLE',
    'SERVICE_UNAVAILABLE',
    'REQUEST_RUNNING_TOO_LONG',
    'QUERY_TIMEOUT',
    'ECONNRESET',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT'
]);

function codesOf(error: unknown): string[] {
    const e = (error ?? {}) as ErrorShape & { cause?: unknown };
    const codes = [e.code, e.errorCode, e.name].filter((c): c is string => typeof c === 'string');
    if (e.cause && e.cause !== error) codes.push(...codesOf(e.cause));
    return codes;
}

/** Classifies a thrown error. Unknown errors count as transient: a retry is cheap, a lost plan is not. */
export function classifyFault(error: unknown): FaultKind {
    if (error instanceof UnrecoverableError) return 'permanent';
    const codes = codesOf(error);
    // The engine rejects input that no retry can fix (unknown measure, coordinates out of range).
    if (codes.includes('EngineInputError')) return 'permanent';
    if (codes.some((c) => c === 'REQUEST_LIMIT_EXCEEDED' || /RequestLimit/i.test(c)))
        return 'request-limit';
    if (codes.some((c) => TRANSIENT_CODES.has(c) || /Transient|Timeout/i.test(c)))
        return 'transient';
    if (codes.some((c) => PERMANENT_CODES.has(c) || c === 'SalesforceInputError'))
        return 'permanent';
    const e = (error ?? {}) as ErrorShape;
    const status = Number(e.statusCode ?? e.status);
    if (Number.isFinite(status) && status > 0) {
        if (status === 429 || status === 408 || status >= 500) return 'transient';
        if (status >= 400) return 'permanent';
    }
    return 'transient';
}

/** How long the org asked us to wait, when the error says so. */
export function retryAfterMs(error: unknown, fallbackMs: number, now = Date.now()): number {
    const e = (error ?? {}) as ErrorShape;
    if (typeof e.retryAfterMs === 'number' && e.retryAfterMs > 0) return e.retryAfterMs;
    const reset =
        e.resetAt instanceof Date
            ? e.resetAt.getTime()
            : typeof e.resetAt === 'string' || typeof e.resetAt === 'number'
              ? new Date(e.resetAt).getTime()
              : NaN;
    if (Number.isFinite(reset) && reset > now) return reset - now;
    return fallbackMs;
}

/**
 * Turns a Salesforce fault into what BullMQ should do with the job:
 * - request limit: rate-limit every queue given (all the queues that call the org) until the
 *   budget resets and put the job back in the wait list without spending an attempt (BullMQ's
 *   manual rate limit);
 * - permanent: UnrecoverableError, the job fails now and keeps the reason;
 * - transient: rethrow, the job's attempts/backoff retry it.
 */
export async function rethrowForQueue(
    error: unknown,
    queue: Pick<Queue, 'rateLimit'> | readonly Pick<Queue, 'rateLimit'>[],
    limitPauseMs: number,
    onLimit?: (pauseMs: number) => void
): Promise<never> {
    const kind = classifyFault(error);
    if (kind === 'request-limit') {
        const pauseMs = retryAfterMs(error, limitPauseMs);
        onLimit?.(pauseMs);
        // The org's limit is shared by every queue that calls it: pausing only the queue that
        // hit it would let the others keep spending (and failing) requests. All are paused for
        // the same time, so they resume together.
        const queues = Array.isArray(queue) ? queue : [queue as Pick<Queue, 'rateLimit'>];
        await Promise.all(queues.map((q) => q.rateLimit(pauseMs)));
        throw new RateLimitError();
    }
    if (kind === 'permanent' && !(error instanceof UnrecoverableError)) {
        const message = error instanceof Error ? error.message : String(error);
        throw new UnrecoverableError(message);
    }
    throw error;
}
