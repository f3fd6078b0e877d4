/**
 * Maps the planner's gateway view (gateway.ts) onto the Salesforce gateway of src/salesforce:
 * territories get their rep (the active user of their UserTerritory2Associations) with home base,
 * capacity and segment from the User record; the apply checks the write's per-record outcome.
 */
import { readFileSync } from 'node:fs';
import type { Config } from '../config/env.js';
import type { Logger } from '../logger.js';
import {
    SalesforceClient,
    SalesforceError,
    connectSalesforce,
    soqlString,
    type SalesforceGateway
} from '../salesforce/index.js';
import type { PulledRep, PulledTerritory, SalesforceConfig } from '../salesforce/index.js';
import { postalUnitCode } from '../engine/units/postal-code.js';
import { lookupPostal } from '../geo/postal-reference.js';
import { fitMetrics } from './metrics-size.js';
import { hasUsableCoordinates } from '../audit/org-audit.js';
import { readPerformanceFacts, writeTerritoryPerformance } from './performance-adapter.js';
import type {
    NotifyOutcome,
    PlanAccount,
    PlannerGateway,
    PlanScope,
    PlanTerritory
} from './gateway.js';

/** Records per sObject collection request (the platform's limit). */
const COLLECTION_SIZE = 200;

/** The rep of a territory: its first active user (Owner role first), else its first user. */
function repOf(territory: PulledTerritory, reps: ReadonlyMap<string, PulledRep>) {
    const users = [...territory.users].sort(
        (a, b) => Number(b.role === 'Owner') - Number(a.role === 'Owner')
    );
    const active = users.find((u) => u.userIsActive && reps.get(u.userId)?.isActive !== false);
    return { user: active ?? users[0], active: active !== undefined };
}

/**
 * Which territories take part in a scoped plan: the branch under `parentTerritoryId`, and when
 * reps serve segments, the territories whose rep serves `segment`.
 */
function scopeFilter(
    territories: readonly PulledTerritory[],
    reps: ReadonlyMap<string, PulledRep>,
    scope: PlanScope | undefined
): (t: PulledTerritory) => boolean {
    let branch: Set<string> | undefined;
    if (scope?.parentTerritoryId) {
        const children = new Map<string, string[]>();
        for (const t of territories)
            if (t.parentId) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t.id]);
        branch = new Set();
        const stack = [scope.parentTerritoryId];
        while (stack.length > 0) {
            const id = stack.pop()!;
            if (branch.has(id)) continue;
            branch.add(id);
            stack.push(...(children.get(id) ?? []));
        }
    }
    const segmentOf = (t: PulledTerritory) => reps.get(repOf(t, reps).user?.userId ?? '')?.segment;
    const segmented = scope?.segment !== undefined && territories.some((t) => segmentOf(t));
    return (t) => (!branch || branch.has(t.id)) && (!segmented || segmentOf(t) === scope?.segment);
}

/**
 * Builds a PlannerGateway over a SalesforceGateway that `connect` yields (and logs in) on first
 * use: the API starts, and answers /ready with the reason, while the org is unreachable.
 */
export function plannerGatewayOver(
    connect: () => Promise<SalesforceGateway>,
    logger?: Logger
): PlannerGateway {
    let connecting: Promise<SalesforceGateway> | undefined;
    const gateway = () =>
        (connecting ??= connect().catch((error: unknown) => {
            connecting = undefined; // try again on the next call
            throw error;
        }));
    return {
        ping: async () => (await gateway()).ping(),
        async orgId() {
            // Set from the identity URL of the token answer (SalesforceClient.authenticate).
            const id = (await gateway()).connection.userInfo?.organizationId;
            if (!id) throw new Error('the Salesforce login answer named no org');
            return id;
        },
        activeModelId: async () => (await gateway()).activeModelId(),
        async modelOutline(modelId: string, options: { territories?: boolean } = {}) {
            const sf = await gateway();
            // 15- and 18-character ids name the same model.
            const model = (await sf.pullModels()).find(
                (m) => m.id.slice(0, 15) === modelId.slice(0, 15)
            );
            if (!model) return undefined;
            if (!options.territories) return { id: model.id };
            const territories = await sf.pullTerritories(model.id);
            return {
                id: model.id,
                territories: territories.map((t) => ({
                    id: t.id,
                    ...(t.parentId ? { parentId: t.parentId } : {}),
                    userIds: t.users.map((u) => u.userId)
                }))
            };
        },

        async pullPlan(modelId: string, scope?: PlanScope) {
            const sf = await gateway();
            const [pulled, territories, reps] = await Promise.all([
                sf.pullAccounts({
                    modelId,
                    ...(scope && (scope.parentTerritoryId || scope.segment)
                        ? {
                              scope: {
                                  ...(scope.parentTerritoryId
                                      ? { parentTerritoryId: scope.parentTerritoryId }
                                      : {}),
                                  ...(scope.segment ? { segment: scope.segment } : {})
                              }
                          }
                        : {})
                }),
                sf.pullTerritories(modelId),
                sf.pullReps()
            ]);
            const repById = new Map(reps.map((r) => [r.id, r]));
            const inScope = scopeFilter(territories, repById, scope);
            const planTerritories: PlanTerritory[] = territories.filter(inScope).map((t) => {
                const { user, active } = repOf(t, repById);
                const rep = user ? repById.get(user.userId) : undefined;
                return {
                    id: t.id,
                    name: t.name,
                    ...(t.parentId ? { parentId: t.parentId } : {}),
                    ...(user ? { repId: user.userId } : {}),
                    ...(user?.userName ? { repName: user.userName } : {}),
                    repActive: active,
                    ...(rep && rep.lat !== null && rep.lon !== null
                        ? { lat: rep.lat, lon: rep.lon }
                        : {}),
                    ...(rep ? { capacity: rep.capacity } : {}),
                    ...(rep?.segment ? { segment: rep.segment } : {})
                };
            });
            const accounts: PlanAccount[] = [];
            let skipped = 0;
            let approximate = 0;
            for (const a of pulled) {
                // Without coordinates an account is placed at its postal code's centroid (the
                // offline reference; BillingPostalCode is read as a US ZIP code) and marked
                // approximate. Without a usable postal code either, it cannot be placed: it stays
                // where it is (it is not part of the plan, so no write touches it).
                let place: { lat: number; lon: number; approximate?: true } | undefined;
                // (0, 0) is a placeholder for unknown coordinates: placed by postal code too.
                if (hasUsableCoordinates(a.lat, a.lon)) place = { lat: a.lat!, lon: a.lon! };
                else {
                    const centroid = a.postalCode ? lookupPostal(a.postalCode) : undefined;
                    if (centroid)
                        place = { lat: centroid.lat, lon: centroid.lon, approximate: true };
                }
                if (!place) {
                    skipped += 1;
                    continue;
                }
                if (place.approximate) approximate += 1;
                accounts.push({
                    id: a.id,
                    ...place,
                    measures: a.measures,
                    ...(a.segment ? { segment: a.segment } : {}),
                    ...(a.locked ? { locked: true } : {}),
                    ...(a.named ? { named: true } : {}),
                    ...(a.excluded ? { excluded: true } : {}),
                    ...(a.type ? { type: a.type } : {}),
                    ...(a.postalCode
                        ? { postalCode: postalUnitCode(a.postalCode) ?? a.postalCode }
                        : {}),
                    ...(a.territoryId ? { territoryId: a.territoryId } : {})
                });
            }
            if (approximate > 0)
                logger?.info(
                    { modelId, approximate },
                    "accounts without coordinates placed at their postal code's centroid"
                );
            if (skipped > 0)
                logger?.warn({ modelId, skipped }, 'accounts without coordinates left in place');
            return { modelId, accounts, territories: planTerritories };
        },

        async currentAssignments(modelId: string) {
            const map = new Map<string, string>();
            for (const a of await (await gateway()).pullAssociations(modelId)) {
                const seen = map.get(a.accountId);
                // Two territories of the model for one account show up as "A|B": never a target.
                map.set(a.accountId, seen ? `${seen}|${a.territoryId}` : a.territoryId);
            }
            return map;
        },

        async createTerritories(modelId, territories) {
            const created = await (
                await gateway()
            ).createTerritories(
                modelId,
                territories.map((t) => ({
                    name: t.name,
                    ...(t.parentId ? { parentId: t.parentId } : {})
                }))
            );
            return created.map((t) => t.id);
        },

        async applyAssignments(modelId, target, options) {
            const result = await (
                await gateway()
            ).applyAssignments(modelId, target, {
                ...(options.signal ? { signal: options.signal } : {}),
                onProgress: (p) => options.onProgress?.({ done: p.done, total: p.total })
            });
            if (result.failed.length > 0) {
                const first = result.failed[0]!;
                // Surfaced with the record's error code, so UNABLE_TO_LOCK_ROW retries and the
                // re-run finishes what is left.
                throw new SalesforceError(
                    `${result.failed.length} assignment(s) not written (first: account ${first.accountId} → ${first.territoryId} at ${first.stage}: ${first.errorCode} ${first.message})`,
                    first.errorCode
                );
            }
            return {
                inserted: result.inserted,
                deleted: result.deleted,
                unchanged: result.unchanged
            };
        },

        async closedDeals(since) {
            const rows = await (await gateway()).pullOpportunityAggregates({ closedSince: since });
            return rows.map((r) => ({
                accountId: r.accountId,
                sales: r.wonAmount,
                wonDeals: r.wonCount,
                closedDeals: r.count
            }));
        },

        performanceFacts: async (modelId, since) =>
            readPerformanceFacts(await gateway(), modelId, since),
        writeTerritoryPerformance: async (modelId, rows) =>
            writeTerritoryPerformance(await gateway(), modelId, rows),

        async updateTerritoryFigures(figures) {
            const sf = await gateway();
            const figuresAt = new Date().toISOString();
            const records = figures.map((f) => ({
                Id: f.territoryId,
                Potential__c: Math.round(f.potential * 100) / 100,
                Workload__c: Math.round(f.workload * 100) / 100,
                Account_Count__c: f.accountCount,
                // Percent field: 5.25 means 5.25 %.
                Deviation__c: Math.round(f.deviation * 10000) / 100,
                Travel_Km__c: Math.round(f.travelKm * 10) / 10,
                Sales_12M__c: Math.round(f.sales * 100) / 100,
                Won_Deals_12M__c: f.wonDeals,
                Closed_Deals_12M__c: f.closedDeals,
                Figures_At__c: figuresAt
            }));
            for (let i = 0; i < records.length; i += COLLECTION_SIZE) {
                const chunk = records.slice(i, i + COLLECTION_SIZE);
                const results = await sf.client.call(() =>
                    sf.connection.sobject('Territory2').update(chunk, { allOrNone: false })
                );
                const failed = results.find((r) => !r.success);
                if (failed) {
                    const error = (
                        failed as { errors?: { errorCode?: string; message?: string }[] }
                    ).errors?.[0];
                    throw new SalesforceError(
                        `Territory figures not written for ${failed.id ?? 'a territory'}: ${error?.message ?? 'unknown error'}`,
                        error?.errorCode ?? 'UNKNOWN'
                    );
                }
            }
        },

        async replaceTerritoryUnits(modelId, units) {
            const sf = await gateway();
            const modelKeys = `${soqlString(modelId)}, ${soqlString(modelId.slice(0, 15))}`;
            const ofModel = `FROM Territory_Unit__c WHERE Territory_Model_Id__c IN (${modelKeys})`;
            // The set's stamp: whole seconds (an org keeps no milliseconds in a DateTime), later
            // than the set in use and than any row a crashed write left, so no two sets share one.
            const [model] = await sf.client.queryRest(
                `SELECT Units_At__c FROM Territory2Model WHERE Id = ${soqlString(modelId)}`
            );
            const [newestRow] = await sf.client.queryRest(
                `SELECT Written_At__c ${ofModel} ORDER BY Written_At__c DESC NULLS LAST LIMIT 1`
            );
            const after = (value: unknown) => {
                const ms = typeof value === 'string' ? Date.parse(value) : NaN;
                return Number.isFinite(ms) ? ms + 1000 : 0;
            };
            const stampMs = Math.max(
                Math.floor(Date.now() / 1000) * 1000,
                after(model?.Units_At__c),
                after(newestRow?.Written_At__c)
            );
            const writtenAt = new Date(stampMs).toISOString();
            const records = units.map((u) => ({
                Name: (u.segment ? `${u.segment} ${u.postalCode}` : u.postalCode).slice(0, 80),
                Territory_Model_Id__c: modelId,
                Territory_Id__c: u.territoryId ?? null,
                Postal_Code__c: u.postalCode.slice(0, 20),
                Segment__c: u.segment === '' ? null : u.segment.slice(0, 80),
                Latitude__c: Math.round(u.lat * 1e6) / 1e6,
                Longitude__c: Math.round(u.lon * 1e6) / 1e6,
                Account_Count__c: u.accountCount,
                Elsewhere_Count__c: u.elsewhereCount,
                Approximate_Accounts__c: u.approximateCount,
                Potential__c: Math.round(u.potential * 100) / 100,
                Workload__c: Math.round(u.workload * 100) / 100,
                Written_At__c: writtenAt
            }));
            const rowsOfModel = async () => {
                const expected = await sf.client.count(`SELECT COUNT() ${ofModel}`);
                return expected === 0
                    ? []
                    : sf.client.read(`SELECT Id, Written_At__c ${ofModel}`, expected);
            };
            const isNew = (row: { Written_At__c?: unknown }) =>
                Date.parse(String(row.Written_At__c)) === stampMs;
            // 1. The new set (sObject Collections, or Bulk API 2.0 above the bulk threshold).
            const inserted = await sf.client.dml('insert', 'Territory_Unit__c', records);
            const failed = inserted.find((o) => !o.ok);
            if (failed && !failed.ok) {
                // Part of a set is worse than the old set: take the new rows out again.
                const partial = (await rowsOfModel()).filter(isNew);
                await sf.client.dml(
                    'delete',
                    'Territory_Unit__c',
                    partial.map((r) => ({ Id: r.Id }))
                );
                throw new SalesforceError(
                    `Territory units of model ${modelId} not written: ${failed.message}`,
                    failed.errorCode
                );
            }
            // 2. The model names the complete new set: readers switch to it in one write.
            const named = await sf.client.call(() =>
                sf.connection
                    .sobject('Territory2Model')
                    .update({ Id: modelId, Units_At__c: writtenAt })
            );
            if (!named.success)
                throw new SalesforceError(
                    `Territory2Model ${modelId}: Units_At__c not written`,
                    'UNKNOWN'
                );
            // 3. The older sets go, in batches.
            const old = (await rowsOfModel()).filter((r) => !isNew(r)).map((r) => ({ Id: r.Id }));
            const deleted = await sf.client.dml('delete', 'Territory_Unit__c', old);
            const notDeleted = deleted.find((o) => !o.ok && !SalesforceClient.isGone(o.errorCode));
            if (notDeleted && !notDeleted.ok)
                throw new SalesforceError(
                    `Old territory units of model ${modelId} not deleted: ${notDeleted.message}`,
                    notDeleted.errorCode
                );
            logger?.info(
                { modelId, units: records.length, replaced: old.length, writtenAt },
                'territory units written'
            );
        },

        createScenario: async (record, assignments) =>
            (await gateway()).saveScenario(
                record.metrics ? { ...record, metrics: fitMetrics(record.metrics) } : record,
                assignments
            ),
        updateScenario: async (id, patch, assignments) =>
            (await gateway()).updateScenario(
                id,
                patch.metrics ? { ...patch, metrics: fitMetrics(patch.metrics) } : patch,
                assignments
            ),
        loadScenario: async (id) => (await gateway()).loadScenario(id),
        loadAssignments: async (id) => (await gateway()).loadAssignments(id),
        listScenarios: async (modelId) => (await gateway()).listScenarios(modelId),
        async sendCustomNotifications(typeDeveloperName, notifications) {
            const sf = await gateway();
            const [type] = await sf.client.queryRest(
                `SELECT Id FROM CustomNotificationType WHERE DeveloperName = ${soqlString(typeDeveloperName)}`
            );
            if (!type?.Id)
                throw new SalesforceError(
                    `The org has no custom notification type ${typeDeveloperName}: deploy force-app (notificationtypes/${typeDeveloperName}.notiftype-meta.xml)`,
                    'NOT_FOUND'
                );
            const outcome: NotifyOutcome = { sent: 0, failed: [] };
            for (let i = 0; i < notifications.length; i += NOTIFICATIONS_PER_CALL) {
                const chunk = notifications.slice(i, i + NOTIFICATIONS_PER_CALL);
                // The invocable action's documented shape: { inputs: [...] } in, one result
                // { actionName, isSuccess, errors, outputValues } per input out, in order.
                const results = await sf.client.call(() =>
                    sf.client.request<
                        { isSuccess: boolean; errors?: { message?: string }[] | null }[]
                    >('POST', '/actions/standard/customNotificationAction', {
                        inputs: chunk.map((n) => ({
                            customNotifTypeId: type.Id,
                            recipientIds: n.recipientIds,
                            title: n.title,
                            body: n.body,
                            ...(n.targetId ? { targetId: n.targetId } : {}),
                            ...(n.targetPageRef ? { targetPageRef: n.targetPageRef } : {})
                        }))
                    })
                );
                chunk.forEach((n, j) => {
                    const result = results[j];
                    if (result?.isSuccess) outcome.sent += 1;
                    else
                        outcome.failed.push({
                            recipientIds: n.recipientIds,
                            message:
                                result?.errors?.map((e) => e.message).join('; ') ||
                                'no answer for this notification'
                        });
                });
            }
            return outcome;
        }
    };
}

/** Inputs per customNotificationAction request. */
const NOTIFICATIONS_PER_CALL = 100;

/**
 * Salesforce connection settings from the service configuration (secrets stay in process). With
 * SF_AUTH_FLOW=jwt the private key is read from SF_PRIVATE_KEY_FILE here, once.
 */
export function salesforceConfig(config: Config): SalesforceConfig {
    return {
        loginUrl: config.SF_LOGIN_URL,
        clientId: config.SF_CLIENT_ID,
        clientSecret: config.SF_CLIENT_SECRET,
        ...(config.SF_AUTH_FLOW === 'jwt'
            ? {
                  auth: {
                      type: 'jwt' as const,
                      username: config.SF_USERNAME,
                      // loadConfig checked that the file is readable.
                      privateKey: readFileSync(config.SF_PRIVATE_KEY_FILE, 'utf8')
                  }
              }
            : {}),
        apiVersion: config.SF_API_VERSION,
        bulkThreshold: config.SF_BULK_THRESHOLD,
        ...(config.SF_API_RESERVE > 0 ? { budget: { minRemaining: config.SF_API_RESERVE } } : {})
    };
}

/** The gateway the API and the workers use; it logs in on its first call. */
export function createPlannerGateway(config: Config, logger?: Logger): PlannerGateway {
    const sfConfig = salesforceConfig(config);
    return plannerGatewayOver(() => connectSalesforce(sfConfig), logger);
}
