/**
 * Turns a pulled plan and scenario settings into engine input. The engine's "reps" are the
 * territories that have an active rep (id = Territory2 id, home base and capacity from the User),
 * plus one placeholder per added rep (`new-1`, `new-2`, …) whose territory is created on apply.
 */
import type { EngineAccount, EngineRep } from '../engine/types.js';
import type { PlanSnapshot, PlanTerritory } from './gateway.js';
import type { ScenarioSettings } from './scenario-settings.js';
import { BadInputError } from './salesforce-faults.js';

export const NEW_REP_PREFIX = 'new-';

export const newRepKey = (index: number) => `${NEW_REP_PREFIX}${index + 1}`;
export const isNewRepKey = (id: string) => id.startsWith(NEW_REP_PREFIX);
/** Index in `settings.addReps` of a `new-N` key. */
export const newRepIndex = (key: string) => Number(key.slice(NEW_REP_PREFIX.length)) - 1;

export interface EngineInput {
    accounts: EngineAccount[];
    reps: EngineRep[];
    /** Territories that take part (kept and new), by engine rep id. */
    territoryByRep: Map<string, PlanTerritory>;
}

/** Builds the engine input; throws BadInputError for settings that name unknown ids. */
export function buildEngineInput(snapshot: PlanSnapshot, settings: ScenarioSettings): EngineInput {
    const known = new Map(snapshot.territories.map((t) => [t.id, t]));
    const removed = new Set<string>();
    for (const id of settings.removeRepIds ?? []) {
        // A rep is named by its User id or by its territory id.
        const matches = snapshot.territories.filter((t) => t.repId === id || t.id === id);
        if (matches.length === 0)
            throw new BadInputError(
                `removeRepIds: '${id}' is neither a rep (User id) nor a territory of model ${snapshot.modelId}`
            );
        for (const t of matches) removed.add(t.id);
    }
    const lockedTerritories = new Set(settings.lockedTerritoryIds ?? []);
    for (const id of lockedTerritories)
        if (!known.has(id))
            throw new BadInputError(
                `lockedTerritoryIds: '${id}' is not a territory of model ${snapshot.modelId}`
            );
    const lockedAccounts = new Set(settings.lockedAccountIds ?? []);

    const territoryByRep = new Map<string, PlanTerritory>();
    const reps: EngineRep[] = [];
    for (const t of snapshot.territories) {
        if (!t.repActive || removed.has(t.id)) continue;
        territoryByRep.set(t.id, t);
        reps.push(territoryRep(t));
    }
    (settings.addReps ?? []).forEach((rep, index) => {
        const id = newRepKey(index);
        territoryByRep.set(id, {
            id,
            name: `${rep.name} (new)`,
            repName: rep.name,
            repActive: true,
            lat: rep.lat,
            lon: rep.lon,
            ...(rep.capacity !== undefined ? { capacity: rep.capacity } : {}),
            ...(rep.segment ? { segment: rep.segment } : {})
        });
        reps.push({
            id,
            lat: rep.lat,
            lon: rep.lon,
            ...(rep.capacity !== undefined ? { capacity: rep.capacity } : {}),
            ...(rep.segment ? { segment: rep.segment } : {})
        });
    });
    if (reps.length === 0)
        throw new BadInputError(
            `Model ${snapshot.modelId} has no territory with an active rep left to balance on`
        );

    // Pinned accounts (change requests a planner accepted) are held in the territory they name,
    // like a locked account whose current territory is that one. The territory must take part.
    const pinned = new Map(Object.entries(settings.pinnedAccounts ?? {}));
    const accountById = new Map(snapshot.accounts.map((a) => [a.id, a]));
    for (const [accountId, territoryId] of pinned) {
        const account = accountById.get(accountId);
        if (!account)
            throw new BadInputError(
                `pinnedAccounts: '${accountId}' is not an account of model ${snapshot.modelId}`
            );
        if (account.excluded)
            throw new BadInputError(
                `pinnedAccounts: account ${accountId} is excluded from planning; include it again first`
            );
        if (!territoryByRep.has(territoryId))
            throw new BadInputError(
                `pinnedAccounts: '${territoryId}' (for account ${accountId}) is not a territory with an active rep in this plan`
            );
    }

    // Segments split the plan only when reps serve segments; otherwise every rep serves all.
    const segmented = reps.some((r) => r.segment);
    // Excluded accounts (Territory_Excluded__c) take no part: the engine never sees them, so the
    // plan has no row for them and they keep their current territory (describePlan counts them).
    const accounts: EngineAccount[] = includedAccounts(snapshot).map((a) => {
        const pin = pinned.get(a.id);
        if (pin !== undefined) {
            // In a segmented plan the account goes with its new rep's segment, so the pin holds.
            const segment = territoryByRep.get(pin)?.segment ?? a.segment;
            return {
                id: a.id,
                lat: a.lat,
                lon: a.lon,
                measures: a.measures,
                ...(segmented && segment ? { segment } : {}),
                ...(a.postalCode ? { postalCode: a.postalCode } : {}),
                ...(a.named ? { named: true } : {}),
                ...(a.type ? { type: a.type } : {}),
                locked: true,
                currentRepId: pin
            };
        }
        const locked =
            a.locked === true ||
            lockedAccounts.has(a.id) ||
            (a.territoryId !== undefined && lockedTerritories.has(a.territoryId));
        return {
            id: a.id,
            lat: a.lat,
            lon: a.lon,
            measures: a.measures,
            ...(segmented && a.segment ? { segment: a.segment } : {}),
            ...(a.postalCode ? { postalCode: a.postalCode } : {}),
            ...(a.named ? { named: true } : {}),
            ...(a.type ? { type: a.type } : {}),
            // A lock can only hold where the account's territory stays in the plan.
            ...(locked && a.territoryId && territoryByRep.has(a.territoryId) ? { locked } : {}),
            ...(a.territoryId && territoryByRep.has(a.territoryId)
                ? { currentRepId: a.territoryId }
                : {})
        };
    });
    return { accounts, reps, territoryByRep };
}

/** The accounts a plan is made of: all but those excluded from planning. */
export function includedAccounts(snapshot: PlanSnapshot): PlanSnapshot['accounts'] {
    return snapshot.accounts.some((a) => a.excluded)
        ? snapshot.accounts.filter((a) => !a.excluded)
        : snapshot.accounts;
}

/** The current account → territory map of a snapshot (accounts with no territory are left out). */
export function currentMap(snapshot: PlanSnapshot): Map<string, string> {
    const map = new Map<string, string>();
    for (const a of snapshot.accounts) if (a.territoryId) map.set(a.id, a.territoryId);
    return map;
}

function territoryRep(t: PlanTerritory): EngineRep {
    return {
        id: t.id,
        ...(t.lat !== undefined && t.lon !== undefined ? { lat: t.lat, lon: t.lon } : {}),
        ...(t.capacity !== undefined ? { capacity: t.capacity } : {}),
        ...(t.segment ? { segment: t.segment } : {})
    };
}

/**
 * The reps a plan is measured against: every territory that holds accounts in `assignment`, and
 * every territory with an active rep that the plan keeps (an empty one is a real imbalance).
 * Parent territories (regions) with neither take no part. `extra` adds the reps a scenario adds.
 */
export function repsOfPlan(
    snapshot: PlanSnapshot,
    assignment: ReadonlyMap<string, string>,
    options: { removed?: ReadonlySet<string>; extra?: EngineRep[] } = {}
): EngineRep[] {
    const used = new Set(assignment.values());
    const removed = options.removed ?? new Set<string>();
    const reps = snapshot.territories
        .filter(
            (t) =>
                used.has(t.id) ||
                (t.repActive && !removed.has(t.id) && !(t.repId && removed.has(t.repId)))
        )
        .map(territoryRep);
    return [...reps, ...(options.extra ?? [])];
}

/**
 * Accounts as the engine measures a plan: segments count only when reps serve segments (as in
 * buildEngineInput), and the current territory is the account's current rep.
 */
export function measuredAccounts(snapshot: PlanSnapshot): EngineAccount[] {
    const segmented = snapshot.territories.some((t) => t.repActive && t.segment);
    return snapshot.accounts.map((a) => ({
        id: a.id,
        lat: a.lat,
        lon: a.lon,
        measures: a.measures,
        ...(segmented && a.segment ? { segment: a.segment } : {}),
        ...(a.territoryId ? { currentRepId: a.territoryId } : {})
    }));
}
