/**
 * The units benchmark's exact instrument (bench/lib/baselines.ts, exactUnitPlan) on instances
 * small enough to solve by hand: units along a line (their Delaunay graph is the path through
 * them), two accounts per unit, two reps, Count balanced so each rep takes two units.
 */
import { describe, expect, it } from 'vitest';
import { exactUnitPlan } from '../../bench/lib/baselines.js';
import type { Instance } from '../../bench/lib/instances.js';
import { postalUnits } from '../../bench/lib/postal-units.js';

/** Units u0..u3 at longitudes −100..−97 on latitude 40; rep A at the middle, rep B north of it. */
function lineInstance(): { inst: Instance; postal: string[] } {
    const lon: number[] = [];
    const postal: string[] = [];
    for (let u = 0; u < 4; u++)
        for (let j = 0; j < 2; j++) {
            lon.push(-100 + u);
            postal.push(`u${u}`);
        }
    const n = lon.length;
    return {
        postal,
        inst: {
            name: 'line',
            measures: ['Count'],
            acc: {
                ids: lon.map((_, i) => `a${i}`),
                lat: new Float64Array(n).fill(40),
                lon: Float64Array.from(lon),
                measureNames: [],
                measures: [],
                segment: null,
                locked: null,
                currentRep: null
            },
            reps: {
                ids: ['A', 'B'],
                lat: Float64Array.from([40, 45]),
                lon: Float64Array.from([-98.5, -98.5]),
                capacity: Float64Array.from([1, 1]),
                segment: null,
                leftIds: []
            }
        }
    };
}

/** The rep of each unit u0..u3 in a plan (every account of a unit has the same one). */
function unitReps(assign: Int32Array): string {
    const out: string[] = [];
    for (let u = 0; u < 4; u++) {
        expect(assign[2 * u]).toBe(assign[2 * u + 1]);
        out.push(assign[2 * u] === 0 ? 'A' : 'B');
    }
    return out.join('');
}

describe('exactUnitPlan', () => {
    it('without contiguity: the least travel, whole units, in pieces if that is cheaper', async () => {
        const { inst, postal } = lineInstance();
        const plan = await exactUnitPlan(inst, postalUnits(inst, postal), 0.05, 30);
        expect(plan.status).toBe('Optimal');
        expect(plan.units).toBe(4);
        // A (on the line) takes the two middle units; B, far north, is nearly as far from all
        expect(unitReps(plan.assign!)).toBe('BAAB');
    });

    it('with contiguity: separator cuts until each rep is one piece, at a higher cost', async () => {
        const { inst, postal } = lineInstance();
        const loose = await exactUnitPlan(inst, postalUnits(inst, postal), 0.05, 30);
        const plan = await exactUnitPlan(inst, postalUnits(inst, postal), 0.05, 30, {
            contiguous: true
        });
        expect(plan.status).toBe('Optimal');
        expect(plan.rounds).toBeGreaterThan(1);
        expect(['AABB', 'BBAA']).toContain(unitReps(plan.assign!));
        expect(plan.objective).toBeGreaterThan(loose.objective);
    });

    it('proves the units too coarse: units of 2 and 6 accounts cannot give 2 reps 4 each', async () => {
        const { inst, postal } = lineInstance();
        const two = postal.map((p) => (p === 'u0' ? 'u0' : 'u1'));
        const plan = await exactUnitPlan(inst, postalUnits(inst, two), 0.05, 30);
        expect(plan.units).toBe(2);
        expect(plan.status).toBe('Infeasible');
        expect(plan.assign).toBeUndefined();
    });
});
