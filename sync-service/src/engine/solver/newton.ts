/**
 * The Newton system of the smoothed price stage: the Hessian of the soft loads in the prices is a
 * block graph Laplacian over neighbouring reps (M × M blocks), assembled per account and solved by
 * conjugate gradients.
 */

/** Block graph Laplacian being assembled: edges between reps with M × M weight blocks. */
export interface Hessian {
    k: number;
    M: number;
    edges: number;
    ea: Int32Array;
    eb: Int32Array;
    ew: Float64Array;
    diag: Float64Array;
    /** open-addressing table: key r·k+s+1 (0 = empty) → edge id */
    keys: Float64Array;
    ids: Int32Array;
    /** up to DENSE_HESS_K reps: k × k table of edge id + 1 (0 = no edge), instead of the hash */
    dense: Int32Array | null;
    /** scratch for one account: its likely candidate slots and their summed pair weights */
    likely: Int32Array;
    gsum: Float64Array;
}

/** Largest rep count for the dense k × k edge table (16 MB at the limit). */
const DENSE_HESS_K = 2048;

/** An account adds Hessian terms only for candidates it joins with at least this probability. */
const PAIR_MIN = 1e-3;

/** An empty Hessian for k reps, M measures and K candidates per account. */
export function newHessian(k: number, M: number, K: number): Hessian {
    const cap = 1024;
    return {
        k,
        M,
        edges: 0,
        ea: new Int32Array(cap),
        eb: new Int32Array(cap),
        ew: new Float64Array(cap * M * M),
        diag: new Float64Array(k * M * M),
        keys: new Float64Array(4096),
        ids: new Int32Array(4096),
        dense: k <= DENSE_HESS_K ? new Int32Array(k * k) : null,
        likely: new Int32Array(K),
        gsum: new Float64Array(K)
    };
}

export function hessReset(hs: Hessian): void {
    if (hs.dense) for (let e = 0; e < hs.edges; e++) hs.dense[hs.ea[e]! * hs.k + hs.eb[e]!] = 0;
    hs.edges = 0;
    hs.ew.fill(0);
    hs.diag.fill(0);
    hs.keys.fill(0);
}

function hessEdge(hs: Hessian, r: number, s: number): number {
    const dense = hs.dense;
    if (dense) {
        const id = dense[r * hs.k + s]!;
        if (id > 0) return id - 1;
    }
    const key = r * hs.k + s + 1;
    let mask = hs.keys.length - 1;
    let slot = (Math.imul(key | 0, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
        const kk = hs.keys[slot]!;
        if (kk === key) return hs.ids[slot]!;
        if (kk === 0) break;
        slot = (slot + 1) & mask;
    }
    const e = hs.edges++;
    if (e >= hs.ea.length) {
        const grow = <T extends Int32Array | Float64Array>(x: T, f: number): T => {
            const y = new (x.constructor as new (n: number) => T)(x.length * 2);
            y.set(x);
            return f ? y : y;
        };
        hs.ea = grow(hs.ea, 1);
        hs.eb = grow(hs.eb, 1);
        hs.ew = grow(hs.ew, 1);
    }
    hs.ea[e] = r;
    hs.eb[e] = s;
    if (dense) {
        dense[r * hs.k + s] = e + 1;
        return e;
    }
    hs.keys[slot] = key;
    hs.ids[slot] = e;
    if (hs.edges * 2 > hs.keys.length) {
        // rehash into a table twice the size
        const oldKeys = hs.keys;
        const oldIds = hs.ids;
        hs.keys = new Float64Array(oldKeys.length * 2);
        hs.ids = new Int32Array(oldKeys.length * 2);
        mask = hs.keys.length - 1;
        for (let p = 0; p < oldKeys.length; p++) {
            const kk = oldKeys[p]!;
            if (kk === 0) continue;
            let sl = (Math.imul(kk | 0, 0x9e3779b1) >>> 0) & mask;
            while (hs.keys[sl] !== 0) sl = (sl + 1) & mask;
            hs.keys[sl] = kk;
            hs.ids[sl] = oldIds[p]!;
        }
    }
    return e;
}

/**
 * Adds account i's terms at temperature h, given its probabilities `prob` over its K candidates
 * (reps rep[i·K + q]): pairs among the account's likely reps each add their weight g·a·aᵀ to the
 * pair's edge block; a rep's diagonal block gets a·aᵀ once, times its summed pair weights.
 */
export function hessAccount(
    hs: Hessian,
    i: number,
    rep: Int32Array,
    K: number,
    prob: Float64Array,
    h: number,
    a: Float64Array
): void {
    const { M, likely, gsum, diag } = hs;
    const MM = M * M;
    let nv = 0;
    for (let q = 0; q < K; q++) {
        if (prob[q]! < PAIR_MIN) continue;
        likely[nv] = q;
        gsum[nv++] = 0;
    }
    if (nv < 2) return;
    for (let u = 0; u < nv; u++) {
        const q = likely[u]!;
        const r = rep[i * K + q]!;
        const pq = prob[q]!;
        for (let u2 = u + 1; u2 < nv; u2++) {
            const q2 = likely[u2]!;
            const s2 = rep[i * K + q2]!;
            if (r === s2) continue;
            const g = (pq * prob[q2]!) / h;
            hessPair(hs, i, r, s2, g, a, M);
            gsum[u]! += g;
            gsum[u2]! += g;
        }
    }
    for (let u = 0; u < nv; u++) {
        const g = gsum[u]!;
        if (g === 0) continue;
        const r = rep[i * K + likely[u]!]!;
        for (let m1 = 0; m1 < M; m1++) {
            const x1 = a[i * M + m1]! * g;
            if (x1 === 0) continue;
            for (let m2 = 0; m2 < M; m2++) diag[r * MM + m1 * M + m2]! += x1 * a[i * M + m2]!;
        }
    }
}

/** Adds the off-diagonal part of one account's pair (r0, s0) with weight g (diagonal: caller). */
function hessPair(
    hs: Hessian,
    i: number,
    r0: number,
    s0: number,
    g: number,
    a: Float64Array,
    M: number
): void {
    if (r0 === s0) return;
    const r = r0 < s0 ? r0 : s0;
    const s = r0 < s0 ? s0 : r0;
    const e = hessEdge(hs, r, s);
    const MM = M * M;
    const ew = hs.ew;
    for (let m1 = 0; m1 < M; m1++) {
        const x1 = a[i * M + m1]! * g;
        if (x1 === 0) continue;
        for (let m2 = 0; m2 < M; m2++) ew[e * MM + m1 * M + m2]! += x1 * a[i * M + m2]!;
    }
}

/** A small ridge for the solve: 1e-6 × the mean diagonal entry (plus 1e-12). */
export function hessRidge(hs: Hessian): number {
    const { k, M, diag } = hs;
    const MM = M * M;
    let ridge = 0;
    for (let p = 0; p < k * MM; p += MM) for (let m = 0; m < M; m++) ridge += diag[p + m * M + m]!;
    return (1e-6 * ridge) / Math.max(1, k * M) + 1e-12;
}

/** out = (H + ridge·I) v, H the assembled block Laplacian. */
export function hessMatvec(hs: Hessian, ridge: number, v0: Float64Array, out: Float64Array): void {
    const { k, M, diag, edges: E, ea, eb, ew } = hs;
    const MM = M * M;
    for (let r = 0; r < k; r++) {
        for (let m1 = 0; m1 < M; m1++) {
            let sum = ridge * v0[r * M + m1]!;
            for (let m2 = 0; m2 < M; m2++) sum += diag[r * MM + m1 * M + m2]! * v0[r * M + m2]!;
            out[r * M + m1] = sum;
        }
    }
    for (let e = 0; e < E; e++) {
        const r = ea[e]!;
        const s2 = eb[e]!;
        for (let m1 = 0; m1 < M; m1++) {
            let sr = 0;
            let ss = 0;
            for (let m2 = 0; m2 < M; m2++) {
                const w = ew[e * MM + m1 * M + m2]!;
                sr += w * v0[s2 * M + m2]!;
                ss += w * v0[r * M + m2]!;
            }
            out[r * M + m1]! -= sr;
            out[s2 * M + m1]! -= ss;
        }
    }
}

/** Conjugate gradients for a symmetric positive (semi)definite operator; x starts at 0. */
export function conjugateGradient(
    matvec: (v: Float64Array, out: Float64Array) => void,
    b: Float64Array,
    x: Float64Array,
    N: number,
    maxIter: number
): void {
    x.fill(0);
    const r = Float64Array.from(b);
    const p = Float64Array.from(b);
    const Ap = new Float64Array(N);
    let rr = 0;
    for (let j = 0; j < N; j++) rr += r[j]! * r[j]!;
    const stop = rr * 1e-12;
    for (let it = 0; it < maxIter && rr > stop; it++) {
        matvec(p, Ap);
        let pAp = 0;
        for (let j = 0; j < N; j++) pAp += p[j]! * Ap[j]!;
        if (!(pAp > 0)) break;
        const alpha = rr / pAp;
        let rr2 = 0;
        for (let j = 0; j < N; j++) {
            x[j]! += alpha * p[j]!;
            r[j]! -= alpha * Ap[j]!;
            rr2 += r[j]! * r[j]!;
        }
        const beta = rr2 / rr;
        rr = rr2;
        for (let j = 0; j < N; j++) p[j] = r[j]! + beta * p[j]!;
    }
}
