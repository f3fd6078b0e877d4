/**
 * Values per postal code (a market layer's, or leads counted by postal code) as figures of
 * territories and as a measure the engine balances. Pure.
 *
 * As a measure: each ZIP code's value is split equally among the planned accounts of that ZIP
 * code. In postal-unit plans (the planner's default) all of a ZIP code's accounts go to one rep,
 * so a territory's load is exactly the sum of its ZIP codes' values — the addressable market or
 * lead flow of the area it covers. In account plans the value follows the accounts in proportion
 * to their number, the only key that needs no account-level figure. A ZIP code without planned
 * accounts has no one to carry its value: it is reported as `uncovered`, not spread elsewhere.
 */
import { normaliseUsZip } from '../geo/postal-reference.js';
import type { PlanSnapshot } from '../jobs/gateway.js';

/** A ZIP code as accounts and layers carry it (5-digit form), or undefined. */
const zipOf = (code: string | undefined | null) => (code ? normaliseUsZip(code) : undefined);

export interface ZipMeasureResult {
    snapshot: PlanSnapshot;
    /** value in ZIP codes with planned accounts */
    covered: number;
    /** value in ZIP codes without any (left out of the measure) */
    uncovered: number;
}

/**
 * The snapshot with measure `name` on every account (0 where its ZIP code has no value, and on
 * excluded accounts, which take no part in plans). Throws when `name` is a measure already.
 */
export function withZipMeasure(
    snapshot: PlanSnapshot,
    name: string,
    values: ReadonlyMap<string, number>
): ZipMeasureResult {
    if (snapshot.accounts.some((a) => name in a.measures))
        throw new Error(`measure '${name}' already exists on the accounts: choose another name`);
    const planned = new Map<string, number>();
    for (const a of snapshot.accounts) {
        const zip = zipOf(a.postalCode);
        if (zip && !a.excluded) planned.set(zip, (planned.get(zip) ?? 0) + 1);
    }
    let covered = 0;
    let uncovered = 0;
    for (const [zip, v] of values) {
        const key = zipOf(zip) ?? zip;
        if (planned.has(key)) covered += v;
        else uncovered += v;
    }
    const byZip = new Map<string, number>();
    for (const [zip, v] of values) {
        const key = zipOf(zip) ?? zip;
        byZip.set(key, (byZip.get(key) ?? 0) + v);
    }
    const accounts = snapshot.accounts.map((a) => {
        const zip = zipOf(a.postalCode);
        const share =
            zip && !a.excluded && byZip.has(zip) ? byZip.get(zip)! / planned.get(zip)! : 0;
        return { ...a, measures: { ...a.measures, [name]: share } };
    });
    return { snapshot: { ...snapshot, accounts }, covered, uncovered };
}

/**
 * The territory of each ZIP code: the one holding most of its accounts (ties: the smaller id,
 * so the answer does not depend on the order of the accounts).
 */
export function territoryByZip(snapshot: PlanSnapshot): Map<string, string> {
    const counts = new Map<string, Map<string, number>>();
    for (const a of snapshot.accounts) {
        const zip = zipOf(a.postalCode);
        if (!zip || !a.territoryId) continue;
        let c = counts.get(zip);
        if (!c) counts.set(zip, (c = new Map()));
        c.set(a.territoryId, (c.get(a.territoryId) ?? 0) + 1);
    }
    const out = new Map<string, string>();
    for (const [zip, c] of counts) {
        let best: [string, number] | undefined;
        for (const [t, n] of c)
            if (!best || n > best[1] || (n === best[1] && t < best[0])) best = [t, n];
        out.set(zip, best![0]);
    }
    return out;
}

export interface TerritoryTotals {
    byTerritory: { territoryId: string; name: string; total: number }[];
    /** in ZIP codes no territory holds an account of (or unreadable ZIP codes) */
    unassigned: number;
    total: number;
}

/** Sums values per ZIP code into the territories that hold those ZIP codes now. */
export function totalsByTerritory(
    snapshot: PlanSnapshot,
    values: ReadonlyMap<string, number>
): TerritoryTotals {
    const owner = territoryByZip(snapshot);
    const sums = new Map<string, number>();
    let unassigned = 0;
    let total = 0;
    for (const [zip, v] of values) {
        total += v;
        const t = owner.get(zipOf(zip) ?? zip);
        if (t) sums.set(t, (sums.get(t) ?? 0) + v);
        else unassigned += v;
    }
    const names = new Map(snapshot.territories.map((t) => [t.id, t.name]));
    return {
        byTerritory: [...sums]
            .map(([territoryId, sum]) => ({
                territoryId,
                name: names.get(territoryId) ?? territoryId,
                total: sum
            }))
            .sort((a, b) => b.total - a.total || a.territoryId.localeCompare(b.territoryId)),
        unassigned,
        total
    };
}

/** Counts postal codes as they come (one per lead), in 5-digit form; unreadable ones under ''. */
export function countByZip(codes: Iterable<string | null>): Map<string, number> {
    const out = new Map<string, number>();
    for (const code of codes) {
        const zip = zipOf(code) ?? '';
        out.set(zip, (out.get(zip) ?? 0) + 1);
    }
    return out;
}
