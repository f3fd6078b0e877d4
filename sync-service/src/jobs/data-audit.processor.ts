/**
 * Processor of `data-audit` (data-audit.ts): pull every account and user, audit them
 * (audit/org-audit.ts), keep the result for the model (and the scenario, before a generation).
 * `auditBeforeGeneration` runs the same audit as the first stage of a scenario's generate job.
 */
import type { Job } from 'bullmq';
import { auditOrgAccounts, type OrgAuditResult } from '../audit/org-audit.js';
import type { Logger } from '../logger.js';
import { stageReporter, withFaultPolicy, type JobContext, type StageProgress } from './context.js';
import {
    auditJobResult,
    type AuditJobData,
    type AuditJobResult,
    type AuditStore
} from './data-audit.js';
import type { DataQualitySource } from './data-quality-source.js';
import type { GenerateJobData } from './scenario-generate.js';

export interface AuditDeps {
    source: DataQualitySource;
    store: AuditStore;
    /** the clock, for `auditedAt` (tests pin it) */
    now?: () => Date;
}

/** Pulls and audits the org's accounts for `modelId` and stores the result. */
export async function runOrgAudit(
    deps: AuditDeps,
    data: AuditJobData,
    options: {
        signal?: AbortSignal;
        onStage?: (percent: number, stage: string) => Promise<void>;
    } = {}
): Promise<OrgAuditResult> {
    await options.onStage?.(10, 'pulling');
    // as of when the org is read (what the audit describes), so the store can keep the newest
    const auditedAt = (deps.now?.() ?? new Date()).toISOString();
    const { accounts, users } = await deps.source.auditRows(options.signal);
    await options.onStage?.(60, 'auditing');
    const result = auditOrgAccounts(accounts, users, {
        modelId: data.modelId,
        measureNames: await deps.source.measureNames(),
        auditedAt
    });
    await options.onStage?.(90, 'saving');
    await deps.store.save(result, data.scenarioId);
    return result;
}

/** Processes a `data-audit` job (Salesforce faults as for every queue: context.ts). */
export async function processAudit(
    job: Job<AuditJobData, AuditJobResult>,
    signal: AbortSignal | undefined,
    ctx: JobContext,
    deps: AuditDeps
): Promise<AuditJobResult> {
    const queue = ctx.queues.audit;
    return withFaultPolicy(ctx, queue, job, async () => {
        const result = await runOrgAudit(deps, job.data, {
            ...(signal ? { signal } : {}),
            onStage: stageReporter(ctx, queue, job, signal)
        });
        await job.updateProgress({ percent: 100, stage: 'done' } satisfies StageProgress);
        ctx.logger.info(
            { jobId: job.id, modelId: result.modelId, headline: result.headline },
            'data audit stored'
        );
        return auditJobResult(result);
    });
}

/**
 * The audit before a scenario's generation: run for the `generate` job's first step only (not
 * its segment children, its merge step or the trade-off ends), stored for the model and the
 * scenario. Advisory: a failure is logged and never stops the generation.
 */
export async function auditBeforeGeneration(
    job: Job,
    deps: AuditDeps,
    logger: Logger,
    signal?: AbortSignal
): Promise<OrgAuditResult | undefined> {
    const data = job.data as Partial<GenerateJobData>;
    if (job.name !== 'generate' || data.step === 'merge' || !data.modelId) return undefined;
    try {
        await job.updateProgress({ percent: 1, stage: 'auditing' } satisfies StageProgress);
        return await runOrgAudit(
            deps,
            { modelId: data.modelId, ...(data.scenarioId ? { scenarioId: data.scenarioId } : {}) },
            signal ? { signal } : {}
        );
    } catch (error) {
        logger.warn(
            { err: error, jobId: job.id, scenarioId: data.scenarioId },
            'data audit before generation failed; generating without it'
        );
        return undefined;
    }
}
