import type {
    ScenarioAssignment,
    ScenarioPatch,
    ScenarioRecord,
    ScenarioSource,
    ScenarioStatus
} from '../salesforce/types.js';
import type { AccountDeals } from './territory-figures.js';
import type { PerformanceFacts, TerritoryPerformance } from './territory-performance.js';

/**
 * The narrow view of the Salesforce gateway that the jobs and the HTTP routes use. It is shaped
 * for planning (territories are the engine's "reps"), so the processors stay short; the adapter
 * in `salesforce-adapter.ts` maps it onto `connectSalesforce()` from src/salesforce.
 */

/** An account as the planner sees it: location, measures and the territory it is in now. */
export interface PlanAccount {
    id: string;
    lat: number;
    lon: number;
    /** Numeric measures by name (`Potential`, `Workload`; `Count` is implicit). */
    measures: Record<string, number>;
    segment?: string;
    locked?: boolean;
    /** A named (key) account: placed individually in plans made of postal units. */
    named?: boolean;
    /**
     * Left out of planning (Account.Territory_Excluded__c): generated plans keep it in its current
     * territory, and the scenario counts it under data quality (plan-inputs.ts).
     */
    excluded?: boolean;
    /** Billing postal code: the unit of postal-unit plans. */
    postalCode?: string;
    /** Account.Type ('Customer - Direct', 'Prospect', …): a new rep's mix is reported. */
    type?: string;
    /**
     * True when the account had no coordinates and lat/lon are its postal code's centroid from
     * the offline postal reference (geo/postal-reference.ts).
     */
    approximate?: boolean;
    /** Territory2 the account is associated with now (undefined: unassigned). */
    territoryId?: string;
}

/** A territory of the model with the rep (User) who covers it. */
export interface PlanTerritory {
    id: string;
    name: string;
    parentId?: string;
    /** The active user assigned to the territory (first UserTerritory2Association), if any. */
    repId?: string;
    repName?: string;
    /** False when the rep was deactivated or no active UserTerritory2Association is left. */
    repActive: boolean;
    lat?: number;
    lon?: number;
    capacity?: number;
    segment?: string;
}

/** Everything the planner needs about one territory model (optionally one branch or segment). */
export interface PlanSnapshot {
    modelId: string;
    accounts: PlanAccount[];
    territories: PlanTerritory[];
}

export interface PlanScope {
    parentTerritoryId?: string;
    segment?: string;
}

export type {
    ScenarioAssignment,
    ScenarioPatch,
    ScenarioRecord,
    ScenarioSource,
    ScenarioStatus
} from '../salesforce/types.js';

/** `Status__c` values (the picklist), for the API schemas. */
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
] as const satisfies readonly ScenarioStatus[];

/** `Source__c` values. */
export const SCENARIO_SOURCES = [
    'Planner',
    'Turnover',
    'Drift Review'
] as const satisfies readonly ScenarioSource[];

/** Progress of a delta write: how many of the planned changes are done. */
export interface ApplyProgress {
    done: number;
    total: number;
}

export interface ApplyOutcome {
    inserted: number;
    deleted: number;
    unchanged: number;
}

/** New territory for a rep the plan adds. */
export interface NewTerritory {
    name: string;
    parentId?: string;
}

/** Figures of the applied plan for one territory (the Territory2 custom fields). */
export interface TerritoryFigures {
    territoryId: string;
    potential: number;
    workload: number;
    accountCount: number;
    /** max over the balanced measures of |load / target − 1| (fraction) */
    deviation: number;
    travelKm: number;
    /** Won amount, won and closed deals of the territory's accounts in the KPI window. */
    sales: number;
    wonDeals: number;
    closedDeals: number;
}

/**
 * One postal unit of a model (a postal code within a segment) with the plan's aggregates: the
 * Territory_Unit__c row the planner's map reads when a model is too large to send account by
 * account (territory-units.ts).
 */
export interface TerritoryUnit {
    postalCode: string;
    /** '' when the accounts carry no segment */
    segment: string;
    /** centroid: mean of the unit's accounts' coordinates */
    lat: number;
    lon: number;
    accountCount: number;
    potential: number;
    workload: number;
    /** The territory holding most of the unit's accounts (none: no account is assigned). */
    territoryId?: string;
    /** Accounts of the unit in another territory than `territoryId`, or in none. */
    elsewhereCount: number;
    /** Accounts of the unit placed at the postal code's centroid (they had no coordinates). */
    approximateCount: number;
}

/**
 * A territory model as far as a request's ids need checking before anything is written: the
 * model, and (when asked for) its territories with the users associated with each.
 */
export interface ModelOutline {
    id: string;
    territories?: { id: string; parentId?: string; userIds: string[] }[];
}

/**
 * One Salesforce custom notification: the inputs of the standard invocable action
 * `customNotificationAction` (the notification type is looked up by its developer name).
 */
export interface CustomNotification {
    recipientIds: string[];
    title: string;
    body: string;
    targetId?: string;
    /** A JSON PageReference (e.g. a tab with state): where the notification opens. */
    targetPageRef?: string;
}

/** What the org said to each notification: sent, or why not. */
export interface NotifyOutcome {
    sent: number;
    failed: { recipientIds: string[]; message: string }[];
}

export interface PlannerGateway {
    /**
     * The model, or undefined when the org has no such territory model; with `territories`, its
     * territories too (one query for the model, two more for the territories).
     */
    modelOutline(
        modelId: string,
        options?: { territories?: boolean }
    ): Promise<ModelOutline | undefined>;
    /** Cheap authenticated call, used by GET /ready. */
    ping(): Promise<void>;
    /** The id of the org the gateway is logged in to (logs in first if needed; no API call). */
    orgId(): Promise<string>;
    /** The active territory model id (used by schedules when none is configured). */
    activeModelId(): Promise<string>;
    /** Accounts, territories and reps of a model, optionally one branch or one segment. */
    pullPlan(modelId: string, scope?: PlanScope): Promise<PlanSnapshot>;
    /** Current account → territory map of the model. */
    currentAssignments(modelId: string): Promise<Map<string, string>>;
    /** Creates territories, returns their ids in order. */
    createTerritories(modelId: string, territories: NewTerritory[]): Promise<string[]>;
    /**
     * Writes the target account → territory map as a delta: insert the new association, then
     * delete the old one, so no account is ever without a territory. Idempotent.
     */
    applyAssignments(
        modelId: string,
        target: ReadonlyMap<string, string>,
        options: { onProgress?: (p: ApplyProgress) => void; signal?: AbortSignal }
    ): Promise<ApplyOutcome>;
    /**
     * Writes Potential__c, Workload__c, Account_Count__c, Deviation__c, Travel_Km__c, Sales_12M__c,
     * Won_Deals_12M__c, Closed_Deals_12M__c and Figures_At__c (now).
     */
    updateTerritoryFigures(figures: TerritoryFigures[]): Promise<void>;
    /**
     * Replaces the model's Territory_Unit__c rows with `units`: the new rows are written with one
     * `Written_At__c`, then Territory2Model.Units_At__c names that set (readers read the set it
     * names, so never a set half written), then the older rows are deleted.
     */
    replaceTerritoryUnits(modelId: string, units: readonly TerritoryUnit[]): Promise<void>;
    /** Closed opportunities per account, closed on or after `since` (YYYY-MM-DD). */
    closedDeals(since: string): Promise<AccountDeals[]>;
    /**
     * The facts of the performance rows (territory-performance.ts): opportunities open now or
     * closed on or after `since`, tasks and events dated on or after it, the model's quotas.
     * Optional: a gateway without it (the tests' in-memory one) writes no performance rows.
     */
    performanceFacts?(modelId: string, since: string): Promise<PerformanceFacts>;
    /** Upserts the model's Territory_Performance__c rows (one per territory and quarter). */
    writeTerritoryPerformance?(
        modelId: string,
        rows: readonly TerritoryPerformance[]
    ): Promise<void>;
    createScenario(
        record: Omit<ScenarioRecord, 'id'>,
        assignments?: ScenarioAssignment[]
    ): Promise<string>;
    updateScenario(
        id: string,
        patch: ScenarioPatch,
        assignments?: ScenarioAssignment[]
    ): Promise<void>;
    /** The scenario record, or undefined when no such record exists. */
    loadScenario(id: string): Promise<ScenarioRecord | undefined>;
    /** The scenario's assignments.csv rows (empty before generation finished). */
    loadAssignments(id: string): Promise<ScenarioAssignment[]>;
    listScenarios(modelId: string): Promise<ScenarioRecord[]>;
    /**
     * Sends custom notifications of the type with this developer name (CustomNotificationType),
     * through POST /actions/standard/customNotificationAction. Optional: a gateway without it
     * sends none (the apply says so on its job).
     */
    sendCustomNotifications?(
        typeDeveloperName: string,
        notifications: readonly CustomNotification[]
    ): Promise<NotifyOutcome>;
}
