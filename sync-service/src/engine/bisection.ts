/**
 * Balanced recursive bisection ("successive dichotomies"): splits the accounts into parts whose
 * combined load is proportional to the reps' capacities, cutting each time across the longer side.
 * Used as the no-overlap initialiser when reps have no home base.
 */

import { newSplitScratch, splitNode } from './home-bisection.js';
import { weightedCut } from './partition.js';

/** Capacity of parts [r0, rm) and of [r0, r1). */
function capSplit(cap: Float64Array, r0: number, rm: number, r1: number): [number, number] {
    let capL = 0;
    let capAll = 0;
    for (let r = r0; r < r1; r++) {
        capAll += cap[r]!;
        if (r < rm) capL += cap[r]!;
    }
    return [capL, capAll];
}

/** The coordinate along the longer side of idx[lo, hi)'s bounding box, and its total weight. */
function longerSide(
    idx: Int32Array,
    lo: number,
    hi: number,
    px: Float64Array,
    py: Float64Array,
    w: Float64Array
): { coord: Float64Array; total: number } {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    let total = 0;
    for (let p = lo; p < hi; p++) {
        const i = idx[p]!;
        const x = px[i]!;
        const y = py[i]!;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
        total += w[i]!;
    }
    return { coord: maxX - minX >= maxY - minY ? px : py, total };
}

/**
 * Returns part[i] in [0, k) for the n accounts given by local coordinates (px, py) and combined
 * weight w; part sizes follow `cap` (k capacities).
 */
export function balancedBisection(
    px: Float64Array,
    py: Float64Array,
    w: Float64Array,
    cap: Float64Array,
    k: number
): Int32Array {
    const n = px.length;
    const part = new Int32Array(n);
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    const stack: [number, number, number, number][] = [[0, n, 0, k]];
    while (stack.length > 0) {
        const [lo, hi, r0, r1] = stack.pop()!;
        if (r1 - r0 === 1) {
            for (let p = lo; p < hi; p++) part[idx[p]!] = r0;
            continue;
        }
        const rm = (r0 + r1) >> 1;
        const [capL, capAll] = capSplit(cap, r0, rm, r1);
        const { coord: key, total } = longerSide(idx, lo, hi, px, py, w);
        const cut = hi - lo === 0 ? lo : weightedCut(idx, lo, hi, key, w, (total * capL) / capAll);
        stack.push([lo, cut, r0, rm], [cut, hi, rm, r1]);
    }
    return part;
}

/**
 * Balanced recursive bisection on every measure at once: each cut runs across the longer side at
 * the combined-load median, and accounts near it change sides by the split's M prices
 * (`splitPrices`: left when (coordinate − cut) + λ·a < 0) until every measure follows the
 * capacity shares. px, py in km; a is n × M; fixed[i] ≥ 0 forces account i to that part.
 */
export function balancedBisectionAll(
    px: Float64Array,
    py: Float64Array,
    a: Float64Array,
    M: number,
    mw: Float64Array,
    cap: Float64Array,
    k: number,
    fixed: Int32Array
): Int32Array {
    const n = px.length;
    const part = new Int32Array(n);
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        let s = 0;
        for (let m = 0; m < M; m++) s += mw[m]! * a[i * M + m]!;
        w[i] = s;
    }
    const key = new Float64Array(n);
    const scratch = newSplitScratch(M);
    const stack: [number, number, number, number][] = [[0, n, 0, k]];
    while (stack.length > 0) {
        const [lo, hi, r0, r1] = stack.pop()!;
        if (r1 - r0 === 1) {
            for (let p = lo; p < hi; p++) part[idx[p]!] = r0;
            continue;
        }
        const rm = (r0 + r1) >> 1;
        if (hi === lo) {
            stack.push([lo, lo, r0, rm], [lo, lo, rm, r1]);
            continue;
        }
        const [capL, capAll] = capSplit(cap, r0, rm, r1);
        const f = capAll > 0 ? capL / capAll : 0.5;
        const { coord, total: tw } = longerSide(idx, lo, hi, px, py, w);
        const c = weightedCut(idx, lo, hi, coord, w, tw * f);
        const pivot = c < hi ? coord[idx[c]!]! : coord[idx[hi - 1]!]! + 1;
        // keys: distance past the combined median; locked accounts go where their part is
        for (let p = lo; p < hi; p++) {
            const i = idx[p]!;
            const fr = fixed[i]!;
            key[i] = fr >= r0 && fr < r1 ? (fr < rm ? -Infinity : Infinity) : coord[i]! - pivot;
        }
        const cut = splitNode(idx, lo, hi, key, a, M, mw, f, scratch);
        stack.push([lo, cut, r0, rm], [cut, hi, rm, r1]);
    }
    return part;
}
