/**
 * `lightning/uiRecordApi` for the sandbox: getRecord reads the record from the local org through
 * the sandbox server, which answers in the UI API record shape (`fields.Name.value`).
 */
import { requestJson } from './transport.js';

/** `Account.Name` or a schema import → `Account.Name`. */
function qualifiedFieldName(field) {
    return typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
}

function fieldList(fields) {
    if (fields === undefined) return [];
    return (Array.isArray(fields) ? fields : [fields]).map(qualifiedFieldName);
}

function fetchRecord(recordId, fields, optionalFields) {
    const query = new URLSearchParams({
        fields: fieldList(fields).join(','),
        optionalFields: fieldList(optionalFields).join(',')
    });
    return requestJson(`/sandbox/ui-api/records/${encodeURIComponent(recordId)}?${query}`);
}

const refreshers = new Map();

/** Wire adapter `getRecord({ recordId, fields, optionalFields })`. */
export class getRecord {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.config = undefined;
        this.connected = false;
    }

    update(config) {
        this.config = config;
        if (this.connected) this.fetch();
    }

    connect() {
        this.connected = true;
        this.dataCallback({ data: undefined, error: undefined });
        if (this.config) this.fetch();
    }

    disconnect() {
        this.connected = false;
        if (this.config?.recordId) refreshers.get(this.config.recordId)?.delete(this);
    }

    fetch() {
        const { recordId, fields, optionalFields } = this.config ?? {};
        if (!recordId) return Promise.resolve();
        if (!refreshers.has(recordId)) refreshers.set(recordId, new Set());
        refreshers.get(recordId).add(this);
        return fetchRecord(recordId, fields, optionalFields).then(
            (data) => this.dataCallback({ data, error: undefined }),
            (error) => this.dataCallback({ data: undefined, error })
        );
    }
}

/** The value of a field of a getRecord result. */
export function getFieldValue(record, field) {
    return fieldPath(record, field)?.value;
}

/** The display value of a field of a getRecord result (falls back to the value). */
export function getFieldDisplayValue(record, field) {
    const entry = fieldPath(record, field);
    return entry?.displayValue ?? entry?.value;
}

function fieldPath(record, field) {
    const [, ...names] = qualifiedFieldName(field).split('.');
    let node = record;
    let entry;
    for (const name of names) {
        entry = node?.fields?.[name];
        node = entry?.value;
    }
    return entry;
}

/** Tells every wired getRecord of these records to fetch again. */
export function notifyRecordUpdateAvailable(items) {
    return Promise.all(
        (items ?? []).flatMap(({ recordId }) =>
            [...(refreshers.get(recordId) ?? [])].map((instance) => instance.fetch())
        )
    );
}

/** Deprecated alias kept by the platform. */
export const getRecordNotifyChange = notifyRecordUpdateAvailable;
