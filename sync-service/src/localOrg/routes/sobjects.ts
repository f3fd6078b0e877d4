/**
 * sObject REST resources: describeGlobal, basic info and describe; create, retrieve, update and
 * delete by Id; ContentVersion VersionData; and the sObject Rows by External ID resource — GET,
 * PATCH (upsert: 201 created / 200 updated with `{id, success, errors, created}` from v46, 204 on
 * update before; 300 with the matching record URLs when several match), DELETE — and POST
 * `/sobjects/{type}/Id` (create, Id as the external id with a null value).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { describeGlobalEntry, describeObject } from '../describe.js';
import { ExternalIdIndex, saveMany, upsertKeyField, type DmlOp } from '../dml.js';
import { normalizeId } from '../ids.js';
import type { FieldDef, ObjectDef } from '../schema.js';
import { coerceValue, RecordError, type SfRecord } from '../store.js';
import {
    lockedCount,
    MAX_COLLECTION,
    notFound,
    recordError,
    sendError,
    sendJson,
    V,
    version,
    type OrgContext
} from './context.js';

/** The first API version whose upsert answers carry `created` (and 200 on update). */
const UPSERT_CREATED_VERSION = 46;

/** A record as REST returns it: attributes, then the requested (or all) fields. */
export function recordJson(
    def: ObjectDef,
    rec: SfRecord,
    v: string,
    fields?: string[]
): Record<string, unknown> {
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
}

export const sobjectRoutes: FastifyPluginAsync<{ ctx: OrgContext }> = async (app, { ctx }) => {
    const { store } = ctx;
    const findDef = (req: FastifyRequest): ObjectDef | undefined =>
        store.schema.find((req.params as { type: string }).type);
    const fieldsParam = (req: FastifyRequest): string[] | undefined =>
        (req.query as { fields?: string }).fields?.split(',').map((s) => s.trim());

    app.get(`${V}/sobjects`, async (req, reply) =>
        sendJson(reply, 200, {
            encoding: 'UTF-8',
            maxBatchSize: MAX_COLLECTION,
            sobjects: [...store.schema.objects.values()].map((d) =>
                describeGlobalEntry(d, version(req))
            )
        })
    );
    app.get(`${V}/sobjects/:type`, async (req, reply) => {
        const def = findDef(req);
        if (!def) return notFound(reply);
        return sendJson(reply, 200, {
            objectDescribe: describeGlobalEntry(def, version(req)),
            recentItems: []
        });
    });
    app.get(`${V}/sobjects/:type/describe`, async (req, reply) => {
        const def = findDef(req);
        return def
            ? sendJson(reply, 200, describeObject(store.schema, def, version(req)))
            : notFound(reply);
    });

    // ---- create
    const create = async (req: FastifyRequest, reply: FastifyReply, idAsKey: boolean) => {
        const def = findDef(req);
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
        const body: Record<string, unknown> = { id: result!.id, success: true, errors: [] };
        if (idAsKey && Number(version(req)) >= UPSERT_CREATED_VERSION) body.created = true;
        return sendJson(reply, 201, body);
    };
    app.post(`${V}/sobjects/:type`, async (req, reply) => create(req, reply, false));
    // Create with Id as the external id and null as its value (v37+).
    app.post(`${V}/sobjects/:type/:field`, async (req, reply) => {
        if ((req.params as { field: string }).field.toLowerCase() !== 'id') return notFound(reply);
        return create(req, reply, true);
    });

    // ---- by Id
    const singleRecord = (
        req: FastifyRequest,
        reply: FastifyReply,
        rawId: string
    ): { def: ObjectDef; id: string } | undefined => {
        const def = findDef(req);
        if (!def) {
            notFound(reply);
            return undefined;
        }
        const norm = normalizeId(rawId);
        if (!norm) {
            sendError(
                reply,
                400,
                'MALFORMED_ID',
                `Record ID: id value of incorrect type: ${rawId}`,
                ['Id']
            );
            return undefined;
        }
        return { def, id: norm };
    };
    app.get(`${V}/sobjects/:type/:id`, async (req, reply) => {
        const target = singleRecord(req, reply, (req.params as { id: string }).id);
        if (!target) return reply;
        const rec = store.table(target.def.name).get(target.id);
        if (!rec) {
            if (store.isDeleted(target.id))
                return sendError(reply, 404, 'ENTITY_IS_DELETED', 'entity is deleted', []);
            return notFound(reply);
        }
        return sendJson(reply, 200, recordJson(target.def, rec, version(req), fieldsParam(req)));
    });
    const singleDml = (op: DmlOp) => async (req: FastifyRequest, reply: FastifyReply) => {
        const target = singleRecord(req, reply, (req.params as { id: string }).id);
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

    // ---- by External ID (or a blob field by Id: /sobjects/ContentVersion/{id}/VersionData)
    type KeyTarget = { def: ObjectDef; field: FieldDef; value: unknown; matches: string[] };
    /** Resolves `/sobjects/{type}/{field}/{value}`; answers 404/400 itself when it cannot. */
    const byKey = (req: FastifyRequest, reply: FastifyReply): KeyTarget | undefined => {
        const { field: fieldName, value: raw } = req.params as { field: string; value: string };
        const def = findDef(req);
        const field = def ? upsertKeyField(def, fieldName) : undefined;
        if (!def || !field) {
            notFound(reply);
            return undefined;
        }
        if (field.name === 'Id') {
            const id = normalizeId(raw);
            const exists = id !== undefined && store.table(def.name).has(id);
            return { def, field, value: id ?? raw, matches: exists ? [id] : [] };
        }
        let value: unknown;
        try {
            value = coerceValue(field, raw);
        } catch (err) {
            recordError(reply, err);
            return undefined;
        }
        return {
            def,
            field,
            value,
            matches: new ExternalIdIndex(store, def, field).matches(value)
        };
    };
    const multipleChoices = (req: FastifyRequest, reply: FastifyReply, t: KeyTarget) =>
        sendJson(
            reply,
            300,
            t.matches.map((id) => `/services/data/v${version(req)}/sobjects/${t.def.name}/${id}`)
        );

    app.get(`${V}/sobjects/:type/:field/:value`, async (req, reply) => {
        const { field, value } = req.params as { field: string; value: string };
        const def = findDef(req);
        if (def && !upsertKeyField(def, field)) {
            // /sobjects/{type}/{id}/{blobField}
            const target = singleRecord(req, reply, field);
            if (!target) return reply;
            const blob = target.def.byLower.get(value.toLowerCase());
            const data = store.versionData(target.id);
            if (!blob || blob.type !== 'base64' || !data) return notFound(reply);
            return reply.code(200).type('application/octetstream').send(data);
        }
        const t = byKey(req, reply);
        if (!t) return reply;
        if (t.matches.length > 1) return multipleChoices(req, reply, t);
        const rec = t.matches.length === 1 ? store.table(t.def.name).get(t.matches[0]!) : undefined;
        if (!rec) return notFound(reply);
        return sendJson(reply, 200, recordJson(t.def, rec, version(req), fieldsParam(req)));
    });

    app.patch(`${V}/sobjects/:type/:field/:value`, async (req, reply) => {
        const t = byKey(req, reply);
        if (!t) return reply;
        if (t.matches.length > 1) return multipleChoices(req, reply, t);
        const updateOnly = (req.query as { updateOnly?: string }).updateOnly === 'true';
        if (t.matches.length === 0 && (updateOnly || t.field.name === 'Id')) return notFound(reply);
        const body = { ...((req.body ?? {}) as Record<string, unknown>) };
        const inBody = Object.keys(body).find(
            (k) => k.toLowerCase() === t.field.name.toLowerCase()
        );
        if (inBody !== undefined && t.field.name !== 'Id') {
            let same = false;
            try {
                same =
                    String(coerceValue(t.field, body[inBody])).toLowerCase() ===
                    String(t.value).toLowerCase();
            } catch {
                same = false;
            }
            if (!same) {
                return sendError(
                    reply,
                    400,
                    'INVALID_FIELD',
                    `${t.field.name}: the External ID value in the body does not match the one in the URL`
                );
            }
            delete body[inBody];
        }
        const values = t.field.name === 'Id' ? body : { ...body, [t.field.name]: t.value };
        const [result] = saveMany(
            store,
            'upsert',
            [
                {
                    object: t.def.name,
                    ...(t.field.name === 'Id' ? { id: t.matches[0] } : {}),
                    values
                }
            ],
            true,
            lockedCount(req, 1),
            t.field.name
        );
        if (!result!.success) {
            const e = result!.errors[0]!;
            return recordError(reply, new RecordError(e.statusCode, e.message, e.fields));
        }
        const withCreated = Number(version(req)) >= UPSERT_CREATED_VERSION;
        if (result!.created) {
            reply.header(
                'Location',
                `/services/data/v${version(req)}/sobjects/${t.def.name}/${result!.id}`
            );
            const answer: Record<string, unknown> = { id: result!.id, success: true, errors: [] };
            if (withCreated) answer.created = true;
            return sendJson(reply, 201, answer);
        }
        if (!withCreated) return reply.code(204).send();
        return sendJson(reply, 200, { id: result!.id, success: true, errors: [], created: false });
    });

    app.delete(`${V}/sobjects/:type/:field/:value`, async (req, reply) => {
        const t = byKey(req, reply);
        if (!t) return reply;
        if (t.matches.length > 1) return multipleChoices(req, reply, t);
        if (t.matches.length === 0) return notFound(reply);
        const [result] = saveMany(
            store,
            'delete',
            [{ object: t.def.name, id: t.matches[0], values: {} }],
            true,
            lockedCount(req, 1)
        );
        if (!result!.success) {
            const e = result!.errors[0]!;
            return recordError(reply, new RecordError(e.statusCode, e.message, e.fields));
        }
        return reply.code(204).send();
    });
};
