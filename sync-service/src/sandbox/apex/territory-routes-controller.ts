/**
 * TerritoryRoutesController.cls in JS, for the sandbox: plan one rep's visits (Territory_Plan,
 * the same bounds and messages) and read a rep's plan as a state ('planned', 'none',
 * 'unavailable'), with the same read rule: planners and approvers read any rep's plan, others
 * their own and that of a rep who shares a territory of the model with them. The sandbox knows
 * the running user only when the demo passes `userId`; without it a non-planner reads nothing.
 */
import type { OrgConnection } from '../org-client.js';
import { queryAll, soqlString } from '../org-client.js';
import type { ServiceClient } from '../service-client.js';
import { ServiceCallError } from '../service-client.js';
import { AuraHandledException, type AuraMethod } from './aura.js';
import { territoryPermissions } from './permissions.js';
import { isIdOf } from './soql-helpers.js';

export const NO_ROUTE_ACCESS =
    "You can see the visit plan of your own territory only. Ask your admin for the Territory Planner permission set to see other reps' weeks.";
// The service's bounds of a plan (sync-service/src/http/routes/visit-routes/index.ts).
const BOUNDS = { days: [1, 60], dayMinutes: [0, 1440], visitMinutes: [0, 600] } as const;

export interface RoutesControllerContext {
    org: OrgConnection;
    service: ServiceClient;
    customPermissions: ReadonlySet<string>;
    /** The running user (UserInfo.getUserId()), when known. */
    userId?: string;
}

const uiError = (message: string) => new AuraHandledException(message);
const asMap = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {};

function requireIds(modelId: unknown, repId: unknown): { model: string; rep: string } {
    if (!isIdOf(modelId, 'Territory2Model'))
        throw uiError(`Choose a territory model (got "${String(modelId ?? 'null')}").`);
    if (!isIdOf(repId, 'User')) throw uiError(`Choose a rep (got "${String(repId ?? 'null')}").`);
    return { model: String(modelId), rep: String(repId) };
}

/** The `@AuraEnabled` methods of TerritoryRoutesController. */
export function territoryRoutesController(
    context: RoutesControllerContext
): Record<string, AuraMethod> {
    const { org } = context;
    const permissions = territoryPermissions(context.customPermissions);

    async function requireReadAccess(model: string, rep: string): Promise<void> {
        if (permissions.canPlan() || permissions.canApprove()) return;
        const self = context.userId;
        if (self === undefined) throw uiError(NO_ROUTE_ACCESS);
        if (rep.slice(0, 15) === self.slice(0, 15)) return;
        const own = await queryAll<Record<string, unknown>>(
            org,
            `SELECT Territory2Id FROM UserTerritory2Association WHERE UserId = ${soqlString(self)} ` +
                `AND Territory2.Territory2ModelId = ${soqlString(model)} LIMIT 100`
        );
        const territories = own.map((r) => soqlString(String(r.Territory2Id)));
        const shared =
            territories.length === 0
                ? []
                : await queryAll(
                      org,
                      `SELECT Id FROM UserTerritory2Association WHERE UserId = ${soqlString(rep)} ` +
                          `AND Territory2Id IN (${territories.join(', ')}) LIMIT 1`
                  );
        if (shared.length === 0) throw uiError(NO_ROUTE_ACCESS);
    }

    return {
        async planRoutes({ modelId, repId, days, dayMinutes, visitMinutes, startDate }) {
            permissions.requirePlan();
            const { model, rep } = requireIds(modelId, repId);
            const body: Record<string, unknown> = { repIds: [rep] };
            for (const [name, value] of Object.entries({ days, dayMinutes, visitMinutes })) {
                if (value === null || value === undefined) continue;
                const [lower, upper] = BOUNDS[name as keyof typeof BOUNDS];
                const n = Number(value);
                if (!Number.isInteger(n) || n < lower || n > upper)
                    throw uiError(
                        `${name} must be between ${lower} and ${upper} (got ${String(value)}).`
                    );
                body[name] = n;
            }
            if (startDate !== null && startDate !== undefined && String(startDate).trim() !== '') {
                if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(String(startDate)))
                    throw uiError(
                        `startDate must be a date like 2026-12-07 (got "${String(startDate)}").`
                    );
                body.startDate = String(startDate);
            }
            let answer: unknown;
            try {
                answer = await context.service('POST', `/v1/models/${model}/routes`, body);
            } catch (error) {
                if (error instanceof ServiceCallError) throw uiError(error.message);
                throw error;
            }
            const accepted = asMap(answer);
            const jobs = Array.isArray(accepted.jobs) ? accepted.jobs : [];
            if (jobs.length === 0)
                throw uiError(
                    'The territory service queued no plan for this rep: the rep has no territory in this model.'
                );
            const job = asMap(jobs[0]);
            return { jobId: job.jobId, runId: accepted.runId, repId: job.repId };
        },

        async getRoutes({ modelId, repId }) {
            const { model, rep } = requireIds(modelId, repId);
            await requireReadAccess(model, rep);
            const canPlan = permissions.canPlan();
            try {
                const plan = await context.service('GET', `/v1/models/${model}/routes/${rep}`);
                return { status: 'planned', plan: asMap(plan), message: null, canPlan };
            } catch (error) {
                if (!(error instanceof ServiceCallError)) throw error;
                if (error.statusCode === 404)
                    return {
                        status: 'none',
                        plan: null,
                        message: 'No visit plan for this rep in the last 14 days.',
                        canPlan
                    };
                if (error.statusCode === 0 || error.statusCode >= 500)
                    return { status: 'unavailable', plan: null, message: error.message, canPlan };
                throw uiError(error.message);
            }
        }
    };
}
