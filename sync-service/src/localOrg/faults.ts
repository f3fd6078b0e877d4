/**
 * Fault injection for tests: rules matched per request (method + path pattern) that fire on the
 * N-th matching call, a number of times. The server consults `match()` for every API request.
 */

export const FaultKind = {
    /** Revokes every issued access token, then answers 401 INVALID_SESSION_ID. */
    ExpireSession: 'expireSession',
    /** Answers 403 REQUEST_LIMIT_EXCEEDED (the daily API budget is exhausted). */
    LimitExceeded: 'limitExceeded',
    /** Answers 503 SERVER_UNAVAILABLE. */
    Unavailable: 'unavailable',
    /** Per-record UNABLE_TO_LOCK_ROW in DML (collections, single-record, bulk ingest rows). */
    LockRow: 'lockRow',
    /** Delays the response by `delayMs`, then answers normally. */
    Slow: 'slow',
    /** Destroys the socket without an answer. */
    Drop: 'drop'
} as const;
export type FaultKind = (typeof FaultKind)[keyof typeof FaultKind];

export interface FaultRule {
    kind: FaultKind;
    /** HTTP method(s) to match; any when omitted. */
    method?: string | string[];
    /** Matched against the request path (without the query string). */
    path?: string | RegExp;
    /** Fire from the N-th matching call on (1-based); default 1. */
    nth?: number;
    /** How many times to fire; default 1. Use Infinity for "always". */
    times?: number;
    /** For Slow. */
    delayMs?: number;
    /** For LockRow: how many records of the request fail (default: all of them). */
    records?: number;
    /** Runs when the fault fires, before the request is answered (e.g. a concurrent writer). */
    run?: () => void | Promise<void>;
}

interface ActiveRule extends FaultRule {
    seen: number;
    fired: number;
}

export interface FaultHit {
    rule: FaultRule;
}

export class FaultController {
    private rules: ActiveRule[] = [];
    /** Every fault that fired, in order (for assertions). */
    readonly fired: { kind: FaultKind; method: string; path: string }[] = [];

    /** Adds a rule; returns a function that removes it. */
    add(rule: FaultRule): () => void {
        const active: ActiveRule = { ...rule, seen: 0, fired: 0 };
        this.rules.push(active);
        return () => {
            this.rules = this.rules.filter((r) => r !== active);
        };
    }

    clear(): void {
        this.rules = [];
        this.fired.length = 0;
    }

    /**
     * Returns the fault to apply to this request, if any (at most one per request). Every rule
     * counts its own matching calls, whether or not another rule fired on them.
     */
    match(method: string, path: string): FaultRule | undefined {
        let hit: ActiveRule | undefined;
        for (const rule of this.rules) {
            if (rule.method) {
                const methods = Array.isArray(rule.method) ? rule.method : [rule.method];
                if (!methods.some((m) => m.toUpperCase() === method.toUpperCase())) continue;
            }
            if (rule.path !== undefined) {
                const ok =
                    typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
                if (!ok) continue;
            }
            rule.seen++;
            if (hit || rule.seen < (rule.nth ?? 1) || rule.fired >= (rule.times ?? 1)) continue;
            hit = rule;
        }
        if (!hit) return undefined;
        hit.fired++;
        this.fired.push({ kind: hit.kind, method, path });
        return hit;
    }
}
