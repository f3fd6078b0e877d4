/**
 * Queue `data-audit`: the account audit of an org (audit/org-audit.ts), run on demand
 * (POST /v1/models/:modelId/audit) and before each scenario generation (workers.ts). Its result
 * is kept in Redis, per model and per scenario, for AUDIT_TTL_S: an audit is derived data that
 * one pull of the org recomputes at any time, so it lives beside the job state (DESIGN.md: Redis
 * holds only job state; losing it loses no plan) rather than as records and files in the org,
 * which would spend API calls and storage on every run for something nobody needs to keep.
 */
import { randomUUID } from 'node:crypto';
import type { IRedisClient, Queue } from 'bullmq';
import type { OrgAuditResult } from '../audit/org-audit.js';

export interface AuditJobData {
    modelId: string;
    /** set when the audit runs before a scenario's generation */
    scenarioId?: string;
}

/** The job's result (small: the full result is in the store). */
export interface AuditJobResult {
    modelId: string;
    accounts: number;
    headline: string;
    coordinates: OrgAuditResult['coordinates'];
    plan: OrgAuditResult['plan'];
    /** category → accounts */
    counts: Record<string, number>;
}

/** Audits are kept a week, as long as BullMQ keeps completed jobs (queues.ts). */
export const AUDIT_TTL_S = 7 * 24 * 3600;

/** Job ids are unique across the queues (GET /v1/jobs/:id looks in all of them). */
export const auditJobId = (modelId: string) => `audit-${modelId}-${randomUUID()}`;

/** Queues an audit of the model's accounts. */
export function addAuditJob(queue: Queue, data: AuditJobData) {
    return queue.add('audit', data, { jobId: auditJobId(data.modelId) });
}

/** The job's result from the full audit. */
export function auditJobResult(result: OrgAuditResult): AuditJobResult {
    return {
        modelId: result.modelId,
        accounts: result.accounts,
        headline: result.headline,
        coordinates: result.coordinates,
        plan: result.plan,
        counts: Object.fromEntries(result.categories.map((c) => [c.category, c.count]))
    };
}

/**
 * KEYS[1] = the model's audit key; ARGV = the audit's JSON, its `auditedAt` (ISO 8601 UTC, so
 * the strings order as the times do) and the TTL in seconds. Sets the key unless it holds an
 * audit of newer data; returns 1 when it did.
 */
const SAVE_IF_NOT_OLDER = `
local kept = redis.call('get', KEYS[1])
if kept then
    local ok, audit = pcall(cjson.decode, kept)
    if ok and type(audit) == 'table' and type(audit.auditedAt) == 'string'
        and audit.auditedAt > ARGV[2] then
        return 0
    end
end
redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[3])
return 1`;

/** 15- and 18-character ids name the same record: keys use the 15-character form. */
const id15 = (id: string) => id.slice(0, 15);

/** Where audit results are kept (see the file comment). */
export class AuditStore {
    private readonly redis: () => Promise<IRedisClient>;
    private readonly prefix: string;
    private readonly ttlS: number;
    constructor(redis: () => Promise<IRedisClient>, prefix: string, ttlS: number = AUDIT_TTL_S) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttlS = ttlS;
    }

    private modelKey(modelId: string) {
        return `${this.prefix}:data-audit:model:${id15(modelId)}`;
    }

    private scenarioKey(scenarioId: string) {
        return `${this.prefix}:data-audit:scenario:${id15(scenarioId)}`;
    }

    /**
     * Stores the model's latest audit (and, when given, the audit a scenario was made after). An
     * audit of older data never replaces a newer one: of two audits that ran at once (on demand
     * and before a generation, say), the one that read the org first may finish last.
     */
    async save(result: OrgAuditResult, scenarioId?: string): Promise<void> {
        const client = await this.redis();
        const json = JSON.stringify(result);
        // compare and set in one step: read-then-write let an audit saved between the two (in
        // another job of the same worker, at an await) be overwritten by an older one
        await client.runCommand('eval', [
            SAVE_IF_NOT_OLDER,
            1,
            this.modelKey(result.modelId),
            json,
            result.auditedAt,
            this.ttlS
        ]);
        if (scenarioId) await client.set(this.scenarioKey(scenarioId), json, { EX: this.ttlS });
    }

    /** The model's latest audit, or undefined when none was run in the last AUDIT_TTL_S. */
    async latest(modelId: string): Promise<OrgAuditResult | undefined> {
        return this.read(this.modelKey(modelId));
    }

    /** The audit run before the scenario's generation, if still kept. */
    async forScenario(scenarioId: string): Promise<OrgAuditResult | undefined> {
        return this.read(this.scenarioKey(scenarioId));
    }

    private async read(key: string): Promise<OrgAuditResult | undefined> {
        const json = await (await this.redis()).get(key);
        return json === null ? undefined : (JSON.parse(json) as OrgAuditResult);
    }
}
