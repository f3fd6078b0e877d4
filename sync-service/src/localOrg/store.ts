/**
 * The in-memory record store of the local org: validation, derived fields, uniqueness rules of the
 * territory objects, cascades, deleted-record tombstones and write listeners (used by tests to
 * check invariants on every single write).
 */
import { IdFactory, normalizeId } from './ids.js';
import {
    BUILT_IN_SCHEMA,
    CONTENT_DOCUMENT_PREFIX,
    OPPORTUNITY_STAGES,
    type FieldDef,
    type ObjectDef,
    type Schema
} from './schema.js';

export type SfRecord = Record<string, unknown> & { Id: string };

/** A per-record error as the platform reports it in SaveResults. */
export interface SaveError {
    statusCode: string;
    message: string;
    fields: string[];
}

/** `created` is set on upsert results only (true when the record was, or would have been, inserted). */
export type SaveResult =
    | { id: string; success: true; errors: []; created?: boolean }
    | {
          id?: string;
          success: false;
          errors: SaveError[];
          created?: boolean;
      };

export interface WriteEvent {
    op: 'insert' | 'update' | 'delete';
    object: string;
    record: SfRecord;
    previous?: SfRecord;
}
export type WriteListener = (event: WriteEvent) => void;

/** Thrown inside a write to turn it into a per-record error. */
export class RecordError extends Error {
    readonly statusCode: string;
    readonly fields: string[];
    constructor(statusCode: string, message: string, fields: string[] = []) {
        super(message);
        this.statusCode = statusCode;
        this.fields = fields;
    }
    toSaveError(): SaveError {
        return { statusCode: this.statusCode, message: this.message, fields: this.fields };
    }
}

const MAX_TERRITORIES_PER_MODEL = 1000; // documented default per model (CONTRACT §4.3)
const DEVELOPER_NAME = /^[A-Za-z](?!.*__)[A-Za-z0-9_]*$/;

/**
 * A constructor of blank records for one object: one object literal with every field, so all
 * records share a shape with in-object properties. At 1M accounts this is several times faster
 * and half the memory of adding the fields one by one or spreading a template.
 */
function recordFactory(def: ObjectDef): () => Record<string, unknown> {
    const fields = [...def.fields.values()];
    const defaults = fields.map((f) => f.defaultValue ?? null);
    // Field names come from schema.ts (identifiers), never from input.
    const body = `return {${fields.map((f, i) => `${JSON.stringify(f.name)}: d[${i}]`).join(', ')}};`;
    const build = new Function('d', body) as (d: unknown[]) => Record<string, unknown>;
    return () => build(defaults);
}

let lastFormatted: [number, string] = [NaN, ''];

/** Salesforce's datetime format: 2026-11-28T16:30:00.000+0000. */
export function formatDateTime(ms: number): string {
    // Bulk loads stamp thousands of records within the same millisecond.
    if (lastFormatted[0] !== ms)
        lastFormatted = [ms, new Date(ms).toISOString().replace('Z', '+0000')];
    return lastFormatted[1];
}

function toNumber(raw: unknown): number | undefined {
    if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
    if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) {
        return Number(raw);
    }
    return undefined;
}

/** Converts an incoming value (JSON value or CSV text) to the stored representation. */
export function coerceValue(field: FieldDef, raw: unknown): unknown {
    if (raw === null || raw === undefined) return null;
    const bad = (): never => {
        throw new RecordError(
            'INVALID_TYPE_ON_FIELD_IN_RECORD',
            `${field.name}: value not of required type: ${String(raw)}`,
            [field.name]
        );
    };
    switch (field.type) {
        case 'double':
        case 'currency':
        case 'percent': {
            return toNumber(raw) ?? bad();
        }
        case 'int': {
            const n = toNumber(raw);
            return n !== undefined && Number.isInteger(n) ? n : bad();
        }
        case 'boolean':
            if (typeof raw === 'boolean') return raw;
            if (raw === 'true' || raw === 'TRUE' || raw === '1') return true;
            if (raw === 'false' || raw === 'FALSE' || raw === '0') return false;
            return bad();
        case 'date': {
            if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(raw)) return bad();
            return raw.slice(0, 10);
        }
        case 'datetime': {
            const ms = typeof raw === 'string' ? Date.parse(raw.replace(/\+0000$/, 'Z')) : NaN;
            return Number.isNaN(ms) ? bad() : formatDateTime(ms);
        }
        case 'id':
        case 'reference': {
            if (raw === '') return null;
            const id = normalizeId(raw);
            if (!id) {
                throw new RecordError(
                    'MALFORMED_ID',
                    `${field.name}: id value of incorrect type: ${String(raw)}`,
                    [field.name]
                );
            }
            return id;
        }
        default: {
            if (typeof raw === 'object') return bad();
            const s = String(raw);
            if (field.length !== undefined && field.type !== 'base64' && s.length > field.length) {
                throw new RecordError(
                    'STRING_TOO_LONG',
                    `${field.name}: data value too large: ${s.slice(0, 40)}... (max length=${field.length})`,
                    [field.name]
                );
            }
            return s;
        }
    }
}

interface PendingEvent {
    event: WriteEvent;
}

/** One in-flight unit of work: an undo log, and the write events to publish on commit. */
class Transaction {
    undo: (() => void)[] = [];
    events: PendingEvent[] = [];
}

export interface StoreOptions {
    /** Id of the user that performs writes when no user is given (the integration user). */
    defaultUserId?: string;
    now?: () => number;
    /** The org's objects (default: the built-in ones). */
    schema?: Schema;
}

/** Derives the read-only full name of a User or Contact. */
/** Objects whose Name is FirstName + LastName, read-only (as in a real org). */
const PERSON_NAMED = new Set(['User', 'Contact', 'Lead']);

function fullName(rec: Record<string, unknown>): string {
    return [rec.FirstName, rec.LastName].filter(Boolean).join(' ');
}

export class OrgStore {
    readonly orgId: string;
    readonly schema: Schema;
    readonly ids = new IdFactory();
    private tables = new Map<string, Map<string, SfRecord>>();
    private tombstones = new Map<string, SfRecord>();
    private listeners = new Set<WriteListener>();
    private unique = new Map<string, string>();
    /** object id → its association ids (arrays: a Set per account costs too much at 1M) */
    private objectAssociations = new Map<string, string[]>();
    private contentBlobs = new Map<string, Buffer>();
    private factories = new Map<string, () => Record<string, unknown>>();
    private tx: Transaction | undefined;
    /** `${child}.${field}` → parent id → child ids (stale ids are skipped), for cascade deletes. */
    private cascadeIndexes = new Map<string, Map<string, string[]>>();
    private uniqueFields = new Map<string, FieldDef[]>();
    defaultUserId = '';
    private now: () => number;

    constructor(options: StoreOptions = {}) {
        this.now = options.now ?? Date.now;
        this.schema = options.schema ?? BUILT_IN_SCHEMA;
        this.orgId = this.ids.next('00D');
        for (const name of this.schema.objects.keys()) this.tables.set(name, new Map());
        if (options.defaultUserId) this.defaultUserId = options.defaultUserId;
    }

    /** Subscribes to committed writes; returns the unsubscribe function. */
    onWrite(listener: WriteListener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    table(objectName: string): Map<string, SfRecord> {
        const table = this.tables.get(objectName);
        if (!table) throw new Error(`Unknown object ${objectName}`);
        return table;
    }

    /** Records of one object, in insertion order. */
    all(objectName: string): IterableIterator<SfRecord> {
        return this.table(objectName).values();
    }

    count(objectName: string): number {
        return this.table(objectName).size;
    }

    get(id: string): SfRecord | undefined {
        const def = this.schema.forId(id);
        return def ? this.tables.get(def.name)?.get(id) : undefined;
    }

    /** Deleted records (tombstones), for queryAll and ENTITY_IS_DELETED. */
    deletedRecords(objectName: string): SfRecord[] {
        return [...this.tombstones.values()].filter(
            (r) => this.schema.forId(r.Id)?.name === objectName
        );
    }

    isDeleted(id: string): boolean {
        return this.tombstones.has(id);
    }

    /** Ids of the ObjectTerritory2Association rows of one object (account). */
    associationsOf(objectId: string): readonly string[] {
        return this.objectAssociations.get(objectId) ?? [];
    }

    /** The bytes of a ContentVersion. */
    versionData(id: string): Buffer | undefined {
        return this.contentBlobs.get(id);
    }

    /**
     * Runs `work` as one unit: when it throws (or `allOrNone` rolls back), every write it made is
     * undone and no write events are published.
     */
    transaction<T>(work: () => T): T {
        if (this.tx) return work();
        const tx = new Transaction();
        this.tx = tx;
        try {
            const result = work();
            this.tx = undefined;
            for (const { event } of tx.events) for (const l of this.listeners) l(event);
            return result;
        } catch (err) {
            this.tx = undefined;
            for (let i = tx.undo.length - 1; i >= 0; i--) tx.undo[i]!();
            throw err;
        }
    }

    private record(event: WriteEvent, undo: () => void): void {
        if (this.tx) {
            this.tx.undo.push(undo);
            this.tx.events.push({ event });
        } else {
            for (const l of this.listeners) l(event);
        }
    }

    private uniqueKey(objectName: string, rec: Record<string, unknown>): string | undefined {
        switch (objectName) {
            case 'ObjectTerritory2Association':
                return `OT2A|${String(rec.ObjectId)}|${String(rec.Territory2Id)}`;
            case 'UserTerritory2Association':
                return `UT2A|${String(rec.UserId)}|${String(rec.Territory2Id)}`;
            case 'Territory2':
            case 'Territory2Model':
            case 'Territory2Type':
                return `${objectName}|${String(rec.DeveloperName).toLowerCase()}`;
            default:
                return undefined;
        }
    }

    /** Keys of the unique fields (declared `unique`) of a record: field → key. */
    private fieldKeys(def: ObjectDef, rec: Record<string, unknown>): Map<string, string> {
        const keys = new Map<string, string>();
        let fields = this.uniqueFields.get(def.name);
        if (!fields) {
            fields = [...def.fields.values()].filter((f) => f.unique);
            this.uniqueFields.set(def.name, fields);
        }
        for (const f of fields) {
            const v = rec[f.name];
            if (v === null || v === undefined || v === '') continue;
            keys.set(
                f.name,
                `${def.name}.${f.name}|${typeof v === 'string' ? v.toLowerCase() : String(v)}`
            );
        }
        return keys;
    }

    private duplicateValue(field: string, existing: string): RecordError {
        return new RecordError(
            'DUPLICATE_VALUE',
            `duplicate value found: ${field} duplicates value on record with id: ${existing}`,
            [field]
        );
    }

    /** Children of `parentId` through a cascade lookup (an index built on first use). */
    private cascadeChildren(child: string, field: string, parentId: string): string[] {
        const key = `${child}.${field}`;
        let index = this.cascadeIndexes.get(key);
        if (!index) {
            index = new Map();
            for (const r of this.all(child)) {
                const p = r[field];
                if (typeof p !== 'string') continue;
                const list = index.get(p);
                if (list) list.push(r.Id);
                else index.set(p, [r.Id]);
            }
            this.cascadeIndexes.set(key, index);
        }
        const table = this.table(child);
        return (index.get(parentId) ?? []).filter((id) => table.has(id));
    }

    /** Drops the cascade indexes over an object whose lookups may have changed. */
    private touchCascade(objectName: string): void {
        if (this.cascadeIndexes.size === 0) return;
        for (const key of this.cascadeIndexes.keys())
            if (key.startsWith(`${objectName}.`)) this.cascadeIndexes.delete(key);
    }

    private checkReference(field: FieldDef, id: unknown): void {
        if (id === null || id === undefined) return;
        const idStr = String(id);
        if (
            field.referenceTo?.includes('ContentDocument') &&
            idStr.startsWith(CONTENT_DOCUMENT_PREFIX)
        ) {
            for (const v of this.all('ContentVersion')) if (v.ContentDocumentId === idStr) return;
        }
        const target = this.get(idStr);
        const def = this.schema.forId(idStr);
        if (!target || !def || !field.referenceTo?.includes(def.name)) {
            throw new RecordError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [
                field.name
            ]);
        }
    }

    /** Validates and converts fields given by a client. */
    private readFields(
        def: ObjectDef,
        values: Record<string, unknown>,
        mode: 'create' | 'update'
    ): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        for (const [key, raw] of Object.entries(values)) {
            if (key === 'attributes') continue;
            const field = def.byLower.get(key.toLowerCase());
            if (!field) {
                throw new RecordError(
                    'INVALID_FIELD',
                    `No such column '${key}' on sobject of type ${def.name}`,
                    []
                );
            }
            if (field.name === 'Id' && mode === 'update') continue;
            if (mode === 'create' ? !field.createable : !field.updateable) {
                throw new RecordError(
                    'INVALID_FIELD_FOR_INSERT_UPDATE',
                    `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
                    [field.name]
                );
            }
            const value = coerceValue(field, raw);
            if (
                field.picklist &&
                field.restricted &&
                value !== null &&
                !field.picklist.includes(String(value))
            ) {
                throw new RecordError(
                    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                    `${field.name}: bad value for restricted picklist field: ${String(value)}`,
                    [field.name]
                );
            }
            if (field.type === 'reference') this.checkReference(field, value);
            out[field.name] = value;
        }
        return out;
    }

    /** Creates one record; throws RecordError for a per-record failure. */
    insert(objectName: string, values: Record<string, unknown>): SfRecord {
        const def = this.schema.find(objectName);
        if (!def)
            throw new RecordError('INVALID_TYPE', `sObject type '${objectName}' is not supported.`);
        const fields = this.readFields(def, values, 'create');
        const now = formatDateTime(this.now());
        const rec: Record<string, unknown> = {};
        for (const f of def.fields.values()) {
            rec[f.name] = f.name in fields ? fields[f.name] : (f.defaultValue ?? null);
        }
        const missing = [...def.fields.values()].filter(
            (f) => f.required && (rec[f.name] === null || rec[f.name] === '')
        );
        if (missing.length > 0) {
            const names = missing.map((f) => f.name);
            throw new RecordError(
                'REQUIRED_FIELD_MISSING',
                `Required fields are missing: [${names.join(', ')}]`,
                names
            );
        }
        const id = this.ids.next(def.keyPrefix);
        Object.assign(rec, {
            Id: id,
            IsDeleted: false,
            CreatedDate: now,
            LastModifiedDate: now,
            SystemModstamp: now,
            CreatedById: this.defaultUserId || null,
            LastModifiedById: this.defaultUserId || null
        });
        if (def.fields.has('OwnerId') && rec.OwnerId === null)
            rec.OwnerId = this.defaultUserId || null;
        // A custom object's record saved without a Name is named by its id.
        if (def.custom && def.fields.has('Name') && (rec.Name === null || rec.Name === ''))
            rec.Name = id;
        const record = rec as SfRecord;
        const fieldKeys = this.fieldKeys(def, record);
        for (const [field, k] of fieldKeys) {
            const existing = this.unique.get(k);
            if (existing) throw this.duplicateValue(field, existing);
        }
        const extraUndo = this.beforeInsert(def, record);
        const key = this.uniqueKey(def.name, record);
        if (key !== undefined) {
            const existing = this.unique.get(key);
            if (existing) {
                extraUndo();
                if (def.name.startsWith('Territory2')) {
                    throw new RecordError(
                        'DUPLICATE_DEVELOPER_NAME',
                        'This DeveloperName already exists.',
                        ['DeveloperName']
                    );
                }
                throw new RecordError(
                    'DUPLICATE_VALUE',
                    `duplicate value found: <unknown> duplicates value on record with id: ${existing}`
                );
            }
            this.unique.set(key, id);
        }
        for (const k of fieldKeys.values()) this.unique.set(k, id);
        this.table(def.name).set(id, record);
        this.touchCascade(def.name);
        if (def.name === 'ObjectTerritory2Association') this.indexAssociation(record, true);
        this.record({ op: 'insert', object: def.name, record }, () => {
            this.table(def.name).delete(id);
            if (key !== undefined) this.unique.delete(key);
            for (const k of fieldKeys.values()) this.unique.delete(k);
            if (def.name === 'ObjectTerritory2Association') this.indexAssociation(record, false);
            extraUndo();
        });
        return record;
    }

    private indexAssociation(rec: SfRecord, add: boolean): void {
        const objectId = String(rec.ObjectId);
        const list = this.objectAssociations.get(objectId);
        if (add) {
            if (list) list.push(rec.Id);
            else this.objectAssociations.set(objectId, [rec.Id]);
        } else if (list) {
            const rest = list.filter((id) => id !== rec.Id);
            if (rest.length === 0) this.objectAssociations.delete(objectId);
            else this.objectAssociations.set(objectId, rest);
        }
    }

    /** Object-specific rules and derived fields on insert; returns an undo for side effects. */
    private beforeInsert(def: ObjectDef, rec: SfRecord): () => void {
        const noop = (): void => undefined;
        switch (def.name) {
            case 'User':
            case 'Contact':
            case 'Lead':
                rec.Name = fullName(rec);
                return noop;
            case 'Opportunity':
                this.deriveStage(rec);
                return noop;
            case 'Territory2':
            case 'Territory2Model':
            case 'Territory2Type':
                this.checkDeveloperName(rec);
                if (def.name === 'Territory2') {
                    let n = 0;
                    for (const t of this.all('Territory2')) {
                        if (t.Territory2ModelId === rec.Territory2ModelId) n++;
                    }
                    if (n >= MAX_TERRITORIES_PER_MODEL) {
                        throw new RecordError(
                            'LIMIT_EXCEEDED',
                            `You can't create more than ${MAX_TERRITORIES_PER_MODEL} territories in a territory model.`
                        );
                    }
                }
                return noop;
            case 'ObjectTerritory2Association':
                rec.SobjectType = this.schema.forId(String(rec.ObjectId))?.name ?? null;
                return noop;
            case 'ContentVersion':
                return this.prepareContentVersion(rec);
            default:
                return noop;
        }
    }

    private checkDeveloperName(rec: SfRecord): void {
        const name = String(rec.DeveloperName);
        if (!DEVELOPER_NAME.test(name) || name.endsWith('_')) {
            throw new RecordError(
                'FIELD_INTEGRITY_EXCEPTION',
                'The Territory API Name can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.',
                ['DeveloperName']
            );
        }
    }

    private deriveStage(rec: Record<string, unknown>): void {
        const stage = OPPORTUNITY_STAGES[String(rec.StageName)];
        if (stage) {
            if (rec.Probability === null || rec.Probability === undefined)
                rec.Probability = stage[0];
            rec.IsClosed = stage[1];
            rec.IsWon = stage[2];
        }
    }

    private prepareContentVersion(rec: SfRecord): () => void {
        const data = Buffer.from(String(rec.VersionData), 'base64');
        this.contentBlobs.set(rec.Id, data);
        rec.VersionData = null; // served from the blob store by the VersionData resource
        rec.ContentSize = data.length;
        const path = String(rec.PathOnClient);
        const ext = path.includes('.') ? path.slice(path.lastIndexOf('.') + 1).toLowerCase() : '';
        rec.FileExtension = ext || null;
        rec.FileType = ext ? ext.toUpperCase() : 'UNKNOWN';
        if (rec.Title === null) rec.Title = path.replace(/\.[^.]*$/, '');
        let previous: SfRecord | undefined;
        if (rec.ContentDocumentId) {
            let version = 0;
            for (const v of this.all('ContentVersion')) {
                if (v.ContentDocumentId === rec.ContentDocumentId) {
                    version = Math.max(version, Number(v.VersionNumber));
                    if (v.IsLatest) previous = v;
                }
            }
            rec.VersionNumber = String(version + 1);
            if (previous) {
                previous.IsLatest = false;
                rec.FirstPublishLocationId = previous.FirstPublishLocationId;
            }
        } else {
            rec.ContentDocumentId = this.ids.next(CONTENT_DOCUMENT_PREFIX);
            rec.VersionNumber = '1';
        }
        rec.IsLatest = true;
        return () => {
            this.contentBlobs.delete(rec.Id);
            if (previous) previous.IsLatest = true;
        };
    }

    /** Updates one record; throws RecordError for a per-record failure. */
    update(objectName: string, id: unknown, values: Record<string, unknown>): SfRecord {
        const def = this.schema.find(objectName);
        if (!def)
            throw new RecordError('INVALID_TYPE', `sObject type '${objectName}' is not supported.`);
        const rec = this.requireRecord(def, id);
        if (!def.updateable) {
            throw new RecordError(
                'INVALID_TYPE_FOR_OPERATION',
                `entity type ${def.name} does not support update`
            );
        }
        const fields = this.readFields(def, values, 'update');
        const previous = { ...rec };
        const next = { ...rec, ...fields } as SfRecord;
        for (const f of def.fields.values()) {
            if (f.required && f.name in fields && (next[f.name] === null || next[f.name] === '')) {
                throw new RecordError(
                    'REQUIRED_FIELD_MISSING',
                    `Required fields are missing: [${f.name}]`,
                    [f.name]
                );
            }
        }
        if (def.name === 'Opportunity') this.deriveStage(next);
        if (PERSON_NAMED.has(def.name)) next.Name = fullName(next);
        if (def.custom && def.fields.has('Name') && (next.Name === null || next.Name === ''))
            next.Name = rec.Id;
        if (def.name === 'Territory2Model' && fields.State !== undefined)
            this.checkModelState(previous, next);
        const oldKey = this.uniqueKey(def.name, previous);
        const newKey = this.uniqueKey(def.name, next);
        if (newKey !== oldKey && newKey !== undefined) {
            if (def.name !== 'UserTerritory2Association') this.checkDeveloperName(next);
            if (this.unique.has(newKey)) {
                throw new RecordError(
                    'DUPLICATE_DEVELOPER_NAME',
                    'This DeveloperName already exists.',
                    ['DeveloperName']
                );
            }
        }
        const oldFieldKeys = [...this.fieldKeys(def, previous).values()];
        const newFieldKeys = this.fieldKeys(def, next);
        for (const [field, k] of newFieldKeys) {
            const existing = this.unique.get(k);
            if (existing && existing !== rec.Id) throw this.duplicateValue(field, existing);
        }
        const now = formatDateTime(this.now());
        next.LastModifiedDate = now;
        next.SystemModstamp = now;
        if (newKey !== oldKey) {
            if (oldKey !== undefined) this.unique.delete(oldKey);
            if (newKey !== undefined) this.unique.set(newKey, rec.Id);
        }
        for (const k of oldFieldKeys) this.unique.delete(k);
        for (const k of newFieldKeys.values()) this.unique.set(k, rec.Id);
        Object.assign(rec, next);
        this.touchCascade(def.name);
        this.record({ op: 'update', object: def.name, record: rec, previous }, () => {
            for (const k of Object.keys(rec)) delete rec[k];
            Object.assign(rec, previous);
            if (newKey !== oldKey) {
                if (newKey !== undefined) this.unique.delete(newKey);
                if (oldKey !== undefined) this.unique.set(oldKey, rec.Id);
            }
            for (const k of newFieldKeys.values()) this.unique.delete(k);
            for (const k of oldFieldKeys) this.unique.set(k, rec.Id);
            this.touchCascade(def.name);
        });
        return rec;
    }

    private checkModelState(previous: SfRecord, next: SfRecord): void {
        const from = previous.State;
        const to = next.State;
        if (from === to) return;
        const allowed =
            (from === 'Planning' && to === 'Active') || (from === 'Active' && to === 'Archived');
        if (!allowed) {
            throw new RecordError(
                'FIELD_INTEGRITY_EXCEPTION',
                `A territory model can't change state from ${String(from)} to ${String(to)}.`,
                ['State']
            );
        }
        if (to === 'Active') {
            for (const m of this.all('Territory2Model')) {
                if (m.Id !== previous.Id && m.State === 'Active') {
                    throw new RecordError(
                        'FIELD_INTEGRITY_EXCEPTION',
                        'Only one territory model can be active at a time.',
                        ['State']
                    );
                }
            }
            next.ActivatedDate = formatDateTime(this.now());
        }
        if (to === 'Archived') next.DeactivatedDate = formatDateTime(this.now());
    }

    private requireRecord(def: ObjectDef, id: unknown): SfRecord {
        const norm = normalizeId(id);
        if (!norm) throw new RecordError('MALFORMED_ID', `malformed id ${String(id)}`, ['Id']);
        const rec = this.table(def.name).get(norm);
        if (rec) return rec;
        if (this.tombstones.has(norm)) {
            throw new RecordError('ENTITY_IS_DELETED', 'entity is deleted', []);
        }
        throw new RecordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
    }

    /** Deletes one record (with the cascades of the territory objects). */
    delete(id: unknown, objectName?: string): SfRecord {
        const norm = normalizeId(id);
        if (!norm) throw new RecordError('MALFORMED_ID', `malformed id ${String(id)}`, ['Id']);
        const def = objectName ? this.schema.find(objectName) : this.schema.forId(norm);
        if (!def || this.schema.forId(norm)?.name !== def.name) {
            if (this.tombstones.has(norm))
                throw new RecordError('ENTITY_IS_DELETED', 'entity is deleted');
            throw new RecordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
        }
        const rec = this.requireRecord(def, norm);
        // Cascades: a territory takes its associations and child territories with it.
        if (def.name === 'Territory2') {
            for (const child of [...this.all('Territory2')]) {
                if (child.ParentTerritory2Id === rec.Id) this.delete(child.Id);
            }
            for (const table of ['ObjectTerritory2Association', 'UserTerritory2Association']) {
                for (const a of [...this.all(table)])
                    if (a.Territory2Id === rec.Id) this.delete(a.Id);
            }
        }
        // Lookups marked cascadeDelete (Account → Contacts, Opportunities, territory associations).
        for (const rel of this.schema.childRelationships(def.name)) {
            if (!rel.cascadeDelete) continue;
            const children =
                rel.childSObject === 'ObjectTerritory2Association'
                    ? [...this.associationsOf(rec.Id)]
                    : this.cascadeChildren(rel.childSObject, rel.field, rec.Id);
            for (const childId of children) this.delete(childId, rel.childSObject);
        }
        const key = this.uniqueKey(def.name, rec);
        const fieldKeys = [...this.fieldKeys(def, rec).values()];
        this.table(def.name).delete(rec.Id);
        if (key !== undefined) this.unique.delete(key);
        for (const k of fieldKeys) this.unique.delete(k);
        if (def.name === 'ObjectTerritory2Association') this.indexAssociation(rec, false);
        const tomb = { ...rec, IsDeleted: true } as SfRecord;
        this.tombstones.set(rec.Id, tomb);
        this.record({ op: 'delete', object: def.name, record: rec }, () => {
            this.tombstones.delete(rec.Id);
            this.table(def.name).set(rec.Id, rec);
            if (key !== undefined) this.unique.set(key, rec.Id);
            for (const k of fieldKeys) this.unique.set(k, rec.Id);
            if (def.name === 'ObjectTerritory2Association') this.indexAssociation(rec, true);
            this.touchCascade(def.name);
        });
        return rec;
    }

    /**
     * Loads records without validation or events (the sample-org generator); values must already
     * be in stored form. Returns the record.
     */
    load(objectName: string, values: Record<string, unknown>): SfRecord {
        const def = this.schema.find(objectName);
        if (!def) throw new Error(`Unknown object ${objectName}`);
        const now = formatDateTime(this.now());
        let make = this.factories.get(def.name);
        if (!make) this.factories.set(def.name, (make = recordFactory(def)));
        const rec = make();
        rec.Id = this.ids.next(def.keyPrefix);
        rec.IsDeleted = false;
        rec.CreatedDate = rec.LastModifiedDate = rec.SystemModstamp = now;
        rec.CreatedById = rec.LastModifiedById = this.defaultUserId || null;
        if (def.fields.has('OwnerId')) rec.OwnerId = this.defaultUserId || null;
        for (const k in values) rec[k] = values[k];
        const record = rec as SfRecord;
        if (PERSON_NAMED.has(def.name)) record.Name = fullName(record);
        if (def.name === 'Opportunity') this.deriveStage(record);
        if (def.name === 'ObjectTerritory2Association') {
            record.SobjectType = 'Account';
            this.indexAssociation(record, true);
        }
        const key = this.uniqueKey(def.name, record);
        if (key !== undefined) this.unique.set(key, record.Id);
        for (const k of this.fieldKeys(def, record).values()) this.unique.set(k, record.Id);
        this.table(def.name).set(record.Id, record);
        this.touchCascade(def.name);
        return record;
    }
}
