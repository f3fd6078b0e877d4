/**
 * AccountTerritoryController.cls in JS, for the sandbox: the rep card's data from SOQL alone
 * (no service call), with the same choices (Active model first), figures and "why here".
 */
import type { OrgConnection } from '../org-client.js';
import { queryAll, soqlString } from '../org-client.js';
import { AuraHandledException, type AuraMethod } from './aura.js';
import { decimal, isIdOf, queryByIds, queryModelReps, setScale } from './soql-helpers.js';

// As the Apex class: enough dots for the mini map; the engine's Earth radius (IUGG mean, km).
const MAX_MAP_ACCOUNTS = 2000;
const EARTH_RADIUS_KM = 6371.0088;

type Row = Record<string, unknown>;

interface Figure {
    measure: string;
    value: number | null;
    target: number | null;
    deviation: number | null;
}

const uiError = (message: string) => new AuraHandledException(message);
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** Great-circle distance in km rounded to 0.1, or null when a coordinate is missing. */
export function distanceKm(
    lat1: number | null,
    lon1: number | null,
    lat2: number | null,
    lon2: number | null
): number | null {
    if (lat1 === null || lon1 === null || lat2 === null || lon2 === null) return null;
    const toRadians = Math.PI / 180;
    const dLat = (lat2 - lat1) * toRadians;
    const dLon = (lon2 - lon1) * toRadians;
    const a =
        Math.sin(dLat / 2) ** 2 +
        Math.cos(lat1 * toRadians) * Math.cos(lat2 * toRadians) * Math.sin(dLon / 2) ** 2;
    return setScale(2 * EARTH_RADIUS_KM * Math.asin(Math.min(Math.sqrt(a), 1)), 1);
}

function figure(
    measure: string,
    value: number | null,
    total: number | null,
    share: number
): Figure {
    const result: Figure = { measure, value, target: null, deviation: null };
    if (total !== null && total > 0) {
        result.target = setScale(total * share, 2);
        if (value !== null && result.target > 0) {
            result.deviation = setScale(value / result.target - 1, 4);
        }
    }
    return result;
}

/**
 * Potential, workload and account count summed over the accounts of a model (the Apex semi-join
 * `Id IN (SELECT ObjectId FROM ObjectTerritory2Association …)`, in chunks over REST).
 */
async function liveModelTotals(org: OrgConnection, modelId: string) {
    const links = await queryAll<Row>(
        org,
        'SELECT ObjectId FROM ObjectTerritory2Association ' +
            `WHERE Territory2.Territory2ModelId = ${soqlString(modelId)}`
    );
    const chunks = await queryByIds<Row>(
        org,
        [...new Set(links.map((link) => String(link.ObjectId)))],
        (ids) =>
            'SELECT SUM(Territory_Potential__c) potential, SUM(Territory_Workload__c) workload, ' +
            `COUNT(Id) accounts FROM Account WHERE Id IN (${ids})`
    );
    return chunks.reduce<{ potential: number | null; workload: number | null; accounts: number }>(
        (sum, chunk) => ({
            potential: add(sum.potential, decimal(chunk.potential)),
            workload: add(sum.workload, decimal(chunk.workload)),
            accounts: sum.accounts + Number(chunk.accounts ?? 0)
        }),
        { potential: null, workload: null, accounts: 0 }
    );
}

/** SUM() semantics: null only when every part is null. */
function add(a: number | null, b: number | null): number | null {
    return a === null ? b : b === null ? a : a + b;
}

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
        modelName: null as string | null,
        modelState: null as string | null,
        quota: null as number | null,
        deviation: null as number | null,
        travelKm: null as number | null,
        otherTerritoryCount: 0,
        reps: [] as Row[],
        figures: [] as Figure[],
        why: {
            locked: account.locked,
            segment: account.segment,
            segmentMatches: null as boolean | null,
            nearestRepName: null as string | null,
            nearestRepKm: null as number | null,
            nearestRepIsOwn: false
        },
        territoryAccounts: [] as Row[],
        mapTruncated: false
    };

    const links = await queryAll<Row>(
        org,
        'SELECT Territory2Id, Territory2.Name, Territory2.Territory2ModelId, ' +
            'Territory2.Territory2Model.Name, Territory2.Territory2Model.State, ' +
            'Territory2.Potential__c, Territory2.Workload__c, Territory2.Account_Count__c, ' +
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
    card.modelName = text(modelOf(link).Name);
    card.modelState = text(modelOf(link).State);
    card.quota = decimal(territory.Quota__c);
    card.deviation = decimal(territory.Deviation__c);
    card.travelKm = decimal(territory.Travel_Km__c);

    // The territory's accounts: dots for the mini map, and live sums where the applied-plan
    // figures are empty (AccountTerritoryController.loadMapPoints).
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
            'SELECT Id, BillingLatitude, BillingLongitude, Territory_Potential__c, ' +
            `Territory_Workload__c FROM Account WHERE Id IN (${ids})`
    );
    const live = { potential: 0, workload: 0, count: 0 };
    for (const row of memberRows) {
        live.potential += decimal(row.Territory_Potential__c) ?? 0;
        live.workload += decimal(row.Territory_Workload__c) ?? 0;
        live.count += 1;
        const latitude = decimal(row.BillingLatitude);
        const longitude = decimal(row.BillingLongitude);
        if (latitude === null || longitude === null) continue;
        card.territoryAccounts.push({ id: row.Id, latitude, longitude });
    }

    // Reps of the model: the territory's own, capacity shares, and the nearest rep home.
    const modelId = String(territory.Territory2ModelId);
    const reps = await queryModelReps(org, modelId);
    const capacityByTerritory = new Map<string, number>();
    let totalCapacity = 0;
    let nearestKm: number | null = null;
    for (const rep of reps) {
        const user = (rep.User ?? {}) as Row;
        if (user.IsActive !== true) continue;
        const capacity = decimal(user.Territory_Capacity__c) ?? 1;
        const repTerritory = String(rep.Territory2Id);
        capacityByTerritory.set(
            repTerritory,
            (capacityByTerritory.get(repTerritory) ?? 0) + capacity
        );
        totalCapacity += capacity;
        const homeLatitude = decimal(user.Territory_Home_Latitude__c);
        const homeLongitude = decimal(user.Territory_Home_Longitude__c);
        const km = distanceKm(account.latitude, account.longitude, homeLatitude, homeLongitude);
        const own = repTerritory === territoryId;
        if (km !== null && (nearestKm === null || km < nearestKm)) {
            nearestKm = km;
            card.why.nearestRepKm = km;
            card.why.nearestRepName = text(user.Name);
            card.why.nearestRepIsOwn = own;
        }
        if (own) {
            const segment = text(user.Territory_Segment__c);
            card.reps.push({
                userId: rep.UserId,
                name: text(user.Name),
                role: text(rep.RoleInTerritory2),
                homeLatitude,
                homeLongitude,
                segment,
                distanceKm: km
            });
            if (account.segment !== null && segment !== null) {
                card.why.segmentMatches =
                    card.why.segmentMatches === true || segment === account.segment;
            }
        }
    }
    const [totals = {}] = await queryAll<Row>(
        org,
        'SELECT SUM(Potential__c) potential, SUM(Workload__c) workload, ' +
            'SUM(Account_Count__c) accounts, COUNT(Id) territories FROM Territory2 ' +
            `WHERE Territory2ModelId = ${soqlString(modelId)}`
    );
    let totalPotential = decimal(totals.potential);
    let totalWorkload = decimal(totals.workload);
    let totalAccounts = decimal(totals.accounts);
    if (totalPotential === null || totalWorkload === null || totalAccounts === null) {
        // No applied-plan figures yet (nothing written by the service): sum the accounts.
        const modelTotals = await liveModelTotals(org, modelId);
        totalPotential ??= modelTotals.potential;
        totalWorkload ??= modelTotals.workload;
        totalAccounts ??= modelTotals.accounts;
    }
    const territoryCount = Number(totals.territories ?? 0);
    const ownCapacity = capacityByTerritory.get(territoryId);
    // Without reps every territory counts as one full share.
    const share =
        totalCapacity > 0 && ownCapacity !== undefined
            ? ownCapacity / totalCapacity
            : 1 / Math.max(territoryCount, 1);
    // The applied-plan figure when set, else the live sum when it covers every account.
    const pick = (stored: unknown, liveValue: number) =>
        decimal(stored) ?? (card.mapTruncated ? null : liveValue);
    card.figures.push(
        figure('Potential', pick(territory.Potential__c, live.potential), totalPotential, share),
        figure('Workload', pick(territory.Workload__c, live.workload), totalWorkload, share),
        figure('Accounts', pick(territory.Account_Count__c, live.count), totalAccounts, share)
    );

    return card;
}
