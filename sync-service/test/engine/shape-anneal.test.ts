import { describe, expect, it } from 'vitest';
import { accountNeighbours } from '../../src/engine/candidates.js';
import { SafetyCap } from '../../src/engine/effort.js';
import { toUnit } from '../../src/engine/geo.js';
import { centreKm } from '../../src/engine/solver/candidates-table.js';
import { annealShape } from '../../src/engine/solver/shape-anneal.js';
import { State } from '../../src/engine/solver/state.js';
import type { SubProblem } from '../../src/engine/solver/types.js';
import { rng } from './helpers.js';

/**
 * A 20 × 20 grid of accounts (one measure, all equal) and 4 reps at the quadrants' centres,
 * started from a plan whose quadrants are each salted with accounts of the other reps (every
 * rep still at its target): annealing should give the islands back without leaving the band or
 * the travel cap.
 */
function saltedGrid(): { problem: SubProblem; assign: Int32Array; nb: Int32Array } {
    const side = 20;
    const n = side * side;
    const k = 4;
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    const xyz = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
        lat[i] = 40 + 0.01 * Math.floor(i / side);
        lon[i] = -75 + 0.013 * (i % side);
        toUnit(lat[i]!, lon[i]!, xyz, 3 * i);
    }
    const home = new Float64Array(3 * k);
    const homes = [
        [40.05, -74.94],
        [40.05, -74.81],
        [40.15, -74.94],
        [40.15, -74.81]
    ];
    homes.forEach(([la, lo], r) => toUnit(la!, lo!, home, 3 * r));
    const quadrant = (i: number): number =>
        (Math.floor(i / side) >= side / 2 ? 2 : 0) + (i % side >= side / 2 ? 1 : 0);
    const assign = Int32Array.from({ length: n }, (_, i) => quadrant(i));
    // salt: swap 12 random pairs of accounts between quadrants (loads stay equal)
    const r = rng(7);
    for (let t = 0; t < 12; t++) {
        const i = Math.floor(r() * n);
        const j = Math.floor(r() * n);
        if (assign[i] === assign[j]) continue;
        [assign[i], assign[j]] = [assign[j]!, assign[i]!];
    }
    // each account's 8 nearest accounts, by the engine's own neighbour search
    const nb = accountNeighbours(lat, lon, 8);
    const problem: SubProblem = {
        n,
        k,
        M: 1,
        lat,
        lon,
        xyz,
        a: new Float64Array(n).fill(1),
        mw: Float64Array.of(1),
        fixed: new Int32Array(n).fill(-1),
        cur: new Int32Array(n).fill(-1),
        cap: new Float64Array(k).fill(1 / k),
        home,
        hasHome: new Uint8Array(k).fill(1),
        tolerance: 0.05,
        disruptionWeight: 0,
        seed: 1,
        clock: new SafetyCap(Date.now() + 600_000)
    };
    return { problem, assign, nb };
}

const options = {
    band: 0.05,
    travelSlack: 0.02,
    target: 0.95,
    reference: 1,
    pairKm: 0.5,
    proposals: 200,
    seed: 1
};

function travel(problem: SubProblem, assign: Int32Array): number {
    let km = 0;
    for (let i = 0; i < problem.n; i++) km += centreKm(problem, problem.home, i, assign[i]!);
    return km;
}

describe('annealShape', () => {
    it('gives islands back within the band and the travel cap, the same plan each run', () => {
        const { problem, assign, nb } = saltedGrid();
        const km0 = travel(problem, assign);
        const state = new State(problem, Int32Array.from(assign));
        const res = annealShape(state, problem.home, nb, options);
        expect(res.purityBefore).toBeLessThan(0.9);
        expect(res.purityAfter).toBeGreaterThan(res.purityBefore + 0.05);
        expect(state.maxDeviation()).toBeLessThanOrEqual(0.05 + 1e-12);
        expect(travel(problem, state.assign)).toBeLessThanOrEqual(km0 * 1.02 * (1 + 1e-9));
        expect(res.travelRatio).toBeLessThanOrEqual(1.02 + 1e-9);

        const again = new State(problem, Int32Array.from(assign));
        annealShape(again, problem.home, nb, options);
        expect(Array.from(again.assign)).toEqual(Array.from(state.assign));
    });

    it('keeps locked accounts where they are', () => {
        const { problem, assign, nb } = saltedGrid();
        // lock every account that sits in another rep's quadrant
        const islands: number[] = [];
        const state0 = new State(problem, Int32Array.from(assign));
        const res0 = annealShape(state0, problem.home, nb, options);
        for (let i = 0; i < problem.n; i++) if (state0.assign[i] !== assign[i]) islands.push(i);
        expect(islands.length).toBeGreaterThan(0);
        expect(res0.accepted).toBeGreaterThan(0);
        for (const i of islands) problem.fixed[i] = assign[i]!;
        const state = new State(problem, Int32Array.from(assign));
        annealShape(state, problem.home, nb, options);
        for (const i of islands) expect(state.assign[i]).toBe(assign[i]);
    });
});
