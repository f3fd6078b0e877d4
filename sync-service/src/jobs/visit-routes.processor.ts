/**
 * Processor of `visit-routes` (visit-routes.ts): read the rep's accounts and home, plan the
 * visits, write the visits as Events when asked (deleting only the service's own Events in the
 * plan's window first), keep the plan in Redis.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { TravelTimeProvider } from '../routes/index.js';
import { stageReporter, withFaultPolicy, type JobContext, type StageProgress } from './context.js';
import type { VisitSource } from './visit-routes-source.js';
import {
    instantOf,
    isOurEvent,
    planRepVisits,
    visitEvents,
    workingDates,
    type EventWriteSummary,
    type RouteJobData,
    type RoutePlan,
    type RoutePlanStore
} from './visit-routes.js';

export interface RouteDeps {
    source: VisitSource;
    store: RoutePlanStore;
    travel: TravelTimeProvider;
    now?: () => Date;
}

/** The job's result (small: the plan itself is in the store). */
export interface RouteJobResult {
    modelId: string;
    repId: string;
    runId: string;
    visitsRequested: number;
    visitsScheduled: number;
    km: number;
    events: EventWriteSummary | null;
}

/**
 * Replaces the service's own Events in the plan's window by the plan's visits. Events that are
 * not ours (isOurEvent) are never deleted, whatever their time.
 */
export async function writeVisitEvents(
    source: VisitSource,
    plan: RoutePlan,
    signal?: AbortSignal
): Promise<EventWriteSummary> {
    const { settings } = plan;
    const dates = workingDates(settings.startDate!, settings.days);
    const from = instantOf(settings, dates[0]!, -24 * 60).toISOString();
    const to = instantOf(settings, dates.at(-1)!, 2 * 24 * 60).toISOString();
    const existing = await source.visitEvents(plan.repId, from, to, signal);
    const ours = existing.filter((e) => isOurEvent(e, plan.modelId, plan.repId));
    const failed: EventWriteSummary['failed'] = [];
    let deleted = 0;
    const dels = await source.deleteEvents(
        ours.map((e) => e.Id),
        signal
    );
    dels.forEach((r, i) => {
        if (r.ok) deleted++;
        else failed.push({ eventId: ours[i]!.Id, errorCode: r.errorCode, message: r.message });
    });
    const events = visitEvents(plan);
    let inserted = 0;
    const ins = await source.insertEvents(events, signal);
    ins.forEach((r, i) => {
        if (r.ok) inserted++;
        else
            failed.push({
                accountId: events[i]!.WhatId,
                errorCode: r.errorCode,
                message: r.message
            });
    });
    return { inserted, deleted, failed };
}

/** Plans one rep (no queue: the job body, also called by tests). */
export async function runRepRoutes(
    deps: RouteDeps,
    data: RouteJobData,
    options: {
        signal?: AbortSignal;
        onStage?: (percent: number, stage: string) => Promise<void>;
    } = {}
): Promise<RoutePlan> {
    await options.onStage?.(10, 'reading');
    const frequencyField =
        'field' in data.settings.frequency ? data.settings.frequency.field : undefined;
    const visits = await deps.source.repVisits(
        data.modelId,
        data.repId,
        frequencyField,
        options.signal
    );
    if (!visits.home)
        throw new UnrecoverableError(
            `rep ${data.repId} has no home (the home latitude and longitude fields of the User are empty): visit routes start and end at home`
        );
    await options.onStage?.(30, 'planning');
    const plan = await planRepVisits(visits, data, deps.travel, deps.now?.() ?? new Date());
    if (data.settings.writeEvents) {
        await options.onStage?.(80, 'writing events');
        plan.events = await writeVisitEvents(deps.source, plan, options.signal);
    }
    await options.onStage?.(95, 'saving');
    await deps.store.save(plan);
    return plan;
}

/** Processes a `visit-routes` job (Salesforce faults as for every queue: context.ts). */
export async function processRoutes(
    job: Job<RouteJobData, RouteJobResult>,
    signal: AbortSignal | undefined,
    ctx: JobContext,
    deps: RouteDeps
): Promise<RouteJobResult> {
    const queue = ctx.queues.routes;
    return withFaultPolicy(ctx, queue, job, async () => {
        const plan = await runRepRoutes(deps, job.data, {
            ...(signal ? { signal } : {}),
            onStage: stageReporter(ctx, queue, job, signal)
        });
        await job.updateProgress({ percent: 100, stage: 'done' } satisfies StageProgress);
        ctx.logger.info(
            {
                jobId: job.id,
                repId: plan.repId,
                visits: plan.summary.visitsScheduled,
                km: plan.summary.km
            },
            'visit routes planned'
        );
        return {
            modelId: plan.modelId,
            repId: plan.repId,
            runId: plan.runId,
            visitsRequested: plan.summary.visitsRequested,
            visitsScheduled: plan.summary.visitsScheduled,
            km: plan.summary.km,
            events: plan.events
        };
    });
}
