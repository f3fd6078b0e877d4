import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/engine/geo.js';
import {
    GreatCircleTravelTime,
    heldKarp,
    oneTreeBound,
    searchTour,
    solveTour,
    tourCost
} from '../../src/routes/index.js';
import { ROUTE_FAMILIES, routeInstance } from '../../bench/lib/route-instances.js';

const travel = new GreatCircleTravelTime({ speedKmh: 50, circuity: 1.3 });

/** Every tour from 0 by brute force over permutations of the stops. */
function bruteForce(cost: Float64Array, size: number, stops: number[]): number {
    let best = Infinity;
    const perm = [...stops];
    const visit = (k: number): void => {
        if (k === perm.length) {
            best = Math.min(best, tourCost(cost, size, [0, ...perm]));
            return;
        }
        for (let i = k; i < perm.length; i++) {
            [perm[k], perm[i]] = [perm[i]!, perm[k]!];
            visit(k + 1);
            [perm[k], perm[i]] = [perm[i]!, perm[k]!];
        }
    };
    visit(0);
    return best;
}

function expectPermutation(order: number[], nodes: number[]): void {
    expect(order[0]).toBe(0);
    expect([...order.slice(1)].sort((a, b) => a - b)).toEqual([...nodes].sort((a, b) => a - b));
}

describe('Held–Karp', () => {
    it('equals brute force on small instances of every family', () => {
        for (const family of ROUTE_FAMILIES) {
            for (const n of [1, 2, 4, 6, 7]) {
                const inst = routeInstance(family, n, n + 3);
                const t = travel.tableSync(inst.points);
                const stops = Array.from({ length: n }, (_, i) => i + 1);
                const hk = heldKarp(t.minutes, t.size, 0, stops);
                expectPermutation(hk.order, stops);
                expect(hk.cost).toBeCloseTo(tourCost(t.minutes, t.size, hk.order), 9);
                expect(hk.cost).toBeCloseTo(bruteForce(t.minutes, t.size, stops), 9);
            }
        }
    });

    it('finds the perimeter of a square (the far corner in the middle)', () => {
        // home and three corners of a unit square: the only optimal tour is the perimeter
        const pts = [
            [0, 0],
            [1, 1],
            [0, 1],
            [1, 0]
        ];
        const size = 4;
        const cost = new Float64Array(16);
        for (let i = 0; i < 4; i++)
            for (let j = 0; j < 4; j++)
                cost[i * 4 + j] = Math.hypot(pts[i]![0]! - pts[j]![0]!, pts[i]![1]! - pts[j]![1]!);
        const hk = heldKarp(cost, size, 0, [1, 2, 3]);
        expect(hk.cost).toBeCloseTo(4, 12);
        expect(hk.order[2]).toBe(1); // the far corner is in the middle
    });

    it('refuses more than 12 stops', () => {
        const t = travel.tableSync(routeInstance('uniform', 13, 1).points);
        expect(() =>
            heldKarp(
                t.minutes,
                t.size,
                0,
                Array.from({ length: 13 }, (_, i) => i + 1)
            )
        ).toThrow(/at most 12/);
    });
});

describe('local search and the 1-tree bound', () => {
    it('finds the optimum on 9–12 stops and never beats it (bound ≤ optimum ≤ tour)', () => {
        let optimal = 0;
        let cases = 0;
        for (const family of ROUTE_FAMILIES) {
            for (const n of [9, 12]) {
                for (const seed of [1, 2]) {
                    const t = travel.tableSync(routeInstance(family, n, seed).points);
                    const stops = Array.from({ length: n }, (_, i) => i + 1);
                    const opt = heldKarp(t.minutes, t.size, 0, stops).cost;
                    const ls = searchTour(t.minutes, t.size, 0, stops, {
                        rng: mulberry32(seed),
                        kicks: 200
                    });
                    expectPermutation(ls.order, stops);
                    expect(ls.cost).toBeCloseTo(tourCost(t.minutes, t.size, ls.order), 9);
                    expect(ls.cost).toBeGreaterThanOrEqual(opt - 1e-9);
                    const b = oneTreeBound(t.minutes, t.size, [0, ...stops], {
                        upperBound: ls.cost
                    });
                    expect(b.bound).toBeLessThanOrEqual(opt + 1e-9);
                    expect(b.bound).toBeGreaterThan(0.9 * opt);
                    cases++;
                    if (ls.cost <= opt + 1e-9) optimal++;
                }
            }
        }
        // the iterated search reaches the optimum on nearly all of these small tours
        expect(optimal).toBeGreaterThanOrEqual(cases - 1);
    });

    it('keeps a 100-stop tour a valid permutation within 3 % of the 1-tree bound', () => {
        const t = travel.tableSync(routeInstance('uniform', 100, 4).points);
        const stops = Array.from({ length: 100 }, (_, i) => i + 1);
        const r = solveTour(t.minutes, t.size, 0, stops, { rng: mulberry32(1), kicksPerStop: 10 });
        expectPermutation(r.order, stops);
        expect(r.exact).toBe(false);
        const b = oneTreeBound(t.minutes, t.size, [0, ...stops], { upperBound: r.cost });
        expect(b.bound).toBeLessThanOrEqual(r.cost);
        expect(r.cost / b.bound).toBeLessThan(1.03);
        // better than the nearest-neighbour start it came from
        const plain = searchTour(t.minutes, t.size, 0, stops, { rng: mulberry32(1), kicks: 0 });
        expect(r.cost).toBeLessThanOrEqual(plain.cost + 1e-9);
    });

    it('is deterministic for a seed', () => {
        const t = travel.tableSync(routeInstance('metro', 60, 2).points);
        const stops = Array.from({ length: 60 }, (_, i) => i + 1);
        const a = solveTour(t.minutes, t.size, 0, stops, { rng: mulberry32(9) });
        const b = solveTour(t.minutes, t.size, 0, stops, { rng: mulberry32(9) });
        expect(a.order).toEqual(b.order);
        expect(a.work).toBe(b.work);
    });

    it('certifies a tour when the 1-tree is itself a tour (points on a circle)', () => {
        const m = 10;
        const cost = new Float64Array(m * m);
        for (let i = 0; i < m; i++)
            for (let j = 0; j < m; j++) {
                const a = (2 * Math.PI * i) / m;
                const b = (2 * Math.PI * j) / m;
                cost[i * m + j] = Math.hypot(Math.cos(a) - Math.cos(b), Math.sin(a) - Math.sin(b));
            }
        const perimeter = m * 2 * Math.sin(Math.PI / m);
        const b = oneTreeBound(
            cost,
            m,
            Array.from({ length: m }, (_, i) => i),
            { upperBound: perimeter }
        );
        expect(b.bound).toBeCloseTo(perimeter, 6);
    });
});
