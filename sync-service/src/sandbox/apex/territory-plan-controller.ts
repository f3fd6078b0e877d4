/**
 * TerritoryPlanController.cls in JS, for the sandbox: the same permission checks first
 * (TerritoryPermissions), the same queries (REST SOQL against the org instead of user-mode Apex
 * SOQL), the same answers and the same AuraHandledException messages; service calls go through
 * the sandbox's Named Credential stand-in. Like the Apex it computes no figure: it reads what the
 * service stored on Territory2, and the components derive the rest with c/territoryFigures. The
 * shared case files (force-app/test/cases, run by test/sandbox/controller-cases.test.ts and by
 * TerritoryControllerCasesTest.cls) hold the two to the same answers.
 */
import type { OrgConnection } from '../org-client.js';
import { queryAll, soqlString } from '../org-client.js';
import type { ServiceClient } from '../service-client.js';
import { ServiceCallError } from '../service-client.js';
import { AuraHandledException, type AuraMethod } from './aura.js';
import { PERMISSION_MESSAGES, territoryPermissions } from './permissions.js';
import { datetime, decimal, isIdOf, queryByIds, queryModelReps, toId } from './soql-helpers.js';

// The limits of the Apex class (see TerritoryPlanController.cls for their reasons).
const MAX_MAP_ACCOUNTS = 10_000;
const MAX_MAP_UNITS = 20_000;
const MAX_TERRITORIES = 1000;
const JOB_ID_PATTERN = /^[A-Za-z0-9:_-]{1,64}$/;
// An Approved scenario waits for its effective date: approving it again moves the date.
const APPROVABLE = new Set(['Ready', 'Proposed', 'Approved']);
const MAX_REP_LINKS = 5000;

export interface ModelInfo {
    id: string;
    name: string;
    state: string;
}

interface RepInfo {
    userId: string;
    name: string;
    role: string | null;
    isActive: boolean;
    homeLatitude: number | null;
    homeLongitude: number | null;
    capacity: number;
    segment: string | null;
}

/** The stored KPI sums of the last 12 months (null before the service wrote them). */
interface Kpis {
    sales: number | null;
    wonDeals: number | null;
    closedDeals: number | null;
}

interface TerritoryInfo {
    id: string;
    name: string;
    developerName: string;
    parentId: string | null;
    potential: number | null;
    workload: number | null;
    accountCount: number | null;
    deviation: number | null;
    travelKm: number | null;
    quota: number | null;
    figuresAt: string | null;
    reps: RepInfo[];
    kpis: Kpis;
}

interface AccountPoint {
    id: string;
    name: string;
    latitude: number | null;
    longitude: number | null;
    potential: number | null;
    workload: number | null;
    segment: string | null;
    /** The map's unit: accounts of one postal code (and segment) form one area. */
    postalCode: string | null;
    locked: boolean;
    territoryId: string | undefined;
}

/** One postal unit with the sums of its accounts, as the service stored them. */
interface UnitPoint {
    postalCode: string | null;
    segment: string | null;
    latitude: number | null;
    longitude: number | null;
    accountCount: number | null;
    elsewhereCount: number | null;
    /** Accounts of the unit without coordinates, placed at the postal code's centre. */
    approximateCount: number | null;
    potential: number | null;
    workload: number | null;
    territoryId: string | null;
}

export interface PlanOverview {
    model: ModelInfo;
    territories: TerritoryInfo[];
    accounts: AccountPoint[];
    truncated: boolean;
    accountLimit: number;
    /** The model's postal units, instead of accounts, above accountLimit accounts. */
    units: UnitPoint[];
    unitsTruncated: boolean;
    unitLimit: number;
    unitsAt: string | null;
    readAt: string;
}

type Row = Record<string, unknown>;

const uiError = (message: string) => new AuraHandledException(message);

function requireModelId(modelId: unknown): string {
    if (!isIdOf(modelId, 'Territory2Model')) {
        throw uiError(`Choose a territory model (got "${String(modelId ?? 'null')}").`);
    }
    return modelId as string;
}

function requireScenarioId(scenarioId: unknown): string {
    if (!isIdOf(scenarioId, 'Territory_Scenario__c')) {
        throw uiError(`Choose a generated scenario (got "${String(scenarioId ?? 'null')}").`);
    }
    return scenarioId as string;
}

function toModelInfo(row: Row): ModelInfo {
    return { id: String(row.Id), name: String(row.Name), state: String(row.State) };
}

async function loadModel(org: OrgConnection, modelId: unknown): Promise<ModelInfo> {
    const id = requireModelId(modelId);
    const rows = await queryAll<Row>(
        org,
        `SELECT Id, Name, State FROM Territory2Model WHERE Id = ${soqlString(id)} LIMIT 1`
    );
    const row = rows[0];
    if (!row) throw uiError(`Territory model ${id} was not found or you cannot see it.`);
    return toModelInfo(row);
}

async function loadTerritories(org: OrgConnection, modelId: string) {
    const territories = new Map<string, TerritoryInfo>();
    const rows = await queryAll<Row>(
        org,
        'SELECT Id, Name, DeveloperName, ParentTerritory2Id, Potential__c, Workload__c, ' +
            'Account_Count__c, Deviation__c, Travel_Km__c, Quota__c, Sales_12M__c, Won_Deals_12M__c, ' +
            'Closed_Deals_12M__c, Figures_At__c FROM Territory2 ' +
            `WHERE Territory2ModelId = ${soqlString(modelId)} ORDER BY Name LIMIT ${MAX_TERRITORIES}`
    );
    for (const row of rows) {
        territories.set(String(row.Id), {
            id: String(row.Id),
            name: String(row.Name),
            developerName: String(row.DeveloperName),
            parentId: (row.ParentTerritory2Id as string | null) ?? null,
            potential: decimal(row.Potential__c),
            workload: decimal(row.Workload__c),
            accountCount: decimal(row.Account_Count__c),
            deviation: decimal(row.Deviation__c),
            travelKm: decimal(row.Travel_Km__c),
            quota: decimal(row.Quota__c),
            figuresAt: datetime(row.Figures_At__c),
            reps: [],
            kpis: {
                sales: decimal(row.Sales_12M__c),
                wonDeals: decimal(row.Won_Deals_12M__c),
                closedDeals: decimal(row.Closed_Deals_12M__c)
            }
        });
    }
    return territories;
}

async function loadReps(
    org: OrgConnection,
    modelId: string,
    territories: Map<string, TerritoryInfo>
): Promise<void> {
    const rows = await queryModelReps(org, modelId, MAX_REP_LINKS);
    for (const row of rows) {
        const territory = territories.get(String(row.Territory2Id));
        if (!territory) continue;
        const user = (row.User ?? {}) as Row;
        territory.reps.push({
            userId: String(row.UserId),
            name: String(user.Name),
            role: (row.RoleInTerritory2 as string | null) ?? null,
            isActive: user.IsActive === true,
            homeLatitude: decimal(user.Territory_Home_Latitude__c),
            homeLongitude: decimal(user.Territory_Home_Longitude__c),
            capacity: decimal(user.Territory_Capacity__c) ?? 1,
            segment: (user.Territory_Segment__c as string | null) ?? null
        });
    }
}

async function loadAccounts(org: OrgConnection, modelId: string, plan: PlanOverview) {
    const links = await queryAll<Row>(
        org,
        'SELECT ObjectId, Territory2Id FROM ObjectTerritory2Association ' +
            `WHERE Territory2.Territory2ModelId = ${soqlString(modelId)} AND SobjectType = 'Account' ` +
            `LIMIT ${MAX_MAP_ACCOUNTS + 1}`
    );
    if (links.length > MAX_MAP_ACCOUNTS) {
        plan.truncated = true;
        links.pop();
    }
    const territoryByAccount = new Map(
        links.map((l) => [String(l.ObjectId), String(l.Territory2Id)])
    );
    const rows = await queryByIds<Row>(
        org,
        [...territoryByAccount.keys()],
        (ids) =>
            'SELECT Id, Name, BillingLatitude, BillingLongitude, BillingPostalCode, ' +
            'Territory_Potential__c, Territory_Workload__c, Territory_Segment__c, ' +
            'Territory_Locked__c FROM Account ' +
            `WHERE Id IN (${ids})`
    );
    for (const row of rows) {
        plan.accounts.push({
            id: String(row.Id),
            name: String(row.Name),
            latitude: decimal(row.BillingLatitude),
            longitude: decimal(row.BillingLongitude),
            potential: decimal(row.Territory_Potential__c),
            workload: decimal(row.Territory_Workload__c),
            segment: (row.Territory_Segment__c as string | null) ?? null,
            postalCode: (row.BillingPostalCode as string | null) ?? null,
            locked: row.Territory_Locked__c === true,
            territoryId: territoryByAccount.get(String(row.Id))
        });
    }
}

/** The model's accounts as the service counted them (Territory2.Account_Count__c). */
function storedAccountCount(territories: readonly TerritoryInfo[]): number {
    return territories.reduce((sum, t) => sum + (t.accountCount ?? 0), 0);
}

/** The set of postal units the model names (Units_At__c), the most populous first. */
async function loadUnits(org: OrgConnection, modelId: string, plan: PlanOverview) {
    const [model] = await queryAll<Row>(
        org,
        `SELECT Units_At__c FROM Territory2Model WHERE Id = ${soqlString(modelId)} LIMIT 1`
    );
    const unitsAt = datetime(model?.Units_At__c);
    if (unitsAt === null) return;
    const modelKeys = [modelId, modelId.slice(0, 15)].map(soqlString).join(', ');
    const rows = await queryAll<Row>(
        org,
        'SELECT Postal_Code__c, Segment__c, Latitude__c, Longitude__c, Account_Count__c, ' +
            'Elsewhere_Count__c, Approximate_Accounts__c, Potential__c, Workload__c, ' +
            'Territory_Id__c FROM Territory_Unit__c ' +
            `WHERE Territory_Model_Id__c IN (${modelKeys}) AND Written_At__c = ${unitsAt} ` +
            `ORDER BY Account_Count__c DESC NULLS LAST, Postal_Code__c LIMIT ${MAX_MAP_UNITS + 1}`
    );
    if (rows.length > MAX_MAP_UNITS) {
        plan.unitsTruncated = true;
        rows.pop();
    }
    for (const row of rows) {
        plan.units.push({
            postalCode: (row.Postal_Code__c as string | null) ?? null,
            segment: (row.Segment__c as string | null) ?? null,
            latitude: decimal(row.Latitude__c),
            longitude: decimal(row.Longitude__c),
            accountCount: decimal(row.Account_Count__c),
            elsewhereCount: decimal(row.Elsewhere_Count__c),
            approximateCount: decimal(row.Approximate_Accounts__c),
            potential: decimal(row.Potential__c),
            workload: decimal(row.Workload__c),
            territoryId: (row.Territory_Id__c as string | null) ?? null
        });
    }
    if (plan.units.length > 0) plan.unitsAt = unitsAt;
}

/** The AuraHandledException of a failed read: what could not be read, why, and whom to ask. */
export function noAccess(what: string, cause: unknown): AuraHandledException {
    if (cause instanceof AuraHandledException) return cause;
    return uiError(
        `You cannot read ${what} (${(cause as Error).message}). Ask your admin for the Territory Planner permission set.`
    );
}

function encodeJobId(jobId: unknown): string {
    if (typeof jobId !== 'string' || !JOB_ID_PATTERN.test(jobId)) {
        throw uiError(
            `Job id "${String(jobId ?? 'null')}" is not valid: expected 1 to 64 letters, digits, ":", "-" or "_".`
        );
    }
    return encodeURIComponent(jobId);
}

function toMap(answer: unknown): Record<string, unknown> {
    return answer !== null && typeof answer === 'object' && !Array.isArray(answer)
        ? (answer as Record<string, unknown>)
        : {};
}

export interface PlanControllerContext {
    org: OrgConnection;
    service: ServiceClient;
    /** The running user's custom permissions (what FeatureManagement.checkPermission answers). */
    customPermissions: ReadonlySet<string>;
}

/** The `@AuraEnabled` methods of TerritoryPlanController. */
export function territoryPlanController(
    context: PlanControllerContext
): Record<string, AuraMethod> {
    const { org } = context;
    const permissions = territoryPermissions(context.customPermissions);
    const callService = async (method: string, path: string, body?: unknown) => {
        try {
            return toMap(await context.service(method, path, body));
        } catch (error) {
            if (error instanceof ServiceCallError) throw uiError(error.message);
            throw error;
        }
    };

    return {
        async getModels() {
            permissions.requirePlannerAccess();
            let rows: Row[];
            try {
                rows = await queryAll<Row>(
                    org,
                    'SELECT Id, Name, State FROM Territory2Model ORDER BY Name LIMIT 50'
                );
            } catch (error) {
                throw noAccess('territory models', error);
            }
            const models = rows.map(toModelInfo);
            return [
                ...models.filter((m) => m.state === 'Active'),
                ...models.filter((m) => m.state !== 'Active')
            ];
        },

        async getPlanOverview({ modelId }) {
            permissions.requirePlannerAccess();
            try {
                const model = await loadModel(org, modelId);
                const plan: PlanOverview = {
                    model,
                    territories: [],
                    accounts: [],
                    truncated: false,
                    accountLimit: MAX_MAP_ACCOUNTS,
                    units: [],
                    unitsTruncated: false,
                    unitLimit: MAX_MAP_UNITS,
                    unitsAt: null,
                    readAt: new Date().toISOString()
                };
                const territories = await loadTerritories(org, model.id);
                plan.territories = [...territories.values()];
                await loadReps(org, model.id, territories);
                if (storedAccountCount(plan.territories) > MAX_MAP_ACCOUNTS) {
                    await loadUnits(org, model.id, plan);
                }
                if (plan.units.length === 0) await loadAccounts(org, model.id, plan);
                return plan;
            } catch (error) {
                throw noAccess('the territory plan', error);
            }
        },

        async getScenarios({ modelId }) {
            permissions.requirePlannerAccess();
            const id = requireModelId(modelId);
            const keys = [id, id.slice(0, 15)].map(soqlString).join(', ');
            try {
                const records = await queryAll<Row>(
                    org,
                    'SELECT Id, Name, Status__c, Source__c, Max_Deviation__c, Total_Travel_Km__c, ' +
                        'Accounts_Moved__c, Reps_Affected__c, Summary__c, Job_Id__c, ' +
                        'Applied_By__r.Name, Applied_At__c, Effective_Date__c, CreatedDate, Error__c ' +
                        `FROM Territory_Scenario__c WHERE Territory_Model_Id__c IN (${keys}) ` +
                        'ORDER BY CreatedDate DESC LIMIT 200'
                );
                const csvByScenario = new Map<string, string>();
                const files = await queryByIds<Row>(
                    org,
                    records.map((r) => String(r.Id)),
                    (ids) =>
                        'SELECT Id, FirstPublishLocationId FROM ContentVersion ' +
                        `WHERE FirstPublishLocationId IN (${ids}) AND Title = 'assignments' ` +
                        'AND IsLatest = TRUE'
                );
                for (const file of files) {
                    csvByScenario.set(String(file.FirstPublishLocationId), String(file.Id));
                }
                return records.map((record) => {
                    const csvId = csvByScenario.get(String(record.Id));
                    const appliedBy = record.Applied_By__r as Row | null | undefined;
                    return {
                        id: record.Id,
                        name: record.Name,
                        status: record.Status__c ?? null,
                        source: record.Source__c ?? null,
                        maxDeviation: decimal(record.Max_Deviation__c),
                        totalTravelKm: decimal(record.Total_Travel_Km__c),
                        accountsMoved: decimal(record.Accounts_Moved__c),
                        repsAffected: decimal(record.Reps_Affected__c),
                        summary: record.Summary__c ?? null,
                        jobId: record.Job_Id__c ?? null,
                        appliedByName: appliedBy?.Name ?? null,
                        appliedAt: record.Applied_At__c ?? null,
                        effectiveDate: record.Effective_Date__c ?? null,
                        createdDate: record.CreatedDate ?? null,
                        error: record.Error__c ?? null,
                        assignmentsUrl: csvId
                            ? `/sfc/servlet.shepherd/version/download/${csvId}`
                            : null
                    };
                });
            } catch (error) {
                throw noAccess('territory scenarios', error);
            }
        },

        async getServiceStatus() {
            const status: Record<string, unknown> = {
                reachable: false,
                message: null,
                apiRequestsLimit: null,
                apiRequestsUsed: null,
                checkedAt: new Date().toISOString()
            };
            if (!permissions.canPlan() && !permissions.canApprove()) {
                status.message = PERMISSION_MESSAGES.NO_PLANNER_ACCESS;
                return status;
            }
            try {
                const limits = (await org.limits()) as unknown as Record<
                    string,
                    { Max: number; Remaining: number } | undefined
                >;
                const api = limits.DailyApiRequests;
                if (api) {
                    status.apiRequestsLimit = api.Max;
                    status.apiRequestsUsed = api.Max - api.Remaining;
                }
            } catch {
                // OrgLimits is informational: the planner works without it.
            }
            try {
                await context.service('GET', '/ready');
                status.reachable = true;
                status.message = 'The territory service is ready.';
            } catch (error) {
                status.message = (error as Error).message;
            }
            return status;
        },

        async generateScenario({ requestJson }) {
            permissions.requirePlan();
            if (typeof requestJson !== 'string' || requestJson.trim() === '') {
                throw uiError('The scenario request is empty.');
            }
            let request: unknown;
            try {
                request = JSON.parse(requestJson);
            } catch (error) {
                throw uiError(
                    `The scenario request is not valid JSON: ${(error as Error).message}`
                );
            }
            if (request === null || typeof request !== 'object' || Array.isArray(request)) {
                throw uiError('The scenario request must be a JSON object.');
            }
            const body = request as Record<string, unknown>;
            const modelId = toId(body.modelId, 'modelId');
            if (!isIdOf(modelId, 'Territory2Model')) {
                throw uiError(
                    `modelId ${modelId} is not a territory model id. Choose a territory model first.`
                );
            }
            const name = body.name;
            if (
                name === null ||
                name === undefined ||
                String(name).trim() === '' ||
                String(name).length > 80
            ) {
                throw uiError('Give the scenario a name of 1 to 80 characters.');
            }
            const settings = body.settings;
            if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
                throw uiError(
                    'The scenario request needs "settings" with at least one measure to balance.'
                );
            }
            const balance = (settings as Record<string, unknown>).balance;
            if (!Array.isArray(balance) || balance.length === 0) {
                throw uiError(
                    'Choose at least one measure to balance (for example Potential or Workload).'
                );
            }
            try {
                await loadModel(org, modelId);
            } catch (error) {
                throw noAccess('territory models', error);
            }
            return callService('POST', '/v1/scenarios', body);
        },

        async getJobStatus({ jobId }) {
            permissions.requirePlannerAccess();
            return callService('GET', `/v1/jobs/${encodeJobId(jobId)}`);
        },

        async cancelJob({ jobId }) {
            permissions.requirePlan();
            return callService('DELETE', `/v1/jobs/${encodeJobId(jobId)}`);
        },

        async compareScenarios({ a, b }) {
            permissions.requirePlannerAccess();
            const left = a === 'current' ? 'current' : toId(a, 'a');
            const right = toId(b, 'b');
            return callService('GET', `/v1/scenarios/compare?a=${left}&b=${right}`);
        },

        async getTradeOff({ scenarioId }) {
            permissions.requirePlannerAccess();
            const id = requireScenarioId(scenarioId);
            return callService('GET', `/v1/scenarios/${id}/trade-off`);
        },

        async computeTradeOff({ scenarioId }) {
            permissions.requirePlan();
            const id = requireScenarioId(scenarioId);
            return callService('POST', `/v1/scenarios/${id}/trade-off`, {});
        },

        async approveScenario({ scenarioId, effectiveDate }) {
            permissions.requireApprove();
            const body: Record<string, unknown> = {};
            if (typeof effectiveDate === 'string' && effectiveDate.trim() !== '') {
                if (!/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/.test(effectiveDate))
                    throw uiError(
                        `The effective date must be a date like 2026-12-07 (got "${effectiveDate}").`
                    );
                body.effectiveDate = effectiveDate;
            }
            if (!isIdOf(scenarioId, 'Territory_Scenario__c')) {
                throw uiError(
                    `Choose a scenario to approve (got "${String(scenarioId ?? 'null')}").`
                );
            }
            let rows: Row[];
            try {
                rows = await queryAll<Row>(
                    org,
                    'SELECT Id, Name, Status__c FROM Territory_Scenario__c ' +
                        `WHERE Id = ${soqlString(scenarioId as string)} LIMIT 1`
                );
            } catch (error) {
                throw noAccess('territory scenarios', error);
            }
            const scenario = rows[0];
            if (!scenario) {
                throw uiError(`Scenario ${String(scenarioId)} was not found or you cannot see it.`);
            }
            if (!APPROVABLE.has(String(scenario.Status__c))) {
                throw uiError(
                    `Scenario "${String(scenario.Name)}" is ${String(scenario.Status__c)}; only Ready or Proposed scenarios can be approved (and an Approved one again, to change its effective date).`
                );
            }
            // The service records the approver from the token's subject: the body names no one.
            return callService('POST', `/v1/scenarios/${String(scenarioId)}/approve`, body);
        }
    };
}
