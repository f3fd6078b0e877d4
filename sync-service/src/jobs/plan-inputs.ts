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
        reps.push({
            id: t.id,
            ...(t.lat !== undefined && t.lon !== undefined ? { lat: t.lat, lon: t.lon } : {}),
            ...(t.capacity !== undefined ? { capacity: t.capacity } : {}),
            ...(t.segment ? { segment: t.segment } : {})
        });
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

    const accounts: EngineAccount[] = snapshot.accounts.map((a) => {
        const locked =
            a.locked === true ||
            lockedAccounts.has(a.id) ||
            (a.territoryId !== undefined && lockedTerritories.has(a.territoryId));
        return {
            id: a.id,
            lat: a.lat,
            lon: a.lon,
            measures: a.measures,
            ...(a.segment ? { segment: a.segment } : {}),
            // A lock can only hold where the account's territory stays in the plan.
            ...(locked && a.territoryId && territoryByRep.has(a.territoryId) ? { locked } : {}),
            ...(a.territoryId && territoryByRep.has(a.territoryId)
                ? { currentRepId: a.territoryId }
                : {})
        };
    });
    return { accounts, reps, territoryByRep };
}

/** The current account → territory map of a snapshot (accounts with no territory are left out). */
export function currentMap(snapshot: PlanSnapshot): Map<string, string> {
    const map = new Map<string, string>();
    for (const a of snapshot.accounts) if (a.territoryId) map.set(a.id, a.territoryId);
    return map;
}

/** Every territory of a snapshot as an engine rep, vacant ones included (to measure a plan as is). */
export function territoriesAsReps(snapshot: PlanSnapshot): EngineRep[] {
    return snapshot.territories.map((t) => ({
        id: t.id,
        ...(t.lat !== undefined && t.lon !== undefined ? { lat: t.lat, lon: t.lon } : {}),
        ...(t.capacity !== undefined ? { capacity: t.capacity } : {}),
        ...(t.segment ? { segment: t.segment } : {})
    }));
}
