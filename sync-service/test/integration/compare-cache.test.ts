/**
 * Compare with its caches on the real stack (local org, Salesforce gateway, BullMQ workers): a
 * compare repeated after the apply, and after a new version of a scenario, shows the new state
 * (the current plan is cached for COMPARE_CACHE_TTL_MS, 15 s by default, far longer than this test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('compare after apply and after a scenario update', () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness();
    });
    afterAll(() => h.close());

    it('reflects the applied plan, and a scenario rewritten in the org, at once', async () => {
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Rebalance',
            settings: { balance: ['Workload', 'Count'], tolerance: 0.1, seed: 5 }
        });
        expect(created.status).toBe(202);
        const { scenarioId, jobId } = created.body;
        expect((await h.waitForJob(jobId)).state).toBe('completed');

        const url = `/v1/scenarios/compare?a=current&b=${scenarioId}`;
        const before = await h.call('GET', url);
        expect(before.status).toBe(200);
        expect(before.body.movedAccounts.total).toBeGreaterThan(0);
        // Served again from the caches: the same answer.
        expect((await h.call('GET', url)).body).toEqual(before.body);

        const approved = await h.call('POST', `/v1/scenarios/${scenarioId}/approve`, {
            approvedBy: h.org.sample!.adminUserId
        });
        expect(approved.status).toBe(202);
        expect((await h.waitForJob(approved.body.jobId)).state).toBe('completed');

        // The org now holds the scenario: the current plan equals it.
        const after = await h.call('GET', url);
        expect(after.status).toBe(200);
        expect(after.body.movedAccounts.total).toBe(0);
        expect(after.body.a.maxDeviation).toBeCloseTo(after.body.b.maxDeviation, 9);
        expect(
            after.body.repChanges.every(
                (r: { gained: number; lost: number }) => r.gained === 0 && r.lost === 0
            )
        ).toBe(true);

        // A new version of another scenario (new CSV and figures) is seen by the next compare.
        const other = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Other',
            settings: { balance: ['Count'], seed: 9 }
        });
        expect((await h.waitForJob(other.body.jobId)).state).toBe('completed');
        const otherUrl = `/v1/scenarios/compare?a=current&b=${other.body.scenarioId}`;
        const first = await h.call('GET', otherUrl);
        expect(first.status).toBe(200);
        const rows = await h.gateway.loadAssignments(other.body.scenarioId);
        expect(rows.length).toBeGreaterThan(0);
        // Rewrite it to "move nothing": every account stays where it is now.
        const unchanged = rows.map((r) => ({ ...r, territoryId: r.previousTerritoryId }));
        await h.gateway.updateScenario(
            other.body.scenarioId,
            { status: 'Ready', accountsMoved: 0 },
            unchanged
        );
        const second = await h.call('GET', otherUrl);
        expect(second.status).toBe(200);
        expect(first.body.movedAccounts.total).toBeGreaterThan(0);
        expect(second.body.movedAccounts.total).toBe(0);
        expect(second.body.b.accountsMoved).toBe(0);
    });
});
