/**
 * Performance per territory per calendar quarter (the Territory_Performance__c rows the org's
 * Performance dashboard, c-territory-performance, reads): sales, won and closed deals, open
 * pipeline at the quarter's end, average sales-cycle days, tasks and events, the quarter's quota
 * and a snapshot of the territory's deviation. Computed here from the org's opportunities and
 * activities and written with the territory figures (territory-figures.ts), so Apex reads at most
 * one stored row per territory and quarter and never sums opportunities or activities, whose
 * rows count against its 50,000-row query limit (force-app/README.md, "Figures and limits").
 *
 * Deals and activities count for the territory their account is in today: past quarters are
 * restated under today's alignment, so the trend of a territory compares like with like.
 */
import type { PlanMetrics } from '../engine/types.js';

/** Quarters the service (re)computes on every run: the current one and the seven before it. */
export const PERFORMANCE_QUARTERS = 8;

const DAY_MS = 86_400_000;

/** One calendar quarter: `2026-Q3`, first day, and the first day of the next quarter (UTC). */
export interface Quarter {
    quarter: string;
    /** YYYY-MM-DD, inclusive */
    start: string;
    /** YYYY-MM-DD, exclusive (the next quarter's first day) */
    end: string;
}

/** An opportunity as the job reads it (the org's Opportunity fields). */
export interface PerformanceDeal {
    accountId: string;
    amount: number;
    isClosed: boolean;
    isWon: boolean;
    /** YYYY-MM-DD */
    closeDate: string;
    /** ISO date-time (or date) */
    createdDate: string;
}

/** A Task or Event of an account, on its activity date. */
export interface PerformanceActivity {
    accountId: string;
    kind: 'task' | 'event';
    /** YYYY-MM-DD */
    date: string;
}

/** What the job reads from the org (PlannerGateway.performanceFacts). */
export interface PerformanceFacts {
    /** Opportunities open now or closed on or after the window's first day. */
    deals: PerformanceDeal[];
    /** Tasks and events dated on or after the window's first day. */
    activities: PerformanceActivity[];
    /** Territory id → annual quota (Territory2.Quota__c), when set. */
    quotas: Map<string, number>;
}

/** One Territory_Performance__c row. */
export interface TerritoryPerformance {
    territoryId: string;
    quarter: string;
    /** First day of the quarter, YYYY-MM-DD. */
    quarterStart: string;
    /** Won amount of deals closed in the quarter. */
    sales: number;
    wonDeals: number;
    closedDeals: number;
    /** Opportunities open at the quarter's end (today for the current quarter) and their amount. */
    openDeals: number;
    pipeline: number;
    /** Mean days from creation to close of the quarter's won deals; null without won deals. */
    cycleDays: number | null;
    tasks: number;
    events: number;
    /**
     * The quarter's share of the annual quota (a quarter of it); null when none is set. Written for
     * the current quarter and for rows without one: a past quarter keeps the quota of its time.
     */
    quota: number | null;
    /**
     * The territory's deviation (fraction) when the row is written, for the current quarter only:
     * past quarters keep the value stored while they were current (undefined: leave it).
     */
    deviation?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The quarter holding a date (YYYY-MM-DD or an ISO date-time), as `YYYY-Qn`. */
export function quarterOf(date: string): string {
    const year = Number(date.slice(0, 4));
    const month = Number(date.slice(5, 7));
    if (!Number.isInteger(year) || !(month >= 1 && month <= 12))
        throw new Error(`quarterOf: "${date}" is not a date YYYY-MM-DD`);
    return `${year}-Q${Math.ceil(month / 3)}`;
}

/** The `count` calendar quarters ending with the one holding `now`, oldest first. */
export function recentQuarters(now: Date, count = PERFORMANCE_QUARTERS): Quarter[] {
    const quarters: Quarter[] = [];
    const current = Math.floor(now.getUTCMonth() / 3);
    for (let back = count - 1; back >= 0; back--) {
        const index = now.getUTCFullYear() * 4 + current - back;
        const year = Math.floor(index / 4);
        const q = index % 4;
        const nextYear = Math.floor((index + 1) / 4);
        const nextQ = (index + 1) % 4;
        quarters.push({
            quarter: `${year}-Q${q + 1}`,
            start: `${year}-${pad(q * 3 + 1)}-01`,
            end: `${nextYear}-${pad(nextQ * 3 + 1)}-01`
        });
    }
    return quarters;
}

// Salesforce ids compare by their case-sensitive 15-character form.
const id15 = (id: string) => id.slice(0, 15);
const dayMs = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`);

/**
 * The rows of those of `territoryIds` that hold accounts in `assignment`, for `quarters` (oldest
 * first; the last is the current one, measured up to `now`), with deals and activities counted for their account's territory in `assignment`
 * (account id → territory id; accounts in no territory, or in two, count for none).
 */
export function territoryPerformance(
    territoryIds: Iterable<string>,
    quarters: readonly Quarter[],
    assignment: ReadonlyMap<string, string>,
    facts: PerformanceFacts,
    now: Date,
    metrics?: Pick<PlanMetrics, 'reps'>
): TerritoryPerformance[] {
    const deviationOf = new Map(metrics?.reps.map((r) => [r.repId, r.deviation]) ?? []);
    const current = quarters[quarters.length - 1]?.quarter;
    const rows = new Map<string, TerritoryPerformance>();
    const cycleSums = new Map<TerritoryPerformance, number>();
    const territories: string[] = [];
    // Territories that hold accounts (parents of a hierarchy hold none: nothing to show).
    const holding = new Set(assignment.values());
    for (const territoryId of territoryIds) {
        if (!holding.has(territoryId)) continue;
        territories.push(territoryId);
        const annual = facts.quotas.get(territoryId);
        for (const q of quarters) {
            const row: TerritoryPerformance = {
                territoryId,
                quarter: q.quarter,
                quarterStart: q.start,
                sales: 0,
                wonDeals: 0,
                closedDeals: 0,
                openDeals: 0,
                pipeline: 0,
                cycleDays: null,
                tasks: 0,
                events: 0,
                quota: annual === undefined ? null : Math.round((annual / 4) * 100) / 100
            };
            if (q.quarter === current && deviationOf.has(territoryId))
                row.deviation = deviationOf.get(territoryId)!;
            rows.set(`${territoryId}|${q.quarter}`, row);
            cycleSums.set(row, 0);
        }
    }
    const territoryOf = new Map<string, string>();
    for (const [accountId, territoryId] of assignment)
        territoryOf.set(id15(accountId), territoryId);
    const rowOf = (accountId: string, quarter: string) =>
        rows.get(`${territoryOf.get(id15(accountId)) ?? ''}|${quarter}`);

    // Pipeline is measured at each quarter's end, today for the current quarter.
    const nowMs = now.getTime();
    const snapshots = quarters.map((q) => ({
        quarter: q.quarter,
        at: Math.min(nowMs, dayMs(q.end) - 1)
    }));
    for (const deal of facts.deals) {
        if (deal.isClosed) {
            const row = rowOf(deal.accountId, quarterOf(deal.closeDate));
            if (row) {
                row.closedDeals += 1;
                if (deal.isWon) {
                    row.wonDeals += 1;
                    row.sales += deal.amount;
                    const days = Math.max(
                        0,
                        (dayMs(deal.closeDate) - dayMs(deal.createdDate)) / DAY_MS
                    );
                    cycleSums.set(row, cycleSums.get(row)! + days);
                }
            }
        }
        const created = dayMs(deal.createdDate);
        // A closed deal was open until the end of its close date.
        const closed = deal.isClosed ? dayMs(deal.closeDate) + DAY_MS - 1 : Infinity;
        for (const s of snapshots) {
            if (created > s.at || closed <= s.at) continue;
            const row = rowOf(deal.accountId, s.quarter);
            if (!row) break;
            row.openDeals += 1;
            row.pipeline += deal.amount;
        }
    }
    for (const activity of facts.activities) {
        const row = rowOf(activity.accountId, quarterOf(activity.date));
        if (!row) continue;
        if (activity.kind === 'task') row.tasks += 1;
        else row.events += 1;
    }
    for (const [row, days] of cycleSums) {
        row.sales = Math.round(row.sales * 100) / 100;
        row.pipeline = Math.round(row.pipeline * 100) / 100;
        if (row.wonDeals > 0) row.cycleDays = Math.round((days / row.wonDeals) * 10) / 10;
    }
    return territories.flatMap((t) => quarters.map((q) => rows.get(`${t}|${q.quarter}`)!));
}

/**
 * Reads the facts of the last PERFORMANCE_QUARTERS quarters and writes every territory's rows
 * (Territory_Performance__c, upserted by territory and quarter). `metrics` (the measured current
 * plan) gives the current quarter's deviation snapshot. Returns the rows written.
 */
export async function refreshTerritoryPerformance(
    gateway: {
        performanceFacts(modelId: string, since: string): Promise<PerformanceFacts>;
        writeTerritoryPerformance(
            modelId: string,
            rows: readonly TerritoryPerformance[]
        ): Promise<void>;
    },
    modelId: string,
    territoryIds: readonly string[],
    assignment: ReadonlyMap<string, string>,
    metrics?: Pick<PlanMetrics, 'reps'>,
    now = new Date()
): Promise<TerritoryPerformance[]> {
    const quarters = recentQuarters(now);
    const facts = await gateway.performanceFacts(modelId, quarters[0]!.start);
    const rows = territoryPerformance(territoryIds, quarters, assignment, facts, now, metrics);
    await gateway.writeTerritoryPerformance(modelId, rows);
    return rows;
}
