/**
 * Shape by simulated annealing, for small fresh plans after the MIP polish: accounts (alone, or
 * swapped with one of the territory they join) move across borders to cut fewer neighbour pairs,
 * every rep kept within the band and the plan's travel within a cap. The energy counts the
 * neighbour pairs cut beyond a target (a share of nearest-home's purity) plus the travel, so the
 * search buys shape up to the target and then shortens the plan. Effort is a number of proposals
 * per account, and the random stream is seeded: the same plan in gives the same plan out (unless
 * the wall-clock safety cap stops it, which the report says).
 */
import { mulberry32 } from '../geo.js';
import { centreKm } from './candidates-table.js';
import type { State } from './state.js';

export interface AnnealShapeOptions {
    /** every rep's deviation may not grow beyond this (as State.moveKeeps) */
    band: number;
    /** the plan may travel at most (1 + travelSlack) × the km it starts with */
    travelSlack: number;
    /** pairs cut beyond (1 − target × reference) of all pairs count in the energy */
    target: number;
    /** nearest-home's purity on the same neighbours */
    reference: number;
    /** what one cut pair is worth, in the plan's mean km per account */
    pairKm: number;
    /** proposals per account */
    proposals: number;
    seed: number;
}

export interface AnnealShapeResult {
    /** moves and swaps accepted */
    accepted: number;
    /** share of neighbour pairs in the same territory, before and after */
    purityBefore: number;
    purityAfter: number;
    /** travel after / before */
    travelRatio: number;
}

/** Starting temperature and the last one, in units of one cut pair. */
const T_START = 1.5;
const T_END = 0.05;
/** accounts of the joined territory tried for a swap when a move alone leaves the band */
const SWAP_TRIES = 6;

/**
 * Anneals `state` (every rep with a home at `centres`; `nb`: each account's nearest accounts,
 * row-major, −1 where fewer) in place and returns what it did. Locked accounts stay.
 */
export function annealShape(
    state: State,
    centres: Float64Array,
    nb: Int32Array,
    o: AnnealShapeOptions
): AnnealShapeResult {
    const problem = state.problem;
    const { n, k, fixed } = problem;
    const a = state.assign;
    const NB = n > 0 ? nb.length / n : 0;
    // both directions of every pair: a move changes the pairs it is in, as either end
    const adjStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
        for (let q = 0; q < NB; q++) {
            const j = nb[i * NB + q]!;
            if (j < 0) continue;
            adjStart[i + 1]!++;
            adjStart[j + 1]!++;
        }
    }
    for (let i = 0; i < n; i++) adjStart[i + 1]! += adjStart[i]!;
    const adj = new Int32Array(adjStart[n]!);
    const fill = adjStart.slice(0, n);
    let pairs = 0;
    let cut = 0;
    for (let i = 0; i < n; i++) {
        for (let q = 0; q < NB; q++) {
            const j = nb[i * NB + q]!;
            if (j < 0) continue;
            adj[fill[i]!++] = j;
            adj[fill[j]!++] = i;
            pairs++;
            if (a[j] !== a[i]) cut++;
        }
    }
    const km = new Float64Array(n * k);
    let travel = 0;
    for (let i = 0; i < n; i++) {
        for (let r = 0; r < k; r++) km[i * k + r] = centreKm(problem, centres, i, r);
        travel += km[i * k + a[i]!]!;
    }
    const startKm = travel;
    const result: AnnealShapeResult = {
        accepted: 0,
        purityBefore: pairs > 0 ? 1 - cut / pairs : 1,
        purityAfter: pairs > 0 ? 1 - cut / pairs : 1,
        travelRatio: 1
    };
    if (pairs === 0 || travel <= 0 || k < 2) return result;
    const cap = (1 + o.travelSlack) * travel;
    const cutTarget = (1 - o.target * o.reference) * pairs;
    const kmPerPair = o.pairKm * (travel / n);
    const energy = (c: number, t: number): number => Math.max(0, c - cutTarget) + t / kmPerPair;
    // the pairs cut more (+) or fewer (−) if account i went to rep s
    const cutChange = (i: number, s: number): number => {
        const r = a[i]!;
        let d = 0;
        for (let p = adjStart[i]!; p < adjStart[i + 1]!; p++) {
            const t = a[adj[p]!];
            if (t === r) d++;
            else if (t === s) d--;
        }
        return d;
    };
    const keeps = (r: number, s: number, vr: number, vs: number): boolean =>
        state.viol(r, -1, 0, o.band) + state.viol(s, -1, 0, o.band) <= vr + vs + 1e-18;
    const rnd = mulberry32(o.seed ^ 0x5a4e);
    const best = Int32Array.from(a);
    let bestEnergy = energy(cut, travel);
    const keepBest = (): void => {
        const e = energy(cut, travel);
        if (e < bestEnergy - 1e-9) {
            bestEnergy = e;
            best.set(a);
        }
    };
    const total = Math.max(0, Math.round(o.proposals * n));
    for (let it = 0; it < total; it++) {
        // the wall-clock safety cap (reported as timeLimitReached), looked at now and then
        if ((it & 0xffff) === 0 && problem.clock.reached()) break;
        const T = T_START * Math.pow(T_END / T_START, it / total);
        const i = Math.floor(rnd() * n);
        const deg = adjStart[i + 1]! - adjStart[i]!;
        if (fixed[i]! >= 0 || deg === 0) continue;
        const s = a[adj[adjStart[i]! + Math.floor(rnd() * deg)]!]!;
        const r = a[i]!;
        if (s === r) continue;
        const e0 = energy(cut, travel);
        const vr = state.viol(r, -1, 0, o.band);
        const vs = state.viol(s, -1, 0, o.band);
        const d1 = cutChange(i, s);
        const t1 = km[i * k + s]! - km[i * k + r]!;
        state.move(i, s);
        if (keeps(r, s, vr, vs) && travel + t1 <= cap) {
            const dE = energy(cut + d1, travel + t1) - e0;
            if (dE <= 0 || rnd() < Math.exp(-dE / T)) {
                cut += d1;
                travel += t1;
                result.accepted++;
                keepBest();
                continue;
            }
            state.move(i, r);
            continue;
        }
        // alone it leaves the band or the cap: swap with an account of s near i
        let bj = -1;
        let bestE = Infinity;
        let bd2 = 0;
        let bt2 = 0;
        for (let t = 0; t < SWAP_TRIES; t++) {
            const u = adj[adjStart[i]! + Math.floor(rnd() * deg)]!;
            const du = adjStart[u + 1]! - adjStart[u]!;
            if (du === 0) continue;
            const j = adj[adjStart[u]! + Math.floor(rnd() * du)]!;
            if (j === i || a[j] !== s || fixed[j]! >= 0) continue;
            const d2 = cutChange(j, r);
            const t2 = km[j * k + r]! - km[j * k + s]!;
            state.move(j, r);
            const e2 = energy(cut + d1 + d2, travel + t1 + t2);
            if (keeps(r, s, vr, vs) && travel + t1 + t2 <= cap && e2 < bestE) {
                bestE = e2;
                bj = j;
                bd2 = d2;
                bt2 = t2;
            }
            state.move(j, s);
        }
        if (bj >= 0 && (bestE - e0 <= 0 || rnd() < Math.exp(-(bestE - e0) / T))) {
            state.move(bj, r);
            cut += d1 + bd2;
            travel += t1 + bt2;
            result.accepted++;
            keepBest();
            continue;
        }
        state.move(i, r);
    }
    a.set(best);
    state.recompute();
    let km1 = 0;
    for (let i = 0; i < n; i++) km1 += km[i * k + a[i]!]!;
    result.purityAfter = neighbourPurity(a, nb);
    result.travelRatio = km1 / startKm;
    return result;
}

/** Share of the accounts' neighbours (nb, row-major, −1 for none) in the same territory. */
export function neighbourPurity(assign: Int32Array, nb: Int32Array): number {
    const NB = nb.length / assign.length;
    let same = 0;
    let all = 0;
    for (let i = 0; i < assign.length; i++) {
        for (let q = 0; q < NB; q++) {
            const j = nb[i * NB + q]!;
            if (j < 0) continue;
            all++;
            if (assign[j] === assign[i]) same++;
        }
    }
    return all > 0 ? same / all : 1;
}
