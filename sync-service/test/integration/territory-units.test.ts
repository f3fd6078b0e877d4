/**
 * The plan per postal unit written to the local org through jsforce, as after a drift review:
 * one Territory_Unit__c row per postal code and segment with the sums of its accounts, replaced
 * (not added to) by the next write, over sObject Collections and over Bulk API 2.0; the model
 * names the set in use (Territory2Model.Units_At__c).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurePlan } from '../../src/engine/index.js';
import { plannerGatewayOver } from '../../src/jobs/salesforce-adapter.js';
import { refreshTerritoryFigures } from '../../src/jobs/territory-figures.js';
import { unitPostalCode } from '../../src/jobs/territory-units.js';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { connectSalesforce } from '../../src/salesforce/index.js';

type StoredRow = Record<string, unknown>;

describe('territory units in the org', () => {
    let org: LocalOrg;
    beforeAll(async () => {
        org = await startLocalOrg({ accounts: 1500, reps: 8, seed: 3 });
    });
    afterAll(() => org.close());

    const gatewayWith = (bulkThreshold: number) =>
        plannerGatewayOver(() =>
            connectSalesforce({
                loginUrl: org.credentials.loginUrl,
                clientId: org.credentials.clientId,
                clientSecret: org.credentials.clientSecret,
                apiVersion: org.credentials.apiVersion,
                bulkThreshold
            })
        );
    const unitRows = (modelId: string) =>
        [...org.store.all('Territory_Unit__c')].filter(
            (r) => r.Territory_Model_Id__c === modelId
        ) as StoredRow[];

    /** What the rows must say, from the org's own accounts and associations. */
    function expectedUnits(modelId: string) {
        const territories = new Set(
            [...org.store.all('Territory2')]
                .filter((t) => t.Territory2ModelId === modelId)
                .map((t) => String(t.Id))
        );
        const territoryOf = new Map<string, string>();
        for (const link of org.store.all('ObjectTerritory2Association'))
            if (territories.has(String(link.Territory2Id)))
                territoryOf.set(String(link.ObjectId), String(link.Territory2Id));
        const units = new Map<
            string,
            { count: number; potential: number; territories: Map<string, number> }
        >();
        for (const a of org.store.all('Account')) {
            if (typeof a.BillingLatitude !== 'number') continue;
            const postal = unitPostalCode((a.BillingPostalCode as string | null) ?? undefined);
            if (!postal) continue;
            const key = `${String(a.Territory_Segment__c ?? '')}|${postal}`;
            const u = units.get(key) ?? { count: 0, potential: 0, territories: new Map() };
            u.count += 1;
            u.potential += Number(a.Territory_Potential__c ?? 0);
            const t = territoryOf.get(String(a.Id)) ?? '';
            u.territories.set(t, (u.territories.get(t) ?? 0) + 1);
            units.set(key, u);
        }
        return units;
    }

    function expectRowsMatch(modelId: string) {
        const expected = expectedUnits(modelId);
        const rows = unitRows(modelId);
        expect(rows.length).toBe(expected.size);
        // One set, and the model names it (Apex reads the set the model names).
        const stamps = new Set(rows.map((r) => Date.parse(String(r.Written_At__c))));
        expect([...stamps]).toEqual([Date.parse(String(org.store.get(modelId)!.Units_At__c))]);
        for (const row of rows) {
            const key = `${String(row.Segment__c ?? '')}|${String(row.Postal_Code__c)}`;
            const e = expected.get(key);
            expect(e, key).toBeDefined();
            expect(row.Account_Count__c, key).toBe(e!.count);
            expect(row.Potential__c as number).toBeCloseTo(e!.potential, 1);
            const most = Math.max(...[...e!.territories].filter(([t]) => t).map(([, n]) => n));
            expect(e!.territories.get(String(row.Territory_Id__c)), key).toBe(most);
            expect(row.Elsewhere_Count__c, key).toBe(e!.count - most);
            expect(typeof row.Latitude__c).toBe('number');
        }
        return rows;
    }

    it('writes one row per unit after a full pull, and replaces them on the next', async () => {
        const gateway = gatewayWith(10_000);
        const modelId = await gateway.activeModelId();
        await refreshTerritoryFigures(gateway, { measurePlan }, await gateway.pullPlan(modelId), [
            'Potential'
        ]);
        const first = expectRowsMatch(modelId);
        expect(first.length).toBeGreaterThan(50);
        const accounts = first.reduce((s, r) => s + Number(r.Account_Count__c), 0);
        const territoryTotal = [...org.store.all('Territory2')]
            .filter((t) => t.Territory2ModelId === modelId)
            .reduce((s, t) => s + Number(t.Account_Count__c ?? 0), 0);
        expect(accounts, 'units hold the accounts the territory figures count').toBe(
            territoryTotal
        );

        // A second write (here through Bulk API 2.0) leaves the new set only.
        const firstIds = new Set(first.map((r) => String(r.Id)));
        await new Promise((resolve) => setTimeout(resolve, 5));
        const bulk = gatewayWith(10);
        await refreshTerritoryFigures(bulk, { measurePlan }, await bulk.pullPlan(modelId), [
            'Potential'
        ]);
        const second = expectRowsMatch(modelId);
        expect(second.some((r) => firstIds.has(String(r.Id)))).toBe(false);
    });
});
