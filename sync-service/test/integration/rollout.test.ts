/**
 * Rollout (issue 17, part 5) through the API, the workers and the local org: "what changes for
 * me" per rep, approval with an effective date ahead (the apply waits; the card's pending change),
 * approval for today (the apply runs) and one Custom Notification per affected rep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSalesforce } from '../../src/salesforce/index.js';
import { startHarness, type Harness } from './harness.js';

interface RepRollout {
    territoryId: string;
    repId?: string;
    gained: number;
    lost: number;
    accountsBefore: number;
    accountsAfter: number;
    before: Record<string, number>;
    after: Record<string, number>;
    travelKmBefore: number;
    travelKmAfter: number;
    gainedAccounts: { accountId: string; potential: number; otherTerritoryId: string | null }[];
    lostAccounts: { accountId: string; potential: number; otherTerritoryId: string | null }[];
}

describe('rollout: what changes for each rep, effective date, notifications', () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness();
    });
    afterAll(() => h.close());

    it('lists gains and losses per rep, waits for the effective date, then notifies each affected rep', async () => {
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Rebalance for rollout',
            settings: { balance: ['Potential', 'Workload'], tolerance: 0.05, seed: 5 }
        });
        expect(created.status).toBe(202);
        const { scenarioId, jobId } = created.body;
        expect((await h.waitForJob(jobId)).state).toBe('completed');
        const rows = await h.gateway.loadAssignments(scenarioId);
        const moved = rows.filter((r) => r.territoryId !== r.previousTerritoryId);
        expect(moved.length).toBeGreaterThan(0);

        // What changes for every rep: the accounts by id, both directions, whole counts.
        const all = await h.call('GET', `/v1/scenarios/${scenarioId}/rollout`);
        expect(all.status).toBe(200);
        const reps = all.body.reps as RepRollout[];
        expect(all.body.measures).toEqual(['Potential', 'Workload']);
        expect(reps.reduce((s, r) => s + r.gained, 0)).toBe(moved.length);
        expect(reps.reduce((s, r) => s + r.lost, 0)).toBe(moved.length);
        const potential = new Map(
            [...h.org.store.all('Account')].map((a) => [a.Id, Number(a.Territory_Potential__c)])
        );
        for (const rep of reps) {
            const gained = moved.filter((r) => r.territoryId === rep.territoryId);
            const lost = moved.filter((r) => r.previousTerritoryId === rep.territoryId);
            expect(rep.gainedAccounts.map((a) => a.accountId).sort()).toEqual(
                gained.map((r) => r.accountId).sort()
            );
            expect(rep.lostAccounts.map((a) => a.accountId).sort()).toEqual(
                lost.map((r) => r.accountId).sort()
            );
            expect(rep.accountsAfter - rep.accountsBefore).toBe(rep.gained - rep.lost);
            // Potential after = before + gained − lost, account by account.
            const sum = (list: { accountId: string }[]) =>
                list.reduce((s, a) => s + (potential.get(a.accountId) ?? 0), 0);
            expect(rep.after.Potential).toBeCloseTo(
                rep.before.Potential! + sum(rep.gainedAccounts) - sum(rep.lostAccounts),
                4
            );
            expect(rep.travelKmBefore).toBeGreaterThan(0);
            expect(rep.travelKmAfter).toBeGreaterThan(0);
        }
        const [first] = reps;
        const one = await h.call(
            'GET',
            `/v1/scenarios/${scenarioId}/rollout?territoryId=${first!.territoryId}`
        );
        expect(one.body.reps).toEqual([first]);
        expect(one.body.affectedReps).toBe(reps.length);
        expect(
            (await h.call('GET', `/v1/scenarios/${scenarioId}/rollout?territoryId=nope`)).status
        ).toBe(400);

        // Approved for a day ahead: nothing is written yet, the rep's change is pending.
        const ahead = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
        const bad = await h.call('POST', `/v1/scenarios/${scenarioId}/approve`, {
            effectiveDate: '2026-13-01'
        });
        expect(bad.status).toBe(400);
        const scheduled = await h.call('POST', `/v1/scenarios/${scenarioId}/approve`, {
            effectiveDate: ahead
        });
        expect(scheduled).toMatchObject({
            status: 202,
            body: { effectiveDate: ahead, applyAt: `${ahead}T00:00:00.000Z` }
        });
        const job = await h.queues.apply.getJob(scheduled.body.jobId);
        expect(await job!.getState()).toBe('delayed');
        const waiting = (await h.call('GET', `/v1/scenarios/${scenarioId}`)).body;
        expect(waiting).toMatchObject({ status: 'Approved', effectiveDate: ahead });
        const pending = await h.call(
            'GET',
            `/v1/models/${h.modelId}/rollout?territoryId=${first!.territoryId}`
        );
        expect(pending.body.pending).toMatchObject({
            scenarioId,
            state: 'pending',
            effectiveDate: ahead,
            territoryId: first!.territoryId,
            gained: first!.gained,
            lost: first!.lost
        });
        const untouched = [...h.org.store.all('Territory2')].find(
            (t) => !reps.some((r) => r.territoryId === t.Id) && t.Territory2ModelId === h.modelId
        );
        if (untouched)
            expect(
                (
                    await h.call(
                        'GET',
                        `/v1/models/${h.modelId}/rollout?territoryId=${String(untouched.Id)}`
                    )
                ).body
            ).toEqual({ pending: null });

        // Approved again for today: the apply runs now, and each affected rep is notified.
        const today = new Date().toISOString().slice(0, 10);
        const now = await h.call('POST', `/v1/scenarios/${scenarioId}/approve`, {
            effectiveDate: today
        });
        expect(now.status).toBe(202);
        const applied = await h.waitForJob(now.body.jobId);
        expect(applied.state).toBe('completed');
        const staffed = reps.filter((r) => r.repId);
        expect(applied.result.notifications).toEqual({ sent: staffed.length, failed: 0 });

        const sf = await connectSalesforce(h.sfConfig);
        const { notifications } = await sf.client.request<{
            notifications: {
                recipientId: string;
                type: string;
                messageTitle: string;
                messageBody: string;
                targetPageRef: string;
            }[];
        }>('GET', '/connect/notifications');
        expect(notifications).toHaveLength(staffed.length);
        for (const rep of staffed) {
            const note = notifications.find((n) =>
                n.recipientId.startsWith(rep.repId!.slice(0, 15))
            );
            expect(note, rep.territoryId).toBeDefined();
            expect(note!.type).toBe('Territory_Rollout');
            expect(note!.messageBody).toContain(
                `you gain ${rep.gained} account${rep.gained === 1 ? '' : 's'} and lose ${rep.lost}`
            );
            expect(JSON.parse(note!.targetPageRef)).toEqual({
                type: 'standard__navItemPage',
                attributes: { apiName: 'Territory_Rollout' },
                state: { c__scenarioId: scenarioId, c__territoryId: rep.territoryId }
            });
        }
        // Just applied: the card still shows it, as applied.
        const after = await h.call(
            'GET',
            `/v1/models/${h.modelId}/rollout?territoryId=${first!.territoryId}`
        );
        expect(after.body.pending).toMatchObject({ scenarioId, state: 'applied' });
    });

    it('applies the plan when the notifications cannot be sent, and says so on the job', async () => {
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Rollout without a notification type',
            settings: { balance: ['Count'], tolerance: 0.02, seed: 9 }
        });
        expect((await h.waitForJob(created.body.jobId)).state).toBe('completed');
        const { scenarioId } = created.body;
        const reps = (await h.call('GET', `/v1/scenarios/${scenarioId}/rollout`)).body
            .reps as RepRollout[];
        expect(reps.length).toBeGreaterThan(0);
        // The package's notification type was never deployed in this org.
        for (const type of [...h.org.store.all('CustomNotificationType')])
            h.org.store.delete(type.Id);
        const approved = await h.call('POST', `/v1/scenarios/${scenarioId}/approve`);
        const applied = await h.waitForJob(approved.body.jobId);
        expect(applied.state).toBe('completed');
        expect(applied.result.notifications).toEqual({
            sent: 0,
            failed: reps.filter((r) => r.repId).length,
            error: expect.stringContaining('no custom notification type Territory_Rollout')
        });
        expect((await h.call('GET', `/v1/scenarios/${scenarioId}`)).body.status).toBe('Applied');
    });
});
