/**
 * Three-way partition of idx[a, b) around `pivot` by key[idx[·]]: afterwards idx[a, lt) < pivot,
 * idx[lt, gt) == pivot and idx[gt, b) > pivot. Returns [lt, gt]. The step shared by the weighted
 * quickselects (the bisection's cut and the weighted quantile of the price refinement).
 */
export function partition3(
    idx: Int32Array,
    key: Float64Array,
    a: number,
    b: number,
    pivot: number
): [number, number] {
    let lt = a;
    let gt = b;
    let p = a;
    while (p < gt) {
        const v = key[idx[p]!]!;
        if (v < pivot) {
            const t = idx[p]!;
            idx[p] = idx[lt]!;
            idx[lt] = t;
            lt++;
            p++;
        } else if (v > pivot) {
            gt--;
            const t = idx[p]!;
            idx[p] = idx[gt]!;
            idx[gt] = t;
        } else p++;
    }
    return [lt, gt];
}

/**
 * Smallest key x such that the weight of keys ≤ x reaches `need` (weighted quickselect, O(m)
 * expected); Infinity when the total weight is short.
 */
export function weightedQuantile(
    key: Float64Array,
    w: Float64Array,
    m: number,
    need: number
): number {
    const idx = new Int32Array(m);
    for (let p = 0; p < m; p++) idx[p] = p;
    let a = 0;
    let b = m;
    let acc = 0;
    while (a < b) {
        const pivot = key[idx[(a + b) >> 1]!]!;
        const [lt, gt] = partition3(idx, key, a, b, pivot);
        let wl = 0;
        for (let q = a; q < lt; q++) wl += w[idx[q]!]!;
        if (acc + wl >= need) {
            b = lt;
            continue;
        }
        let we = 0;
        for (let q = lt; q < gt; q++) we += w[idx[q]!]!;
        if (acc + wl + we >= need) return pivot;
        acc += wl + we;
        a = gt;
    }
    return Infinity;
}
