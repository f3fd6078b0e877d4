import { describe, expect, it } from 'vitest';
import { fitMetrics } from '../../src/jobs/metrics-size.js';

describe('fitMetrics', () => {
    const row = (i: number) => ({ territoryId: `T${i}`, gained: i, lost: 0, note: 'x'.repeat(80) });

    it('leaves metrics that fit alone', () => {
        const metrics = { maxDeviation: 0.04, changes: [row(1), row(2)] };
        expect(fitMetrics(metrics, 10_000)).toBe(metrics);
    });

    it('shortens the per-rep lists, first ones first, and says how many rows were left out', () => {
        const metrics = {
            maxDeviation: 0.04,
            changes: Array.from({ length: 400 }, (_, i) => row(i)),
            reps: Array.from({ length: 40 }, (_, i) => row(i))
        };
        const fitted = fitMetrics(metrics, 20_000);
        expect(JSON.stringify(fitted).length).toBeLessThanOrEqual(20_000);
        const changes = fitted.changes as unknown[];
        expect(changes.length).toBeGreaterThan(0);
        expect(changes).toEqual(metrics.changes.slice(0, changes.length));
        expect(fitted.truncated).toEqual({ changes: 400 - changes.length });
        expect(fitted.reps).toBe(metrics.reps);
        expect(fitted.maxDeviation).toBe(0.04);
    });
});
