/** What Apex gives for free and a REST client must do by hand: bind lists, ids, decimals. */
import type { OrgConnection } from '../org-client.js';
import { queryAll, soqlString } from '../org-client.js';
import { AuraHandledException } from './aura.js';
import { objectForId } from '../../localOrg/schema.js';

// A bind list becomes literal ids in a REST query; keep each query URL well below the 16 kB an
// HTTP server accepts in a request line.
const IDS_PER_QUERY = 200;

/**
 * Runs `soql(idList)` once per chunk of ids (the `IN :ids` of Apex) and concatenates the rows.
 * `soql` receives the quoted, comma-separated ids.
 */
export async function queryByIds<T extends Record<string, unknown>>(
    org: OrgConnection,
    ids: readonly string[],
    soql: (idList: string) => string
): Promise<T[]> {
    const rows: T[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
        const chunk = ids
            .slice(start, start + IDS_PER_QUERY)
            .map(soqlString)
            .join(', ');
        rows.push(...(await queryAll<T>(org, soql(chunk))));
    }
    return rows;
}

/**
 * The UserTerritory2Association rows of a model with their user's planning fields, by user name
 * (the query both controllers run), at most `limit` rows.
 */
export function queryModelReps(
    org: OrgConnection,
    modelId: string,
    limit: number
): Promise<Record<string, unknown>[]> {
    return queryAll(
        org,
        'SELECT Territory2Id, UserId, RoleInTerritory2, User.Name, User.IsActive, ' +
            'User.Territory_Home_Latitude__c, User.Territory_Home_Longitude__c, ' +
            'User.Territory_Capacity__c, User.Territory_Segment__c FROM UserTerritory2Association ' +
            `WHERE Territory2.Territory2ModelId = ${soqlString(modelId)} ORDER BY User.Name ` +
            `LIMIT ${limit}`
    );
}

/** `Id.valueOf(value)`: a 15 or 18 character record id, or an AuraHandledException. */
export function toId(value: unknown, name: string): string {
    const text = value === null || value === undefined ? 'null' : String(value);
    if (!/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(text)) {
        throw new AuraHandledException(`${name} "${text}" is not a Salesforce record id.`);
    }
    return text;
}

/** `id.getSobjectType() == X.SObjectType`, by key prefix. */
export function isIdOf(id: unknown, objectName: string): boolean {
    return typeof id === 'string' && objectForId(id)?.name === objectName;
}

/** A numeric field value (SOQL JSON gives numbers or null). */
export function decimal(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A datetime field value as Apex serialises a Datetime ("2026-11-30T08:00:00.000Z"), or null. */
export function datetime(value: unknown): string | null {
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
