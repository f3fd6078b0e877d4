/**
 * Market layers and lead flow, end to end: the local org with a year of sample leads, the real
 * market source over jsforce, the API (app.inject) and workers on Redis. A layer is imported into
 * the org (record + file), served for the map, summed per territory and balanced on; leads are
 * counted per territory and balanced on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { startServiceApp, type ServiceApp } from './service-app.js';
import { normaliseUsZip } from '../../src/geo/postal-reference.js';

describe('market layers and lead flow', () => {
    let h: Harness;
    let s: ServiceApp;
    /** ZIP code → the sample accounts' count, and the territory holding most of them. */
    const zips = () => {
        const byZip = new Map<string, Map<string, number>>();
        const assignments = h.orgAssignments();
        for (const a of h.org.store.all('Account')) {
            const zip = normaliseUsZip(String(a.BillingPostalCode ?? ''));
            const t = assignments.get(a.Id)?.[0];
            if (!zip || !t) continue;
            const c = byZip.get(zip) ?? new Map<string, number>();
            c.set(t, (c.get(t) ?? 0) + 1);
            byZip.set(zip, c);
        }
        return new Map(
            [...byZip].map(([zip, c]) => [
                zip,
                [...c].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]![0]
            ])
        );
    };

    beforeAll(async () => {
        h = await startHarness({
            workers: false,
            org: { accounts: 400, reps: 4, seed: 13, market: true }
        });
        s = await startServiceApp(h, { bodyLimitBytes: 1024 * 1024 });
    });
    afterAll(async () => {
        await s?.close();
        await h?.close();
    });

    let layerId: string;
    let csvTotal = 0;

    it('imports a layer of values per postal code into the org, strictly', async () => {
        const owner = zips();
        const codes = [...owner.keys()].sort();
        // 10 addressable companies per 1,000 of ZIP code "size" (the ZIP's digits make it vary).
        const rows = codes.map((zip) => {
            const value = 5 + (Number(zip) % 37);
            csvTotal += value;
            return `${zip},${value}`;
        });
        // A ZIP code of the reference where the sample has no account: its value is unassigned.
        const empty = ['59001', '82001', '99501', '04401'].find((z) => !owner.has(z))!;
        const content = ['PostalCode,Value', ...rows, `${empty},3`].join('\n');
        const body = {
            name: 'Addressable companies',
            kind: 'postal_values',
            format: 'csv',
            content,
            valueName: 'Companies'
        };
        expect((await s.call('POST', '/v1/layers', body, s.viewer)).status).toBe(403);
        const bad = await s.call('POST', '/v1/layers', { ...body, content: `${content}\nabc,1` });
        expect(bad.status).toBe(400);
        expect(bad.body.message).toContain(`line ${rows.length + 3}, column PostalCode: 'abc'`);
        for (const wrong of [
            { ...body, kind: 'county' },
            { ...body, extra: 1 },
            { ...body, name: 5 }
        ])
            expect((await s.call('POST', '/v1/layers', wrong)).status).toBe(400);
        expect(h.org.store.count('Territory_Layer__c')).toBe(0);

        const created = await s.call('POST', '/v1/layers', body);
        expect(created.status).toBe(201);
        layerId = created.body.id;
        expect(created.body).toMatchObject({
            name: 'Addressable companies',
            kind: 'postal_values',
            format: 'csv',
            valueName: 'Companies',
            featureCount: codes.length + 1,
            valueTotal: csvTotal + 3
        });
        // The record, with its file attached.
        const record = h.org.store.get(layerId)!;
        expect(record.Kind__c).toBe('postal_values');
        const files = [...h.org.store.all('ContentVersion')].filter(
            (v) => v.FirstPublishLocationId === layerId
        );
        expect(files).toHaveLength(1);

        const list = await s.call('GET', '/v1/layers', undefined, s.viewer);
        expect(list.body.layers.map((l: { id: string }) => l.id)).toEqual([layerId]);
        const served = await s.call('GET', `/v1/layers/${layerId}`, undefined, s.viewer);
        expect(served.status).toBe(200);
        expect(served.body.featureCollection.features).toHaveLength(codes.length + 1);
        expect(served.body.featureCollection.features[0].properties).toEqual({
            postalCode: codes[0],
            value: 5 + (Number(codes[0]) % 37)
        });
        expect(served.body.layer.valueRange).toEqual({
            min: Math.min(3, ...rows.map((r) => Number(r.split(',')[1]))),
            max: Math.max(...rows.map((r) => Number(r.split(',')[1])))
        });
        expect((await s.call('GET', '/v1/layers/a0L000000000000AAA')).status).toBe(404);
    });

    it('sums the layer per territory and balances on it', async () => {
        const totals = await s.call('GET', `/v1/models/${h.modelId}/layers/${layerId}/territories`);
        expect(totals.status).toBe(200);
        expect(totals.body.total).toBe(csvTotal + 3);
        expect(totals.body.unassigned).toBe(3); // the ZIP code without accounts
        const owner = zips();
        const expected = new Map<string, number>();
        for (const [zip, t] of owner)
            expected.set(t, (expected.get(t) ?? 0) + 5 + (Number(zip) % 37));
        for (const row of totals.body.byTerritory)
            expect(row.total).toBe(expected.get(row.territoryId));

        const created = await s.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Balanced on the market',
            settings: {
                balance: ['Market'],
                tolerance: 0.1,
                marketMeasures: [{ name: 'Market', layerId }],
                seed: 1
            }
        });
        expect(created.status).toBe(202);
        const job = await s.waitForJob(created.body.jobId);
        expect(job.state).toBe('completed');
        const scenario = await h.gateway.loadScenario(created.body.scenarioId);
        // The engine balanced and measured the plan on Market: every planned ZIP's value is in
        // some territory.
        expect(scenario!.metrics!.measures).toEqual(['Market']);
        const perRep = scenario!.metrics!.reps as { loads: Record<string, number> }[];
        const planned = perRep.reduce((s, r) => s + (r.loads.Market ?? 0), 0);
        expect(planned).toBeCloseTo(csvTotal, 6);
        // Compare scores both plans on the market measure too, as the generate job did.
        const compare = await s.call(
            'GET',
            `/v1/scenarios/compare?a=current&b=${created.body.scenarioId}`
        );
        expect(compare.status).toBe(200);
        expect(compare.body.measures).toEqual(['Market']);
        expect(Object.keys(compare.body.b.deviationByMeasure)).toEqual(['Market']);
        expect(compare.body.b.maxDeviation).toBeCloseTo(
            scenario!.metrics!.maxDeviation as number,
            9
        );
        expect(compare.body.movedAccounts.total).toBe(compare.body.b.accountsMoved);

        // A layer that does not exist fails the scenario with a message saying so.
        const missing = await s.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Unknown layer',
            settings: {
                balance: ['Market'],
                marketMeasures: [{ name: 'Market', layerId: 'a0L000000000000AAA' }]
            }
        });
        expect((await s.waitForJob(missing.body.jobId)).state).toBe('failed');
        const failed = await h.gateway.loadScenario(missing.body.scenarioId);
        expect(failed!.status).toBe('Failed');
        expect(failed!.error).toContain('a0L000000000000AAA does not exist');
    });

    it('counts leads per territory over a period, and balances on lead flow', async () => {
        const leads = [...h.org.store.all('Lead')];
        expect(leads.length).toBeGreaterThan(100);
        const now = Date.now();
        const from = new Date(now - 90 * 86_400_000).toISOString().slice(0, 10);
        const to = new Date(now + 86_400_000).toISOString().slice(0, 10);
        const inPeriod = leads.filter((l) => {
            const t = Date.parse(String(l.CreatedDate).replace('+0000', 'Z'));
            return t >= Date.parse(`${from}T00:00:00Z`) && t < Date.parse(`${to}T00:00:00Z`);
        });
        for (const q of [
            'from=2026-01-01',
            `from=${from}&to=${from}`,
            'from=x&to=y',
            `from=${from}&to=${to}&n=1`
        ])
            expect((await s.call('GET', `/v1/models/${h.modelId}/lead-flow?${q}`)).status).toBe(
                400
            );
        const res = await s.call(
            'GET',
            `/v1/models/${h.modelId}/lead-flow?from=${from}&to=${to}`,
            undefined,
            s.viewer
        );
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(inPeriod.length);
        expect(res.body.withoutPostalCode).toBe(inPeriod.filter((l) => !l.PostalCode).length);
        const owner = zips();
        const expected = new Map<string, number>();
        for (const l of inPeriod) {
            const t = l.PostalCode ? owner.get(String(l.PostalCode)) : undefined;
            if (t) expected.set(t, (expected.get(t) ?? 0) + 1);
        }
        expect(
            new Map(
                res.body.byTerritory.map((r: { territoryId: string; total: number }) => [
                    r.territoryId,
                    r.total
                ])
            )
        ).toEqual(expected);

        const created = await s.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Balanced on lead flow',
            settings: {
                balance: ['Leads', 'Count'],
                tolerance: 0.15,
                marketMeasures: [{ name: 'Leads', leads: { from, to } }],
                seed: 1
            }
        });
        expect((await s.waitForJob(created.body.jobId)).state).toBe('completed');
        const scenario = await h.gateway.loadScenario(created.body.scenarioId);
        const perRep = scenario!.metrics!.reps as { loads: Record<string, number> }[];
        const planned = perRep.reduce((s, r) => s + (r.loads.Leads ?? 0), 0);
        // every lead with the ZIP code of a planned account is in the plan
        const plannedZips = new Set(
            [...h.org.store.all('Account')].map((a) =>
                normaliseUsZip(String(a.BillingPostalCode ?? ''))
            )
        );
        expect(planned).toBeCloseTo(
            inPeriod.filter((l) => l.PostalCode && plannedZips.has(String(l.PostalCode))).length,
            6
        );
    });

    it('balances windshield time (DriveTime) and compares both plans on it', async () => {
        const created = await s.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Balanced on driving',
            settings: { balance: ['Potential', 'DriveTime'], tolerance: 0.1, seed: 1 }
        });
        expect(created.status).toBe(202);
        const job = await s.waitForJob(created.body.jobId);
        expect(job.state).toBe('completed');
        const scenario = await h.gateway.loadScenario(created.body.scenarioId);
        expect(scenario!.metrics!.measures).toEqual(['Potential', 'DriveTime']);
        const perRep = scenario!.metrics!.reps as {
            loads: Record<string, number>;
            targets: Record<string, number>;
        }[];
        // every rep has driving, and the plan holds it within the tolerance
        for (const r of perRep) expect(r.loads.DriveTime).toBeGreaterThan(0);
        for (const r of perRep)
            expect(Math.abs(r.loads.DriveTime! / r.targets.DriveTime! - 1)).toBeLessThanOrEqual(
                0.1 + 1e-9
            );
        const compare = await s.call(
            'GET',
            `/v1/scenarios/compare?a=current&b=${created.body.scenarioId}`
        );
        expect(compare.status).toBe(200);
        expect(compare.body.measures).toEqual(['Potential', 'DriveTime']);
        expect(compare.body.b.deviationByMeasure.DriveTime).toBeCloseTo(
            (scenario!.metrics!.deviationByMeasure as Record<string, number>).DriveTime!,
            9
        );
    });
});
