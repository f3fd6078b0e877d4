/**
 * Shape metric: the share of an account's nearest neighbours (same segment) that share its
 * territory, averaged over a deterministic sample of accounts. Uses a uniform grid in a local
 * km projection.
 */
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
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < n; i++) {
        x0 = Math.min(x0, xs[i]!);
        x1 = Math.max(x1, xs[i]!);
        y0 = Math.min(y0, ys[i]!);
        y1 = Math.max(y1, ys[i]!);
    }
    const side = Math.max(1, Math.round(Math.sqrt(n / 4)));
    const cw = (x1 - x0) / side || 1;
    const ch = (y1 - y0) / side || 1;
    const cellOf = (i: number): [number, number] => [
        Math.min(side - 1, Math.floor((xs[i]! - x0) / cw)),
        Math.min(side - 1, Math.floor((ys[i]! - y0) / ch))
    ];
    const start = new Int32Array(side * side + 1);
    for (let i = 0; i < n; i++) {
        const [cx, cy] = cellOf(i);
        start[cy * side + cx + 1]!++;
    }
    for (let p = 0; p < side * side; p++) start[p + 1]! += start[p]!;
    const fill = start.slice(0, side * side);
    const items = new Int32Array(n);
    for (let i = 0; i < n; i++) {
        const [cx, cy] = cellOf(i);
        items[fill[cy * side + cx]!++] = i;
    }
    const step = Math.max(1, Math.floor(n / sample));
    let sum = 0;
    let count = 0;
    const seg = acc.segment;
    for (let i = 0; i < n; i += step) {
        const [cx, cy] = cellOf(i);
        let ring = 1;
        let cand: { j: number; d: number }[] = [];
        for (;;) {
            cand = [];
            for (let gy = Math.max(0, cy - ring); gy <= Math.min(side - 1, cy + ring); gy++) {
                for (let gx = Math.max(0, cx - ring); gx <= Math.min(side - 1, cx + ring); gx++) {
                    for (let p = start[gy * side + gx]!; p < start[gy * side + gx + 1]!; p++) {
                        const j = items[p]!;
                        if (j === i || (seg && seg[j] !== seg[i])) continue;
                        cand.push({ j, d: (xs[j]! - xs[i]!) ** 2 + (ys[j]! - ys[i]!) ** 2 });
                    }
                }
            }
            if (cand.length >= neighbours * 2 || ring >= side) break;
            ring *= 2;
        }
        cand.sort((a, b) => a.d - b.d || a.j - b.j);
        const near = cand.slice(0, neighbours);
        if (near.length === 0) continue;
        sum += near.filter(({ j }) => assign[j] === assign[i]).length / near.length;
        count++;
    }
    return count > 0 ? sum / count : 1;
}
