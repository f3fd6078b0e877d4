/**
 * TerritoryPlanController.cls in JS, for the sandbox: the same permission checks first
 * (TerritoryPermissions), the same queries (REST SOQL against the org instead of user-mode Apex
 * SOQL), the same answers and the same AuraHandledException messages; service calls go through
 * the sandbox's Named Credential stand-in.
 */
import type { OrgConnection } from '../org-client.js';
import { queryAll, soqlString } from '../org-client.js';
import type { ServiceClient } from '../service-client.js';
import { ServiceCallError } from '../service-client.js';
import { AuraHandledException, type AuraMethod } from './aura.js';
import { PERMISSION_MESSAGES, territoryPermissions } from './permissions.js';
import { decimal, isIdOf, queryByIds, queryModelReps, setScale, toId } from './soql-helpers.js';

// The limits of the Apex class (see TerritoryPlanController.cls for their reasons).
const MAX_MAP_ACCOUNTS = 10_000;
const MAX_TERRITORIES = 1000;
const JOB_ID_PATTERN = /^[A-Za-z0-9:_-]{1,64}$/;
const APPROVABLE = new Set(['Ready', 'Proposed']);
const KPI_MONTHS = 12;
const EARTH_RADIUS_KM = 6371.0088;
const TRAVEL_ROLES = ['Owner', 'Sales Rep'];

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

interface Kpis {
    sales: number;
    wonDeals: number;
    closedDeals: number;
    quotaAttainment: number | null;
    averageDealSize: number | null;
    winRate: number | null;
    velocityPerMonth: number | null;
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
    locked: boolean;
    territoryId: string | undefined;
}

export interface PlanOverview {
    model: ModelInfo;
    territories: TerritoryInfo[];
    accounts: AccountPoint[];
    truncated: boolean;
    accountLimit: number;
    figuresSource: 'live' | 'stored';
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
            'Account_Count__c, Deviation__c, Travel_Km__c, Quota__c FROM Territory2 ' +
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
            reps: [],
            kpis: {
                sales: 0,
                wonDeals: 0,
                closedDeals: 0,
                quotaAttainment: null,
                averageDealSize: null,
                winRate: null,
                velocityPerMonth: null
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
    const rows = await queryModelReps(org, modelId);
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
            'SELECT Id, Name, BillingLatitude, BillingLongitude, Territory_Potential__c, ' +
            'Territory_Workload__c, Territory_Segment__c, Territory_Locked__c FROM Account ' +
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
            locked: row.Territory_Locked__c === true,
            territoryId: territoryByAccount.get(String(row.Id))
        });
    }
}

function sumFiguresFromAccounts(plan: PlanOverview, territories: Map<string, TerritoryInfo>) {
    for (const territory of territories.values()) {
        territory.potential = 0;
        territory.workload = 0;
        territory.accountCount = 0;
    }
    for (const point of plan.accounts) {
        const territory = point.territoryId ? territories.get(point.territoryId) : undefined;
        if (!territory) continue;
        // Apex sums Decimals exactly; keep the fields' two decimals instead of float noise.
        territory.potential = setScale((territory.potential ?? 0) + (point.potential ?? 0), 2);
        territory.workload = setScale((territory.workload ?? 0) + (point.workload ?? 0), 2);
        territory.accountCount = (territory.accountCount ?? 0) + 1;
    }
    plan.figuresSource = 'live';
}

/**
 * Travel as the design card defines it, for the live figures: per territory, the sum of the
 * great-circle km from each account to its rep's home, or to the territory's centroid when no rep
 * has a home. Accounts without coordinates are left out, as the service leaves them out of a plan.
 */
function sumTravelFromAccounts(plan: PlanOverview, territories: Map<string, TerritoryInfo>) {
    const located = new Map<string, AccountPoint[]>();
    for (const territory of territories.values()) located.set(territory.id, []);
    for (const point of plan.accounts) {
        const points = point.territoryId ? located.get(point.territoryId) : undefined;
        if (!points || point.latitude === null || point.longitude === null) continue;
        points.push(point);
    }
    for (const territory of territories.values()) {
        const points = located.get(territory.id) ?? [];
        const home = travelHome(territory);
        let homeLatitude = 0;
        let homeLongitude = 0;
        if (home) {
            homeLatitude = home.homeLatitude!;
            homeLongitude = home.homeLongitude!;
        } else if (points.length > 0) {
            let sumLatitude = 0;
            let sumLongitude = 0;
            for (const point of points) {
                sumLatitude += point.latitude!;
                sumLongitude += point.longitude!;
            }
            homeLatitude = sumLatitude / points.length;
            homeLongitude = sumLongitude / points.length;
        }
        let km = 0;
        for (const point of points) {
            km += haversineKm(point.latitude!, point.longitude!, homeLatitude, homeLongitude);
        }
        // Travel_Km__c keeps one decimal.
        territory.travelKm = setScale(km, 1);
    }
}

/** The rep travel is measured from: the first active Owner, else Sales Rep, with a home. */
function travelHome(territory: TerritoryInfo): RepInfo | undefined {
    for (const role of TRAVEL_ROLES) {
        const rep = territory.reps.find(
            (r) =>
                r.role === role && r.isActive && r.homeLatitude !== null && r.homeLongitude !== null
        );
        if (rep) return rep;
    }
    return undefined;
}

/** Great-circle distance in km between two points in degrees (haversine). */
function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
    const toRadians = Math.PI / 180;
    const dLat = (lat2 - lat1) * toRadians;
    const dLon = (lon2 - lon1) * toRadians;
    const a =
        Math.sin(dLat / 2) * Math.sin(dLat / 2) +
        Math.cos(lat1 * toRadians) *
            Math.cos(lat2 * toRadians) *
            Math.sin(dLon / 2) *
            Math.sin(dLon / 2);
    // Rounding can push the root a hair above 1, where asin is undefined.
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(Math.sqrt(a), 1));
}

async function loadKpis(
    org: OrgConnection,
    plan: PlanOverview,
    territories: Map<string, TerritoryInfo>,
    today: Date
) {
    const territoryByAccount = new Map(plan.accounts.map((p) => [p.id, p.territoryId]));
    const since = new Date(
        Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - KPI_MONTHS, today.getUTCDate())
    )
        .toISOString()
        .slice(0, 10);
    const rows = await queryByIds<Row>(
        org,
        [...territoryByAccount.keys()],
        (ids) =>
            'SELECT AccountId, IsWon, COUNT(Id) deals, SUM(Amount) amount FROM Opportunity ' +
            `WHERE AccountId IN (${ids}) AND IsClosed = TRUE AND CloseDate >= ${since} ` +
            'GROUP BY AccountId, IsWon'
    );
    for (const row of rows) {
        const territoryId = territoryByAccount.get(String(row.AccountId));
        const territory = territoryId ? territories.get(territoryId) : undefined;
        if (!territory) continue;
        const deals = Number(row.deals ?? 0);
        territory.kpis.closedDeals += deals;
        if (row.IsWon === true) {
            territory.kpis.wonDeals += deals;
            territory.kpis.sales += decimal(row.amount) ?? 0;
        }
    }
    for (const territory of territories.values()) {
        const kpis = territory.kpis;
        kpis.velocityPerMonth = setScale(kpis.sales / KPI_MONTHS, 2);
        if (kpis.wonDeals > 0) kpis.averageDealSize = setScale(kpis.sales / kpis.wonDeals, 2);
        if (kpis.closedDeals > 0) kpis.winRate = setScale(kpis.wonDeals / kpis.closedDeals, 4);
        if (territory.quota !== null && territory.quota > 0) {
            kpis.quotaAttainment = setScale(kpis.sales / territory.quota, 4);
        }
    }
}

function noAccess(what: string, cause: unknown): AuraHandledException {
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
    /** Today, for the KPI window (tests pin it). */
    now?: () => Date;
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
                    figuresSource: 'stored',
                    readAt: new Date().toISOString()
                };
                const territories = await loadTerritories(org, model.id);
                plan.territories = [...territories.values()];
                await loadReps(org, model.id, territories);
                await loadAccounts(org, model.id, plan);
                if (!plan.truncated) {
                    sumFiguresFromAccounts(plan, territories);
                    sumTravelFromAccounts(plan, territories);
                }
                await loadKpis(org, plan, territories, context.now?.() ?? new Date());
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
                        'Applied_By__r.Name, Applied_At__c, CreatedDate, Error__c ' +
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

        async approveScenario({ scenarioId }) {
            permissions.requireApprove();
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
                    `Scenario "${String(scenario.Name)}" is ${String(scenario.Status__c)}; only Ready or Proposed scenarios can be approved.`
                );
            }
            // The service records the approver from the token's subject: the body names no one.
            return callService('POST', `/v1/scenarios/${String(scenarioId)}/approve`, {});
        }
    };
}
