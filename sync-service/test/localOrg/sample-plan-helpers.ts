/** The sample org's current plan as the service sees it (the snapshot the gateway would pull). */
import type { EngineAccount, EngineRep } from '../../src/engine/index.js';
import type { PlanSnapshot } from '../../src/jobs/gateway.js';
import { currentMap, measuredAccounts, repsOfPlan } from '../../src/jobs/plan-inputs.js';
import type { OrgStore, SampleOrg } from '../../src/localOrg/index.js';

export function sampleSnapshot(store: OrgStore, sample: SampleOrg): PlanSnapshot {
    const territoryOf = new Map<string, string>();
    for (const a of store.all('ObjectTerritory2Association'))
        territoryOf.set(String(a.ObjectId), String(a.Territory2Id));
    return {
        modelId: sample.activeModelId,
        accounts: [...store.all('Account')].map((a) => ({
            id: a.Id,
            lat: Number(a.BillingLatitude),
            lon: Number(a.BillingLongitude),
            measures: {
                Potential: Number(a.Territory_Potential__c),
                Workload: Number(a.Territory_Workload__c)
            },
            segment: String(a.Territory_Segment__c),
            postalCode: String(a.BillingPostalCode),
            locked: a.Territory_Locked__c === true,
            named: a.Territory_Named__c === true,
            ...(territoryOf.has(a.Id) ? { territoryId: territoryOf.get(a.Id)! } : {})
        })),
        territories: sample.repIds.map((repId) => {
            const user = store.get(repId)!;
            return {
                id: sample.territoryByRep.get(repId)!,
                name: String(user.LastName),
                repId,
                repActive: true,
                lat: Number(user.Territory_Home_Latitude__c),
                lon: Number(user.Territory_Home_Longitude__c),
                capacity: Number(user.Territory_Capacity__c)
            };
        })
    };
}

export function currentPlan(
    store: OrgStore,
    sample: SampleOrg
): {
    snapshot: PlanSnapshot;
    accounts: EngineAccount[];
    reps: EngineRep[];
    assignment: Map<string, string>;
} {
    const snapshot = sampleSnapshot(store, sample);
    const assignment = currentMap(snapshot);
    return {
        snapshot,
        accounts: measuredAccounts(snapshot),
        reps: repsOfPlan(snapshot, assignment),
        assignment
    };
}
