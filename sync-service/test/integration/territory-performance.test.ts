/**
 * The quarterly performance rows written to the local org through jsforce, as after a drift
 * review: the sample org with its sales history (`activity`), the service's figure step, then
 * every Territory_Performance__c row checked against the org's own opportunities, tasks and
 * events; a second run over Bulk API 2.0 upserts the same rows (no duplicates), restates the
 * figures and keeps the snapshots of past quarters (quota, deviation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurePlan } from '../../src/engine/index.js';
import { plannerGatewayOver } from '../../src/jobs/salesforce-adapter.js';
import { refreshTerritoryFigures } from '../../src/jobs/territory-figures.js';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { connectSalesforce } from '../../src/salesforce/index.js';

type Row = Record<string, unknown>;
const DAY_MS = 86_400_000;

describe('territory performance in the org', () => {
    let org: LocalOrg;
    beforeAll(async () => {
        org = await startLocalOrg({ accounts: 1200, reps: 8, seed: 5, activity: true });
    });
    afterAll(() => org.close());

    const gatewayWith = (bulkThreshold: number) =>
        plannerGatewayOver(() =>
            connectSalesforce({
                loginUrl: org.credentials.loginUrl,
                clientId: org.credentials.clientId,
                clientSecret: org.credentials.clientSecret,
                apiVersion: org.credentials.apiVersion,
                bulkThreshold,
                // The local org finishes a job in ~50 ms: poll it often.
                bulk: { pollIntervalMs: 20 }
            })
        );
    const quarterOf = (date: string) =>
        `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    const day = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`);

    /** Brute force over the store: the figures of one territory in one quarter. */
    function expected(territoryId: string, quarter: string, now: number) {
        const accounts = new Set(
            [...org.store.all('ObjectTerritory2Association')]
                .filter((l) => l.Territory2Id === territoryId)
                .map((l) => String(l.ObjectId))
        );
        const year = Number(quarter.slice(0, 4));
        const q = Number(quarter.slice(6));
        const end = Date.UTC(year, q * 3, 1);
        const at = Math.min(now, end - 1);
        let sales = 0;
        let won = 0;
        let closed = 0;
        let open = 0;
        let pipeline = 0;
        for (const o of org.store.all('Opportunity')) {
            if (!accounts.has(String(o.AccountId))) continue;
            const close = String(o.CloseDate);
            if (o.IsClosed && quarterOf(close) === quarter) {
                closed++;
                if (o.IsWon) {
                    won++;
                    sales += Number(o.Amount);
                }
            }
            const closedAt = o.IsClosed ? day(close) + DAY_MS - 1 : Infinity;
            if (day(String(o.CreatedDate)) <= at && closedAt > at) {
                open++;
                pipeline += Number(o.Amount);
            }
        }
        const count = (object: string) =>
            [...org.store.all(object)].filter(
                (a) =>
                    accounts.has(String(a.AccountId)) &&
                    quarterOf(String(a.ActivityDate)) === quarter
            ).length;
        return { sales, won, closed, open, pipeline, tasks: count('Task'), events: count('Event') };
    }

    const performanceRows = () => [...org.store.all('Territory_Performance__c')] as Row[];

    it('writes eight quarters per territory that match the org, then upserts them', async () => {
        const gateway = gatewayWith(10_000);
        const modelId = await gateway.activeModelId();
        const started = Date.now();
        await refreshTerritoryFigures(gateway, { measurePlan }, await gateway.pullPlan(modelId), [
            'Potential'
        ]);
        const rows = performanceRows();
        const territories = new Set(rows.map((r) => String(r.Territory_Id__c)));
        const quarters = [...new Set(rows.map((r) => String(r.Quarter__c)))].sort();
        expect(quarters).toHaveLength(8);
        expect(quarters[7]).toBe(quarterOf(new Date(started).toISOString()));
        expect(territories.size).toBe(8);
        expect(rows).toHaveLength(64);
        for (const row of rows) {
            const key = `${String(row.Territory_Id__c)} ${String(row.Quarter__c)}`;
            const e = expected(String(row.Territory_Id__c), String(row.Quarter__c), started);
            expect(row.Territory_Model_Id__c, key).toBe(modelId);
            expect(row.Sales__c as number, key).toBeCloseTo(e.sales, 2);
            expect(row.Won_Deals__c, key).toBe(e.won);
            expect(row.Closed_Deals__c, key).toBe(e.closed);
            expect(row.Open_Deals__c, key).toBe(e.open);
            expect(row.Pipeline__c as number, key).toBeCloseTo(e.pipeline, 2);
            expect(row.Tasks__c, key).toBe(e.tasks);
            expect(row.Events__c, key).toBe(e.events);
            const quota = org.store.get(String(row.Territory_Id__c))!.Quota__c as number;
            expect(row.Quota__c as number, key).toBeCloseTo(quota / 4, 2);
        }
        // The sample history fills every quarter with sales and activity.
        for (const quarter of quarters) {
            const inQuarter = rows.filter((r) => r.Quarter__c === quarter);
            expect(
                inQuarter.reduce((s, r) => s + Number(r.Sales__c), 0),
                quarter
            ).toBeGreaterThan(0);
            expect(
                inQuarter.reduce((s, r) => s + Number(r.Tasks__c), 0),
                quarter
            ).toBeGreaterThan(0);
        }
        // The deviation snapshot of the current quarter is Territory2's.
        for (const row of rows.filter((r) => r.Quarter__c === quarters[7]))
            expect(row.Deviation__c).toBe(org.store.get(String(row.Territory_Id__c))!.Deviation__c);
        expect(rows.filter((r) => r.Quarter__c !== quarters[7] && r.Deviation__c !== null)).toEqual(
            []
        );

        // A past quarter keeps its snapshots; its figures are restated; the current quarter's
        // quota follows Territory2. The second run goes through Bulk API 2.0.
        const past = rows.find((r) => r.Quarter__c === quarters[3])!;
        const current = rows.find(
            (r) => r.Quarter__c === quarters[7] && r.Territory_Id__c === past.Territory_Id__c
        )!;
        const sales = past.Sales__c;
        org.store.update('Territory_Performance__c', past.Id, {
            Deviation__c: 7.25,
            Quota__c: 1234,
            Sales__c: 0
        });
        org.store.update('Territory2', past.Territory_Id__c, { Quota__c: 800_000 });
        const ids = new Set(rows.map((r) => String(r.Id)));
        const bulk = gatewayWith(10);
        await refreshTerritoryFigures(bulk, { measurePlan }, await bulk.pullPlan(modelId), [
            'Potential'
        ]);
        const again = performanceRows();
        expect(again).toHaveLength(64);
        expect(again.every((r) => ids.has(String(r.Id)))).toBe(true);
        const pastAgain = org.store.get(String(past.Id))!;
        expect(pastAgain.Deviation__c).toBe(7.25);
        expect(pastAgain.Quota__c).toBe(1234);
        expect(pastAgain.Sales__c).toBe(sales);
        expect(org.store.get(String(current.Id))!.Quota__c).toBe(200_000);
    });
});
