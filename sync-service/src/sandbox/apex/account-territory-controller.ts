/**
 * AccountTerritoryController.cls in JS, for the sandbox: the rep card's data from SOQL alone
 * (no service call), with the same choices (Active model first) and the same bounded queries.
 * Like the Apex it computes nothing: the card derives figures, targets and distances from the
 * stored Territory2 figures with c/territoryFigures.
 */
import type { OrgConnection } from '../org-client.js';
import { queryAll, soqlString } from '../org-client.js';
import { AuraHandledException, type AuraMethod } from './aura.js';
import { decimal, isIdOf, queryByIds, queryModelReps } from './soql-helpers.js';

// The limits of the Apex class (see AccountTerritoryController.cls for their reasons).
const MAX_MAP_ACCOUNTS = 2000;
const MAX_TERRITORIES = 1000;
const MAX_REP_LINKS = 5000;

type Row = Record<string, unknown>;

interface RepInfo {
    userId: string;
    name: string | null;
    role: string | null;
    isActive: boolean;
    capacity: number;
    homeLatitude: number | null;
    homeLongitude: number | null;
    segment: string | null;
}

interface TerritoryFigures {
    id: string;
    potential: number | null;
    workload: number | null;
    accountCount: number | null;
    reps: RepInfo[];
}

const uiError = (message: string) => new AuraHandledException(message);
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** The `@AuraEnabled` methods of AccountTerritoryController. */
export function accountTerritoryController(org: OrgConnection): Record<string, AuraMethod> {
    return {
        async getAccountTerritory({ accountId }) {
            if (!isIdOf(accountId, 'Account')) {
                throw uiError(
                    `Open this card on an Account record page (got record id "${String(accountId ?? 'null')}").`
                );
            }
            try {
                return await loadCard(org, accountId as string);
            } catch (error) {
                if (error instanceof AuraHandledException) throw error;
                throw uiError(
                    `You cannot read this account's territory (${(error as Error).message}). Ask your admin for the Territory Rep permission set.`
                );
            }
        }
    };
}

async function loadCard(org: OrgConnection, accountId: string) {
    const accounts = await queryAll<Row>(
        org,
        'SELECT Id, Name, BillingCity, BillingState, BillingLatitude, BillingLongitude, ' +
            'Territory_Potential__c, Territory_Workload__c, Territory_Segment__c, Territory_Locked__c ' +
            `FROM Account WHERE Id = ${soqlString(accountId)} LIMIT 1`
    );
    const record = accounts[0];
    if (!record) throw uiError(`Account ${accountId} was not found or you cannot see it.`);
    const account = {
        id: String(record.Id),
        name: String(record.Name),
        city: text(record.BillingCity),
        state: text(record.BillingState),
        latitude: decimal(record.BillingLatitude),
        longitude: decimal(record.BillingLongitude),
        potential: decimal(record.Territory_Potential__c),
        workload: decimal(record.Territory_Workload__c),
        segment: text(record.Territory_Segment__c),
        locked: record.Territory_Locked__c === true
    };
    const card = {
        account,
        territoryId: null as string | null,
        territoryName: null as string | null,
        modelId: null as string | null,
        modelName: null as string | null,
        modelState: null as string | null,
        quota: null as number | null,
        deviation: null as number | null,
        travelKm: null as number | null,
        otherTerritoryCount: 0,
        territories: [] as TerritoryFigures[],
        territoryAccounts: [] as Row[],
        mapTruncated: false
    };

    const links = await queryAll<Row>(
        org,
        'SELECT Territory2Id, Territory2.Name, Territory2.Territory2ModelId, ' +
            'Territory2.Territory2Model.Name, Territory2.Territory2Model.State, ' +
            'Territory2.Deviation__c, Territory2.Travel_Km__c, Territory2.Quota__c ' +
            `FROM ObjectTerritory2Association WHERE ObjectId = ${soqlString(accountId)} ` +
            'ORDER BY Territory2.Name LIMIT 20'
    );
    if (links.length === 0) return card;
    const territoryOf = (link: Row) => (link.Territory2 ?? {}) as Row;
    const modelOf = (link: Row) => (territoryOf(link).Territory2Model ?? {}) as Row;
    const link = links.find((l) => modelOf(l).State === 'Active') ?? links[0]!;
    card.otherTerritoryCount = links.length - 1;
    const territory = territoryOf(link);
    const territoryId = String(link.Territory2Id);
    card.territoryId = territoryId;
    card.territoryName = text(territory.Name);
    card.modelId = text(territory.Territory2ModelId);
    card.modelName = text(modelOf(link).Name);
    card.modelState = text(modelOf(link).State);
    card.quota = decimal(territory.Quota__c);
    card.deviation = decimal(territory.Deviation__c);
    card.travelKm = decimal(territory.Travel_Km__c);

    // The territory's accounts with coordinates: dots for the mini map (loadMapPoints).
    const members = await queryAll<Row>(
        org,
        'SELECT ObjectId FROM ObjectTerritory2Association ' +
            `WHERE Territory2Id = ${soqlString(territoryId)} AND SobjectType = 'Account' ` +
            `LIMIT ${MAX_MAP_ACCOUNTS + 1}`
    );
    if (members.length > MAX_MAP_ACCOUNTS) {
        card.mapTruncated = true;
        members.pop();
    }
    const memberRows = await queryByIds<Row>(
        org,
        members.map((m) => String(m.ObjectId)),
        (ids) =>
            'SELECT Id, BillingLatitude, BillingLongitude FROM Account ' +
            `WHERE Id IN (${ids}) AND BillingLatitude != null AND BillingLongitude != null`
    );
    for (const row of memberRows) {
        card.territoryAccounts.push({
            id: row.Id,
            latitude: decimal(row.BillingLatitude),
            longitude: decimal(row.BillingLongitude)
        });
    }

    // The model's territories with their stored figures and reps (loadModelTerritories).
    const modelId = String(territory.Territory2ModelId);
    const byId = new Map<string, TerritoryFigures>();
    for (const row of await queryAll<Row>(
        org,
        'SELECT Id, Potential__c, Workload__c, Account_Count__c FROM Territory2 ' +
            `WHERE Territory2ModelId = ${soqlString(modelId)} ORDER BY Name LIMIT ${MAX_TERRITORIES}`
    )) {
        const figures: TerritoryFigures = {
            id: String(row.Id),
            potential: decimal(row.Potential__c),
            workload: decimal(row.Workload__c),
            accountCount: decimal(row.Account_Count__c),
            reps: []
        };
        byId.set(figures.id, figures);
        card.territories.push(figures);
    }
    for (const rep of await queryModelReps(org, modelId, MAX_REP_LINKS)) {
        const owner = byId.get(String(rep.Territory2Id));
        if (!owner) continue;
        const user = (rep.User ?? {}) as Row;
        owner.reps.push({
            userId: String(rep.UserId),
            name: text(user.Name),
            role: text(rep.RoleInTerritory2),
            isActive: user.IsActive === true,
            capacity: decimal(user.Territory_Capacity__c) ?? 1,
            homeLatitude: decimal(user.Territory_Home_Latitude__c),
            homeLongitude: decimal(user.Territory_Home_Longitude__c),
            segment: text(user.Territory_Segment__c)
        });
    }
    return card;
}
