/** The sandbox's Accounts tab: accounts with their territory in the active model. */
import type { OrgConnection } from './org-client.js';
import { queryAll, soqlString } from './org-client.js';

export interface AccountListItem {
    id: string;
    name: string;
    city: string | null;
    state: string | null;
    segment: string | null;
    territory: string | null;
}

interface AccountRow extends Record<string, unknown> {
    Id: string;
    Name: string;
    BillingCity: string | null;
    BillingState: string | null;
    Territory_Segment__c: string | null;
}

/** The first `limit` accounts by name, each with the name of its territory (active model). */
export async function listAccounts(org: OrgConnection, limit: number): Promise<AccountListItem[]> {
    const size = Number.isInteger(limit) && limit > 0 ? Math.min(limit, 2000) : 50;
    const accounts = await queryAll<AccountRow>(
        org,
        'SELECT Id, Name, BillingCity, BillingState, Territory_Segment__c FROM Account ' +
            `ORDER BY Name LIMIT ${size}`
    );
    const territoryByAccount = new Map<string, string>();
    if (accounts.length > 0) {
        const ids = accounts.map((account) => soqlString(account.Id)).join(', ');
        const associations = await queryAll<{ ObjectId: string; Territory2Id: string }>(
            org,
            `SELECT ObjectId, Territory2Id FROM ObjectTerritory2Association WHERE ObjectId IN (${ids})`
        );
        const territoryIds = [...new Set(associations.map((a) => a.Territory2Id))];
        const names = new Map<string, string>();
        if (territoryIds.length > 0) {
            const territories = await queryAll<{
                Id: string;
                Name: string;
                Territory2ModelId: string;
            }>(
                org,
                `SELECT Id, Name, Territory2ModelId FROM Territory2 WHERE Id IN (${territoryIds
                    .map(soqlString)
                    .join(', ')}) AND Territory2Model.State = 'Active'`
            );
            for (const territory of territories) names.set(territory.Id, territory.Name);
        }
        for (const association of associations) {
            const name = names.get(association.Territory2Id);
            if (name) territoryByAccount.set(association.ObjectId, name);
        }
    }
    return accounts.map((account) => ({
        id: account.Id,
        name: account.Name,
        city: account.BillingCity,
        state: account.BillingState,
        segment: account.Territory_Segment__c,
        territory: territoryByAccount.get(account.Id) ?? null
    }));
}
