/**
 * TerritoryRolloutController.cls in JS, for the sandbox: a scenario's "what changes for me" from
 * the service with account names read from the org, and the card's pending change as a state
 * ('pending', 'applied', 'none', 'unavailable'). The same read rule: planners and approvers read
 * every rep's changes, others only those of a territory they are assigned to. The sandbox knows
 * the running user only when the demo passes `userId`; without it a non-planner reads nothing.
 */
import type { OrgConnection } from '../org-client.js';
import { queryAll, soqlString } from '../org-client.js';
import type { ServiceClient } from '../service-client.js';
import { ServiceCallError } from '../service-client.js';
import { AuraHandledException, type AuraMethod } from './aura.js';
import { territoryPermissions } from './permissions.js';
import { isIdOf, queryByIds } from './soql-helpers.js';

export const NO_ROLLOUT_ACCESS =
    "You can see the changes of your own territory only. Ask your admin for the Territory Planner permission set to see other reps' changes.";
const MAX_NAMED_ACCOUNTS = 4000;

export interface RolloutControllerContext {
    org: OrgConnection;
    service: ServiceClient;
    customPermissions: ReadonlySet<string>;
    userId?: string;
}

type Row = Record<string, unknown>;
const uiError = (message: string) => new AuraHandledException(message);
const asMap = (value: unknown): Row =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : {};
const same = (a: string, b: string) => a.slice(0, 15) === b.slice(0, 15);

/** The `@AuraEnabled` methods of TerritoryRolloutController. */
export function territoryRolloutController(
    context: RolloutControllerContext
): Record<string, AuraMethod> {
    const { org } = context;
    const permissions = territoryPermissions(context.customPermissions);

    async function requireReadAccess(territoryId: string | undefined): Promise<void> {
        if (permissions.canPlan() || permissions.canApprove()) return;
        const self = context.userId;
        if (territoryId === undefined || self === undefined) throw uiError(NO_ROLLOUT_ACCESS);
        const own = await queryAll(
            org,
            `SELECT Id FROM UserTerritory2Association WHERE UserId = ${soqlString(self)} ` +
                `AND Territory2Id = ${soqlString(territoryId)} LIMIT 1`
        ).catch(() => []);
        if (own.length === 0) throw uiError(NO_ROLLOUT_ACCESS);
    }

    async function nameAccounts(rollout: Row): Promise<void> {
        const listed: Row[] = [];
        for (const rep of Array.isArray(rollout.reps) ? rollout.reps : [])
            for (const key of ['gainedAccounts', 'lostAccounts'])
                for (const account of asArray(asMap(rep)[key])) listed.push(asMap(account));
        const ids = [
            ...new Set(
                listed.map((a) => a.accountId).filter((id): id is string => typeof id === 'string')
            )
        ].slice(0, MAX_NAMED_ACCOUNTS);
        if (ids.length === 0) return;
        const rows = await queryByIds<Row>(
            org,
            ids,
            (list) => `SELECT Id, Name FROM Account WHERE Id IN (${list})`
        );
        const names = new Map(rows.map((r) => [String(r.Id).slice(0, 15), String(r.Name)]));
        for (const account of listed)
            account.name =
                typeof account.accountId === 'string'
                    ? (names.get(account.accountId.slice(0, 15)) ?? null)
                    : null;
    }

    return {
        async getRollout({ scenarioId, territoryId }) {
            if (!isIdOf(scenarioId, 'Territory_Scenario__c'))
                throw uiError(`Choose a scenario (got "${String(scenarioId ?? 'null')}").`);
            const territory =
                territoryId === null || territoryId === undefined ? undefined : territoryId;
            if (territory !== undefined && !isIdOf(territory, 'Territory2'))
                throw uiError(`Choose a territory (got "${String(territory)}").`);
            await requireReadAccess(territory as string | undefined);
            let answer: unknown;
            try {
                answer = await context.service(
                    'GET',
                    `/v1/scenarios/${String(scenarioId)}/rollout${territory ? `?territoryId=${String(territory)}` : ''}`
                );
            } catch (error) {
                if (error instanceof ServiceCallError) throw uiError(error.message);
                throw error;
            }
            const rollout = asMap(answer);
            await nameAccounts(rollout);
            return rollout;
        },

        async getPendingChange({ modelId, territoryId }) {
            if (!isIdOf(modelId, 'Territory2Model'))
                throw uiError(`Choose a territory model (got "${String(modelId ?? 'null')}").`);
            if (!isIdOf(territoryId, 'Territory2'))
                throw uiError(`Choose a territory (got "${String(territoryId ?? 'null')}").`);
            const visible = await queryAll<Row>(
                org,
                `SELECT Id, Territory2ModelId FROM Territory2 WHERE Id = ${soqlString(String(territoryId))} LIMIT 1`
            );
            if (!visible[0] || !same(String(visible[0].Territory2ModelId), String(modelId)))
                throw uiError(
                    `Territory ${String(territoryId)} was not found or you cannot see it.`
                );
            try {
                const reply = asMap(
                    await context.service(
                        'GET',
                        `/v1/models/${String(modelId)}/rollout?territoryId=${String(territoryId)}`
                    )
                );
                const change = reply.pending;
                if (change && typeof change === 'object')
                    return {
                        status: String(asMap(change).state),
                        change: asMap(change),
                        message: null
                    };
                return { status: 'none', change: null, message: null };
            } catch (error) {
                if (!(error instanceof ServiceCallError)) throw error;
                if (error.statusCode === 0 || error.statusCode >= 500)
                    return { status: 'unavailable', change: null, message: error.message };
                throw uiError(error.message);
            }
        }
    };
}

function asArray(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}
