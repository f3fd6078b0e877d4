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
    Base64: 'base64',
    Phone: 'phone',
    Url: 'url',
    Email: 'email'
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
    /** Name of the parent's child relationship to this object through this lookup. */
    childRelationshipName?: string;
    /** Deleting the parent deletes the records that point at it through this lookup. */
    cascadeDelete?: boolean;
    /** Value set on create when the field is absent. */
    defaultValue?: unknown;
    /** Field label (describe); derived from the API name when absent. */
    label?: string;
    /** An External ID: usable to upsert (REST, Collections, Bulk API 2.0). */
    externalId?: boolean;
    /** Values must be unique (case-insensitive for text), enforced with DUPLICATE_VALUE. */
    unique?: boolean;
    /** The object's name field (describe `nameField`). */
    nameField?: boolean;
}

/** One entry of describe's childRelationships. */
export interface ChildRelationship {
    childSObject: string;
    field: string;
    relationshipName: string | null;
    cascadeDelete: boolean;
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
    label: string;
    labelPlural: string;
    /** A custom object (`__c`). */
    custom: boolean;
}

/** A field as declared: createable/updateable default to true. */
export type FieldSpec = Omit<FieldDef, 'name' | 'createable' | 'updateable'> & {
    createable?: boolean;
    updateable?: boolean;
};
type Spec = FieldSpec;

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
const phone = (extra: Partial<Spec> = {}): Spec => rw('phone', { length: 40, ...extra });
const pick = (values: readonly string[], extra: Partial<Spec> = {}): Spec =>
    rw('picklist', { picklist: values, ...extra });

/** LeadSource / AccountSource values of a default org. */
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

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

export interface ObjectSpec {
    keyPrefix: string;
    label: string;
    labelPlural: string;
    fields: Record<string, Spec>;
    updateable?: boolean;
    owner?: boolean;
}

const OBJECT_SPECS: Record<string, ObjectSpec> = {
    User: {
        keyPrefix: '005',
        label: 'User',
        labelPlural: 'Users',
        fields: {
            Username: str(80, { required: true }),
            FirstName: str(40),
            LastName: str(80, { required: true }),
            Name: ro('string'),
            Email: rw('email', { length: 128 }),
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
        label: 'Account',
        labelPlural: 'Accounts',
        owner: true,
        fields: {
            Name: str(255, { required: true, label: 'Account Name' }),
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
            ParentId: ref(['Account'], 'Parent', { childRelationshipName: 'ChildAccounts' }),
            Phone: phone(),
            Fax: phone(),
            Website: rw('url', { length: 255 }),
            Description: rw('textarea', { length: 32000 }),
            AnnualRevenue: rw('currency'),
            NumberOfEmployees: rw('int'),
            Ownership: pick(['Public', 'Private', 'Subsidiary', 'Other']),
            Rating: pick(['Hot', 'Warm', 'Cold']),
            Site: str(80),
            Sic: str(20, { label: 'SIC Code' }),
            SicDesc: str(80, { label: 'SIC Description' }),
            TickerSymbol: str(20),
            AccountSource: pick(LEAD_SOURCES, { label: 'Account Source' }),
            Jigsaw: str(20, { label: 'Data.com Key' }),
            JigsawCompanyId: ro('string', { length: 20, label: 'Jigsaw Company ID' }),
            BillingStreet: rw('textarea', { length: 255 }),
            BillingCity: str(40),
            BillingState: str(80, { label: 'Billing State/Province' }),
            BillingPostalCode: str(20, { label: 'Billing Zip/Postal Code' }),
            BillingCountry: str(80),
            BillingLatitude: rw('double'),
            BillingLongitude: rw('double'),
            ShippingStreet: rw('textarea', { length: 255 }),
            ShippingCity: str(40),
            ShippingState: str(80, { label: 'Shipping State/Province' }),
            ShippingPostalCode: str(20, { label: 'Shipping Zip/Postal Code' }),
            ShippingCountry: str(80),
            ShippingLatitude: rw('double'),
            ShippingLongitude: rw('double'),
            Territory_Potential__c: rw('currency'),
            Territory_Workload__c: rw('double'),
            Territory_Segment__c: str(80),
            Territory_Locked__c: rw('boolean', { defaultValue: false }),
            Territory_Named__c: rw('boolean', { defaultValue: false }),
            Territory_Excluded__c: rw('boolean', { defaultValue: false }),
            Territory_Approximate_Location__c: rw('boolean', { defaultValue: false })
        }
    },
    // Lead with the fields lead flow reads (issue 16): leads by postal code over a period.
    Lead: {
        keyPrefix: '00Q',
        label: 'Lead',
        labelPlural: 'Leads',
        owner: true,
        fields: {
            FirstName: str(40),
            LastName: str(80, { required: true }),
            Name: ro('string', { length: 121, label: 'Full Name' }),
            Company: str(255, { required: true }),
            PostalCode: str(20, { label: 'Zip/Postal Code' }),
            Status: pick(
                [
                    'Open - Not Contacted',
                    'Working - Contacted',
                    'Closed - Converted',
                    'Closed - Not Converted'
                ],
                { required: true }
            ),
            LeadSource: pick(LEAD_SOURCES),
            IsConverted: ro('boolean', { defaultValue: false })
        }
    },
    Contact: {
        keyPrefix: '003',
        label: 'Contact',
        labelPlural: 'Contacts',
        owner: true,
        fields: {
            AccountId: ref(['Account'], 'Account', {
                childRelationshipName: 'Contacts',
                cascadeDelete: true
            }),
            Salutation: pick(['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.']),
            FirstName: str(40),
            LastName: str(80, { required: true }),
            Name: ro('string', { length: 121, label: 'Full Name' }),
            Title: str(128),
            Department: str(80),
            Email: rw('email', { length: 80 }),
            Phone: phone({ label: 'Business Phone' }),
            MobilePhone: phone(),
            HomePhone: phone(),
            OtherPhone: phone(),
            Fax: phone({ label: 'Business Fax' }),
            AssistantName: str(40, { label: "Assistant's Name" }),
            AssistantPhone: phone({ label: 'Asst. Phone' }),
            ReportsToId: ref(['Contact'], 'ReportsTo'),
            LeadSource: pick(LEAD_SOURCES),
            Birthdate: rw('date'),
            Description: rw('textarea', { length: 32000 }),
            MailingStreet: rw('textarea', { length: 255 }),
            MailingCity: str(40),
            MailingState: str(80, { label: 'Mailing State/Province' }),
            MailingPostalCode: str(20, { label: 'Mailing Zip/Postal Code' }),
            MailingCountry: str(80),
            MailingLatitude: rw('double'),
            MailingLongitude: rw('double'),
            OtherStreet: rw('textarea', { length: 255 }),
            OtherCity: str(40),
            OtherState: str(80, { label: 'Other State/Province' }),
            OtherPostalCode: str(20, { label: 'Other Zip/Postal Code' }),
            OtherCountry: str(80),
            HasOptedOutOfEmail: rw('boolean', { defaultValue: false, label: 'Email Opt Out' }),
            HasOptedOutOfFax: rw('boolean', { defaultValue: false, label: 'Fax Opt Out' }),
            DoNotCall: rw('boolean', { defaultValue: false })
        }
    },
    Opportunity: {
        keyPrefix: '006',
        label: 'Opportunity',
        labelPlural: 'Opportunities',
        owner: true,
        fields: {
            Name: str(120, { required: true }),
            AccountId: ref(['Account'], 'Account', {
                childRelationshipName: 'Opportunities',
                cascadeDelete: true
            }),
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
        label: 'Territory Model',
        labelPlural: 'Territory Models',
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
        label: 'Territory Type',
        labelPlural: 'Territory Types',
        fields: {
            DeveloperName: str(80, { required: true }),
            MasterLabel: str(80, { required: true }),
            Priority: rw('int'),
            Description: rw('textarea', { length: 1000 })
        }
    },
    // Setup metadata (CustomNotificationType, notificationtypes/*.notiftype-meta.xml): read-only
    // through the API; the local org holds the package's types (routes/actions.ts).
    CustomNotificationType: {
        keyPrefix: '0ML',
        label: 'Custom Notification Type',
        labelPlural: 'Custom Notification Types',
        fields: {
            DeveloperName: ro('string', { length: 80 }),
            MasterLabel: ro('string', { length: 80 }),
            CustomNotifTypeName: ro('string', { length: 80 }),
            Description: ro('textarea', { length: 255 }),
            Desktop: ro('boolean'),
            Mobile: ro('boolean')
        }
    },
    Territory2: {
        keyPrefix: '0MI',
        label: 'Territory',
        labelPlural: 'Territories',
        fields: {
            Name: str(80, { required: true }),
            DeveloperName: str(80, { required: true }),
            Description: rw('textarea', { length: 1000 }),
            Territory2ModelId: ref(['Territory2Model'], 'Territory2Model', {
                required: true,
                updateable: false,
                childRelationshipName: 'Territory2s'
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
        label: 'User Territory Association',
        labelPlural: 'User Territory Associations',
        fields: {
            UserId: ref(['User'], 'User', {
                required: true,
                updateable: false,
                childRelationshipName: 'UserTerritory2Associations'
            }),
            Territory2Id: ref(['Territory2'], 'Territory2', {
                required: true,
                updateable: false,
                childRelationshipName: 'UserTerritory2Associations'
            }),
            RoleInTerritory2: rw('picklist', {
                picklist: ['Owner', 'Administrator', 'Sales Rep'],
                restricted: true
            }),
            IsActive: ro('boolean', { defaultValue: true })
        }
    },
    ObjectTerritory2Association: {
        keyPrefix: '0R1',
        label: 'Object Territory Association',
        labelPlural: 'Object Territory Associations',
        updateable: false,
        fields: {
            ObjectId: ref(['Account'], 'Object', {
                required: true,
                updateable: false,
                childRelationshipName: 'ObjectTerritory2Associations',
                cascadeDelete: true
            }),
            Territory2Id: ref(['Territory2'], 'Territory2', {
                required: true,
                updateable: false,
                childRelationshipName: 'ObjectTerritory2Associations'
            }),
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
        label: 'Territory Scenario',
        labelPlural: 'Territory Scenarios',
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
            Effective_Date__c: rw('date'),
            Error__c: rw('textarea', { length: 32768 })
        }
    },
    // The plan per postal unit of a model, written by the service (territory-units.ts).
    // A market layer imported by a planner (issue 16); the features are a GeoJSON file attached.
    Territory_Layer__c: {
        keyPrefix: 'a0L',
        label: 'Territory Layer',
        labelPlural: 'Territory Layers',
        owner: true,
        fields: {
            Name: str(80, { required: true }),
            Kind__c: pick(['points', 'postal_values'], { required: true, restricted: true }),
            Source_Format__c: pick(['csv', 'geojson'], { restricted: true }),
            Value_Name__c: str(80),
            Feature_Count__c: rw('double'),
            Value_Total__c: rw('double'),
            Value_Min__c: rw('double'),
            Value_Max__c: rw('double')
        }
    },
    Territory_Unit__c: {
        keyPrefix: 'a0U',
        label: 'Territory Unit',
        labelPlural: 'Territory Units',
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
    // Quarterly performance per territory, written by the service (territory-performance.ts).
    Territory_Performance__c: {
        keyPrefix: 'a0P',
        label: 'Territory Performance',
        labelPlural: 'Territory Performance',
        owner: true,
        fields: {
            Name: str(80),
            Key__c: str(40, { externalId: true, unique: true }),
            Territory_Id__c: str(18),
            Territory_Model_Id__c: str(18),
            Quarter__c: str(7),
            Quarter_Start__c: rw('date'),
            Sales__c: rw('currency'),
            Won_Deals__c: rw('double'),
            Closed_Deals__c: rw('double'),
            Open_Deals__c: rw('double'),
            Pipeline__c: rw('currency'),
            Cycle_Days__c: rw('double'),
            Tasks__c: rw('double'),
            Events__c: rw('double'),
            Quota__c: rw('currency'),
            Deviation__c: rw('percent'),
            Written_At__c: rw('datetime')
        }
    },
    // A rep's request to move an account, decided by a planner (issue 17, feedback loop).
    Territory_Change_Request__c: {
        keyPrefix: 'a0C',
        label: 'Territory Change Request',
        labelPlural: 'Territory Change Requests',
        owner: true,
        fields: {
            Name: str(80),
            Account__c: ref(['Account'], 'Account__r', {
                childRelationshipName: 'Territory_Change_Requests__r'
            }),
            Territory_Model_Id__c: str(18),
            From_Territory_Id__c: str(18),
            Requested_Territory_Id__c: str(18),
            Reason__c: rw('textarea', { length: 4000 }),
            Status__c: pick(['Open', 'Accepted', 'Declined'], {
                restricted: true,
                defaultValue: 'Open'
            }),
            Reply__c: rw('textarea', { length: 4000 }),
            Decided_By__c: ref(['User'], 'Decided_By__r'),
            Decided_At__c: rw('datetime')
        }
    },
    // Activities, with the standard fields the performance job reads and a sample org writes.
    // AccountId is derived by the platform (from WhatId or WhoId): read-only over the API; the
    // emulator does not derive it, the sample org's activities carry it (sample-activity.ts).
    Task: {
        keyPrefix: '00T',
        label: 'Task',
        labelPlural: 'Tasks',
        owner: true,
        fields: {
            Subject: str(255),
            ActivityDate: rw('date', { label: 'Due Date Only' }),
            Status: rw('picklist', {
                required: true,
                picklist: [
                    'Not Started',
                    'In Progress',
                    'Completed',
                    'Waiting on someone else',
                    'Deferred'
                ],
                defaultValue: 'Not Started'
            }),
            Priority: rw('picklist', {
                required: true,
                picklist: ['High', 'Normal', 'Low'],
                defaultValue: 'Normal'
            }),
            Type: pick(['Call', 'Email', 'Meeting', 'Other']),
            WhatId: ref(['Account', 'Opportunity'], 'What', { childRelationshipName: 'Tasks' }),
            WhoId: ref(['Contact'], 'Who', { childRelationshipName: 'Tasks' }),
            AccountId: ro('reference', {
                referenceTo: ['Account'],
                relationshipName: 'Account'
            }),
            Description: rw('textarea', { length: 32000 })
        }
    },
    Event: {
        keyPrefix: '00U',
        label: 'Event',
        labelPlural: 'Events',
        owner: true,
        fields: {
            Subject: str(255),
            ActivityDate: rw('date', { label: 'Due Date Only' }),
            ActivityDateTime: rw('datetime', { label: 'Due Date Time' }),
            DurationInMinutes: rw('int', { label: 'Duration' }),
            StartDateTime: rw('datetime', { label: 'Start' }),
            EndDateTime: rw('datetime', { label: 'End' }),
            Type: pick(['Call', 'Email', 'Meeting', 'Other']),
            WhatId: ref(['Account', 'Opportunity'], 'What', { childRelationshipName: 'Events' }),
            WhoId: ref(['Contact'], 'Who', { childRelationshipName: 'Events' }),
            AccountId: ro('reference', {
                referenceTo: ['Account'],
                relationshipName: 'Account'
            }),
            Location: str(255),
            Description: rw('textarea', { length: 32000 })
        }
    },
    ContentVersion: {
        keyPrefix: '068',
        label: 'Content Version',
        labelPlural: 'Content Versions',
        owner: true,
        fields: {
            Title: str(255),
            PathOnClient: str(500, { required: true, updateable: false }),
            VersionData: rw('base64', { required: true, updateable: false }),
            FirstPublishLocationId: rw('reference', {
                referenceTo: ['Territory_Scenario__c', 'Territory_Layer__c', 'Account', 'User'],
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

/** Builds an object from its spec: system fields, OwnerId when owned, lookups by relationship. */
export function buildObject(name: string, spec: ObjectSpec): ObjectDef {
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
    const nameField =
        name === 'ContentVersion' ? 'Title' : name === 'Territory2Type' ? 'MasterLabel' : 'Name';
    const named = fields.get(nameField);
    if (named) fields.set(nameField, { ...named, nameField: true });
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
        deletable: true,
        label: spec.label,
        labelPlural: spec.labelPlural,
        custom: name.endsWith('__c')
    };
}

/** A field's label: the given one, else its API name in words ("BillingCity" → "Billing City"). */
export function fieldLabel(f: FieldDef): string {
    if (f.label) return f.label;
    if (f.name === 'Id') return 'Record ID';
    let base = f.name.replace(/__c$/, '').replace(/_/g, ' ');
    if (f.type === 'reference' && !f.name.endsWith('__c')) base = base.replace(/Id$/, ' ID');
    return base
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/\s+/g, ' ')
        .trim();
}

/**
 * The objects of one org: the built-in ones plus any custom objects declared for it. Lookups are
 * case-insensitive; ids map to objects by key prefix; child relationships are derived from the
 * lookups of every object (describe's childRelationships, parent-to-child subqueries, cascades).
 */
export class Schema {
    readonly objects: ReadonlyMap<string, ObjectDef>;
    private byLower = new Map<string, ObjectDef>();
    private byPrefix = new Map<string, ObjectDef>();
    private children = new Map<string, ChildRelationship[]>();

    constructor(defs: Iterable<ObjectDef>) {
        const objects = new Map<string, ObjectDef>();
        for (const def of defs) {
            if (this.byLower.has(def.name.toLowerCase()))
                throw new Error(`Object ${def.name} is defined twice`);
            if (this.byPrefix.has(def.keyPrefix))
                throw new Error(`Key prefix ${def.keyPrefix} of ${def.name} is already used`);
            objects.set(def.name, def);
            this.byLower.set(def.name.toLowerCase(), def);
            this.byPrefix.set(def.keyPrefix, def);
            this.children.set(def.name, []);
        }
        this.objects = objects;
        for (const def of objects.values()) {
            for (const f of def.fields.values()) {
                if (f.type !== 'reference') continue;
                for (const target of f.referenceTo ?? []) {
                    this.children.get(target)?.push({
                        childSObject: def.name,
                        field: f.name,
                        relationshipName: f.childRelationshipName ?? null,
                        cascadeDelete: !!f.cascadeDelete
                    });
                }
            }
        }
    }

    /** Case-insensitive object lookup. */
    find(name: string): ObjectDef | undefined {
        return this.byLower.get(name.toLowerCase());
    }

    /** The object an id belongs to, by its key prefix. */
    forId(id: string): ObjectDef | undefined {
        return this.byPrefix.get(id.slice(0, 3));
    }

    /** describe's childRelationships of one object. */
    childRelationships(objectName: string): readonly ChildRelationship[] {
        return this.children.get(objectName) ?? [];
    }

    /** A named child relationship of an object (case-insensitive), for subqueries. */
    childRelationship(objectName: string, relationshipName: string): ChildRelationship | undefined {
        const lower = relationshipName.toLowerCase();
        return this.childRelationships(objectName).find(
            (c) => c.relationshipName?.toLowerCase() === lower
        );
    }
}

/** The built-in objects of every local org. */
export const BUILT_IN_OBJECTS: readonly ObjectDef[] = Object.entries(OBJECT_SPECS).map(
    ([name, spec]) => buildObject(name, spec)
);

/** The schema of an org without declared custom objects. */
export const BUILT_IN_SCHEMA = new Schema(BUILT_IN_OBJECTS);

/** All built-in objects of the local org, by API name. */
export const OBJECTS: ReadonlyMap<string, ObjectDef> = BUILT_IN_SCHEMA.objects;

/** Case-insensitive lookup of a built-in object. */
export function findObject(name: string): ObjectDef | undefined {
    return BUILT_IN_SCHEMA.find(name);
}

/** The built-in object an id belongs to, by its key prefix. */
export function objectForId(id: string): ObjectDef | undefined {
    return BUILT_IN_SCHEMA.forId(id);
}

/** Key prefix of ContentDocument ids (the object itself is not queryable in the emulator). */
export const CONTENT_DOCUMENT_PREFIX = '069';
/** Org id prefix. */
export const ORG_PREFIX = '00D';
/** Bulk job id prefix. */
export const JOB_PREFIX = '750';
/** Query locator prefix. */
export const QUERY_LOCATOR_PREFIX = '01g';
