import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDriftJob } from '../../src/jobs/review-drift.js';
import { addTurnoverJob } from '../../src/jobs/turnover-redistribute.js';
import { TURNOVER_NEIGHBOURS } from '../../src/jobs/turnover-plan.js';
import { kpiSince } from '../../src/jobs/territory-figures.js';
import { ORG_LIMIT_AWARE_LIMITER } from '../../src/jobs/workers.js';
import { finished, startHarness, type Harness } from './harness.js';

/** Asserts the org holds exactly `target` (one territory per account) and nobody was uncovered. */
function expectOrgAt(h: Harness, target: Map<string, string>) {
    const org = h.orgAssignments();
    const wrong = [...target].filter(([a, t]) => org.get(a)?.length !== 1 || org.get(a)?.[0] !== t);
    expect(wrong, 'accounts not exactly in their target territory').toEqual([]);
    expect(h.uncovered, 'accounts that were without a territory at some moment').toEqual([]);
}

/**
 * Asserts each territory of the model carries the figures the org's pages read: accounts and the
 * last 12 months' closed deals, summed here straight from the local org's records.
 */
function expectStoredFigures(h: Harness, writtenAfter: number) {
    const since = kpiSince(new Date());
    const territoryOf = new Map([...h.orgAssignments()].map(([a, t]) => [a, t.join('|')]));
    const expected = new Map<
        string,
        { accounts: number; sales: number; won: number; closed: number }
    >();
    const entry = (territoryId: string) => {
        let e = expected.get(territoryId);
        if (!e) expected.set(territoryId, (e = { accounts: 0, sales: 0, won: 0, closed: 0 }));
        return e;
    };
    for (const [accountId, territoryId] of territoryOf) {
        const account = h.org.store.get(accountId)!;
        if (account.BillingLatitude !== null && account.BillingLatitude !== undefined)
            entry(territoryId).accounts += 1;
    }
    let dealsInWindow = 0;
    for (const o of h.org.store.all('Opportunity')) {
        const territoryId = territoryOf.get(String(o.AccountId));
        if (!territoryId || o.IsClosed !== true || String(o.CloseDate) < since) continue;
        dealsInWindow += 1;
        const e = entry(territoryId);
        e.closed += 1;
        if (o.IsWon === true) {
            e.won += 1;
            e.sales += Number(o.Amount ?? 0);
        }
    }
    expect(dealsInWindow, 'closed deals in the KPI window of the sample org').toBeGreaterThan(0);
    const territories = [...h.org.store.all('Territory2')].filter(
        (t) => t.Territory2ModelId === h.modelId
    );
    for (const t of territories) {
        const e = expected.get(String(t.Id)) ?? { accounts: 0, sales: 0, won: 0, closed: 0 };
        expect(t, String(t.Name)).toMatchObject({
            Account_Count__c: e.accounts,
            Won_Deals_12M__c: e.won,
            Closed_Deals_12M__c: e.closed
        });
        expect(t.Sales_12M__c as number).toBeCloseTo(e.sales, 2);
        expect(Date.parse(String(t.Figures_At__c))).toBeGreaterThanOrEqual(writtenAfter - 1000);
    }
}

/**
 * The model's postal units are in the org as one set (one Written_At__c, the one the model
 * names), and hold the accounts the territory figures count.
 */
function expectStoredUnits(h: Harness, writtenAfter: number) {
    const rows = [...h.org.store.all('Territory_Unit__c')].filter(
        (u) => u.Territory_Model_Id__c === h.modelId
    );
    expect(rows.length).toBeGreaterThan(0);
    const stamps = new Set(rows.map((u) => Date.parse(String(u.Written_At__c))));
    expect([...stamps]).toEqual([Date.parse(String(h.org.store.get(h.modelId)!.Units_At__c))]);
    expect([...stamps][0]).toBeGreaterThanOrEqual(writtenAfter - 1000);
    const territoryAccounts = [...h.org.store.all('Territory2')]
        .filter((t) => t.Territory2ModelId === h.modelId)
        .reduce((s, t) => s + Number(t.Account_Count__c ?? 0), 0);
    expect(rows.reduce((s, u) => s + Number(u.Account_Count__c), 0)).toBe(territoryAccounts);
}

describe('generate → compare → approve → apply', () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness();
    });
    afterAll(() => h.close());

    it('runs the whole flow through the API and leaves the org exactly in the plan', async () => {
        const sample = h.org.sample!;
        const removedRep = sample.repIds[0]!;
        const current = h.orgAssignments();
        const lockedTerritory = sample.territoryByRep.get(sample.repIds[1]!)!;
        const lockedAccounts = [...current]
            .filter(([, t]) => t[0] === sample.territoryByRep.get(sample.repIds[2]!))
            .slice(0, 3)
            .map(([a]) => a);
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Add Boise, drop rep 1',
            settings: {
                balance: ['Workload', 'Count'],
                tolerance: 0.1,
                addReps: [{ name: 'Boise Hire', lat: 43.615, lon: -116.2023 }],
                removeRepIds: [removedRep],
                lockedAccountIds: lockedAccounts,
                lockedTerritoryIds: [lockedTerritory],
                seed: 3
            }
        });
        expect(created.status).toBe(202);
        const { scenarioId, jobId } = created.body;

        const generated = await h.waitForJob(jobId);
        expect(generated).toMatchObject({
            state: 'completed',
            queue: 'scenario-generate',
            progress: { percent: 100, stage: 'done' },
            result: { scenarioId, status: 'Ready' }
        });
        const scenario = (await h.call('GET', `/v1/scenarios/${scenarioId}`)).body;
        expect(scenario).toMatchObject({ id: scenarioId, status: 'Ready', source: 'Planner' });
        expect(scenario.metrics.reps).toHaveLength(sample.repIds.length); // 6 - 1 + 1
        expect(scenario.accountsMoved).toBeGreaterThan(0);

        // Assignments, page by page, add up to every account.
        const first = (await h.call('GET', `/v1/scenarios/${scenarioId}/assignments?pageSize=100`))
            .body;
        expect(first.total).toBe(300);
        expect(first.items).toHaveLength(100);
        const rows: { accountId: string; territoryId: string; previousTerritoryId: string }[] = [];
        for (let page = 1; page <= 3; page++)
            rows.push(
                ...(
                    await h.call(
                        'GET',
                        `/v1/scenarios/${scenarioId}/assignments?pageSize=100&page=${page}`
                    )
                ).body.items
            );
        expect(new Set(rows.map((r) => r.accountId)).size).toBe(300);
        const removedTerritory = sample.territoryByRep.get(removedRep)!;
        expect(rows.filter((r) => r.territoryId === removedTerritory)).toEqual([]);
        expect(rows.some((r) => r.territoryId === 'new-1')).toBe(true);
        // Locks hold: locked accounts, and every account of the locked territory, stay put.
        for (const r of rows)
            if (lockedAccounts.includes(r.accountId) || r.previousTerritoryId === lockedTerritory)
                expect(r.territoryId, r.accountId).toBe(r.previousTerritoryId);
        expect(
            rows.filter((r) => r.previousTerritoryId === lockedTerritory).length
        ).toBeGreaterThan(0);

        const compare = await h.call('GET', `/v1/scenarios/compare?a=current&b=${scenarioId}`);
        expect(compare.status).toBe(200);
        expect(compare.body.a.id).toBe('current');
        expect(compare.body.b.maxDeviation).toBeLessThan(compare.body.a.maxDeviation);
        expect(compare.body.movedAccounts.total).toBe(scenario.accountsMoved);
        const removedRow = compare.body.repChanges.find(
            (r: { territoryId: string }) => r.territoryId === removedTerritory
        );
        expect(removedRow).toMatchObject({ accountsAfter: 0, gained: 0 });
        expect(removedRow.lost).toBe(removedRow.accountsBefore);

        const approvedAt = Date.now();
        const approved = await h.call('POST', `/v1/scenarios/${scenarioId}/approve`, {
            approvedBy: sample.adminUserId
        });
        expect(approved).toEqual({
            status: 202,
            body: {
                jobId: `apply-${scenarioId}`,
                effectiveDate: new Date().toISOString().slice(0, 10),
                applyAt: expect.any(String)
            }
        });
        const applied = await h.waitForJob(approved.body.jobId);
        expect(applied.state).toBe('completed');
        expect(applied.result).toMatchObject({ scenarioId, createdTerritories: 1 });

        const newTerritory = [...h.org.store.all('Territory2')].find(
            (t) => t.Name === 'Boise Hire (new)'
        );
        expect(newTerritory).toBeDefined();
        const target = new Map(
            rows.map((r) => [
                r.accountId,
                r.territoryId === 'new-1' ? newTerritory!.Id : r.territoryId
            ])
        );
        expectOrgAt(h, target);

        // The applied plan's figures are on the territories, for the org's own pages.
        const counts = new Map<string, number>();
        for (const t of target.values()) counts.set(t, (counts.get(t) ?? 0) + 1);
        for (const [territoryId, count] of counts) {
            const t = h.org.store.get(territoryId)!;
            expect(t.Account_Count__c, territoryId).toBe(count);
            expect(t.Workload__c).toBeGreaterThan(0);
            expect(t.Potential__c).toBeGreaterThan(0);
            expect(typeof t.Deviation__c).toBe('number');
            expect(t.Travel_Km__c).toBeGreaterThan(0);
        }
        expectStoredFigures(h, approvedAt);
        expectStoredUnits(h, approvedAt);
        const removedFigures = h.org.store.get(removedTerritory)!;
        expect(removedFigures).toMatchObject({
            Account_Count__c: 0,
            Potential__c: 0,
            Workload__c: 0
        });

        const done = (await h.call('GET', `/v1/scenarios/${scenarioId}`)).body;
        expect(done).toMatchObject({ status: 'Applied', appliedBy: sample.adminUserId });
        const rollout = done.metrics.rollout as {
            territoryId: string;
            gained: number;
            lost: number;
            accountsAfter: number;
        }[];
        expect(rollout.reduce((s, r) => s + r.gained, 0)).toBe(scenario.accountsMoved);
        expect(rollout.find((r) => r.territoryId === newTerritory!.Id)?.accountsAfter).toBe(
            rows.filter((r) => r.territoryId === 'new-1').length
        );
        // The stored CSV now names the created territory instead of the placeholder.
        const csv = await h.gateway.loadAssignments(scenarioId);
        expect(csv.some((r) => r.territoryId === 'new-1')).toBe(false);

        // Approving again while Applied is refused; the ETM state does not change.
        const again = await h.call('POST', `/v1/scenarios/${scenarioId}/approve`, {
            approvedBy: sample.adminUserId
        });
        expect(again.status).toBe(409);
    });
});

describe('a plan scoped to one branch of the model', () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ org: { seed: 19, reps: 9 } });
    });
    afterAll(() => h.close());

    it('moves only accounts of that branch, and only between its territories', async () => {
        const territories = [...h.org.store.all('Territory2')];
        const branchOf = new Map(territories.map((t) => [t.Id, String(t.ParentTerritory2Id)]));
        // The region holding the most rep territories.
        const counts = new Map<string, number>();
        for (const t of h.org.sample!.territoryByRep.values())
            counts.set(branchOf.get(t)!, (counts.get(branchOf.get(t)!) ?? 0) + 1);
        const region = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
        expect(counts.get(region)).toBeGreaterThanOrEqual(2);
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'One region',
            scope: { parentTerritoryId: region },
            settings: { balance: ['Workload', 'Count'], disruptionWeight: 0 }
        });
        expect((await h.waitForJob(created.body.jobId)).state).toBe('completed');
        const rows = await h.gateway.loadAssignments(created.body.scenarioId);
        const inRegion = [...h.orgAssignments()].filter(([, t]) => branchOf.get(t[0]!) === region);
        expect(rows.map((r) => r.accountId).sort()).toEqual(inRegion.map(([a]) => a).sort());
        for (const r of rows) expect(branchOf.get(r.territoryId), r.accountId).toBe(region);
        expect(rows.some((r) => r.territoryId !== r.previousTerritoryId)).toBe(true);
    });
});

describe('two approvals on one model', () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ org: { seed: 17 } });
    });
    afterAll(() => h.close());

    async function generate(name: string, balance: string[]): Promise<string> {
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name,
            settings: { balance, disruptionWeight: 0 }
        });
        expect((await h.waitForJob(created.body.jobId)).state).toBe('completed');
        return created.body.scenarioId as string;
    }

    it('runs every worker with the limiter that makes a request-limit pause hold', () => {
        // Workers honour a queue's manual rate limit only with a limiter:
        // salesforce-faults.test.ts shows one without it fetching through the pause.
        expect(h.running!.workers.map((w) => w.opts.limiter)).toEqual(
            h.running!.workers.map(() => ORG_LIMIT_AWARE_LIMITER)
        );
    });

    it('of two scenarios generated from one plan and approved at once, applies one and refuses the other', async () => {
        // Two different plans (an identical second plan would change nothing: no lost update).
        const ids = [
            await generate('By workload', ['Workload', 'Count']),
            await generate('By count', ['Count'])
        ];
        const [rowsA, rowsB] = await Promise.all(ids.map((id) => h.gateway.loadAssignments(id)));
        const targetB = new Map(rowsB!.map((r) => [r.accountId, r.territoryId]));
        expect(
            rowsA!.filter((r) => targetB.get(r.accountId) !== r.territoryId).length
        ).toBeGreaterThan(0);
        // Both writes are slow enough to overlap if nothing serialised them.
        h.org.faults.add({ kind: 'slow', method: 'DELETE', delayMs: 300, times: Infinity });
        const approvals = await Promise.all(
            ids.map((id) => h.call('POST', `/v1/scenarios/${id}/approve`))
        );
        // Both were generated from the plan the org still holds: both approvals are accepted,
        // and the applies decide, one after the other, under the model lock.
        expect(approvals.map((a) => a.status)).toEqual([202, 202]);
        const results = await Promise.all(
            approvals.map((a) => h.waitForJob(a.body.jobId as string))
        );
        h.org.faults.clear();
        const applied = results.filter((r) => r.state === 'completed');
        const refused = results.filter((r) => r.state === 'failed');
        expect(applied).toHaveLength(1);
        expect(refused).toHaveLength(1);
        expect(refused[0].failedReason).toContain(
            'was generated from a plan that has changed since'
        );
        const [first, second] = await Promise.all(
            [applied[0].id, refused[0].id].map((id) => h.queues.apply.getJob(id))
        );
        expect(second!.processedOn!).toBeGreaterThanOrEqual(first!.finishedOn!);

        const winner = (first!.data as { scenarioId: string }).scenarioId;
        const loser = (second!.data as { scenarioId: string }).scenarioId;
        const records = await Promise.all([winner, loser].map((id) => h.gateway.loadScenario(id)));
        expect(records[0]).toMatchObject({ status: 'Applied' });
        expect(records[1]).toMatchObject({ status: 'Failed' });
        expect(records[1]!.error).toContain('nothing was written');
        expect(records[1]!.error).toContain('generate the scenario again');
        // The org holds the plan that was applied, not a mix.
        const rows = await h.gateway.loadAssignments(winner);
        const org = h.orgAssignments();
        expect(rows.filter((r) => org.get(r.accountId)?.join() !== r.territoryId)).toEqual([]);
        expect(h.uncovered).toEqual([]);

        // Approving the refused one again is refused at once, naming what changed.
        const again = await h.call('POST', `/v1/scenarios/${loser}/approve`);
        expect(again.status).toBe(409);
        expect(again.body.message).toContain('was generated from a plan that has changed since');
        expect(again.body.message).toMatch(/territory 0MI\w+ now holds/);
    });

    it('refuses to approve a scenario whose territories were edited by hand since, writing nothing', async () => {
        const id = await generate('Before the edit', ['Workload']);
        const rows = await h.gateway.loadAssignments(id);
        // An admin moves one account to a third territory in Setup (neither where the scenario
        // found it nor where the scenario puts it).
        const other = rows.find((r) => r.previousTerritoryId)!;
        const to = rows.find(
            (r) =>
                r.previousTerritoryId &&
                r.previousTerritoryId !== other.previousTerritoryId &&
                r.previousTerritoryId !== other.territoryId
        )!.previousTerritoryId;
        const association = [...h.org.store.all('ObjectTerritory2Association')].find(
            (a) => a.ObjectId === other.accountId && a.Territory2Id === other.previousTerritoryId
        )!;
        h.org.store.insert('ObjectTerritory2Association', {
            ObjectId: other.accountId,
            Territory2Id: to,
            AssociationCause: 'Territory2Manual'
        });
        h.org.store.delete(association.Id);
        const before = h.orgAssignments();
        const res = await h.call('POST', `/v1/scenarios/${id}/approve`);
        expect(res.status).toBe(409);
        expect(res.body.message).toContain(
            `Scenario ${id} was generated from a plan that has changed since`
        );
        expect(res.body.message).toContain(other.previousTerritoryId);
        expect(res.body.message).toContain(to);
        expect(res.body.message).toContain('generate the scenario again');
        expect((await h.gateway.loadScenario(id))!.status).toBe('Ready');
        expect(h.orgAssignments()).toEqual(before);
        // Generated again from the current plan, it is approved and applied.
        const fresh = await generate('After the edit', ['Workload']);
        const approved = await h.call('POST', `/v1/scenarios/${fresh}/approve`);
        expect(approved.status).toBe(202);
        expect((await h.waitForJob(approved.body.jobId)).state).toBe('completed');
    });
});

describe('cancelling a running generation', () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ org: { seed: 13 } });
    });
    afterAll(() => h.close());

    it('stops the job at the next stage and discards the scenario', async () => {
        // The pull answers slowly, so the job is active when the cancel arrives.
        h.org.faults.add({ kind: 'slow', method: 'GET', path: '/query', delayMs: 800, times: 3 });
        const created = await h.call('POST', '/v1/scenarios', {
            modelId: h.modelId,
            name: 'Never mind',
            settings: { balance: ['Count'] }
        });
        const { scenarioId, jobId } = created.body;
        for (let i = 0; (await h.call('GET', `/v1/jobs/${jobId}`)).body.state !== 'active'; i++) {
            if (i > 200) throw new Error('job never became active');
            await new Promise((r) => setTimeout(r, 20));
        }
        const cancel = await h.call('DELETE', `/v1/jobs/${jobId}`);
        expect(cancel.body).toEqual({ id: jobId, state: 'cancelling' });
        const job = await h.waitForJob(jobId);
        expect(job).toMatchObject({ state: 'failed', failedReason: `Job ${jobId} was cancelled` });
        expect(job.attemptsMade).toBe(1);
        const scenario = (await h.call('GET', `/v1/scenarios/${scenarioId}`)).body;
        expect(scenario).toMatchObject({ status: 'Discarded', error: 'Cancelled' });
        expect(await h.gateway.loadAssignments(scenarioId)).toEqual([]);
        // Only generation can be cancelled; a finished job cannot.
        const again = await h.call('DELETE', `/v1/jobs/${jobId}`);
        expect(again.status).toBe(409);
    });
});

describe('turnover', () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ org: { seed: 11 } });
    });
    afterAll(() => h.close());

    it('proposes moving only the accounts of a deactivated rep, once', async () => {
        const sample = h.org.sample!;
        const leaver = sample.repIds[2]!;
        const vacant = sample.territoryByRep.get(leaver)!;
        const before = h.orgAssignments();
        const orphaned = [...before].filter(([, t]) => t[0] === vacant).map(([a]) => a);
        expect(orphaned.length).toBeGreaterThan(0);
        h.org.store.update('User', leaver, { IsActive: false });

        const job = await addTurnoverJob(h.queues.turnover, {
            policy: 'propose',
            measures: ['Workload', 'Count']
        });
        expect(await finished(job)).toBe('completed');
        const result = (await h.queues.turnover.getJob(String(job.id)))!.returnvalue;
        expect(result).toMatchObject({ vacantTerritoryIds: [vacant], applied: false });
        const scenario = await h.gateway.loadScenario(result.scenarioId);
        expect(scenario).toMatchObject({ status: 'Proposed', source: 'Turnover' });
        expect(scenario!.summary).toMatch(/left: \d+ accounts to \d+ neighbouring reps/);
        const rows = await h.gateway.loadAssignments(result.scenarioId);
        const moved = rows.filter((r) => r.territoryId !== r.previousTerritoryId);
        // Every orphaned account moves, to one of the few nearest territories with an active
        // rep, and nothing else moves.
        expect(moved.map((r) => r.accountId).sort()).toEqual([...orphaned].sort());
        expect(rows.filter((r) => r.territoryId === vacant)).toEqual([]);
        const receivers = new Set(moved.map((r) => r.territoryId));
        expect(receivers.size).toBeGreaterThan(1);
        expect(receivers.size).toBeLessThanOrEqual(TURNOVER_NEIGHBOURS);
        expect(scenario!.summary).toContain(
            `left: ${orphaned.length} accounts to ${receivers.size} neighbouring reps`
        );
        // The ETM plan is untouched until approval.
        expect(h.orgAssignments()).toEqual(before);

        // The next run finds the open scenario and creates no other.
        const rerun = await addTurnoverJob(h.queues.turnover, {
            policy: 'propose',
            measures: ['Workload', 'Count']
        });
        expect(await finished(rerun)).toBe('completed');
        expect((await h.queues.turnover.getJob(String(rerun.id)))!.returnvalue.scenarioId).toBe(
            result.scenarioId
        );
        const turnovers = (await h.gateway.listScenarios(h.modelId)).filter(
            (s) => s.source === 'Turnover'
        );
        expect(turnovers).toHaveLength(1);
    });

    it('auto-applies when the policy says so (rep removed from the territory)', async () => {
        const sample = h.org.sample!;
        const leaver = sample.repIds[4]!;
        const vacant = sample.territoryByRep.get(leaver)!;
        const association = [...h.org.store.all('UserTerritory2Association')].find(
            (u) => u.UserId === leaver
        )!;
        h.org.store.delete(association.Id);
        const job = await addTurnoverJob(h.queues.turnover, {
            policy: 'auto-apply',
            measures: ['Workload', 'Count']
        });
        expect(await finished(job)).toBe('completed');
        const result = (await h.queues.turnover.getJob(String(job.id)))!.returnvalue;
        expect(result.applied).toBe(true);
        expect(result.vacantTerritoryIds).toContain(vacant);
        const apply = await h.queues.apply.getJob(`apply-${result.scenarioId}`);
        expect(await finished(apply)).toBe('completed');
        const rows = await h.gateway.loadAssignments(result.scenarioId);
        expectOrgAt(h, new Map(rows.map((r) => [r.accountId, r.territoryId])));
        expect([...h.orgAssignments().values()].flat()).not.toContain(vacant);
        expect((await h.gateway.loadScenario(result.scenarioId))?.status).toBe('Applied');
    });
});

describe('drift review', () => {
    let h: Harness;
    beforeAll(async () => {
        h = await startHarness({ org: { seed: 5 } });
    });
    afterAll(() => h.close());

    it('does nothing while the plan is within the threshold', async () => {
        const startedAt = Date.now();
        const job = await addDriftJob(h.queues.drift, { threshold: 50, measures: ['Workload'] });
        expect(await finished(job)).toBe('completed');
        const result = (await h.queues.drift.getJob(String(job.id)))!.returnvalue;
        expect(result.scenarioId).toBeUndefined();
        expect(result.maxDeviation).toBeGreaterThan(0.1);
        expect(await h.gateway.listScenarios(h.modelId)).toEqual([]);
        // The review pulled the whole model: the current plan's figures are on its territories.
        expectStoredFigures(h, startedAt);
        expectStoredUnits(h, startedAt);
    });

    it('proposes a rebalance when the plan drifted beyond the threshold', async () => {
        const job = await addDriftJob(h.queues.drift, {
            threshold: 0.1,
            measures: ['Workload', 'Count']
        });
        expect(await finished(job)).toBe('completed');
        const result = (await h.queues.drift.getJob(String(job.id)))!.returnvalue;
        expect(result.maxDeviation).toBeGreaterThan(0.1);
        const scenario = await h.gateway.loadScenario(result.scenarioId);
        expect(scenario).toMatchObject({ status: 'Proposed', source: 'Drift Review' });
        expect(scenario!.maxDeviation).toBeLessThan(result.maxDeviation);
        expect((scenario!.metrics as { drift: { before: number } }).drift.before).toBeCloseTo(
            result.maxDeviation,
            6
        );

        // The next review supersedes the proposal nobody approved.
        const next = await addDriftJob(h.queues.drift, {
            threshold: 0.1,
            measures: ['Workload', 'Count']
        });
        expect(await finished(next)).toBe('completed');
        const nextId = (await h.queues.drift.getJob(String(next.id)))!.returnvalue.scenarioId;
        expect(nextId).not.toBe(result.scenarioId);
        expect(await h.gateway.loadScenario(result.scenarioId)).toMatchObject({
            status: 'Discarded',
            error: expect.stringContaining(`Superseded by the drift review`)
        });
        expect((await h.gateway.loadScenario(nextId))?.status).toBe('Proposed');
    });

    it('is scheduled with upsertJobScheduler (quarterly by default), idempotently', async () => {
        const extra = await h.startWorkers({ driftCron: '0 6 1 1,4,7,10 *' });
        await extra.close(1000);
        const again = await h.startWorkers({ driftCron: '0 6 1 1,4,7,10 *' });
        const schedulers = await h.queues.drift.getJobSchedulers();
        expect(schedulers).toHaveLength(1);
        expect(schedulers[0]).toMatchObject({
            key: 'drift-review-schedule',
            pattern: '0 6 1 1,4,7,10 *'
        });
        expect(new Date(schedulers[0]!.next!).getUTCDate()).toBe(1);
        expect([0, 3, 6, 9]).toContain(new Date(schedulers[0]!.next!).getUTCMonth());
        await again.close(1000);
    });
});
