/**
 * The candidate table: each account's nearest rep centres (homes, or territory centroids) with
 * their distances, plus its current rep, and the reverse lists (which accounts list a rep).
 */
import KDBush from 'kdbush';
import { mortonOrder, nearestCentres } from '../candidates.js';
import { kmFromDot, unitToLatLon } from '../geo.js';
import type { SubProblem } from './types.js';

/** candidate reps per account (plus the current rep where there is a current plan) */
export const K_CANDIDATES = 16;
const K_CAND = K_CANDIDATES;

/** Distances and stay bonus for the account–candidate pairs, given the centres. */
export interface CandidateTable {
    K: number;
    rep: Int32Array;
    /** n × K km */
    km: Float64Array;
    /** k+1 offsets and the accounts that list each rep as a candidate */
    revStart: Int32Array;
    rev: Int32Array;
    /** slot of the rep in the account's candidate row, parallel to `rev` */
    revQ: Int32Array;
}

export function buildCandidates(
    problem: SubProblem,
    centres: Float64Array,
    order: Int32Array
): CandidateTable {
    const { n, k } = problem;
    const withCur = problem.cur.some((c) => c >= 0) || problem.fixed.some((c) => c >= 0);
    const K = Math.min(K_CAND + (withCur ? 1 : 0), k);
    const near = nearestCentres(problem.xyz, n, centres, k, K, order);
    const rep = near.rep;
    const km = new Float64Array(n * K);
    for (let p = 0; p < n * K; p++) km[p] = kmFromDot(near.dot[p]!);
    const tw = problem.tw;
    if (tw) for (let p = 0; p < n * K; p++) km[p]! *= tw[(p / K) | 0]!;
    if (withCur && K > K_CAND) {
        // the last slot holds the current (or locked) rep when it is not among the nearest, so
        // staying is always an option
        for (let i = 0; i < n; i++) {
            const c = problem.fixed[i]! >= 0 ? problem.fixed[i]! : problem.cur[i]!;
            if (c < 0) continue;
            let found = false;
            for (let q = 0; q < K; q++) if (rep[i * K + q] === c) found = true;
            if (found) continue;
            rep[i * K + K - 1] = c;
            km[i * K + K - 1] = centreKm(problem, centres, i, c);
        }
    }
    ensureCoverage(problem, centres, rep, km, K);
    const revStart = new Int32Array(k + 1);
    for (let p = 0; p < n * K; p++) revStart[rep[p]! + 1]!++;
    for (let r = 0; r < k; r++) revStart[r + 1]! += revStart[r]!;
    const fill = revStart.slice(0, k);
    const rev = new Int32Array(n * K);
    const revQ = new Int32Array(n * K);
    for (let i = 0; i < n; i++) {
        for (let q = 0; q < K; q++) {
            const r = rep[i * K + q]!;
            revQ[fill[r]!] = q;
            rev[fill[r]!++] = i;
        }
    }
    return { K, rep, km, revStart, rev, revQ };
}

/** km from item i to centre r, times the accounts the item stands for (`tw`). */
export function centreKm(problem: SubProblem, centres: Float64Array, i: number, r: number): number {
    const x = problem.xyz;
    const km = kmFromDot(
        x[3 * i]! * centres[3 * r]! +
            x[3 * i + 1]! * centres[3 * r + 1]! +
            x[3 * i + 2]! * centres[3 * r + 2]!
    );
    return problem.tw ? km * problem.tw[i]! : km;
}

/** How many accounts item i stands for (1 outside postal-unit mode). */
export function itemWeight(problem: SubProblem, i: number): number {
    return problem.tw ? problem.tw[i]! : 1;
}

/**
 * A rep far from every account would never be a candidate: give it the accounts nearest to it
 * (about twice its target count) by overwriting one of their candidates. The nearest accounts come
 * from a k-d tree (kdbush) on an equirectangular projection, searched with a growing radius.
 */
function ensureCoverage(
    problem: SubProblem,
    centres: Float64Array,
    rep: Int32Array,
    km: Float64Array,
    K: number
): void {
    const { n, k } = problem;
    if (k <= K) return;
    const count = new Int32Array(k);
    for (let p = 0; p < n * K; p++) count[rep[p]!]!++;
    let index: KDBush | null = null;
    let cl = 1;
    const slot = K > K_CAND ? K - 2 : K - 1;
    for (let r = 0; r < k; r++) {
        const need = Math.min(n, Math.ceil(2 * n * problem.cap[r]!) + 1);
        if (count[r]! >= need) continue;
        if (!index) {
            let mean = 0;
            for (let i = 0; i < n; i++) mean += problem.lat[i]!;
            cl = Math.cos(((mean / n) * Math.PI) / 180);
            index = new KDBush(n);
            for (let i = 0; i < n; i++) index.add(problem.lon[i]! * cl, problem.lat[i]!);
            index.finish();
        }
        const [la, lo] = unitToLatLon(centres[3 * r]!, centres[3 * r + 1]!, centres[3 * r + 2]!);
        let radius = 0.05;
        let found: number[] = [];
        for (;;) {
            found = index.within(lo * cl, la, radius);
            if (found.length >= need || radius > 400) break;
            radius *= 2;
        }
        const near = found
            .map((i) => ({ i, d: centreKm(problem, centres, i, r) }))
            .sort((x, y) => x.d - y.d || x.i - y.i)
            .slice(0, need);
        for (const { i, d } of near) {
            let has = false;
            for (let q = 0; q < K; q++) if (rep[i * K + q] === r) has = true;
            if (has) continue;
            rep[i * K + slot] = r;
            km[i * K + slot] = d;
        }
    }
}

/** Current centres: homes, or for reps without one the centroid of their accounts. */
export function centresOf(
    problem: SubProblem,
    assign: Int32Array | null,
    prev: Float64Array | null
): Float64Array {
    const { k, n, xyz } = problem;
    const c = new Float64Array(3 * k);
    if (assign) {
        for (let i = 0; i < n; i++) {
            const r = assign[i]!;
            if (r < 0) continue;
            const w = problem.tw ? problem.tw[i]! : 1;
            c[3 * r]! += w * xyz[3 * i]!;
            c[3 * r + 1]! += w * xyz[3 * i + 1]!;
            c[3 * r + 2]! += w * xyz[3 * i + 2]!;
        }
    }
    for (let r = 0; r < k; r++) {
        if (problem.hasHome[r]) {
            c[3 * r] = problem.home[3 * r]!;
            c[3 * r + 1] = problem.home[3 * r + 1]!;
            c[3 * r + 2] = problem.home[3 * r + 2]!;
            continue;
        }
        const len = Math.hypot(c[3 * r]!, c[3 * r + 1]!, c[3 * r + 2]!);
        if (len > 1e-12) {
            for (let d = 0; d < 3; d++) c[3 * r + d] = c[3 * r + d]! / len;
        } else if (prev) {
            for (let d = 0; d < 3; d++) c[3 * r + d] = prev[3 * r + d]!;
        }
    }
    return c;
}

const scaleCache: WeakMap<CandidateTable, number> = new WeakMap();
export function tableScale(table: CandidateTable): number {
    let s = scaleCache.get(table);
    if (s === undefined) {
        s = kmScale(table, table.rep.length / table.K);
        scaleCache.set(table, s);
    }
    return s;
}

export function kmTo(
    table: CandidateTable,
    problem: SubProblem,
    centres: Float64Array,
    i: number,
    r: number
): number {
    const K = table.K;
    for (let q = 0; q < K; q++) if (table.rep[i * K + q] === r) return table.km[i * K + q]!;
    return centreKm(problem, centres, i, r);
}

/** Typical km scale of assignment decisions: mean distance to the second-nearest candidate. */
function kmScale(table: CandidateTable, n: number): number {
    const q = table.K > 1 ? 1 : 0;
    let s = 0;
    for (let i = 0; i < n; i++) s += table.km[i * table.K + q]!;
    return Math.max(s / Math.max(1, n), 1e-3);
}

/** The accounts in Morton (Z-curve) order: the order candidate and neighbour queries run in. */
export function mortonOrderOf(problem: SubProblem): Int32Array {
    return mortonOrder(
        problem.lat,
        problem.lon,
        Int32Array.from({ length: problem.n }, (_, i) => i)
    );
}
