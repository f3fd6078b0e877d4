/**
 * Bulk API 2.0 ingest and query jobs (CSV), following CONTRACT.md §3: JobInfo shapes, upload with
 * 201 and an empty body, UploadComplete → InProgress → JobComplete processing in the background,
 * successful/failed/unprocessed results with sf__ columns, query results paged by locator with
 * `Sforce-Locator: null` on the last page.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { saveMany, upsertKeyField, type DmlOp } from './dml.js';
import { compileQuery, type CompiledQuery } from './query-engine.js';
import { JOB_PREFIX } from './schema.js';
import { formatDateTime, type OrgStore } from './store.js';

export const DELIMITERS: Record<string, string> = {
    COMMA: ',',
    BACKQUOTE: '`',
    CARET: '^',
    PIPE: '|',
    SEMICOLON: ';',
    TAB: '\t'
};
const INGEST_OPERATIONS = new Set(['insert', 'update', 'upsert', 'delete', 'hardDelete']);

export class BulkError extends Error {
    readonly status: number;
    readonly errorCode: string;
    constructor(status: number, errorCode: string, message: string) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }
}

interface JobBase {
    id: string;
    operation: string;
    object: string;
    createdById: string;
    createdDate: string;
    systemModstamp: string;
    state: 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
    concurrencyMode: 'Parallel';
    contentType: 'CSV';
    apiVersion: number;
    lineEnding: 'LF' | 'CRLF';
    columnDelimiter: string;
    errorMessage?: string;
    startedAt?: number;
}

interface IngestJob extends JobBase {
    kind: 'ingest';
    externalIdFieldName?: string;
    uploads: string[];
    columns: string[];
    successful: unknown[][];
    failed: unknown[][];
    unprocessed: unknown[][];
    /** Rows forced to fail with UNABLE_TO_LOCK_ROW (fault injection). */
    lockedRecords: number;
    processed: number;
}

interface QueryJob extends JobBase {
    kind: 'query';
    query: string;
    compiled: CompiledQuery;
    rows?: unknown[];
}

export interface BulkOptions {
    /** Delay before a closed job starts processing (ms). */
    processingDelayMs: number;
    /** Rows per query results page when the client sends no maxRecords. */
    queryPageSize: number;
}

function lineEndingOf(value: unknown): 'LF' | 'CRLF' {
    if (value === undefined || value === 'LF') return 'LF';
    if (value === 'CRLF') return 'CRLF';
    throw new BulkError(400, 'INVALIDJOB', `InvalidJob : Invalid line ending: ${String(value)}`);
}

function delimiterOf(value: unknown): string {
    if (value === undefined) return 'COMMA';
    if (typeof value === 'string' && value in DELIMITERS) return value;
    throw new BulkError(
        400,
        'INVALIDJOB',
        `InvalidJob : Invalid column delimiter: ${String(value)}`
    );
}

/** Query-results locators look like the platform's: base64 of the next row offset. */
function encodeLocator(offset: number): string {
    return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}
function decodeLocator(locator: string): number {
    const n = Number(Buffer.from(locator, 'base64').toString('utf8'));
    if (!Number.isInteger(n) || n < 0)
        throw new BulkError(400, 'INVALIDLOCATOR', `Invalid locator: ${locator}`);
    return n;
}

/** CSV with every cell quoted (the platform's query results format); null is an empty cell. */
function toQuotedCsv(header: string[], rows: unknown[][], delimiter: string, eol: string): string {
    const quote = (v: unknown): string => {
        if (v === null || v === undefined || v === '') return '';
        const text = typeof v === 'string' ? v : String(v);
        return `"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
    };
    const parts: string[] = [header.map(quote).join(delimiter)];
    for (const row of rows) parts.push(row.map(quote).join(delimiter));
    return parts.join(eol) + eol;
}

export class BulkJobs {
    private store: OrgStore;
    private options: BulkOptions;
    private jobs = new Map<string, IngestJob | QueryJob>();

    constructor(store: OrgStore, options: BulkOptions) {
        this.store = store;
        this.options = options;
    }

    private base(
        body: Record<string, unknown>,
        version: string,
        operation: string,
        object: string
    ): JobBase {
        const now = formatDateTime(Date.now());
        return {
            id: this.store.ids.next(JOB_PREFIX),
            operation,
            object,
            createdById: this.store.defaultUserId,
            createdDate: now,
            systemModstamp: now,
            state: 'Open',
            concurrencyMode: 'Parallel',
            contentType: 'CSV',
            apiVersion: Number(version),
            lineEnding: lineEndingOf(body.lineEnding),
            columnDelimiter: delimiterOf(body.columnDelimiter)
        };
    }

    createIngest(body: Record<string, unknown>, version: string): Record<string, unknown> {
        const operation = String(body.operation ?? '');
        if (!INGEST_OPERATIONS.has(operation)) {
            throw new BulkError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${operation}`);
        }
        const def =
            typeof body.object === 'string' ? this.store.schema.find(body.object) : undefined;
        if (!def)
            throw new BulkError(
                400,
                'INVALIDJOB',
                `InvalidJob : Unable to find object: ${String(body.object)}`
            );
        if (body.contentType !== undefined && body.contentType !== 'CSV') {
            throw new BulkError(
                400,
                'INVALIDJOB',
                `InvalidJob : Invalid content type: ${String(body.contentType)}`
            );
        }
        if (operation === 'upsert' && !body.externalIdFieldName) {
            throw new BulkError(400, 'INVALIDJOB', 'InvalidJob : External ID was blank for upsert');
        }
        let externalIdField: string | undefined;
        if (operation === 'upsert') {
            const field = upsertKeyField(def, String(body.externalIdFieldName));
            if (!field) {
                throw new BulkError(
                    400,
                    'INVALIDJOB',
                    `InvalidJob : Field name provided, ${String(body.externalIdFieldName)} does not match an External ID, Salesforce Id, or indexed field for ${def.name}`
                );
            }
            externalIdField = field.name;
        }
        const job: IngestJob = {
            ...this.base(body, version, operation, def.name),
            kind: 'ingest',
            uploads: [],
            columns: [],
            successful: [],
            failed: [],
            unprocessed: [],
            lockedRecords: 0,
            processed: 0
        };
        if (externalIdField) job.externalIdFieldName = externalIdField;
        this.jobs.set(job.id, job);
        return this.info(job, version);
    }

    createQuery(body: Record<string, unknown>, version: string): Record<string, unknown> {
        const operation = String(body.operation ?? 'query');
        if (operation !== 'query' && operation !== 'queryAll') {
            throw new BulkError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${operation}`);
        }
        let compiled: CompiledQuery;
        try {
            compiled = compileQuery(this.store, String(body.query ?? ''));
        } catch (err) {
            throw new BulkError(
                400,
                (err as { errorCode?: string }).errorCode ?? 'INVALIDJOB',
                (err as Error).message
            );
        }
        if (compiled.isAggregate) {
            throw new BulkError(
                400,
                'INVALIDJOB',
                'InvalidJob : Aggregate queries are not supported by Bulk API 2.0'
            );
        }
        if (compiled.hasSubqueries) {
            throw new BulkError(
                400,
                'INVALIDJOB',
                'InvalidJob : Parent-to-child (nested) queries are not supported by Bulk API 2.0'
            );
        }
        const job: QueryJob = {
            ...this.base(body, version, operation, compiled.object.name),
            kind: 'query',
            state: 'UploadComplete',
            query: String(body.query),
            compiled
        };
        this.jobs.set(job.id, job);
        this.schedule(job);
        return this.info(job, version);
    }

    private get(id: string, kind: 'ingest' | 'query'): IngestJob | QueryJob {
        const job = this.jobs.get(id);
        if (!job || job.kind !== kind) {
            throw new BulkError(404, 'NOT_FOUND', 'The requested resource does not exist');
        }
        return job;
    }

    info(job: IngestJob | QueryJob, version: string): Record<string, unknown> {
        const out: Record<string, unknown> = {
            id: job.id,
            operation: job.operation,
            object: job.object,
            createdById: job.createdById,
            createdDate: job.createdDate,
            systemModstamp: job.systemModstamp,
            state: job.state
        };
        if (job.kind === 'ingest') {
            if (job.externalIdFieldName) out.externalIdFieldName = job.externalIdFieldName;
            Object.assign(out, {
                concurrencyMode: job.concurrencyMode,
                contentType: job.contentType,
                apiVersion: job.apiVersion,
                contentUrl: `services/data/v${version}/jobs/ingest/${job.id}/batches`,
                lineEnding: job.lineEnding,
                columnDelimiter: job.columnDelimiter
            });
        } else {
            Object.assign(out, {
                concurrencyMode: job.concurrencyMode,
                contentType: job.contentType,
                apiVersion: job.apiVersion,
                lineEnding: job.lineEnding,
                columnDelimiter: job.columnDelimiter
            });
        }
        return out;
    }

    /** GET of a job: JobInfo with the processing counters. */
    status(id: string, kind: 'ingest' | 'query', version: string): Record<string, unknown> {
        const job = this.get(id, kind);
        const out = this.info(job, version);
        delete out.contentUrl; // only the create answer carries it (recorded job info has none)
        out.jobType = kind === 'ingest' ? 'V2Ingest' : 'V2Query';
        out.numberRecordsProcessed =
            job.kind === 'ingest' ? job.processed : (job.rows?.length ?? 0);
        if (job.kind === 'ingest') out.numberRecordsFailed = job.failed.length;
        out.retries = 0;
        out.totalProcessingTime = job.startedAt ? Date.now() - job.startedAt : 0;
        if (job.kind === 'ingest') {
            out.apiActiveProcessingTime = out.totalProcessingTime;
            out.apexProcessingTime = 0;
        }
        if (job.errorMessage) out.errorMessage = job.errorMessage;
        return out;
    }

    upload(id: string, csv: string): void {
        const job = this.get(id, 'ingest') as IngestJob;
        if (job.state !== 'Open') {
            throw new BulkError(
                409,
                'INVALIDJOBSTATE',
                `Job ${id} is not in the Open state: ${job.state}`
            );
        }
        job.uploads.push(csv);
    }

    /** PATCH of a job's state (UploadComplete or Aborted). */
    setState(
        id: string,
        kind: 'ingest' | 'query',
        state: unknown,
        version: string,
        lockedRecords = 0
    ): Record<string, unknown> {
        const job = this.get(id, kind);
        if (state === 'Aborted') {
            if (job.state === 'JobComplete' || job.state === 'Failed') {
                throw new BulkError(409, 'INVALIDJOBSTATE', `Job is already ${job.state}`);
            }
            job.state = 'Aborted';
            return this.info(job, version);
        }
        if (state !== 'UploadComplete' || job.kind !== 'ingest') {
            throw new BulkError(
                400,
                'INVALIDJOBSTATE',
                `Invalid state transition to ${String(state)}`
            );
        }
        if (job.state !== 'Open')
            throw new BulkError(409, 'INVALIDJOBSTATE', `Job is not Open: ${job.state}`);
        job.state = 'UploadComplete';
        job.lockedRecords = lockedRecords;
        this.schedule(job);
        return this.info(job, version);
    }

    delete(id: string, kind: 'ingest' | 'query'): void {
        const job = this.get(id, kind);
        if (job.state === 'UploadComplete' || job.state === 'InProgress') {
            throw new BulkError(
                400,
                'INVALIDJOBSTATE',
                'A job can be deleted only in a final state or Open'
            );
        }
        this.jobs.delete(id);
    }

    private schedule(job: IngestJob | QueryJob): void {
        setTimeout(() => {
            if (job.state !== 'UploadComplete') return;
            job.state = 'InProgress';
            job.startedAt = Date.now();
            try {
                if (job.kind === 'query') {
                    job.rows = job.compiled.run(job.operation === 'queryAll');
                    job.state = 'JobComplete';
                } else {
                    this.process(job);
                }
            } catch (err) {
                job.state = 'Failed';
                job.errorMessage = (err as Error).message;
            }
            job.systemModstamp = formatDateTime(Date.now());
        }, this.options.processingDelayMs).unref();
    }

    private process(job: IngestJob): void {
        const delimiter = DELIMITERS[job.columnDelimiter]!;
        const rows: string[][] = [];
        for (const upload of job.uploads) {
            const parsed = parse(upload, {
                delimiter,
                record_delimiter: job.lineEnding === 'CRLF' ? '\r\n' : '\n',
                skip_empty_lines: true,
                relax_column_count: false,
                bom: true
            }) as string[][];
            const [header, ...data] = parsed;
            if (!header) continue;
            if (job.columns.length === 0) job.columns = header;
            else if (header.join('\u0000') !== job.columns.join('\u0000')) {
                throw new Error(
                    'InvalidBatch : Field names differ between uploads of the same job'
                );
            }
            rows.push(...data);
        }
        const def = this.store.schema.find(job.object)!;
        for (const c of job.columns) {
            if (!def.byLower.has(c.toLowerCase())) {
                throw new Error(`InvalidBatch : Field name not found : ${c}`);
            }
        }
        const idCol = job.columns.findIndex((c) => c.toLowerCase() === 'id');
        const op: DmlOp =
            job.operation === 'insert' || job.operation === 'update' || job.operation === 'upsert'
                ? job.operation
                : 'delete';
        // Upsert on Id: a blank Id inserts. On an External ID field the Id column is not used.
        const upsertOnId = op === 'upsert' && job.externalIdFieldName === 'Id';
        // Processed in chunks of 200, each record on its own (no allOrNone), like the platform.
        for (let start = 0; start < rows.length; start += 200) {
            const chunk = rows.slice(start, start + 200);
            const items = chunk.map((row) => {
                const values: Record<string, unknown> = {};
                job.columns.forEach((c, i) => {
                    if (i === idCol && op !== 'insert') return;
                    const v = row[i];
                    if (v === undefined || v === '') return;
                    values[c] = v === '#N/A' ? null : v;
                });
                const id = idCol >= 0 ? row[idCol] : undefined;
                if (op === 'upsert')
                    return {
                        object: job.object,
                        id: upsertOnId ? id || undefined : undefined,
                        values
                    };
                return { object: job.object, id, values };
            });
            const locked = Math.max(0, Math.min(200, job.lockedRecords - start));
            const results = saveMany(this.store, op, items, false, locked, job.externalIdFieldName);
            results.forEach((r, i) => {
                const row = chunk[i]!;
                const created = op === 'insert' || (op === 'upsert' && r.created === true);
                if (r.success) job.successful.push([r.id, created ? 'true' : 'false', ...row]);
                else {
                    const e = r.errors[0]!;
                    job.failed.push([
                        r.id ?? '',
                        `${e.statusCode}:${e.message}:${e.fields.join(',')} --`,
                        ...row
                    ]);
                }
            });
            job.processed += chunk.length;
        }
        job.state = 'JobComplete';
    }

    /** CSV of one ingest result set. */
    ingestResults(id: string, which: 'successful' | 'failed' | 'unprocessed'): string {
        const job = this.get(id, 'ingest') as IngestJob;
        const header =
            which === 'successful'
                ? ['sf__Id', 'sf__Created', ...job.columns]
                : which === 'failed'
                  ? ['sf__Id', 'sf__Error', ...job.columns]
                  : job.columns;
        if (
            which !== 'unprocessed' &&
            job.state !== 'JobComplete' &&
            job.state !== 'Failed' &&
            job.state !== 'Aborted'
        ) {
            throw new BulkError(400, 'INVALIDJOBSTATE', `Job ${id} has not been processed yet`);
        }
        const rows = job[which];
        if (header.length === 0) return '';
        return stringify([header, ...rows], {
            delimiter: DELIMITERS[job.columnDelimiter],
            record_delimiter: job.lineEnding === 'CRLF' ? '\r\n' : '\n'
        });
    }

    /** One page of query results: CSV, row count and the next locator ('null' on the last page). */
    queryResults(
        id: string,
        version: string,
        locator: string | undefined,
        maxRecords: number | undefined
    ): {
        csv: string;
        count: number;
        next: string;
    } {
        const job = this.get(id, 'query') as QueryJob;
        if (Number(version) !== job.apiVersion) {
            throw new BulkError(
                409,
                'INVALIDJOBSTATE',
                'The API version of the results request must match the job'
            );
        }
        if (job.state !== 'JobComplete' || !job.rows) {
            throw new BulkError(412, 'JOB_NOT_COMPLETE', `Job ${id} is not complete: ${job.state}`);
        }
        const start = locator ? decodeLocator(locator) : 0;
        const size = maxRecords && maxRecords > 0 ? maxRecords : this.options.queryPageSize;
        const page = job.rows.slice(start, start + size);
        const end = start + page.length;
        const header = job.compiled.columns;
        const csv = toQuotedCsv(
            header,
            page.map((r) => job.compiled.toCsv(r)),
            DELIMITERS[job.columnDelimiter]!,
            job.lineEnding === 'CRLF' ? '\r\n' : '\n'
        );
        return {
            csv,
            count: page.length,
            next: end < job.rows.length ? encodeLocator(end) : 'null'
        };
    }
}
