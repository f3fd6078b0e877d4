/**
 * The objects and fields the local org knows. API names follow the standard object reference and
 * the package's custom fields (ARCHITECTURE.md). Anything not listed here does not exist in the
 * emulator and is answered with INVALID_FIELD / INVALID_TYPE like an org without that field.
 */

export const FieldType = {
    Id: 'id',
    String: 'string',
    TextArea: 'textarea',
    Double: 'double',
    Currency: 'currency',
    Percent: 'percent',
    Int: 'int',
    Boolean: 'boolean',
    Date: 'date',
    DateTime: 'datetime',
    Picklist: 'picklist',
    Reference: 'reference',
    Base64: 'base64'
} as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

export interface FieldDef {
    name: string;
    type: FieldType;
    createable: boolean;
    updateable: boolean;
    /** Required on create (not nillable, not defaulted). */
    required?: boolean;
    length?: number;
    picklist?: readonly string[];
    restricted?: boolean;
    referenceTo?: readonly string[];
    relationshipName?: string;
    /** Value set on create when the field is absent. */
    defaultValue?: unknown;
}

export interface ObjectDef {
    name: string;
    keyPrefix: string;
    fields: Map<string, FieldDef>;
    /** lower-case field name → field */
    byLower: Map<string, FieldDef>;
    /** lower-case relationship name → reference field */
    relationships: Map<string, FieldDef>;
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
}

type Spec = Omit<FieldDef, 'name' | 'createable' | 'updateable'> & {
    createable?: boolean;
    updateable?: boolean;
};

const rw = (type: FieldType, extra: Partial<Spec> = {}): Spec => ({ type, ...extra });
const ro = (type: FieldType, extra: Partial<Spec> = {}): Spec => ({
    type,
    createable: false,
    updateable: false,
    ...extra
});
const str = (length: number, extra: Partial<Spec> = {}): Spec => rw('string', { length, ...extra });
const ref = (to: string[], relationshipName: string, extra: Partial<Spec> = {}): Spec =>
    rw('reference', { referenceTo: to, relationshipName, ...extra });

const SYSTEM_FIELDS: Record<string, Spec> = {
    Id: ro('id'),
    IsDeleted: ro('boolean'),
    CreatedDate: ro('datetime'),
    CreatedById: ro('reference', { referenceTo: ['User'], relationshipName: 'CreatedBy' }),
    LastModifiedDate: ro('datetime'),
    LastModifiedById: ro('reference', {
        referenceTo: ['User'],
        relationshipName: 'LastModifiedBy'
    }),
    SystemModstamp: ro('datetime')
};

/** Opportunity stages of a default org: name → [probability, isClosed, isWon]. */
export const OPPORTUNITY_STAGES: Record<string, [number, boolean, boolean]> = {
    Prospecting: [10, false, false],
    Qualification: [10, false, false],
    'Needs Analysis': [20, false, false],
    'Value Proposition': [50, false, false],
    'Id. Decision Makers': [60, false, false],
    'Perception Analysis': [70, false, false],
    'Proposal/Price Quote': [75, false, false],
    'Negotiation/Review': [90, false, false],
    'Closed Won': [100, true, true],
    'Closed Lost': [0, true, false]
};

export const SCENARIO_STATUSES = [
    'Queued',
    'Generating',
    'Ready',
    'Proposed',
    'Approved',
    'Applying',
    'Applied',
    'Failed',
    'Discarded'
] as const;
export const SCENARIO_SOURCES = ['Planner', 'Turnover', 'Drift Review'] as const;
/** Territory2Model.State values the emulator uses (transitional states are not emulated). */
export const MODEL_STATES = ['Planning', 'Active', 'Archived'] as const;
export const ASSOCIATION_CAUSES = ['Territory2Manual', 'Territory2AssignmentRule'] as const;

const OBJECT_SPECS: Record<
    string,
    {
        keyPrefix: string;
        fields: Record<string, Spec>;
        updateable?: boolean;
        owner?: boolean;
        named?: boolean;
    }
> = {
    User: {
        keyPrefix: '005',
        fields: {
            Username: str(80, { required: true }),
            FirstName: str(40),
            LastName: str(80, { required: true }),
            Name: ro('string'),
            Email: rw('string', { length: 128 }),
            Alias: str(8),
            Title: str(80),
            IsActive: rw('boolean', { defaultValue: true }),
            Territory_Home_Latitude__c: rw('double'),
            Territory_Home_Longitude__c: rw('double'),
            Territory_Capacity__c: rw('double', { defaultValue: 1 }),
            Territory_Segment__c: str(80)
        }
    },
    Account: {
        keyPrefix: '001',
        owner: true,
        fields: {
            Name: str(255, { required: true }),
            Type: rw('picklist', {
                picklist: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Other']
            }),
            Industry: rw('picklist', {
                picklist: [
                    'Agriculture',
                    'Apparel',
                    'Banking',
                    'Biotechnology',
                    'Chemicals',
                    'Communications',
                    'Construction',
                    'Consulting',
                    'Education',
                    'Electronics',
                    'Energy',
                    'Engineering',
                    'Entertainment',
                    'Environmental',
                    'Finance',
                    'Food & Beverage',
                    'Government',
                    'Healthcare',
                    'Hospitality',
                    'Insurance',
                    'Machinery',
                    'Manufacturing',
                    'Media',
                    'Not For Profit',
                    'Recreation',
                    'Retail',
                    'Shipping',
                    'Technology',
                    'Telecommunications',
                    'Transportation',
                    'Utilities',
                    'Other'
                ]
            }),
            AccountNumber: str(40),
            Phone: str(40),
            Website: str(255),
            Description: rw('textarea', { length: 32000 }),
            AnnualRevenue: rw('currency'),
            NumberOfEmployees: rw('int'),
            BillingStreet: rw('textarea', { length: 255 }),
            BillingCity: str(40),
            BillingState: str(80),
            BillingPostalCode: str(20),
            BillingCountry: str(80),
            BillingLatitude: rw('double'),
            BillingLongitude: rw('double'),
            Territory_Potential__c: rw('currency'),
            Territory_Workload__c: rw('double'),
            Territory_Segment__c: str(80),
            Territory_Locked__c: rw('boolean', { defaultValue: false }),
            Territory_Named__c: rw('boolean', { defaultValue: false })
        }
    },
    Opportunity: {
        keyPrefix: '006',
        owner: true,
        fields: {
            Name: str(120, { required: true }),
            AccountId: ref(['Account'], 'Account'),
            Amount: rw('currency'),
            StageName: rw('picklist', {
                required: true,
                picklist: Object.keys(OPPORTUNITY_STAGES),
                restricted: true
            }),
            CloseDate: rw('date', { required: true }),
            Probability: rw('percent'),
            IsClosed: ro('boolean'),
            IsWon: ro('boolean'),
            Territory2Id: ref(['Territory2'], 'Territory2'),
            IsExcludedFromTerritory2Filter: rw('boolean', { defaultValue: false })
        }
    },
    Territory2Model: {
        keyPrefix: '0MA',
        fields: {
            Name: str(80, { required: true }),
            DeveloperName: str(80, { required: true }),
            Description: rw('textarea', { length: 1000 }),
            State: rw('picklist', {
                picklist: MODEL_STATES,
                restricted: true,
                createable: false,
                updateable: true,
                defaultValue: 'Planning'
            }),
            ActivatedDate: ro('datetime'),
            DeactivatedDate: ro('datetime'),
            // The Territory_Unit__c set in use (its Written_At__c), written by the service.
            Units_At__c: rw('datetime')
        }
    },
    Territory2Type: {
        keyPrefix: '0M5',
        fields: {
            DeveloperName: str(80, { required: true }),
            MasterLabel: str(80, { required: true }),
            Priority: rw('int'),
            Description: rw('textarea', { length: 1000 })
        }
    },
    Territory2: {
        keyPrefix: '0MI',
        fields: {
            Name: str(80, { required: true }),
            DeveloperName: str(80, { required: true }),
            Description: rw('textarea', { length: 1000 }),
            Territory2ModelId: ref(['Territory2Model'], 'Territory2Model', {
                required: true,
                updateable: false
            }),
            Territory2TypeId: ref(['Territory2Type'], 'Territory2Type', { required: true }),
            ParentTerritory2Id: ref(['Territory2'], 'ParentTerritory2'),
            ForecastUserId: ref(['User'], 'ForecastUser'),
            AccountAccessLevel: rw('picklist', {
                picklist: ['Read', 'Edit', 'All'],
                restricted: true
            }),
            OpportunityAccessLevel: rw('picklist', {
                picklist: ['None', 'Read', 'Edit'],
                restricted: true
            }),
            CaseAccessLevel: rw('picklist', {
                picklist: ['None', 'Read', 'Edit'],
                restricted: true
            }),
            ContactAccessLevel: ro('picklist', { picklist: ['None', 'Read', 'Edit'] }),
            Potential__c: rw('double'),
            Workload__c: rw('double'),
            Account_Count__c: rw('double'),
            Deviation__c: rw('percent'),
            Travel_Km__c: rw('double'),
            Quota__c: rw('currency'),
            Sales_12M__c: rw('currency'),
            Won_Deals_12M__c: rw('double'),
            Closed_Deals_12M__c: rw('double'),
            Figures_At__c: rw('datetime')
        }
    },
    UserTerritory2Association: {
        keyPrefix: '0R0',
        fields: {
            UserId: ref(['User'], 'User', { required: true, updateable: false }),
            Territory2Id: ref(['Territory2'], 'Territory2', { required: true, updateable: false }),
            RoleInTerritory2: rw('picklist', {
                picklist: ['Owner', 'Administrator', 'Sales Rep'],
                restricted: true
            }),
            IsActive: ro('boolean', { defaultValue: true })
        }
    },
    ObjectTerritory2Association: {
        keyPrefix: '0R1',
        updateable: false,
        fields: {
            ObjectId: ref(['Account'], 'Object', { required: true, updateable: false }),
            Territory2Id: ref(['Territory2'], 'Territory2', { required: true, updateable: false }),
            AssociationCause: rw('picklist', {
                required: true,
                updateable: false,
                picklist: ASSOCIATION_CAUSES,
                restricted: true
            }),
            SobjectType: ro('string')
        }
    },
    Territory_Scenario__c: {
        keyPrefix: 'a0T',
        owner: true,
        fields: {
            Name: str(80),
            Status__c: rw('picklist', { picklist: SCENARIO_STATUSES, restricted: true }),
            Source__c: rw('picklist', { picklist: SCENARIO_SOURCES, restricted: true }),
            Territory_Model_Id__c: str(18),
            Settings_JSON__c: rw('textarea', { length: 131072 }),
            Metrics_JSON__c: rw('textarea', { length: 131072 }),
            Max_Deviation__c: rw('percent'),
            Total_Travel_Km__c: rw('double'),
            Accounts_Moved__c: rw('double'),
            Reps_Affected__c: rw('double'),
            Summary__c: str(255),
            Job_Id__c: str(64),
            Applied_By__c: ref(['User'], 'Applied_By__r'),
            Applied_At__c: rw('datetime'),
            Error__c: rw('textarea', { length: 32768 })
        }
    },
    // The plan per postal unit of a model, written by the service (territory-units.ts).
    Territory_Unit__c: {
        keyPrefix: 'a0U',
        owner: true,
        fields: {
            Name: str(80),
            Territory_Model_Id__c: str(18),
            Territory_Id__c: str(18),
            Postal_Code__c: str(20),
            Segment__c: str(80),
            Latitude__c: rw('double'),
            Longitude__c: rw('double'),
            Account_Count__c: rw('double'),
            Elsewhere_Count__c: rw('double'),
            Approximate_Accounts__c: rw('double'),
            Potential__c: rw('double'),
            Workload__c: rw('double'),
            Written_At__c: rw('datetime')
        }
    },
    ContentVersion: {
        keyPrefix: '068',
        owner: true,
        fields: {
            Title: str(255),
            PathOnClient: str(500, { required: true, updateable: false }),
            VersionData: rw('base64', { required: true, updateable: false }),
            FirstPublishLocationId: rw('reference', {
                referenceTo: ['Territory_Scenario__c', 'Account', 'User'],
                updateable: false
            }),
            ContentDocumentId: rw('reference', {
                referenceTo: ['ContentDocument'],
                updateable: false
            }),
            ContentSize: ro('int'),
            FileExtension: ro('string'),
            FileType: ro('string'),
            IsLatest: ro('boolean'),
            VersionNumber: ro('string'),
            Description: rw('textarea', { length: 1000 })
        }
    }
};

function buildObject(name: string, spec: (typeof OBJECT_SPECS)[string]): ObjectDef {
    const fields = new Map<string, FieldDef>();
    const all: Record<string, Spec> = { ...SYSTEM_FIELDS, ...spec.fields };
    if (spec.owner) {
        all.OwnerId = ref(['User'], 'Owner');
    }
    for (const [fieldName, s] of Object.entries(all)) {
        fields.set(fieldName, {
            ...s,
            name: fieldName,
            createable: s.createable ?? true,
            updateable: s.updateable ?? s.createable ?? true
        });
    }
    const byLower = new Map<string, FieldDef>();
    const relationships = new Map<string, FieldDef>();
    for (const f of fields.values()) {
        byLower.set(f.name.toLowerCase(), f);
        if (f.relationshipName) relationships.set(f.relationshipName.toLowerCase(), f);
    }
    return {
        name,
        keyPrefix: spec.keyPrefix,
        fields,
        byLower,
        relationships,
        createable: true,
        updateable: spec.updateable ?? true,
        deletable: true
    };
}

/** All objects of the local org, by API name. */
export const OBJECTS: ReadonlyMap<string, ObjectDef> = new Map(
    Object.entries(OBJECT_SPECS).map(([name, spec]) => [name, buildObject(name, spec)])
);
const OBJECTS_BY_LOWER = new Map([...OBJECTS.values()].map((o) => [o.name.toLowerCase(), o]));
const OBJECTS_BY_PREFIX = new Map([...OBJECTS.values()].map((o) => [o.keyPrefix, o]));

/** Case-insensitive object lookup. */
export function findObject(name: string): ObjectDef | undefined {
    return OBJECTS_BY_LOWER.get(name.toLowerCase());
}

/** The object an id belongs to, by its key prefix. */
export function objectForId(id: string): ObjectDef | undefined {
    return OBJECTS_BY_PREFIX.get(id.slice(0, 3));
}

/** Key prefix of ContentDocument ids (the object itself is not queryable in the emulator). */
export const CONTENT_DOCUMENT_PREFIX = '069';
/** Org id prefix. */
export const ORG_PREFIX = '00D';
/** Bulk job id prefix. */
export const JOB_PREFIX = '750';
/** Query locator prefix. */
export const QUERY_LOCATOR_PREFIX = '01g';
