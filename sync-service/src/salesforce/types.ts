/** Public types of the Salesforce gateway. */

/** The API version the gateway pins (jsforce defaults to 50.0; CONTRACT.md §0). */
export const SALESFORCE_API_VERSION = '66.0';

export type SalesforceAuth =
    | { type: 'client_credentials' }
    /** JWT bearer: RS256 assertion signed with `privateKey` (PKCS#8 PEM), `sub` = username. */
    | { type: 'jwt'; username: string; privateKey: string; audience?: string };

/** Which Account fields feed the planner (configuration, not code). */
export interface AccountFieldMap {
    latitude: string;
    longitude: string;
    /** measure name → numeric Account field, e.g. { Potential: 'Territory_Potential__c' } */
    measures: Record<string, string>;
    segment?: string;
    locked?: string;
    /** checkbox of named (key) accounts, placed individually in plans made of postal units */
    named?: string;
    /** checkbox of accounts left out of planning (they keep their current territory) */
    excluded?: string;
    postalCode?: string;
    name?: string;
    /** picklist of the account's Type ('Customer…', 'Prospect'): a new rep's mix is reported */
    type?: string;
}

/** Which User fields describe a rep. */
export interface RepFieldMap {
    homeLatitude: string;
    homeLongitude: string;
    capacity?: string;
    segment?: string;
}

export const DEFAULT_ACCOUNT_FIELD_MAP: AccountFieldMap = {
    latitude: 'BillingLatitude',
    longitude: 'BillingLongitude',
    measures: { Potential: 'Territory_Potential__c', Workload: 'Territory_Workload__c' },
    segment: 'Territory_Segment__c',
    locked: 'Territory_Locked__c',
    named: 'Territory_Named__c',
    excluded: 'Territory_Excluded__c',
    postalCode: 'BillingPostalCode',
    name: 'Name',
    type: 'Type'
};

export const DEFAULT_REP_FIELD_MAP: RepFieldMap = {
    homeLatitude: 'Territory_Home_Latitude__c',
    homeLongitude: 'Territory_Home_Longitude__c',
    capacity: 'Territory_Capacity__c',
    segment: 'Territory_Segment__c'
};

export interface SalesforceConfig {
    /** Where the token endpoint lives (My Domain, or the local org's loginUrl). */
    loginUrl: string;
    clientId: string;
    clientSecret?: string;
    /** Default: client_credentials. */
    auth?: SalesforceAuth;
    apiVersion?: string;
    /** Reads and writes above this many records use Bulk API 2.0 (default 10,000). */
    bulkThreshold?: number;
    bulk?: {
        pollIntervalMs?: number;
        pollTimeoutMs?: number;
        /** maxRecords per query results page (default 50,000). */
        pageSize?: number;
    };
    /** Parallel REST collection requests (default 4). */
    restConcurrency?: number;
    retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
    /**
     * API budget: `maxCalls` caps this gateway's own HTTP calls; `minRemaining` stops before the
     * org's remaining daily requests (from Sforce-Limit-Info) fall below it.
     */
    budget?: { maxCalls?: number; minRemaining?: number };
    accountFields?: AccountFieldMap;
    repFields?: RepFieldMap;
}

export interface TerritoryModel {
    id: string;
    name: string;
    developerName: string;
    state: string;
    activatedDate: string | null;
}

export interface PulledAccount {
    id: string;
    name: string;
    lat: number | null;
    lon: number | null;
    postalCode: string | null;
    /** measure name → value (null fields count as 0) */
    measures: Record<string, number>;
    segment: string | null;
    locked: boolean;
    /** a named (key) account (false when the field map has no `named` field) */
    named: boolean;
    /** left out of planning (false when the field map has no `excluded` field) */
    excluded: boolean;
    /** the account's Type (null when the field map has no `type` field or it is empty) */
    type: string | null;
    ownerId: string | null;
    /** Territory of the model the account is in now (the first, when several). */
    territoryId: string | null;
    /** All territories of the model the account is in (overlaps show up here). */
    territoryIds: string[];
}

export interface AccountScope {
    /** Only accounts in this territory or its descendants. */
    parentTerritoryId?: string;
    /** Only accounts in these territories. */
    territoryIds?: string[];
    /** Only accounts whose segment field has this value. */
    segment?: string;
}

export interface PullAccountsOptions {
    /** With a model, each account carries its current territory of that model. */
    modelId?: string;
    fieldMap?: AccountFieldMap;
    scope?: AccountScope;
}

export interface PulledRep {
    id: string;
    name: string;
    username: string;
    isActive: boolean;
    lat: number | null;
    lon: number | null;
    capacity: number;
    segment: string | null;
}

export interface TerritoryUser {
    associationId: string;
    userId: string;
    userName: string | null;
    userIsActive: boolean;
    role: string | null;
}

export interface PulledTerritory {
    id: string;
    name: string;
    developerName: string;
    parentId: string | null;
    typeId: string;
    users: TerritoryUser[];
}

export interface PulledAssociation {
    id: string;
    accountId: string;
    territoryId: string;
    cause: string;
}

export interface OpportunityAggregate {
    accountId: string;
    count: number;
    amount: number;
    openCount: number;
    openAmount: number;
    wonCount: number;
    wonAmount: number;
}

export interface AssignmentTarget {
    accountId: string;
    territoryId: string;
}

export interface ApplyProgressEvent {
    stage: 'plan' | 'insert' | 'delete';
    done: number;
    total: number;
}

export interface ApplyOptions {
    onProgress?: (progress: ApplyProgressEvent) => void;
    signal?: AbortSignal;
}

export interface FailedAssignment {
    accountId: string;
    territoryId: string;
    stage: 'insert' | 'delete';
    errorCode: string;
    message: string;
}

export interface ApplyResult {
    inserted: number;
    deleted: number;
    /** Target pairs that were already in place. */
    unchanged: number;
    failed: FailedAssignment[];
    mode: 'rest' | 'bulk';
    apiCalls: number;
}

export interface NewTerritoryInput {
    name: string;
    /** Default: derived from the name, made unique in the org. */
    developerName?: string;
    /** Rep to associate (UserTerritory2Association, role Owner by default). */
    userId?: string;
    parentId?: string;
    typeId?: string;
    role?: string;
}

export interface CreatedTerritory {
    id: string;
    name: string;
    developerName: string;
    userId: string | null;
    /** False when a territory with that DeveloperName already existed in the model. */
    created: boolean;
}

export type ScenarioStatus =
    | 'Queued'
    | 'Generating'
    | 'Ready'
    | 'Proposed'
    | 'Approved'
    | 'Applying'
    | 'Applied'
    | 'Failed'
    | 'Discarded';
export type ScenarioSource = 'Planner' | 'Turnover' | 'Drift Review';

/**
 * A Territory_Scenario__c record with its JSON fields parsed. `maxDeviation` is a fraction
 * (0.05 = 5 %); it is stored in the Percent field as 5.
 */
export interface ScenarioRecord {
    id: string;
    name: string;
    status: ScenarioStatus;
    source: ScenarioSource;
    modelId: string;
    settings: Record<string, unknown>;
    metrics?: Record<string, unknown> | undefined;
    maxDeviation?: number | undefined;
    totalTravelKm?: number | undefined;
    accountsMoved?: number | undefined;
    repsAffected?: number | undefined;
    summary?: string | undefined;
    jobId?: string | undefined;
    appliedBy?: string | undefined;
    appliedAt?: string | undefined;
    /** YYYY-MM-DD: the day the approved plan takes effect (the apply waits until then). */
    effectiveDate?: string | undefined;
    error?: string | undefined;
    createdAt?: string | undefined;
}

export type ScenarioInput = Omit<ScenarioRecord, 'id' | 'createdAt'>;
export type ScenarioPatch = Partial<ScenarioInput>;

/** One row of assignments.csv (header AccountId,Territory2Id,RepId,PreviousTerritory2Id). */
export interface ScenarioAssignment {
    accountId: string;
    territoryId: string;
    repId: string;
    previousTerritoryId: string;
}

export interface ApiUsage {
    /** HTTP calls this gateway made (token requests excluded; jsforce's own retries excluded). */
    calls: number;
    maxCalls: number | undefined;
    /** The org's figures from the last Sforce-Limit-Info header. */
    orgUsed: number | undefined;
    orgLimit: number | undefined;
}

export interface OrgLimits {
    dailyApiRequests: { max: number; remaining: number };
    raw: Record<string, { Max: number; Remaining: number }>;
}
