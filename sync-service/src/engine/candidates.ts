/**
 * Candidate reps per account: the K nearest centres by 3-D unit-vector dot product. Brute force for
 * small instances; for large ones a greedy walk on the centres' own nearest-neighbour graph, with
 * the accounts visited in Morton order so each walk starts next to its answer.
 */

/** Indices of the `kk` nearest centres to every centre (itself excluded), row-major k × kk. */
export function centreNeighbours(centres: Float64Array, k: number, kk: number): Int32Array {
    const out = new Int32Array(k * kk);
    const dots = new Float64Array(k);
    const idx = new Int32Array(k);
    for (let r = 0; r < k; r++) {
        const x = centres[3 * r]!;
        const y = centres[3 * r + 1]!;
        const z = centres[3 * r + 2]!;
        for (let s = 0; s < k; s++) {
            dots[s] =
                s === r
                    ? -Infinity
                    : x * centres[3 * s]! + y * centres[3 * s + 1]! + z * centres[3 * s + 2]!;
            idx[s] = s;
        }
        const order = Array.from(idx).sort((a, b) => dots[b]! - dots[a]! || a - b);
        for (let q = 0; q < kk; q++) out[r * kk + q] = order[q] ?? r;
    }
    return out;
}

/** Morton order of the accounts on a 1024 × 1024 lat/lon grid. */
export function mortonOrder(lat: Float64Array, lon: Float64Array, idx: Int32Array): Int32Array {
    const n = idx.length;
    const keys = new Float64Array(n);
    for (let p = 0; p < n; p++) {
        const i = idx[p]!;
        const gx = Math.min(1023, Math.max(0, Math.floor(((lon[i]! + 180) / 360) * 1024)));
        const gy = Math.min(1023, Math.max(0, Math.floor(((lat[i]! + 90) / 180) * 1024)));
        let code = 0;
        for (let b = 0; b < 10; b++) {
            code |= ((gx >> b) & 1) << (2 * b);
            code |= ((gy >> b) & 1) << (2 * b + 1);
        }
        keys[p] = code * 2097152 + p;
    }
    keys.sort();
    const out = new Int32Array(n);
    for (let p = 0; p < n; p++) out[p] = keys[p]! % 2097152;
    return out;
}

export interface Candidates {
    /** width of a row */
    K: number;
    /** n × K rep indices, nearest first */
    rep: Int32Array;
    /** n × K dot products matching `rep` */
    dot: Float64Array;
}

/**
 * The K nearest centres for each of n points (`xyz`, 3n). `order` (optional) visits points in a
 * spatially coherent order, which makes the graph walk short.
 */
export function nearestCentres(
    xyz: Float64Array,
    n: number,
    centres: Float64Array,
    k: number,
    K: number,
    order?: Int32Array,
    method: 'auto' | 'brute' | 'walk' = 'auto'
): Candidates {
    const rep = new Int32Array(n * K);
    const dot = new Float64Array(n * K);
    const topR = new Int32Array(K);
    const topD = new Float64Array(K);
    const push = (r: number, d: number, size: number): number => {
        // insertion into a descending list of length `size` (capacity K)
        if (size === K && d <= topD[K - 1]!) return size;
        let p = size < K ? size : K - 1;
        while (p > 0 && topD[p - 1]! < d) {
            topD[p] = topD[p - 1]!;
            topR[p] = topR[p - 1]!;
            p--;
        }
        topD[p] = d;
        topR[p] = r;
        return size < K ? size + 1 : size;
    };
    const brute = method === 'brute' || (method === 'auto' && (n * k <= 40_000_000 || k <= 64));
    if (brute || k < 2) {
        for (let i = 0; i < n; i++) {
            const x = xyz[3 * i]!;
            const y = xyz[3 * i + 1]!;
            const z = xyz[3 * i + 2]!;
            let size = 0;
            for (let r = 0; r < k; r++) {
                size = push(
                    r,
                    x * centres[3 * r]! + y * centres[3 * r + 1]! + z * centres[3 * r + 2]!,
                    size
                );
            }
            for (let q = 0; q < K; q++) {
                rep[i * K + q] = topR[q]!;
                dot[i * K + q] = topD[q]!;
            }
        }
        return { K, rep, dot };
    }
    const kk = Math.min(k - 1, Math.max(3 * K, 48));
    const nb = centreNeighbours(centres, k, kk);
    let start = 0;
    for (let p = 0; p < n; p++) {
        const i = order ? order[p]! : p;
        const x = xyz[3 * i]!;
        const y = xyz[3 * i + 1]!;
        const z = xyz[3 * i + 2]!;
        let cur = start;
        let curDot = x * centres[3 * cur]! + y * centres[3 * cur + 1]! + z * centres[3 * cur + 2]!;
        for (;;) {
            let best = cur;
            let bestDot = curDot;
            for (let q = 0; q < kk; q++) {
                const s = nb[cur * kk + q]!;
                const d = x * centres[3 * s]! + y * centres[3 * s + 1]! + z * centres[3 * s + 2]!;
                if (d > bestDot) {
                    bestDot = d;
                    best = s;
                }
            }
            if (best === cur) break;
            cur = best;
            curDot = bestDot;
        }
        start = cur;
        let size = push(cur, curDot, 0);
        for (let q = 0; q < kk; q++) {
            const s = nb[cur * kk + q]!;
            size = push(
                s,
                x * centres[3 * s]! + y * centres[3 * s + 1]! + z * centres[3 * s + 2]!,
                size
            );
        }
        for (let q = 0; q < K; q++) {
            rep[i * K + q] = topR[q]!;
            dot[i * K + q] = topD[q]!;
        }
    }
    return { K, rep, dot };
}
