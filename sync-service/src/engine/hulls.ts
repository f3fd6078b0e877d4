/** Convex hulls of territories and their pairwise overlap, in a local planar km projection. */
import { EARTH_RADIUS_KM } from './geo.js';

export type Polygon = Float64Array; // x0, y0, x1, y1, … counter-clockwise

/** Andrew's monotone chain over points (xs, ys) given by index list. */
export function convexHull(xs: Float64Array, ys: Float64Array, idx: ArrayLike<number>): Polygon {
    const pts = Array.from(idx, (i) => i).sort((p, q) => xs[p]! - xs[q]! || ys[p]! - ys[q]!);
    if (pts.length < 3) {
        const out = new Float64Array(pts.length * 2);
        pts.forEach((p, j) => {
            out[2 * j] = xs[p]!;
            out[2 * j + 1] = ys[p]!;
        });
        return out;
    }
    const cross = (o: number, a: number, b: number): number =>
        (xs[a]! - xs[o]!) * (ys[b]! - ys[o]!) - (ys[a]! - ys[o]!) * (xs[b]! - xs[o]!);
    const lower: number[] = [];
    for (const p of pts) {
        while (
            lower.length >= 2 &&
            cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0
        )
            lower.pop();
        lower.push(p);
    }
    const upper: number[] = [];
    for (let j = pts.length - 1; j >= 0; j--) {
        const p = pts[j]!;
        while (
            upper.length >= 2 &&
            cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0
        )
            upper.pop();
        upper.push(p);
    }
    const hull = lower.slice(0, -1).concat(upper.slice(0, -1));
    const out = new Float64Array(hull.length * 2);
    hull.forEach((p, j) => {
        out[2 * j] = xs[p]!;
        out[2 * j + 1] = ys[p]!;
    });
    return out;
}

export function polygonArea(poly: Polygon): number {
    const n = poly.length / 2;
    let s = 0;
    for (let j = 0; j < n; j++) {
        const k = (j + 1) % n;
        s += poly[2 * j]! * poly[2 * k + 1]! - poly[2 * k]! * poly[2 * j + 1]!;
    }
    return Math.abs(s) / 2;
}

/** Intersection of two convex counter-clockwise polygons (Sutherland–Hodgman). */
export function clipConvex(subject: Polygon, clip: Polygon): Polygon {
    let out: number[] = Array.from(subject);
    const m = clip.length / 2;
    for (let e = 0; e < m && out.length >= 6; e++) {
        const ax = clip[2 * e]!;
        const ay = clip[2 * e + 1]!;
        const bx = clip[2 * ((e + 1) % m)]!;
        const by = clip[2 * ((e + 1) % m) + 1]!;
        const side = (x: number, y: number): number => (bx - ax) * (y - ay) - (by - ay) * (x - ax);
        const input = out;
        out = [];
        const n = input.length / 2;
        for (let j = 0; j < n; j++) {
            const px = input[2 * j]!;
            const py = input[2 * j + 1]!;
            const qx = input[2 * ((j + 1) % n)]!;
            const qy = input[2 * ((j + 1) % n) + 1]!;
            const sp = side(px, py);
            const sq = side(qx, qy);
            if (sp >= 0) out.push(px, py);
            if (sp >= 0 !== sq >= 0) {
                const t = sp / (sp - sq);
                out.push(px + t * (qx - px), py + t * (qy - py));
            }
        }
    }
    return Float64Array.from(out.length >= 6 ? out : []);
}

/** Planar km coordinates (equirectangular around the mean latitude). */
export function projectKm(
    lat: Float64Array,
    lon: Float64Array,
    idx: ArrayLike<number>
): {
    xs: Float64Array;
    ys: Float64Array;
} {
    const n = lat.length;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    let mean = 0;
    for (let p = 0; p < idx.length; p++) mean += lat[idx[p]!]!;
    mean = idx.length > 0 ? mean / idx.length : 0;
    const k = (Math.PI / 180) * EARTH_RADIUS_KM;
    const c = Math.cos((mean * Math.PI) / 180);
    for (let p = 0; p < idx.length; p++) {
        const i = idx[p]!;
        xs[i] = lon[i]! * c * k;
        ys[i] = lat[i]! * k;
    }
    return { xs, ys };
}
