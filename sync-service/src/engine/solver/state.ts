/** A plan being worked on: the assignment and every rep's load, deviation and violation. */
import type { SubProblem } from './types.js';

export class State {
    readonly problem: SubProblem;
    readonly n: number;
    readonly k: number;
    readonly M: number;
    readonly assign: Int32Array;
    /** k × M loads */
    readonly load: Float64Array;
    /** k targets (same for every measure in scaled units) */
    readonly T: Float64Array;
    band = 0;
    constructor(problem: SubProblem, assign: Int32Array) {
        this.problem = problem;
        this.n = problem.n;
        this.k = problem.k;
        this.M = problem.M;
        this.assign = assign;
        this.load = new Float64Array(problem.k * problem.M);
        this.T = new Float64Array(problem.k);
        for (let r = 0; r < problem.k; r++) this.T[r] = problem.n * problem.cap[r]!;
        this.recompute();
    }
    recompute(): void {
        const { M, load, assign } = this;
        const a = this.problem.a;
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
        for (let r = 0; r < this.k; r++) worst = Math.max(worst, this.repDeviation(r));
        return worst;
    }
    /** rep r's largest |deviation| over the balanced measures */
    repDeviation(r: number): number {
        let worst = 0;
        for (let m = 0; m < this.M; m++) {
            if (this.problem.mw[m]! === 0) continue;
            const d = Math.abs(this.dev(r, m));
            if (d > worst) worst = d;
        }
        return worst;
    }
    /** violation of rep r beyond `band`, if account i were added (sign 1) or removed (−1) */
    viol(r: number, i: number, sign: number, band: number): number {
        const { M, load } = this;
        const t = this.T[r]!;
        if (t <= 0) return 0;
        const a = this.problem.a;
        const mw = this.problem.mw;
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
    /** Σ over the reps of their violation beyond `band` */
    totalViolation(band: number): number {
        let v = 0;
        for (let r = 0; r < this.k; r++) v += this.viol(r, -1, 0, band);
        return v;
    }
    /** Would moving account i from → to keep the two reps' violation beyond `band` from growing? */
    moveKeeps(i: number, from: number, to: number, band: number): boolean {
        return (
            this.viol(from, i, -1, band) + this.viol(to, i, 1, band) <=
            this.viol(from, -1, 0, band) + this.viol(to, -1, 0, band) + 1e-18
        );
    }
    /**
     * Swaps account i (of rep r) with account j (of rep s) if that keeps the two reps' violation
     * beyond `band` from growing; else leaves them. Returns whether they were swapped.
     */
    trySwap(i: number, r: number, j: number, s: number, band: number): boolean {
        const before = this.viol(r, -1, 0, band) + this.viol(s, -1, 0, band);
        this.move(i, s);
        this.move(j, r);
        if (this.viol(r, -1, 0, band) + this.viol(s, -1, 0, band) <= before + 1e-18) return true;
        this.move(i, r);
        this.move(j, s);
        return false;
    }
    move(i: number, to: number): void {
        const { M, load } = this;
        const a = this.problem.a;
        const from = this.assign[i]!;
        for (let m = 0; m < M; m++) {
            const x = a[i * M + m]!;
            load[from * M + m]! -= x;
            load[to * M + m]! += x;
        }
        this.assign[i] = to;
    }
}

/** Combined load per account (weighted mean of the scaled measures). */
export function combinedLoad(problem: SubProblem): Float64Array {
    const { n, M, a, mw } = problem;
    const ab = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        let s = 0;
        for (let m = 0; m < M; m++) s += mw[m]! * a[i * M + m]!;
        ab[i] = s;
    }
    return ab;
}
