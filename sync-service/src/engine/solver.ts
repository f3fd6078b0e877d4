/**
 * The core solver for one independent sub-problem (one segment): price-based location–allocation
 * with damped per-rep prices, then repair toward an inner tolerance band (single moves, then
 * two-move ejection chains), then balance-keeping border moves and swaps that win travel back.
 * Everything is columnar (typed arrays); no I/O; deterministic.
 */
import { weightedQuantile } from './partition.js';
import { balancedBisection, balancedBisectionAll } from './bisection.js';
import { homeBisection } from './home-bisection.js';
import { accountNeighbours, mortonOrder, nearestCentres } from './candidates.js';
import KDBush from 'kdbush';
import { EARTH_RADIUS_KM, kmFromDot, mulberry32, unitToLatLon } from './geo.js';
import { WorkBudget } from './effort.js';
import type { SafetyCap } from './effort.js';

export interface SubProblem {
    n: number;
    k: number;
    /** number of balanced measures */
    M: number;
    lat: Float64Array;
    lon: Float64Array;
    /** 3n unit vectors */
    xyz: Float64Array;
    /** n × M loads, each measure scaled so that Σ_i a[i,m] = n (0 for a measure with total 0) */
    a: Float64Array;
    /** M weights summing to 1 (0 for a degenerate measure) */
    mw: Float64Array;
    /** local rep an account is locked to, or -1 */
    fixed: Int32Array;
    /** local current rep, or -1 (none, or a rep who left) */
    cur: Int32Array;
    /** k capacities, summing to 1 */
    cap: Float64Array;
    /** 3k home unit vectors (ignored where hasHome is 0) */
    home: Float64Array;
    hasHome: Uint8Array;
    tolerance: number;
    /** 0 … 1 */
    disruptionWeight: number;
    /** how a fresh plan starts (see BalanceOptions.method); default 'auto' */
    method?: 'auto' | 'prices' | 'bisection';
    seed: number;
    /** wall-clock safety cap shared by every stage (effort itself is counted in work) */
    clock: SafetyCap;
    progress?: (stage: string, fraction: number) => void;
}

export interface SubResult {
    assign: Int32Array;
    maxDeviation: number;
    stages: Record<string, number>;
}

const K_CAND = 16;

class State {
    readonly n: number;
    readonly k: number;
    readonly M: number;
    readonly assign: Int32Array;
    /** k × M loads */
    readonly load: Float64Array;
    /** k targets (same for every measure in scaled units) */
    readonly T: Float64Array;
    band = 0;
    constructor(
        readonly sp: SubProblem,
        assign: Int32Array
    ) {
        this.n = sp.n;
        this.k = sp.k;
        this.M = sp.M;
        this.assign = assign;
        this.load = new Float64Array(sp.k * sp.M);
        this.T = new Float64Array(sp.k);
        for (let r = 0; r < sp.k; r++) this.T[r] = sp.n * sp.cap[r]!;
        this.recompute();
    }
    recompute(): void {
        const { M, load, assign } = this;
        const a = this.sp.a;
        load.fill(0);
        for (let i = 0; i < this.n; i++) {
            const r = assign[i]!;
            for (let m = 0; m < M; m++) load[r * M + m]! += a[i * M + m]!;
        }
    }
    dev(r: number, m: number): number {
        const t = this.T[r]!;
        return t > 0 ? this.load[r * this.M + m]! / t - 1 : 0;
    }
    maxDeviation(): number {
        let worst = 0;
        for (let r = 0; r < this.k; r++) {
            for (let m = 0; m < this.M; m++) {
                if (this.sp.mw[m]! === 0) continue;
                const d = Math.abs(this.dev(r, m));
                if (d > worst) worst = d;
            }
        }
        return worst;
    }
    /** violation of rep r beyond `band`, if account i were added (sign 1) or removed (−1) */
    viol(r: number, i: number, sign: number, band: number): number {
        const { M, load } = this;
        const t = this.T[r]!;
        if (t <= 0) return 0;
        const a = this.sp.a;
        const mw = this.sp.mw;
        let v = 0;
        for (let m = 0; m < M; m++) {
            const w = mw[m]!;
            if (w === 0) continue;
            let d = (load[r * M + m]! + (i >= 0 ? sign * a[i * M + m]! : 0)) / t - 1;
            if (d < 0) d = -d;
            if (d > band) v += w * (d - band) * (d - band);
        }
        return v;
    }
    move(i: number, to: number): void {
        const { M, load } = this;
        const a = this.sp.a;
        const from = this.assign[i]!;
        for (let m = 0; m < M; m++) {
            const x = a[i * M + m]!;
            load[from * M + m]! -= x;
            load[to * M + m]! += x;
        }
        this.assign[i] = to;
    }
}

/** Distances and stay bonus for the account–candidate pairs, given the centres. */
interface CandidateTable {
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

function buildCandidates(sp: SubProblem, centres: Float64Array, order: Int32Array): CandidateTable {
    const { n, k } = sp;
    const withCur = sp.cur.some((c) => c >= 0) || sp.fixed.some((c) => c >= 0);
    const K = Math.min(K_CAND + (withCur ? 1 : 0), k);
    const near = nearestCentres(sp.xyz, n, centres, k, K, order);
    const rep = near.rep;
    const km = new Float64Array(n * K);
    for (let p = 0; p < n * K; p++) km[p] = kmFromDot(near.dot[p]!);
    if (withCur && K > K_CAND) {
        // the last slot holds the current (or locked) rep when it is not among the nearest, so
        // staying is always an option
        for (let i = 0; i < n; i++) {
            const c = sp.fixed[i]! >= 0 ? sp.fixed[i]! : sp.cur[i]!;
            if (c < 0) continue;
            let found = false;
            for (let q = 0; q < K; q++) if (rep[i * K + q] === c) found = true;
            if (found) continue;
            rep[i * K + K - 1] = c;
            km[i * K + K - 1] = centreKm(sp, centres, i, c);
        }
    }
    ensureCoverage(sp, centres, rep, km, K);
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

function centreKm(sp: SubProblem, centres: Float64Array, i: number, r: number): number {
    const x = sp.xyz;
    return kmFromDot(
        x[3 * i]! * centres[3 * r]! +
            x[3 * i + 1]! * centres[3 * r + 1]! +
            x[3 * i + 2]! * centres[3 * r + 2]!
    );
}

/**
 * A rep far from every account would never be a candidate: give it the accounts nearest to it
 * (about twice its target count) by overwriting one of their candidates. The nearest accounts come
 * from a k-d tree (kdbush) on an equirectangular projection, searched with a growing radius.
 */
function ensureCoverage(
    sp: SubProblem,
    centres: Float64Array,
    rep: Int32Array,
    km: Float64Array,
    K: number
): void {
    const { n, k } = sp;
    if (k <= K) return;
    const count = new Int32Array(k);
    for (let p = 0; p < n * K; p++) count[rep[p]!]!++;
    let index: KDBush | null = null;
    let cl = 1;
    const slot = K > K_CAND ? K - 2 : K - 1;
    for (let r = 0; r < k; r++) {
        const need = Math.min(n, Math.ceil(2 * n * sp.cap[r]!) + 1);
        if (count[r]! >= need) continue;
        if (!index) {
            let mean = 0;
            for (let i = 0; i < n; i++) mean += sp.lat[i]!;
            cl = Math.cos(((mean / n) * Math.PI) / 180);
            index = new KDBush(n);
            for (let i = 0; i < n; i++) index.add(sp.lon[i]! * cl, sp.lat[i]!);
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
            .map((i) => ({ i, d: centreKm(sp, centres, i, r) }))
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
function centresOf(
    sp: SubProblem,
    assign: Int32Array | null,
    prev: Float64Array | null
): Float64Array {
    const { k, n, xyz } = sp;
    const c = new Float64Array(3 * k);
    if (assign) {
        for (let i = 0; i < n; i++) {
            const r = assign[i]!;
            if (r < 0) continue;
            c[3 * r]! += xyz[3 * i]!;
            c[3 * r + 1]! += xyz[3 * i + 1]!;
            c[3 * r + 2]! += xyz[3 * i + 2]!;
        }
    }
    for (let r = 0; r < k; r++) {
        if (sp.hasHome[r]) {
            c[3 * r] = sp.home[3 * r]!;
            c[3 * r + 1] = sp.home[3 * r + 1]!;
            c[3 * r + 2] = sp.home[3 * r + 2]!;
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

/** Combined load per account (weighted mean of the scaled measures). */
function combined(sp: SubProblem): Float64Array {
    const { n, M, a, mw } = sp;
    const ab = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        let s = 0;
        for (let m = 0; m < M; m++) s += mw[m]! * a[i * M + m]!;
        ab[i] = s;
    }
    return ab;
}

interface Prices {
    /** k combined-load prices (km per unit of scaled load) */
    lamC: Float64Array;
    /** k × M per-measure prices */
    lam: Float64Array;
    /** allocation aims at loads within ±deadZone·tolerance of target */
    deadZone: number;
}

function newPrices(k: number, M: number, deadZone: number): Prices {
    return { lamC: new Float64Array(k), lam: new Float64Array(k * M), deadZone };
}

export { weightedQuantile } from './partition.js';

/**
 * Price allocation: every free account goes to the candidate minimising
 * km + Σ_m price(rep, m)·load(account, m) − stay bonus (an additively weighted power diagram).
 * The prices solve the dual of the balanced transport problem, smoothed: at temperature h each
 * account is split over its candidates by softmax(−cost / h), which makes the loads smooth in the
 * prices, so Newton steps work (the Hessian is a block graph Laplacian over neighbouring reps:
 * account i adds a_i a_iᵀ p_ir p_is / h to the r–s block; solved by conjugate gradients, with a
 * backtracking line search on Σ deviation²). h is annealed toward 0; after each stage the hard
 * assignment (argmin) is scored and the best one kept (smallest violation beyond the band, then
 * cost). Newton moves load along chains of reps in one step, where per-rep subgradient or
 * best-response updates only diffuse it.
 */
function allocate(
    sp: SubProblem,
    st: State,
    ct: CandidateTable,
    pr: Prices,
    stay: number,
    iterations: number,
    stage: (f: number) => void
): void {
    const { n, k, M, a, fixed, cur, mw } = sp;
    const { K, rep, km } = ct;
    const lam = pr.lam;
    const assign = st.assign;
    const best = Int32Array.from(assign);
    let bestScore = Infinity;
    const scale = ctScale(ct);
    const MM = M * M;
    const deadZone = pr.deadZone * sp.tolerance;
    const cost = new Float64Array(K);
    const prob = new Float64Array(K);
    const soft = new Float64Array(k * M);
    // loads of the locked accounts (never split)
    const fixedLoad = new Float64Array(k * M);
    for (let i = 0; i < n; i++) {
        const r = fixed[i]!;
        if (r < 0) continue;
        for (let m = 0; m < M; m++) fixedLoad[r * M + m]! += a[i * M + m]!;
    }
    /** hard assignment at the current prices; returns the travel + disruption cost */
    const harden = (): number => {
        let travel = 0;
        for (let i = 0; i < n; i++) {
            if (fixed[i]! >= 0) continue;
            let b1 = Infinity;
            let bq = 0;
            for (let q = 0; q < K; q++) {
                const r = rep[i * K + q]!;
                let c = km[i * K + q]!;
                for (let m = 0; m < M; m++) c += lam[r * M + m]! * a[i * M + m]!;
                if (cur[i] === r) c -= stay;
                if (c < b1) {
                    b1 = c;
                    bq = q;
                }
            }
            assign[i] = rep[i * K + bq]!;
            travel += km[i * K + bq]!;
            if (cur[i]! >= 0 && cur[i] !== assign[i]) travel += stay;
        }
        st.recompute();
        return travel;
    };
    /**
     * Soft loads at temperature h (into `soft`); with `hess`, also the Hessian blocks.
     * Returns Σ mw·dev².
     */
    const hs = newHessian(k, M);
    const pairMin = 1e-3;
    const likely = new Int32Array(K);
    const gsum = new Float64Array(K);
    const diag = hs.diag;
    const softLoads = (h: number, hess: boolean): number => {
        soft.set(fixedLoad);
        if (hess) hessReset(hs);
        for (let i = 0; i < n; i++) {
            if (fixed[i]! >= 0) continue;
            let cmin = Infinity;
            for (let q = 0; q < K; q++) {
                const r = rep[i * K + q]!;
                let c = km[i * K + q]!;
                for (let m = 0; m < M; m++) c += lam[r * M + m]! * a[i * M + m]!;
                if (cur[i] === r) c -= stay;
                cost[q] = c;
                if (c < cmin) cmin = c;
            }
            let z = 0;
            for (let q = 0; q < K; q++) {
                const t = (cost[q]! - cmin) / h;
                const pq = t > 30 ? 0 : Math.exp(-t);
                prob[q] = pq;
                z += pq;
            }
            for (let q = 0; q < K; q++) {
                const pq = (prob[q] = prob[q]! / z);
                if (pq === 0) continue;
                const r = rep[i * K + q]!;
                for (let m = 0; m < M; m++) soft[r * M + m]! += pq * a[i * M + m]!;
            }
            if (!hess) continue;
            // pairs among the account's likely reps: each adds its weight g·a·aᵀ to the pair's
            // edge block; a rep's diagonal block gets a·aᵀ once, times its summed pair weights
            let nv = 0;
            for (let q = 0; q < K; q++) {
                if (prob[q]! < pairMin) continue;
                likely[nv] = q;
                gsum[nv++] = 0;
            }
            if (nv < 2) continue;
            for (let u = 0; u < nv; u++) {
                const q = likely[u]!;
                const r = rep[i * K + q]!;
                const pq = prob[q]!;
                for (let u2 = u + 1; u2 < nv; u2++) {
                    const q2 = likely[u2]!;
                    const s2 = rep[i * K + q2]!;
                    if (r === s2) continue;
                    const g = (pq * prob[q2]!) / h;
                    hessPair(hs, i, r, s2, g, a, M);
                    gsum[u]! += g;
                    gsum[u2]! += g;
                }
            }
            for (let u = 0; u < nv; u++) {
                const g = gsum[u]!;
                if (g === 0) continue;
                const r = rep[i * K + likely[u]!]!;
                for (let m1 = 0; m1 < M; m1++) {
                    const x1 = a[i * M + m1]! * g;
                    if (x1 === 0) continue;
                    for (let m2 = 0; m2 < M; m2++)
                        diag[r * MM + m1 * M + m2]! += x1 * a[i * M + m2]!;
                }
            }
        }
        let f = 0;
        for (let r = 0; r < k; r++) {
            const t = st.T[r]!;
            if (t <= 0) continue;
            for (let m = 0; m < M; m++) {
                if (mw[m] === 0) continue;
                const d0 = soft[r * M + m]! / t - 1;
                const d = d0 > deadZone ? d0 - deadZone : d0 < -deadZone ? d0 + deadZone : 0;
                f += mw[m]! * d * d;
            }
        }
        return f;
    };
    const x = new Float64Array(k * M);
    const saved = new Float64Array(k * M);
    const rhs = new Float64Array(k * M);
    let h = 0.5 * scale;
    const hMin = 0.1 * scale;
    let lastAlpha = 1;
    let it = 0;
    while (it < iterations && h >= hMin) {
        if (sp.clock.reached()) break;
        // a few Newton steps at this temperature
        let f = softLoads(h, true);
        // the soft loads of the accepted step are those the line search just computed; the
        // Hessian there is only assembled (a pass over all accounts) when another step follows
        let hessFresh = true;
        for (let inner = 0; inner < 4 && it < iterations && !sp.clock.reached(); inner++, it++) {
            if (!hessFresh) softLoads(h, true);
            hessFresh = false;
            rhs.fill(0);
            for (let r = 0; r < k; r++) {
                for (let m = 0; m < M; m++) {
                    if (mw[m] === 0) continue;
                    const t = st.T[r]!;
                    const l = soft[r * M + m]!;
                    rhs[r * M + m] =
                        l > t * (1 + deadZone)
                            ? l - t * (1 + deadZone)
                            : l < t * (1 - deadZone)
                              ? l - t * (1 - deadZone)
                              : 0;
                }
            }
            const E = hs.edges;
            const ea = hs.ea;
            const eb = hs.eb;
            const ew = hs.ew;
            let ridge = 0;
            for (let p = 0; p < k * MM; p += MM)
                for (let m = 0; m < M; m++) ridge += diag[p + m * M + m]!;
            ridge = (1e-6 * ridge) / Math.max(1, k * M) + 1e-12;
            const matvec = (v0: Float64Array, out: Float64Array): void => {
                for (let r = 0; r < k; r++) {
                    for (let m1 = 0; m1 < M; m1++) {
                        let sum = ridge * v0[r * M + m1]!;
                        for (let m2 = 0; m2 < M; m2++)
                            sum += diag[r * MM + m1 * M + m2]! * v0[r * M + m2]!;
                        out[r * M + m1] = sum;
                    }
                }
                for (let e = 0; e < E; e++) {
                    const r = ea[e]!;
                    const s2 = eb[e]!;
                    for (let m1 = 0; m1 < M; m1++) {
                        let sr = 0;
                        let ss = 0;
                        for (let m2 = 0; m2 < M; m2++) {
                            const w = ew[e * MM + m1 * M + m2]!;
                            sr += w * v0[s2 * M + m2]!;
                            ss += w * v0[r * M + m2]!;
                        }
                        out[r * M + m1]! -= sr;
                        out[s2 * M + m1]! -= ss;
                    }
                }
            };
            conjugateGradient(matvec, rhs, x, k * M, 200);
            saved.set(lam);
            // large problems backtrack from twice the last accepted step (at most 1): the full
            // Newton step tends to overshoot by a similar factor step after step, and every trial
            // costs a pass over all accounts (small ones always try the full step first)
            let alpha = n >= LOCALITY_MIN_N ? Math.min(1, 2 * lastAlpha) : 1;
            let accepted = false;
            for (let tries = 0; tries < 8; tries++) {
                for (let p = 0; p < k * M; p++) lam[p] = saved[p]! + alpha * x[p]!;
                const f2 = softLoads(h, false);
                if (f2 < f) {
                    accepted = true;
                    lastAlpha = alpha;
                    f = f2;
                    break;
                }
                alpha *= 0.5;
            }
            if (!accepted) {
                lam.set(saved);
                break;
            }
            if (f < 1e-4 * st.band * st.band) break;
        }
        const travel = harden();
        let v = 0;
        for (let r = 0; r < k; r++) v += st.viol(r, -1, 0, st.band);
        const score = v * 1e12 + travel;
        if (score < bestScore) {
            bestScore = score;
            best.set(assign);
        }
        stage(Math.min(1, Math.log(scale / h) / Math.log(1 / 1e-3)));
        if (v === 0 && h < 0.05 * scale) break;
        h *= 0.6;
    }
    assign.set(best);
    st.recompute();
}

/**
 * Hard refinement after the smoothed Newton stage: Gauss–Seidel best responses. In turn, each rep
 * out of the band shifts the price of its worst measure by exactly what brings that load to target
 * given the others' prices (from the accounts' cost margins, by weighted quantile); the accounts
 * that switch move at once, so the next rep sees them. With prices already right globally, this
 * only has to settle the rounding locally.
 */
function refine(
    sp: SubProblem,
    st: State,
    ct: CandidateTable,
    pr: Prices,
    stay: number,
    sweeps: number
): void {
    const { n, k, M, a, fixed, cur, mw } = sp;
    const { K, rep, km, revStart, rev, revQ } = ct;
    const lam = pr.lam;
    const assign = st.assign;
    const cost = new Float64Array(n * K);
    const c1 = new Float64Array(n);
    const c2 = new Float64Array(n);
    const q1 = new Int32Array(n);
    const r2 = new Int32Array(n);
    let bufK = new Float64Array(1024);
    let bufW = new Float64Array(1024);
    const rescan = (i: number): void => {
        let b1 = Infinity;
        let b2 = Infinity;
        let bq = 0;
        let s2 = -1;
        for (let q = 0; q < K; q++) {
            const c = cost[i * K + q]!;
            if (c < b1) {
                b2 = b1;
                s2 = b1 < Infinity ? rep[i * K + bq]! : -1;
                b1 = c;
                bq = q;
            } else if (c < b2) {
                b2 = c;
                s2 = rep[i * K + q]!;
            }
        }
        c1[i] = b1;
        c2[i] = b2;
        q1[i] = bq;
        r2[i] = s2;
    };
    for (let i = 0; i < n; i++) {
        for (let q = 0; q < K; q++) {
            const r = rep[i * K + q]!;
            let c = km[i * K + q]!;
            for (let m = 0; m < M; m++) c += lam[r * M + m]! * a[i * M + m]!;
            if (cur[i] === r) c -= stay;
            cost[i * K + q] = c;
        }
        rescan(i);
        if (fixed[i]! < 0) assign[i] = rep[i * K + q1[i]!]!;
    }
    st.recompute();
    const best = Int32Array.from(assign);
    const bestLam = Float64Array.from(lam);
    const score = (): number => {
        let v = 0;
        for (let r = 0; r < k; r++) v += st.viol(r, -1, 0, st.band);
        return v;
    };
    let bestV = score();
    const capShift = 200 * ctScale(ct) + 2 * stay;
    const shiftPrice = (r: number, m: number, delta: number): void => {
        lam[r * M + m]! += delta;
        for (let p = revStart[r]!; p < revStart[r + 1]!; p++) {
            const j = rev[p]!;
            const u = a[j * M + m]!;
            if (u === 0) continue;
            const q = revQ[p]!;
            const c = (cost[j * K + q]! += delta * u);
            if (fixed[j]! >= 0) continue;
            if (q1[j] === q) {
                if (delta > 0 && c > c2[j]!) {
                    rescan(j);
                    st.move(j, rep[j * K + q1[j]!]!);
                } else c1[j] = c;
            } else if (delta < 0) {
                if (c < c1[j]!) {
                    c2[j] = c1[j]!;
                    r2[j] = rep[j * K + q1[j]!]!;
                    c1[j] = c;
                    q1[j] = q;
                    st.move(j, r);
                } else if (c < c2[j]!) {
                    c2[j] = c;
                    r2[j] = r;
                }
            } else if (r2[j] === r) rescan(j);
        }
    };
    const bestResponse = (r: number, m: number, excess: number): number => {
        const lo = revStart[r]!;
        const hi = revStart[r + 1]!;
        if (hi - lo > bufK.length) {
            bufK = new Float64Array(2 * (hi - lo));
            bufW = new Float64Array(2 * (hi - lo));
        }
        let cnt = 0;
        for (let p = lo; p < hi; p++) {
            const j = rev[p]!;
            if (fixed[j]! >= 0) continue;
            const u = a[j * M + m]!;
            if (u <= 0) continue;
            if (excess > 0) {
                if (q1[j] !== revQ[p]) continue;
                bufK[cnt] = (c2[j]! - c1[j]!) / u;
            } else {
                if (q1[j] === revQ[p]) continue;
                bufK[cnt] = (cost[j * K + revQ[p]!]! - c1[j]!) / u;
            }
            bufW[cnt] = u;
            cnt++;
        }
        const x = weightedQuantile(bufK, bufW, cnt, Math.abs(excess));
        const dx = Number.isFinite(x) ? x * 1.000001 + 1e-9 : capShift;
        return (excess > 0 ? 1 : -1) * Math.min(dx, capShift);
    };
    const order = Int32Array.from({ length: k }, (_, r) => r);
    const key = new Float64Array(k);
    let stall = 0;
    for (let sweep = 0; sweep < sweeps; sweep++) {
        if (sp.clock.reached()) break;
        for (let r = 0; r < k; r++) {
            let d = 0;
            for (let m = 0; m < M; m++) if (mw[m]! > 0) d = Math.max(d, Math.abs(st.dev(r, m)));
            key[r] = d;
        }
        order.sort((x, y) => key[y]! - key[x]! || x - y);
        for (const r of order) {
            const t = st.T[r]!;
            if (t <= 0) continue;
            let wm = -1;
            let wd = 0.5 * st.band;
            for (let m = 0; m < M; m++) {
                if (mw[m] === 0) continue;
                const d = Math.abs(st.dev(r, m));
                if (d > wd) {
                    wd = d;
                    wm = m;
                }
            }
            if (wm < 0) continue;
            shiftPrice(r, wm, 0.6 * bestResponse(r, wm, st.dev(r, wm) * t));
        }
        const v = score();
        if (v < bestV - 1e-15) {
            bestV = v;
            best.set(assign);
            bestLam.set(lam);
            stall = 0;
        } else if (++stall >= 10) break;
        if (v === 0) break;
    }
    assign.set(best);
    lam.set(bestLam);
    st.recompute();
}

/** Block graph Laplacian being assembled: edges between reps with M × M weight blocks. */
interface Hessian {
    k: number;
    M: number;
    edges: number;
    ea: Int32Array;
    eb: Int32Array;
    ew: Float64Array;
    diag: Float64Array;
    /** open-addressing table: key r·k+s+1 (0 = empty) → edge id */
    keys: Float64Array;
    ids: Int32Array;
    /** up to DENSE_HESS_K reps: k × k table of edge id + 1 (0 = no edge), instead of the hash */
    dense: Int32Array | null;
}

/** Largest rep count for the dense k × k edge table (16 MB at the limit). */
const DENSE_HESS_K = 2048;

function newHessian(k: number, M: number): Hessian {
    const cap = 1024;
    return {
        k,
        M,
        edges: 0,
        ea: new Int32Array(cap),
        eb: new Int32Array(cap),
        ew: new Float64Array(cap * M * M),
        diag: new Float64Array(k * M * M),
        keys: new Float64Array(4096),
        ids: new Int32Array(4096),
        dense: k <= DENSE_HESS_K ? new Int32Array(k * k) : null
    };
}

function hessReset(hs: Hessian): void {
    if (hs.dense) for (let e = 0; e < hs.edges; e++) hs.dense[hs.ea[e]! * hs.k + hs.eb[e]!] = 0;
    hs.edges = 0;
    hs.ew.fill(0);
    hs.diag.fill(0);
    hs.keys.fill(0);
}

function hessEdge(hs: Hessian, r: number, s: number): number {
    const dense = hs.dense;
    if (dense) {
        const id = dense[r * hs.k + s]!;
        if (id > 0) return id - 1;
    }
    const key = r * hs.k + s + 1;
    let mask = hs.keys.length - 1;
    let slot = (Math.imul(key | 0, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
        const kk = hs.keys[slot]!;
        if (kk === key) return hs.ids[slot]!;
        if (kk === 0) break;
        slot = (slot + 1) & mask;
    }
    const e = hs.edges++;
    if (e >= hs.ea.length) {
        const grow = <T extends Int32Array | Float64Array>(x: T, f: number): T => {
            const y = new (x.constructor as new (n: number) => T)(x.length * 2);
            y.set(x);
            return f ? y : y;
        };
        hs.ea = grow(hs.ea, 1);
        hs.eb = grow(hs.eb, 1);
        hs.ew = grow(hs.ew, 1);
    }
    hs.ea[e] = r;
    hs.eb[e] = s;
    if (dense) {
        dense[r * hs.k + s] = e + 1;
        return e;
    }
    hs.keys[slot] = key;
    hs.ids[slot] = e;
    if (hs.edges * 2 > hs.keys.length) {
        // rehash into a table twice the size
        const oldKeys = hs.keys;
        const oldIds = hs.ids;
        hs.keys = new Float64Array(oldKeys.length * 2);
        hs.ids = new Int32Array(oldKeys.length * 2);
        mask = hs.keys.length - 1;
        for (let p = 0; p < oldKeys.length; p++) {
            const kk = oldKeys[p]!;
            if (kk === 0) continue;
            let sl = (Math.imul(kk | 0, 0x9e3779b1) >>> 0) & mask;
            while (hs.keys[sl] !== 0) sl = (sl + 1) & mask;
            hs.keys[sl] = kk;
            hs.ids[sl] = oldIds[p]!;
        }
    }
    return e;
}

/** Adds the off-diagonal part of one account's pair (r0, s0) with weight g (diagonal: caller). */
function hessPair(
    hs: Hessian,
    i: number,
    r0: number,
    s0: number,
    g: number,
    a: Float64Array,
    M: number
): void {
    if (r0 === s0) return;
    const r = r0 < s0 ? r0 : s0;
    const s = r0 < s0 ? s0 : r0;
    const e = hessEdge(hs, r, s);
    const MM = M * M;
    const ew = hs.ew;
    for (let m1 = 0; m1 < M; m1++) {
        const x1 = a[i * M + m1]! * g;
        if (x1 === 0) continue;
        for (let m2 = 0; m2 < M; m2++) ew[e * MM + m1 * M + m2]! += x1 * a[i * M + m2]!;
    }
}

/** Conjugate gradients for a symmetric positive (semi)definite operator; x starts at 0. */
function conjugateGradient(
    matvec: (v: Float64Array, out: Float64Array) => void,
    b: Float64Array,
    x: Float64Array,
    N: number,
    maxIter: number
): void {
    x.fill(0);
    const r = Float64Array.from(b);
    const p = Float64Array.from(b);
    const Ap = new Float64Array(N);
    let rr = 0;
    for (let j = 0; j < N; j++) rr += r[j]! * r[j]!;
    const stop = rr * 1e-12;
    for (let it = 0; it < maxIter && rr > stop; it++) {
        matvec(p, Ap);
        let pAp = 0;
        for (let j = 0; j < N; j++) pAp += p[j]! * Ap[j]!;
        if (!(pAp > 0)) break;
        const alpha = rr / pAp;
        let rr2 = 0;
        for (let j = 0; j < N; j++) {
            x[j]! += alpha * p[j]!;
            r[j]! -= alpha * Ap[j]!;
            rr2 += r[j]! * r[j]!;
        }
        const beta = rr2 / rr;
        rr = rr2;
        for (let j = 0; j < N; j++) p[j] = r[j]! + beta * p[j]!;
    }
}

const scaleCache: WeakMap<CandidateTable, number> = new WeakMap();
function ctScale(ct: CandidateTable): number {
    let s = scaleCache.get(ct);
    if (s === undefined) {
        s = kmScale(ct, ct.rep.length / ct.K);
        scaleCache.set(ct, s);
    }
    return s;
}

function kmTo(
    ct: CandidateTable,
    sp: SubProblem,
    centres: Float64Array,
    i: number,
    r: number
): number {
    const K = ct.K;
    for (let q = 0; q < K; q++) if (ct.rep[i * K + q] === r) return ct.km[i * K + q]!;
    return centreKm(sp, centres, i, r);
}

/**
 * Repair: accept only moves that reduce the violation beyond `band`; among them prefer the
 * cheapest per unit of violation removed. Then two-move ejection chains for what is left.
 */
function repair(
    sp: SubProblem,
    st: State,
    ct: CandidateTable,
    centres: Float64Array,
    stay: number,
    band: number,
    newReps: Uint8Array | null = null,
    fewest = false
): void {
    const { n, k, fixed, cur } = sp;
    const { K, rep, revStart, rev } = ct;
    const assign = st.assign;
    const moveCost = (i: number, from: number, to: number): number =>
        kmTo(ct, sp, centres, i, to) -
        kmTo(ct, sp, centres, i, from) +
        (cur[i] === from ? stay : 0) -
        (cur[i] === to ? stay : 0);
    const delta = (i: number, from: number, to: number): number =>
        st.viol(from, i, -1, band) +
        st.viol(to, i, 1, band) -
        st.viol(from, -1, 0, band) -
        st.viol(to, -1, 0, band);
    // a rep new to the current plan grows its patch around its home: nearest accounts first
    const isNew = newReps ?? new Uint8Array(k);
    const members = new Int32Array(n);
    const mStart = new Int32Array(k + 1);
    const movesI: number[] = [];
    const movesS: number[] = [];
    const movesScore: number[] = [];
    // every rep's violation while one rep's moves are collected (the loads do not change then)
    const vNow = new Float64Array(k);
    for (let pass = 0; pass < 200; pass++) {
        if (sp.clock.reached()) return;
        // member lists
        mStart.fill(0);
        for (let i = 0; i < n; i++) mStart[assign[i]! + 1]!++;
        for (let r = 0; r < k; r++) mStart[r + 1]! += mStart[r]!;
        const fill = mStart.slice(0, k);
        for (let i = 0; i < n; i++) members[fill[assign[i]!]!++] = i;
        const viol = new Float64Array(k);
        const order: number[] = [];
        for (let r = 0; r < k; r++) {
            viol[r] = st.viol(r, -1, 0, band);
            if (viol[r]! > 0) order.push(r);
        }
        if (order.length === 0) return;
        order.sort((x, y) => viol[y]! - viol[x]! || x - y);
        let moved = 0;
        for (const r of order) {
            if (st.viol(r, -1, 0, band) === 0) continue;
            movesI.length = 0;
            movesS.length = 0;
            movesScore.length = 0;
            for (let s = 0; s < k; s++) vNow[s] = st.viol(s, -1, 0, band);
            /** `delta` with the violation of `from` without i given (`vFrom`), the rest cached */
            const consider = (i: number, from: number, to: number, vFrom: number): void => {
                const dv = vFrom + st.viol(to, i, 1, band) - vNow[from]! - vNow[to]!;
                if (dv >= -1e-18) return;
                movesI.push(i);
                movesS.push(to);
                // fewest moves: the move removing the most violation first
                movesScore.push(
                    isNew[to]
                        ? kmTo(ct, sp, centres, i, to) - 1e12
                        : fewest
                          ? dv
                          : moveCost(i, from, to) / -dv
                );
            };
            // moves out of r
            for (let p = mStart[r]!; p < mStart[r + 1]!; p++) {
                const i = members[p]!;
                if (fixed[i]! >= 0 || assign[i] !== r) continue;
                const vFrom = st.viol(r, i, -1, band);
                for (let q = 0; q < K; q++) {
                    const s = rep[i * K + q]!;
                    if (s !== r) consider(i, r, s, vFrom);
                }
            }
            // moves into r
            for (let p = revStart[r]!; p < revStart[r + 1]!; p++) {
                const j = rev[p]!;
                const from = assign[j]!;
                if (fixed[j]! >= 0 || from === r) continue;
                consider(j, from, r, st.viol(from, j, -1, band));
            }
            const idx = movesScore
                .map((_, q) => q)
                .sort((x, y) => movesScore[x]! - movesScore[y]! || x - y);
            for (const q of idx) {
                const i = movesI[q]!;
                const to = movesS[q]!;
                const from = assign[i]!;
                if (from === to || (from !== r && to !== r)) continue;
                if (delta(i, from, to) < -1e-18) {
                    st.move(i, to);
                    moved++;
                    // fewest moves: re-rank after each move (the next best may have changed)
                    if (st.viol(r, -1, 0, band) === 0 || (fewest && !isNew[to])) break;
                }
            }
        }
        if (moved === 0) {
            if (!ejectionChains(sp, st, ct, centres, stay, band, members, mStart)) return;
        }
    }
}

/**
 * Two-move ejection chains i: r→s, j: s→t whose combined effect reduces the violation, for
 * violating reps where no single move does. Only each rep's cheapest ways out are tried.
 */
function ejectionChains(
    sp: SubProblem,
    st: State,
    ct: CandidateTable,
    centres: Float64Array,
    stay: number,
    band: number,
    members: Int32Array,
    mStart: Int32Array
): boolean {
    const { k, fixed, cur } = sp;
    const { K, rep } = ct;
    const assign = st.assign;
    // effort: at most EJECTION_WORK two-move evaluations per call
    const work = new WorkBudget(EJECTION_WORK);
    const KQ = Math.min(K, 8);
    const L = 32;
    const mc = (i: number, from: number, to: number): number =>
        kmTo(ct, sp, centres, i, to) -
        kmTo(ct, sp, centres, i, from) +
        (cur[i] === from ? stay : 0) -
        (cur[i] === to ? stay : 0);
    /** the L members of r with the cheapest move out */
    const topOf = (r: number): number[] => {
        const list: { i: number; c: number }[] = [];
        for (let p = mStart[r]!; p < mStart[r + 1]!; p++) {
            const i = members[p]!;
            if (fixed[i]! >= 0 || assign[i] !== r) continue;
            let c = Infinity;
            for (let q = 0; q < KQ; q++) {
                const t = rep[i * K + q]!;
                if (t !== r) c = Math.min(c, mc(i, r, t));
            }
            list.push({ i, c });
        }
        list.sort((x, y) => x.c - y.c || x.i - y.i);
        return list.slice(0, L).map((e) => e.i);
    };
    const cache = new Map<number, number[]>();
    const top = (r: number): number[] => {
        let t = cache.get(r);
        if (!t) cache.set(r, (t = topOf(r)));
        return t;
    };
    let improved = false;
    for (let r = 0; r < k; r++) {
        if (work.exhausted || sp.clock.reached()) break;
        if (st.viol(r, -1, 0, band) === 0) continue;
        let bestGain = 0;
        let bestCost = Infinity;
        let bi = -1;
        let bs = -1;
        let bj = -1;
        let bt = -1;
        for (const i of top(r)) {
            for (let q = 0; q < KQ; q++) {
                const s = rep[i * K + q]!;
                if (s === r) continue;
                const g1 =
                    st.viol(r, -1, 0, band) +
                    st.viol(s, -1, 0, band) -
                    st.viol(r, i, -1, band) -
                    st.viol(s, i, 1, band);
                st.move(i, s);
                // s's violation with i, and without j, do not depend on the second move's target
                const vS = st.viol(s, -1, 0, band);
                const tops = top(s);
                work.spend(tops.length * KQ);
                for (const j of tops) {
                    if (j === i || assign[j] !== s) continue;
                    const vSj = st.viol(s, j, -1, band);
                    for (let q2 = 0; q2 < KQ; q2++) {
                        const t = rep[j * K + q2]!;
                        if (t === s) continue;
                        const g2 = vS + st.viol(t, -1, 0, band) - vSj - st.viol(t, j, 1, band);
                        const gain = g1 + g2;
                        if (gain <= 1e-18) continue;
                        const c = mc(i, r, s) + mc(j, s, t);
                        if (
                            gain > bestGain * 1.000001 ||
                            (gain >= bestGain * 0.999999 && c < bestCost)
                        ) {
                            bestGain = gain;
                            bestCost = c;
                            bi = i;
                            bs = s;
                            bj = j;
                            bt = t;
                        }
                    }
                }
                st.move(i, r);
            }
        }
        if (bi >= 0) {
            st.move(bi, bs);
            st.move(bj, bt);
            cache.delete(r);
            cache.delete(bs);
            cache.delete(bt);
            improved = true;
        }
    }
    return improved;
}

/**
 * Border moves and swaps that reduce travel (+ disruption) while keeping every rep's violation
 * beyond `limit` from growing.
 */
function improve(
    sp: SubProblem,
    st: State,
    ct: CandidateTable,
    centres: Float64Array,
    stay: number,
    limit: number,
    passes: number,
    nb: Int32Array | null = null,
    onPass?: (f: number) => void
): void {
    const { n, fixed, cur } = sp;
    const { K, rep, km } = ct;
    const assign = st.assign;
    // with account neighbours: an account may only join a territory one of its neighbours is in
    // (no islands: border moves keep territories from interleaving)
    const NB = nb ? nb.length / n : 0;
    const adj = (i: number, s: number): boolean => {
        if (!nb) return true;
        for (let q = 0; q < NB; q++) {
            const j = nb[i * NB + q]!;
            if (j >= 0 && assign[j] === s) return true;
        }
        return false;
    };
    const kmOf = (i: number, r: number): number => kmTo(ct, sp, centres, i, r);
    const ok = (i: number, from: number, to: number): boolean =>
        st.viol(from, i, -1, limit) + st.viol(to, i, 1, limit) <=
        st.viol(from, -1, 0, limit) + st.viol(to, -1, 0, limit) + 1e-18;
    for (let pass = 0; pass < passes; pass++) {
        if (sp.clock.reached()) return;
        onPass?.(pass / passes);
        let moved = 0;
        // pending swaps: per account, its best blocked improving move
        const blockedTo = new Int32Array(n).fill(-1);
        const blockedGain = new Float64Array(n);
        for (let i = 0; i < n; i++) {
            if (fixed[i]! >= 0) continue;
            const r = assign[i]!;
            const base = kmOf(i, r) + (cur[i] === r ? 0 : cur[i]! >= 0 ? stay : 0);
            let bestS = -1;
            let bestD = -1e-9;
            let blockS = -1;
            let blockD = -1e-9;
            for (let q = 0; q < K; q++) {
                const s = rep[i * K + q]!;
                if (s === r) continue;
                const c = km[i * K + q]! + (cur[i] === s ? 0 : cur[i]! >= 0 ? stay : 0) - base;
                if (c < bestD && adj(i, s) && ok(i, r, s)) {
                    bestD = c;
                    bestS = s;
                } else if (c < blockD && adj(i, s)) {
                    blockD = c;
                    blockS = s;
                }
            }
            if (bestS >= 0) {
                st.move(i, bestS);
                moved++;
            } else if (blockS >= 0) {
                blockedTo[i] = blockS;
                blockedGain[i] = -blockD;
            }
        }
        moved += swaps(sp, st, blockedTo, blockedGain, kmOf, stay, limit);
        moved += chains(sp, st, ct, blockedTo, kmOf, stay, limit, adj);
        if (moved === 0) return;
    }
}

/** Pairs of blocked moves in opposite directions between the same two reps, applied together. */
function swaps(
    sp: SubProblem,
    st: State,
    blockedTo: Int32Array,
    blockedGain: Float64Array,
    kmOf: (i: number, r: number) => number,
    stay: number,
    limit: number
): number {
    const { n, k, cur } = sp;
    const assign = st.assign;
    const byPair = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
        const s = blockedTo[i]!;
        if (s < 0) continue;
        const key = assign[i]! * k + s;
        let list = byPair.get(key);
        if (!list) byPair.set(key, (list = []));
        list.push(i);
    }
    const stayCost = (i: number, r: number): number => (cur[i]! >= 0 && cur[i] !== r ? stay : 0);
    let done = 0;
    const keys = [...byPair.keys()].sort((x, y) => x - y);
    for (const key of keys) {
        const r = Math.floor(key / k);
        const s = key % k;
        if (r > s) continue;
        const A = byPair.get(key);
        const B = byPair.get(s * k + r);
        if (!A || !B) continue;
        A.sort((x, y) => blockedGain[y]! - blockedGain[x]! || x - y);
        B.sort((x, y) => blockedGain[y]! - blockedGain[x]! || x - y);
        const used = new Set<number>();
        for (const i of A.slice(0, 24)) {
            if (assign[i] !== r) continue;
            for (const j of B.slice(0, 24)) {
                if (used.has(j) || assign[j] !== s) continue;
                const gain =
                    kmOf(i, r) +
                    stayCost(i, r) -
                    kmOf(i, s) -
                    stayCost(i, s) +
                    (kmOf(j, s) + stayCost(j, s) - kmOf(j, r) - stayCost(j, r));
                if (gain <= 1e-9) continue;
                const before = st.viol(r, -1, 0, limit) + st.viol(s, -1, 0, limit);
                st.move(i, s);
                st.move(j, r);
                const after = st.viol(r, -1, 0, limit) + st.viol(s, -1, 0, limit);
                if (after <= before + 1e-18) {
                    used.add(j);
                    done++;
                    break;
                }
                st.move(i, r);
                st.move(j, s);
            }
        }
    }
    return done;
}

/**
 * Two-move chains for travel: account i's improving move r→s is blocked by balance; some account
 * j of s moves on to t (its own cheapest alternative, or r) so that both moves together gain and
 * no rep's violation beyond `limit` grows.
 */
function chains(
    sp: SubProblem,
    st: State,
    ct: CandidateTable,
    blockedTo: Int32Array,
    kmOf: (i: number, r: number) => number,
    stay: number,
    limit: number,
    adj: (i: number, s: number) => boolean
): number {
    const { n, k, fixed, cur } = sp;
    const { K, rep } = ct;
    const assign = st.assign;
    const stayCost = (i: number, r: number): number => (cur[i]! >= 0 && cur[i] !== r ? stay : 0);
    const moveGain = (i: number, from: number, to: number): number =>
        kmOf(i, from) + stayCost(i, from) - kmOf(i, to) - stayCost(i, to);
    // per rep, its members with the cheapest ways out (best alternative), best first
    const bestTo = new Int32Array(n).fill(-1);
    const bestGain = new Float64Array(n).fill(-Infinity);
    for (let i = 0; i < n; i++) {
        if (fixed[i]! >= 0) continue;
        const r = assign[i]!;
        for (let q = 0; q < K; q++) {
            const t = rep[i * K + q]!;
            if (t === r || !adj(i, t)) continue;
            const g = moveGain(i, r, t);
            if (g > bestGain[i]!) {
                bestGain[i] = g;
                bestTo[i] = t;
            }
        }
    }
    const L = 48;
    const top: number[][] = Array.from({ length: k }, () => []);
    const byRep: number[][] = Array.from({ length: k }, () => []);
    for (let i = 0; i < n; i++) if (bestTo[i]! >= 0) byRep[assign[i]!]!.push(i);
    for (let r = 0; r < k; r++) {
        const list = byRep[r]!;
        list.sort((x, y) => bestGain[y]! - bestGain[x]! || x - y);
        top[r] = list.slice(0, L);
    }
    const total = (r: number): number => st.viol(r, -1, 0, limit);
    let done = 0;
    for (let i = 0; i < n; i++) {
        const s = blockedTo[i]!;
        if (s < 0) continue;
        const r = assign[i]!;
        if (r === s || fixed[i]! >= 0) continue;
        const gi = moveGain(i, r, s);
        if (gi <= 0) continue;
        let bestJ = -1;
        let bestT = -1;
        let bestTotal = 1e-9;
        for (const j of top[s]!) {
            if (j === i || assign[j] !== s) continue;
            for (const t of [bestTo[j]!, r]) {
                if (t < 0 || t === s || !adj(j, t)) continue;
                const g = gi + moveGain(j, s, t);
                if (g <= bestTotal) continue;
                const touched = t === r ? [r, s] : [r, s, t];
                let before = 0;
                for (const x of touched) before += total(x);
                st.move(i, s);
                st.move(j, t);
                let after = 0;
                for (const x of touched) after += total(x);
                st.move(j, s);
                st.move(i, r);
                if (after <= before + 1e-18) {
                    bestTotal = g;
                    bestJ = j;
                    bestT = t;
                }
            }
        }
        if (bestJ >= 0) {
            st.move(i, s);
            st.move(bestJ, bestT);
            blockedTo[i] = -1;
            done++;
        }
    }
    return done;
}

/** Typical km scale of assignment decisions: mean distance to the second-nearest candidate. */
function kmScale(ct: CandidateTable, n: number): number {
    const q = ct.K > 1 ? 1 : 0;
    let s = 0;
    for (let i = 0; i < n; i++) s += ct.km[i * ct.K + q]!;
    return Math.max(s / Math.max(1, n), 1e-3);
}

/**
 * Above this many accounts the sub-problem is renumbered in Morton (Z-curve) order before solving:
 * an account's neighbours then sit near it in every n-indexed array, so the per-rep scans
 * (reverse candidate lists in refine, repair and improve) read memory nearly in sequence instead
 * of at random. Smaller problems keep their order (their results stay exactly as before).
 */
const LOCALITY_MIN_N = 50_000;
const KM_PER_DEG = (Math.PI * EARTH_RADIUS_KM) / 180;
/** accounts × reps from which a plan with homes starts from the home bisection, not from prices */
const SPLIT_MIN_NK = 2_000_000;
/** two-move evaluations one ejection-chain call may spend */
const EJECTION_WORK = 20_000_000;
/** iterated local search: tries × accounts spent in all (at least ILS_MIN_TRIES, at most 60) */
const ILS_WORK = 40_000;
const ILS_MIN_TRIES = 4;

function identity(n: number): Int32Array {
    return Int32Array.from({ length: n }, (_, i) => i);
}
/** single-move evaluations the fewest-moves pass may spend */
const REDUCE_MOVES_WORK = 50_000_000;

/** Solves one sub-problem. */
export function solveSubProblem(sp: SubProblem): SubResult {
    if (sp.n < LOCALITY_MIN_N) return solveInOrder(sp);
    const { n, M } = sp;
    const perm = mortonOrder(
        sp.lat,
        sp.lon,
        Int32Array.from({ length: n }, (_, i) => i)
    );
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    const xyz = new Float64Array(3 * n);
    const a = new Float64Array(n * M);
    const fixed = new Int32Array(n);
    const cur = new Int32Array(n);
    for (let p = 0; p < n; p++) {
        const i = perm[p]!;
        lat[p] = sp.lat[i]!;
        lon[p] = sp.lon[i]!;
        for (let d = 0; d < 3; d++) xyz[3 * p + d] = sp.xyz[3 * i + d]!;
        for (let m = 0; m < M; m++) a[p * M + m] = sp.a[i * M + m]!;
        fixed[p] = sp.fixed[i]!;
        cur[p] = sp.cur[i]!;
    }
    const res = solveInOrder({ ...sp, lat, lon, xyz, a, fixed, cur });
    const assign = new Int32Array(n);
    for (let p = 0; p < n; p++) assign[perm[p]!] = res.assign[p]!;
    return { ...res, assign };
}

function solveInOrder(sp: SubProblem): SubResult {
    const { n, k } = sp;
    // small problems can afford a few variants of the price stage; keep the best plan
    const variants = n * k <= 60_000 ? [0.3, 0, 0.6] : [0.3];
    let best: SubResult | null = null;
    let bestKey = Infinity;
    for (const [v, deadZone] of variants.entries()) {
        if (best && sp.clock.reached()) break;
        // from a current plan with fewest moves wanted the price stage is skipped, so the
        // variants differ in repair instead: cheapest per unit of violation, or fewest moves
        const res = solveOnce(sp, deadZone, v);
        const cost = planCost(sp, res.assign);
        const key = (res.maxDeviation > sp.tolerance ? 1e15 * (1 + res.maxDeviation) : 0) + cost;
        res.stages[`variant${v}`] = cost;
        if (key < bestKey) {
            bestKey = key;
            best = res;
        }
    }
    // small problems with homes and no current plan: iterated local search from the best plan
    // (seeded perturbations along the borders, then repair and improve), within a time budget
    const allHomes = sp.hasHome.every((h) => h === 1);
    const hasCurrent = sp.cur.some((c) => c >= 0);
    if (best && allHomes && !hasCurrent && n * k <= 20_000) {
        const rnd = mulberry32(sp.seed);
        // every rep has a home, so the candidate table is the same for every try
        const centres = centresOf(sp, null, null);
        const ct = buildCandidates(sp, centres, mortonOrder(sp.lat, sp.lon, identity(n)));
        // effort: a number of tries fixed by the instance, fewer on larger ones (each try is a
        // repair and a dozen improvement passes over all accounts)
        const maxTries = Math.max(ILS_MIN_TRIES, Math.min(60, Math.floor(ILS_WORK / n)));
        let tries = 0;
        while (tries < maxTries && !sp.clock.reached()) {
            tries++;
            const res = perturbAndPolish(sp, ct, centres, best.assign, rnd);
            const cost = planCost(sp, res.assign);
            const key =
                (res.maxDeviation > sp.tolerance ? 1e15 * (1 + res.maxDeviation) : 0) + cost;
            if (key < bestKey - 1e-9) {
                bestKey = key;
                best = { ...res, stages: { ...best.stages, ilsImproved: tries } };
            }
        }
        best.stages.ilsTries = tries;
    }
    return best!;
}

/** One iterated-local-search step: move a few border accounts at random, then repair and improve. */
function perturbAndPolish(
    sp: SubProblem,
    ct: CandidateTable,
    centres: Float64Array,
    start: Int32Array,
    rnd: () => number
): SubResult {
    const { n } = sp;
    const tol = sp.tolerance;
    const assign = Int32Array.from(start);
    // perturb: a few accounts each go to one of their 3 nearest other reps
    const moves = Math.max(2, Math.round(n / 25));
    for (let t = 0; t < moves; t++) {
        const i = Math.floor(rnd() * n);
        if (sp.fixed[i]! >= 0) continue;
        const q = Math.floor(rnd() * Math.min(ct.K, 4));
        const r = ct.rep[i * ct.K + q]!;
        if (r !== assign[i]) assign[i] = r;
    }
    const st = new State(sp, assign);
    st.band = 0.6 * tol;
    repair(sp, st, ct, centres, 0, 0.6 * tol);
    improve(sp, st, ct, centres, 0, 0.995 * tol, 12);
    if (st.maxDeviation() > tol) repair(sp, st, ct, centres, 0, 0.95 * tol);
    return { assign, maxDeviation: st.maxDeviation(), stages: {} };
}

/** Travel (to homes, or to the centroids of the plan) plus the stay bonus of moved accounts. */
function planCost(sp: SubProblem, assign: Int32Array): number {
    const { n, xyz, cur } = sp;
    const c = centresOf(sp, assign, null);
    const w = Math.min(1, Math.max(0, sp.disruptionWeight));
    let total = 0;
    let moved = 0;
    for (let i = 0; i < n; i++) {
        const r = assign[i]!;
        total += kmFromDot(
            xyz[3 * i]! * c[3 * r]! +
                xyz[3 * i + 1]! * c[3 * r + 1]! +
                xyz[3 * i + 2]! * c[3 * r + 2]!
        );
        if (cur[i]! >= 0 && cur[i] !== r) moved++;
    }
    // disruption counts lexicographically first when fewest changes are wanted
    return w > 0 && moved > 0 ? total + moved * 1e9 * w : total;
}

function solveOnce(spIn: SubProblem, deadZone: number, variant = 0): SubResult {
    // own copy of the current plan: new reps' starting patches become their "current" accounts
    const sp: SubProblem = { ...spIn, cur: Int32Array.from(spIn.cur) };
    const { n, k } = sp;
    const stages: Record<string, number> = {};
    const assign = new Int32Array(n);
    if (k === 0 || n === 0) return { assign: assign.fill(-1), maxDeviation: 0, stages };
    const t0 = Date.now();
    const progress = (stage: string, f: number): void => sp.progress?.(stage, f);
    const tol = sp.tolerance;
    const allHomes = sp.hasHome.every((h) => h === 1);
    const hasCurrent = sp.cur.some((c) => c >= 0);
    // large problems without a current plan start from a recursive bisection balanced on every
    // measure (of the reps' homes, or of the accounts) and skip the price stage
    // (locked accounts alone are not a current plan)
    const method = sp.method ?? 'auto';
    const split =
        (method === 'bisection' || (method === 'auto' && n * k >= SPLIT_MIN_NK)) &&
        !sp.cur.some((c, i) => c >= 0 && sp.fixed[i]! < 0);
    const order = mortonOrder(
        sp.lat,
        sp.lon,
        Int32Array.from({ length: n }, (_, i) => i)
    );
    const ab = combined(sp);

    // initial assignment and centres
    let centres: Float64Array;
    for (let i = 0; i < n; i++) assign[i] = sp.fixed[i]! >= 0 ? sp.fixed[i]! : sp.cur[i]!;
    if (allHomes) {
        centres = centresOf(sp, null, null);
    } else if (hasCurrent && !split) {
        centres = centresOf(sp, assign, null);
        // reps without a home and without accounts start at the account farthest from the others
        seedEmptyCentres(sp, assign, centres);
    } else {
        const px = new Float64Array(n);
        const py = new Float64Array(n);
        let meanLat = 0;
        for (let i = 0; i < n; i++) meanLat += sp.lat[i]!;
        meanLat /= n;
        const cl = Math.cos((meanLat * Math.PI) / 180);
        for (let i = 0; i < n; i++) {
            px[i] = sp.lon[i]! * cl;
            py[i] = sp.lat[i]!;
        }
        if (split) progress('split', 0);
        const part = split
            ? balancedBisectionAll(
                  px.map((x) => x * KM_PER_DEG),
                  py.map((y) => y * KM_PER_DEG),
                  sp.a,
                  sp.M,
                  sp.mw,
                  sp.cap,
                  k,
                  sp.fixed
              )
            : balancedBisection(px, py, ab, sp.cap, k);
        for (let i = 0; i < n; i++) if (sp.fixed[i]! < 0) assign[i] = part[i]!;
        centres = centresOf(sp, part, null);
        if (split) stages.splitMs = Date.now() - t0;
    }
    stages.initMs = Date.now() - t0;

    const w = Math.min(1, Math.max(0, sp.disruptionWeight));
    // from a current plan, with changes weighing at least as much as compactness: start from it
    // and move only what the tolerance needs (repair), instead of re-optimising everything
    const minimalMoves = hasCurrent && w >= 0.5 && !split;
    const rounds = allHomes || minimalMoves ? 1 : split ? 1 : n > 50_000 ? 2 : 4;
    let ct = buildCandidates(sp, centres, order);
    stages.candidatesMs = Date.now() - t0;
    const scale = kmScale(ct, n);
    const stay = hasCurrent ? (w >= 1 ? 1e6 * scale : scale * 20 * (w / (1 - w)) ** 2) : 0;
    const pr = newPrices(k, sp.M, deadZone);
    // large problems with homes: balanced recursive bisection of the reps' homes instead of prices
    if (split && allHomes) {
        progress('split', 0);
        const part = homeBisection({
            n,
            k,
            M: sp.M,
            xyz: sp.xyz,
            a: sp.a,
            mw: sp.mw,
            cap: sp.cap,
            home: sp.home,
            fixed: sp.fixed,
            K: ct.K,
            candRep: ct.rep,
            candKm: ct.km,
            order
        });
        assign.set(part);
        stages.splitMs = Date.now() - t0;
    }
    for (let i = 0; i < n; i++) if (assign[i]! < 0) assign[i] = ct.rep[i * ct.K]!;
    const newReps = minimalMoves ? growNewReps(sp, ct, assign, ab, centres) : null;
    const st = new State(sp, assign);
    st.band = 0.6 * tol;
    let nbs: Int32Array | null = null;
    for (let round = 0; round < rounds; round++) {
        if (round > 0) {
            centres = centresOf(sp, assign, centres);
            ct = buildCandidates(sp, centres, order);
            for (let i = 0; i < n; i++) {
                if (sp.fixed[i]! >= 0) continue;
                let found = false;
                for (let q = 0; q < ct.K; q++) if (ct.rep[i * ct.K + q] === assign[i]) found = true;
                if (!found) assign[i] = ct.rep[i * ct.K]!;
            }
            st.recompute();
        }
        const skipPrices = (round === 0 && !allHomes && !hasCurrent) || minimalMoves || split;
        if (!skipPrices) {
            const iters = round === 0 ? 200 : 25;
            allocate(sp, st, ct, pr, stay, iters, (f) =>
                progress('allocate', (round + f) / rounds)
            );
            stages[`newtonDev${round}`] = st.maxDeviation();
            stages[`newtonMs${round}`] = Date.now() - t0;
            refine(sp, st, ct, pr, stay, 300);
        }
        stages[`allocateMs${round}`] = Date.now() - t0;
        stages[`allocDev${round}`] = st.maxDeviation();
        progress('repair', round / rounds);
        // (not with a new rep: its patch must stay contiguous, which cost per violation keeps)
        const fewest = minimalMoves && variant > 0 && !(newReps?.includes(1) ?? false);
        repair(
            sp,
            st,
            ct,
            centres,
            stay,
            minimalMoves ? (variant === 2 ? 0.995 : 0.97) * tol : 0.6 * tol,
            newReps,
            fewest
        );
        stages[`repairMs${round}`] = Date.now() - t0;
        progress('improve', round / rounds);
        const limit = 0.995 * tol;
        // with fewest changes wanted, border moves may not add moves: only swap among movers
        improve(
            sp,
            st,
            ct,
            centres,
            minimalMoves ? Math.max(stay, 1e6 * scale) : stay,
            limit,
            n > 50_000 ? 6 : 12,
            // fresh plans: moves only into a territory next door, so no islands (with fewest
            // changes wanted, every move counts and the tolerance decides)
            minimalMoves ? null : (nbs ??= accountNeighbours(sp.lat, sp.lon, 6, order)),
            (f) => progress('improve', (round + f) / rounds)
        );
        stages[`improveMs${round}`] = Date.now() - t0;
    }
    if (st.maxDeviation() > tol) {
        // last resort: repair to the tolerance itself
        repair(sp, st, ct, centres, stay, 0.95 * tol, newReps);
    }
    if (!minimalMoves && st.maxDeviation() <= tol) {
        // shape: accounts with at least 4 of their 6 nearest accounts in one other territory
        progress('smooth', 1);
        smooth(sp, st, (nbs ??= accountNeighbours(sp.lat, sp.lon, 6, order)), 0.995 * tol, 4);
    }
    if (minimalMoves && st.maxDeviation() <= tol) {
        reduceMoves(sp, st, ct, tol * (1 - 1e-9));
    }
    return { assign, maxDeviation: st.maxDeviation(), stages };
}

/**
 * Shape: an account most of whose nearest accounts lie in one other territory joins it (alone
 * when the tolerance allows, else swapped with an account of that territory in the mirror
 * position), so borders run between neighbourhoods instead of through them.
 */
function smooth(sp: SubProblem, st: State, nb: Int32Array, limit: number, need: number): void {
    const { n, k, fixed } = sp;
    const NB = nb.length / n;
    const assign = st.assign;
    const cnt = new Map<number, number>();
    const wants = (i: number): number => {
        cnt.clear();
        const r = assign[i]!;
        let own = 0;
        for (let q = 0; q < NB; q++) {
            const j = nb[i * NB + q]!;
            if (j < 0) continue;
            const t = assign[j]!;
            if (t === r) own++;
            else cnt.set(t, (cnt.get(t) ?? 0) + 1);
        }
        let best = -1;
        let bc = 0;
        for (const [t, c] of cnt) if (c > bc || (c === bc && t < best)) [best, bc] = [t, c];
        return bc >= need && bc > own ? best : -1;
    };
    for (let pass = 0; pass < 4; pass++) {
        let moved = 0;
        const pending = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
            if (fixed[i]! >= 0) continue;
            const s = wants(i);
            if (s < 0) continue;
            const r = assign[i]!;
            const before = st.viol(r, -1, 0, limit) + st.viol(s, -1, 0, limit);
            if (st.viol(r, i, -1, limit) + st.viol(s, i, 1, limit) <= before + 1e-18) {
                st.move(i, s);
                moved++;
                continue;
            }
            const key = r * k + s;
            const list = pending.get(key);
            if (list) list.push(i);
            else pending.set(key, [i]);
        }
        for (const [key, A] of pending) {
            const r = Math.floor(key / k);
            const s = key % k;
            if (r > s) continue;
            const B = pending.get(s * k + r);
            if (!B) continue;
            let b = 0;
            for (const i of A) {
                while (b < B.length && assign[B[b]!] !== s) b++;
                if (b >= B.length) break;
                if (assign[i] !== r) continue;
                const j = B[b]!;
                const before = st.viol(r, -1, 0, limit) + st.viol(s, -1, 0, limit);
                st.move(i, s);
                st.move(j, r);
                if (st.viol(r, -1, 0, limit) + st.viol(s, -1, 0, limit) <= before + 1e-18) {
                    moved += 2;
                    b++;
                } else {
                    st.move(i, r);
                    st.move(j, s);
                }
            }
        }
        if (moved === 0) break;
    }
}

/**
 * Fewer moves: replaces two moved accounts (both sent back to their current rep) with one
 * single move elsewhere, when the plan stays within `limit`. Small problems only.
 */
function reduceMoves(sp: SubProblem, st: State, ct: CandidateTable, limit: number): void {
    const { n, k, fixed, cur } = sp;
    // effort: at most REDUCE_MOVES_WORK single-move evaluations in all
    const work = new WorkBudget(REDUCE_MOVES_WORK);
    const { K, rep } = ct;
    const assign = st.assign;
    const total = (): number => {
        let v = 0;
        for (let r = 0; r < k; r++) v += st.viol(r, -1, 0, limit);
        return v;
    };
    for (let round = 0; round < 10; round++) {
        const moved: number[] = [];
        for (let i = 0; i < n; i++)
            if (fixed[i]! < 0 && cur[i]! >= 0 && assign[i] !== cur[i]) moved.push(i);
        if (moved.length < 2 || moved.length * moved.length * n * K > 2e9) return;
        let saved = false;
        for (let p = 0; p < moved.length && !saved; p++) {
            for (let q = p + 1; q < moved.length && !saved; q++) {
                if (work.exhausted || sp.clock.reached()) return;
                const a = moved[p]!;
                const b = moved[q]!;
                const ra = assign[a]!;
                const rb = assign[b]!;
                st.move(a, cur[a]!);
                st.move(b, cur[b]!);
                const v0 = total();
                if (v0 === 0) {
                    saved = true;
                    break;
                }
                // one move that brings everything back within the limit
                let found = -1;
                let foundTo = -1;
                for (let j = 0; j < n && found < 0; j++) {
                    if (fixed[j]! >= 0 || assign[j] !== cur[j] || j === a || j === b) continue;
                    const from = assign[j]!;
                    work.spend(K);
                    const base = v0 - st.viol(from, -1, 0, limit);
                    for (let t = 0; t < K; t++) {
                        const to = rep[j * K + t]!;
                        if (to === from) continue;
                        const after =
                            base -
                            st.viol(to, -1, 0, limit) +
                            st.viol(from, j, -1, limit) +
                            st.viol(to, j, 1, limit);
                        if (after <= 1e-18) {
                            found = j;
                            foundTo = to;
                            break;
                        }
                    }
                }
                if (found >= 0) {
                    st.move(found, foundTo);
                    saved = true;
                } else {
                    st.move(a, ra);
                    st.move(b, rb);
                }
            }
        }
        if (!saved) return;
    }
}

/**
 * Reps new to the current plan start with a contiguous patch: the unlocked accounts nearest to
 * their home (or seeded centre), up to their combined target; they count as the new rep's current
 * accounts from then on (sp.cur is the caller's copy). Repair then settles the neighbours.
 */
function growNewReps(
    sp: SubProblem,
    ct: CandidateTable,
    assign: Int32Array,
    ab: Float64Array,
    centres: Float64Array
): Uint8Array {
    const { n, k, cur, fixed } = sp;
    const isNew = new Uint8Array(k).fill(1);
    for (let i = 0; i < n; i++) if (cur[i]! >= 0) isNew[cur[i]!] = 0;
    const taken = new Uint8Array(n);
    for (let r = 0; r < k; r++) {
        if (!isNew[r]) continue;
        const target = n * sp.cap[r]!;
        const cands: { i: number; d: number }[] = [];
        for (let p = ct.revStart[r]!; p < ct.revStart[r + 1]!; p++) {
            const i = ct.rev[p]!;
            if (fixed[i]! >= 0 || taken[i]) continue;
            cands.push({ i, d: kmTo(ct, sp, centres, i, r) });
        }
        cands.sort((x, y) => x.d - y.d || x.i - y.i);
        let load = 0;
        for (const { i } of cands) {
            if (load >= target) break;
            if (load + ab[i]! / 2 > target) break;
            assign[i] = r;
            cur[i] = r; // the patch is the new rep's from now on: repair must not undo it
            taken[i] = 1;
            load += ab[i]!;
        }
    }
    return isNew;
}

function seedEmptyCentres(sp: SubProblem, assign: Int32Array, centres: Float64Array): void {
    const { n, k, xyz } = sp;
    const count = new Int32Array(k);
    for (let i = 0; i < n; i++) if (assign[i]! >= 0) count[assign[i]!]!++;
    const taken = new Uint8Array(n);
    for (let r = 0; r < k; r++) {
        if (sp.hasHome[r] || count[r]! > 0) continue;
        let bestI = -1;
        let bestD = -1;
        for (let i = 0; i < n; i++) {
            if (taken[i]) continue;
            const c = assign[i]!;
            let d = Infinity;
            if (c >= 0) {
                d = kmFromDot(
                    xyz[3 * i]! * centres[3 * c]! +
                        xyz[3 * i + 1]! * centres[3 * c + 1]! +
                        xyz[3 * i + 2]! * centres[3 * c + 2]!
                );
            }
            if (d > bestD) {
                bestD = d;
                bestI = i;
            }
        }
        if (bestI < 0) continue;
        taken[bestI] = 1;
        for (let d = 0; d < 3; d++) centres[3 * r + d] = xyz[3 * bestI + d]!;
    }
}

export { EARTH_RADIUS_KM };
