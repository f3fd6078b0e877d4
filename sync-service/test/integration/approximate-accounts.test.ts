/**
 * Accounts without coordinates in the local org, pulled through jsforce: one with a usable
 * BillingPostalCode is placed at its ZIP code's centroid (the offline postal reference) and
 * marked approximate, in the plan, in the scenario's figures and in its postal unit's
 * Territory_Unit__c row; one without a usable postal code stays out of the plan and is counted in
 * the warning.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as engine from '../../src/engine/index.js';
import { lookupPostal } from '../../src/geo/postal-reference.js';
import { generatePlan } from '../../src/jobs/generate-plan.js';
import type { PlanSnapshot, PlannerGateway } from '../../src/jobs/gateway.js';
import { plannerGatewayOver } from '../../src/jobs/salesforce-adapter.js';
import { refreshTerritoryFigures } from '../../src/jobs/territory-figures.js';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import type { Logger } from '../../src/logger.js';
import { connectSalesforce, type SalesforceGateway } from '../../src/salesforce/index.js';

const SEGMENT = 'Approximate Test';

describe('accounts without coordinates', () => {
    let org: LocalOrg;
    let sf: SalesforceGateway;
    let gateway: PlannerGateway;
    let modelId: string;
    let snapshot: PlanSnapshot;
    const logger = { info: vi.fn(), warn: vi.fn() };
    const ids: Record<string, string> = {};

    const create = async (key: string, fields: Record<string, unknown>) => {
        const result = await sf.connection.sobject('Account').create({
            Name: `Approximate ${key} ${randomUUID().slice(0, 8)}`,
            Territory_Segment__c: SEGMENT,
            Territory_Potential__c: 1000,
            ...fields
        });
        if (!result.success) throw new Error(JSON.stringify(result));
        ids[key] = result.id;
    };

    beforeAll(async () => {
        org = await startLocalOrg({ accounts: 400, reps: 4, seed: 5 });
        const connect = () =>
            connectSalesforce({
                loginUrl: org.credentials.loginUrl,
                clientId: org.credentials.clientId,
                clientSecret: org.credentials.clientSecret,
                apiVersion: org.credentials.apiVersion
            });
        sf = await connect();
        gateway = plannerGatewayOver(connect, logger as unknown as Logger);
        modelId = org.sample!.activeModelId;
        const territory = [...org.sample!.territoryByRep.values()][0]!;
        // Two with a usable ZIP code (one as ZIP+4 that lost its leading zero in a spreadsheet),
        // one without a postal code, one whose code is no US ZIP code, one with coordinates.
        await create('denver', { BillingPostalCode: '80202' });
        await create('boston', { BillingPostalCode: '2134-1234' });
        await create('none', {});
        await create('notZip', { BillingPostalCode: 'SW1A 1AA' });
        await create('located', {
            BillingPostalCode: '80202',
            BillingLatitude: 39.7,
            BillingLongitude: -105.1
        });
        const link = await sf.connection.sobject('ObjectTerritory2Association').create({
            ObjectId: ids.denver!,
            Territory2Id: territory,
            AssociationCause: 'Territory2Manual'
        });
        if (!link.success) throw new Error(JSON.stringify(link));
        snapshot = await gateway.pullPlan(modelId);
    });
    afterAll(() => org?.close());

    it('places an account with a usable postal code at the centroid, marked approximate', () => {
        const byId = new Map(snapshot.accounts.map((a) => [a.id, a]));
        const denver = byId.get(ids.denver!);
        const centre = lookupPostal('80202')!;
        expect(denver).toMatchObject({
            lat: centre.lat,
            lon: centre.lon,
            approximate: true,
            postalCode: '80202',
            segment: SEGMENT
        });
        expect(denver!.territoryId).toBeDefined();
        const boston = byId.get(ids.boston!);
        expect(boston).toMatchObject({ approximate: true, postalCode: '02134' });
        expect(boston!.lat).toBeCloseTo(lookupPostal('02134')!.lat, 6);
        // An account with coordinates keeps them and is not approximate.
        expect(byId.get(ids.located!)).toMatchObject({ lat: 39.7, lon: -105.1 });
        expect(byId.get(ids.located!)!.approximate).toBeUndefined();
        expect(snapshot.accounts.filter((a) => a.approximate)).toHaveLength(2);
    });

    it('leaves accounts without a usable postal code in place and counts them', () => {
        const pulled = new Set(snapshot.accounts.map((a) => a.id));
        expect(pulled.has(ids.none!)).toBe(false);
        expect(pulled.has(ids.notZip!)).toBe(false);
        // Every sample account has coordinates: the two above are all that is left out.
        expect(snapshot.accounts).toHaveLength(org.store.count('Account') - 2);
        expect(logger.warn).toHaveBeenCalledWith(
            { modelId, skipped: 2 },
            'accounts without coordinates left in place'
        );
        expect(logger.info).toHaveBeenCalledWith(
            { modelId, approximate: 2 },
            expect.stringContaining('centroid')
        );
    });

    it("says in the scenario's figures how many accounts were placed approximately", async () => {
        const plan = await generatePlan(
            engine,
            snapshot,
            { balance: ['Count'], tolerance: 0.2, seed: 1 },
            { timeLimitMs: 1500 }
        );
        expect(plan.figures.metrics?.approximateAccounts).toBe(2);
        // The approximate accounts are planned like the others.
        expect(plan.assignment.has(ids.denver!)).toBe(true);
        expect(plan.assignment.has(ids.boston!)).toBe(true);
    });

    it('counts the approximate accounts of each postal unit in Territory_Unit__c', async () => {
        await refreshTerritoryFigures(gateway, engine, snapshot, ['Potential']);
        const rows = [...org.store.all('Territory_Unit__c')].filter(
            (r) => r.Territory_Model_Id__c === modelId
        );
        const row = (postal: string) =>
            rows.find((r) => r.Segment__c === SEGMENT && r.Postal_Code__c === postal);
        // 80202: the approximate account and the located one; 02134: the approximate one only.
        expect(row('80202')).toMatchObject({ Account_Count__c: 2, Approximate_Accounts__c: 1 });
        expect(row('02134')).toMatchObject({ Account_Count__c: 1, Approximate_Accounts__c: 1 });
        expect(rows.reduce((s, r) => s + Number(r.Approximate_Accounts__c), 0)).toBe(2);
    });
});
