/**
 * The compact ↔ fewest-changes slider's costs through the API and a real worker on the local
 * org: a scenario's own figures, both ends generated on demand (and equal to the plans a scenario
 * at either end gives), and the reasons compare gives for every move.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const SETTINGS = { balance: ['Potential', 'Workload'], tolerance: 0.1, seed: 5 };

describe('what each end of the slider costs', () => {
    let h: Harness;
    beforeAll(async () => {
        // No wall-clock cap in reach: each plan depends on its input and seed only.
        h = await startHarness({ worker: { engineTimeLimitMs: 120_000 } });
    });
    afterAll(() => h.close());

    async function generate(name: string, settings: Record<string, unknown>) {
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name,
            settings
        });
        expect(created.status).toBe(202);
        const done = await h.waitForJob(created.body.jobId);
        expect(done.state).toBe('completed');
        return (await h.call('GET', `/v1/scenarios/${created.body.scenarioId}`)).body;
    }

    it('shows the point, computes both ends from generated plans, and keeps the scenario', async () => {
        const scenario = await generate('Halfway', { ...SETTINGS, disruptionWeight: 0.5 });
        // Whether the plan was made of postal units is kept: compare explains unit moves by it.
        expect(scenario.metrics).toHaveProperty('unitMode');

        const before = await h.call('GET', `/v1/scenarios/${scenario.id}/trade-off`);
        expect(before.status).toBe(200);
        expect(before.body).toMatchObject({
            scenarioId: scenario.id,
            name: 'Halfway',
            status: 'Ready',
            point: {
                disruptionWeight: 0.5,
                travelKm: scenario.totalTravelKm,
                accountsMoved: scenario.accountsMoved,
                maxDeviation: scenario.maxDeviation
            },
            ends: null
        });

        const started = await h.call('POST', `/v1/scenarios/${scenario.id}/trade-off`);
        expect(started).toEqual({ status: 202, body: { jobId: `trade-off-${scenario.id}` } });
        const job = await h.waitForJob(started.body.jobId);
        expect(job).toMatchObject({ state: 'completed', progress: { percent: 100 } });

        const after = (await h.call('GET', `/v1/scenarios/${scenario.id}/trade-off`)).body;
        expect(after.job).toMatchObject({ state: 'completed' });
        const { compact, fewestChanges, current } = after.ends;
        expect(compact.disruptionWeight).toBe(0);
        expect(fewestChanges.disruptionWeight).toBe(1);
        // Fewest changes moves fewer accounts than most compact. (Travel and the point in between
        // are not always ordered so: the engine's search is a heuristic, and the planner shows
        // each figure as generated.)
        expect(fewestChanges.accountsMoved).toBeLessThan(compact.accountsMoved);
        expect(compact.travelKm).toBeGreaterThan(0);
        expect(current.travelKm).toBeGreaterThan(0);

        // The scenario itself is unchanged: same status and figures, its plan still comparable.
        const kept = (await h.call('GET', `/v1/scenarios/${scenario.id}`)).body;
        expect(kept).toMatchObject({
            status: 'Ready',
            accountsMoved: scenario.accountsMoved,
            totalTravelKm: scenario.totalTravelKm
        });
        const compare = await h.call('GET', `/v1/scenarios/compare?a=current&b=${scenario.id}`);
        expect(compare.body.a.travelKm).toBeCloseTo(current.travelKm, 0);

        // The ends are the very plans a scenario generated at either end gives (no estimate).
        const atZero = await generate('Most compact', { ...SETTINGS, disruptionWeight: 0 });
        expect(atZero.totalTravelKm).toBe(compact.travelKm);
        expect(atZero.accountsMoved).toBe(compact.accountsMoved);
        const atOne = await generate('Fewest changes', { ...SETTINGS, disruptionWeight: 1 });
        expect(atOne.totalTravelKm).toBe(fewestChanges.travelKm);
        expect(atOne.accountsMoved).toBe(fewestChanges.accountsMoved);
    });

    it('refuses the ends of a scenario that is not generated, and of none at all', async () => {
        const queued = await h.gateway.createScenario({
            name: 'Not yet',
            status: 'Generating',
            source: 'Planner',
            modelId: h.modelId,
            settings: SETTINGS
        });
        const refused = await h.call('POST', `/v1/scenarios/${queued}/trade-off`);
        expect(refused.status).toBe(409);
        expect(refused.body.message).toContain('is Generating');
        const read = await h.call('GET', `/v1/scenarios/${queued}/trade-off`);
        expect(read.body).toMatchObject({ point: null, ends: null });
        expect((await h.call('GET', '/v1/scenarios/a0X000000009999/trade-off')).status).toBe(404);
    });

    it('gives a reason for every moved account, rep left for a departed rep', async () => {
        const sample = h.org.sample!;
        const removedRep = sample.repIds[0]!;
        const removedTerritory = sample.territoryByRep.get(removedRep)!;
        const scenario = await generate('Rep leaves', {
            ...SETTINGS,
            removeRepIds: [removedRep]
        });
        const compare = (await h.call('GET', `/v1/scenarios/compare?a=current&b=${scenario.id}`))
            .body;
        const items = compare.movedAccounts.items as {
            from: string | null;
            reason: { code: string; measure?: string };
        }[];
        expect(items.length).toBeGreaterThan(0);
        for (const item of items) {
            expect(item.reason.code).toBeTypeOf('string');
            if (item.from === removedTerritory) expect(item.reason).toEqual({ code: 'rep-left' });
            else expect(item.reason.code).not.toBe('rep-left');
            if (item.reason.code.endsWith('-target'))
                expect(SETTINGS.balance).toContain(item.reason.measure);
        }
        expect(items.some((i) => i.from === removedTerritory)).toBe(true);
    });
});
