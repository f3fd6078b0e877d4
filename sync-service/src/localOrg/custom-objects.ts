/**
 * Custom objects declared for one org (`territory org --objects OBJECTS.json`, or the `objects`
 * option of startLocalOrg): validation of the declarations with messages that name the entry and
 * the key, and their translation to object definitions that behave like the built-in ones.
 *
 *   [{ "name": "Thing__c", "label"?, "labelPlural"?,
 *      "fields": [{ "name": "Code__c", "type": "string", "externalId": true, … }] }]
 */
import { readFile } from 'node:fs/promises';
import {
    BUILT_IN_OBJECTS,
    buildObject,
    Schema,
    type FieldSpec,
    type FieldType,
    type ObjectDef
} from './schema.js';

/** The field types a declaration may use. */
export const CUSTOM_FIELD_TYPES = [
    'string',
    'textarea',
    'double',
    'int',
    'currency',
    'percent',
    'boolean',
    'date',
    'datetime',
    'reference',
    'picklist'
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldDeclaration {
    name: string;
    type: CustomFieldType;
    label?: string;
    /** Text length: string 1–255 (default 255), textarea 1–131072 (default 32768). */
    length?: number;
    /** Required on create (not for booleans, which are never null). */
    required?: boolean;
    /** An External ID (string, int, double): upsert by it in REST, Collections and Bulk API 2.0. */
    externalId?: boolean;
    /** Unique values (string, int, double); text compares case-insensitively. */
    unique?: boolean;
    /** picklist: its values; `restricted` rejects any other value. */
    values?: string[];
    restricted?: boolean;
    /** reference: the object(s) it points to, built-in or declared. */
    referenceTo?: string | string[];
    /** reference: parent relationship name in SOQL (default: the field name with `__r`). */
    relationshipName?: string;
    /** reference: the parent's child relationship name (default: `<Object>s__r`). */
    childRelationshipName?: string;
    /** Value on create when the field is absent (booleans default to false). */
    defaultValue?: string | number | boolean;
}

export interface CustomObjectDeclaration {
    name: string;
    label?: string;
    labelPlural?: string;
    fields: CustomFieldDeclaration[];
}

/** A declaration that cannot be used; the message names the entry and key. */
export class ObjectsFileError extends Error {}

const API_NAME = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*__c$/;
const RELATIONSHIP_NAME = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*__r$/;
const MAX_NAME = 40; // API names without the __c suffix
const OBJECT_KEYS = new Set(['name', 'label', 'labelPlural', 'fields']);
const FIELD_KEYS = new Set([
    'name',
    'type',
    'label',
    'length',
    'required',
    'externalId',
    'unique',
    'values',
    'restricted',
    'referenceTo',
    'relationshipName',
    'childRelationshipName',
    'defaultValue'
]);
const KEY_TYPES = new Set<string>(['string', 'double', 'int']);
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function describeValue(v: unknown): string {
    return v === undefined ? 'nothing' : JSON.stringify(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Key prefixes a1x, a2x, … for declared objects, skipping any already used. */
function keyPrefixes(used: Set<string>): () => string {
    let n = 62; // 'a10'
    return () => {
        for (;;) {
            const prefix = `a${B62[Math.floor(n / 62)]}${B62[n % 62]}`;
            n++;
            if (!used.has(prefix)) {
                used.add(prefix);
                return prefix;
            }
        }
    };
}

/** "Sales_Region__c" → "Sales Region". */
function words(apiName: string): string {
    return apiName.replace(/__[cr]$/, '').replace(/_/g, ' ');
}

/**
 * Validates declarations (parsed JSON) and returns the object definitions. `source` prefixes every
 * message (the file name). Throws ObjectsFileError naming the first problem found.
 */
export function parseCustomObjects(input: unknown, source = 'OBJECTS.json'): ObjectDef[] {
    const fail = (where: string, message: string): never => {
        throw new ObjectsFileError(`${source}: ${where}${where ? ': ' : ''}${message}`);
    };
    if (!Array.isArray(input)) {
        return fail('', `expected an array of objects, got ${describeValue(input)}`);
    }
    const builtIn = new Map(BUILT_IN_OBJECTS.map((o) => [o.name.toLowerCase(), o.name]));
    const declared = new Map<string, string>();
    // First pass: object names (references may point at objects declared later).
    input.forEach((obj, i) => {
        const at = `[${i}]`;
        if (!isRecord(obj)) return fail(at, `expected an object, got ${describeValue(obj)}`);
        const name = obj.name;
        if (typeof name !== 'string' || !API_NAME.test(name))
            return fail(
                `${at}.name`,
                `must be a custom object API name such as "Thing__c" (letters, digits, single underscores, ending in __c), got ${describeValue(name)}`
            );
        if (name.length - 3 > MAX_NAME)
            return fail(`${at}.name`, `"${name}" is longer than ${MAX_NAME} characters before __c`);
        if (builtIn.has(name.toLowerCase()))
            return fail(`${at}.name`, `"${name}" is a built-in object of the local org`);
        if (declared.has(name.toLowerCase()))
            return fail(`${at}.name`, `"${name}" is declared twice`);
        declared.set(name.toLowerCase(), name);
    });
    const usedPrefixes = new Set(BUILT_IN_OBJECTS.map((o) => o.keyPrefix));
    const nextPrefix = keyPrefixes(usedPrefixes);
    const childNames = new Map<string, string>(); // parent|lower child name → where declared
    const objects: ObjectDef[] = [];
    (input as Record<string, unknown>[]).forEach((obj, i) => {
        const at = `[${i}]`;
        const name = obj.name as string;
        for (const key of Object.keys(obj))
            if (!OBJECT_KEYS.has(key))
                fail(`${at}`, `unknown key "${key}" (allowed: ${[...OBJECT_KEYS].join(', ')})`);
        for (const key of ['label', 'labelPlural'] as const) {
            if (obj[key] !== undefined && (typeof obj[key] !== 'string' || obj[key] === ''))
                fail(`${at}.${key}`, `must be a non-empty string, got ${describeValue(obj[key])}`);
        }
        if (!Array.isArray(obj.fields))
            fail(`${at}.fields`, `must be an array of fields, got ${describeValue(obj.fields)}`);
        const specs: Record<string, FieldSpec> = {
            Name: { type: 'string', length: 80, label: `${words(name)} Name` }
        };
        const fieldNames = new Set<string>();
        const relNames = new Set<string>();
        (obj.fields as unknown[]).forEach((raw, j) => {
            const fat = `${at}.fields[${j}]`;
            if (!isRecord(raw)) return fail(fat, `expected an object, got ${describeValue(raw)}`);
            for (const key of Object.keys(raw))
                if (!FIELD_KEYS.has(key))
                    fail(fat, `unknown key "${key}" (allowed: ${[...FIELD_KEYS].join(', ')})`);
            const fname = raw.name;
            if (typeof fname !== 'string' || !API_NAME.test(fname))
                fail(
                    `${fat}.name`,
                    `must be a custom field API name such as "Code__c", got ${describeValue(fname)}`
                );
            const fieldName = fname as string;
            if (fieldName.length - 3 > MAX_NAME)
                fail(
                    `${fat}.name`,
                    `"${fieldName}" is longer than ${MAX_NAME} characters before __c`
                );
            if (fieldNames.has(fieldName.toLowerCase()))
                fail(`${fat}.name`, `"${fieldName}" is declared twice on ${name}`);
            fieldNames.add(fieldName.toLowerCase());
            const type = raw.type;
            if (
                typeof type !== 'string' ||
                !(CUSTOM_FIELD_TYPES as readonly string[]).includes(type)
            )
                fail(
                    `${fat}.type`,
                    `must be one of ${CUSTOM_FIELD_TYPES.join(', ')}, got ${describeValue(type)}`
                );
            const t = type as CustomFieldType;
            const spec: FieldSpec = { type: t as FieldType };
            const bool = (key: string): boolean => {
                const v = raw[key];
                if (v !== undefined && typeof v !== 'boolean')
                    fail(`${fat}.${key}`, `must be true or false, got ${describeValue(v)}`);
                return v === true;
            };
            if (raw.label !== undefined) {
                if (typeof raw.label !== 'string' || raw.label === '')
                    fail(
                        `${fat}.label`,
                        `must be a non-empty string, got ${describeValue(raw.label)}`
                    );
                spec.label = raw.label as string;
            }
            if (t === 'string' || t === 'textarea') {
                const max = t === 'string' ? 255 : 131072;
                const length = raw.length ?? (t === 'string' ? 255 : 32768);
                if (
                    typeof length !== 'number' ||
                    !Number.isInteger(length) ||
                    length < 1 ||
                    length > max
                )
                    fail(
                        `${fat}.length`,
                        `must be an integer from 1 to ${max}, got ${describeValue(raw.length)}`
                    );
                spec.length = length as number;
            } else if (raw.length !== undefined) {
                fail(`${fat}.length`, `only string and textarea fields have a length`);
            }
            if (bool('required')) {
                if (t === 'boolean')
                    fail(`${fat}.required`, `a boolean field is never empty; drop "required"`);
                spec.required = true;
            }
            for (const key of ['externalId', 'unique'] as const) {
                if (bool(key)) {
                    if (!KEY_TYPES.has(t))
                        fail(
                            `${fat}.${key}`,
                            `only string, int and double fields can be ${key === 'externalId' ? 'External IDs' : 'unique'}, not ${t}`
                        );
                    spec[key] = true;
                }
            }
            if (t === 'picklist') {
                const values = raw.values;
                if (
                    !Array.isArray(values) ||
                    values.length === 0 ||
                    values.some((v) => typeof v !== 'string' || v === '')
                )
                    fail(
                        `${fat}.values`,
                        `a picklist needs a non-empty array of non-empty strings, got ${describeValue(values)}`
                    );
                const list = values as string[];
                const seen = new Set<string>();
                for (const v of list) {
                    if (seen.has(v.toLowerCase())) fail(`${fat}.values`, `"${v}" is listed twice`);
                    seen.add(v.toLowerCase());
                }
                spec.picklist = list;
                if (bool('restricted')) spec.restricted = true;
            } else {
                for (const key of ['values', 'restricted'])
                    if (raw[key] !== undefined)
                        fail(`${fat}.${key}`, `only picklist fields take "${key}"`);
            }
            if (t === 'reference') {
                const to =
                    typeof raw.referenceTo === 'string' ? [raw.referenceTo] : raw.referenceTo;
                if (!Array.isArray(to) || to.length === 0 || to.some((x) => typeof x !== 'string'))
                    fail(
                        `${fat}.referenceTo`,
                        `a reference needs the object it points to (a name or an array of names), got ${describeValue(raw.referenceTo)}`
                    );
                spec.referenceTo = (to as string[]).map((target) => {
                    const canonical =
                        builtIn.get(target.toLowerCase()) ?? declared.get(target.toLowerCase());
                    if (!canonical)
                        fail(
                            `${fat}.referenceTo`,
                            `"${target}" is neither a built-in object nor declared in this file`
                        );
                    return canonical!;
                });
                const rel = raw.relationshipName ?? fieldName.replace(/__c$/, '__r');
                if (typeof rel !== 'string' || !RELATIONSHIP_NAME.test(rel))
                    fail(
                        `${fat}.relationshipName`,
                        `must be a name ending in __r, got ${describeValue(raw.relationshipName)}`
                    );
                if (relNames.has((rel as string).toLowerCase()))
                    fail(`${fat}.relationshipName`, `"${String(rel)}" is used twice on ${name}`);
                relNames.add((rel as string).toLowerCase());
                spec.relationshipName = rel as string;
                const child = raw.childRelationshipName ?? `${name.replace(/__c$/, '')}s__r`;
                if (typeof child !== 'string' || !RELATIONSHIP_NAME.test(child))
                    fail(
                        `${fat}.childRelationshipName`,
                        `must be a name ending in __r, got ${describeValue(raw.childRelationshipName)}`
                    );
                for (const parent of spec.referenceTo) {
                    const key = `${parent}|${(child as string).toLowerCase()}`;
                    const other = childNames.get(key);
                    if (other)
                        fail(
                            `${fat}.childRelationshipName`,
                            `${parent} already has a child relationship "${String(child)}" (from ${other}); set a different childRelationshipName`
                        );
                    childNames.set(key, `${name}.${fieldName}`);
                }
                spec.childRelationshipName = child as string;
            } else {
                for (const key of ['referenceTo', 'relationshipName', 'childRelationshipName'])
                    if (raw[key] !== undefined)
                        fail(`${fat}.${key}`, `only reference fields take "${key}"`);
            }
            if (raw.defaultValue !== undefined) {
                const v = raw.defaultValue;
                const ok =
                    t === 'boolean'
                        ? typeof v === 'boolean'
                        : t === 'double' || t === 'currency' || t === 'percent'
                          ? typeof v === 'number' && Number.isFinite(v)
                          : t === 'int'
                            ? typeof v === 'number' && Number.isInteger(v)
                            : t === 'string' || t === 'textarea'
                              ? typeof v === 'string' && v.length <= (spec.length ?? 0)
                              : t === 'picklist'
                                ? typeof v === 'string' && spec.picklist!.includes(v)
                                : false;
                if (!ok)
                    fail(
                        `${fat}.defaultValue`,
                        `${describeValue(v)} is not a valid default for a ${t} field`
                    );
                spec.defaultValue = v;
            } else if (t === 'boolean') spec.defaultValue = false;
            specs[fieldName] = spec;
        });
        const label = (obj.label as string | undefined) ?? words(name);
        objects.push(
            buildObject(name, {
                keyPrefix: nextPrefix(),
                label,
                labelPlural: (obj.labelPlural as string | undefined) ?? `${label}s`,
                owner: true,
                fields: specs
            })
        );
    });
    return objects;
}

/** Reads and validates an OBJECTS.json file. */
export async function readCustomObjectsFile(path: string): Promise<ObjectDef[]> {
    let text: string;
    try {
        text = await readFile(path, 'utf8');
    } catch (err) {
        throw new ObjectsFileError(`${path}: cannot read the file (${(err as Error).message})`);
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (err) {
        throw new ObjectsFileError(`${path}: not valid JSON (${(err as Error).message})`);
    }
    return parseCustomObjects(json, path);
}

/** The schema of an org: the built-in objects plus the declared ones. */
export function schemaWith(custom: readonly ObjectDef[]): Schema {
    return new Schema([...BUILT_IN_OBJECTS, ...custom]);
}
