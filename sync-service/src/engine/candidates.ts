/**
 * Candidate reps per account: the K nearest centres by 3-D unit-vector dot product. Brute force for
 * small instances; for large ones radius queries on a k-d tree of the centres, with the accounts
 * visited in Morton order so each query starts from its neighbour's radius.
 */
import KDBush from 'kdbush';
import { unitToLatLon } from './geo.js';

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
 * spatially coherent order, which keeps the k-d tree's query radius close to what is needed.
 */
export function nearestCentres(
    xyz: Float64Array,
    n: number,
    centres: Float64Array,
    k: number,
    K: number,
    order?: Int32Array,
    method: 'auto' | 'brute' | 'tree' = 'auto'
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
    // k-d tree (kdbush) on the centres in an equirectangular projection: a radius query that
    // holds at least K centres, then a second one wide enough to hold every centre closer than
    // the K-th by great circle (the projection shrinks east–west distances north of the
    // reference latitude), then exact dot products. Exact, unlike a greedy walk on the centres'
    // neighbour graph, which stalls between clusters of homes.
    const cLat = new Float64Array(k);
    const cLon = new Float64Array(k);
    let minLon = Infinity;
    let maxLon = -Infinity;
    let meanLat = 0;
    for (let r = 0; r < k; r++) {
        [cLat[r], cLon[r]] = unitToLatLon(
            centres[3 * r]!,
            centres[3 * r + 1]!,
            centres[3 * r + 2]!
        );
        minLon = Math.min(minLon, cLon[r]!);
        maxLon = Math.max(maxLon, cLon[r]!);
        meanLat += cLat[r]!;
    }
    meanLat /= k;
    const cl = Math.max(0.05, Math.cos((meanLat * Math.PI) / 180));
    const index = new KDBush(k, 16, Float64Array);
    for (let r = 0; r < k; r++) index.add(cLon[r]! * cl, cLat[r]!);
    index.finish();
    const wraps = maxLon - minLon > 180;
    let radius = 1;
    for (let p = 0; p < n; p++) {
        const i = order ? order[p]! : p;
        const x = xyz[3 * i]!;
        const y = xyz[3 * i + 1]!;
        const z = xyz[3 * i + 2]!;
        const lat = (Math.asin(Math.max(-1, Math.min(1, z))) * 180) / Math.PI;
        const lon = (Math.atan2(y, x) * 180) / Math.PI;
        const qx = lon * cl;
        let found: number[] = [];
        if (!wraps) {
            for (let t = 0; t < 40; t++) {
                found = index.within(qx, lat, radius);
                if (found.length >= K) break;
                radius *= 1.6;
            }
        }
        let size = 0;
        if (found.length < K) {
            // far from everything, or a set of centres spanning the antimeridian: all of them
            for (let r = 0; r < k; r++) {
                size = push(
                    r,
                    x * centres[3 * r]! + y * centres[3 * r + 1]! + z * centres[3 * r + 2]!,
                    size
                );
            }
        } else {
            for (const r of found) {
                size = push(
                    r,
                    x * centres[3 * r]! + y * centres[3 * r + 1]! + z * centres[3 * r + 2]!,
                    size
                );
            }
            // every centre within the K-th's great-circle distance lies within this projected radius
            const ang = (Math.acos(Math.max(-1, Math.min(1, topD[K - 1]!))) * 180) / Math.PI;
            const stretch = Math.max(
                1,
                cl / Math.max(0.05, Math.cos(((Math.abs(lat) + ang) * Math.PI) / 180))
            );
            const need = ang * stretch * 1.02 + 1e-9;
            if (need > radius) {
                size = 0;
                for (const r of index.within(qx, lat, need)) {
                    size = push(
                        r,
                        x * centres[3 * r]! + y * centres[3 * r + 1]! + z * centres[3 * r + 2]!,
                        size
                    );
                }
            }
            // the next point (spatial order) starts a little tighter
            radius = Math.max(1e-6, Math.min(radius, need) * 0.9);
        }
        for (let q = 0; q < K; q++) {
            rep[i * K + q] = topR[q]!;
            dot[i * K + q] = topD[q]!;
        }
    }
    return { K, rep, dot };
}

/**
 * The `nb` nearest other accounts of every account (row-major n × nb, −1 where fewer exist), by
 * radius queries on a k-d tree in an equirectangular projection (approximate far from the mean
 * latitude, which is enough to tell whether an account lies on a territory's border).
 */
export function accountNeighbours(
    lat: Float64Array,
    lon: Float64Array,
    nb: number,
    order?: Int32Array
): Int32Array {
    const n = lat.length;
    const out = new Int32Array(n * nb).fill(-1);
    if (n < 2) return out;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += lat[i]!;
    const cl = Math.max(0.05, Math.cos(((mean / n) * Math.PI) / 180));
    const index = new KDBush(n, 64, Float64Array);
    for (let i = 0; i < n; i++) index.add(lon[i]! * cl, lat[i]!);
    index.finish();
    const want = Math.min(nb, n - 1);
    let radius = 0.01;
    const ds: number[] = [];
    for (let p = 0; p < n; p++) {
        const i = order ? order[p]! : p;
        const x = lon[i]! * cl;
        const y = lat[i]!;
        let found: number[] = [];
        for (let t = 0; t < 60; t++) {
            found = index.within(x, y, radius);
            if (found.length > want) break;
            radius *= 1.6;
        }
        ds.length = 0;
        for (const j of found) {
            if (j === i) continue;
            const dx = lon[j]! * cl - x;
            const dy = lat[j]! - y;
            ds.push(dx * dx + dy * dy, j);
        }
        const m = ds.length / 2;
        const idx = Array.from({ length: m }, (_, q) => q).sort(
            (a, b) => ds[2 * a]! - ds[2 * b]! || ds[2 * a + 1]! - ds[2 * b + 1]!
        );
        for (let q = 0; q < Math.min(want, m); q++) out[i * nb + q] = ds[2 * idx[q]! + 1]!;
        // the next account (spatial order) starts with a radius just above what this one needed
        if (found.length > 4 * (want + 1)) radius *= 0.7;
    }
    return out;
}
