/**
 * Per-rep change report of a plan change (for the rollout and for compare): accounts gained and
 * lost, and each measure before and after, per territory.
 */
import { postalUnitCode } from '../engine/units/postal-code.js';
import type { PlanAccount, PlanTerritory } from './gateway.js';

export interface RepChange {
    territoryId: string;
    territoryName: string;
    repId?: string | undefined;
    repName?: string | undefined;
    accountsBefore: number;
    accountsAfter: number;
    gained: number;
    lost: number;
    before: Record<string, number>;
    after: Record<string, number>;
}

/** Sums a measure for an account; `Count` is 1 per account unless the account carries it. */
function measureOf(account: PlanAccount, measure: string): number {
    const value = account.measures[measure];
    if (value !== undefined) return value;
    return measure === 'Count' ? 1 : 0;
}

/**
 * Compares two account → territory maps. Territories absent from `territories` (new ones) are
 * named by their id. Rows are sorted by the number of accounts that changed, largest first.
 */
export function buildChangeReport(
    accounts: readonly PlanAccount[],
    territories: readonly PlanTerritory[],
    before: ReadonlyMap<string, string>,
    after: ReadonlyMap<string, string>,
    measures: readonly string[]
): RepChange[] {
    const names = new Map(territories.map((t) => [t.id, t]));
    const rows = new Map<string, RepChange>();
    const row = (territoryId: string): RepChange => {
        let r = rows.get(territoryId);
        if (!r) {
            const t = names.get(territoryId);
            const zero = () => Object.fromEntries(measures.map((m) => [m, 0]));
            r = {
                territoryId,
                territoryName: t?.name ?? territoryId,
                repId: t?.repId,
                repName: t?.repName,
                accountsBefore: 0,
                accountsAfter: 0,
                gained: 0,
                lost: 0,
                before: zero(),
                after: zero()
            };
            rows.set(territoryId, r);
        }
        return r;
    };
    for (const account of accounts) {
        const from = before.get(account.id);
        const to = after.get(account.id) ?? from;
        if (from !== undefined) {
            const r = row(from);
            r.accountsBefore += 1;
            for (const m of measures) r.before[m] = (r.before[m] ?? 0) + measureOf(account, m);
        }
        if (to !== undefined) {
            const r = row(to);
            r.accountsAfter += 1;
            for (const m of measures) r.after[m] = (r.after[m] ?? 0) + measureOf(account, m);
        }
        if (from !== to) {
            if (from !== undefined) row(from).lost += 1;
            if (to !== undefined) row(to).gained += 1;
        }
    }
    return [...rows.values()].sort(
        (a, b) =>
            b.gained + b.lost - (a.gained + a.lost) || a.territoryId.localeCompare(b.territoryId)
    );
}

/** Accounts whose territory differs between two maps. */
export function movedAccounts(
    before: ReadonlyMap<string, string>,
    after: ReadonlyMap<string, string>
): { accountId: string; from: string | null; to: string }[] {
    const moved: { accountId: string; from: string | null; to: string }[] = [];
    for (const [accountId, to] of after) {
        const from = before.get(accountId) ?? null;
        if (from !== to) moved.push({ accountId, from, to });
    }
    return moved;
}

/**
 * Why an account changed territory between two plans, in facts a planner can check:
 * - `unassigned`: it had no territory;
 * - `rep-left`: its territory's rep is gone (removed by the plan, or no longer active);
 * - `locked`: it is locked, and goes back to (or stays in) the territory it is locked to;
 * - `new-rep`: it went to a rep the plan adds;
 * - `named`: a named (key) account, placed on its own rather than with its postal unit;
 * - `unit`: its postal unit was split between territories and now lies whole in one (contiguity);
 * - `over-target`: its territory held more than its target on `measure` beyond the tolerance;
 * - `under-target`: the territory it went to was below its target on `measure`;
 * - `closer`: neither territory was out of tolerance, and its new rep lives closer (compactness);
 * - `rebalancing`: none of the above could be shown.
 * `unitAccounts` (with `postalCode`) says that the account moved together with its whole postal
 * unit, as unit-mode plans move accounts.
 */
export type MoveReasonCode =
    | 'unassigned'
    | 'rep-left'
    | 'locked'
    | 'new-rep'
    | 'named'
    | 'unit'
    | 'over-target'
    | 'under-target'
    | 'closer'
    | 'rebalancing';

export interface MoveReason {
    code: MoveReasonCode;
    /** the measure out of tolerance (over-target, under-target) */
    measure?: string;
    /** load / target − 1 of that territory on that measure, in plan A (fraction) */
    deviation?: number;
    /** the account's postal code (unit, and moves of a whole unit) */
    postalCode?: string;
    /** accounts of the postal unit that moved with this one (itself included) */
    unitAccounts?: number;
    /** km from the account to the old and the new rep's home (closer) */
    fromKm?: number;
    toKm?: number;
}

/** A rep's home and capacity in the plan moved to (B). */
export interface ReasonRep {
    id: string;
    lat?: number | undefined;
    lon?: number | undefined;
    capacity?: number | undefined;
    segment?: string | undefined;
}

export interface ExplainInput {
    accounts: readonly (PlanAccount & { named?: boolean })[];
    before: ReadonlyMap<string, string>;
    after: ReadonlyMap<string, string>;
    moves: readonly { accountId: string; from: string | null; to: string }[];
    measures: readonly string[];
    tolerance: number;
    /** The reps of plan B: targets are shares of the total load by capacity (per segment). */
    reps: readonly ReasonRep[];
    /** Territories whose rep is gone in plan B (removed or inactive). */
    vacated: ReadonlySet<string>;
    /** Territories of reps that plan B adds (`new-N`). */
    added: ReadonlySet<string>;
    /** Accounts locked in plan B (the account's flag, the lasso, locked territories). */
    locked: ReadonlySet<string>;
    /** True when plan B was made of postal units. */
    unitMode: boolean;
    /** Segments split the plan (reps serve segments): units and targets are per segment. */
    segmented: boolean;
}

const EARTH_KM = 6371.0088;
function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
    const rad = Math.PI / 180;
    const dLat = (lat2 - lat1) * rad;
    const dLon = (lon2 - lon1) * rad;
    const h =
        Math.sin(dLat / 2) ** 2 +
        Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The postal unit of an account (postalUnitCode, as the engine keys it; per segment). */
function unitOf(account: PlanAccount, segmented: boolean): string | undefined {
    const postal = postalUnitCode(account.postalCode);
    if (!postal) return undefined;
    return segmented ? `${account.segment ?? ''}|${postal}` : postal;
}

/** The reason of every move (same order as `moves`). */
export function explainMoves(input: ExplainInput): MoveReason[] {
    const { measures, tolerance, segmented } = input;
    const byId = new Map(input.accounts.map((a) => [a.id, a]));
    const segOf = (a: PlanAccount) => (segmented ? (a.segment ?? '') : '');

    // Loads of plan A per territory, and total loads per segment.
    const loads = new Map<string, number[]>();
    const totals = new Map<string, number[]>();
    const zero = () => measures.map(() => 0);
    for (const a of input.accounts) {
        const t = input.before.get(a.id);
        const values = measures.map((m) => measureOf(a, m));
        const total = totals.get(segOf(a)) ?? zero();
        values.forEach((v, i) => (total[i]! += v));
        totals.set(segOf(a), total);
        if (t === undefined) continue;
        const load = loads.get(t) ?? zero();
        values.forEach((v, i) => (load[i]! += v));
        loads.set(t, load);
    }
    // Targets of plan B's reps: the segment's total load × capacity share.
    const capacityBySegment = new Map<string, number>();
    for (const r of input.reps) {
        const s = segmented ? (r.segment ?? '') : '';
        capacityBySegment.set(s, (capacityBySegment.get(s) ?? 0) + (r.capacity ?? 1));
    }
    const reps = new Map(input.reps.map((r) => [r.id, r]));
    /** The worst measure of a territory in plan A against its plan B target, signed. */
    const worst = (territoryId: string, sign: 1 | -1) => {
        const rep = reps.get(territoryId);
        if (!rep) return undefined;
        const s = segmented ? (rep.segment ?? '') : '';
        const share = (rep.capacity ?? 1) / (capacityBySegment.get(s) || 1);
        const load = loads.get(territoryId) ?? zero();
        const total = totals.get(s) ?? zero();
        let best: { measure: string; deviation: number } | undefined;
        measures.forEach((m, i) => {
            const target = total[i]! * share;
            if (!(target > 0)) return;
            const deviation = load[i]! / target - 1;
            if (sign * deviation > tolerance && (!best || sign * deviation > sign * best.deviation))
                best = { measure: m, deviation };
        });
        return best;
    };

    // Postal units: which territories hold their accounts before and after.
    const unitTerritories = (map: ReadonlyMap<string, string>) => {
        const out = new Map<string, Set<string>>();
        if (!input.unitMode) return out;
        for (const a of input.accounts) {
            const u = unitOf(a, segmented);
            const t = map.get(a.id);
            if (!u || t === undefined || a.named) continue;
            const set = out.get(u) ?? new Set<string>();
            set.add(t);
            out.set(u, set);
        }
        return out;
    };
    const unitsBefore = unitTerritories(input.before);
    const unitsAfter = unitTerritories(input.after);
    // Accounts of a unit that made the same move (from → to).
    const unitMoves = new Map<string, number>();
    if (input.unitMode)
        for (const m of input.moves) {
            const a = byId.get(m.accountId);
            const u = a && !a.named ? unitOf(a, segmented) : undefined;
            if (!u) continue;
            const key = `${u}\u0000${m.from ?? ''}\u0000${m.to}`;
            unitMoves.set(key, (unitMoves.get(key) ?? 0) + 1);
        }

    return input.moves.map((move): MoveReason => {
        const account = byId.get(move.accountId);
        if (move.from === null) return { code: 'unassigned' };
        if (input.vacated.has(move.from)) return { code: 'rep-left' };
        if (!account) return { code: input.added.has(move.to) ? 'new-rep' : 'rebalancing' };
        // A lock holds the account in the territory it has now (plan B keeps it there).
        if (input.locked.has(move.accountId) && move.to === account.territoryId)
            return { code: 'locked' };
        if (input.added.has(move.to)) return { code: 'new-rep' };
        if (account.named && input.unitMode) return { code: 'named' };
        const unit = input.unitMode && !account.named ? unitOf(account, segmented) : undefined;
        const postalCode = account.postalCode?.trim();
        const withUnit = (): Pick<MoveReason, 'postalCode' | 'unitAccounts'> => {
            if (!unit || !postalCode) return {};
            const together = unitMoves.get(`${unit}\u0000${move.from ?? ''}\u0000${move.to}`) ?? 1;
            return together > 1 ? { postalCode, unitAccounts: together } : {};
        };
        if (unit && postalCode) {
            const wasSplit = (unitsBefore.get(unit)?.size ?? 0) > 1;
            const after = unitsAfter.get(unit);
            if (wasSplit && after?.size === 1 && after.has(move.to))
                return { code: 'unit', postalCode, ...withUnit() };
        }
        const over = worst(move.from, 1);
        if (over) return { code: 'over-target', ...over, ...withUnit() };
        const under = worst(move.to, -1);
        if (under) return { code: 'under-target', ...under, ...withUnit() };
        const fromRep = reps.get(move.from);
        const toRep = reps.get(move.to);
        if (
            fromRep?.lat !== undefined &&
            fromRep.lon !== undefined &&
            toRep?.lat !== undefined &&
            toRep.lon !== undefined
        ) {
            const fromKm = distanceKm(account.lat, account.lon, fromRep.lat, fromRep.lon);
            const toKm = distanceKm(account.lat, account.lon, toRep.lat, toRep.lon);
            if (toKm < fromKm)
                return {
                    code: 'closer',
                    fromKm: Math.round(fromKm),
                    toKm: Math.round(toKm),
                    ...withUnit()
                };
        }
        return { code: 'rebalancing', ...withUnit() };
    });
}
