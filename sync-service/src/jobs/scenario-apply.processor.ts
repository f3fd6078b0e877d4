/**
 * Processor of `scenario-apply`: writes an approved scenario to ETM.
 *
 * Checkpointed and idempotent, so a killed worker, a retried attempt or a Redis restart resumes to
 * the exact target:
 *  0. the plan the scenario was generated from must still be the org's (plan-base.ts), else the
 *     scenario is refused (Failed, nothing written) and must be generated again;
 *  1. territories for added reps are found by name before any is created, and their ids are
 *     checkpointed in the job data as soon as they exist;
 *  2. the assignment write is a delta computed against the org's current state by the gateway
 *     (insert the new association, then delete the old one), so re-running it only does what is
 *     left and no account is ever without a territory;
 *  3. the result is read back and compared with the target before the scenario is marked Applied;
 *  4. the per-rep change report (accounts gained/lost, measures before/after, relative to the
 *     plan the scenario was generated from) is saved on the scenario;
 *  5. each rep who gains or loses accounts gets a Custom Notification linking to their "what
 *     changes for me" (rollout.ts); a failure to notify is logged and reported on the job, and
 *     never fails the apply.
 */
import { DelayedError, type Job } from 'bullmq';
import { buildChangeReport } from './change-report.js';
import {
    throwIfCancelled,
    withFaultPolicy,
    type JobContext,
    type StageProgress
} from './context.js';
import type { PlanTerritory, ScenarioAssignment } from './gateway.js';
import type { RepChange } from './change-report.js';
import { ROLLOUT_NOTIFICATION_TYPE, rolloutNotifications } from './rollout.js';
import type { Logger } from '../logger.js';
import { assertBaseUnchanged, BaseChangedError, NoBaseError } from './plan-base.js';
import { isNewRepKey, measuredAccounts, newRepIndex, repsOfPlan } from './plan-inputs.js';
import { BadInputError } from './salesforce-faults.js';
import type { ApplyJobData, ApplyJobResult } from './scenario-apply.js';
import { assertSettings } from './scenario-settings.js';
import { kpiSince, territoryFigures } from './territory-figures.js';
import { territoryUnits } from './territory-units.js';

/** Job data plus the checkpoint the processor writes back into it. */
export interface ApplyCheckpoint extends ApplyJobData {
    /** `new-N` → created Territory2 id. */
    createdTerritories?: Record<string, string>;
}

/** Statuses from which an apply may (re)start. */
const APPLICABLE = new Set(['Approved', 'Applying', 'Applied']);

/** How long a model's apply lock lives without renewal (a dead worker's lock frees itself). */
const MODEL_LOCK_MS = 30_000;
/** How long an apply waits before trying again when another apply holds its model. */
const MODEL_BUSY_RETRY_MS = 1000;

const RELEASE_IF_OWNER =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * One apply per territory model at a time, across every worker: two deltas computed against the
 * same org state must not interleave. The lock names the job, so the same job resumed after a
 * crash gets it back at once; another job waits (moved to delayed, no attempt spent).
 */
async function withModelLock<T>(
    ctx: JobContext,
    job: Job,
    token: string | undefined,
    modelId: string,
    body: () => Promise<T>
): Promise<T> {
    const client = await ctx.queues.apply.backend.client;
    const key = `${ctx.queues.prefix}:apply-lock:${modelId}`;
    const owner = String(job.id);
    const taken = await client.runCommand('set', [key, owner, 'NX', 'PX', MODEL_LOCK_MS]);
    if (taken !== 'OK' && (await client.get(key)) !== owner) {
        await job.moveToDelayed(Date.now() + MODEL_BUSY_RETRY_MS, token);
        throw new DelayedError(`Model ${modelId} is being written by another apply`);
    }
    const renew = setInterval(() => {
        void client.set(key, owner, { PX: MODEL_LOCK_MS }).catch(() => undefined);
    }, MODEL_LOCK_MS / 3);
    try {
        return await body();
    } finally {
        clearInterval(renew);
        await client.runCommand('eval', [RELEASE_IF_OWNER, 1, key, owner]).catch(() => undefined);
    }
}

export async function processApply(
    job: Job<ApplyCheckpoint, ApplyJobResult>,
    token: string | undefined,
    signal: AbortSignal | undefined,
    ctx: JobContext
): Promise<ApplyJobResult> {
    const { gateway } = ctx;
    return withFaultPolicy(
        ctx,
        ctx.queues.apply,
        job,
        () => withModelLock(ctx, job, token, job.data.modelId, () => apply(job, signal, ctx)),
        (error) =>
            gateway.updateScenario(job.data.scenarioId, {
                status: 'Failed',
                // A scenario refused for its base was not written at all: regenerate, not resume.
                error:
                    error instanceof BaseChangedError || error instanceof NoBaseError
                        ? `Apply refused, nothing was written: ${error.message}`
                        : `Apply stopped: ${error.message}. The org keeps every account in a territory; approve again to resume.`
            })
    );
}

async function apply(
    job: Job<ApplyCheckpoint, ApplyJobResult>,
    signal: AbortSignal | undefined,
    ctx: JobContext
): Promise<ApplyJobResult> {
    const { gateway } = ctx;
    const { scenarioId, modelId, approvedBy } = job.data;
    const log = ctx.logger.child({ jobId: job.id, queue: job.queueName, scenarioId });
    const progress = (percent: number, stage: string) =>
        job.updateProgress({ percent, stage } satisfies StageProgress);

    const scenario = await gateway.loadScenario(scenarioId);
    if (!scenario) throw new BadInputError(`Scenario ${scenarioId} does not exist`);
    if (!APPLICABLE.has(scenario.status))
        throw new BadInputError(
            `Scenario ${scenarioId} is ${scenario.status}; only an Approved scenario can be applied`
        );
    if (scenario.modelId !== modelId)
        throw new BadInputError(`Scenario ${scenarioId} belongs to model ${scenario.modelId}`);
    await progress(2, 'loading');
    const rows = await gateway.loadAssignments(scenarioId);
    if (rows.length === 0) throw new BadInputError(`Scenario ${scenarioId} has no assignments`);
    const settings = assertSettings(scenario.settings);

    // 0. The plan the scenario was generated from must still be the org's (plan-base.ts):
    // checked under the model lock, before anything is written, so of two scenarios generated
    // from one plan only the first applied is written. Its own earlier writes (a resumed apply)
    // are not a change.
    await progress(4, 'checking');
    const snapshot = await gateway.pullPlan(modelId);
    const created = { ...(job.data.createdTerritories ?? {}) };
    const byName = new Map(snapshot.territories.map((t) => [t.name, t.id]));
    const newRepName = (key: string) =>
        `${settings.addReps?.[newRepIndex(key)]?.name ?? key} (new)`;
    assertBaseUnchanged(scenario, await gateway.currentAssignments(modelId), rows, {
        resolve: (t) => (isNewRepKey(t) ? (created[t] ?? byName.get(newRepName(t)) ?? t) : t),
        names: new Map(snapshot.territories.map((t) => [t.id, t.name]))
    });
    await gateway.updateScenario(scenarioId, { status: 'Applying', jobId: String(job.id) });

    // 1. Territories for added reps.
    await progress(5, 'territories');
    const needed = [...new Set(rows.map((r) => r.territoryId).filter(isNewRepKey))].filter(
        (key) => !created[key]
    );
    if (needed.length > 0) {
        const toCreate: { key: string; name: string }[] = [];
        for (const key of needed) {
            const rep = settings.addReps?.[newRepIndex(key)];
            if (!rep)
                throw new BadInputError(`Scenario ${scenarioId} names unknown new rep ${key}`);
            const name = `${rep.name} (new)`;
            const existing = byName.get(name);
            if (existing) created[key] = existing;
            else toCreate.push({ key, name });
        }
        if (toCreate.length > 0) {
            const ids = await gateway.createTerritories(
                modelId,
                toCreate.map((t) => ({ name: t.name }))
            );
            toCreate.forEach((t, i) => {
                const id = ids[i];
                if (id) created[t.key] = id;
            });
        }
        await job.updateData({ ...job.data, createdTerritories: created });
    }
    const resolve = (territoryId: string) => created[territoryId] ?? territoryId;
    const target = new Map(rows.map((r) => [r.accountId, resolve(r.territoryId)]));
    const known = new Set([...snapshot.territories.map((t) => t.id), ...Object.values(created)]);
    const unknown = [...new Set(target.values())].filter((id) => !known.has(id));
    if (unknown.length > 0)
        throw new BadInputError(
            `Scenario ${scenarioId} targets territories that are not in model ${modelId}: ${unknown
                .slice(0, 5)
                .join(', ')}`
        );

    // 2. The delta write (the gateway compares with the org's current state).
    await throwIfCancelled(ctx, ctx.queues.apply, job, signal);
    await progress(10, 'writing');
    let lastPercent = 10;
    const outcome = await gateway.applyAssignments(modelId, target, {
        ...(signal ? { signal } : {}),
        onProgress: ({ done, total }) => {
            const percent = 10 + Math.floor((done / Math.max(total, 1)) * 75);
            if (percent <= lastPercent) return;
            lastPercent = percent;
            void progress(percent, 'writing').catch(() => undefined);
        }
    });
    log.info(outcome, 'assignments written');

    // 3. Read back: the org must now be exactly the target.
    await progress(88, 'verifying');
    const now = await gateway.currentAssignments(modelId);
    const wrong = [...target].filter(([accountId, t]) => now.get(accountId) !== t);
    if (wrong.length > 0)
        throw new Error(
            `After the write ${wrong.length} account(s) are not in their target territory (first: ${wrong[0]?.[0]}); retrying`
        );

    // 4. Per-rep change report, saved with the scenario.
    await progress(94, 'reporting');
    const before = new Map(
        rows.filter((r) => r.previousTerritoryId).map((r) => [r.accountId, r.previousTerritoryId])
    );
    const territories = [
        ...snapshot.territories,
        ...Object.entries(created).map(([key, id]) => ({
            id,
            name: `${settings.addReps?.[newRepIndex(key)]?.name ?? key} (new)`,
            repActive: true
        }))
    ];
    // Potential and Workload are reported whatever was balanced (the Territory2 figure fields).
    const measures = [...new Set([...settings.balance, 'Potential', 'Workload'])];
    const rollout = buildChangeReport(snapshot.accounts, territories, before, target, measures);

    // 5. The applied plan's figures on each territory, for the org's own pages (Apex, LWC).
    const accounts = measuredAccounts(snapshot);
    const reps = repsOfPlan({ ...snapshot, territories }, target, {
        removed: new Set(settings.removeRepIds ?? [])
    });
    const metrics = ctx.engine.measurePlan(accounts, reps, target, settings.balance, {
        ...(settings.tolerance !== undefined ? { tolerance: settings.tolerance } : {})
    });
    // Every territory of the model: those the plan emptied (removed reps) show zeros rather than
    // their old figures. Deals count by the org's assignments read back in step 3, which also
    // keep the accounts the plan left out (no coordinates) in their territory.
    const deals = await gateway.closedDeals(kpiSince(new Date()));
    await gateway.updateTerritoryFigures(
        territoryFigures(
            territories.map((t) => t.id),
            snapshot.accounts,
            now,
            metrics,
            deals
        )
    );
    // ... and the plan per postal unit, for the map of models too large to send account by account.
    await gateway.replaceTerritoryUnits(modelId, territoryUnits(snapshot.accounts, now).units);
    const resolvedRows: ScenarioAssignment[] | undefined =
        Object.keys(created).length > 0
            ? rows.map((r) => ({ ...r, territoryId: resolve(r.territoryId) }))
            : undefined;
    await gateway.updateScenario(
        scenarioId,
        {
            status: 'Applied',
            ...(approvedBy ? { appliedBy: approvedBy } : {}),
            appliedAt: new Date().toISOString(),
            error: '',
            metrics: { ...(scenario.metrics ?? {}), rollout }
        },
        resolvedRows
    );
    await progress(97, 'notifying');
    const notifications = await notifyReps(ctx, log, scenario, rollout, territories);
    await progress(100, 'done');
    return {
        scenarioId,
        inserted: outcome.inserted,
        deleted: outcome.deleted,
        unchanged: outcome.unchanged,
        createdTerritories: Object.keys(created).length,
        notifications
    };
}

/** One Custom Notification per affected rep; what went wrong is returned, never thrown. */
async function notifyReps(
    ctx: JobContext,
    log: Logger,
    scenario: { id: string; name: string; effectiveDate?: string | undefined },
    rollout: readonly RepChange[],
    territories: readonly PlanTerritory[]
): Promise<NonNullable<ApplyJobResult['notifications']>> {
    const notifications = rolloutNotifications(scenario, rollout, territories);
    if (notifications.length === 0) return { sent: 0, failed: 0 };
    const send = ctx.gateway.sendCustomNotifications?.bind(ctx.gateway);
    if (!send)
        return {
            sent: 0,
            failed: notifications.length,
            error: 'This gateway cannot send notifications'
        };
    try {
        const outcome = await send(ROLLOUT_NOTIFICATION_TYPE, notifications);
        if (outcome.failed.length > 0)
            log.warn(
                { failed: outcome.failed.length, first: outcome.failed[0] },
                'some rollout notifications were not sent'
            );
        return {
            sent: outcome.sent,
            failed: outcome.failed.length,
            ...(outcome.failed[0] ? { error: outcome.failed[0].message } : {})
        };
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.warn({ err: message }, 'rollout notifications not sent; the apply stands');
        return { sent: 0, failed: notifications.length, error: message };
    }
}
