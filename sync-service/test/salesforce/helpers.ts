import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../src/localOrg/index.js';
import {
    connectSalesforce,
    type SalesforceConfig,
    type SalesforceGateway
} from '../../src/salesforce/index.js';

export interface OrgAndGateway {
    org: LocalOrg;
    gateway: SalesforceGateway;
    modelId: string;
}

/** Starts a local org and connects a gateway to it with fast retries and polling. */
export async function startOrgAndGateway(
    orgOptions: LocalOrgOptions,
    config: Partial<SalesforceConfig> = {}
): Promise<OrgAndGateway> {
    const org = await startLocalOrg({ bulkProcessingDelayMs: 5, ...orgOptions });
    const gateway = await gatewayFor(org, config);
    return { org, gateway, modelId: org.sample!.activeModelId };
}

export function gatewayFor(
    org: LocalOrg,
    config: Partial<SalesforceConfig> = {}
): Promise<SalesforceGateway> {
    const c = org.credentials;
    return connectSalesforce({
        loginUrl: c.loginUrl,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        apiVersion: c.apiVersion,
        retry: { attempts: 5, baseDelayMs: 5, maxDelayMs: 50 },
        bulk: { pollIntervalMs: 20, pollTimeoutMs: 60_000 },
        ...config
    });
}

/**
 * Watches every committed write of the org: an ObjectTerritory2Association delete must never
 * leave its account without an association in the same model. Returns the violations seen.
 */
export function watchNoAccountUnassigned(org: LocalOrg): {
    violations: string[];
    stop: () => void;
} {
    const violations: string[] = [];
    const modelOf = (territoryId: unknown): unknown =>
        org.store.get(String(territoryId))?.Territory2ModelId;
    const stop = org.store.onWrite((e) => {
        if (e.object !== 'ObjectTerritory2Association' || e.op !== 'delete') return;
        const accountId = String(e.record.ObjectId);
        const model = modelOf(e.record.Territory2Id);
        const left = [...org.store.associationsOf(accountId)].filter(
            (id) => modelOf(org.store.get(id)?.Territory2Id) === model
        );
        if (left.length === 0) violations.push(accountId);
    });
    return { violations, stop };
}

/** account id → territory ids of the model, from the org's store. */
export function assignmentsInStore(org: LocalOrg, modelId: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const a of org.store.all('ObjectTerritory2Association')) {
        if (org.store.get(String(a.Territory2Id))?.Territory2ModelId !== modelId) continue;
        const k = String(a.ObjectId);
        out.set(k, [...(out.get(k) ?? []), String(a.Territory2Id)]);
    }
    return out;
}

/** A target that moves every account to the next rep territory (all accounts change). */
export function rotateTarget(
    org: LocalOrg,
    modelId: string,
    every = 1
): { accountId: string; territoryId: string }[] {
    const territories = [...org.sample!.territoryByRep.values()];
    const index = new Map(territories.map((t, i) => [t, i]));
    const current = assignmentsInStore(org, modelId);
    const target: { accountId: string; territoryId: string }[] = [];
    org.sample!.accountIds.forEach((accountId, n) => {
        const now = current.get(accountId)?.[0];
        const i = now !== undefined ? (index.get(now) ?? 0) : 0;
        const move = n % every === 0;
        target.push({
            accountId,
            territoryId: move
                ? territories[(i + 1) % territories.length]!
                : (now ?? territories[0]!)
        });
    });
    return target;
}
