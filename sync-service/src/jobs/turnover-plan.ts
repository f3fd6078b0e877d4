/**
 * Which territories take over a departed rep's accounts. The design card asks for the accounts of
 * a rep who left to go to *neighbouring* reps, balanced on workload and proximity, with nothing
 * else moving: so the plan is solved on the vacant territories plus their nearest active
 * neighbours only, with the neighbours' own accounts locked. Solving the whole plan instead
 * rebalanced every territory that happened to be out of tolerance (hundreds of knock-on moves).
 */
import { haversineKm } from '../engine/geo.js';
import type { PlanAccount, PlanSnapshot, PlanTerritory } from './gateway.js';

/** How many nearby territories share one departed rep's accounts (a rep's usual neighbours). */
export const TURNOVER_NEIGHBOURS = 4;

/** Mean coordinates of some accounts (territories are regional: the plain mean is fine). */
function centroid(accounts: readonly PlanAccount[]): { lat: number; lon: number } | undefined {
    if (accounts.length === 0) return undefined;
    let lat = 0;
    let lon = 0;
    for (const a of accounts) {
        lat += a.lat;
        lon += a.lon;
    }
    return { lat: lat / accounts.length, lon: lon / accounts.length };
}

/**
 * The active territories nearest to each vacant territory (by the distance from the vacant
 * territory's account centroid to the neighbour's rep home, else to its own account centroid),
 * `count` per vacant territory, of the same segment where territories carry segments.
 */
export function neighbourTerritories(
    snapshot: PlanSnapshot,
    vacantIds: ReadonlySet<string>,
    count = TURNOVER_NEIGHBOURS
): PlanTerritory[] {
    const accountsOf = new Map<string, PlanAccount[]>();
    for (const a of snapshot.accounts) {
        if (!a.territoryId) continue;
        const list = accountsOf.get(a.territoryId);
        if (list) list.push(a);
        else accountsOf.set(a.territoryId, [a]);
    }
    const located = snapshot.territories
        .filter((t) => t.repActive && !vacantIds.has(t.id))
        .map((t) => ({
            territory: t,
            at:
                t.lat !== undefined && t.lon !== undefined
                    ? { lat: t.lat, lon: t.lon }
                    : centroid(accountsOf.get(t.id) ?? [])
        }))
        .filter((c): c is { territory: PlanTerritory; at: { lat: number; lon: number } } =>
            Boolean(c.at)
        );
    const chosen = new Map<string, PlanTerritory>();
    for (const vacant of snapshot.territories.filter((t) => vacantIds.has(t.id))) {
        const from = centroid(accountsOf.get(vacant.id) ?? []);
        if (!from) continue;
        const nearest = located
            .filter(
                (c) =>
                    !vacant.segment ||
                    !c.territory.segment ||
                    c.territory.segment === vacant.segment
            )
            .map((c) => ({ c, km: haversineKm(from.lat, from.lon, c.at.lat, c.at.lon) }))
            .sort((x, y) => x.km - y.km || x.c.territory.id.localeCompare(y.c.territory.id))
            .slice(0, count);
        for (const { c } of nearest) chosen.set(c.territory.id, c.territory);
    }
    return [...chosen.values()];
}

/** The part of a plan that a turnover solves: vacant territories and their neighbours. */
export function turnoverSubPlan(
    snapshot: PlanSnapshot,
    vacantIds: ReadonlySet<string>,
    neighbours: readonly PlanTerritory[]
): PlanSnapshot {
    const keep = new Set([...vacantIds, ...neighbours.map((t) => t.id)]);
    return {
        modelId: snapshot.modelId,
        accounts: snapshot.accounts.filter((a) => a.territoryId && keep.has(a.territoryId)),
        territories: snapshot.territories.filter((t) => keep.has(t.id))
    };
}
