/**
 * The engine's entry points: splits the problem into segments (independent sub-problems), applies
 * locks, scales the measures, runs the solver per segment and measures the plan.
 */
import { toUnit } from './geo.js';
import type { ColumnarAccounts, ColumnarReps } from './metrics.js';
import {
    WITHIN_EPS,
    measureColumn,
    measureColumnar,
    segmentGroups,
    toColumnar
} from './metrics.js';
import { SafetyCap } from './effort.js';
import { solveSubProblem, toleranceBreaches } from './solver/index.js';
import { balanceUnitsColumnar } from './units/balance-units.js';
import type { Breach, SubProblem } from './solver/index.js';
import type {
    BalanceOptions,
    BalanceResult,
    EngineAccount,
    EngineRep,
    NewRepPatch,
    PlanMetrics,
    PlanReport
} from './types.js';

/** Input the engine cannot work with (the message says what and how to fix it). */
export class EngineInputError extends Error {
    override name = 'EngineInputError';
}

export const DEFAULT_TOLERANCE = 0.05;
export const DEFAULT_TIME_LIMIT_MS = 600_000;

/** Balances columnar input; `assign[i]` is an index into reps.ids. */
export function balanceColumnar(
    acc: ColumnarAccounts,
    reps: ColumnarReps,
    options: BalanceOptions,
    internal?: {
        /** accounts each row stands for (postal-unit mode): weighs its travel and its moves */
        itemWeight?: Float64Array;
        /** the exact LP start's size limit in LP columns (default: the solver's) */
        lpMaxColumns?: number;
        /** round the LP start's split rows by a small MIP (default true; see solve.ts lpStart) */
        lpRoundingMip?: boolean;
    }
): { assign: Int32Array; report: PlanReport } {
    const t0 = Date.now();
    const n = acc.ids.length;
    const k = reps.ids.length;
    const tol = options.tolerance ?? DEFAULT_TOLERANCE;
    if (!(tol > 0)) throw new EngineInputError(`tolerance must be > 0 (got ${tol}).`);
    if (options.balance.length === 0)
        throw new EngineInputError('balance: name at least one measure.');
    const measures = [...new Set(options.balance)];
    const cols = measures.map((m) => {
        const c = measureColumn(acc, m);
        if (!c) {
            throw new EngineInputError(
                `Unknown measure '${m}' in balance: the accounts have ${[...acc.measureNames, 'Count'].join(', ')}.`
            );
        }
        return c;
    });
    if (k === 0 && n > 0) throw new EngineInputError('No reps: at least one rep is needed.');
    for (let r = 0; r < k; r++) {
        if (!(reps.capacity[r]! > 0)) {
            throw new EngineInputError(
                `Rep ${reps.ids[r]}: capacity must be > 0 (got ${reps.capacity[r]}).`
            );
        }
    }
    const weights = measures.map((m) => {
        const w = options.weights?.[m] ?? 1;
        if (!(w >= 0)) throw new EngineInputError(`weights.${m} must be ≥ 0 (got ${w}).`);
        return w;
    });
    const seed = options.seed ?? 1;
    const clock = new SafetyCap(t0 + (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS));
    const dw = options.disruptionWeight ?? 0.5;
    // (NaN reached the unit mode's pair re-splits as non-finite km before this check)
    if (!(dw >= 0 && dw <= 1))
        throw new EngineInputError(`disruptionWeight must be between 0 and 1 (got ${dw}).`);
    const warnings: string[] = [];
    const { names, accountGroup, repGroup } = segmentGroups(acc, reps);
    const G = names.length;
    const accountsOf: number[][] = names.map(() => []);
    const repsOf: number[][] = names.map(() => []);
    for (let i = 0; i < n; i++) accountsOf[accountGroup[i]!]!.push(i);
    if (G === 1 && names[0] === '') for (let r = 0; r < k; r++) repsOf[0]!.push(r);
    else for (let r = 0; r < k; r++) repsOf[repGroup[r]!]!.push(r);
    for (let g = 0; g < G; g++) {
        if (accountsOf[g]!.length > 0 && repsOf[g]!.length === 0) {
            throw new EngineInputError(
                `Segment '${names[g]}' has ${accountsOf[g]!.length} accounts but no rep: add a rep with Segment '${names[g]}'.`
            );
        }
        if (accountsOf[g]!.length === 0 && repsOf[g]!.length > 0) {
            warnings.push(
                `Segment '${names[g]}' has ${repsOf[g]!.length} reps but no accounts; they get none.`
            );
        }
    }
    const assign = new Int32Array(n).fill(-1);
    const segments: PlanReport['segments'] = [];
    let lockedNoCurrent = 0;
    let lockedToLeft = 0;
    let lockedOtherSegment = 0;
    let done = 0;
    for (let g = 0; g < G; g++) {
        const ids = accountsOf[g]!;
        const rs = repsOf[g]!;
        if (ids.length === 0) continue;
        const sn = ids.length;
        const sk = rs.length;
        const local = new Map<number, number>();
        rs.forEach((r, j) => local.set(r, j));
        const M = measures.length;
        const a = new Float64Array(sn * M);
        const mw = new Float64Array(M);
        let wsum = 0;
        for (let m = 0; m < M; m++) {
            let total = 0;
            for (const i of ids) total += cols[m]![i]!;
            if (!(total > 0)) {
                warnings.push(
                    `Measure '${measures[m]}' totals ${total} in segment '${names[g]}': it cannot be balanced and is ignored there.`
                );
                continue;
            }
            mw[m] = weights[m]!;
            wsum += weights[m]!;
            const f = sn / total;
            for (let p = 0; p < sn; p++) a[p * M + m] = cols[m]![ids[p]!]! * f;
        }
        if (wsum > 0) for (let m = 0; m < M; m++) mw[m] = mw[m]! / wsum;
        const fixed = new Int32Array(sn).fill(-1);
        const cur = new Int32Array(sn).fill(-1);
        const lat = new Float64Array(sn);
        const lon = new Float64Array(sn);
        const xyz = new Float64Array(3 * sn);
        for (let p = 0; p < sn; p++) {
            const i = ids[p]!;
            lat[p] = acc.lat[i]!;
            lon[p] = acc.lon[i]!;
            toUnit(lat[p]!, lon[p]!, xyz, 3 * p);
            const c = acc.currentRep ? acc.currentRep[i]! : -1;
            const lc = c >= 0 && c < k ? (local.get(c) ?? -1) : -1;
            cur[p] = lc;
            if (acc.locked?.[i]) {
                if (c < 0) lockedNoCurrent++;
                else if (c >= k) lockedToLeft++;
                else if (lc < 0) lockedOtherSegment++;
                else fixed[p] = lc;
            }
        }
        let capSum = 0;
        for (const r of rs) capSum += reps.capacity[r]!;
        const cap = Float64Array.from(rs, (r) => reps.capacity[r]! / capSum);
        const home = new Float64Array(3 * sk);
        const hasHome = new Uint8Array(sk);
        rs.forEach((r, j) => {
            if (!Number.isNaN(reps.lat[r]!) && !Number.isNaN(reps.lon[r]!)) {
                hasHome[j] = 1;
                toUnit(reps.lat[r]!, reps.lon[r]!, home, 3 * j);
            }
        });
        const base = done;
        const sp: SubProblem = {
            n: sn,
            k: sk,
            M,
            lat,
            lon,
            xyz,
            a,
            mw,
            fixed,
            cur,
            tw: internal?.itemWeight
                ? Float64Array.from(ids, (i) => internal.itemWeight![i]!)
                : undefined,
            cap,
            home,
            hasHome,
            // the solver works to the report's bound, so that a rep at exactly the edge counts as
            // within (at 2k × 20 the count measure's edge is 95 or 105 accounts: metros-few
            // seed 11's MIP optimum has 18 of 20 reps there)
            tolerance: tol + WITHIN_EPS,
            disruptionWeight: dw,
            method: options.method ?? 'auto',
            ...(internal?.lpMaxColumns !== undefined
                ? { lpMaxColumns: internal.lpMaxColumns }
                : {}),
            ...(internal?.lpRoundingMip === false ? { lpRoundingMip: false } : {}),
            seed,
            clock,
            progress: options.onProgress
                ? (stage, f) => options.onProgress!({ stage, fraction: (base + f * sn) / n })
                : undefined
        };
        feasibilityWarnings(
            names[g]!,
            measures,
            toleranceBreaches(sp),
            tol,
            rs,
            reps.ids,
            warnings,
            (p) => acc.ids[ids[p]!]!
        );
        const res = solveSubProblem(sp);
        for (let p = 0; p < sn; p++) assign[ids[p]!] = rs[res.assign[p]!]!;
        segments.push({
            segment: names[g]!,
            accounts: sn,
            reps: sk,
            maxDeviation: res.maxDeviation,
            stages: res.stages
        });
        if (res.maxDeviation > tol + WITHIN_EPS) {
            warnings.push(
                `Segment '${names[g] || '(all)'}': tolerance ${fmtPct(tol)} not reached; best deviation ${fmtPct(res.maxDeviation)}` +
                    (clock.wasReached ? ' (time limit reached).' : '.')
            );
        }
        done += sn;
    }
    if (clock.wasReached) {
        warnings.push(
            'The time limit was reached: the search stopped early, so this plan depends on the machine and its load; allow more time for a reproducible plan.'
        );
    }
    if (lockedNoCurrent > 0) {
        warnings.push(
            `${lockedNoCurrent} locked accounts have no current rep: they were treated as unlocked.`
        );
    }
    if (lockedToLeft > 0) {
        warnings.push(
            `${lockedToLeft} locked accounts belong to a rep who left: they had to move.`
        );
    }
    if (lockedOtherSegment > 0) {
        warnings.push(
            `${lockedOtherSegment} locked accounts belong to a rep of another segment: they were treated as unlocked.`
        );
    }
    options.onProgress?.({ stage: 'report', fraction: 1 });
    const metrics = measureColumnar(acc, reps, assign, measures, tol);
    warnings.push(...mixWarnings(metrics.newReps));
    return {
        assign,
        report: {
            ...metrics,
            runtimeMs: Date.now() - t0,
            timeLimitReached: clock.wasReached,
            seed,
            warnings,
            segments
        }
    };
}

/**
 * A new rep's patch whose customers' share is under half the segment's, or whose prospects' share
 * is: a rep of only prospects has nothing to renew, one of only customers nothing to win.
 */
export function mixWarnings(patches: NewRepPatch[] | undefined): string[] {
    const out: string[] = [];
    for (const p of patches ?? []) {
        const mine = p.customerShare;
        const all = p.segmentCustomerShare;
        if (mine === undefined || mine === null || all === undefined || all === null) continue;
        if (mine < all / 2 || 1 - mine < (1 - all) / 2) {
            const label = p.segment === '' ? '' : ` of segment '${p.segment}'`;
            out.push(
                `New rep ${p.repId}${label}: ${p.customers} customers and ${p.prospects} prospects (${fmtShare(mine)} customers, against ${fmtShare(all)} in the segment): the patch's mix is lopsided.`
            );
        }
    }
    return out;
}

function fmtShare(x: number): string {
    return `${Math.round(100 * x)} %`;
}

export function fmtPct(x: number): string {
    return `${(x * 100).toFixed(2)} %`;
}

/** Explains in advance why a tolerance cannot be met: an oversized account, too much locked. */
function feasibilityWarnings(
    segment: string,
    measures: string[],
    breaches: Breach[],
    tol: number,
    rs: number[],
    repIds: string[],
    warnings: string[],
    /** the input id of local item p (an account, or `unit:CODE` for a postal unit) */
    itemId: (p: number) => string
): void {
    const label = segment === '' ? '' : ` in segment '${segment}'`;
    for (const b of breaches) {
        if (b.kind === 'item') {
            const id = itemId(b.item);
            const what = id.startsWith('unit:') ? `postal unit ${id.slice(5)}` : `account ${id}`;
            warnings.push(
                `Infeasible${label}: ${what} alone is ${fmtPct(b.share)} of the largest ${measures[b.measure]} target, above ${fmtPct(1 + tol)}: the rep who holds it cannot be within tolerance.`
            );
        } else {
            warnings.push(
                `Infeasible${label}: rep ${repIds[rs[b.rep]!]} has ${fmtPct(b.share)} of its ${measures[b.measure]} target locked, above ${fmtPct(1 + tol)}.`
            );
        }
    }
}

/** Balances accounts among reps (see BalanceOptions); every account gets exactly one rep. */
export function balance(
    accounts: EngineAccount[],
    reps: EngineRep[],
    options: BalanceOptions
): BalanceResult {
    const ids = new Set<string>();
    for (const a of accounts) {
        if (ids.has(a.id)) throw new EngineInputError(`Duplicate account id '${a.id}'.`);
        ids.add(a.id);
        if (!(Math.abs(a.lat) <= 90) || !(Math.abs(a.lon) <= 180)) {
            throw new EngineInputError(
                `Account ${a.id}: coordinates (${a.lat}, ${a.lon}) out of range.`
            );
        }
    }
    const repIds = new Set<string>();
    for (const r of reps) {
        if (repIds.has(r.id)) throw new EngineInputError(`Duplicate rep id '${r.id}'.`);
        repIds.add(r.id);
    }
    const measureNames = [...new Set(accounts.flatMap((a) => Object.keys(a.measures)))];
    for (const m of options.balance) {
        if (m !== 'Count' && !measureNames.includes(m)) {
            throw new EngineInputError(
                `Unknown measure '${m}' in balance: accounts have ${measureNames.join(', ') || 'none'}.`
            );
        }
    }
    const { acc, reps: cr } = toColumnar(accounts, reps, measureNames.concat(['Count']));
    const { assign, report } = useUnits(accounts, options.units)
        ? balanceUnitsColumnar(acc, cr, options, {
              postal: accounts.map((a) => a.postalCode ?? ''),
              named: Uint8Array.from(accounts, (a) => (a.named ? 1 : 0))
          })
        : balanceColumnar(acc, cr, options);
    return {
        assignments: accounts.map((a, i) => ({ accountId: a.id, repId: reps[assign[i]!]!.id })),
        report
    };
}

/** Share of accounts with a postal code from which 'auto' plans in postal units. */
export const AUTO_UNITS_MIN_SHARE = 0.8;

function useUnits(accounts: EngineAccount[], units: BalanceOptions['units']): boolean {
    if (units === 'postal') return true;
    if (units !== 'auto' || accounts.length === 0) return false;
    let withCode = 0;
    for (const a of accounts) if (a.postalCode && a.postalCode.trim() !== '') withCode++;
    return withCode >= AUTO_UNITS_MIN_SHARE * accounts.length;
}

/** Metrics of any assignment (accountId → repId), disruption against the accounts' currentRepId. */
export function measurePlan(
    accounts: EngineAccount[],
    reps: EngineRep[],
    assignment: ReadonlyMap<string, string>,
    measures: string[],
    options?: { tolerance?: number }
): PlanMetrics {
    const measureNames = [...new Set(accounts.flatMap((a) => Object.keys(a.measures)))].concat([
        'Count'
    ]);
    const { acc, reps: cr } = toColumnar(accounts, reps, measureNames);
    const index = new Map<string, number>();
    reps.forEach((r, j) => index.set(r.id, j));
    const assign = Int32Array.from(accounts, (a) => {
        const r = assignment.get(a.id);
        return r === undefined ? -1 : (index.get(r) ?? -1);
    });
    return measureColumnar(acc, cr, assign, measures, options?.tolerance ?? DEFAULT_TOLERANCE);
}
