/**
 * A plan per postal unit, for the compare view's maps of large models: the planner's map draws the
 * model's stored postal units (Territory_Unit__c, territory-units.ts) instead of accounts above
 * the account limit of its payload, so a scenario is drawn by giving each of those units the
 * territory that holds most of its accounts in the scenario.
 */
import type { PlanAccount } from './gateway.js';
import { territoryUnits } from './territory-units.js';

/** Units the map receives at most (TerritoryPlanController MAX_MAP_UNITS). */
export const MAP_UNIT_LIMIT = 20_000;
/** Above this many accounts the map gets postal units (TerritoryPlanController MAX_MAP_ACCOUNTS). */
export const MAP_ACCOUNT_LIMIT = 10_000;

export interface UnitAssignment {
    /** Unit key (`segment|postal code`, as the planner keys its units) → territory key. */
    units: Record<string, string>;
    /** True when the plan has more units than `limit` (the least populous are left out). */
    truncated: boolean;
}

/** The unit key the planner uses (c/territoryAreas unitsFromPayload): `segment|postal code`. */
export function unitKey(segment: string, postalCode: string): string {
    return `${segment}|${postalCode}`;
}

/**
 * Each unit's territory under `assignment` (account id → territory key): the territory holding
 * most of the unit's accounts (ties: the smallest key), for the `limit` units with most accounts
 * (ties: by postal code, as the planner loads stored units). Units none of whose accounts is
 * assigned are left out.
 */
export function unitAssignment(
    accounts: readonly PlanAccount[],
    assignment: ReadonlyMap<string, string>,
    limit = MAP_UNIT_LIMIT
): UnitAssignment {
    const { units } = territoryUnits(accounts, assignment);
    const ranked = [...units].sort(
        (a, b) =>
            b.accountCount - a.accountCount ||
            a.postalCode.localeCompare(b.postalCode) ||
            a.segment.localeCompare(b.segment)
    );
    const out: Record<string, string> = {};
    for (const unit of ranked.slice(0, Math.max(0, limit))) {
        if (unit.territoryId !== undefined)
            out[unitKey(unit.segment, unit.postalCode)] = unit.territoryId;
    }
    return { units: out, truncated: ranked.length > limit };
}
