/**
 * The transport layer of the gateway: a jsforce Connection with a pinned API version and its own
 * refreshFn (client credentials / JWT have no refresh token, CONTRACT.md §1.3), API-call counting
 * against a budget, retries with backoff for transient faults, REST query paging, Bulk API 2.0
 * query paging with our own HTTP client (jsforce's multi-page bulk2.query is broken, §3.4), and
 * DML through sObject Collections or Bulk API 2.0 ingest.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { SignJWT, importPKCS8 } from 'jose';
import { Connection, type QueryResult } from 'jsforce';
import {
    ApiBudgetExceededError,
    SalesforceAuthError,
    SalesforceError,
    SalesforceInputError,
    TransientSalesforceError,
    errorCodeOf,
    isTransientError,
    toSalesforceError
} from './errors.js';
import { SALESFORCE_API_VERSION, type ApiUsage, type SalesforceConfig } from './types.js';

export type Row = Record<string, unknown>;

/**
 * Outcome of one record in a DML batch, aligned with the input. Bulk inserts report success
 * without the new id (`id: ''`): the successful-results file is not downloaded.
 */
/** The writes of SalesforceClient.dml. */
export type DmlOperation = 'insert' | 'upsert' | 'delete';

export type RecordOutcome =
    { ok: true; id: string } | { ok: false; errorCode: string; message: string };

const MAX_COLLECTION = 200; // sObject Collections limit (CONTRACT.md §2.3)

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason as Error);
        const t = setTimeout(resolve, ms);
        signal?.addEventListener(
            'abort',
            () => {
                clearTimeout(t);
                reject(signal.reason as Error);
            },
            { once: true }
        );
    });
}

/** Flattens a REST record (nested parent records) into 'Parent.Field' keys like Bulk CSV. */
function flatten(rec: Row, prefix = '', out: Row = {}): Row {
    for (const [k, v] of Object.entries(rec)) {
        if (k === 'attributes') continue;
        if (v !== null && typeof v === 'object' && !Array.isArray(v))
            flatten(v as Row, `${prefix}${k}.`, out);
        else out[`${prefix}${k}`] = v;
    }
    return out;
}

interface SaveResultLike {
    id?: string;
    success: boolean;
    errors?: { statusCode?: string; errorCode?: string; message?: string }[];
}

function toOutcome(r: SaveResultLike): RecordOutcome {
    if (r.success && r.id) return { ok: true, id: r.id };
    const e = r.errors?.[0];
    // Collections report `statusCode`; jsforce's type says `errorCode` (CONTRACT.md §2.3): read both.
    return {
        ok: false,
        errorCode: e?.statusCode ?? e?.errorCode ?? 'UNKNOWN',
        message: e?.message ?? 'failed'
    };
}

export class SalesforceClient {
    private readonly config: SalesforceConfig;
    readonly conn: Connection;
    readonly version: string;
    private calls = 0;
    private authPromise: Promise<string> | undefined;
    readonly bulkThreshold: number;
    private readonly attempts: number;
    private readonly baseDelayMs: number;
    private readonly maxDelayMs: number;

    constructor(config: SalesforceConfig) {
        this.config = config;
        this.version = config.apiVersion ?? SALESFORCE_API_VERSION;
        this.bulkThreshold = config.bulkThreshold ?? 10_000;
        this.attempts = config.retry?.attempts ?? 5;
        this.baseDelayMs = config.retry?.baseDelayMs ?? 500;
        this.maxDelayMs = config.retry?.maxDelayMs ?? 8000;
        this.conn = new Connection({
            oauth2: {
                clientId: config.clientId,
                ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
                loginUrl: config.loginUrl
            },
            version: this.version,
            refreshFn: (_conn, callback) => {
                this.requestToken().then(
                    (res) => callback(null, res.access_token, res as never),
                    (err: Error) => callback(err)
                );
            }
        });
        // Count every HTTP call jsforce makes through this connection (token calls use their own
        // transport and are not API calls).
        const transport = this.conn._transport;
        const original = transport.httpRequest.bind(transport);
        transport.httpRequest = (req, options) => {
            this.calls++;
            return original(req, options);
        };
    }

    private async requestToken(): Promise<{
        access_token: string;
        instance_url: string;
        id: string;
    }> {
        const auth = this.config.auth ?? { type: 'client_credentials' as const };
        try {
            if (auth.type === 'client_credentials') {
                return await this.conn.oauth2.requestToken({ grant_type: 'client_credentials' });
            }
            const key = await importPKCS8(auth.privateKey, 'RS256');
            const assertion = await new SignJWT({})
                .setProtectedHeader({ alg: 'RS256' })
                .setIssuer(this.config.clientId)
                .setSubject(auth.username)
                .setAudience(auth.audience ?? this.config.loginUrl)
                .setExpirationTime('3m')
                .sign(key);
            return await this.conn.oauth2.requestToken({
                grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
                assertion
            });
        } catch (err) {
            const e = err as Error;
            throw new SalesforceAuthError(
                `Salesforce login failed: ${e.message}`,
                e.name || 'AUTH_FAILED',
                {
                    cause: err
                }
            );
        }
    }

    /** Logs in (again); concurrent callers share one token request. */
    async authenticate(): Promise<string> {
        this.authPromise ??= (async () => {
            try {
                const res = await this.requestToken();
                const url = new URL(res.id);
                const [orgId, userId] = url.pathname.split('/').slice(-2);
                this.conn._establish({
                    instanceUrl: res.instance_url,
                    accessToken: res.access_token,
                    userInfo: { id: userId!, organizationId: orgId!, url: res.id }
                });
                return res.access_token;
            } finally {
                this.authPromise = undefined;
            }
        })();
        return this.authPromise;
    }

    usage(): ApiUsage {
        const info = this.conn.limitInfo?.apiUsage;
        return {
            calls: this.calls,
            maxCalls: this.config.budget?.maxCalls,
            orgUsed: info?.used,
            orgLimit: info?.limit
        };
    }

    /** Throws before a call that would exceed the configured budget. */
    checkBudget(calls = 1): void {
        const budget = this.config.budget;
        if (!budget) return;
        if (budget.maxCalls !== undefined && this.calls + calls > budget.maxCalls) {
            throw new ApiBudgetExceededError(
                `API budget exhausted: ${this.calls} of ${budget.maxCalls} calls used; raise budget.maxCalls or wait for the next run.`
            );
        }
        const info = this.conn.limitInfo?.apiUsage;
        if (
            budget.minRemaining !== undefined &&
            info &&
            info.limit - info.used < budget.minRemaining
        ) {
            throw new ApiBudgetExceededError(
                `The org has ${info.limit - info.used} daily API requests left, below the reserve of ${budget.minRemaining} (budget.minRemaining).`
            );
        }
    }

    private backoff(attempt: number): number {
        const exp = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
        return exp / 2 + Math.random() * (exp / 2);
    }

    /** Runs one API interaction with the budget check and retries on transient faults. */
    async call<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
        for (let attempt = 0; ; attempt++) {
            signal?.throwIfAborted();
            this.checkBudget();
            try {
                return await fn();
            } catch (err) {
                const wrapped = toSalesforceError(err);
                if (!(wrapped instanceof TransientSalesforceError) || attempt + 1 >= this.attempts)
                    throw wrapped;
                await sleep(this.backoff(attempt), signal);
            }
        }
    }

    private base(): string {
        return `/services/data/v${this.version}`;
    }

    /** GET/POST/PATCH through jsforce (session refresh included). */
    request<T>(
        method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
        path: string,
        body?: unknown
    ): Promise<T> {
        return this.conn.request<T>({
            method,
            url: `${this.base()}${path}`,
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
            headers: { 'Content-Type': 'application/json; charset=utf-8' }
        });
    }

    /**
     * Raw HTTP call with the session token, for responses whose headers matter (Bulk query pages)
     * or whose body is binary (VersionData). Re-authenticates once on 401.
     */
    async fetchRaw(
        path: string,
        accept: string,
        upload?: { method: 'PUT'; body: string; contentType: string }
    ): Promise<{ body: string; headers: Headers }> {
        for (let tries = 0; ; tries++) {
            if (!this.conn.accessToken) await this.authenticate();
            this.checkBudget();
            this.calls++;
            const res = await fetch(`${this.conn.instanceUrl}${this.base()}${path}`, {
                method: upload?.method ?? 'GET',
                headers: {
                    Authorization: `Bearer ${this.conn.accessToken}`,
                    Accept: accept,
                    ...(upload ? { 'Content-Type': upload.contentType } : {})
                },
                ...(upload ? { body: upload.body } : {})
            });
            const body = await res.text();
            if (res.status === 401 && tries === 0) {
                await this.authenticate();
                continue;
            }
            const limit = /api-usage=(\d+)\/(\d+)/.exec(res.headers.get('sforce-limit-info') ?? '');
            if (limit)
                this.conn.limitInfo = {
                    apiUsage: { used: Number(limit[1]), limit: Number(limit[2]) }
                };
            if (!res.ok) {
                let code = `ERROR_HTTP_${res.status}`;
                let message = body;
                try {
                    const parsed = JSON.parse(body) as { errorCode?: string; message?: string }[];
                    code = parsed[0]?.errorCode ?? code;
                    message = parsed[0]?.message ?? message;
                } catch {
                    /* not JSON: keep the raw body */
                }
                throw new SalesforceError(message, code, res.status);
            }
            return { body, headers: res.headers };
        }
    }

    /** COUNT() of a query (one call). */
    async count(soql: string, signal?: AbortSignal): Promise<number> {
        const res = await this.call(async () => await this.conn.query(soql), signal);
        return res.totalSize;
    }

    /** All rows of a query through REST query/queryMore, flattened ('Parent.Field' keys). */
    async queryRest(soql: string, signal?: AbortSignal): Promise<Row[]> {
        const rows: Row[] = [];
        let res: QueryResult<Row> = await this.call(
            async () => await this.conn.query<Row>(soql, { autoFetch: false }),
            signal
        );
        for (;;) {
            for (const r of res.records) rows.push(flatten(r));
            if (res.done || !res.nextRecordsUrl) break;
            const next = res.nextRecordsUrl;
            res = await this.call(async () => await this.conn.queryMore<Row>(next), signal);
        }
        return rows;
    }

    /** All rows of a query through a Bulk API 2.0 query job, paging with Sforce-Locator. */
    async queryBulk(soql: string, signal?: AbortSignal): Promise<Row[]> {
        const job = await this.call(
            () =>
                this.request<{ id: string }>('POST', '/jobs/query', {
                    operation: 'query',
                    query: soql
                }),
            signal
        );
        await this.pollJob(`/jobs/query/${job.id}`, signal);
        const rows: Row[] = [];
        const pageSize = this.config.bulk?.pageSize ?? 50_000;
        let locator: string | null = null;
        for (;;) {
            const query: string = `?maxRecords=${pageSize}${locator ? `&locator=${encodeURIComponent(locator)}` : ''}`;
            const page = await this.call(
                () => this.fetchRaw(`/jobs/query/${job.id}/results${query}`, 'text/csv'),
                signal
            );
            // Empty cells stay '' (the readers treat '' as null): no second copy of every row.
            const records = parse(page.body, {
                columns: true,
                skip_empty_lines: true,
                bom: true
            }) as Row[];
            for (const r of records) rows.push(r);
            const next = page.headers.get('sforce-locator');
            if (!next || next === 'null') break;
            locator = next;
        }
        await this.call(() => this.request('DELETE', `/jobs/query/${job.id}`), signal).catch(
            () => undefined
        );
        return rows;
    }

    private async pollJob(path: string, signal?: AbortSignal): Promise<Row> {
        const interval = this.config.bulk?.pollIntervalMs ?? 1000;
        const deadline = Date.now() + (this.config.bulk?.pollTimeoutMs ?? 600_000);
        for (;;) {
            const info = await this.call(() => this.request<Row>('GET', path), signal);
            const state = info.state;
            if (state === 'JobComplete') return info;
            if (state === 'Failed' || state === 'Aborted') {
                throw new SalesforceError(
                    `Bulk job ${path} ${String(state)}: ${String(info.errorMessage ?? '')}`,
                    'BULK_JOB_FAILED'
                );
            }
            if (Date.now() > deadline)
                throw new TransientSalesforceError(
                    `Bulk job ${path} did not finish in time`,
                    'JobPollingTimeout'
                );
            await sleep(interval, signal);
        }
    }

    /** Reads rows with REST below the bulk threshold and Bulk API 2.0 above it. */
    async read(soql: string, expected: number, signal?: AbortSignal): Promise<Row[]> {
        return expected > this.bulkThreshold
            ? this.queryBulk(soql, signal)
            : this.queryRest(soql, signal);
    }

    /**
     * Inserts, upserts (on `options.externalIdField`) or deletes records; outcomes are aligned
     * with the input. Transient per-record failures (UNABLE_TO_LOCK_ROW) are retried with
     * backoff; other failures are reported. `onBatch(n)` reports records settled so far.
     */
    async dml(
        op: DmlOperation,
        object: string,
        records: Row[],
        options: {
            signal?: AbortSignal;
            onBatch?: (done: number) => void;
            forceMode?: 'rest' | 'bulk';
            /** The External ID field an upsert matches on. */
            externalIdField?: string;
        } = {}
    ): Promise<RecordOutcome[]> {
        const externalIdField = options.externalIdField ?? '';
        if (op === 'upsert' && !externalIdField)
            throw new SalesforceInputError(
                `An upsert of ${object} needs options.externalIdField (the External ID field to match on).`
            );
        const outcomes: (RecordOutcome | undefined)[] = new Array<RecordOutcome | undefined>(
            records.length
        );
        let pending = records.map((_, i) => i);
        for (let attempt = 0; pending.length > 0; attempt++) {
            const useBulk = options.forceMode
                ? options.forceMode === 'bulk'
                : pending.length > this.bulkThreshold;
            const batch = pending.map((i) => records[i]!);
            const results = useBulk
                ? await this.dmlBulk(op, object, batch, options.signal, externalIdField)
                : await this.dmlRest(
                      op,
                      object,
                      batch,
                      options.signal,
                      (n) => options.onBatch?.(records.length - pending.length + n),
                      externalIdField
                  );
            const retry: number[] = [];
            results.forEach((r, k) => {
                const i = pending[k]!;
                if (
                    !r.ok &&
                    isTransientError({ errorCode: r.errorCode }) &&
                    attempt + 1 < this.attempts
                )
                    retry.push(i);
                else outcomes[i] = r;
            });
            pending = retry;
            options.onBatch?.(records.length - pending.length);
            if (pending.length > 0) await sleep(this.backoff(attempt), options.signal);
        }
        return outcomes as RecordOutcome[];
    }

    private async dmlRest(
        op: DmlOperation,
        object: string,
        records: Row[],
        signal: AbortSignal | undefined,
        onBatch: (done: number) => void,
        externalIdField: string
    ): Promise<RecordOutcome[]> {
        const out: RecordOutcome[] = new Array<RecordOutcome>(records.length);
        const chunks: number[] = [];
        for (let s = 0; s < records.length; s += MAX_COLLECTION) chunks.push(s);
        let next = 0;
        let done = 0;
        const worker = async (): Promise<void> => {
            while (next < chunks.length) {
                signal?.throwIfAborted();
                const start = chunks[next++]!;
                const chunk = records.slice(start, start + MAX_COLLECTION);
                const sobject = this.conn.sobject(object);
                const results = await this.call<SaveResultLike[]>(async () => {
                    const res =
                        op === 'insert'
                            ? await sobject.create(chunk as never[], { allOrNone: false })
                            : op === 'upsert'
                              ? await sobject.upsert(chunk as never[], externalIdField, {
                                    allOrNone: false
                                })
                              : await sobject.destroy(
                                    chunk.map((r) => String(r.Id)),
                                    { allOrNone: false }
                                );
                    return res as unknown as SaveResultLike[];
                }, signal);
                results.forEach((r, k) => (out[start + k] = toOutcome(r)));
                done += chunk.length;
                onBatch(done);
            }
        };
        const concurrency = Math.max(1, this.config.restConcurrency ?? 4);
        await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
        return out;
    }

    /**
     * One Bulk API 2.0 ingest job: create, upload CSV, close, poll, then read only the failed and
     * unprocessed results — every other row succeeded, so the (large) successful results CSV is
     * never downloaded. Rows are matched back by their columns (row order is not guaranteed).
     */
    private async dmlBulk(
        op: DmlOperation,
        object: string,
        records: Row[],
        signal: AbortSignal | undefined,
        externalIdField: string
    ): Promise<RecordOutcome[]> {
        const columns = op === 'delete' ? ['Id'] : Object.keys(records[0] ?? {});
        const cell = (v: unknown): string => (v === null || v === undefined ? '#N/A' : String(v));
        const keyOf = (r: Record<string, unknown>): string =>
            columns.map((c) => cell(r[c])).join('\u0001');
        const index = new Map<string, number[]>();
        records.forEach((r, i) => {
            const k = keyOf(r);
            const list = index.get(k);
            if (list) list.push(i);
            else index.set(k, [i]);
        });
        const csv = stringify([columns, ...records.map((r) => columns.map((c) => cell(r[c])))]);
        const job = await this.call(
            () =>
                this.request<{ id: string }>('POST', '/jobs/ingest', {
                    object,
                    operation: op,
                    ...(op === 'upsert' ? { externalIdFieldName: externalIdField } : {}),
                    contentType: 'CSV',
                    lineEnding: 'LF',
                    columnDelimiter: 'COMMA'
                }),
            signal
        );
        const path = `/jobs/ingest/${job.id}`;
        await this.call(
            () =>
                this.fetchRaw(`${path}/batches`, 'application/json', {
                    method: 'PUT',
                    body: csv,
                    contentType: 'text/csv'
                }),
            signal
        );
        await this.call(() => this.request('PATCH', path, { state: 'UploadComplete' }), signal);
        await this.pollJob(path, signal);
        const read = async (which: string): Promise<Record<string, string>[]> => {
            const res = await this.call(
                () => this.fetchRaw(`${path}/${which}`, 'text/csv'),
                signal
            );
            return parse(res.body, { columns: true, skip_empty_lines: true, bom: true }) as Record<
                string,
                string
            >[];
        };
        const failed = await read('failedResults');
        const unprocessed = await read('unprocessedrecords');
        const out: RecordOutcome[] = records.map(() => ({ ok: true, id: '' }));
        for (const r of failed) {
            const i = index.get(keyOf(r))?.shift();
            if (i === undefined) continue;
            const [code, ...rest] = String(r.sf__Error ?? '').split(':');
            out[i] = { ok: false, errorCode: code || 'UNKNOWN', message: rest.join(':') };
        }
        for (const r of unprocessed) {
            const i = index.get(keyOf(r))?.shift();
            if (i !== undefined)
                out[i] = {
                    ok: false,
                    errorCode: 'SERVER_UNAVAILABLE',
                    message: 'Record was not processed by the bulk job'
                };
        }
        return out;
    }

    /** True when an error code says the record is already gone. */
    static isGone(errorCode: string): boolean {
        return (
            errorCode === 'ENTITY_IS_DELETED' ||
            errorCode === 'INVALID_CROSS_REFERENCE_KEY' ||
            errorCode === 'NOT_FOUND'
        );
    }
}

export { errorCodeOf };
