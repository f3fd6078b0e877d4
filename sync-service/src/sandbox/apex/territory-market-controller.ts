/**
 * TerritoryMarketController.cls in JS, for the sandbox: the planner's market layers (the map's
 * layer picker, the Data view's import) and lead flow, passed to the service with the same
 * permission checks, argument checks and messages first. Like the Apex it computes nothing: the
 * service reads the file and counts the leads (README "Market layers and lead flow").
 */
import type { ServiceClient } from '../service-client.js';
import { ServiceCallError } from '../service-client.js';
import { AuraHandledException, type AuraMethod } from './aura.js';
import { territoryPermissions } from './permissions.js';
import { isIdOf } from './soql-helpers.js';

// The limits of the Apex class (see TerritoryMarketController.cls for their reasons).
const MAX_CONTENT_CHARS = 1_000_000;
const MAX_NAME_CHARS = 80;
const KINDS = new Set(['points', 'postal_values']);
const FORMATS = new Set(['csv', 'geojson']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const uiError = (message: string) => new AuraHandledException(message);
const shown = (value: unknown) => (value === undefined || value === null ? 'null' : String(value));

function toMap(answer: unknown): Record<string, unknown> {
    return answer !== null && typeof answer === 'object' && !Array.isArray(answer)
        ? (answer as Record<string, unknown>)
        : {};
}

/** The `@AuraEnabled` methods of TerritoryMarketController. */
export function territoryMarketController(context: {
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
    const requireDay = (which: string, value: unknown): string => {
        if (typeof value !== 'string' || !DAY.test(value))
            throw uiError(`The ${which} date must be YYYY-MM-DD (got "${shown(value)}").`);
        return value;
    };
    return {
        async listLayers() {
            permissions.requirePlannerAccess();
            return callService('GET', '/v1/layers');
        },

        async getLayer({ layerId }) {
            permissions.requirePlannerAccess();
            if (!isIdOf(layerId, 'Territory_Layer__c'))
                throw uiError(`Choose a market layer (got "${shown(layerId)}").`);
            return callService('GET', `/v1/layers/${String(layerId)}`);
        },

        async importLayer({ name, kind, format, content, valueName }) {
            permissions.requirePlan();
            const layerName = typeof name === 'string' ? name.trim() : '';
            if (!layerName || layerName.length > MAX_NAME_CHARS)
                throw uiError(`Give the layer a name of 1 to ${MAX_NAME_CHARS} characters.`);
            if (typeof kind !== 'string' || !KINDS.has(kind))
                throw uiError(
                    `Choose what the layer holds: points or values per postal code (got "${shown(kind)}").`
                );
            if (typeof format !== 'string' || !FORMATS.has(format))
                throw uiError(`Choose a CSV or a GeoJSON file (got "${shown(format)}").`);
            if (typeof content !== 'string' || content.trim() === '')
                throw uiError('The file is empty: choose a file with the layer.');
            if (content.length > MAX_CONTENT_CHARS)
                throw uiError(
                    `The file has ${content.length} characters; at most ${MAX_CONTENT_CHARS} can be imported at a time.`
                );
            const values = typeof valueName === 'string' ? valueName.trim() : '';
            if (values.length > MAX_NAME_CHARS)
                throw uiError(`Name the values in at most ${MAX_NAME_CHARS} characters.`);
            return callService('POST', '/v1/layers', {
                name: layerName,
                kind,
                format,
                content,
                ...(values ? { valueName: values } : {})
            });
        },

        async getLeadFlow({ modelId, fromDate, toDate }) {
            permissions.requirePlannerAccess();
            if (!isIdOf(modelId, 'Territory2Model'))
                throw uiError(`Choose a territory model (got "${shown(modelId)}").`);
            const from = requireDay('from', fromDate);
            const to = requireDay('to', toDate);
            if (from >= to)
                throw uiError(`The period must start before it ends (${from} to ${to}).`);
            return callService(
                'GET',
                `/v1/models/${String(modelId)}/lead-flow?from=${from}&to=${to}`
            );
        }
    };
}
