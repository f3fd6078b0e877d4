/**
 * Processor of `review-drift`: measures the applied plan with the engine's measurePlan and, when
 * its max deviation exceeds the threshold, proposes a rebalance scenario (source "Drift Review").
 */
import type { Job } from 'bullmq';
import { withFaultPolicy, type JobContext, type StageProgress } from './context.js';
import { generatePlan } from './generate-plan.js';
import { currentMap, measuredAccounts, repsOfPlan } from './plan-inputs.js';
import type { DriftJobData, DriftJobResult } from './review-drift.js';
import type { ScenarioSettings } from './scenario-settings.js';
import { refreshTerritoryFigures } from './territory-figures.js';
import { planBase } from './plan-base.js';

export async function processDriftReview(
    job: Job<DriftJobData, DriftJobResult>,
    _token: string | undefined,
    _signal: AbortSignal | undefined,
    ctx: JobContext
): Promise<DriftJobResult> {
    return withFaultPolicy(ctx, ctx.queues.drift, job, () => review(job, ctx));
}

async function review(
    job: Job<DriftJobData, DriftJobResult>,
    ctx: JobContext
): Promise<DriftJobResult> {
    const { gateway, engine } = ctx;
    const { threshold, measures } = job.data;
    const modelId = job.data.modelId || (await gateway.activeModelId());
    const log = ctx.logger.child({ jobId: job.id, queue: job.queueName, modelId });
    await job.updateProgress({ percent: 10, stage: 'pulling' } satisfies StageProgress);
    // Read before the pull, as the base the proposal is checked against (plan-base.ts).
    const associations = await gateway.currentAssignments(modelId);
    const snapshot = await gateway.pullPlan(modelId);
    await job.updateProgress({ percent: 40, stage: 'measuring' } satisfies StageProgress);
    const accounts = measuredAccounts(snapshot);
    const assignment = currentMap(snapshot);
    const current = engine.measurePlan(
        accounts,
        repsOfPlan(snapshot, assignment),
        assignment,
        measures
    );
    const maxDeviation = current.maxDeviation;
    // The current plan's figures on each territory, for the org's own pages (Apex reads them).
    await job.updateProgress({ percent: 50, stage: 'writing figures' } satisfies StageProgress);
    await refreshTerritoryFigures(gateway, engine, snapshot, measures, current);
    if (maxDeviation <= threshold) {
        log.info({ maxDeviation, threshold }, 'plan within the drift threshold');
        return { modelId, maxDeviation, threshold };
    }

    await job.updateProgress({ percent: 60, stage: 'balancing' } satisfies StageProgress);
    const settings: ScenarioSettings = { balance: measures, disruptionWeight: 0.5, seed: 1 };
    const plan = await generatePlan(engine, snapshot, settings, {
        timeLimitMs: ctx.settings.engineTimeLimitMs
    });
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const summary = `Drift review: deviation ${pct(maxDeviation)} > ${pct(threshold)}; rebalance to ${pct(plan.metrics.maxDeviation)} moving ${plan.figures.accountsMoved} accounts`;
    await job.updateProgress({ percent: 85, stage: 'saving' } satisfies StageProgress);
    const scenarioId = await gateway.createScenario(
        {
            name: `Drift review ${new Date().toISOString().slice(0, 10)}`,
            status: 'Proposed',
            source: 'Drift Review',
            modelId,
            settings,
            ...plan.figures,
            metrics: {
                ...plan.figures.metrics,
                drift: {
                    before: maxDeviation,
                    threshold,
                    deviationByMeasure: current.deviationByMeasure
                },
                base: planBase(
                    associations,
                    snapshot.territories.map((t) => t.id)
                )
            },
            summary: summary.slice(0, 255)
        },
        plan.rows
    );
    // An older drift proposal nobody approved is superseded by this one.
    for (const old of await gateway.listScenarios(modelId))
        if (old.source === 'Drift Review' && old.status === 'Proposed' && old.id !== scenarioId)
            await gateway.updateScenario(old.id, {
                status: 'Discarded',
                error: `Superseded by the drift review of ${new Date().toISOString().slice(0, 10)} (${scenarioId})`
            });
    log.info({ scenarioId, maxDeviation, threshold }, summary);
    await job.updateProgress({ percent: 100, stage: 'done' } satisfies StageProgress);
    return { modelId, maxDeviation, threshold, scenarioId };
}
