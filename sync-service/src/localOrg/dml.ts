/**
 * DML with the platform's result semantics, shared by single-record calls, sObject Collections
 * and Bulk API 2.0 ingest: per-record SaveResults, allOrNone rollback, injected row locks, and
 * upsert on an External ID (or Id) with `created` in its results.
 */
import type { FieldDef, ObjectDef } from './schema.js';
import {
    coerceValue,
    RecordError,
    type OrgStore,
    type SaveError,
    type SaveResult,
    type SfRecord
} from './store.js';

export type DmlOp = 'insert' | 'update' | 'delete' | 'upsert';

export interface DmlItem {
    object: string;
    /** Update/delete target. */
    id?: unknown;
    values: Record<string, unknown>;
}

const ROLLED_BACK: SaveError = {
    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    message:
        'Record rolled back because not all records were valid and the request was using AllOrNone header',
    fields: []
};

class RollBack extends Error {}

function toSaveError(err: unknown): SaveError {
    if (err instanceof RecordError) return err.toSaveError();
    return { statusCode: 'UNKNOWN_EXCEPTION', message: (err as Error).message, fields: [] };
}

/** The field an upsert matches on: Id or an External ID field of the object; else undefined. */
export function upsertKeyField(def: ObjectDef, name: string): FieldDef | undefined {
    const field = def.byLower.get(name.toLowerCase());
    return field && (field.name === 'Id' || field.externalId) ? field : undefined;
}

function keyOf(value: unknown): string {
    return typeof value === 'string' ? value.toLowerCase() : String(value);
}

/**
 * Records of one object by External ID value (text compares case-insensitively), built with one
 * scan when first needed and kept up to date with the inserts of the same call.
 */
export class ExternalIdIndex {
    private store: OrgStore;
    readonly def: ObjectDef;
    readonly field: FieldDef;
    private index: Map<string, string[]> | undefined;
    constructor(store: OrgStore, def: ObjectDef, field: FieldDef) {
        this.store = store;
        this.def = def;
        this.field = field;
    }

    /** Ids of the records whose field equals `value` (already coerced). */
    matches(value: unknown): string[] {
        if (!this.index) {
            this.index = new Map();
            for (const r of this.store.all(this.def.name)) this.add(r);
        }
        const table = this.store.table(this.def.name);
        return (this.index.get(keyOf(value)) ?? []).filter((id) => {
            const rec = table.get(id);
            return rec !== undefined && sameKey(rec, this.field, value);
        });
    }

    add(rec: SfRecord): void {
        if (!this.index) return;
        const v = rec[this.field.name];
        if (v === null || v === undefined || v === '') return;
        const k = keyOf(v);
        const list = this.index.get(k);
        if (list) list.push(rec.Id);
        else this.index.set(k, [rec.Id]);
    }
}

function sameKey(rec: SfRecord, field: FieldDef, value: unknown): boolean {
    const v = rec[field.name];
    return v !== null && v !== undefined && keyOf(v) === keyOf(value);
}

/** One upsert: match → update, no match → insert, several → DUPLICATE_EXTERNAL_ID. */
function upsertOne(
    store: OrgStore,
    item: DmlItem,
    index: ExternalIdIndex,
    outcome: { created: boolean }
): string {
    const { field } = index;
    const values = { ...item.values };
    if (field.name === 'Id') {
        const id = item.id ?? values.Id;
        delete values.Id;
        if (id === undefined || id === null || id === '') {
            outcome.created = true;
            const rec = store.insert(item.object, values);
            index.add(rec);
            return rec.Id;
        }
        return store.update(item.object, id, values).Id;
    }
    delete values.Id;
    const key = Object.keys(values).find((k) => k.toLowerCase() === field.name.toLowerCase());
    const raw = key === undefined ? undefined : values[key];
    if (raw === undefined || raw === null || raw === '') {
        throw new RecordError('MISSING_ARGUMENT', `${field.name} not specified`, []);
    }
    const value = coerceValue(field, raw);
    const matches = index.matches(value);
    if (matches.length > 1) {
        throw new RecordError(
            'DUPLICATE_EXTERNAL_ID',
            `${field.name}: more than one record found for external id field: [${matches.join(', ')}]`,
            [field.name]
        );
    }
    if (matches.length === 1) return store.update(item.object, matches[0], values).Id;
    outcome.created = true;
    const rec = store.insert(item.object, values);
    index.add(rec);
    return rec.Id;
}

function applyOne(
    store: OrgStore,
    op: DmlOp,
    item: DmlItem,
    upsert?: { index: (object: string) => ExternalIdIndex; outcome: { created: boolean } }
): string {
    if (op === 'upsert') return upsertOne(store, item, upsert!.index(item.object), upsert!.outcome);
    if (op === 'insert') {
        if (item.values.Id !== undefined && item.values.Id !== null) {
            throw new RecordError(
                'INVALID_FIELD_FOR_INSERT_UPDATE',
                'cannot specify Id in an insert call',
                ['Id']
            );
        }
        return store.insert(item.object, item.values).Id;
    }
    if (op === 'update') return store.update(item.object, item.id, item.values).Id;
    return store.delete(item.id, item.object || undefined).Id;
}

function lockError(item: DmlItem): SaveError {
    return {
        statusCode: 'UNABLE_TO_LOCK_ROW',
        message: `unable to obtain exclusive access to this record or 1 records: ${String(item.id ?? '')}`,
        fields: []
    };
}

/**
 * Applies `items` in order. Without allOrNone every record stands alone; with it, any failure
 * rolls every write back and the valid records report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 * `lockedRecords` makes the first N records fail with UNABLE_TO_LOCK_ROW (fault injection).
 * Upsert (`externalIdField`: Id or an External ID field) adds `created` to every result: true when
 * the record was, or would have been, inserted.
 */
export function saveMany(
    store: OrgStore,
    op: DmlOp,
    items: DmlItem[],
    allOrNone: boolean,
    lockedRecords = 0,
    externalIdField?: string
): SaveResult[] {
    const idOf = (item: DmlItem): string | undefined =>
        typeof item.id === 'string' ? item.id : undefined;
    const indexes = new Map<string, ExternalIdIndex>();
    const indexFor = (object: string): ExternalIdIndex => {
        let index = indexes.get(object.toLowerCase());
        if (!index) {
            const def = store.schema.find(object);
            if (!def)
                throw new RecordError('INVALID_TYPE', `sObject type '${object}' is not supported.`);
            const field = upsertKeyField(def, externalIdField ?? 'Id');
            if (!field)
                throw new RecordError(
                    'INVALID_FIELD',
                    `Field name provided, ${String(externalIdField)} is not an External ID or indexed field for ${def.name}`,
                    []
                );
            index = new ExternalIdIndex(store, def, field);
            indexes.set(object.toLowerCase(), index);
        }
        return index;
    };
    const created: boolean[] = [];
    const one = (item: DmlItem, i: number): SaveResult => {
        const outcome = { created: false };
        try {
            const id = store.transaction(() =>
                applyOne(store, op, item, { index: indexFor, outcome })
            );
            return { id, success: true, errors: [] };
        } catch (err) {
            return withId({ success: false, errors: [toSaveError(err)] }, idOf(item));
        } finally {
            created[i] = outcome.created;
        }
    };
    const finish = (results: SaveResult[]): SaveResult[] =>
        op === 'upsert' ? results.map((r, i) => ({ ...r, created: created[i] ?? false })) : results;
    if (!allOrNone) {
        return finish(
            items.map((item, i): SaveResult => {
                if (i < lockedRecords)
                    return withId({ success: false, errors: [lockError(item)] }, idOf(item));
                return one(item, i);
            })
        );
    }
    const results: SaveResult[] = [];
    let failed = false;
    try {
        store.transaction(() => {
            items.forEach((item, i) => {
                if (i < lockedRecords) {
                    failed = true;
                    results.push(withId({ success: false, errors: [lockError(item)] }, idOf(item)));
                    return;
                }
                const r = one(item, i);
                if (!r.success) failed = true;
                results.push(r);
            });
            if (failed) throw new RollBack();
        });
    } catch (err) {
        if (!(err instanceof RollBack)) throw err;
        return finish(
            results.map((r, i) =>
                r.success
                    ? withId(
                          { success: false, errors: [ROLLED_BACK] },
                          op === 'insert' || created[i] ? undefined : idOf(items[i]!)
                      )
                    : r
            )
        );
    }
    return finish(results);
}

function withId(
    result: { success: false; errors: SaveError[] },
    id: string | undefined
): SaveResult {
    return id ? { id, ...result } : result;
}
