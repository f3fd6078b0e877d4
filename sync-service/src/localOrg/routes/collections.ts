/**
 * sObject Collections: create (`POST /composite/sobjects`), update (`PATCH`), delete (`DELETE
 * ?ids=`), upsert on an External ID or Id (`PATCH /composite/sobjects/{type}/{field}`, v46+:
 * results carry `created`), and retrieve many (`POST`, or `GET ?ids=&fields=`, of
 * `/composite/sobjects/{type}`). At most 200 records; HTTP 200 with per-record results; allOrNone.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { saveMany, upsertKeyField, type DmlItem, type DmlOp } from '../dml.js';
import { normalizeId } from '../ids.js';
import {
    lockedCount,
    MAX_COLLECTION,
    notFound,
    sendError,
    sendJson,
    V,
    version,
    type OrgContext
} from './context.js';
import { recordJson } from './sobjects.js';

const tooMany = (reply: FastifyReply): FastifyReply =>
    sendError(
        reply,
        400,
        'EXCEEDED_ID_LIMIT',
        `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`
    );

export const collectionRoutes: FastifyPluginAsync<{ ctx: OrgContext }> = async (app, { ctx }) => {
    const { store } = ctx;

    /** `{allOrNone, records}` of a create/update/upsert body; undefined (answered) when malformed. */
    const readBody = (
        req: FastifyRequest,
        reply: FastifyReply
    ): { allOrNone: boolean; records: Record<string, unknown>[] } | undefined => {
        const body = (req.body ?? {}) as { allOrNone?: boolean; records?: unknown };
        if (!Array.isArray(body.records)) {
            sendError(reply, 400, 'JSON_PARSER_ERROR', 'records is required');
            return undefined;
        }
        return {
            allOrNone: body.allOrNone === true,
            records: body.records as Record<string, unknown>[]
        };
    };

    const collection = (op: DmlOp) => async (req: FastifyRequest, reply: FastifyReply) => {
        let items: DmlItem[];
        let allOrNone: boolean;
        if (op === 'delete') {
            const query = req.query as { ids?: string; allOrNone?: string };
            const ids = (query.ids ?? '').split(',').filter(Boolean);
            allOrNone = query.allOrNone === 'true';
            items = ids.map((id) => ({ object: '', id, values: {} }));
        } else {
            const body = readBody(req, reply);
            if (!body) return reply;
            allOrNone = body.allOrNone;
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
        if (items.length > MAX_COLLECTION) return tooMany(reply);
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
    app.patch(`${V}/composite/sobjects`, collection('update'));
    app.delete(`${V}/composite/sobjects`, collection('delete'));

    // Upsert: records of the URL's type, matched on its External ID field (or Id).
    app.patch(`${V}/composite/sobjects/:type/:field`, async (req, reply) => {
        const { type, field: fieldName } = req.params as { type: string; field: string };
        const def = store.schema.find(type);
        const field = def ? upsertKeyField(def, fieldName) : undefined;
        if (!def || !field) return notFound(reply);
        const body = readBody(req, reply);
        if (!body) return reply;
        if (body.records.length > MAX_COLLECTION) return tooMany(reply);
        const items: DmlItem[] = [];
        for (const r of body.records) {
            const { attributes, id, Id, ...values } = r as {
                attributes?: { type?: string };
                id?: unknown;
                Id?: unknown;
            };
            const t = attributes?.type;
            if (!t) {
                return sendError(
                    reply,
                    400,
                    'INVALID_FIELD',
                    'No SObject Type defined in the attributes of the record'
                );
            }
            if (t.toLowerCase() !== def.name.toLowerCase()) {
                return sendError(
                    reply,
                    400,
                    'INVALID_TYPE',
                    `Records of type ${t} cannot be upserted in a request for ${def.name}`
                );
            }
            items.push(
                field.name === 'Id'
                    ? { object: def.name, id: id ?? Id, values }
                    : { object: def.name, values }
            );
        }
        const results = saveMany(
            store,
            'upsert',
            items,
            body.allOrNone,
            lockedCount(req, items.length),
            field.name
        );
        return sendJson(reply, 200, results);
    });

    // Retrieve many (jsforce `retrieve([ids])`): records in request order, null when missing.
    const retrieve = (
        req: FastifyRequest,
        reply: FastifyReply,
        ids: unknown[],
        fields: string[] | undefined
    ): FastifyReply => {
        const def = store.schema.find((req.params as { type: string }).type);
        if (!def) return notFound(reply);
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
            return rec ? recordJson(def, rec, version(req), fields) : null;
        });
        return sendJson(reply, 200, records);
    };
    app.post(`${V}/composite/sobjects/:type`, async (req, reply) => {
        const body = (req.body ?? {}) as { ids?: unknown[]; fields?: string[] };
        return retrieve(req, reply, Array.isArray(body.ids) ? body.ids : [], body.fields);
    });
    app.get(`${V}/composite/sobjects/:type`, async (req, reply) => {
        const q = req.query as { ids?: string; fields?: string };
        const split = (s: string | undefined): string[] =>
            (s ?? '')
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean);
        return retrieve(req, reply, split(q.ids), q.fields ? split(q.fields) : undefined);
    });
};
