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
