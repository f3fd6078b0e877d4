/**
 * What the routes do, over the gateway (Salesforce is the source of truth for scenarios) and the
 * queues (Redis holds only job state). Kept apart from Fastify so the routes stay thin.
 */
import type { Job } from 'bullmq';
import { buildChangeReport, movedAccounts } from '../jobs/change-report.js';
import { cancelKey, type StageProgress } from '../jobs/context.js';
import type {
    PlannerGateway,
    PlanSnapshot,
    ScenarioAssignment,
    ScenarioRecord
} from '../jobs/gateway.js';
import { currentMap, measuredAccounts, newRepKey, repsOfPlan } from '../jobs/plan-inputs.js';
import type { PlannerEngine } from '../jobs/planner-engine.js';
import type { ServiceQueues } from '../jobs/queues.js';
import { addApplyJob } from '../jobs/scenario-apply.js';
import { addGenerateJob } from '../jobs/scenario-generate.js';
import { conflict, notFound, unavailable } from './errors.js';
import type { ScenarioSettings } from '../jobs/scenario-settings.js';
import type { AssignmentsQuery, CompareQuery, CreateScenarioBody } from './schemas.js';

/** Scenarios whose assignments no longer change: their CSV can be cached. */
const SETTLED = new Set(['Ready', 'Proposed', 'Approved', 'Applying', 'Applied', 'Discarded']);
const APPROVABLE = new Set(['Ready', 'Proposed', 'Failed', 'Approved']);
/** How many settled assignment lists the API keeps in memory (the CSV is re-read otherwise). */
const ASSIGNMENT_CACHE_SIZE = 20;
/** Moved accounts listed in a compare answer (the total is always given). */
const COMPARE_MOVED_LIMIT = 2000;

export interface JobView {
    id: string;
    queue: string;
    state: string;
    progress: StageProgress;
    result?: unknown;
    failedReason?: string;
    attemptsMade: number;
}

function progressOf(job: Job): StageProgress {
    const p = job.progress as unknown;
    if (p && typeof p === 'object' && 'percent' in p)
        return {
            percent: Number((p as StageProgress).percent),
            stage: String((p as StageProgress).stage)
        };
    if (typeof p === 'number') return { percent: p, stage: p === 0 ? 'queued' : '' };
    return { percent: 0, stage: 'queued' };
}

/** Wraps a Redis call so that "Redis is down" answers 503, not 500. */
async function redis<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
        return await call();
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (
            /Connection is closed|Stream isn't writeable|ECONNREFUSED|enableOfflineQueue|max retries|ETIMEDOUT|MaxRetriesPerRequest/i.test(
                message
            )
        )
            throw unavailable(
                `Job queue unavailable (${what}): Redis cannot be reached; retry shortly`
            );
        throw error;
    }
}

export class ScenarioService {
    private readonly pulls = new Map<string, Promise<PlanSnapshot>>();
    private readonly assignmentCache = new Map<string, Promise<ScenarioAssignment[]>>();

    constructor(
        private readonly gateway: PlannerGateway,
        private readonly queues: ServiceQueues,
        private readonly engine: PlannerEngine
    ) {}

    async create(body: CreateScenarioBody): Promise<{ scenarioId: string; jobId: string }> {
        const scenarioId = await this.gateway.createScenario({
            name: body.name,
            status: 'Queued',
            source: 'Planner',
            modelId: body.modelId,
            settings: { ...body.settings, ...(body.scope ? { scope: body.scope } : {}) }
        });
        try {
            const job = await redis('adding the generate job', () =>
                addGenerateJob(this.queues.generate, {
                    scenarioId,
                    modelId: body.modelId,
                    ...(body.scope ? { scope: body.scope } : {}),
                    settings: body.settings
                })
            );
            await this.gateway.updateScenario(scenarioId, { jobId: String(job.id) });
            return { scenarioId, jobId: String(job.id) };
        } catch (error) {
            await this.gateway
                .updateScenario(scenarioId, {
                    status: 'Failed',
                    error: 'The job could not be queued'
                })
                .catch(() => undefined);
            throw error;
        }
    }

    list(modelId: string): Promise<ScenarioRecord[]> {
        return this.gateway.listScenarios(modelId);
    }

    async get(id: string): Promise<ScenarioRecord & { progress?: StageProgress }> {
        const scenario = await this.load(id);
        if (!scenario.jobId || (SETTLED.has(scenario.status) && scenario.status !== 'Applying'))
            return scenario;
        const job = await this.queues.findJob(scenario.jobId).catch(() => undefined);
        return job ? { ...scenario, progress: progressOf(job) } : scenario;
    }

    /**
     * A scenario's CSV rows. Settled scenarios (their rows no longer change) are kept in a small
     * cache, and concurrent requests share one read of the file.
     */
    private rowsOf(scenario: ScenarioRecord): Promise<ScenarioAssignment[]> {
        // Keyed by status too: the apply rewrites the file (new territories get their ids).
        const key = `${scenario.id}:${scenario.status}`;
        const cached = this.assignmentCache.get(key);
        if (cached) return cached;
        const rows = this.gateway.loadAssignments(scenario.id);
        if (SETTLED.has(scenario.status)) {
            this.assignmentCache.set(key, rows);
            rows.catch(() => this.assignmentCache.delete(key));
            if (this.assignmentCache.size > ASSIGNMENT_CACHE_SIZE) {
                const oldest = this.assignmentCache.keys().next().value;
                if (oldest !== undefined) this.assignmentCache.delete(oldest);
            }
        }
        return rows;
    }

    async assignments(id: string, query: AssignmentsQuery) {
        const rows = await this.rowsOf(await this.load(id));
        const filtered = query.movedOnly
            ? rows.filter((r) => r.territoryId !== r.previousTerritoryId)
            : rows;
        const start = (query.page - 1) * query.pageSize;
        return {
            page: query.page,
            pageSize: query.pageSize,
            total: filtered.length,
            items: filtered.slice(start, start + query.pageSize)
        };
    }

    async compare(query: CompareQuery) {
        const b = await this.load(query.b);
        const a = query.a === 'current' ? undefined : await this.load(query.a);
        if (a && a.modelId !== b.modelId)
            throw conflict(
                `Scenarios ${a.id} and ${b.id} belong to different territory models (${a.modelId}, ${b.modelId})`
            );
        const snapshot = await this.snapshotOf(b.modelId);
        const current = currentMap(snapshot);
        const mapOf = async (s: ScenarioRecord) => {
            const rows = await this.rowsOf(s);
            if (rows.length === 0)
                throw conflict(`Scenario ${s.id} is ${s.status} and has no assignments yet`);
            return new Map(rows.map((r) => [r.accountId, r.territoryId]));
        };
        const mapA = a ? await mapOf(a) : current;
        const mapB = await mapOf(b);
        const balance = (b.settings.balance as string[] | undefined) ?? ['Count'];
        const accounts = measuredAccounts(snapshot);
        const tolerance =
            typeof b.settings.tolerance === 'number' ? b.settings.tolerance : undefined;
        /** Reps of a plan: its territories, minus the reps it removes, plus the reps it adds. */
        const repsOf = (s: ScenarioRecord | undefined, map: Map<string, string>) => {
            const settings = (s?.settings ?? {}) as Partial<ScenarioSettings>;
            return repsOfPlan(snapshot, map, {
                removed: new Set(settings.removeRepIds ?? []),
                extra: (settings.addReps ?? []).map((r, i) => ({
                    id: newRepKey(i),
                    lat: r.lat,
                    lon: r.lon,
                    ...(r.capacity !== undefined ? { capacity: r.capacity } : {})
                }))
            });
        };
        const figures = (
            id: string,
            name: string,
            map: Map<string, string>,
            s: ScenarioRecord | undefined
        ) => {
            const m = this.engine.measurePlan(
                accounts,
                repsOf(s, map),
                map,
                balance,
                tolerance !== undefined ? { tolerance } : {}
            );
            return {
                id,
                name,
                maxDeviation: m.maxDeviation,
                deviationByMeasure: m.deviationByMeasure,
                withinTolerance: m.withinTolerance,
                travelKm: m.travelKm,
                accountsMoved: m.disruption.moved,
                unassigned: m.unassigned,
                reps: new Set(map.values()).size
            };
        };
        const fa = figures(a?.id ?? 'current', a?.name ?? 'Current plan', mapA, a);
        const fb = figures(b.id, b.name, mapB, b);
        const moved = movedAccounts(mapA, mapB);
        return {
            measures: balance,
            a: fa,
            b: fb,
            diff: {
                maxDeviation: fb.maxDeviation - fa.maxDeviation,
                travelKm: fb.travelKm - fa.travelKm,
                accountsMoved: fb.accountsMoved - fa.accountsMoved
            },
            movedAccounts: { total: moved.length, items: moved.slice(0, COMPARE_MOVED_LIMIT) },
            repChanges: buildChangeReport(
                snapshot.accounts,
                snapshot.territories,
                mapA,
                mapB,
                balance
            )
        };
    }

    async approve(id: string, approvedBy: string): Promise<{ jobId: string }> {
        const scenario = await this.load(id);
        if (scenario.status === 'Applying' && scenario.jobId) return { jobId: scenario.jobId };
        if (!APPROVABLE.has(scenario.status))
            throw conflict(
                `Scenario ${id} is ${scenario.status}; only a Ready or Proposed scenario can be approved`
            );
        // A generated plan always carries its figures; a generation that failed has none.
        if (scenario.accountsMoved === undefined)
            throw conflict(`Scenario ${id} has no generated plan to apply; generate it again`);
        await this.gateway.updateScenario(id, { status: 'Approved', appliedBy: approvedBy });
        const job = await redis('adding the apply job', async () => {
            const existing = await this.queues.apply.getJob(`apply-${id}`);
            // A finished or failed earlier attempt keeps the id: remove it so approving resumes.
            if (existing && ['completed', 'failed'].includes(await existing.getState()))
                await existing.remove();
            return addApplyJob(this.queues.apply, {
                scenarioId: id,
                modelId: scenario.modelId,
                approvedBy
            });
        });
        await this.gateway.updateScenario(id, { jobId: String(job.id) });
        return { jobId: String(job.id) };
    }

    async job(id: string): Promise<JobView> {
        const job = await redis('reading the job', () => this.queues.findJob(id));
        if (!job) throw notFound(`No job ${id}: it never existed or was removed after 7 days`);
        const state = await job.getState();
        return {
            id: String(job.id),
            queue: job.queueName,
            state,
            progress: progressOf(job),
            ...(state === 'completed' ? { result: job.returnvalue } : {}),
            ...(job.failedReason ? { failedReason: job.failedReason } : {}),
            attemptsMade: job.attemptsMade
        };
    }

    /** Cancels a waiting or running generate job; its scenario becomes Discarded. */
    async cancel(id: string): Promise<{ id: string; state: string }> {
        const job = await redis('reading the job', () => this.queues.findJob(id));
        if (!job) throw notFound(`No job ${id}`);
        if (job.queueName !== this.queues.generate.name)
            throw conflict(
                `Job ${id} is a ${job.queueName} job; only scenario generation can be cancelled`
            );
        const state = await job.getState();
        if (['completed', 'failed'].includes(state))
            throw conflict(`Job ${id} already ${state}; nothing to cancel`);
        const scenarioId = (job.data as { scenarioId?: string }).scenarioId;
        if (state === 'active' || state === 'waiting-children') {
            const client = await this.queues.generate.backend.client;
            await client.set(cancelKey(this.queues.prefix, id), '1', { EX: 24 * 3600 });
        } else {
            await job.remove();
        }
        if (scenarioId)
            await this.gateway.updateScenario(scenarioId, {
                status: 'Discarded',
                error: 'Cancelled'
            });
        return { id, state: state === 'active' ? 'cancelling' : 'cancelled' };
    }

    /** The model's current plan; concurrent compares share one pull (nothing is kept after). */
    private snapshotOf(modelId: string): Promise<PlanSnapshot> {
        let pending = this.pulls.get(modelId);
        if (!pending) {
            pending = this.gateway.pullPlan(modelId).finally(() => this.pulls.delete(modelId));
            this.pulls.set(modelId, pending);
        }
        return pending;
    }

    private async load(id: string): Promise<ScenarioRecord> {
        const scenario = await this.gateway.loadScenario(id);
        if (!scenario)
            throw notFound(
                `No scenario ${id}: check the id (GET /v1/scenarios?modelId=… lists them)`
            );
        return scenario;
    }
}
