/**
 * ContiguousPlan on a hand-made grid of units: a start that leaves a rep without any unit (the
 * weighted Voronoi start can: a home whose cell holds no unit centroid) must still end with every
 * rep holding one connected piece, balanced.
 */
import { describe, expect, it } from 'vitest';
import { kmFromDot, mulberry32, toUnit } from '../../src/engine/geo.js';
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

    it('merge–split finds a balanced split of two reps wherever one exists (brute force)', () => {
        // 4 × 4 units with coarse random loads and two reps whose homes lie far to the west and
        // the east (so the travel cap rarely binds); every split of the 16 units is enumerated
        // (2^16), and wherever one has both halves connected, within the band and within the
        // travel cap, the merge–split over random spanning trees must reach the band too
        const n = 16;
        let exists = 0;
        let found = 0;
        for (let seed = 1; seed <= 60; seed++) {
            const problem = grid(4, [
                [40.15, -103],
                [40.15, -97]
            ]);
            const rnd = mulberry32(seed);
            const load = Float64Array.from({ length: n }, () => 1 + 9 * rnd() ** 3);
            const total = load.reduce((x, y) => x + y, 0);
            problem.load = load;
            problem.target = new Float64Array(2).fill(total / 2);
            const band = 0.95 * problem.tolerance;
            const within = (owner: Int32Array): boolean => {
                const l = [0, 0];
                for (let u = 0; u < n; u++) l[owner[u]!]! += load[u]!;
                return l.every((x) => Math.abs(x / (total / 2) - 1) <= band + 1e-12);
            };
            const connected = (owner: Int32Array): boolean =>
                componentsByOwner(problem.graph, owner).compOwner.length === 2;
            // travel: each unit (one account) to its rep's home
            const km = Array.from({ length: n }, (_, u) =>
                [0, 1].map((r) => {
                    let dot = 0;
                    for (let d = 0; d < 3; d++)
                        dot += problem.xyz[3 * u + d]! * problem.home[3 * r + d]!;
                    return kmFromDot(dot);
                })
            );
            const travel = (owner: Int32Array): number =>
                owner.reduce((t, r, u) => t + km[u]![r]!, 0);
            const start = Int32Array.from({ length: n }, (_, u) => (u % 4 < 2 ? 0 : 1));
            const before = travel(start);
            let any = false;
            for (let mask = 1; mask < (1 << n) - 1 && !any; mask++) {
                const owner = Int32Array.from({ length: n }, (_, u) => (mask >> u) & 1);
                if (within(owner) && travel(owner) <= 1.05 * before && connected(owner)) any = true;
            }
            const plan = new ContiguousPlan(problem, Int32Array.from(start));
            expect(plan.totalCost()).toBeCloseTo(before, 6);
            plan.treeBalance(band);
            // whatever happened, both territories are one piece each, within the travel cap
            expect(connected(plan.owner)).toBe(true);
            expect(plan.totalCost()).toBeLessThanOrEqual(1.05 * before + 1e-9);
            if (!any || within(start)) continue;
            exists++;
            if (within(plan.owner)) found++;
        }
        expect(exists).toBeGreaterThan(20);
        expect(found).toBe(exists);
    });
});
