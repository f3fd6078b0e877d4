import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('multi-segment plans fan out one child job per segment', () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ org: { seed: 31 }, worker: { fanoutMinAccounts: 100 } });
        // Reps serve two segments; each account takes the segment of its current rep.
        const sample = h.org.sample!;
        const segmentOfRep = new Map(sample.repIds.map((id, i) => [id, i % 2 ? 'West' : 'East']));
        const repOfTerritory = new Map([...sample.territoryByRep].map(([rep, t]) => [t, rep]));
        for (const [rep, segment] of segmentOfRep)
            h.org.store.update('User', rep, { Territory_Segment__c: segment });
        for (const [account, territories] of h.orgAssignments())
            h.org.store.update('Account', account, {
                Territory_Segment__c: segmentOfRep.get(repOfTerritory.get(territories[0]!)!)
            });
    });
    afterAll(() => h.close());

    it('balances each segment in its own child job and merges them into one scenario', async () => {
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'By segment',
            settings: { balance: ['Workload', 'Count'], tolerance: 0.15, seed: 2 }
        });
        expect(created.status).toBe(202);
        const { scenarioId, jobId } = created.body;
        const job = await h.waitForJob(jobId);
        expect(job).toMatchObject({ state: 'completed', result: { status: 'Ready', segments: 2 } });

        const children = await Promise.all(
            [1, 2].map((i) => h.queues.generate.getJob(`${jobId}-segment-${i}`))
        );
        for (const child of children) {
            expect(await child!.getState()).toBe('completed');
            expect(child!.parentKey).toContain(jobId);
        }
        expect(children.map((c) => c!.returnvalue.segment).sort()).toEqual(['East', 'West']);

        // Every account stays within its segment, and the merged plan covers all of them.
        const rows = await h.gateway.loadAssignments(scenarioId);
        expect(rows).toHaveLength(300);
        const segmentOfTerritory = new Map(
            [...h.org.sample!.territoryByRep].map(([rep, t]) => [
                t,
                h.org.store.get(rep)!.Territory_Segment__c
            ])
        );
        for (const r of rows)
            expect(segmentOfTerritory.get(r.territoryId)).toBe(
                h.org.store.get(r.accountId)!.Territory_Segment__c
            );
        const scenario = (await h.call('GET', `/v1/scenarios/${scenarioId}`)).body;
        expect(scenario.status).toBe('Ready');
        expect(scenario.metrics.fannedOutSegments).toBe(2);
    });

    it('fails the plan with the segment reason when a segment cannot be balanced', async () => {
        // A few accounts in a segment no rep serves.
        for (const account of h.org.sample!.accountIds.slice(0, 4))
            h.org.store.update('Account', account, { Territory_Segment__c: 'Federal' });
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Broken segment',
            settings: { balance: ['Workload'] }
        });
        const job = await h.waitForJob(created.body.jobId);
        expect(job.state).toBe('failed');
        expect(job.failedReason).toContain('A segment of the plan failed');
        expect(job.failedReason).toContain("Segment 'Federal' has no rep for its 4 accounts");
        const scenario = await h.gateway.loadScenario(created.body.scenarioId);
        expect(scenario).toMatchObject({ status: 'Failed' });
        expect(scenario?.error).toContain('A segment of the plan failed');
    });
});
