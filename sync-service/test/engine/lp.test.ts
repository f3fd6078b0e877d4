import { describe, expect, it } from 'vitest';
import { solveTransportLp } from '../../src/engine/lp/transport-lp.js';
import type { TransportLpInput } from '../../src/engine/lp/transport-lp.js';

/** Small deterministic generator, independent of the engine's own PRNG. */
function lcg(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        return s / 4294967296;
    };
}

/** n accounts and k reps on a plane; K nearest reps as candidates; M measures scaled to Σ = n. */
function planar(n: number, k: number, K: number, M: number, band: number, seed: number) {
    const rnd = lcg(seed);
    const ax = Array.from({ length: n }, () => [rnd() * 100, rnd() * 100] as const);
    const hx = Array.from({ length: k }, () => [rnd() * 100, rnd() * 100] as const);
    const a = new Float64Array(n * M);
    for (let m = 0; m < M; m++) {
        let total = 0;
        for (let i = 0; i < n; i++) total += a[i * M + m] = 0.5 + rnd();
        for (let i = 0; i < n; i++) a[i * M + m] = (a[i * M + m]! * n) / total;
    }
    const dist = (i: number, r: number) => Math.hypot(ax[i]![0] - hx[r]![0], ax[i]![1] - hx[r]![1]);
    const rep = new Int32Array(n * K);
    const km = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
        const order = Array.from({ length: k }, (_, r) => r).sort(
            (x, y) => dist(i, x) - dist(i, y) || x - y
        );
        for (let q = 0; q < K; q++) {
            rep[i * K + q] = order[q]!;
            km[i * K + q] = dist(i, order[q]!);
        }
    }
    const input: TransportLpInput = {
        n,
        k,
        M,
        a,
        mw: new Float64Array(M).fill(1 / M),
        target: new Float64Array(k).fill(n / k),
        band,
        K,
        rep,
        km,
        fixed: new Int32Array(n).fill(-1)
    };
    return input;
}

/** Exhaustive search over the candidates: the integer optimum within the band (or Infinity). */
function bruteForce(input: TransportLpInput): number {
    const { n, k, M, a, target, band, K, rep, km } = input;
    const load = new Float64Array(k * M);
    let best = Infinity;
    const visit = (i: number, cost: number): void => {
        if (cost >= best) return;
        if (i === n) {
            for (let r = 0; r < k; r++) {
                for (let m = 0; m < M; m++) {
                    const l = load[r * M + m]!;
                    if (l < (1 - band) * target[r]! - 1e-9 || l > (1 + band) * target[r]! + 1e-9)
                        return;
                }
            }
            best = cost;
            return;
        }
        for (let q = 0; q < K; q++) {
            const r = rep[i * K + q]!;
            for (let m = 0; m < M; m++) load[r * M + m]! += a[i * M + m]!;
            visit(i + 1, cost + km[i * K + q]!);
            for (let m = 0; m < M; m++) load[r * M + m]! -= a[i * M + m]!;
        }
    };
    visit(0, 0);
    return best;
}

function isCandidate(input: TransportLpInput, i: number, r: number): boolean {
    for (let q = 0; q < input.K; q++) if (input.rep[i * input.K + q] === r) return true;
    return false;
}

describe('solveTransportLp', () => {
    it.each([
        { n: 11, k: 3, K: 3, band: 0.25, seed: 1 },
        { n: 11, k: 4, K: 3, band: 0.25, seed: 2 },
        { n: 12, k: 3, K: 2, band: 0.3, seed: 4 },
        { n: 12, k: 4, K: 4, band: 0.3, seed: 2 }
    ])(
        'is a lower bound of the exhaustive optimum ($n × $k, K = $K)',
        ({ n, k, K, band, seed }) => {
            const input = planar(n, k, K, 2, band, seed);
            const optimum = bruteForce(input);
            expect(optimum).toBeLessThan(Infinity);
            const res = solveTransportLp(input);
            expect(res.status).toBe('optimal');
            expect(res.slack).toBe(0);
            expect(res.objective).toBeLessThanOrEqual(optimum + 1e-6);
            // a vertex splits at most one account per band row
            expect(res.split).toBeLessThanOrEqual(k * 2);
            for (let i = 0; i < n; i++) expect(isCandidate(input, i, res.assign[i]!)).toBe(true);
        }
    );

    it('rounds every free account to one of its candidates on a mid-size instance', () => {
        const input = planar(400, 12, 5, 3, 0.045, 7);
        const res = solveTransportLp(input);
        expect(res.status).toBe('optimal');
        expect(res.split).toBeGreaterThan(0);
        expect(res.split).toBeLessThanOrEqual(12 * 3);
        for (let i = 0; i < input.n; i++) expect(isCandidate(input, i, res.assign[i]!)).toBe(true);
        // the LP text route gives the same optimum
        const viaText = solveTransportLp(input, { format: 'lp' });
        expect(viaText.status).toBe('optimal');
        expect(viaText.objective).toBeCloseTo(res.objective, 6);
        for (let p = 0; p < res.prices.length; p++)
            expect(viaText.prices[p]).toBeCloseTo(res.prices[p]!, 4);
    });

    it('counts locked loads as constants and keeps locked accounts', () => {
        // rep 0 is filled to its target by three locked accounts: the free ones, although
        // nearest to rep 0, must go to rep 1
        const input: TransportLpInput = {
            n: 6,
            k: 2,
            M: 1,
            a: new Float64Array(6).fill(1),
            mw: new Float64Array([1]),
            target: new Float64Array([3, 3]),
            band: 0,
            K: 2,
            rep: new Int32Array([1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]),
            km: new Float64Array([1, 2, 1, 2, 1, 2, 1, 10, 1, 10, 1, 10]),
            fixed: new Int32Array([0, 0, 0, -1, -1, -1])
        };
        const res = solveTransportLp(input);
        expect(res.status).toBe('optimal');
        expect(Array.from(res.assign)).toEqual([0, 0, 0, 1, 1, 1]);
        expect(res.objective).toBeCloseTo(30, 9);
        expect(res.split).toBe(0);
        // rep 0's price keeps the free accounts away: km + price is lower at rep 1
        expect(1 + res.prices[0]!).toBeGreaterThanOrEqual(10 + res.prices[1]! - 1e-9);
    });

    it('handles a segment where every account is locked', () => {
        const input: TransportLpInput = {
            n: 3,
            k: 2,
            M: 1,
            a: new Float64Array([1, 1, 1]),
            mw: new Float64Array([1]),
            target: new Float64Array([1.5, 1.5]),
            band: 0.05,
            K: 1,
            rep: new Int32Array([0, 0, 0]),
            km: new Float64Array([1, 1, 1]),
            fixed: new Int32Array([0, 0, 1])
        };
        const res = solveTransportLp(input);
        // the locks alone miss the band: 2 vs 1.575 and 1 vs 1.425
        expect(res.status).toBe('infeasible-relaxed');
        expect(res.slack).toBeCloseTo(0.85, 9);
        expect(Array.from(res.assign)).toEqual([0, 0, 1]);
        const none = solveTransportLp({ ...input, mw: new Float64Array([0]) });
        expect(none.status).toBe('optimal');
        expect(none.objective).toBe(0);
    });

    it('relaxes an unreachable band with slack instead of failing', () => {
        // every account may only go to rep 0: rep 0 is over and rep 1 under by 1.8 each
        const input: TransportLpInput = {
            n: 4,
            k: 2,
            M: 1,
            a: new Float64Array(4).fill(1),
            mw: new Float64Array([1]),
            target: new Float64Array([2, 2]),
            band: 0.1,
            K: 1,
            rep: new Int32Array([0, 0, 0, 0]),
            km: new Float64Array([1, 2, 3, 4]),
            fixed: new Int32Array(4).fill(-1)
        };
        const res = solveTransportLp(input);
        expect(res.status).toBe('infeasible-relaxed');
        expect(res.slack).toBeCloseTo(3.6, 6);
        expect(res.objective).toBeCloseTo(10, 9);
        expect(Array.from(res.assign)).toEqual([0, 0, 0, 0]);
    });

    it('reports an iteration limit as failed, with a usable fallback plan', () => {
        const input = planar(200, 6, 4, 3, 0.045, 9);
        input.fixed[0] = 5;
        const res = solveTransportLp(input, { iterationLimit: 1 });
        expect(res.status).toBe('failed');
        expect(res.objective).toBeNaN();
        expect(res.assign[0]).toBe(5);
        // free accounts fall back to their nearest candidate
        for (let i = 1; i < input.n; i++) expect(res.assign[i]).toBe(input.rep[i * input.K]);
    });

    it('ignores measures with weight 0', () => {
        const input = planar(60, 4, 4, 2, 0.05, 11);
        // measure 1 cannot be balanced (all of it on account 0, which has one valid candidate),
        // but it is not weighted
        for (let i = 0; i < input.n; i++) input.a[i * 2 + 1] = i === 0 ? input.n : 0;
        input.rep.fill(-1, 1, 4);
        expect(solveTransportLp(input).status).toBe('infeasible-relaxed');
        const res = solveTransportLp({ ...input, mw: new Float64Array([1, 0]) });
        expect(res.status).toBe('optimal');
        expect(res.slack).toBe(0);
    });

    it('subtracts the stay bonus from the current rep', () => {
        // nearest plan: {0, 1} → rep 0, {2, 3} → rep 1 (travel 4); the current plan is the mirror
        const input: TransportLpInput = {
            n: 4,
            k: 2,
            M: 1,
            a: new Float64Array(4).fill(1),
            mw: new Float64Array([1]),
            target: new Float64Array([2, 2]),
            band: 0,
            K: 2,
            rep: new Int32Array([0, 1, 0, 1, 1, 0, 1, 0]),
            km: new Float64Array([1, 5, 1, 5, 1, 5, 1, 5]),
            fixed: new Int32Array(4).fill(-1),
            cur: new Int32Array([1, 1, 0, 0])
        };
        const small = solveTransportLp({ ...input, stay: 3 });
        expect(Array.from(small.assign)).toEqual([0, 0, 1, 1]);
        expect(small.objective).toBeCloseTo(4, 9);
        const large = solveTransportLp({ ...input, stay: 10 });
        expect(Array.from(large.assign)).toEqual([1, 1, 0, 0]);
        // travel without the bonus
        expect(large.objective).toBeCloseTo(20, 9);
    });

    it('gives the same result on every run', () => {
        const input = planar(300, 6, 6, 3, 0.045, 5);
        const first = solveTransportLp(input);
        const second = solveTransportLp(input);
        expect(second).toEqual(first);
        expect(Object.is(second.objective, first.objective)).toBe(true);
        expect(Buffer.from(second.assign.buffer)).toEqual(Buffer.from(first.assign.buffer));
    });
});
