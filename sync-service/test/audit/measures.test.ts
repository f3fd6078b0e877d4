import { describe, expect, it } from 'vitest';
import { auditMeasure } from '../../src/audit/measures.js';
import { mulberry32 } from '../../src/engine/geo.js';

function column(values: number[], raw?: string[]) {
    return {
        name: 'Potential',
        raw: raw ?? values.map(String),
        values: Float64Array.from(values)
    };
}

function run(values: number[], raw?: string[]) {
    return auditMeasure(
        column(values, raw),
        values.map((_, i) => `A${i}`),
        values.map((_, i) => i + 2)
    );
}

function logNormal(n: number, median: number, sigma: number, seed: number): number[] {
    const rand = mulberry32(seed);
    return Array.from({ length: n }, () => {
        const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
        return Math.round(median * Math.exp(sigma * z));
    });
}

describe('auditMeasure', () => {
    it('flags nothing on heavily skewed but normal data (log-normal, σ = 1.5, 20k values)', () => {
        const values = logNormal(20_000, 40_000, 1.5, 3);
        const max = Math.max(...values);
        const min = Math.min(...values);
        expect(max / min).toBeGreaterThan(10_000); // wide skew: a plain z-score would flag these
        const { issues, stats } = run(values);
        expect(issues).toEqual([]);
        expect(stats.logSpread!).toBeGreaterThan(1.4);
        expect(stats.logSpread!).toBeLessThan(1.6);
    });

    it('flags a value with extra zeros and one in the wrong unit, naming both', () => {
        const values = logNormal(500, 40_000, 0.8, 4);
        values[17] = 40_000_000_000;
        values[99] = 3; // entered in thousands
        const { issues } = run(values);
        expect(issues.map((i) => [i.accountId, i.category])).toEqual([
            ['A17', 'measure_outlier'],
            ['A99', 'measure_outlier']
        ]);
        expect(issues[0]!.message).toMatch(/above the median/);
        expect(issues[1]!.message).toMatch(/below the median/);
    });

    it('does not flag ordinary values next to a column of mostly equal values', () => {
        const values = Array.from({ length: 100 }, (_, i) => (i < 80 ? 10 : 12 + (i % 5)));
        values[50] = 5000;
        const { issues } = run(values);
        expect(issues.map((i) => i.accountId)).toEqual(['A50']);
    });

    it('needs 20 positive values before judging outliers; zeros are not outliers', () => {
        const few = [1, 2, 3, 1_000_000];
        expect(run(few).issues).toEqual([]);
        expect(run(few).stats.median).toBeNull();
        const withZeros = [...logNormal(100, 50, 0.5, 5), 0, 0, 0];
        expect(run(withZeros).issues).toEqual([]);
    });

    it('tells empty, non-numeric and negative values apart', () => {
        const values = [1, NaN, NaN, -4, 2];
        const { issues } = run(values, ['1', '', '$1,000', '-4', '2']);
        expect(issues.map((i) => [i.accountId, i.category])).toEqual([
            ['A1', 'missing_measure'],
            ['A2', 'invalid_measure'],
            ['A3', 'negative_measure']
        ]);
        expect(issues[1]!.message).toBe("Potential '$1,000' is not a number.");
    });
});
