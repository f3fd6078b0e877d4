/**
 * Measure checks: empty, non-numeric and negative values, and outliers. Account measures
 * (potential, revenue, workload) are right-skewed, often close to log-normal, so outliers are
 * judged on ln(value) with the median and the median absolute deviation, which a few wild values
 * cannot move: a skewed but normal column flags nothing, and a value typed with three extra zeros
 * (or in the wrong unit) stands out.
 */
import { AUDIT_CATEGORY } from './types.js';
import type { AuditIssue, MeasureColumn, MeasureStats } from './types.js';

/** Fewer positive values than this give no trustworthy spread: no outlier check. */
export const MIN_OUTLIER_SAMPLE = 20;
/**
 * Robust z-score beyond which a value is an outlier. On a log-normal column, 5 standard
 * deviations either side are passed by about 6 values in 10 million: normal skew is not flagged.
 */
export const OUTLIER_Z = 5;
/**
 * And at least this factor away from the median, so that a tight column (most values equal,
 * spread near 0) does not flag ordinary values next to it.
 */
export const OUTLIER_MIN_FACTOR = 10;
/** 1 / Φ⁻¹(3/4): scales the MAD to a standard deviation for normal data. */
const MAD_TO_SD = 1.4826;

/** Issues for one measure column, and the statistics its outlier check used. */
export function auditMeasure(
    column: MeasureColumn,
    ids: string[],
    lines: number[]
): { issues: AuditIssue[]; stats: MeasureStats } {
    const issues: AuditIssue[] = [];
    const { name, raw, values } = column;
    const logs: number[] = [];
    for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        const base = { accountId: ids[i]!, line: lines[i]!, column: name };
        if (Number.isNaN(v)) {
            if (raw[i] === '')
                issues.push({
                    ...base,
                    category: AUDIT_CATEGORY.MISSING_MEASURE,
                    message: `${name} is empty.`,
                    suggestion: `Fill in ${name} (write 0 if the account has none); territory balance rejects empty measures.`
                });
            else
                issues.push({
                    ...base,
                    category: AUDIT_CATEGORY.INVALID_MEASURE,
                    message: `${name} '${raw[i]}' is not a number.`,
                    suggestion: `Write ${name} as a plain number (no currency signs, thousands separators or text).`
                });
        } else if (v < 0) {
            issues.push({
                ...base,
                category: AUDIT_CATEGORY.NEGATIVE_MEASURE,
                message: `${name} is ${raw[i]}, below 0.`,
                suggestion: `Correct ${name} (measures are amounts of work or value, at least 0).`
            });
        } else if (v > 0) logs.push(Math.log(v));
    }
    const stats: MeasureStats = { name, positives: logs.length, median: null, logSpread: null };
    if (logs.length < MIN_OUTLIER_SAMPLE) return { issues, stats };
    logs.sort((a, b) => a - b);
    const mid = median(logs);
    const spread = MAD_TO_SD * median(logs.map((x) => Math.abs(x - mid)).sort((a, b) => a - b));
    stats.median = Math.exp(mid);
    stats.logSpread = spread;
    const minLogGap = Math.log(OUTLIER_MIN_FACTOR);
    for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (!(v > 0)) continue;
        const gap = Math.log(v) - mid;
        const z = spread > 0 ? Math.abs(gap) / spread : Infinity;
        if (Math.abs(gap) < minLogGap || z <= OUTLIER_Z) continue;
        const factor = Math.exp(Math.abs(gap));
        issues.push({
            accountId: ids[i]!,
            line: lines[i]!,
            column: name,
            category: AUDIT_CATEGORY.MEASURE_OUTLIER,
            message: `${name} ${raw[i]} is ${fmtFactor(factor)} ${gap > 0 ? 'above' : 'below'} the median ${fmtNumber(stats.median)} (${Number.isFinite(z) ? `${z.toFixed(1)} robust standard deviations on a log scale` : 'most values are equal'}).`,
            suggestion: `Check ${name} for a typing or unit error (extra or missing zeros, thousands vs units); if it is right, the account will weigh ${gap > 0 ? 'heavily' : 'little'} in the balance.`
        });
    }
    return { issues, stats };
}

/** Median of sorted values. */
function median(sorted: number[]): number {
    const m = sorted.length >> 1;
    return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

function fmtFactor(f: number): string {
    return `${f >= 100 ? Math.round(f).toLocaleString('en-US') : f.toFixed(1)}×`;
}

function fmtNumber(x: number): string {
    return Number(x.toPrecision(4)).toLocaleString('en-US');
}
