/**
 * describeGlobal and describe answers (`GET /sobjects`, `GET /sobjects/{type}/describe`): the keys
 * jsforce and common clients read — labels, key prefixes, the capability flags, fields with type,
 * length, soapType, nillable/createable/updateable, External ID, picklist values, lookups with
 * relationship names — and childRelationships, derived from every lookup of the org's schema.
 */
import { fieldLabel, type FieldDef, type ObjectDef, type Schema } from './schema.js';

const SOAP_TYPES: Record<string, string> = {
    id: 'tns:ID',
    reference: 'tns:ID',
    double: 'xsd:double',
    currency: 'xsd:double',
    percent: 'xsd:double',
    int: 'xsd:int',
    boolean: 'xsd:boolean',
    date: 'xsd:date',
    datetime: 'xsd:dateTime',
    base64: 'xsd:base64Binary'
};
const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'phone', 'url', 'email']);
const SYSTEM_DEFAULTED = new Set([
    'Id',
    'IsDeleted',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
    'OwnerId'
]);
const MERGEABLE = new Set(['Account', 'Contact']);

function urls(def: ObjectDef, version: string): Record<string, string> {
    const base = `/services/data/v${version}/sobjects/${def.name}`;
    return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** One entry of describeGlobal's `sobjects`. */
export function describeGlobalEntry(def: ObjectDef, version: string): Record<string, unknown> {
    return {
        activateable: false,
        createable: def.createable,
        custom: def.custom,
        customSetting: false,
        deletable: def.deletable,
        deprecatedAndHidden: false,
        feedEnabled: false,
        hasSubtypes: false,
        isSubtype: false,
        keyPrefix: def.keyPrefix,
        label: def.label,
        labelPlural: def.labelPlural,
        layoutable: true,
        mergeable: MERGEABLE.has(def.name),
        mruEnabled: false,
        name: def.name,
        queryable: true,
        replicateable: true,
        retrieveable: true,
        searchable: true,
        triggerable: true,
        undeletable: def.deletable,
        updateable: def.updateable,
        urls: urls(def, version)
    };
}

function describeField(def: ObjectDef, f: FieldDef): Record<string, unknown> {
    const text = TEXT_TYPES.has(f.type);
    const id = f.type === 'id' || f.type === 'reference';
    const length = text ? (f.length ?? 255) : id ? 18 : 0;
    const number = f.type === 'double' || f.type === 'currency' || f.type === 'percent';
    const longText = f.type === 'textarea' && length > 255;
    const defaulted =
        f.defaultValue !== undefined ||
        SYSTEM_DEFAULTED.has(f.name) ||
        (def.custom && f.name === 'Name');
    return {
        aggregatable: !longText && f.type !== 'boolean' && f.type !== 'base64',
        autoNumber: false,
        byteLength: text ? length * 3 : length,
        calculated: false,
        caseSensitive: false,
        createable: f.createable,
        custom: f.name.endsWith('__c'),
        defaultValue: f.type === 'boolean' ? (f.defaultValue ?? false) : (f.defaultValue ?? null),
        defaultedOnCreate: defaulted,
        dependentPicklist: false,
        deprecatedAndHidden: false,
        digits: f.type === 'int' ? 9 : 0,
        externalId: !!f.externalId,
        filterable: !longText && f.type !== 'base64',
        groupable: !longText && !number && f.type !== 'base64',
        idLookup: f.name === 'Id' || !!f.externalId,
        label: fieldLabel(f),
        length,
        name: f.name,
        nameField: !!f.nameField,
        nillable: !f.required && f.type !== 'boolean' && !SYSTEM_DEFAULTED.has(f.name),
        picklistValues: (f.picklist ?? []).map((p) => ({
            active: true,
            defaultValue: f.defaultValue === p,
            label: p,
            validFor: null,
            value: p
        })),
        polymorphicForeignKey: (f.referenceTo?.length ?? 0) > 1,
        precision: number ? 18 : 0,
        referenceTo: f.referenceTo ?? [],
        relationshipName: f.relationshipName ?? null,
        restrictedPicklist: !!f.restricted,
        scale: f.type === 'currency' || f.type === 'percent' ? 2 : 0,
        soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
        sortable: !longText && f.type !== 'base64',
        type: f.type,
        unique: !!f.unique,
        updateable: f.updateable
    };
}

/** The describe answer of one object. */
export function describeObject(
    schema: Schema,
    def: ObjectDef,
    version: string
): Record<string, unknown> {
    return {
        ...describeGlobalEntry(def, version),
        childRelationships: schema.childRelationships(def.name).map((c) => ({
            cascadeDelete: c.cascadeDelete,
            childSObject: c.childSObject,
            deprecatedAndHidden: false,
            field: c.field,
            junctionIdListNames: [],
            junctionReferenceTo: [],
            relationshipName: c.relationshipName,
            restrictedDelete: false
        })),
        fields: [...def.fields.values()].map((f) => describeField(def, f)),
        recordTypeInfos: [],
        supportedScopes: [{ label: 'All records', name: 'everything' }]
    };
}
