/**
 * TerritoryDataQualityController.cls in JS, for the sandbox: the planner's Data Quality view reads
 * the model's latest audit, runs one, and passes the actions a planner approves (place accounts at
 * their postal code's centre, exclude them from planning or include them again) to the service,
 * with the same permission checks, argument checks and messages first. Like the Apex it computes
 * nothing: the service audits and writes (README "Data quality in the org").
 */
import type { ServiceClient } from '../service-client.js';
import { ServiceCallError } from '../service-client.js';
import { AuraHandledException, type AuraMethod } from './aura.js';
import { territoryPermissions } from './permissions.js';
import { isIdOf } from './soql-helpers.js';

// The limits of the Apex class (see TerritoryDataQualityController.cls for their reasons).
const MAX_ACCOUNT_IDS = 2000;
const MAX_EXAMPLES = 50;
const ID_PATTERN = /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/;
const CHECKSUM_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

const uiError = (message: string) => new AuraHandledException(message);

/** The 18-character form of a record id, as Apex's Id.valueOf gives it. */
export function id18(id: string): string {
    if (id.length === 18) return id.slice(0, 15) + id.slice(15).toUpperCase();
    let suffix = '';
    for (let block = 0; block < 3; block++) {
        let bits = 0;
        for (let k = 0; k < 5; k++) {
            const c = id.charAt(block * 5 + k);
            if (c >= 'A' && c <= 'Z') bits |= 1 << k;
        }
        suffix += CHECKSUM_CHARS.charAt(bits);
    }
    return id + suffix;
}

function requireModelId(modelId: unknown): string {
    if (!isIdOf(modelId, 'Territory2Model'))
        throw uiError(`Choose a territory model (got "${String(modelId ?? 'null')}").`);
    return String(modelId);
}

function accountIdsOf(accountIds: unknown): string[] {
    if (!Array.isArray(accountIds) || accountIds.length === 0)
        throw uiError('Select at least one account.');
    if (accountIds.length > MAX_ACCOUNT_IDS)
        throw uiError(
            `Select at most ${MAX_ACCOUNT_IDS} accounts at a time (got ${accountIds.length}).`
        );
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const value of accountIds) {
        const text = String(value);
        if (!ID_PATTERN.test(text)) throw uiError(`"${text}" is not a Salesforce record id.`);
        const id = id18(text);
        if (!isIdOf(id, 'Account')) throw uiError(`${id} is not an account id.`);
        if (!seen.has(id)) {
            seen.add(id);
            ids.push(id);
        }
    }
    return ids;
}

function toMap(answer: unknown): Record<string, unknown> {
    return answer !== null && typeof answer === 'object' && !Array.isArray(answer)
        ? (answer as Record<string, unknown>)
        : {};
}

/** The `@AuraEnabled` methods of TerritoryDataQualityController. */
export function territoryDataQualityController(context: {
    service: ServiceClient;
    customPermissions: ReadonlySet<string>;
}): Record<string, AuraMethod> {
    const permissions = territoryPermissions(context.customPermissions);
    const callService = async (method: string, path: string, body?: unknown) => {
        try {
            return toMap(await context.service(method, path, body));
        } catch (error) {
            if (error instanceof ServiceCallError) throw uiError(error.message);
            throw error;
        }
    };
    return {
        async getAudit({ modelId, examples }) {
            permissions.requirePlannerAccess();
            const id = requireModelId(modelId);
            if (
                typeof examples !== 'number' ||
                !Number.isInteger(examples) ||
                examples < 0 ||
                examples > MAX_EXAMPLES
            )
                throw uiError(
                    `examples must be a number from 0 to ${MAX_EXAMPLES} (got ${examples === undefined || examples === null ? 'null' : String(examples)}).`
                );
            try {
                return toMap(
                    await context.service('GET', `/v1/models/${id}/audit?examples=${examples}`)
                );
            } catch (error) {
                if (error instanceof ServiceCallError) {
                    if (error.statusCode === 404) return { noAudit: true, message: error.message };
                    throw uiError(error.message);
                }
                throw error;
            }
        },

        async runAudit({ modelId }) {
            permissions.requirePlan();
            const id = requireModelId(modelId);
            return callService('POST', `/v1/models/${id}/audit`, {});
        },

        async placeAtPostalCode({ modelId, accountIds }) {
            permissions.requirePlan();
            const id = requireModelId(modelId);
            return callService('POST', `/v1/models/${id}/audit/geocode`, {
                accountIds: accountIdsOf(accountIds)
            });
        },

        async setExcluded({ modelId, accountIds, excluded }) {
            permissions.requirePlan();
            const id = requireModelId(modelId);
            if (typeof excluded !== 'boolean')
                throw uiError('Say whether to exclude the accounts or include them again.');
            return callService('POST', `/v1/models/${id}/audit/exclude`, {
                accountIds: accountIdsOf(accountIds),
                excluded
            });
        }
    };
}
