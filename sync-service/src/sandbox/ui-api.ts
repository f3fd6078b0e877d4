/**
 * The UI API record shape (`lightning/uiRecordApi` getRecord) read from the org with SOQL:
 * `{ apiName, id, fields: { Name: { value, displayValue }, Owner: { value: { …record } } } }`.
 */
import type { OrgConnection } from './org-client.js';
import { soqlString } from './org-client.js';

interface UiField {
    value: unknown;
    displayValue: string | null;
}

export interface UiRecord {
    apiName: string;
    id: string | null;
    fields: Record<string, UiField>;
}

const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

/** Turns one SOQL row into a UI API record, following relationship fields. */
function toUiRecord(apiName: string, row: Record<string, unknown>): UiRecord {
    const fields: Record<string, UiField> = {};
    for (const [name, value] of Object.entries(row)) {
        if (name === 'attributes') continue;
        if (value !== null && typeof value === 'object' && 'attributes' in value) {
            const related = value as Record<string, unknown> & { attributes: { type: string } };
            const child = toUiRecord(related.attributes.type, related);
            const childName = child.fields.Name?.value;
            fields[name] = {
                value: child,
                displayValue: typeof childName === 'string' ? childName : null
            };
        } else {
            fields[name] = { value: value ?? null, displayValue: null };
        }
    }
    return { apiName, id: typeof row.Id === 'string' ? row.Id : null, fields };
}

async function queryRecord(
    org: OrgConnection,
    apiName: string,
    recordId: string,
    fieldPaths: string[]
): Promise<Record<string, unknown> | undefined> {
    const select = [...new Set(['Id', ...fieldPaths])].join(', ');
    const result = await org.query<Record<string, unknown>>(
        `SELECT ${select} FROM ${apiName} WHERE Id = ${soqlString(recordId)} LIMIT 1`
    );
    return result.records[0];
}

/**
 * Reads `fields` (required: a bad one fails) and `optionalFields` (skipped when not readable) of
 * a record; fields are qualified (`Account.Owner.Name`). Undefined when there is no such record.
 */
export async function getUiRecord(
    org: OrgConnection,
    recordId: string,
    fields: string[],
    optionalFields: string[]
): Promise<UiRecord | undefined> {
    const all = [...fields, ...optionalFields].filter((field) => FIELD_PATH.test(field));
    const apiName = all[0]?.split('.')[0] ?? 'Account';
    const local = (list: string[]) =>
        list
            .filter((field) => FIELD_PATH.test(field) && field.startsWith(`${apiName}.`))
            .map((field) => field.slice(apiName.length + 1));
    let row: Record<string, unknown> | undefined;
    try {
        row = await queryRecord(org, apiName, recordId, [
            ...local(fields),
            ...local(optionalFields)
        ]);
    } catch (error) {
        // An optional field the user cannot read must not fail the whole record.
        if (optionalFields.length === 0) throw error;
        row = await queryRecord(org, apiName, recordId, local(fields));
    }
    return row ? toUiRecord(apiName, row) : undefined;
}
