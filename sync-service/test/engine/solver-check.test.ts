import { describe, expect, it } from 'vitest';
import { exactPlan } from '../../bench/lib/baselines.js';
import { generate } from '../../bench/lib/instances.js';
import { balanceColumnar } from '../../src/engine/index.js';

describe('balance against the exact MIP optimum (HiGHS)', () => {
    for (const seed of [1, 2, 3]) {
        it(`meets 5 % on 3 measures within 6 % of the optimum travel (80 × 4, seed ${seed})`, async () => {
            const inst = generate({ n: 80, k: 4, seed, homes: true });
            const { report } = balanceColumnar(inst.acc, inst.reps, {
                balance: inst.measures,
                tolerance: 0.05
            });
            const opt = await exactPlan(inst, 0.05, 'travel', true, 60);
            expect(opt.status).toBe('Optimal');
            expect(report.withinTolerance).toBe(true);
            expect(report.travelKm).toBeGreaterThanOrEqual(opt.objective * (1 - 1e-6));
            expect(report.travelKm).toBeLessThanOrEqual(opt.objective * 1.06);
        });
    }
});
