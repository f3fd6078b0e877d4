/**
 * Shape metric: the share of an account's nearest neighbours (same segment) that share its
 * territory, averaged over a deterministic sample of accounts (every account when `sample` ≥ the
 * accounts). Exact k nearest neighbours in a local km projection, from radius queries on a k-d
 * tree (kdbush) that double until enough neighbours of the account's segment lie inside; ties go
 * to the lower index. (A uniform grid did this before: on clustered 100k instances its dense
 * cells made a 20,000-account sample take about a minute, so large sizes sampled 2,000.)
 */
import KDBush from 'kdbush';
import type { ColumnarAccounts } from '../../src/engine/metrics.js';

export function neighbourPurity(
    acc: ColumnarAccounts,
    assign: Int32Array,
    neighbours = 8,
    sample = 20000
): number {
    const n = acc.ids.length;
    if (n <= neighbours) return 1;
    let meanLat = 0;
    for (let i = 0; i < n; i++) meanLat += acc.lat[i]!;
    meanLat /= n;
    const c = Math.cos((meanLat * Math.PI) / 180);
    const xs = Float64Array.from(acc.lon, (x) => x * c);
    const ys = acc.lat;
    const index = new KDBush(n, 64, Float64Array);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < n; i++) {
        index.add(xs[i]!, ys[i]!);
        x0 = Math.min(x0, xs[i]!);
        x1 = Math.max(x1, xs[i]!);
        y0 = Math.min(y0, ys[i]!);
        y1 = Math.max(y1, ys[i]!);
    }
    index.finish();
    // the radius that would hold `neighbours` accounts if they were spread evenly
    const even = Math.sqrt(((x1 - x0 || 1) * (y1 - y0 || 1) * neighbours) / (Math.PI * n));
    const step = Math.max(1, Math.floor(n / sample));
    let sum = 0;
    let count = 0;
    const seg = acc.segment;
    let r = even;
    for (let i = 0; i < n; i += step) {
        let near: number[] = [];
        // start from the last account's radius, halved: clustered accounts need far less
        r = Math.max(r / 2, even * 1e-6);
        for (;;) {
            near = index
                .within(xs[i]!, ys[i]!, r)
                .filter((j) => j !== i && (!seg || seg[j] === seg[i]));
            if (near.length >= neighbours || r > 4 * Math.hypot(x1 - x0, y1 - y0) + 1) break;
            r *= 2;
        }
        const d = (j: number): number => (xs[j]! - xs[i]!) ** 2 + (ys[j]! - ys[i]!) ** 2;
        near.sort((a, b) => d(a) - d(b) || a - b);
        near = near.slice(0, neighbours);
        if (near.length === 0) continue;
        sum += near.filter((j) => assign[j] === assign[i]).length / near.length;
        count++;
    }
    return count > 0 ? sum / count : 1;
}
