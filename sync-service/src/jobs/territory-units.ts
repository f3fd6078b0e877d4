/**
 * The plan per postal unit, computed here and stored as Territory_Unit__c rows after each apply
 * and each full pull (the drift review, the demo's start), beside the Territory2 figures
 * (territory-figures.ts). The planner's map draws territory areas, unit dots and the heat layer
 * from them when a model has more accounts than Apex may send one by one (force-app/README.md,
 * "Figures and limits"): one row per unit instead of two per account.
 *
 * A unit is a postal code within a segment (DESIGN.md, "Territories made of places"); US ZIP codes
 * are normalised (ZIP+4 and lost leading zeros), other codes are trimmed and upper-cased
 * (postalUnitCode, as the engine keys its units). Accounts without a postal code belong to no
 * unit and are counted apart.
 */
import { postalUnitCode } from '../engine/units/postal-code.js';
import { id15 } from './account-placement-plan.js';
import type { PlanAccount, TerritoryUnit } from './gateway.js';

/** The unit's postal code (postalUnitCode, the product's one normalisation). */
export function unitPostalCode(postalCode: string | undefined): string | undefined {
    return postalUnitCode(postalCode);
}

export interface UnitAggregation {
    units: TerritoryUnit[];
    /** Accounts without a postal code: in no unit. */
    withoutPostalCode: number;
}

interface Sums {
    postalCode: string;
    segment: string;
    latSum: number;
    lonSum: number;
    accountCount: number;
    approximateCount: number;
    potential: number;
    workload: number;
    /** territory id ('' for none) → accounts */
    territories: Map<string, number>;
}

/**
 * Per-unit aggregates of `accounts` under `assignment` (account id → territory id; an account
 * missing from it is in no territory): the centroid (mean of the accounts' coordinates), the
 * account count (and how many of them are placed approximately, at their postal code's
 * centroid), Potential and Workload sums, the territory that holds most of the unit's
 * accounts (ties: the smallest id) and how many of its accounts are elsewhere (in another
 * territory or in none). Units come sorted by segment, then postal code.
 */
export function territoryUnits(
    accounts: readonly PlanAccount[],
    assignment: ReadonlyMap<string, string>
): UnitAggregation {
    const territoryOf = new Map<string, string>();
    for (const [accountId, territoryId] of assignment)
        territoryOf.set(id15(accountId), territoryId);
    const byKey = new Map<string, Sums>();
    let withoutPostalCode = 0;
    for (const account of accounts) {
        const postalCode = unitPostalCode(account.postalCode);
        if (postalCode === undefined) {
            withoutPostalCode += 1;
            continue;
        }
        const segment = account.segment ?? '';
        const key = `${segment}\u0000${postalCode}`;
        let sums = byKey.get(key);
        if (!sums) {
            sums = {
                postalCode,
                segment,
                latSum: 0,
                lonSum: 0,
                accountCount: 0,
                approximateCount: 0,
                potential: 0,
                workload: 0,
                territories: new Map()
            };
            byKey.set(key, sums);
        }
        sums.latSum += account.lat;
        sums.lonSum += account.lon;
        sums.accountCount += 1;
        if (account.approximate) sums.approximateCount += 1;
        sums.potential += account.measures.Potential ?? 0;
        sums.workload += account.measures.Workload ?? 0;
        // Two territories of the model for one account show up as "A|B" (currentAssignments):
        // such an account is in neither as far as the unit's majority goes.
        const territoryId = territoryOf.get(id15(account.id)) ?? '';
        const counted = territoryId.includes('|') ? '' : territoryId;
        sums.territories.set(counted, (sums.territories.get(counted) ?? 0) + 1);
    }
    const units = [...byKey.values()].map((sums): TerritoryUnit => {
        let best: string | undefined;
        let bestCount = 0;
        for (const [territoryId, count] of sums.territories) {
            if (territoryId === '') continue;
            if (
                count > bestCount ||
                (count === bestCount && best !== undefined && territoryId < best)
            ) {
                best = territoryId;
                bestCount = count;
            }
        }
        return {
            postalCode: sums.postalCode,
            segment: sums.segment,
            lat: sums.latSum / sums.accountCount,
            lon: sums.lonSum / sums.accountCount,
            accountCount: sums.accountCount,
            potential: sums.potential,
            workload: sums.workload,
            ...(best !== undefined ? { territoryId: best } : {}),
            elsewhereCount: sums.accountCount - bestCount,
            approximateCount: sums.approximateCount
        };
    });
    units.sort(
        (a, b) => a.segment.localeCompare(b.segment) || a.postalCode.localeCompare(b.postalCode)
    );
    return { units, withoutPostalCode };
}
