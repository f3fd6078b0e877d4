/**
 * What the routes do, over the gateway (Salesforce is the source of truth for scenarios) and the
 * queues (Redis holds only job state). Kept apart from Fastify so the routes stay thin.
 */
import type { Job } from 'bullmq';
import { createHash } from 'node:crypto';
import { buildChangeReport, explainMoves, movedAccounts } from '../jobs/change-report.js';
import { cancelKey, type StageProgress } from '../jobs/context.js';
import type {
    PlannerGateway,
    PlanSnapshot,
    ScenarioAssignment,
    ScenarioRecord
} from '../jobs/gateway.js';
import {
    currentMap,
    isNewRepKey,
    measuredAccounts,
    newRepKey,
    repsOfPlan
} from '../jobs/plan-inputs.js';
import type { PlannerEngine } from '../jobs/planner-engine.js';
import type { ServiceQueues } from '../jobs/queues.js';
import { assertBaseUnchanged, BaseChangedError, NoBaseError } from '../jobs/plan-base.js';
import { addApplyJob } from '../jobs/scenario-apply.js';
import {
    buildRollout,
    delayUntil,
    ROLLOUT_MEASURES,
    ROLLOUT_PENDING,
    ROLLOUT_RECENT_DAYS,
    utcDay
} from '../jobs/rollout.js';
import { addGenerateJob } from '../jobs/scenario-generate.js';
import { addTradeOffJob, tradeOffJobId, type TradeOff } from '../jobs/trade-off.js';
import { MAP_ACCOUNT_LIMIT, MAP_UNIT_LIMIT, unitAssignment } from '../jobs/unit-assignment.js';
import { ApiError, badRequest, conflict, notFound, unavailable } from './errors.js';
import { Lru } from './lru.js';
import {
    assertSettings,
    SETTINGS_MAX_CHARS,
    type ScenarioSettings,
    type Scope
} from '../jobs/scenario-settings.js';
import type { AssignmentsPageRequest, CompareQuery, CreateScenarioBody } from './schemas.js';
import { COMPARE_WARNING_CHARS, COMPARE_WARNINGS } from './schemas.js';
import { balancesDriveTime, withDriveTime } from '../jobs/drive-time-measure.js';
import { marketMeasureValues, withMeasureValues } from '../jobs/market-measures.js';
import type { MarketSource } from '../jobs/market-source.js';

/** Scenarios whose assignments no longer change: their CSV can be cached. */
const SETTLED = new Set(['Ready', 'Proposed', 'Approved', 'Applying', 'Applied', 'Discarded']);
const APPROVABLE = new Set(['Ready', 'Proposed', 'Failed', 'Approved']);
/** Scenarios whose compare answer can be cached (an Applying one may be rewritten any moment). */
const COMPARE_CACHEABLE = new Set(['Ready', 'Proposed', 'Approved', 'Applied', 'Discarded']);
/** Scenarios whose slider ends can be computed: generated, not applied. */
const TRADE_OFF_READY = new Set(['Ready', 'Proposed']);
/** Longest wait for the apply queue's state before a compare pulls the plan afresh. */
const APPLY_MARK_TIMEOUT_MS = 250;
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
export async function redis<T>(what: string, call: () => Promise<T>): Promise<T> {
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

export interface CompareCacheOptions {
    /**
     * How long a model's current-plan snapshot (and the compare answers computed on it) is
     * reused, ms; 0 turns the snapshot cache off. COMPARE_CACHE_TTL_MS.
     */
    ttlMs?: number;
    /** Most entries each cache holds: snapshots (per model), assignment lists, compare answers. */
    maxEntries?: number;
    /** Clock, for tests. */
    now?: () => number;
    /**
     * How long to wait for Redis to tell whether an apply ran before giving up on the cache for
     * that compare (default 250 ms); tests on a loaded machine raise it so the cache is what
     * they measure.
     */
    applyMarkTimeoutMs?: number;
}

export const COMPARE_CACHE_DEFAULTS = { ttlMs: 15_000, maxEntries: 20 } as const;

type CompareResult = Awaited<ReturnType<ScenarioService['computeCompare']>>;

/** A pull of a model's current plan, with the compare answers computed on it. */
interface PlanEntry {
    /** When the pull started (the TTL counts from there). */
    at: number;
    /** The apply queue's state when the pull started; undefined: not cacheable. */
    mark: string | undefined;
    snapshot: Promise<PlanSnapshot>;
    results: Lru<string, CompareResult>;
}

/**
 * A scenario record's version: any change to the record (status, figures, appliedAt, settings…)
 * gives a new one. Every writer of assignments.csv also changes the record (generate: Ready and
 * the new figures; apply: Applied and appliedAt), so the CSV is cached under this key.
 */
function versionOf(scenario: ScenarioRecord): string {
    return createHash('sha1').update(JSON.stringify(scenario)).digest('base64url');
}

export class ScenarioService {
    private readonly gateway: PlannerGateway;
    private readonly queues: ServiceQueues;
    private readonly engine: PlannerEngine;
    /** where a scenario's market measures are read (without it Compare leaves them out) */
    private readonly market?: MarketSource;
    /** Pulls in flight, shared by concurrent compares of a model. */
    private readonly pulls = new Map<string, PlanEntry>();
    /** Finished pulls, reused for `ttlMs` while no apply ran. */
    private readonly plans: Lru<string, PlanEntry>;
    private readonly assignmentCache: Lru<string, Promise<ScenarioAssignment[]>>;
    private readonly ttlMs: number;
    private readonly maxEntries: number;
    private readonly now: () => number;
    private readonly applyMarkTimeoutMs: number;

    constructor(
        gateway: PlannerGateway,
        queues: ServiceQueues,
        engine: PlannerEngine,
        cache: CompareCacheOptions = {},
        market?: MarketSource
    ) {
        this.gateway = gateway;
        this.queues = queues;
        this.engine = engine;
        this.market = market;
        this.ttlMs = cache.ttlMs ?? COMPARE_CACHE_DEFAULTS.ttlMs;
        this.maxEntries = cache.maxEntries ?? COMPARE_CACHE_DEFAULTS.maxEntries;
        this.now = cache.now ?? Date.now;
        this.applyMarkTimeoutMs = cache.applyMarkTimeoutMs ?? APPLY_MARK_TIMEOUT_MS;
        this.plans = new Lru(this.maxEntries);
        this.assignmentCache = new Lru(this.maxEntries);
    }

    /** Entries held now, per cache (for tests and diagnostics). */
    cacheSizes(): { plans: number; assignments: number; results: number } {
        let results = 0;
        for (const entry of this.plans.values()) results += entry.results.size;
        return { plans: this.plans.size, assignments: this.assignmentCache.size, results };
    }

    /**
     * Everything a request names is checked before anything is written to the org: the settings
     * fit the record, the model exists, and the territories and reps named are the model's.
     */
    private async checkCreate(body: CreateScenarioBody, settings: Record<string, unknown>) {
        const size = JSON.stringify(settings).length;
        if (size > SETTINGS_MAX_CHARS)
            throw new ApiError(
                413,
                `The settings are ${size} characters once saved, more than the scenario record holds (${SETTINGS_MAX_CHARS}, Territory_Scenario__c.Settings_JSON__c): lock fewer accounts (lockedAccountIds), or lock their territories (lockedTerritoryIds)`
            );
        const s = body.settings;
        const named =
            body.scope?.parentTerritoryId !== undefined ||
            (s.lockedTerritoryIds?.length ?? 0) > 0 ||
            (s.removeRepIds?.length ?? 0) > 0 ||
            Object.keys(s.pinnedAccounts ?? {}).length > 0;
        const model = await this.gateway.modelOutline(body.modelId, { territories: named });
        if (!model)
            throw notFound(
                `modelId ${body.modelId} is not a territory model of the org: check the id (Setup > Territory Models)`
            );
        if (!model.territories) return;
        const territories = new Set(model.territories.map((t) => t.id));
        const users = new Set(model.territories.flatMap((t) => t.userIds));
        const parent = body.scope?.parentTerritoryId;
        if (parent !== undefined && !territories.has(parent))
            throw badRequest(
                `scope.parentTerritoryId ${parent} is not a territory of model ${body.modelId}`
            );
        const notTerritory = (s.lockedTerritoryIds ?? []).filter((id) => !territories.has(id));
        if (notTerritory.length > 0)
            throw badRequest(
                `settings.lockedTerritoryIds: ${notTerritory.slice(0, 5).join(', ')} ${notTerritory.length === 1 ? 'is not a territory' : 'are not territories'} of model ${body.modelId}`
            );
        const notPinTarget = Object.values(s.pinnedAccounts ?? {}).filter(
            (id) => !territories.has(id)
        );
        if (notPinTarget.length > 0)
            throw badRequest(
                `settings.pinnedAccounts: ${[...new Set(notPinTarget)].slice(0, 5).join(', ')} ${notPinTarget.length === 1 ? 'is not a territory' : 'are not territories'} of model ${body.modelId}`
            );
        const unknownReps = (s.removeRepIds ?? []).filter(
            (id) => !territories.has(id) && !users.has(id)
        );
        if (unknownReps.length > 0)
            throw badRequest(
                `settings.removeRepIds: ${unknownReps.slice(0, 5).join(', ')} ${unknownReps.length === 1 ? 'is neither a rep (User id) nor a territory' : 'are neither reps (User ids) nor territories'} of model ${body.modelId}`
            );
    }

    async create(body: CreateScenarioBody): Promise<{ scenarioId: string; jobId: string }> {
        const settings = { ...body.settings, ...(body.scope ? { scope: body.scope } : {}) };
        await this.checkCreate(body, settings);
        const scenarioId = await this.gateway.createScenario({
            name: body.name,
            status: 'Queued',
            source: 'Planner',
            modelId: body.modelId,
            settings
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
        // Keyed by the record's version: the apply rewrites the file (new territories get their
        // ids), and so does a new generation; both change the record too.
        const key = `${scenario.id}:${versionOf(scenario)}`;
        const cached = this.assignmentCache.get(key);
        if (cached) return cached;
        const rows = this.gateway.loadAssignments(scenario.id);
        if (SETTLED.has(scenario.status)) {
            this.assignmentCache.set(key, rows);
            rows.catch(() => this.assignmentCache.delete(key));
        }
        return rows;
    }

    async assignments(id: string, query: AssignmentsPageRequest) {
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

    /**
     * Compares two plans. The scenarios are read on every call (so an update is seen at once);
     * the model's current plan is reused for `ttlMs` unless an apply ran since (see planOf), and
     * the answer is reused while the plan and both scenario versions are the same.
     */
    async compare(query: CompareQuery): Promise<CompareResult> {
        const [b, a] = await Promise.all([
            this.load(query.b),
            query.a === 'current' ? undefined : this.load(query.a)
        ]);
        if (a && a.modelId !== b.modelId)
            throw conflict(
                `Scenarios ${a.id} and ${b.id} belong to different territory models (${a.modelId}, ${b.modelId})`
            );
        const plan = await this.planOf(b.modelId);
        const snapshot = await plan.snapshot;
        const cacheable =
            COMPARE_CACHEABLE.has(b.status) && (a === undefined || COMPARE_CACHEABLE.has(a.status));
        const key = `${a ? `${a.id}:${versionOf(a)}` : 'current'}|${b.id}:${versionOf(b)}`;
        const cached = cacheable ? plan.results.get(key) : undefined;
        if (cached) return cached;
        const result = await this.computeCompare(snapshot, a, b);
        if (cacheable) plan.results.set(key, result);
        return result;
    }

    private async computeCompare(
        pulled: PlanSnapshot,
        a: ScenarioRecord | undefined,
        b: ScenarioRecord
    ) {
        const current = currentMap(pulled);
        const mapOf = async (s: ScenarioRecord) => {
            const rows = await this.rowsOf(s);
            if (rows.length === 0)
                throw conflict(`Scenario ${s.id} is ${s.status} and has no assignments yet`);
            return new Map(rows.map((r) => [r.accountId, r.territoryId]));
        };
        const mapA = a ? await mapOf(a) : current;
        const mapB = await mapOf(b);
        // Market measures (settings.marketMeasures: a layer's values or the leads per ZIP code)
        // join the pulled accounts as the generate job adds them (market-measures.ts), so both
        // plans are scored on every measure the scenario balanced. Without a market source they
        // are left out (Count when the scenario balanced on market data alone).
        const marketMeasures = (b.settings as Partial<ScenarioSettings>).marketMeasures ?? [];
        let snapshot = pulled;
        if (this.market && marketMeasures.length > 0) {
            const source = this.market;
            const values = await Promise.all(
                marketMeasures.map((m) => marketMeasureValues(source, m))
            );
            snapshot = withMeasureValues(snapshot, marketMeasures, values);
        }
        if (balancesDriveTime(b.settings)) snapshot = withDriveTime(snapshot);
        const left = new Set(this.market ? [] : marketMeasures.map((m) => m.name));
        const asked = ((b.settings.balance as string[] | undefined) ?? ['Count']).filter(
            (m) => !left.has(m)
        );
        const balance = asked.length > 0 ? asked : ['Count'];
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
                reps: new Set(map.values()).size,
                ...engineWarnings(s)
            };
        };
        const fa = figures(a?.id ?? 'current', a?.name ?? 'Current plan', mapA, a);
        const fb = figures(b.id, b.name, mapB, b);
        const moved = movedAccounts(mapA, mapB);
        const listed = moved.slice(0, COMPARE_MOVED_LIMIT);
        const reasons = explainMoves({
            accounts: snapshot.accounts,
            before: mapA,
            after: mapB,
            moves: listed,
            measures: balance,
            tolerance: tolerance ?? 0.05,
            reps: repsOf(b, mapB),
            ...this.planFacts(snapshot, b, mapB)
        });
        return {
            measures: balance,
            a: fa,
            b: fb,
            diff: {
                maxDeviation: fb.maxDeviation - fa.maxDeviation,
                travelKm: fb.travelKm - fa.travelKm,
                accountsMoved: fb.accountsMoved - fa.accountsMoved
            },
            movedAccounts: {
                total: moved.length,
                items: listed.map((m, i) => ({ ...m, reason: reasons[i]! }))
            },
            repChanges: buildChangeReport(
                snapshot.accounts,
                snapshot.territories,
                mapA,
                mapB,
                balance
            ),
            ...this.unitAssignments(snapshot, a ? mapA : undefined, mapB)
        };
    }

    /**
     * Large models: the planner's map draws the stored postal units, not accounts, so the answer
     * carries each unit's territory in plan B (and in plan A when it is a scenario; the current
     * plan's is the stored units'), for the same most populous MAP_UNIT_LIMIT units.
     */
    private unitAssignments(
        snapshot: PlanSnapshot,
        mapA: Map<string, string> | undefined,
        mapB: Map<string, string>
    ) {
        if (snapshot.accounts.length <= MAP_ACCOUNT_LIMIT) return {};
        const b = unitAssignment(snapshot.accounts, mapB, MAP_UNIT_LIMIT);
        const a = mapA ? unitAssignment(snapshot.accounts, mapA, MAP_UNIT_LIMIT) : undefined;
        return {
            unitAssignments: {
                limit: MAP_UNIT_LIMIT,
                truncated: b.truncated,
                ...(a ? { a: a.units } : {}),
                b: b.units
            }
        };
    }

    /**
     * What scenario `b` changes about the plan, for the reasons of its moves: territories whose
     * rep is gone, reps it adds, accounts it keeps locked, and whether it was made of postal units.
     */
    private planFacts(snapshot: PlanSnapshot, b: ScenarioRecord, mapB: Map<string, string>) {
        const settings = b.settings as Partial<ScenarioSettings>;
        const removed = new Set(settings.removeRepIds ?? []);
        const vacated = new Set(
            snapshot.territories
                .filter(
                    (t) =>
                        !t.repActive ||
                        removed.has(t.id) ||
                        (t.repId !== undefined && removed.has(t.repId))
                )
                .map((t) => t.id)
        );
        const added = new Set([...mapB.values()].filter(isNewRepKey));
        const lockedTerritories = new Set(settings.lockedTerritoryIds ?? []);
        const locked = new Set(settings.lockedAccountIds ?? []);
        for (const a of snapshot.accounts)
            if (a.locked || (a.territoryId !== undefined && lockedTerritories.has(a.territoryId)))
                locked.add(a.id);
        const units = (b.metrics as { unitMode?: unknown } | undefined)?.unitMode;
        return {
            vacated,
            added,
            locked,
            unitMode: units !== undefined ? Boolean(units) : settings.units === 'postal',
            segmented: snapshot.territories.some((t) => t.repActive && t.segment)
        };
    }

    /**
     * What the compact ↔ fewest-changes slider costs, for scenario `id`: its own point (travel
     * and moves against the plan it was generated on), and the two ends when they were computed
     * (metrics.tradeOff) or are being computed (`job`). Figures only from generated plans.
     */
    async tradeOff(id: string) {
        const scenario = await this.load(id);
        const settings = scenario.settings as Partial<ScenarioSettings> & { scope?: unknown };
        const stored = (scenario.metrics as { tradeOff?: TradeOff } | undefined)?.tradeOff;
        const job = await this.queues
            .findJob(tradeOffJobId(id))
            .catch(() => undefined)
            .then(async (j) => {
                if (!j) return undefined;
                const state = await j.getState();
                return ['completed', 'failed'].includes(state)
                    ? {
                          id: String(j.id),
                          state,
                          ...(j.failedReason ? { failedReason: j.failedReason } : {})
                      }
                    : { id: String(j.id), state, progress: progressOf(j) };
            });
        const generated =
            TRADE_OFF_READY.has(scenario.status) && scenario.accountsMoved !== undefined;
        return {
            scenarioId: scenario.id,
            name: scenario.name,
            status: scenario.status,
            settings: scenario.settings,
            point: generated
                ? {
                      disruptionWeight:
                          typeof settings.disruptionWeight === 'number'
                              ? settings.disruptionWeight
                              : 0.5,
                      travelKm: scenario.totalTravelKm ?? 0,
                      accountsMoved: scenario.accountsMoved ?? 0,
                      maxDeviation: scenario.maxDeviation ?? 0
                  }
                : null,
            ends: stored ?? null,
            ...(job ? { job } : {})
        };
    }

    /** Queues the computation of both ends for a generated scenario (job `trade-off`). */
    async computeTradeOff(id: string): Promise<{ jobId: string }> {
        const scenario = await this.load(id);
        if (!TRADE_OFF_READY.has(scenario.status) || scenario.accountsMoved === undefined)
            throw conflict(
                `Scenario ${id} is ${scenario.status}; the ends are computed for a generated scenario that is not applied yet (Ready or Proposed)`
            );
        const { scope, ...rest } = scenario.settings as Record<string, unknown>;
        let settings: ScenarioSettings;
        try {
            settings = assertSettings(rest);
        } catch (error) {
            throw conflict(
                `Scenario ${id} was not made with planner settings (${(error as Error).message}); its ends cannot be computed`
            );
        }
        const job = await redis('adding the trade-off job', async () => {
            const existing = await this.queues.generate.getJob(tradeOffJobId(id));
            if (existing) {
                const state = await existing.getState();
                if (!['completed', 'failed'].includes(state)) return existing;
                await existing.remove();
            }
            return addTradeOffJob(this.queues.generate, {
                scenarioId: id,
                modelId: scenario.modelId,
                ...(scope ? { scope: scope as Scope } : {}),
                settings
            });
        });
        return { jobId: String(job.id) };
    }

    /**
     * "What changes for me": per rep who gains or loses accounts in scenario `id`, the accounts
     * and the figures before → after (rollout.ts), against the plan the scenario was generated
     * from (its rows' previous territories). `territoryId` keeps that territory's rep only.
     */
    async rollout(id: string, territoryId?: string) {
        const scenario = await this.load(id);
        const rows = await this.rowsOf(scenario);
        if (rows.length === 0)
            throw conflict(`Scenario ${id} is ${scenario.status} and has no assignments yet`);
        const snapshot = await (await this.planOf(scenario.modelId)).snapshot;
        const reps = this.computeRollout(snapshot, scenario, rows);
        const sameId = (a: string, b: string) => a.slice(0, 15) === b.slice(0, 15);
        return {
            scenarioId: scenario.id,
            name: scenario.name,
            status: scenario.status,
            effectiveDate: scenario.effectiveDate ?? null,
            appliedAt: scenario.appliedAt ?? null,
            measures: [...ROLLOUT_MEASURES],
            affectedReps: reps.length,
            reps: territoryId ? reps.filter((r) => sameId(r.territoryId, territoryId)) : reps
        };
    }

    private computeRollout(
        snapshot: PlanSnapshot,
        scenario: ScenarioRecord,
        rows: readonly ScenarioAssignment[]
    ) {
        const settings = scenario.settings as Partial<ScenarioSettings>;
        const before = new Map(
            rows
                .filter((r) => r.previousTerritoryId)
                .map((r) => [r.accountId, r.previousTerritoryId])
        );
        const after = new Map(rows.map((r) => [r.accountId, r.territoryId]));
        const known = new Set(snapshot.territories.map((t) => t.id));
        const addReps = settings.addReps ?? [];
        // Before the apply, the reps a scenario adds are `new-N` keys: named as the apply names them.
        const added = addReps
            .map((r, i) => ({ id: newRepKey(i), name: `${r.name} (new)`, repActive: true }))
            .filter((t) => !known.has(t.id));
        const accounts = measuredAccounts(snapshot);
        const measures = [...ROLLOUT_MEASURES];
        const travel = (map: Map<string, string>, reps: ReturnType<typeof repsOfPlan>) =>
            new Map(
                this.engine
                    .measurePlan(accounts, reps, map, measures)
                    .reps.map((r) => [r.repId, r.travelKm])
            );
        return buildRollout({
            accounts: snapshot.accounts,
            territories: [...snapshot.territories, ...added],
            before,
            after,
            travelBefore: travel(before, repsOfPlan(snapshot, before)),
            travelAfter: travel(
                after,
                repsOfPlan(snapshot, after, {
                    removed: new Set(settings.removeRepIds ?? []),
                    extra: addReps.map((r, i) => ({
                        id: newRepKey(i),
                        lat: r.lat,
                        lon: r.lon,
                        ...(r.capacity !== undefined ? { capacity: r.capacity } : {})
                    }))
                })
            )
        });
    }

    /**
     * The change a territory's rep is waiting for, for the account card: the newest scenario of
     * the model that is approved and not yet written (its effective date is ahead, or it is being
     * written), or that took effect in the last ROLLOUT_RECENT_DAYS days, in which the territory
     * gains or loses accounts. `pending: null` when there is none.
     */
    async pendingRollout(modelId: string, territoryId: string) {
        const scenarios = await this.gateway.listScenarios(modelId);
        const since = utcDay(new Date(this.now() - ROLLOUT_RECENT_DAYS * 86_400_000));
        const dayOf = (s: ScenarioRecord) => s.effectiveDate ?? s.appliedAt?.slice(0, 10) ?? '';
        const candidates = scenarios
            .filter(
                (s) =>
                    ROLLOUT_PENDING.has(s.status) || (s.status === 'Applied' && dayOf(s) >= since)
            )
            .sort(
                (a, b) =>
                    Number(ROLLOUT_PENDING.has(b.status)) - Number(ROLLOUT_PENDING.has(a.status)) ||
                    dayOf(b).localeCompare(dayOf(a)) ||
                    (b.appliedAt ?? b.createdAt ?? '').localeCompare(
                        a.appliedAt ?? a.createdAt ?? ''
                    )
            );
        for (const scenario of candidates.slice(0, 3)) {
            const answer = await this.rollout(scenario.id, territoryId).catch((error: unknown) => {
                if (error instanceof ApiError && error.statusCode === 409) return undefined;
                throw error;
            });
            const rep = answer?.reps[0];
            if (answer && rep)
                return {
                    pending: {
                        scenarioId: answer.scenarioId,
                        name: answer.name,
                        status: answer.status,
                        state: ROLLOUT_PENDING.has(answer.status) ? 'pending' : 'applied',
                        effectiveDate: answer.effectiveDate ?? (dayOf(scenario) || null),
                        appliedAt: answer.appliedAt,
                        territoryId: rep.territoryId,
                        territoryName: rep.territoryName,
                        repId: rep.repId ?? null,
                        repName: rep.repName ?? null,
                        gained: rep.gained,
                        lost: rep.lost
                    }
                };
        }
        return { pending: null };
    }

    async approve(
        id: string,
        approvedBy: string,
        effectiveDate?: string
    ): Promise<{ jobId: string; effectiveDate: string; applyAt: string }> {
        const scenario = await this.load(id);
        if (scenario.status === 'Applying' && scenario.jobId)
            return {
                jobId: scenario.jobId,
                effectiveDate: scenario.effectiveDate ?? utcDay(new Date(this.now())),
                applyAt: new Date(this.now()).toISOString()
            };
        if (!APPROVABLE.has(scenario.status))
            throw conflict(
                `Scenario ${id} is ${scenario.status}; only a Ready or Proposed scenario can be approved`
            );
        // A generated plan always carries its figures; a generation that failed has none.
        if (scenario.accountsMoved === undefined)
            throw conflict(`Scenario ${id} has no generated plan to apply; generate it again`);
        // Refused when the plan it was generated from changed since (the apply checks again,
        // under the model lock, for approvals that raced this one).
        await this.checkBase(scenario);
        // The plan takes effect on its effective date (today when none is given): the apply job
        // waits until that day starts (UTC), and until then the scenario is Approved, shown to
        // its reps as a pending change.
        const effective = effectiveDate ?? utcDay(new Date(this.now()));
        await this.gateway.updateScenario(id, {
            status: 'Approved',
            appliedBy: approvedBy,
            effectiveDate: effective
        });
        const delay = delayUntil(effective, this.now());
        const job = await redis('adding the apply job', async () => {
            const existing = await this.queues.apply.getJob(`apply-${id}`);
            // A finished or failed earlier attempt keeps the id: remove it so approving resumes;
            // so does one waiting for an earlier effective date (approving again moves the date).
            const state = existing ? await existing.getState() : undefined;
            if (
                existing &&
                (['completed', 'failed'].includes(state ?? '') ||
                    (state === 'delayed' && scenario.status === 'Approved'))
            )
                await existing.remove();
            return addApplyJob(
                this.queues.apply,
                { scenarioId: id, modelId: scenario.modelId, approvedBy },
                delay
            );
        });
        await this.gateway.updateScenario(id, { jobId: String(job.id) });
        // When the apply starts: now, or 00:00 UTC of the effective date.
        const applyAt =
            delay > 0 ? `${effective}T00:00:00.000Z` : new Date(this.now()).toISOString();
        return { jobId: String(job.id), effectiveDate: effective, applyAt };
    }

    /** 409 naming what changed when the scenario's base plan is no longer the org's. */
    private async checkBase(scenario: ScenarioRecord): Promise<void> {
        const [rows, associations] = await Promise.all([
            this.rowsOf(scenario),
            this.gateway.currentAssignments(scenario.modelId)
        ]);
        try {
            assertBaseUnchanged(scenario, associations, rows);
        } catch (error) {
            if (error instanceof BaseChangedError || error instanceof NoBaseError)
                throw conflict(error.message);
            throw error;
        }
    }

    async job(id: string): Promise<JobView> {
        const find = () => redis('reading the job', () => this.queues.findJob(id));
        let job = await find();
        if (!job) throw notFound(`No job ${id}: it never existed or was removed after 7 days`);
        const state = await job.getState();
        // The job was read before its state: if it finished in between, its result or failure
        // reason (written with the state) is not in what was read, so read it again.
        if (state === 'completed' || state === 'failed') job = (await find()) ?? job;
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
        // Cancelling the ends of a scenario leaves the scenario as it is.
        const discard = job.name !== 'trade-off';
        if (state === 'active' || state === 'waiting-children') {
            const client = await this.queues.generate.backend.client;
            await client.set(cancelKey(this.queues.prefix, id), '1', { EX: 24 * 3600 });
        } else {
            await job.remove();
        }
        if (scenarioId && discard)
            await this.gateway.updateScenario(scenarioId, {
                status: 'Discarded',
                error: 'Cancelled'
            });
        return { id, state: state === 'active' ? 'cancelling' : 'cancelled' };
    }

    /**
     * Forgets the model's current plan (its next compare pulls it again). Called when this
     * process knows the plan changed; applies are also detected through the apply queue.
     */
    planChanged(modelId: string): void {
        this.plans.delete(modelId);
        this.pulls.delete(modelId);
    }

    /**
     * The model's current plan. Concurrent compares share one pull. A finished pull is reused for
     * `ttlMs` as long as the apply queue (in Redis, shared by every process) shows no apply
     * finished, failed, running or waiting since it started; otherwise, or when Redis cannot say,
     * the plan is pulled again. Changes made in the org outside the service's applies are seen
     * after `ttlMs`.
     */
    private async planOf(modelId: string): Promise<PlanEntry> {
        const mark = this.ttlMs > 0 ? await this.applyMark() : undefined;
        const cached = this.plans.get(modelId);
        if (cached) {
            if (mark !== undefined && cached.mark === mark && this.now() - cached.at < this.ttlMs)
                return cached;
            this.plans.delete(modelId);
        }
        let entry = this.pulls.get(modelId);
        if (!entry || entry.mark !== mark) {
            const pulling: PlanEntry = {
                at: this.now(),
                mark,
                snapshot: this.gateway.pullPlan(modelId),
                results: new Lru(this.maxEntries)
            };
            this.pulls.set(modelId, pulling);
            pulling.snapshot
                .then(
                    () => {
                        // Not kept when invalidated while pulling, or when not cacheable.
                        if (pulling.mark !== undefined && this.pulls.get(modelId) === pulling)
                            this.plans.set(modelId, pulling);
                    },
                    () => undefined
                )
                .finally(() => {
                    if (this.pulls.get(modelId) === pulling) this.pulls.delete(modelId);
                });
            entry = pulling;
        }
        return entry;
    }

    /**
     * The apply queue's state: the last finished and last failed apply job. Undefined (nothing
     * is cached) while an apply is queued, running or waiting to retry (it writes the plan), or
     * when Redis does not answer quickly.
     */
    private async applyMark(): Promise<string | undefined> {
        const q = this.queues.apply;
        const read = async () => {
            const [counts, done, failed] = await Promise.all([
                q.getJobCounts('active', 'wait', 'delayed', 'prioritized', 'waiting-children'),
                q.getJobs(['completed'], 0, 0, false),
                q.getJobs(['failed'], 0, 0, false)
            ]);
            if (Object.values(counts).some((n) => n > 0)) return undefined;
            const last = (job: Job | undefined) =>
                job ? `${job.id}@${job.finishedOn ?? ''}` : '-';
            return `${last(done[0])}|${last(failed[0])}`;
        };
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<undefined>((resolve) => {
            timer = setTimeout(() => resolve(undefined), this.applyMarkTimeoutMs);
        });
        try {
            return await Promise.race([read().catch(() => undefined), timeout]);
        } finally {
            clearTimeout(timer);
        }
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

/**
 * The engine's notes stored with a scenario when it was generated (metrics.warnings): why the
 * tolerance was not reached and the best deviation, accounts placed outside the units. Compare
 * shows them beside the figures, so "53 %" comes with its reason.
 */
function engineWarnings(s: ScenarioRecord | undefined): { warnings?: string[] } {
    const stored = s?.metrics?.warnings;
    if (!Array.isArray(stored)) return {};
    const warnings = stored
        .filter((w): w is string => typeof w === 'string' && w.length > 0)
        .slice(0, COMPARE_WARNINGS)
        .map((w) =>
            w.length > COMPARE_WARNING_CHARS ? `${w.slice(0, COMPARE_WARNING_CHARS - 1)}…` : w
        );
    return warnings.length > 0 ? { warnings } : {};
}
