/**
 * Typed errors of the gateway. The job layer recognises them by class or by `errorCode`
 * (jobs/salesforce-faults.ts reads `errorCode`/`name`): REQUEST_LIMIT_EXCEEDED pauses the queue,
 * transient codes retry with backoff, anything else fails the job.
 */

/** Any error the org answered (or that the gateway raised about the org). */
export class SalesforceError extends Error {
    readonly errorCode: string;
    readonly statusCode: number | undefined;
    constructor(
        message: string,
        errorCode: string,
        statusCode?: number,
        options?: { cause?: unknown }
    ) {
        super(message, options);
        this.name = 'SalesforceError';
        this.errorCode = errorCode;
        this.statusCode = statusCode;
    }
}

/**
 * The org's daily API budget is exhausted (403 REQUEST_LIMIT_EXCEEDED), or the gateway's own
 * configured budget is (`source: 'budget'`). Retrying before the budget resets cannot help.
 */
export class RequestLimitExceededError extends SalesforceError {
    readonly source: 'org' | 'budget';
    constructor(message: string, source: 'org' | 'budget', options?: { cause?: unknown }) {
        super(message, 'REQUEST_LIMIT_EXCEEDED', 403, options);
        this.name = 'RequestLimitExceededError';
        this.source = source;
    }
}

/** The gateway's configured API budget would be exceeded by the next call. */
export class ApiBudgetExceededError extends RequestLimitExceededError {
    constructor(message: string) {
        super(message, 'budget');
        this.name = 'ApiBudgetExceededError';
    }
}

/** A fault that goes away by itself (503, row lock, dropped connection) outlived the retries. */
export class TransientSalesforceError extends SalesforceError {
    constructor(
        message: string,
        errorCode: string,
        statusCode?: number,
        options?: { cause?: unknown }
    ) {
        super(message, errorCode, statusCode, options);
        this.name = 'TransientSalesforceError';
    }
}

/** Authentication failed (token endpoint rejected the credentials or the assertion). */
export class SalesforceAuthError extends SalesforceError {
    constructor(message: string, errorCode: string, options?: { cause?: unknown }) {
        super(message, errorCode, 400, options);
        this.name = 'SalesforceAuthError';
    }
}

/** The caller's input can never succeed (unknown territory, bad field name in the field map). */
export class SalesforceInputError extends SalesforceError {
    constructor(message: string) {
        super(message, 'INVALID_INPUT', 400);
        this.name = 'SalesforceInputError';
    }
}

/** Error codes (REST `errorCode`, record `statusCode`, Node `code`) worth a retry. */
export const TRANSIENT_ERROR_CODES: ReadonlySet<string> = new Set([
    'UNABLE_TO_LOCK_ROW',
    'SERVER_UNAVAILABLE',
    'SERVICE_UNAVAILABLE',
    'ERROR_HTTP_500',
    'ERROR_HTTP_502',
    'ERROR_HTTP_503',
    'ERROR_HTTP_504',
    'ECONNRESET',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EPIPE',
    'UND_ERR_SOCKET'
]);

interface ErrorLike {
    name?: unknown;
    errorCode?: unknown;
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    statusCode?: unknown;
}

/** The Salesforce or network error code of anything jsforce or fetch throws. */
export function errorCodeOf(err: unknown): string {
    const e = (err ?? {}) as ErrorLike;
    if (typeof e.errorCode === 'string') return e.errorCode;
    if (typeof e.code === 'string') return e.code;
    if (e.cause) {
        const inner = errorCodeOf(e.cause);
        if (inner !== 'UNKNOWN') return inner;
    }
    const message = typeof e.message === 'string' ? e.message : '';
    if (/socket hang up|ECONNRESET|other side closed|fetch failed/i.test(message))
        return 'ECONNRESET';
    if (typeof e.name === 'string' && /^[A-Z_0-9]+$/.test(e.name)) return e.name;
    return 'UNKNOWN';
}

/** True for faults a retry with backoff can fix. */
export function isTransientError(err: unknown): boolean {
    return TRANSIENT_ERROR_CODES.has(errorCodeOf(err));
}

/** Wraps anything thrown by jsforce into the gateway's error classes. */
export function toSalesforceError(err: unknown): Error {
    if (err instanceof SalesforceError) return err;
    const code = errorCodeOf(err);
    const message = err instanceof Error ? err.message : String(err);
    if (code === 'REQUEST_LIMIT_EXCEEDED')
        return new RequestLimitExceededError(message, 'org', { cause: err });
    if (TRANSIENT_ERROR_CODES.has(code))
        return new TransientSalesforceError(message, code, undefined, { cause: err });
    if ((err as { name?: unknown })?.name === 'AbortError') return err as Error;
    return new SalesforceError(message, code, undefined, { cause: err });
}
