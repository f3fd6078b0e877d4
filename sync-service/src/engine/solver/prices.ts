/**
 * The price stage: per-rep, per-measure prices that shift accounts between candidate reps. First
 * the smoothed dual solved by damped Newton steps (`allocate`), then hard Gauss–Seidel best
 * responses that settle the rounding (`refine`).
 */
import { weightedQuantile } from '../partition.js';
import type { CandidateTable } from './candidates-table.js';
import { tableScale } from './candidates-table.js';
import type { Hessian } from './newton.js';
import {
    conjugateGradient,
    hessAccount,
    hessMatvec,
    hessReset,
    hessRidge,
    newHessian
} from './newton.js';
import type { State } from './state.js';
import { LOCALITY_MIN_N } from './types.js';
import type { SubProblem } from './types.js';

export interface Prices {
    /** k combined-load prices (km per unit of scaled load) */
    lamC: Float64Array;
    /** k × M per-measure prices */
    lam: Float64Array;
    /** allocation aims at loads within ±deadZone·tolerance of target */
    deadZone: number;
}

export function newPrices(k: number, M: number, deadZone: number): Prices {
    return { lamC: new Float64Array(k), lam: new Float64Array(k * M), deadZone };
}

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
export function allocate(
    problem: SubProblem,
    state: State,
    table: CandidateTable,
    prices: Prices,
    stay: number,
    iterations: number,
    stage: (f: number) => void
): void {
    const smoothed = new SmoothedAllocation(problem, state, table, prices, stay);
    const assign = state.assign;
    const best = Int32Array.from(assign);
    let bestScore = Infinity;
    const scale = tableScale(table);
    let h = 0.5 * scale;
    const hMin = 0.1 * scale;
    let it = 0;
    while (it < iterations && h >= hMin) {
        if (problem.clock.reached()) break;
        // a few Newton steps at this temperature
        let f = smoothed.softLoads(h, true);
        // the soft loads of the accepted step are those the line search just computed; the
        // Hessian there is only assembled (a pass over all accounts) when another step follows
        let hessFresh = true;
        for (
            let inner = 0;
            inner < 4 && it < iterations && !problem.clock.reached();
            inner++, it++
        ) {
            if (!hessFresh) smoothed.softLoads(h, true);
            hessFresh = false;
            const next = smoothed.newtonStep(h, f);
            if (next === null) break;
            f = next;
            if (f < 1e-4 * state.band * state.band) break;
        }
        const travel = smoothed.harden();
        const v = state.totalViolation(state.band);
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
    state.recompute();
}

/** The smoothed price stage's buffers and steps at one temperature (see `allocate`). */
class SmoothedAllocation {
    private readonly problem: SubProblem;
    private readonly state: State;
    private readonly table: CandidateTable;
    private readonly stay: number;
    /** a band of ±deadZone around the target costs nothing */
    private readonly deadZone: number;
    private readonly lam: Float64Array;
    /** one account's candidate costs and softmax probabilities */
    private readonly cost: Float64Array;
    private readonly prob: Float64Array;
    /** k × M soft loads */
    private readonly soft: Float64Array;
    /** loads of the locked accounts (never split) */
    private readonly fixedLoad: Float64Array;
    private readonly hs: Hessian;
    /** Newton direction, prices before the step, right-hand side */
    private readonly x: Float64Array;
    private readonly saved: Float64Array;
    private readonly rhs: Float64Array;
    private lastAlpha = 1;

    constructor(
        problem: SubProblem,
        state: State,
        table: CandidateTable,
        prices: Prices,
        stay: number
    ) {
        this.problem = problem;
        this.state = state;
        this.table = table;
        this.stay = stay;
        const { n, k, M, a, fixed } = problem;
        const K = table.K;
        this.lam = prices.lam;
        this.deadZone = prices.deadZone * problem.tolerance;
        this.cost = new Float64Array(K);
        this.prob = new Float64Array(K);
        this.soft = new Float64Array(k * M);
        this.fixedLoad = new Float64Array(k * M);
        for (let i = 0; i < n; i++) {
            const r = fixed[i]!;
            if (r < 0) continue;
            for (let m = 0; m < M; m++) this.fixedLoad[r * M + m]! += a[i * M + m]!;
        }
        this.hs = newHessian(k, M, K);
        this.x = new Float64Array(k * M);
        this.saved = new Float64Array(k * M);
        this.rhs = new Float64Array(k * M);
    }

    /** Hard assignment at the current prices; returns the travel + disruption cost. */
    harden(): number {
        const { n, M, a, fixed, cur, tw } = this.problem;
        const { K, rep, km } = this.table;
        const { lam, stay } = this;
        const assign = this.state.assign;
        let travel = 0;
        for (let i = 0; i < n; i++) {
            if (fixed[i]! >= 0) continue;
            let b1 = Infinity;
            let bq = 0;
            for (let q = 0; q < K; q++) {
                const r = rep[i * K + q]!;
                let c = km[i * K + q]!;
                for (let m = 0; m < M; m++) c += lam[r * M + m]! * a[i * M + m]!;
                if (cur[i] === r) c -= tw ? stay * tw[i]! : stay;
                if (c < b1) {
                    b1 = c;
                    bq = q;
                }
            }
            assign[i] = rep[i * K + bq]!;
            travel += km[i * K + bq]!;
            if (cur[i]! >= 0 && cur[i] !== assign[i]) travel += tw ? stay * tw[i]! : stay;
        }
        this.state.recompute();
        return travel;
    }

    /**
     * Soft loads at temperature h (into `soft`); with `hess`, also the Hessian blocks.
     * Returns Σ mw·dev².
     */
    softLoads(h: number, hess: boolean): number {
        const { n, M, a, fixed, cur, tw } = this.problem;
        const { K, rep, km } = this.table;
        const { lam, stay, cost, prob, soft, hs } = this;
        soft.set(this.fixedLoad);
        if (hess) hessReset(hs);
        for (let i = 0; i < n; i++) {
            if (fixed[i]! >= 0) continue;
            let cmin = Infinity;
            for (let q = 0; q < K; q++) {
                const r = rep[i * K + q]!;
                let c = km[i * K + q]!;
                for (let m = 0; m < M; m++) c += lam[r * M + m]! * a[i * M + m]!;
                if (cur[i] === r) c -= tw ? stay * tw[i]! : stay;
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
            if (hess) hessAccount(hs, i, rep, K, prob, h, a);
        }
        return this.softObjective();
    }

    /** Σ mw·dev² of the soft loads, deviations counted beyond the dead zone. */
    private softObjective(): number {
        const { k, M, mw } = this.problem;
        const { soft, deadZone } = this;
        const T = this.state.T;
        let f = 0;
        for (let r = 0; r < k; r++) {
            const t = T[r]!;
            if (t <= 0) continue;
            for (let m = 0; m < M; m++) {
                if (mw[m] === 0) continue;
                const d0 = soft[r * M + m]! / t - 1;
                const d = d0 > deadZone ? d0 - deadZone : d0 < -deadZone ? d0 + deadZone : 0;
                f += mw[m]! * d * d;
            }
        }
        return f;
    }

    /**
     * One damped Newton step from the soft loads and Hessian at temperature h (objective f
     * there): the new objective, or null when no step along the Newton direction descends (the
     * prices are then left as they were).
     */
    newtonStep(h: number, f: number): number | null {
        const { n, k, M } = this.problem;
        const { lam, x, saved, rhs, hs } = this;
        this.residual();
        const ridge = hessRidge(hs);
        conjugateGradient((v, out) => hessMatvec(hs, ridge, v, out), rhs, x, k * M, 200);
        saved.set(lam);
        // large problems backtrack from twice the last accepted step (at most 1): the full
        // Newton step tends to overshoot by a similar factor step after step, and every trial
        // costs a pass over all accounts (small ones always try the full step first)
        let alpha = n >= LOCALITY_MIN_N ? Math.min(1, 2 * this.lastAlpha) : 1;
        for (let tries = 0; tries < 8; tries++) {
            for (let p = 0; p < k * M; p++) lam[p] = saved[p]! + alpha * x[p]!;
            const f2 = this.softLoads(h, false);
            if (f2 < f) {
                this.lastAlpha = alpha;
                return f2;
            }
            alpha *= 0.5;
        }
        lam.set(saved);
        return null;
    }

    /** Right-hand side: each soft load's excess beyond the dead zone around its target. */
    private residual(): void {
        const { k, M, mw } = this.problem;
        const { soft, rhs, deadZone } = this;
        const T = this.state.T;
        rhs.fill(0);
        for (let r = 0; r < k; r++) {
            for (let m = 0; m < M; m++) {
                if (mw[m] === 0) continue;
                const t = T[r]!;
                const l = soft[r * M + m]!;
                rhs[r * M + m] =
                    l > t * (1 + deadZone)
                        ? l - t * (1 + deadZone)
                        : l < t * (1 - deadZone)
                          ? l - t * (1 - deadZone)
                          : 0;
            }
        }
    }
}

/**
 * Hard refinement after the smoothed Newton stage: Gauss–Seidel best responses. In turn, each rep
 * out of the band shifts the price of its worst measure by exactly what brings that load to target
 * given the others' prices (from the accounts' cost margins, by weighted quantile); the accounts
 * that switch move at once, so the next rep sees them. With prices already right globally, this
 * only has to settle the rounding locally.
 */
export function refine(
    problem: SubProblem,
    state: State,
    table: CandidateTable,
    prices: Prices,
    stay: number,
    sweeps: number
): void {
    const { k, M, mw } = problem;
    const lam = prices.lam;
    const assign = state.assign;
    const market = new HardMarket(problem, state, table, lam, stay);
    market.assignCheapest();
    state.recompute();
    const best = Int32Array.from(assign);
    const bestLam = Float64Array.from(lam);
    let bestV = state.totalViolation(state.band);
    const order = Int32Array.from({ length: k }, (_, r) => r);
    const key = new Float64Array(k);
    let stall = 0;
    for (let sweep = 0; sweep < sweeps; sweep++) {
        if (problem.clock.reached()) break;
        for (let r = 0; r < k; r++) {
            let d = 0;
            for (let m = 0; m < M; m++) if (mw[m]! > 0) d = Math.max(d, Math.abs(state.dev(r, m)));
            key[r] = d;
        }
        order.sort((x, y) => key[y]! - key[x]! || x - y);
        for (const r of order) {
            const t = state.T[r]!;
            if (t <= 0) continue;
            const wm = worstMeasure(state, r, 0.5 * state.band);
            if (wm < 0) continue;
            market.shiftPrice(r, wm, 0.6 * market.bestResponse(r, wm, state.dev(r, wm) * t));
        }
        const v = state.totalViolation(state.band);
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
    state.recompute();
}

/** The measure of rep r deviating most, if by more than `above`; else −1. */
function worstMeasure(state: State, r: number, above: number): number {
    const { M, mw } = state.problem;
    let wm = -1;
    let wd = above;
    for (let m = 0; m < M; m++) {
        if (mw[m] === 0) continue;
        const d = Math.abs(state.dev(r, m));
        if (d > wd) {
            wd = d;
            wm = m;
        }
    }
    return wm;
}

/**
 * Hard costs at the current prices for `refine`: every account's cost per candidate, its
 * cheapest and second-cheapest (c1 at slot q1, c2 with rep r2), kept up to date as prices shift.
 */
class HardMarket {
    private readonly problem: SubProblem;
    private readonly state: State;
    private readonly table: CandidateTable;
    private readonly lam: Float64Array;
    private readonly stay: number;
    private readonly cost: Float64Array;
    private readonly c1: Float64Array;
    private readonly c2: Float64Array;
    private readonly q1: Int32Array;
    private readonly r2: Int32Array;
    private bufK = new Float64Array(1024);
    private bufW = new Float64Array(1024);
    /** largest price shift one best response may make */
    private readonly capShift: number;

    constructor(
        problem: SubProblem,
        state: State,
        table: CandidateTable,
        lam: Float64Array,
        stay: number
    ) {
        this.problem = problem;
        this.state = state;
        this.table = table;
        this.lam = lam;
        this.stay = stay;
        const n = problem.n;
        this.cost = new Float64Array(n * table.K);
        this.c1 = new Float64Array(n);
        this.c2 = new Float64Array(n);
        this.q1 = new Int32Array(n);
        this.r2 = new Int32Array(n);
        this.capShift = 200 * tableScale(table) + 2 * stay;
    }

    /** Computes every cost and moves each free account to its cheapest candidate (no recompute). */
    assignCheapest(): void {
        const { n, M, a, fixed, cur, tw } = this.problem;
        const { K, rep, km } = this.table;
        const { lam, stay, cost, q1 } = this;
        const assign = this.state.assign;
        for (let i = 0; i < n; i++) {
            for (let q = 0; q < K; q++) {
                const r = rep[i * K + q]!;
                let c = km[i * K + q]!;
                for (let m = 0; m < M; m++) c += lam[r * M + m]! * a[i * M + m]!;
                if (cur[i] === r) c -= tw ? stay * tw[i]! : stay;
                cost[i * K + q] = c;
            }
            this.rescan(i);
            if (fixed[i]! < 0) assign[i] = rep[i * K + q1[i]!]!;
        }
    }

    /** Finds account i's cheapest and second-cheapest candidates anew. */
    private rescan(i: number): void {
        const { K, rep } = this.table;
        const cost = this.cost;
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
        this.c1[i] = b1;
        this.c2[i] = b2;
        this.q1[i] = bq;
        this.r2[i] = s2;
    }

    /** Shifts rep r's price on measure m by delta; the accounts that switch move at once. */
    shiftPrice(r: number, m: number, delta: number): void {
        const { M, a, fixed } = this.problem;
        const { K, rep, revStart, rev, revQ } = this.table;
        const { cost, c1, c2, q1, r2, state } = this;
        this.lam[r * M + m]! += delta;
        for (let p = revStart[r]!; p < revStart[r + 1]!; p++) {
            const j = rev[p]!;
            const u = a[j * M + m]!;
            if (u === 0) continue;
            const q = revQ[p]!;
            const c = (cost[j * K + q]! += delta * u);
            if (fixed[j]! >= 0) continue;
            if (q1[j] === q) {
                if (delta > 0 && c > c2[j]!) {
                    this.rescan(j);
                    state.move(j, rep[j * K + q1[j]!]!);
                } else c1[j] = c;
            } else if (delta < 0) {
                if (c < c1[j]!) {
                    c2[j] = c1[j]!;
                    r2[j] = rep[j * K + q1[j]!]!;
                    c1[j] = c;
                    q1[j] = q;
                    state.move(j, r);
                } else if (c < c2[j]!) {
                    c2[j] = c;
                    r2[j] = r;
                }
            } else if (r2[j] === r) this.rescan(j);
        }
    }

    /**
     * The price shift on rep r's measure m that moves `excess` of its load out (excess > 0) or
     * in (< 0), from the accounts' cost margins; capped at `capShift`.
     */
    bestResponse(r: number, m: number, excess: number): number {
        const { M, a, fixed } = this.problem;
        const { K, revStart, rev, revQ } = this.table;
        const { cost, c1, c2, q1 } = this;
        const lo = revStart[r]!;
        const hi = revStart[r + 1]!;
        if (hi - lo > this.bufK.length) {
            this.bufK = new Float64Array(2 * (hi - lo));
            this.bufW = new Float64Array(2 * (hi - lo));
        }
        const { bufK, bufW } = this;
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
        const dx = Number.isFinite(x) ? x * 1.000001 + 1e-9 : this.capShift;
        return (excess > 0 ? 1 : -1) * Math.min(dx, this.capShift);
    }
}
