/**
 * What the data-quality routes do: queue an audit, read the stored one, and the actions a planner
 * approves — write approximate coordinates to accounts that have none (never over coordinates
 * that are set: each account is read again just before the write), and exclude accounts from
 * planning. Merging duplicates is left to Salesforce's merge screen (the audit's mergeUrl).
 */
import { withExamples, type OrgAuditResult } from '../audit/org-audit.js';
import { lookupPostal } from '../geo/postal-reference.js';
import { addAuditJob, type AuditStore } from '../jobs/data-audit.js';
import type { DataQualitySource } from '../jobs/data-quality-source.js';
import type { PlannerGateway } from '../jobs/gateway.js';
import type { ServiceQueues } from '../jobs/queues.js';
import { notFound, unavailable } from './errors.js';
import { redis } from './scenario-service.js';

/** Examples per category when the request names no number. */
export const DEFAULT_EXAMPLES = 10;

export interface GeocodeOutcome {
    written: { accountId: string; postalCode: string; latitude: number; longitude: number }[];
    skipped: {
        accountId: string;
        reason: 'has_coordinates' | 'no_postal_code';
        message: string;
    }[];
    failed: { accountId: string; errorCode: string; message: string }[];
}

export class DataQualityService {
    private readonly gateway: PlannerGateway;
    private readonly queues: ServiceQueues;
    private readonly store: AuditStore;
    private readonly source: DataQualitySource | undefined;
    constructor(
        gateway: PlannerGateway,
        queues: ServiceQueues,
        store: AuditStore,
        source: DataQualitySource | undefined
    ) {
        this.gateway = gateway;
        this.queues = queues;
        this.store = store;
        this.source = source;
    }

    private async checkModel(modelId: string): Promise<void> {
        if (!(await this.gateway.modelOutline(modelId)))
            throw notFound(
                `modelId ${modelId} is not a territory model of the org: check the id (Setup > Territory Models)`
            );
    }

    private requireSource(): DataQualitySource {
        if (!this.source)
            throw unavailable(
                'This API has no data-quality source configured: the actions need the Salesforce connection (src/server.ts)'
            );
        return this.source;
    }

    /** Queues an audit of the model's accounts. */
    async run(modelId: string): Promise<{ modelId: string; jobId: string }> {
        await this.checkModel(modelId);
        const job = await redis('queueing the audit', () =>
            addAuditJob(this.queues.audit, { modelId })
        );
        return { modelId, jobId: String(job.id) };
    }

    /** The latest audit of the model (or the one before a scenario's generation). */
    async result(
        modelId: string,
        options: { examples: number; scenarioId?: string }
    ): Promise<OrgAuditResult> {
        const scenarioId = options.scenarioId;
        const stored = await redis('reading the audit', () =>
            scenarioId ? this.store.forScenario(scenarioId) : this.store.latest(modelId)
        );
        if (!stored || stored.modelId.slice(0, 15) !== modelId.slice(0, 15))
            throw notFound(
                options.scenarioId
                    ? `No audit of model ${modelId} before scenario ${options.scenarioId} is kept (audits are kept 7 days): POST /v1/models/${modelId}/audit runs a new one`
                    : `No audit of model ${modelId} in the last 7 days: POST /v1/models/${modelId}/audit runs one`
            );
        return withExamples(stored, options.examples);
    }

    /**
     * Writes the centroid of each account's postal code to its empty Billing Latitude/Longitude,
     * with Territory_Approximate_Location__c checked. Accounts are read again first: one whose
     * coordinates are set by now (Salesforce's geocoding, a user) is skipped, never overwritten.
     * Unknown ids answer 404 before anything is written.
     */
    async geocode(modelId: string, accountIds: readonly string[]): Promise<GeocodeOutcome> {
        const source = this.requireSource();
        await this.checkModel(modelId);
        const current = await source.accountsById(accountIds);
        const found = new Map(current.map((r) => [r.id.slice(0, 15), r]));
        const unknown = accountIds.filter((id) => !found.has(id.slice(0, 15)));
        if (unknown.length > 0)
            throw notFound(
                `${unknown.length} account id(s) are not accounts of the org: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`
            );
        const out: GeocodeOutcome = { written: [], skipped: [], failed: [] };
        const writes: { id: string; lat: number; lon: number; postalCode: string }[] = [];
        for (const id of accountIds) {
            const row = found.get(id.slice(0, 15))!;
            if (row.lat !== null || row.lon !== null) {
                out.skipped.push({
                    accountId: row.id,
                    reason: 'has_coordinates',
                    message: `Billing Latitude/Longitude are set (${row.lat ?? 'empty'}, ${row.lon ?? 'empty'}): left as they are`
                });
                continue;
            }
            const centroid = row.postalCode ? lookupPostal(row.postalCode) : undefined;
            if (!centroid) {
                out.skipped.push({
                    accountId: row.id,
                    reason: 'no_postal_code',
                    message: row.postalCode
                        ? `Billing postal code '${row.postalCode}' is not a ZIP code of the offline postal reference: correct it or geocode the address`
                        : 'No billing postal code: add one or geocode the address'
                });
                continue;
            }
            writes.push({
                id: row.id,
                lat: centroid.lat,
                lon: centroid.lon,
                postalCode: centroid.postalCode
            });
        }
        const outcomes = writes.length > 0 ? await source.writeApproximateLocations(writes) : [];
        outcomes.forEach((o, k) => {
            const w = writes[k]!;
            if (o.ok)
                out.written.push({
                    accountId: w.id,
                    postalCode: w.postalCode,
                    latitude: w.lat,
                    longitude: w.lon
                });
            else
                out.failed.push({
                    accountId: w.id,
                    errorCode: o.errorCode ?? 'UNKNOWN',
                    message: o.message ?? 'not written'
                });
        });
        return out;
    }

    /** Sets or clears Territory_Excluded__c; unknown ids answer 404 before anything is written. */
    async exclude(
        modelId: string,
        accountIds: readonly string[],
        excluded: boolean
    ): Promise<{ updated: string[]; failed: GeocodeOutcome['failed'] }> {
        const source = this.requireSource();
        await this.checkModel(modelId);
        const current = await source.accountsById(accountIds);
        const found = new Set(current.map((r) => r.id.slice(0, 15)));
        const unknown = accountIds.filter((id) => !found.has(id.slice(0, 15)));
        if (unknown.length > 0)
            throw notFound(
                `${unknown.length} account id(s) are not accounts of the org: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`
            );
        const outcomes = await source.setExcluded(accountIds, excluded);
        return {
            updated: outcomes.filter((o) => o.ok).map((o) => o.id),
            failed: outcomes
                .filter((o) => !o.ok)
                .map((o) => ({
                    accountId: o.id,
                    errorCode: o.errorCode ?? 'UNKNOWN',
                    message: o.message ?? 'not written'
                }))
        };
    }
}
