import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancedBisection } from '../../src/engine/bisection.js';
import { accountNeighbours, mortonOrder, nearestCentres } from '../../src/engine/candidates.js';
import { toUnit } from '../../src/engine/geo.js';
import { clipConvex, convexHull, polygonArea } from '../../src/engine/hulls.js';
import { weightedQuantile } from '../../src/engine/partition.js';
import { ScoreHeap } from '../../src/engine/solver/score-heap.js';
import { rng } from './helpers.js';

describe('weightedQuantile', () => {
    it('matches a sort-based answer', () => {
        fc.assert(
            fc.property(
                fc.array(
                    fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 9 })),
                    {
                        minLength: 1,
                        maxLength: 60
                    }
                ),
                fc.double({ min: 0.01, max: 1.2, noNaN: true }),
                (items, frac) => {
                    const keys = Float64Array.from(items, ([k]) => k);
                    const w = Float64Array.from(items, ([, x]) => x);
                    const total = w.reduce((s, x) => s + x, 0);
                    const need = frac * total;
                    const sorted = items.map(([k, x]) => ({ k, x })).sort((a, b) => a.k - b.k);
                    let acc = 0;
                    let expected = Infinity;
                    for (const { k, x } of sorted) {
                        acc += x;
                        if (acc >= need) {
                            expected = k;
                            break;
                        }
                    }
                    expect(weightedQuantile(keys, w, items.length, need)).toBe(expected);
                }
            ),
            { numRuns: 300, seed: 5 }
        );
    });
});

describe('balancedBisection', () => {
    it('gives every part its capacity share of the weight, up to one item', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 1, max: 9 }),
                fc.integer({ min: 0, max: 1000 }),
                (k, seed) => {
                    const r = rng(seed);
                    const n = 200;
                    const px = Float64Array.from({ length: n }, () => r() * 10);
                    const py = Float64Array.from({ length: n }, () => r() * 5);
                    const w = Float64Array.from({ length: n }, () => 1 + Math.floor(r() * 3));
                    const cap = Float64Array.from({ length: k }, (_, j) => (j % 2 ? 2 : 1));
                    const part = balancedBisection(px, py, w, cap, k);
                    const load = new Float64Array(k);
                    for (let i = 0; i < n; i++) load[part[i]!]! += w[i]!;
                    const total = w.reduce((s, x) => s + x, 0);
                    const capSum = cap.reduce((s, x) => s + x, 0);
                    for (let j = 0; j < k; j++) {
                        // each cut may be off by up to one item (weight ≤ 3) per level
                        expect(Math.abs(load[j]! - (total * cap[j]!) / capSum)).toBeLessThanOrEqual(
                            3 * Math.ceil(Math.log2(k) + 1)
                        );
                    }
                }
            ),
            { numRuns: 50, seed: 9 }
        );
    });

    it('cuts across the longer side first', () => {
        const px = Float64Array.from([0, 1, 2, 3, 10, 11, 12, 13]);
        const py = Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1]);
        const part = balancedBisection(
            px,
            py,
            new Float64Array(8).fill(1),
            Float64Array.from([1, 1]),
            2
        );
        expect(Array.from(part)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    });
});

describe('nearestCentres', () => {
    function setup(n: number, k: number, seed: number) {
        const r = rng(seed);
        const xyz = new Float64Array(3 * n);
        const lat = new Float64Array(n);
        const lon = new Float64Array(n);
        for (let i = 0; i < n; i++) {
            lat[i] = 30 + r() * 15;
            lon[i] = -120 + r() * 45;
            toUnit(lat[i]!, lon[i]!, xyz, 3 * i);
        }
        const centres = new Float64Array(3 * k);
        for (let j = 0; j < k; j++) toUnit(30 + r() * 15, -120 + r() * 45, centres, 3 * j);
        return { xyz, lat, lon, centres };
    }

    it('brute force returns the K nearest by dot product, nearest first', () => {
        const { xyz, centres } = setup(50, 12, 1);
        const { rep, dot } = nearestCentres(xyz, 50, centres, 12, 4);
        for (let i = 0; i < 50; i++) {
            const all = Array.from({ length: 12 }, (_, j) => ({
                j,
                d:
                    xyz[3 * i]! * centres[3 * j]! +
                    xyz[3 * i + 1]! * centres[3 * j + 1]! +
                    xyz[3 * i + 2]! * centres[3 * j + 2]!
            })).sort((a, b) => b.d - a.d);
            expect(Array.from(rep.subarray(4 * i, 4 * i + 4))).toEqual(
                all.slice(0, 4).map((x) => x.j)
            );
            expect(dot[4 * i]).toBeCloseTo(all[0]!.d, 12);
        }
    });

    it('the k-d tree queries (used at scale) find the same nearest centres as brute force', () => {
        const n = 3000;
        const k = 300;
        const { xyz, lat, lon, centres } = setup(n, k, 2);
        // clustered centres too: 10 tight clusters far apart (a graph walk stalls between them)
        const clustered = new Float64Array(3 * k);
        const r = rng(5);
        for (let j = 0; j < k; j++) {
            const c = j % 10;
            toUnit(
                31 + (c % 5) * 3 + r() * 0.2,
                -118 + Math.floor(c / 5) * 20 + r() * 0.2,
                clustered,
                3 * j
            );
        }
        const order = mortonOrder(
            lat,
            lon,
            Int32Array.from({ length: n }, (_, i) => i)
        );
        for (const cs of [centres, clustered]) {
            const tree = nearestCentres(xyz, n, cs, k, 16, order, 'tree');
            const brute = nearestCentres(xyz, n, cs, k, 16, undefined, 'brute');
            expect(Array.from(tree.dot)).toEqual(Array.from(brute.dot));
            expect(Array.from(tree.rep.filter((_, p) => p % 16 === 0))).toEqual(
                Array.from(brute.rep.filter((_, p) => p % 16 === 0))
            );
        }
    });
});

describe('hulls', () => {
    it('computes the convex hull, its area and the intersection of two squares', () => {
        const xs = Float64Array.from([0, 2, 2, 0, 1]);
        const ys = Float64Array.from([0, 0, 2, 2, 1]);
        const a = convexHull(xs, ys, [0, 1, 2, 3, 4]);
        expect(a.length / 2).toBe(4);
        expect(polygonArea(a)).toBe(4);
        const xs2 = Float64Array.from([1, 3, 3, 1]);
        const ys2 = Float64Array.from([1, 1, 3, 3]);
        const b = convexHull(xs2, ys2, [0, 1, 2, 3]);
        expect(polygonArea(clipConvex(a, b))).toBeCloseTo(1, 12);
        const far = convexHull(
            Float64Array.from([5, 6, 6]),
            Float64Array.from([5, 5, 6]),
            [0, 1, 2]
        );
        expect(clipConvex(a, far).length).toBe(0);
    });
});

describe('accountNeighbours', () => {
    it('returns each account’s nearest other accounts (projected distance), nearest first', () => {
        const r = rng(11);
        const n = 2000;
        const lat = Float64Array.from({ length: n }, () => 40 + r() * 2);
        const lon = Float64Array.from({ length: n }, () => -100 + r() * 3);
        const order = mortonOrder(
            lat,
            lon,
            Int32Array.from({ length: n }, (_, i) => i)
        );
        const nb = accountNeighbours(lat, lon, 6, order);
        const cl = Math.cos((41 * Math.PI) / 180);
        let mean = 0;
        for (let i = 0; i < n; i++) mean += lat[i]!;
        const c = Math.cos(((mean / n) * Math.PI) / 180);
        expect(Math.abs(c - cl)).toBeLessThan(0.02);
        for (let i = 0; i < n; i += 7) {
            const d = (j: number): number =>
                ((lon[j]! - lon[i]!) * c) ** 2 + (lat[j]! - lat[i]!) ** 2;
            const brute = Array.from({ length: n }, (_, j) => j)
                .filter((j) => j !== i)
                .sort((a, b) => d(a) - d(b) || a - b)
                .slice(0, 6);
            expect(Array.from(nb.subarray(6 * i, 6 * i + 6))).toEqual(brute);
        }
    });
});

describe('ScoreHeap', () => {
    it('pops indices in the order of a stable sort by score (ties: lower index first)', () => {
        fc.assert(
            fc.property(
                fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 200 }),
                fc.integer({ min: 0, max: 200 }),
                (scores, stopAfter) => {
                    const sorted = scores
                        .map((_, q) => q)
                        .sort((x, y) => scores[x]! - scores[y]! || x - y);
                    const heap = new ScoreHeap(scores, scores.length);
                    const popped: number[] = [];
                    for (let q = heap.pop(); q >= 0; q = heap.pop()) popped.push(q);
                    expect(popped).toEqual(sorted);
                    // a heap built on a reused buffer, stopped early, gives the same prefix
                    const again = new ScoreHeap(scores, scores.length, heap.buffer);
                    const prefix: number[] = [];
                    for (let c = 0; c < stopAfter; c++) {
                        const q = again.pop();
                        if (q < 0) break;
                        prefix.push(q);
                    }
                    expect(prefix).toEqual(sorted.slice(0, stopAfter));
                }
            )
        );
    });
});
