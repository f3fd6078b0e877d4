/**
 * Data quality in the org, end to end: the local org with the sample's dirt, the real gateway and
 * data-quality source over jsforce, the API (app.inject) and workers on Redis. The audit runs on
 * demand and before a generation; a planner geocodes accounts without coordinates (never over
 * coordinates set meanwhile) and excludes an account, which the next plan leaves where it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgAuditResult } from '../../src/audit/org-audit.js';
import { salesforcePlacementSource } from '../../src/jobs/account-placement-source.js';
import { AuditStore } from '../../src/jobs/data-audit.js';
import { connectSalesforce } from '../../src/salesforce/index.js';
import { startHarness, type Harness } from './harness.js';
import { startServiceApp, type ServiceApp } from './service-app.js';
import { lookupPostal } from '../../src/geo/postal-reference.js';

const UNKNOWN_MODEL = '0MA5g0000009999AAA';

describe('data quality in the org', () => {
    let h: Harness;
    let s: ServiceApp;
    const account = (id: string) => h.org.store.get(id)!;
    const accounts = () => [...h.org.store.all('Account')];

    beforeAll(async () => {
        h = await startHarness({
            workers: false,
            org: { accounts: 400, reps: 4, seed: 11, dirt: true }
        });
        s = await startServiceApp(h);
    });
    afterAll(async () => {
        await s?.close();
        await h?.close();
    });

    it('keeps the newest audit when an audit of older data finishes last', async () => {
        const store = new AuditStore(() => h.queues.audit.backend.client, `${h.prefix}-order`);
        const model = '0MA5g0000000001AAA';
        const audit = (auditedAt: string, accounts: number) =>
            ({ modelId: model, auditedAt, accounts }) as unknown as OrgAuditResult;
        await store.save(audit('2026-12-06T10:00:05.000Z', 9));
        // read the org before the one above, stored after it
        await store.save(audit('2026-12-06T10:00:01.000Z', 18));
        expect((await store.latest(model))?.accounts).toBe(9);
        await store.save(audit('2026-12-06T10:00:09.000Z', 7));
        expect((await store.latest(model))?.accounts).toBe(7);
        // two audits saved at once (two jobs of one worker): the newer data wins in either
        // order; reading, then writing, let the older one overwrite (CI saw 9 -> 18 in the e2e)
        for (const [first, second] of [
            [audit('2026-12-06T10:01:00.000Z', 5), audit('2026-12-06T10:00:30.000Z', 18)],
            [audit('2026-12-06T10:02:30.000Z', 18), audit('2026-12-06T10:03:00.000Z', 4)]
        ] as const) {
            await Promise.all([store.save(first), store.save(second)]);
            const newer = first.auditedAt > second.auditedAt ? first : second;
            expect((await store.latest(model))?.accounts).toBe(newer.accounts);
        }
    });

    it('refuses bad requests before doing anything', async () => {
        expect((await s.call('POST', '/v1/models/not-an-id/audit')).status).toBe(400);
        expect((await s.call('POST', `/v1/models/${h.modelId}/audit`, { full: true })).status).toBe(
            400
        );
        expect((await s.call('POST', `/v1/models/${h.modelId}/audit`, {}, s.viewer)).status).toBe(
            403
        );
        const unknown = await s.call('POST', `/v1/models/${UNKNOWN_MODEL}/audit`);
        expect(unknown.status).toBe(404);
        expect(unknown.body.message).toContain(UNKNOWN_MODEL);
        const none = await s.call('GET', `/v1/models/${h.modelId}/audit`);
        expect(none.status).toBe(404);
        expect(none.body.message).toContain(`POST /v1/models/${h.modelId}/audit`);
        for (const query of ['examples=abc', 'examples=51', 'examples=-1', 'other=1'])
            expect((await s.call('GET', `/v1/models/${h.modelId}/audit?${query}`)).status).toBe(
                400
            );
        for (const body of [
            {},
            { accountIds: [] },
            { accountIds: ['x'] },
            { accountIds: [1] },
            { accountIds: [h.org.sample!.accountIds[0]], extra: 1 }
        ])
            expect(
                (await s.call('POST', `/v1/models/${h.modelId}/audit/geocode`, body)).status
            ).toBe(400);
        expect(
            (
                await s.call('POST', `/v1/models/${h.modelId}/audit/exclude`, {
                    accountIds: [h.org.sample!.accountIds[0]],
                    excluded: 'true'
                })
            ).status
        ).toBe(400);
    });

    it('audits the org on demand: counts, examples, dispositions, duplicates with a merge link', async () => {
        const accepted = await s.call('POST', `/v1/models/${h.modelId}/audit`);
        expect(accepted.status).toBe(202);
        const job = await s.waitForJob(accepted.body.jobId);
        expect(job.state).toBe('completed');
        expect(job.queue).toBe('data-audit');

        const all = accounts();
        const noCoordinates = all.filter((a) => a.BillingLatitude === null);
        const noZip = noCoordinates.filter((a) => !a.BillingPostalCode);
        expect(noCoordinates.length).toBeGreaterThan(5); // the sample's dirt is there
        const res = await s.call('GET', `/v1/models/${h.modelId}/audit?examples=3`);
        expect(res.status).toBe(200);
        const audit = res.body;
        expect(audit.accounts).toBe(all.length);
        expect(audit.coordinates).toEqual({
            missing: noCoordinates.length,
            placedByPostalCode: noCoordinates.length - noZip.length,
            excluded: noZip.length
        });
        expect(audit.headline).toBe(
            `${noCoordinates.length} accounts lack coordinates: ${noCoordinates.length - noZip.length} placed by postal code, ${noZip.length} excluded.`
        );
        expect(job.result.headline).toBe(audit.headline);
        const missing = audit.categories.find(
            (c: { category: string }) => c.category === 'missing_coordinates'
        );
        expect(missing.count).toBe(noCoordinates.length);
        expect(missing.examples).toHaveLength(3);
        for (const e of missing.examples) {
            expect(account(e.accountId).BillingLatitude).toBeNull();
            expect(e.name).toBe(account(e.accountId).Name);
        }
        // The sample enters 0.5 % of accounts twice: two groups at 400 accounts.
        expect(audit.duplicates.groups).toBe(2);
        for (const group of audit.duplicates.examples) {
            expect(group.accountIds).toHaveLength(2);
            const [a, b] = group.accountIds.map(account);
            expect(a.BillingPostalCode).toBe(b.BillingPostalCode);
            expect(group.mergeUrl).toBe(
                `/merge/accmergewizard.jsp?goNext=+Next+&cid=${group.accountIds[0]}&cid=${group.accountIds[1]}`
            );
        }
        // Reading needs no permission.
        expect(
            (await s.call('GET', `/v1/models/${h.modelId}/audit`, undefined, s.viewer)).status
        ).toBe(200);
    });

    it('geocodes on approval, never over coordinates set meanwhile', async () => {
        const noCoordinates = accounts().filter((a) => a.BillingLatitude === null);
        const [writeMe, setMeanwhile, untouched] = noCoordinates.filter((a) => a.BillingPostalCode);
        const noZip = noCoordinates.find((a) => !a.BillingPostalCode)!;
        const url = `/v1/models/${h.modelId}/audit/geocode`;
        expect((await s.call('POST', url, { accountIds: [writeMe!.Id] }, s.viewer)).status).toBe(
            403
        );
        // An unknown id: 404 and nothing written.
        const unknown = await s.call('POST', url, {
            accountIds: [untouched!.Id, '001000000000000AAA']
        });
        expect(unknown.status).toBe(404);
        expect(unknown.body.message).toContain('001000000000000AAA');
        expect(account(untouched!.Id).BillingLatitude).toBeNull();

        // Salesforce's own geocoding (or a user) sets coordinates after the audit was read.
        h.org.store.update('Account', setMeanwhile!.Id, {
            BillingLatitude: 41.5,
            BillingLongitude: -87.5
        });
        const res = await s.call('POST', url, {
            accountIds: [writeMe!.Id, setMeanwhile!.Id, noZip.Id]
        });
        expect(res.status).toBe(200);
        const centre = lookupPostal(String(writeMe!.BillingPostalCode))!;
        expect(res.body.written).toEqual([
            {
                accountId: writeMe!.Id,
                postalCode: centre.postalCode,
                latitude: centre.lat,
                longitude: centre.lon
            }
        ]);
        expect(
            res.body.skipped.map((s: { accountId: string; reason: string }) => [
                s.accountId,
                s.reason
            ])
        ).toEqual([
            [setMeanwhile!.Id, 'has_coordinates'],
            [noZip.Id, 'no_postal_code']
        ]);
        expect(res.body.failed).toEqual([]);
        expect(account(writeMe!.Id)).toMatchObject({
            BillingLatitude: centre.lat,
            BillingLongitude: centre.lon,
            Territory_Approximate_Location__c: true
        });
        expect(account(setMeanwhile!.Id)).toMatchObject({
            BillingLatitude: 41.5,
            BillingLongitude: -87.5,
            Territory_Approximate_Location__c: false
        });
        expect(account(noZip.Id).BillingLatitude).toBeNull();
    });

    it('excludes an account: the next plan leaves it where it is, audited before generating', async () => {
        const generate = async (name: string) => {
            const created = await s.call('POST', '/v1/scenarios', {
                modelId: h.modelId,
                name,
                settings: { balance: ['Count'], tolerance: 0.1, disruptionWeight: 0, seed: 3 }
            });
            expect(created.status).toBe(202);
            expect((await s.waitForJob(created.body.jobId)).state).toBe('completed');
            return created.body.scenarioId as string;
        };
        // An account the plan moves when it is free to.
        const free = await h.gateway.loadAssignments(await generate('Before the clean-up'));
        const moved = free.find((r) => r.territoryId !== r.previousTerritoryId)!;
        expect(moved).toBeDefined();
        const excludedId = moved.accountId;
        const before = moved.previousTerritoryId;
        expect(
            (
                await s.call(
                    'POST',
                    `/v1/models/${h.modelId}/audit/exclude`,
                    { accountIds: [excludedId], excluded: true },
                    s.viewer
                )
            ).status
        ).toBe(403);
        const excluded = await s.call('POST', `/v1/models/${h.modelId}/audit/exclude`, {
            accountIds: [excludedId],
            excluded: true
        });
        expect(excluded.status).toBe(200);
        expect(excluded.body).toEqual({ updated: [excludedId], failed: [] });
        expect(account(excludedId).Territory_Excluded__c).toBe(true);

        const scenarioId = await generate('After the clean-up');
        const scenario = await h.gateway.loadScenario(scenarioId);
        expect(scenario!.metrics!.excludedAccounts).toBe(1);
        const rows = await h.gateway.loadAssignments(scenarioId);
        const row = rows.find((r) => r.accountId === excludedId)!;
        expect(row.territoryId).toBe(before);
        expect(row.previousTerritoryId).toBe(before);

        // The audit that ran before this generation, kept with the scenario.
        const audit = await s.call(
            'GET',
            `/v1/models/${h.modelId}/audit?scenarioId=${scenarioId}&examples=50`
        );
        expect(audit.status).toBe(200);
        const category = (name: string) =>
            audit.body.categories.find((c: { category: string }) => c.category === name);
        expect(category('excluded_from_planning').examples).toEqual([
            expect.objectContaining({ accountId: excludedId, disposition: 'excluded' })
        ]);
        // The account geocoded above is now at its ZIP code's centre, marked approximate.
        expect(category('approximate_location').count).toBe(1);
        expect(audit.body.coordinates.missing).toBe(
            accounts().filter((a) => a.BillingLatitude === null).length
        );
    });

    it('keeps excluded accounts where they are in account placement too (as locked)', async () => {
        const placement = salesforcePlacementSource(() => connectSalesforce(h.sfConfig));
        const rows = await placement.unitAccounts(h.modelId);
        const excluded = accounts().filter((a) => a.Territory_Excluded__c === true);
        expect(excluded).toHaveLength(1); // the one excluded above
        expect(rows.find((r) => r.id === excluded[0]!.Id)!.locked).toBe(true);
        // and only the locked accounts of the sample besides it
        const locked = accounts().filter((a) => a.Territory_Locked__c === true).length;
        expect(rows.filter((r) => r.locked)).toHaveLength(locked + 1);
    });
});
