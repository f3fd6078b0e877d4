/**
 * The local org's HTTP surface (Fastify): OAuth token endpoint, REST query / queryMore / queryAll,
 * sObject CRUD and Collections, /limits, Bulk API 2.0, and ContentVersion VersionData. Every API
 * call passes the same gate: version check, session check, fault injection, daily API budget.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { BulkError, BulkJobs } from './bulk.js';
import { saveMany, type DmlItem, type DmlOp } from './dml.js';
import type { FaultController, FaultRule } from './faults.js';
import { normalizeId } from './ids.js';
import { handleTokenRequest, type ConnectedApp, type Session } from './oauth.js';
import { compileQuery, type CompiledQuery } from './query-engine.js';
import { findObject, OBJECTS, QUERY_LOCATOR_PREFIX, type ObjectDef } from './schema.js';
import { SoqlError } from './soql.js';
import { RecordError, type OrgStore, type SfRecord } from './store.js';

/** Highest API version the emulator serves (the current release, CONTRACT.md §0). */
export const LATEST_API_VERSION = 68;
/** Lowest API version the emulator serves. */
export const OLDEST_API_VERSION = 31;
const JSON_TYPE = 'application/json;charset=UTF-8';
const MAX_COLLECTION = 200; // sObject Collections limit (CONTRACT.md §2.3)

export interface ServerOptions {
    store: OrgStore;
    faults: FaultController;
    app: ConnectedApp;
    integrationUserId: string;
    /** refresh token → user id */
    refreshTokens: Map<string, string>;
    dailyApiLimit: number;
    /** Default REST query batch size (2,000 on the platform). */
    queryBatchSize: number;
    bulkProcessingDelayMs: number;
    bulkQueryPageSize: number;
    /** Sessions expire this long after issue (ms); 0 = never. */
    sessionTtlMs: number;
    logger: boolean;
}

interface Cursor {
    compiled: CompiledQuery;
    rows: unknown[];
    batchSize: number;
    lastUsed: number;
}

const MAX_CURSORS = 50;
const CURSOR_TTL_MS = 15 * 60_000;

export interface OrgServer {
    app: FastifyInstance;
    sessions: Map<string, Session>;
    usage: { used: number; limit: number };
    setBaseUrl(url: string): void;
}

declare module 'fastify' {
    interface FastifyRequest {
        sfVersion?: string;
        sfFault?: FaultRule;
    }
}

function errorBody(errorCode: string, message: string, fields?: string[]): string {
    const e: Record<string, unknown> = { message, errorCode };
    if (fields !== undefined) e.fields = fields;
    return JSON.stringify([e]);
}

function sendError(
    reply: FastifyReply,
    status: number,
    errorCode: string,
    message: string,
    fields?: string[]
): FastifyReply {
    return reply
        .code(status)
        .type(JSON_TYPE)
        .send(errorBody(errorCode, message, fields));
}

function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
    return reply.code(status).type(JSON_TYPE).send(JSON.stringify(body));
}

function notFound(reply: FastifyReply): FastifyReply {
    return reply
        .code(404)
        .type(JSON_TYPE)
        .send(
            JSON.stringify([
                { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }
            ])
        );
}

function recordError(reply: FastifyReply, err: unknown): FastifyReply {
    if (err instanceof RecordError) {
        const status = err.statusCode === 'ENTITY_IS_DELETED' ? 404 : 400;
        return sendError(
            reply,
            status,
            err.statusCode,
            err.message,
            err.statusCode === 'INVALID_FIELD' ? undefined : err.fields
        );
    }
    throw err;
}

/** Builds the Fastify app of the local org. */
export function buildOrgServer(options: ServerOptions): OrgServer {
    const { store, faults } = options;
    const app = Fastify({
        logger: options.logger ? { level: 'info', stream: process.stderr } : false,
        bodyLimit: 160 * 1024 * 1024,
        routerOptions: { ignoreTrailingSlash: true }
    });
    const sessions = new Map<string, Session>();
    const usage = { used: 0, limit: options.dailyApiLimit };
    const cursors = new Map<string, Cursor>();
    const bulk = new BulkJobs(store, {
        processingDelayMs: options.bulkProcessingDelayMs,
        queryPageSize: options.bulkQueryPageSize
    });
    let baseUrl = 'http://127.0.0.1';

    app.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_req, body, done) => {
            done(null, Object.fromEntries(new URLSearchParams(String(body))));
        }
    );
    app.addContentTypeParser(
        ['text/csv', 'application/octet-stream'],
        { parseAs: 'string' },
        (_req, body, done) => {
            done(null, body);
        }
    );

    app.post('/services/oauth2/token', async (req, reply) => {
        const form = (req.body ?? {}) as Record<string, string | undefined>;
        const answer = await handleTokenRequest(
            {
                app: options.app,
                orgId: store.orgId,
                baseUrl: () => baseUrl,
                integrationUserId: options.integrationUserId,
                userIdByUsername: (username) => {
                    for (const u of store.all('User')) {
                        if (
                            String(u.Username).toLowerCase() === username.toLowerCase() &&
                            u.IsActive
                        )
                            return u.Id;
                    }
                    return undefined;
                },
                refreshTokens: options.refreshTokens,
                sessions
            },
            form
        );
        return sendJson(reply, answer.status, answer.body);
    });

    // The gate of every API call.
    app.addHook('onRequest', async (req, reply) => {
        const path = req.url.split('?')[0]!;
        if (!path.startsWith('/services/data/') || path === '/services/data/') return;
        const m = /^\/services\/data\/v(\d+)\.0(\/|$)/.exec(path);
        const n = m ? Number(m[1]) : NaN;
        if (!m || n < OLDEST_API_VERSION || n > LATEST_API_VERSION) return notFound(reply);
        req.sfVersion = `${n}.0`;
        const auth = req.headers.authorization;
        const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
        const session = token ? sessions.get(token) : undefined;
        if (
            !session ||
            (options.sessionTtlMs > 0 && Date.now() - session.issuedAt > options.sessionTtlMs)
        ) {
            return sendError(reply, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
        }
        const fault = faults.match(req.method, path);
        if (fault) {
            await fault.run?.();
            switch (fault.kind) {
                case 'expireSession':
                    sessions.clear();
                    return sendError(
                        reply,
                        401,
                        'INVALID_SESSION_ID',
                        'Session expired or invalid'
                    );
                case 'limitExceeded':
                    reply.header('Sforce-Limit-Info', `api-usage=${usage.used}/${usage.limit}`);
                    return sendError(
                        reply,
                        403,
                        'REQUEST_LIMIT_EXCEEDED',
                        'TotalRequests Limit exceeded.'
                    );
                case 'unavailable':
                    return sendError(
                        reply,
                        503,
                        'SERVER_UNAVAILABLE',
                        'Server temporarily unavailable. Please try again later.'
                    );
                case 'drop':
                    req.raw.socket.destroy();
                    return reply.hijack();
                case 'slow':
                    await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
                    break;
                case 'lockRow':
                    req.sfFault = fault;
                    break;
            }
        }
        if (usage.used >= usage.limit) {
            reply.header('Sforce-Limit-Info', `api-usage=${usage.used}/${usage.limit}`);
            return sendError(reply, 403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
        }
        usage.used++;
        reply.header('Sforce-Limit-Info', `api-usage=${usage.used}/${usage.limit}`);
    });

    // The versions list needs no session and carries no Sforce-Limit-Info (REST guide).
    app.get('/services/data', async (_req, reply) => {
        const versions = [];
        for (let n = OLDEST_API_VERSION; n <= LATEST_API_VERSION; n++) {
            versions.push({ label: `v${n}.0`, url: `/services/data/v${n}.0`, version: `${n}.0` });
        }
        return sendJson(reply, 200, versions);
    });

    const V = '/services/data/:version';
    const version = (req: FastifyRequest): string => req.sfVersion ?? `${LATEST_API_VERSION}.0`;
    const lockedCount = (req: FastifyRequest, total: number): number =>
        req.sfFault?.kind === 'lockRow' ? Math.min(total, req.sfFault.records ?? total) : 0;

    app.get(`${V}`, async (req, reply) =>
        sendJson(reply, 200, {
            limits: `/services/data/v${version(req)}/limits`,
            query: `/services/data/v${version(req)}/query`,
            queryAll: `/services/data/v${version(req)}/queryAll`,
            sobjects: `/services/data/v${version(req)}/sobjects`,
            composite: `/services/data/v${version(req)}/composite`,
            jobs: `/services/data/v${version(req)}/jobs`
        })
    );

    // ---- query / queryAll / queryMore
    const runQuery = (req: FastifyRequest, reply: FastifyReply, all: boolean): FastifyReply => {
        const q = (req.query as Record<string, string | undefined>).q;
        if (!q) return sendError(reply, 400, 'MALFORMED_QUERY', 'SOQL query is required');
        let compiled: CompiledQuery;
        let rows: unknown[];
        try {
            compiled = compileQuery(store, q);
            rows = compiled.run(all);
        } catch (err) {
            if (err instanceof SoqlError) return sendError(reply, 400, err.errorCode, err.message);
            throw err;
        }
        if (compiled.countOnly)
            return sendJson(reply, 200, { totalSize: rows.length, done: true, records: [] });
        const header = String(req.headers['sforce-query-options'] ?? '');
        const m = /batchSize=(\d+)/i.exec(header);
        const batchSize = m ? Math.min(2000, Math.max(200, Number(m[1]))) : options.queryBatchSize;
        const cursor: Cursor = { compiled, rows, batchSize, lastUsed: Date.now() };
        return sendPage(req, reply, cursor, store.ids.next(QUERY_LOCATOR_PREFIX), 0);
    };
    const sendPage = (
        req: FastifyRequest,
        reply: FastifyReply,
        cursor: Cursor,
        cursorId: string,
        offset: number
    ): FastifyReply => {
        const v = version(req);
        const end = Math.min(cursor.rows.length, offset + cursor.batchSize);
        const records = cursor.rows.slice(offset, end).map((r) => cursor.compiled.toJson(r, v));
        const body: Record<string, unknown> = {
            totalSize: cursor.rows.length,
            done: end >= cursor.rows.length
        };
        if (end < cursor.rows.length) {
            // Re-inserting keeps the Map in least-recently-used order. Locators expire after 15
            // minutes unused (as documented for query locators), and at most 50 stay open: each
            // holds its full result list.
            cursor.lastUsed = Date.now();
            cursors.delete(cursorId);
            cursors.set(cursorId, cursor);
            for (const [id, c] of cursors) {
                if (cursors.size <= MAX_CURSORS && Date.now() - c.lastUsed < CURSOR_TTL_MS) break;
                cursors.delete(id);
            }
            body.nextRecordsUrl = `/services/data/v${v}/query/${cursorId}-${end}`;
        } else cursors.delete(cursorId);
        body.records = records;
        return sendJson(reply, 200, body);
    };
    app.get(`${V}/query`, async (req, reply) => runQuery(req, reply, false));
    app.get(`${V}/queryAll`, async (req, reply) => runQuery(req, reply, true));
    const more = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
        const locator = (req.params as { locator: string }).locator;
        const m = /^([A-Za-z0-9]{18})-(\d+)$/.exec(locator);
        const cursor = m ? cursors.get(m[1]!) : undefined;
        if (!m || !cursor)
            return sendError(reply, 400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
        if (cursor.compiled.isAggregate) {
            return sendError(
                reply,
                400,
                'MALFORMED_QUERY',
                'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch'
            );
        }
        return sendPage(req, reply, cursor, m[1]!, Number(m[2]));
    };
    app.get(`${V}/query/:locator`, more);
    app.get(`${V}/queryAll/:locator`, more);

    // ---- limits
    app.get(`${V}/limits`, async (_req, reply) =>
        sendJson(reply, 200, {
            DailyApiRequests: {
                Max: usage.limit,
                Remaining: Math.max(0, usage.limit - usage.used)
            },
            DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
            DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
            DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
            DataStorageMB: { Max: 1024, Remaining: 1024 },
            FileStorageMB: { Max: 10240, Remaining: 10240 }
        })
    );

    app.get(`${V}/limits/recordCount`, async (req, reply) => {
        const names = String((req.query as { sObjects?: string }).sObjects ?? '')
            .split(',')
            .filter(Boolean);
        const defs = names.length
            ? names.map((n) => findObject(n)).filter((d): d is ObjectDef => !!d)
            : [...OBJECTS.values()];
        return sendJson(reply, 200, {
            sObjects: defs.map((d) => ({ count: store.count(d.name), name: d.name }))
        });
    });

    // ---- sObjects
    const describe = (def: ObjectDef): Record<string, unknown> => ({
        name: def.name,
        label: def.name,
        keyPrefix: def.keyPrefix,
        createable: def.createable,
        updateable: def.updateable,
        deletable: def.deletable,
        queryable: true,
        custom: def.name.endsWith('__c'),
        fields: [...def.fields.values()].map((f) => ({
            name: f.name,
            type: f.type,
            length: f.length ?? 0,
            createable: f.createable,
            updateable: f.updateable,
            nillable: !f.required && f.type !== 'boolean',
            defaultedOnCreate: f.defaultValue !== undefined,
            custom: f.name.endsWith('__c'),
            referenceTo: f.referenceTo ?? [],
            relationshipName: f.relationshipName ?? null,
            restrictedPicklist: !!f.restricted,
            picklistValues: (f.picklist ?? []).map((p) => ({
                value: p,
                label: p,
                active: true,
                defaultValue: false
            }))
        }))
    });
    app.get(`${V}/sobjects`, async (_req, reply) =>
        sendJson(reply, 200, {
            encoding: 'UTF-8',
            maxBatchSize: MAX_COLLECTION,
            sobjects: [...OBJECTS.values()].map((d) => ({
                name: d.name,
                keyPrefix: d.keyPrefix,
                queryable: true,
                createable: d.createable,
                updateable: d.updateable,
                deletable: d.deletable,
                custom: d.name.endsWith('__c')
            }))
        })
    );
    app.get(`${V}/sobjects/:type/describe`, async (req, reply) => {
        const def = findObject((req.params as { type: string }).type);
        return def ? sendJson(reply, 200, describe(def)) : notFound(reply);
    });
    const recordJson = (
        def: ObjectDef,
        rec: SfRecord,
        v: string,
        fields?: string[]
    ): Record<string, unknown> => {
        const out: Record<string, unknown> = {
            attributes: {
                type: def.name,
                url: `/services/data/v${v}/sobjects/${def.name}/${rec.Id}`
            }
        };
        const names = fields ? ['Id', ...fields] : [...def.fields.keys()];
        for (const n of names) {
            const f = def.byLower.get(n.toLowerCase());
            if (f)
                out[f.name] =
                    f.type === 'base64'
                        ? `/services/data/v${v}/sobjects/${def.name}/${rec.Id}/${f.name}`
                        : rec[f.name];
        }
        return out;
    };
    app.post(`${V}/sobjects/:type`, async (req, reply) => {
        const def = findObject((req.params as { type: string }).type);
        if (!def) return notFound(reply);
        const [result] = saveMany(
            store,
            'insert',
            [{ object: def.name, values: (req.body ?? {}) as Record<string, unknown> }],
            true,
            lockedCount(req, 1)
        );
        if (!result!.success) {
            const e = result!.errors[0]!;
            return sendError(
                reply,
                400,
                e.statusCode,
                e.message,
                e.statusCode === 'INVALID_FIELD' ? undefined : e.fields
            );
        }
        reply.header(
            'Location',
            `/services/data/v${version(req)}/sobjects/${def.name}/${result!.id}`
        );
        return sendJson(reply, 201, { id: result!.id, success: true, errors: [] });
    });
    const singleRecord = (
        req: FastifyRequest,
        reply: FastifyReply
    ): { def: ObjectDef; id: string } | undefined => {
        const { type, id } = req.params as { type: string; id: string };
        const def = findObject(type);
        if (!def) {
            notFound(reply);
            return undefined;
        }
        const norm = normalizeId(id);
        if (!norm) {
            sendError(reply, 400, 'MALFORMED_ID', `Record ID: id value of incorrect type: ${id}`, [
                'Id'
            ]);
            return undefined;
        }
        return { def, id: norm };
    };
    app.get(`${V}/sobjects/:type/:id`, async (req, reply) => {
        const target = singleRecord(req, reply);
        if (!target) return reply;
        const rec = store.table(target.def.name).get(target.id);
        if (!rec) {
            if (store.isDeleted(target.id))
                return sendError(reply, 404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
            return notFound(reply);
        }
        const fields = (req.query as { fields?: string }).fields?.split(',').map((s) => s.trim());
        return sendJson(reply, 200, recordJson(target.def, rec, version(req), fields));
    });
    app.get(`${V}/sobjects/:type/:id/:field`, async (req, reply) => {
        const target = singleRecord(req, reply);
        if (!target) return reply;
        const field = target.def.byLower.get((req.params as { field: string }).field.toLowerCase());
        const data = store.versionData(target.id);
        if (!field || field.type !== 'base64' || !data) return notFound(reply);
        return reply.code(200).type('application/octetstream').send(data);
    });
    const singleDml = (op: DmlOp) => async (req: FastifyRequest, reply: FastifyReply) => {
        const target = singleRecord(req, reply);
        if (!target) return reply;
        if (!store.table(target.def.name).has(target.id) && !store.isDeleted(target.id))
            return notFound(reply);
        const values = op === 'update' ? ((req.body ?? {}) as Record<string, unknown>) : {};
        const [result] = saveMany(
            store,
            op,
            [{ object: target.def.name, id: target.id, values }],
            true,
            lockedCount(req, 1)
        );
        if (!result!.success) {
            const e = result!.errors[0]!;
            return recordError(reply, new RecordError(e.statusCode, e.message, e.fields));
        }
        return reply.code(204).send();
    };
    app.patch(`${V}/sobjects/:type/:id`, singleDml('update'));
    app.delete(`${V}/sobjects/:type/:id`, singleDml('delete'));

    // ---- sObject Collections
    const collection = (op: DmlOp) => async (req: FastifyRequest, reply: FastifyReply) => {
        let items: DmlItem[];
        let allOrNone: boolean;
        if (op === 'delete') {
            const query = req.query as { ids?: string; allOrNone?: string };
            const ids = (query.ids ?? '').split(',').filter(Boolean);
            allOrNone = query.allOrNone === 'true';
            items = ids.map((id) => ({ object: '', id, values: {} }));
        } else {
            const body = (req.body ?? {}) as {
                allOrNone?: boolean;
                records?: Record<string, unknown>[];
            };
            if (!Array.isArray(body.records))
                return sendError(reply, 400, 'JSON_PARSER_ERROR', 'records is required');
            allOrNone = body.allOrNone === true;
            items = body.records.map((r) => {
                const { attributes, id, Id, ...values } = r as {
                    attributes?: { type?: string };
                    id?: unknown;
                    Id?: unknown;
                };
                if (op === 'insert' && (id !== undefined || Id !== undefined))
                    (values as Record<string, unknown>).Id = id ?? Id;
                return { object: attributes?.type ?? '', id: id ?? Id, values };
            });
        }
        if (items.length > MAX_COLLECTION) {
            return sendError(
                reply,
                400,
                'EXCEEDED_ID_LIMIT',
                `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`
            );
        }
        if (op !== 'delete' && items.some((i) => !i.object)) {
            return sendError(
                reply,
                400,
                'INVALID_FIELD',
                'No SObject Type defined in the attributes of the record'
            );
        }
        const results = saveMany(store, op, items, allOrNone, lockedCount(req, items.length));
        return sendJson(reply, 200, results);
    };
    app.post(`${V}/composite/sobjects`, collection('insert'));
    // Retrieve many (jsforce `retrieve([ids])`): records in request order, null when missing.
    app.post(`${V}/composite/sobjects/:type`, async (req, reply) => {
        const def = findObject((req.params as { type: string }).type);
        if (!def) return notFound(reply);
        const body = (req.body ?? {}) as { ids?: unknown[]; fields?: string[] };
        const ids = Array.isArray(body.ids) ? body.ids : [];
        if (ids.length > 2000) {
            return sendError(
                reply,
                400,
                'EXCEEDED_ID_LIMIT',
                'Cannot retrieve more than 2000 records'
            );
        }
        const records = ids.map((id) => {
            const norm = normalizeId(id);
            const rec = norm ? store.table(def.name).get(norm) : undefined;
            return rec ? recordJson(def, rec, version(req), body.fields) : null;
        });
        return sendJson(reply, 200, records);
    });
    app.patch(`${V}/composite/sobjects`, collection('update'));
    app.delete(`${V}/composite/sobjects`, collection('delete'));

    // ---- Bulk API 2.0
    const bulkError = (reply: FastifyReply, err: unknown): FastifyReply => {
        if (err instanceof BulkError)
            return reply
                .code(err.status)
                .type(JSON_TYPE)
                .send(JSON.stringify([{ errorCode: err.errorCode, message: err.message }]));
        throw err;
    };
    const jobId = (req: FastifyRequest): string => (req.params as { id: string }).id;
    const guard =
        (fn: (req: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>) =>
        async (req: FastifyRequest, reply: FastifyReply) => {
            try {
                return await fn(req, reply);
            } catch (err) {
                return bulkError(reply, err);
            }
        };
    app.post(
        `${V}/jobs/ingest`,
        guard((req, reply) =>
            sendJson(
                reply,
                200,
                bulk.createIngest((req.body ?? {}) as Record<string, unknown>, version(req))
            )
        )
    );
    app.put(
        `${V}/jobs/ingest/:id/batches`,
        guard((req, reply) => {
            bulk.upload(jobId(req), typeof req.body === 'string' ? req.body : '');
            return reply.code(201).send();
        })
    );
    app.patch(
        `${V}/jobs/ingest/:id`,
        guard((req, reply) => {
            const state = ((req.body ?? {}) as { state?: unknown }).state;
            return sendJson(
                reply,
                200,
                bulk.setState(
                    jobId(req),
                    'ingest',
                    state,
                    version(req),
                    req.sfFault?.kind === 'lockRow' ? (req.sfFault.records ?? Infinity) : 0
                )
            );
        })
    );
    app.get(
        `${V}/jobs/ingest/:id`,
        guard((req, reply) => sendJson(reply, 200, bulk.status(jobId(req), 'ingest', version(req))))
    );
    app.delete(
        `${V}/jobs/ingest/:id`,
        guard((req, reply) => {
            bulk.delete(jobId(req), 'ingest');
            return reply.code(204).send();
        })
    );
    for (const [path, which] of [
        ['successfulResults', 'successful'],
        ['failedResults', 'failed'],
        ['unprocessedrecords', 'unprocessed']
    ] as const) {
        app.get(
            `${V}/jobs/ingest/:id/${path}`,
            guard((req, reply) =>
                reply
                    .code(200)
                    .type('text/csv')
                    .send(bulk.ingestResults(jobId(req), which))
            )
        );
    }
    app.post(
        `${V}/jobs/query`,
        guard((req, reply) =>
            sendJson(
                reply,
                200,
                bulk.createQuery((req.body ?? {}) as Record<string, unknown>, version(req))
            )
        )
    );
    app.get(
        `${V}/jobs/query/:id`,
        guard((req, reply) => sendJson(reply, 200, bulk.status(jobId(req), 'query', version(req))))
    );
    app.patch(
        `${V}/jobs/query/:id`,
        guard((req, reply) => {
            const state = ((req.body ?? {}) as { state?: unknown }).state;
            return sendJson(reply, 200, bulk.setState(jobId(req), 'query', state, version(req)));
        })
    );
    app.delete(
        `${V}/jobs/query/:id`,
        guard((req, reply) => {
            bulk.delete(jobId(req), 'query');
            return reply.code(204).send();
        })
    );
    app.get(
        `${V}/jobs/query/:id/results`,
        guard((req, reply) => {
            const q = req.query as { locator?: string; maxRecords?: string };
            const page = bulk.queryResults(
                jobId(req),
                version(req),
                q.locator || undefined,
                q.maxRecords ? Number(q.maxRecords) : undefined
            );
            return reply
                .code(200)
                .type('text/csv')
                .header('Sforce-NumberOfRecords', String(page.count))
                .header('Sforce-Locator', page.next)
                .send(page.csv);
        })
    );

    app.setNotFoundHandler((_req, reply) => notFound(reply));
    app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
        const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
        if (status === 500) app.log.error(err);
        const code =
            status === 400
                ? 'JSON_PARSER_ERROR'
                : status === 500
                  ? 'UNKNOWN_EXCEPTION'
                  : `ERROR_HTTP_${status}`;
        return sendError(
            reply,
            status,
            code,
            status === 500 ? 'An unexpected error occurred.' : err.message
        );
    });

    return { app, sessions, usage, setBaseUrl: (url) => (baseUrl = url) };
}
