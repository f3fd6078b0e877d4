/**
 * Three-way partition of idx[a, b) around `pivot` by key[idx[·]]: afterwards idx[a, lt) < pivot,
 * idx[lt, gt) == pivot and idx[gt, b) > pivot. Returns [lt, gt]. The step of the weighted
 * quickselect (`weightedSelect`).
 */
function partition3(
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
 * The one weighted quickselect (O(m) expected) behind `weightedQuantile` and `weightedCut`:
 * narrows idx[lo, hi) around pivot keys (the middle element's key, `partition3`) to the block of
 * equal keys in which the running weight, in key order, reaches `need`. Each pivot block
 * idx[lt, gt) whose smaller keys weigh less than `need` (`acc` before the range, `wl` within it)
 * goes to `settle(pivot, lt, gt, acc, wl)`: it returns the running weight through the block (the
 * search goes on above it), or null when `need` is met inside the block (the search stops).
 * Returns where the search stopped: that block's start, or the end of the narrowed range.
 */
function weightedSelect(
    idx: Int32Array,
    key: Float64Array,
    w: Float64Array,
    lo: number,
    hi: number,
    need: number,
    settle: (pivot: number, lt: number, gt: number, acc: number, wl: number) => number | null
): number {
    let a = lo;
    let b = hi;
    let acc = 0; // weight of idx[lo, a)
    while (a < b) {
        const pivot = key[idx[(a + b) >> 1]!]!;
        const [lt, gt] = partition3(idx, key, a, b, pivot);
        let wl = 0;
        for (let q = a; q < lt; q++) wl += w[idx[q]!]!;
        if (acc + wl >= need) {
            b = lt;
            continue;
        }
        const through = settle(pivot, lt, gt, acc, wl);
        if (through === null) return lt;
        acc = through;
        a = gt;
    }
    return a;
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
    let found = Infinity;
    weightedSelect(idx, key, w, 0, m, need, (pivot, lt, gt, acc, wl) => {
        let we = 0;
        for (let q = lt; q < gt; q++) we += w[idx[q]!]!;
        if (acc + wl + we >= need) {
            found = pivot;
            return null;
        }
        return acc + (wl + we);
    });
    return found;
}

/**
 * Partitions idx[lo, hi) by key so that the left part's weight is about targetLeft (an account
 * goes left while at least half its weight fits); returns the cut.
 */
export function weightedCut(
    idx: Int32Array,
    lo: number,
    hi: number,
    key: Float64Array,
    w: Float64Array,
    targetLeft: number
): number {
    let cut = -1;
    const end = weightedSelect(idx, key, w, lo, hi, targetLeft, (_pivot, lt, gt, acc0, wl) => {
        let acc = acc0 + wl;
        for (let q = lt; q < gt; q++) {
            const x = w[idx[q]!]!;
            if (acc + x / 2 > targetLeft) {
                cut = q;
                return null;
            }
            acc += x;
        }
        if (acc >= targetLeft) {
            cut = gt;
            return null;
        }
        return acc;
    });
    return cut >= 0 ? cut : end;
}
