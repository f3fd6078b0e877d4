/**
 * The figures of a plan per territory, computed here and written to the Territory2 fields after
 * each apply and each full pull (the drift review), so the org's pages read one stored row per
 * territory: Apex never sums accounts or opportunities, whose rows count against its 50,000-row
 * query limit (force-app/README.md, "Limits").
 */
import type { PlanMetrics } from '../engine/types.js';
import type { PlanAccount, PlannerGateway, PlanSnapshot, TerritoryFigures } from './gateway.js';
import { currentMap, measuredAccounts, repsOfPlan } from './plan-inputs.js';
import type { PlannerEngine } from './planner-engine.js';
import { refreshTerritoryPerformance } from './territory-performance.js';
import { territoryUnits } from './territory-units.js';

/** KPIs look at opportunities closed in the last this many months (the planner's KPI panel). */
export const KPI_MONTHS = 12;

/** Closed opportunities of one account in the KPI window. */
export interface AccountDeals {
    accountId: string;
    /** won amount */
    sales: number;
    wonDeals: number;
    closedDeals: number;
}

/** First day of the KPI window, YYYY-MM-DD (UTC): `now` minus KPI_MONTHS months. */
export function kpiSince(now: Date): string {
    const since = new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - KPI_MONTHS, now.getUTCDate())
    );
    return since.toISOString().slice(0, 10);
}

// Salesforce ids compare by their case-sensitive 15-character form.
const id15 = (id: string) => id.slice(0, 15);

/**
 * Figures per territory for `territoryIds` under `assignment` (account id → territory id):
 * Potential and Workload summed over the plan's accounts, the account count, the engine's
 * deviation and travel where it measured the territory (a territory without an active rep has
 * neither: 0), and the closed deals of the KPI window. Territories left without accounts get zeros.
 */
export function territoryFigures(
    territoryIds: Iterable<string>,
    accounts: readonly PlanAccount[],
    assignment: ReadonlyMap<string, string>,
    metrics: Pick<PlanMetrics, 'reps'>,
    deals: readonly AccountDeals[]
): TerritoryFigures[] {
    const figures = new Map<string, TerritoryFigures>();
    for (const territoryId of territoryIds)
        figures.set(territoryId, {
            territoryId,
            potential: 0,
            workload: 0,
            accountCount: 0,
            deviation: 0,
            travelKm: 0,
            sales: 0,
            wonDeals: 0,
            closedDeals: 0
        });
    const territoryOf = new Map<string, string>();
    for (const [accountId, territoryId] of assignment)
        territoryOf.set(id15(accountId), territoryId);
    for (const account of accounts) {
        const f = figures.get(territoryOf.get(id15(account.id)) ?? '');
        if (!f) continue;
        f.potential += account.measures.Potential ?? 0;
        f.workload += account.measures.Workload ?? 0;
        f.accountCount += 1;
    }
    for (const rep of metrics.reps) {
        const f = figures.get(rep.repId);
        if (!f) continue;
        f.deviation = rep.deviation;
        f.travelKm = rep.travelKm;
    }
    for (const d of deals) {
        const f = figures.get(territoryOf.get(id15(d.accountId)) ?? '');
        if (!f) continue;
        f.sales += d.sales;
        f.wonDeals += d.wonDeals;
        f.closedDeals += d.closedDeals;
    }
    return [...figures.values()];
}

/**
 * After a full pull: measures the org's current plan over `measures` (unless `metrics` of it are
 * given) and writes every territory's figures, then the model's postal units (territory-units.ts)
 * and, where the gateway writes them, its quarterly performance rows (territory-performance.ts). Deals count by the org's associations, which also
 * hold the accounts a plan leaves out (no coordinates). Returns the metrics.
 */
export async function refreshTerritoryFigures(
    gateway: Pick<
        PlannerGateway,
        | 'currentAssignments'
        | 'closedDeals'
        | 'updateTerritoryFigures'
        | 'replaceTerritoryUnits'
        | 'performanceFacts'
        | 'writeTerritoryPerformance'
    >,
    engine: Pick<PlannerEngine, 'measurePlan'>,
    snapshot: PlanSnapshot,
    measures: string[],
    metrics?: PlanMetrics
): Promise<PlanMetrics> {
    const assignment = currentMap(snapshot);
    const measured =
        metrics ??
        engine.measurePlan(
            measuredAccounts(snapshot),
            repsOfPlan(snapshot, assignment),
            assignment,
            measures
        );
    const [inOrg, deals] = await Promise.all([
        gateway.currentAssignments(snapshot.modelId),
        gateway.closedDeals(kpiSince(new Date()))
    ]);
    await gateway.updateTerritoryFigures(
        territoryFigures(
            snapshot.territories.map((t) => t.id),
            snapshot.accounts,
            inOrg,
            measured,
            deals
        )
    );
    // The plan per postal unit, for the map of models too large to send account by account.
    await gateway.replaceTerritoryUnits(
        snapshot.modelId,
        territoryUnits(snapshot.accounts, inOrg).units
    );
    // The quarters of the Performance dashboard (territory-performance.ts), where the gateway
    // writes them.
    const { performanceFacts, writeTerritoryPerformance } = gateway;
    if (performanceFacts && writeTerritoryPerformance)
        await refreshTerritoryPerformance(
            {
                performanceFacts: performanceFacts.bind(gateway),
                writeTerritoryPerformance: writeTerritoryPerformance.bind(gateway)
            },
            snapshot.modelId,
            snapshot.territories.map((t) => t.id),
            inOrg,
            measured
        );
    return measured;
}
