/**
 * Processor of `scenario-generate`. Stages: pulling → balancing → measuring → saving. Plans with
 * at least FANOUT_MIN_ACCOUNTS accounts in two or more segments fan out one child job per segment
 * (BullMQ flow: the children are added under this job, which waits for them and then merges), so
 * several workers on several machines share the work.
 */
import { UnrecoverableError, WaitingChildrenError, type Job } from 'bullmq';
import { planBase } from './plan-base.js';
import { buildEngineInput } from './plan-inputs.js';
import { describePlan, runBalance } from './generate-plan.js';
import {
    throwIfCancelled,
    withFaultPolicy,
    type JobContext,
    type StageProgress
} from './context.js';
import type {
    GenerateJobData,
    GenerateJobResult,
    SegmentJobData,
    SegmentJobResult
} from './scenario-generate.js';
import { assertSettings } from './scenario-settings.js';
import { BadInputError, JobCancelledError } from './salesforce-faults.js';
import { computeTradeOff, type TradeOff, type TradeOffJobData } from './trade-off.js';

type GenerateJob = Job<
    GenerateJobData | SegmentJobData | TradeOffJobData,
    GenerateJobResult | SegmentJobResult | TradeOffJobResult
>;

/** Result of a `trade-off` job: the figures it stored on the scenario. */
export interface TradeOffJobResult {
    scenarioId: string;
    tradeOff: TradeOff;
}

/** Segments of a plan's accounts, sorted; '' stands for accounts without a segment. */
function segmentsOf(accounts: readonly { segment?: string }[]): string[] {
    return [...new Set(accounts.map((a) => a.segment ?? ''))].sort();
}

/** Processes a `generate` job or one of its `segment` children. */
export async function processGenerate(
    job: GenerateJob,
    token: string | undefined,
    signal: AbortSignal | undefined,
    ctx: JobContext
): Promise<GenerateJobResult | SegmentJobResult | TradeOffJobResult> {
    if (job.name === 'trade-off') {
        // The ends are extra figures: a failure leaves the scenario as it is.
        return withFaultPolicy(ctx, ctx.queues.generate, job, () =>
            tradeOffEnds(job as Job<TradeOffJobData>, signal, ctx)
        );
    }
    if (job.name === 'segment') {
        return withFaultPolicy(ctx, ctx.queues.generate, job, () =>
            balanceSegment(job as Job<SegmentJobData>, ctx)
        );
    }
    const data = job.data as GenerateJobData;
    const { gateway } = ctx;
    return withFaultPolicy(
        ctx,
        ctx.queues.generate,
        job,
        () => generate(job as Job<GenerateJobData>, token, signal, ctx),
        (error) =>
            gateway.updateScenario(
                data.scenarioId,
                error instanceof JobCancelledError
                    ? { status: 'Discarded', error: 'Cancelled' }
                    : { status: 'Failed', error: error.message }
            )
    );
}

async function generate(
    job: Job<GenerateJobData>,
    token: string | undefined,
    signal: AbortSignal | undefined,
    ctx: JobContext
): Promise<GenerateJobResult> {
    const { gateway, engine, settings: jobSettings } = ctx;
    const data = job.data;
    const settings = assertSettings(data.settings);
    const log = ctx.logger.child({
        jobId: job.id,
        queue: job.queueName,
        scenarioId: data.scenarioId
    });
    const progress = (percent: number, stage: string) =>
        job.updateProgress({ percent, stage } satisfies StageProgress);
    const cancelled = () => throwIfCancelled(ctx, ctx.queues.generate, job, signal);

    if (data.step !== 'merge') {
        await gateway.updateScenario(data.scenarioId, {
            status: 'Generating',
            jobId: String(job.id)
        });
    }
    await progress(5, 'pulling');
    // The base plan is read before the pull: a change in between makes the recorded base older
    // than the plan, so approving refuses it (never the other way round).
    const associations = await gateway.currentAssignments(data.modelId);
    const snapshot = await gateway.pullPlan(data.modelId, data.scope);
    log.info({ accounts: snapshot.accounts.length }, 'plan pulled');
    await cancelled();
    const input = buildEngineInput(snapshot, settings);
    const segments = segmentsOf(input.accounts);

    let assignment: Map<string, string>;
    let report;
    let fannedOut = 0;
    const fanOut =
        snapshot.accounts.length >= jobSettings.fanoutMinAccounts &&
        segments.length >= 2 &&
        !segments.includes('');
    if (fanOut) {
        if (data.step !== 'merge') {
            await job.updateData({ ...data, step: 'merge' });
            await ctx.flow.addBulk(
                segments.map((segment, index) => ({
                    name: 'segment',
                    queueName: job.queueName,
                    data: {
                        scenarioId: data.scenarioId,
                        modelId: data.modelId,
                        ...(data.scope ? { scope: data.scope } : {}),
                        settings,
                        segment
                    } satisfies SegmentJobData,
                    opts: {
                        jobId: `${job.id}-segment-${index + 1}`,
                        parent: { id: String(job.id), queue: job.queueQualifiedName },
                        // A segment that fails for good fails the whole plan at once.
                        continueParentOnFailure: true,
                        attempts: jobSettings.attempts,
                        backoff: { type: 'exponential', delay: jobSettings.backoffMs }
                    }
                }))
            );
            await progress(20, 'balancing');
            log.info({ segments: segments.length }, 'fanned out one child job per segment');
            if (await job.moveToWaitingChildren(token ?? '')) throw new WaitingChildrenError();
        }
        const failed = Object.values(await job.getFailedChildrenValues());
        if (failed.length > 0)
            throw new UnrecoverableError(`A segment of the plan failed: ${failed[0]}`);
        const values = await job.getChildrenValues<SegmentJobResult>();
        assignment = new Map(Object.values(values).flatMap((v) => v.assignments));
        fannedOut = Object.keys(values).length;
        if (fannedOut !== segments.length)
            throw new Error(
                `Only ${fannedOut} of ${segments.length} segment jobs returned a result`
            );
    } else {
        await progress(15, 'balancing');
        let lastReported = 0;
        const balanced = await runBalance(engine, input, settings, {
            timeLimitMs: jobSettings.engineTimeLimitMs,
            onProgress: (_stage, fraction) => {
                // At most one update per 5 % (the engine runs in a thread: they arrive live).
                if (fraction - lastReported < 0.05) return;
                lastReported = fraction;
                void progress(15 + Math.round(fraction * 60), 'balancing').catch(() => undefined);
            }
        });
        assignment = balanced.assignment;
        report = balanced.report;
    }
    await cancelled();
    await progress(80, 'measuring');
    const plan = describePlan(engine, snapshot, input, settings, assignment, {
        report,
        segments: fannedOut
    });
    await progress(90, 'saving');
    const base = planBase(
        associations,
        snapshot.territories.map((t) => t.id)
    );
    await gateway.updateScenario(
        data.scenarioId,
        {
            ...plan.figures,
            metrics: { ...plan.figures.metrics, base },
            status: 'Ready',
            error: ''
        },
        plan.rows
    );
    await progress(100, 'done');
    log.info(
        { maxDeviation: plan.metrics.maxDeviation, moved: plan.figures.accountsMoved },
        'scenario ready'
    );
    return {
        scenarioId: data.scenarioId,
        status: 'Ready',
        maxDeviation: plan.metrics.maxDeviation,
        accountsMoved: plan.figures.accountsMoved ?? 0,
        segments: fannedOut
    };
}

/** One segment of a fanned-out plan: pull that segment, balance it among its reps. */
async function balanceSegment(
    job: Job<SegmentJobData>,
    ctx: JobContext
): Promise<SegmentJobResult> {
    const { segment, modelId, scope } = job.data;
    const settings = assertSettings(job.data.settings);
    const snapshot = await ctx.gateway.pullPlan(modelId, { ...scope, segment });
    const noRep = () =>
        new BadInputError(
            `Segment '${segment}' has no rep for its ${snapshot.accounts.length} accounts: give a rep Segment '${segment}' or move the accounts to another segment`
        );
    if (!snapshot.territories.some((t) => t.repActive)) throw noRep();
    const input = buildEngineInput(snapshot, settings);
    const reps = input.reps.filter((r) => r.segment === segment);
    if (reps.length === 0) throw noRep();
    const accounts = input.accounts.filter((a) => a.segment === segment);
    const { assignment } = await runBalance(ctx.engine, { ...input, accounts, reps }, settings, {
        timeLimitMs: ctx.settings.engineTimeLimitMs
    });
    await job.updateProgress({ percent: 100, stage: 'done' } satisfies StageProgress);
    return { segment, assignments: [...assignment] };
}

/**
 * The two ends of the slider for a scenario: one pull, two engine runs, and the figures stored
 * as metrics.tradeOff on the scenario (its status and plan are left as they are).
 */
async function tradeOffEnds(
    job: Job<TradeOffJobData>,
    signal: AbortSignal | undefined,
    ctx: JobContext
): Promise<TradeOffJobResult> {
    const { scenarioId, modelId, scope } = job.data;
    const settings = assertSettings(job.data.settings);
    const progress = (percent: number, stage: string) =>
        job.updateProgress({ percent, stage } satisfies StageProgress);
    const cancelled = () => throwIfCancelled(ctx, ctx.queues.generate, job, signal);
    await progress(5, 'pulling');
    const snapshot = await ctx.gateway.pullPlan(modelId, scope);
    await cancelled();
    await progress(15, 'most compact end');
    const tradeOff = await computeTradeOff(ctx.engine, snapshot, settings, {
        timeLimitMs: ctx.settings.engineTimeLimitMs,
        onEnd: (end) => {
            if (end === 'compact') void progress(55, 'fewest changes end').catch(() => undefined);
        }
    });
    await cancelled();
    await progress(95, 'saving');
    const scenario = await ctx.gateway.loadScenario(scenarioId);
    if (!scenario) throw new BadInputError(`Scenario ${scenarioId} no longer exists`);
    await ctx.gateway.updateScenario(scenarioId, {
        metrics: { ...(scenario.metrics ?? {}), tradeOff }
    });
    await progress(100, 'done');
    ctx.logger.info(
        { jobId: job.id, scenarioId, compact: tradeOff.compact, fewest: tradeOff.fewestChanges },
        'trade-off ends computed'
    );
    return { scenarioId, tradeOff };
}
