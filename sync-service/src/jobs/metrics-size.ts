/**
 * Keeps a scenario's metrics within `Metrics_JSON__c` (Long Text, 131,072 characters). Large plans
 * (hundreds of reps) produce longer per-rep lists; those are shortened, largest change first kept,
 * and the record says how many rows were left out (the full lists come back from compare).
 */

/** Long Text(131072) of Territory_Scenario__c.Metrics_JSON__c. */
export const METRICS_MAX_CHARS = 131_072;

/** Per-rep lists, in the order they are shortened. */
const LISTS = ['changes', 'rollout', 'reps'] as const;

export function fitMetrics(
    metrics: Record<string, unknown>,
    maxChars = METRICS_MAX_CHARS
): Record<string, unknown> {
    const size = (m: Record<string, unknown>) => JSON.stringify(m).length;
    if (size(metrics) <= maxChars) return metrics;
    const fitted: Record<string, unknown> = { ...metrics };
    const truncated: Record<string, number> = {};
    for (const key of LISTS) {
        const list = metrics[key];
        if (!Array.isArray(list)) continue;
        let keep = list.length;
        while (keep > 0 && size({ ...fitted, truncated }) > maxChars) {
            keep = Math.floor(keep / 2);
            fitted[key] = list.slice(0, keep);
            truncated[key] = list.length - keep;
        }
        if (size({ ...fitted, truncated }) <= maxChars) break;
    }
    const result = { ...fitted, truncated };
    if (size(result) > maxChars)
        throw new Error(
            `Scenario metrics are ${size(result)} characters even without per-rep lists (limit ${maxChars})`
        );
    return result;
}
