import { describe, expect, it } from 'vitest';
import { balancedBisectionAll } from '../../src/engine/bisection.js';
import { balanceColumnar, measureColumnar } from '../../src/engine/index.js';
import { generate } from '../../bench/lib/instances.js';
import { rng } from './helpers.js';

// the large-instance path (accounts × reps ≥ 2M): recursive bisection balanced on every measure,
// then repair and border improvement, instead of the price stage

describe('balancedBisectionAll', () => {
    it('balances every measure, keeps forced accounts in their part, is deterministic', () => {
        const rnd = rng(7);
        const n = 20_000;
        const k = 16;
        const M = 3;
        const px = new Float64Array(n);
        const py = new Float64Array(n);
        const a = new Float64Array(n * M);
        const fixed = new Int32Array(n).fill(-1);
        const tot = new Float64Array(M);
        for (let i = 0; i < n; i++) {
            px[i] = rnd() * 800;
            py[i] = rnd() * 500;
            a[i * M] = Math.exp(rnd() * 2);
            a[i * M + 1] = 1 + 3 * rnd() * rnd();
            a[i * M + 2] = 1;
            if (i % 500 === 0) fixed[i] = i % k;
        }
        for (let i = 0; i < n; i++) for (let m = 0; m < M; m++) tot[m]! += a[i * M + m]!;
        const cap = new Float64Array(k).fill(1 / k);
        cap[0] = 2 / k; // one rep with twice the capacity
        let cs = 0;
        for (let r = 0; r < k; r++) cs += cap[r]!;
        const mw = new Float64Array([1 / 3, 1 / 3, 1 / 3]);
        const part = balancedBisectionAll(px, py, a, M, mw, cap, k, fixed);
        const again = balancedBisectionAll(px, py, a, M, mw, cap, k, fixed);
        expect(Array.from(again)).toEqual(Array.from(part));
        const load = new Float64Array(k * M);
        for (let i = 0; i < n; i++) {
            expect(part[i]).toBeGreaterThanOrEqual(0);
            expect(part[i]).toBeLessThan(k);
            if (fixed[i]! >= 0) expect(part[i]).toBe(fixed[i]);
            for (let m = 0; m < M; m++) load[part[i]! * M + m]! += a[i * M + m]!;
        }
        for (let r = 0; r < k; r++) {
            for (let m = 0; m < M; m++) {
                const target = (tot[m]! * cap[r]!) / cs;
                expect(Math.abs(load[r * M + m]! / target - 1)).toBeLessThan(0.03);
            }
        }
    });
});

describe('large instances (bisection path)', () => {
    for (const homes of [true, false]) {
        it(`25k × 80 ${homes ? 'with' : 'without'} homes: within 5 % on 3 measures, locks kept`, () => {
            const inst = generate({ n: 25_000, k: 80, seed: 3, homes });
            const n = inst.acc.ids.length;
            const locked = new Uint8Array(n);
            const current = new Int32Array(n).fill(-1);
            for (let i = 0; i < n; i += 997) {
                locked[i] = 1;
                current[i] = i % 80;
            }
            const acc = { ...inst.acc, locked, currentRep: current };
            const opts = { balance: inst.measures, tolerance: 0.05, seed: 1 };
            const { assign, report } = balanceColumnar(acc, inst.reps, opts);
            expect(report.segments[0]!.stages!.splitMs).toBeGreaterThanOrEqual(0);
            const m = measureColumnar(inst.acc, inst.reps, assign, inst.measures);
            expect(m.maxDeviation).toBeLessThanOrEqual(0.05 + 1e-9);
            for (let i = 0; i < n; i++) {
                expect(assign[i]).toBeGreaterThanOrEqual(0);
                if (locked[i]) expect(assign[i]).toBe(current[i]);
            }
        }, 60_000);
    }
});

describe('method option', () => {
    it("'bisection' on a small instance, 'prices' keeps the price stage", () => {
        const inst = generate({ n: 3000, k: 12, seed: 4, homes: true });
        const opts = { balance: inst.measures, tolerance: 0.05, seed: 1 };
        const bis = balanceColumnar(inst.acc, inst.reps, { ...opts, method: 'bisection' });
        expect(bis.report.segments[0]!.stages.splitMs).toBeGreaterThanOrEqual(0);
        expect(
            measureColumnar(inst.acc, inst.reps, bis.assign, inst.measures).maxDeviation
        ).toBeLessThanOrEqual(0.05 + 1e-9);
        const pr = balanceColumnar(inst.acc, inst.reps, { ...opts, method: 'prices' });
        expect(pr.report.segments[0]!.stages.splitMs).toBeUndefined();
        expect(
            measureColumnar(inst.acc, inst.reps, pr.assign, inst.measures).maxDeviation
        ).toBeLessThanOrEqual(0.05 + 1e-9);
    }, 60_000);
});

describe('bisection path invariants', () => {
    it('respects segments and is deterministic', () => {
        const inst = generate({ n: 4000, k: 12, seed: 6, homes: true });
        const n = inst.acc.ids.length;
        // east and west segments, 6 reps each
        const segment = Array.from({ length: n }, (_, i) => (inst.acc.lon[i]! < -97 ? 'W' : 'E'));
        const repSegment = Array.from({ length: 12 }, (_, r) => (r < 6 ? 'W' : 'E'));
        const acc = { ...inst.acc, segment };
        const reps = { ...inst.reps, segment: repSegment };
        const opts = { balance: inst.measures, tolerance: 0.05, method: 'bisection' as const };
        const one = balanceColumnar(acc, reps, opts);
        const two = balanceColumnar(acc, reps, opts);
        expect(Array.from(two.assign)).toEqual(Array.from(one.assign));
        for (let i = 0; i < n; i++) expect(repSegment[one.assign[i]!]).toBe(segment[i]);
        expect(one.report.segments.map((s) => s.stages.splitMs !== undefined)).toEqual([
            true,
            true
        ]);
    }, 60_000);
});
