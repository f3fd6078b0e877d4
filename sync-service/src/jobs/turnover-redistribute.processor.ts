/**
 * Processor of `turnover-redistribute`: finds territories whose rep left (user deactivated, or no
 * active UserTerritory2Association left) and moves their accounts to the nearest active
 * territories (turnover-plan.ts), balanced on the configured measures and proximity: the engine
 * runs on the vacant territories and those neighbours only, with the neighbours' own accounts
 * locked, so only the orphaned accounts move. Policy:
 * `propose` stores a Proposed scenario for approval; `auto-apply` stores it as Approved and queues
 * the apply job.
 */
import type { Job } from 'bullmq';
import { withFaultPolicy, type JobContext, type StageProgress } from './context.js';
import { describePlan, runBalance } from './generate-plan.js';
import { buildEngineInput, currentMap } from './plan-inputs.js';
import { BadInputError } from './salesforce-faults.js';
import { neighbourTerritories, turnoverSubPlan } from './turnover-plan.js';
import type { ScenarioRecord } from './gateway.js';
import { planBase } from './plan-base.js';
import { addApplyJob } from './scenario-apply.js';
import type { ScenarioSettings } from './scenario-settings.js';
import type { TurnoverJobData, TurnoverJobResult } from './turnover-redistribute.js';

/** Scenario statuses that mean "this turnover is already being handled". */
const OPEN = new Set(['Queued', 'Generating', 'Ready', 'Proposed', 'Approved', 'Applying']);

const sameSet = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && [...a].sort().join() === [...b].sort().join();

export async function processTurnover(
    job: Job<TurnoverJobData, TurnoverJobResult>,
    _token: string | undefined,
    _signal: AbortSignal | undefined,
    ctx: JobContext
): Promise<TurnoverJobResult> {
    return withFaultPolicy(ctx, ctx.queues.turnover, job, () => redistribute(job, ctx));
}

async function redistribute(
    job: Job<TurnoverJobData, TurnoverJobResult>,
    ctx: JobContext
): Promise<TurnoverJobResult> {
    const { gateway, engine } = ctx;
    const modelId = job.data.modelId || (await gateway.activeModelId());
    const log = ctx.logger.child({ jobId: job.id, queue: job.queueName, modelId });
    await job.updateProgress({ percent: 10, stage: 'pulling' } satisfies StageProgress);
    // Read before the pull, as the base the proposal is checked against (plan-base.ts).
    const associations = await gateway.currentAssignments(modelId);
    const snapshot = await gateway.pullPlan(modelId);
    const holding = new Set(snapshot.accounts.map((a) => a.territoryId));
    const vacant = snapshot.territories.filter((t) => !t.repActive && holding.has(t.id));
    const vacantIds = vacant.map((t) => t.id).sort();
    if (vacant.length === 0) {
        log.info('no rep left: nothing to redistribute');
        return { modelId, vacantTerritoryIds: [], accountsMoved: 0, applied: false };
    }

    const open = (await gateway.listScenarios(modelId)).find(
        (s: ScenarioRecord) =>
            s.source === 'Turnover' &&
            OPEN.has(s.status) &&
            sameSet(
                ((s.metrics?.turnover as { vacantTerritoryIds?: string[] } | undefined)
                    ?.vacantTerritoryIds ?? []) as string[],
                vacantIds
            )
    );
    if (open) {
        log.info({ scenarioId: open.id }, 'turnover already handled by an open scenario');
        return {
            modelId,
            vacantTerritoryIds: vacantIds,
            accountsMoved: open.accountsMoved ?? 0,
            scenarioId: open.id,
            applied: false
        };
    }

    await job.updateProgress({ percent: 30, stage: 'balancing' } satisfies StageProgress);
    const settings: ScenarioSettings = {
        balance: job.data.measures,
        disruptionWeight: 1,
        seed: 1
    };
    const vacantSet = new Set(vacantIds);
    const neighbours = neighbourTerritories(snapshot, vacantSet);
    if (neighbours.length === 0)
        throw new BadInputError(
            `No active territory can take the accounts of ${vacantIds.join(', ')}: assign a rep first`
        );
    const local = turnoverSubPlan(snapshot, vacantSet, neighbours);
    const localSettings: ScenarioSettings = {
        ...settings,
        lockedTerritoryIds: neighbours.map((t) => t.id)
    };
    const { assignment: localAssignment, report } = await runBalance(
        engine,
        buildEngineInput(local, localSettings),
        localSettings,
        { timeLimitMs: ctx.settings.engineTimeLimitMs }
    );
    const orphaned = snapshot.accounts.filter((a) => vacantSet.has(a.territoryId ?? ''));
    const assignment = currentMap(snapshot);
    for (const a of orphaned) assignment.set(a.id, localAssignment.get(a.id)!);
    const plan = describePlan(
        engine,
        snapshot,
        buildEngineInput(snapshot, settings),
        settings,
        assignment,
        { report }
    );
    const receivers = new Set(orphaned.map((a) => assignment.get(a.id))).size;
    const who = vacant.map((t) => t.repName ?? t.name).join(', ');
    const summary = `${vacant.length === 1 ? 'Rep' : 'Reps'} ${who} left: ${orphaned.length} accounts to ${receivers} neighbouring ${receivers === 1 ? 'rep' : 'reps'}`;
    const autoApply = job.data.policy === 'auto-apply';

    await job.updateProgress({ percent: 80, stage: 'saving' } satisfies StageProgress);
    const scenarioId = await gateway.createScenario(
        {
            name: `Turnover ${new Date().toISOString().slice(0, 10)}`.slice(0, 80),
            status: autoApply ? 'Approved' : 'Proposed',
            source: 'Turnover',
            modelId,
            settings,
            ...plan.figures,
            metrics: {
                ...plan.figures.metrics,
                turnover: { vacantTerritoryIds: vacantIds },
                base: planBase(
                    associations,
                    snapshot.territories.map((t) => t.id)
                )
            },
            summary: summary.slice(0, 255)
        },
        plan.rows
    );
    if (autoApply) {
        const applyJob = await addApplyJob(ctx.queues.apply, {
            scenarioId,
            modelId,
            approvedBy: ''
        });
        await gateway.updateScenario(scenarioId, { jobId: String(applyJob.id) });
    }
    log.info({ scenarioId, vacant: vacantIds, autoApply }, summary);
    await job.updateProgress({ percent: 100, stage: 'done' } satisfies StageProgress);
    return {
        modelId,
        vacantTerritoryIds: vacantIds,
        accountsMoved: plan.figures.accountsMoved ?? 0,
        scenarioId,
        applied: autoApply
    };
}
