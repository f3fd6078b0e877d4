/**
 * ContiguousPlan on a hand-made grid of units: a start that leaves a rep without any unit (the
 * weighted Voronoi start can: a home whose cell holds no unit centroid) must still end with every
 * rep holding one connected piece, balanced.
 */
import { describe, expect, it } from 'vitest';
import { toUnit } from '../../src/engine/geo.js';
import { ContiguousPlan } from '../../src/engine/units/contiguous.js';
import type { UnitProblem } from '../../src/engine/units/contiguous.js';
import { componentsByOwner, unitAdjacency } from '../../src/engine/units/graph.js';

/** side × side units a tenth of a degree apart, one account each, Count balanced over k reps. */
function grid(side: number, homes: [number, number][]): UnitProblem {
    const n = side * side;
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    for (let u = 0; u < n; u++) {
        // a slight jitter so that the Delaunay triangulation is unique
        lat[u] = 40 + 0.1 * Math.floor(u / side) + 1e-4 * ((u * 7) % 5);
        lon[u] = -100 + 0.1 * (u % side) + 1e-4 * ((u * 3) % 5);
    }
    const xyz = new Float64Array(3 * n);
    for (let u = 0; u < n; u++) toUnit(lat[u]!, lon[u]!, xyz, 3 * u);
    const k = homes.length;
    const home = new Float64Array(3 * k);
    homes.forEach(([la, lo], r) => toUnit(la, lo, home, 3 * r));
    return {
        n,
        graph: unitAdjacency(lat, lon),
        k,
        M: 1,
        load: new Float64Array(n).fill(1),
        tw: new Float64Array(n).fill(1),
        xyz,
        home,
        hasHome: new Uint8Array(k).fill(1),
        target: new Float64Array(k).fill(n / k),
        active: Uint8Array.from([1]),
        fixedLoad: new Float64Array(k),
        cur: new Int32Array(n).fill(-1),
        tolerance: 0.05,
        disruptionWeight: 0
    };
}

describe('ContiguousPlan', () => {
    it('gives a rep the start left without units a connected, balanced piece', () => {
        // homes at the west edge, the east edge and the middle of a 6 × 6 grid
        const problem = grid(6, [
            [40.25, -100],
            [40.25, -99.5],
            [40.25, -99.75]
        ]);
        // the start: west half to rep 0, east half to rep 1, nothing to rep 2
        const start = Int32Array.from({ length: 36 }, (_, u) => (u % 6 < 3 ? 0 : 1));
        const plan = new ContiguousPlan(problem, start);
        plan.run();
        const count = [0, 0, 0];
        for (const r of plan.owner) count[r]!++;
        expect(count).toEqual([12, 12, 12]);
        const { compOwner } = componentsByOwner(problem.graph, plan.owner);
        expect([...compOwner].sort()).toEqual([0, 1, 2]);
        expect(plan.maxDeviation()).toBe(0);
    });
});
