/**
 * Exact shortest tour by the Held–Karp dynamic programme (Held & Karp 1962; Bellman 1962): the
 * cheapest path from the depot through each subset of stops, ending at each stop. O(2^k · k²) time
 * and O(2^k · k) memory for k stops, so it is used for k ≤ 12 (4,096 × 12 states).
 */

/** The largest number of stops (depot excluded) solved exactly. */
export const HELD_KARP_MAX_STOPS = 12;

export interface Tour {
    /** nodes in visiting order, starting with the depot 0 (the return to 0 is implied) */
    order: number[];
    cost: number;
}

/** Cost of a closed tour that starts at `order[0]` and returns to it. */
export function tourCost(cost: Float64Array, size: number, order: readonly number[]): number {
    let c = 0;
    for (let p = 0; p < order.length; p++) {
        const a = order[p]!;
        const b = order[(p + 1) % order.length]!;
        c += cost[a * size + b]!;
    }
    return c;
}

/**
 * The optimal tour through `nodes` (indices into the `size`×`size` cost matrix) starting and ending
 * at `depot`. Ties are broken towards the lower subset and stop index, so the answer is
 * deterministic. Throws for more than {@link HELD_KARP_MAX_STOPS} stops.
 */
export function heldKarp(
    cost: Float64Array,
    size: number,
    depot: number,
    nodes: readonly number[]
): Tour {
    const k = nodes.length;
    if (k > HELD_KARP_MAX_STOPS)
        throw new RangeError(
            `heldKarp solves at most ${HELD_KARP_MAX_STOPS} stops exactly (got ${k}); use solveTour.`
        );
    if (k === 0) return { order: [depot], cost: 0 };
    if (k === 1) {
        const x = nodes[0]!;
        return { order: [depot, x], cost: cost[depot * size + x]! + cost[x * size + depot]! };
    }
    const full = (1 << k) - 1;
    const dp = new Float64Array((full + 1) * k).fill(Infinity);
    const parent = new Int8Array((full + 1) * k).fill(-1);
    for (let j = 0; j < k; j++) dp[(1 << j) * k + j] = cost[depot * size + nodes[j]!]!;
    for (let mask = 1; mask <= full; mask++) {
        for (let j = 0; j < k; j++) {
            if (!(mask & (1 << j))) continue;
            const here = dp[mask * k + j]!;
            if (here === Infinity) continue;
            const row = nodes[j]! * size;
            for (let t = 0; t < k; t++) {
                if (mask & (1 << t)) continue;
                const next = mask | (1 << t);
                const c = here + cost[row + nodes[t]!]!;
                if (c < dp[next * k + t]!) {
                    dp[next * k + t] = c;
                    parent[next * k + t] = j;
                }
            }
        }
    }
    let best = Infinity;
    let last = -1;
    for (let j = 0; j < k; j++) {
        const c = dp[full * k + j]! + cost[nodes[j]! * size + depot]!;
        if (c < best) {
            best = c;
            last = j;
        }
    }
    const rev: number[] = [];
    let mask = full;
    let j = last;
    while (j >= 0) {
        rev.push(nodes[j]!);
        const p = parent[mask * k + j]!;
        mask &= ~(1 << j);
        j = p;
    }
    rev.push(depot);
    rev.reverse();
    return { order: rev, cost: best };
}
