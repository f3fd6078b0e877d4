/**
 * The sandbox's view of the org: a jsforce connection logged in with the client-credentials flow,
 * used where Apex would run SOQL and DML as the current user.
 */
import jsforce from 'jsforce';
import type { Connection } from 'jsforce';

export interface OrgCredentials {
    loginUrl: string;
    instanceUrl?: string;
    clientId: string;
    clientSecret: string;
    apiVersion: string;
}

export type OrgConnection = Connection;

/** Logs in to the org (client-credentials flow, as the service does). */
export async function connectOrg(credentials: OrgCredentials): Promise<OrgConnection> {
    const connection = new jsforce.Connection({
        oauth2: {
            loginUrl: credentials.loginUrl,
            clientId: credentials.clientId,
            clientSecret: credentials.clientSecret
        },
        version: credentials.apiVersion,
        ...(credentials.instanceUrl ? { instanceUrl: credentials.instanceUrl } : {})
    });
    await connection.authorize({ grant_type: 'client_credentials' });
    return connection;
}

/** Runs a SOQL query and returns every row (follows nextRecordsUrl). */
export async function queryAll<T extends Record<string, unknown>>(
    connection: OrgConnection,
    soql: string
): Promise<T[]> {
    const rows: T[] = [];
    let result = await connection.query<T>(soql);
    rows.push(...result.records);
    while (!result.done && result.nextRecordsUrl) {
        result = await connection.queryMore<T>(result.nextRecordsUrl);
        rows.push(...result.records);
    }
    return rows;
}

/** Quotes a value for a SOQL string literal (what Apex bind variables do for you). */
export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
