/**
 * The Salesforce side of the performance rows (territory-performance.ts): reading opportunities,
 * tasks, events and quotas, and upserting Territory_Performance__c. REST below the gateway's bulk
 * threshold, Bulk API 2.0 above it, like the other reads and writes of the service.
 */
import { SalesforceError, soqlString, type SalesforceGateway } from '../salesforce/index.js';
import type {
    PerformanceActivity,
    PerformanceFacts,
    TerritoryPerformance
} from './territory-performance.js';

type Row = Record<string, unknown>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Bulk CSV answers carry every value as text, and '' for null.
const bool = (value: unknown) => value === true || value === 'true';
const num = (value: unknown) => {
    const n = typeof value === 'number' ? value : Number(value);
    return value === '' || value === null || value === undefined || !Number.isFinite(n) ? 0 : n;
};
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** All rows of a query, REST or Bulk API 2.0 by its count. */
async function readAll(sf: SalesforceGateway, select: string, from: string): Promise<Row[]> {
    const expected = await sf.client.count(`SELECT COUNT() ${from}`);
    return expected === 0 ? [] : sf.client.read(`${select} ${from}`, expected);
}

/**
 * Opportunities open now or closed on or after `since`, tasks and events of an account dated on
 * or after it, and the annual quota of each territory of the model.
 */
export async function readPerformanceFacts(
    sf: SalesforceGateway,
    modelId: string,
    since: string
): Promise<PerformanceFacts> {
    if (!DATE.test(since)) throw new Error(`since must be a date YYYY-MM-DD, got "${since}"`);
    const deals = (
        await readAll(
            sf,
            'SELECT AccountId, Amount, IsClosed, IsWon, CloseDate, CreatedDate',
            `FROM Opportunity WHERE AccountId != null AND (IsClosed = false OR CloseDate >= ${since})`
        )
    ).map((r) => ({
        accountId: text(r.AccountId),
        amount: num(r.Amount),
        isClosed: bool(r.IsClosed),
        isWon: bool(r.IsWon),
        closeDate: text(r.CloseDate),
        createdDate: text(r.CreatedDate)
    }));
    const activities: PerformanceActivity[] = [];
    for (const [object, kind] of [
        ['Task', 'task'],
        ['Event', 'event']
    ] as const) {
        for (const r of await readAll(
            sf,
            'SELECT AccountId, ActivityDate',
            `FROM ${object} WHERE AccountId != null AND ActivityDate >= ${since}`
        ))
            activities.push({ accountId: text(r.AccountId), kind, date: text(r.ActivityDate) });
    }
    const quotas = new Map<string, number>();
    for (const r of await sf.client.queryRest(
        `SELECT Id, Quota__c FROM Territory2 WHERE Territory2ModelId = ${soqlString(modelId)}`
    ))
        if (r.Quota__c !== null && r.Quota__c !== '' && r.Quota__c !== undefined)
            quotas.set(text(r.Id), num(r.Quota__c));
    return { deals, activities, quotas };
}

/**
 * Upserts the rows on Key__c (territory id, 15 characters, and quarter), so a territory has one
 * row per quarter and a rerun replaces it. Two figures are snapshots of their quarter and are not
 * restated: Deviation__c is sent only where the row carries one (the current quarter), and
 * Quota__c only for the current quarter and for rows that have none stored yet, so a past
 * quarter keeps the quota that applied then.
 */
export async function writeTerritoryPerformance(
    sf: SalesforceGateway,
    modelId: string,
    rows: readonly TerritoryPerformance[]
): Promise<void> {
    if (rows.length === 0) return;
    const writtenAt = new Date().toISOString();
    const current = rows.reduce((max, r) => (r.quarter > max ? r.quarter : max), '');
    const keyOf = (r: TerritoryPerformance) => `${r.territoryId.slice(0, 15)}-${r.quarter}`;
    const modelKeys = `${soqlString(modelId)}, ${soqlString(modelId.slice(0, 15))}`;
    const withQuota = new Set(
        (
            await readAll(
                sf,
                'SELECT Key__c',
                `FROM Territory_Performance__c WHERE Territory_Model_Id__c IN (${modelKeys}) AND Quota__c != null`
            )
        ).map((r) => text(r.Key__c))
    );
    // A Bulk API 2.0 job takes one column set, and a column left out leaves the stored value:
    // one upsert per set of columns.
    const byColumns = new Map<string, Row[]>();
    for (const r of rows) {
        const record: Row = {
            Name: `${r.quarter} ${r.territoryId.slice(0, 15)}`,
            Key__c: keyOf(r),
            Territory_Id__c: r.territoryId,
            Territory_Model_Id__c: modelId,
            Quarter__c: r.quarter,
            Quarter_Start__c: r.quarterStart,
            Sales__c: r.sales,
            Won_Deals__c: r.wonDeals,
            Closed_Deals__c: r.closedDeals,
            Open_Deals__c: r.openDeals,
            Pipeline__c: r.pipeline,
            Cycle_Days__c: r.cycleDays,
            Tasks__c: r.tasks,
            Events__c: r.events,
            Written_At__c: writtenAt
        };
        if (r.quarter === current || !withQuota.has(keyOf(r))) record.Quota__c = r.quota;
        // Percent field: 5.25 means 5.25 %.
        if (r.deviation !== undefined) record.Deviation__c = Math.round(r.deviation * 10000) / 100;
        const columns = Object.keys(record).join(',');
        byColumns.set(columns, [...(byColumns.get(columns) ?? []), record]);
    }
    for (const batch of byColumns.values()) {
        const outcomes = await sf.client.dml('upsert', 'Territory_Performance__c', batch, {
            externalIdField: 'Key__c'
        });
        const failed = outcomes.find((o) => !o.ok);
        if (failed && !failed.ok)
            throw new SalesforceError(
                `Territory performance of model ${modelId} not written: ${failed.message}`,
                failed.errorCode
            );
    }
}
