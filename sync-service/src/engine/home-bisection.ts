/**
 * Recursive balanced bisection with rep homes (successive dichotomies, Kalcsics–Nickel–Schröder):
 * the reps of a node are cut in two across the longer side of their homes' bounding box, and the
 * node's accounts are split between the two groups so that every measure follows the groups'
 * capacity shares while the accounts stay with the group whose nearest home is closest.
 *
 * The split is the LP of a two-way transport problem with one constraint per measure: account i
 * goes left when keyᵢ + Σₘ λₘ·aᵢₘ < 0, keyᵢ = (km to the nearest left home) − (km to the nearest
 * right home). The M prices λ come from damped Newton steps on a sigmoid-smoothed split whose
 * temperature is lowered as the loads converge (M×M systems, O(accounts) per step), so every
 * level balances all measures at once and the whole run is O(n log k). The result is a balanced,
 * compact starting plan with no interleaving for the later repair and border improvement; it
 * replaces the price stage on large instances, where per-rep prices converge too slowly.
 */
import { kmFromDot } from './geo.js';
import { weightedQuantile } from './partition.js';

export interface HomeBisectionInput {
    n: number;
    k: number;
    M: number;
    xyz: Float64Array;
    /** n × M scaled loads */
    a: Float64Array;
    mw: Float64Array;
    cap: Float64Array;
    /** 3k home unit vectors */
    home: Float64Array;
    /** locked rep per account, or −1 */
    fixed: Int32Array;
    /** n × K nearest reps (nearest first) and their km */
    K: number;
    candRep: Int32Array;
    candKm: Float64Array;
    /** a spatial order of the accounts (Morton); runs of it share fallback distances */
    order: Int32Array;
}

const CHUNK = 32;

export function homeBisection(inp: HomeBisectionInput): Int32Array {
    const { n, k, M, a, mw, cap, home, fixed, K, candRep, candKm, order } = inp;
    const part = new Int32Array(n).fill(-1);
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    const reps = new Int32Array(k);
    for (let r = 0; r < k; r++) reps[r] = r;
    // chunk of each account along the spatial order: accounts without a candidate on one side
    // share the brute-force distance of their chunk's first account
    const chunkOf = new Int32Array(n);
    const chunkHead = new Int32Array(Math.ceil(n / CHUNK));
    for (let p = 0; p < n; p++) {
        chunkOf[order[p]!] = (p / CHUNK) | 0;
        if (p % CHUNK === 0) chunkHead[p / CHUNK] = order[p]!;
    }
    const chunkR = new Int32Array(chunkHead.length * 3);
    const chunkStamp = new Int32Array(chunkHead.length * 3).fill(-1);
    const side = new Int8Array(k).fill(-1);
    // home positions in a plane tangent at their mean (for the rep cut)
    const hx = new Float64Array(k);
    const hy = new Float64Array(k);
    {
        let cx = 0;
        let cy = 0;
        let cz = 0;
        for (let r = 0; r < k; r++) {
            cx += home[3 * r]!;
            cy += home[3 * r + 1]!;
            cz += home[3 * r + 2]!;
        }
        const len = Math.hypot(cx, cy, cz) || 1;
        cx /= len;
        cy /= len;
        cz /= len;
        // east = z × c, north = c × east
        let ex = -cy;
        let ey = cx;
        const el = Math.hypot(ex, ey) || 1;
        ex /= el;
        ey /= el;
        const nx = -cz * ey;
        const ny = cz * ex;
        const nz = cx * ey - cy * ex;
        for (let r = 0; r < k; r++) {
            hx[r] = home[3 * r]! * ex + home[3 * r + 1]! * ey;
            hy[r] = home[3 * r]! * nx + home[3 * r + 1]! * ny + home[3 * r + 2]! * nz;
        }
    }
    const key = new Float64Array(n);
    const scratch = newSplitScratch(M);
    let stamp = 0;

    const homeKm = (i: number, r: number): number =>
        kmFromDot(
            inp.xyz[3 * i]! * home[3 * r]! +
                inp.xyz[3 * i + 1]! * home[3 * r + 1]! +
                inp.xyz[3 * i + 2]! * home[3 * r + 2]!
        );
    // the rep of side s (2: any rep of the node) nearest to the first account of i's chunk,
    // memoised per chunk and node: for accounts with no candidate there
    const nearestIn = (i: number, s: number, r0: number, r1: number): number => {
        const c = chunkOf[i]!;
        const slot = 3 * c + s;
        if (chunkStamp[slot] === stamp) return chunkR[slot]!;
        const h = chunkHead[c]!;
        let best = Infinity;
        let br = -1;
        for (let q = r0; q < r1; q++) {
            const r = reps[q]!;
            if (side[r] !== s) continue;
            // nearest = largest dot product of the unit vectors
            const d = -(
                inp.xyz[3 * h]! * home[3 * r]! +
                inp.xyz[3 * h + 1]! * home[3 * r + 1]! +
                inp.xyz[3 * h + 2]! * home[3 * r + 2]!
            );
            if (d < best) {
                best = d;
                br = r;
            }
        }
        chunkStamp[slot] = stamp;
        chunkR[slot] = br;
        return br;
    };
    const natLoad = new Float64Array(k);
    const hd1 = new Float64Array(k);
    const hd2 = new Float64Array(k);
    for (let r = 0; r < k; r++) {
        hd1[r] = (hx[r]! + hy[r]!) * Math.SQRT1_2;
        hd2[r] = (hx[r]! - hy[r]!) * Math.SQRT1_2;
    }
    const dirKey = (dir: number): Float64Array =>
        dir === 0 ? hx : dir === 1 ? hy : dir === 2 ? hd1 : hd2;

    const stack: [number, number, number, number][] = [[0, n, 0, k]];
    while (stack.length > 0) {
        const [lo, hi, r0, r1] = stack.pop()!;
        if (r1 - r0 === 1) {
            for (let p = lo; p < hi; p++) part[idx[p]!] = reps[r0]!;
            continue;
        }
        if (hi === lo) {
            const rm = (r0 + r1) >> 1;
            stack.push([lo, lo, r0, rm], [lo, lo, rm, r1]);
            continue;
        }
        stamp++;
        // cut the reps where the accounts' natural loads (each with its nearest home in the node)
        // match the capacity shares best, across one of four directions, 30–70 % of the reps
        // each side: the prices then only have to move what balance needs across the cut
        for (let q = r0; q < r1; q++) {
            side[reps[q]!] = 2;
            natLoad[reps[q]!] = 0;
        }
        for (let p = lo; p < hi; p++) {
            const i = idx[p]!;
            let w = 0;
            for (let m = 0; m < M; m++) w += mw[m]! * a[i * M + m]!;
            const fr = fixed[i]!;
            let r = fr >= 0 && side[fr] === 2 ? fr : -1;
            for (let q = 0; q < K && r < 0; q++) {
                if (side[candRep[i * K + q]!] === 2) r = candRep[i * K + q]!;
            }
            if (r < 0) r = nearestIn(i, 2, r0, r1);
            natLoad[r]! += w;
        }
        const kn = r1 - r0;
        let bestMis = Infinity;
        let bestDir = 0;
        let bestCut = (r0 + r1) >> 1;
        const from = Math.max(1, Math.ceil(0.3 * kn));
        const to = Math.min(kn - 1, Math.floor(0.7 * kn));
        for (let dir = 0; dir < 4; dir++) {
            const sub = sortedReps(r0, r1, dirKey(dir));
            let natAll = 0;
            let capAll = 0;
            for (const r of sub) {
                natAll += natLoad[r]!;
                capAll += cap[r]!;
            }
            let nat = 0;
            let cp = 0;
            for (let j = 0; j < kn - 1; j++) {
                nat += natLoad[sub[j]!]!;
                cp += cap[sub[j]!]!;
                const kl = j + 1;
                if (kl < from || kl > to) continue;
                // ties: the more even count
                const mis =
                    Math.abs(nat / (natAll || 1) - cp / (capAll || 1)) +
                    1e-9 * Math.abs(kl - kn / 2);
                if (mis < bestMis) {
                    bestMis = mis;
                    bestDir = dir;
                    bestCut = r0 + kl;
                }
            }
        }
        reps.set(sortedReps(r0, r1, dirKey(bestDir)), r0);
        const rm = bestCut;
        let capL = 0;
        let capAll = 0;
        for (let q = r0; q < r1; q++) {
            const r = reps[q]!;
            side[r] = q < rm ? 0 : 1;
            capAll += cap[r]!;
            if (q < rm) capL += cap[r]!;
        }
        const f = capAll > 0 ? capL / capAll : 0.5;
        // keys: km to the nearest left home − to the nearest right home; locked accounts go
        // where their rep is
        for (let p = lo; p < hi; p++) {
            const i = idx[p]!;
            const fr = fixed[i]!;
            if (fr >= 0 && side[fr] !== -1) {
                key[i] = side[fr] === 0 ? -Infinity : Infinity;
                continue;
            }
            let dL = -1;
            let dR = -1;
            for (let q = 0; q < K && (dL < 0 || dR < 0); q++) {
                const s = side[candRep[i * K + q]!]!;
                if (s === 0 && dL < 0) dL = candKm[i * K + q]!;
                else if (s === 1 && dR < 0) dR = candKm[i * K + q]!;
            }
            if (dL < 0) dL = homeKm(i, nearestIn(i, 0, r0, r1));
            if (dR < 0) dR = homeKm(i, nearestIn(i, 1, r0, r1));
            key[i] = dL - dR;
        }
        const cut = splitNode(idx, lo, hi, key, a, M, mw, f, scratch);
        for (let q = r0; q < r1; q++) side[reps[q]!] = -1;
        stack.push([lo, cut, r0, rm], [cut, hi, rm, r1]);
    }
    return part;

    function sortedReps(r0: number, r1: number, rk: Float64Array): number[] {
        return Array.from(reps.subarray(r0, r1)).sort((x, y) => rk[x]! - rk[y]! || x - y);
    }
}

/** M-long buffers reused by every `splitNode` of one bisection. */
export interface SplitScratch {
    total: Float64Array;
    fixedL: Float64Array;
    want: Float64Array;
    lam: Float64Array;
}

export function newSplitScratch(M: number): SplitScratch {
    return {
        total: new Float64Array(M),
        fixedL: new Float64Array(M),
        want: new Float64Array(M),
        lam: new Float64Array(M)
    };
}

/**
 * One two-way split of idx[lo, hi), shared by both bisections: key[i] is set for every account
 * (−∞ / +∞ for one forced left / right), and the left side gets share f of every measure.
 * Prices (`splitPrices`), then the partition with its fix (`partitionByPrice`); returns the cut.
 */
export function splitNode(
    idx: Int32Array,
    lo: number,
    hi: number,
    key: Float64Array,
    a: Float64Array,
    M: number,
    mw: Float64Array,
    f: number,
    sc: SplitScratch
): number {
    const { total, fixedL, want, lam } = sc;
    total.fill(0);
    fixedL.fill(0);
    let nFree = 0;
    for (let p = lo; p < hi; p++) {
        const i = idx[p]!;
        const kk = key[i]!;
        for (let m = 0; m < M; m++) total[m]! += a[i * M + m]!;
        if (kk === -Infinity) for (let m = 0; m < M; m++) fixedL[m]! += a[i * M + m]!;
        else if (kk !== Infinity) nFree++;
    }
    for (let m = 0; m < M; m++) want[m] = f * total[m]! - fixedL[m]!;
    if (nFree > 0) splitPrices(idx, lo, hi, key, a, M, mw, want, lam);
    else lam.fill(0);
    return partitionByPrice(idx, lo, hi, key, a, M, lam, mw, want);
}

/** key[i] + λ·a[i]: where account i falls against the split's prices (left when < 0). */
function priced(
    key: Float64Array,
    a: Float64Array,
    M: number,
    lam: Float64Array,
    i: number
): number {
    let s = key[i]!;
    for (let m = 0; m < M; m++) s += lam[m]! * a[i * M + m]!;
    return s;
}

/**
 * Splits idx[lo, hi) by price: accounts with key + λ·a < 0 first; returns the cut. Then, since a
 * price split can miss a measure by a few accounts' worth on small nodes (errors that would add
 * up over the levels), accounts nearest the cut change sides while that brings the left loads
 * closer to `want` on every measure (sum of squared misses, each relative to the measure's total).
 */
export function partitionByPrice(
    idx: Int32Array,
    lo: number,
    hi: number,
    key: Float64Array,
    a: Float64Array,
    M: number,
    lam: Float64Array,
    mw: Float64Array,
    want: Float64Array
): number {
    const nn = hi - lo;
    const sv = new Float64Array(nn);
    const left = new Uint8Array(nn);
    const miss = new Float64Array(M);
    const norm = new Float64Array(M);
    for (let p = 0; p < nn; p++) {
        const i = idx[lo + p]!;
        const s = Number.isFinite(key[i]!) ? priced(key, a, M, lam, i) : key[i]!;
        sv[p] = s;
        left[p] = s < 0 ? 1 : 0;
        if (!Number.isFinite(s)) continue;
        for (let m = 0; m < M; m++) {
            norm[m]! += a[i * M + m]!;
            if (s < 0) miss[m]! += a[i * M + m]!;
        }
    }
    for (let m = 0; m < M; m++) {
        miss[m] = miss[m]! - want[m]!;
        norm[m] = mw[m]! > 0 && norm[m]! > 0 ? mw[m]! / (norm[m]! * norm[m]!) : 0;
    }
    // every account on small nodes (where a few accounts are a large share), else the 10 %
    // nearest the cut; nearest first
    const dist = new Float64Array(nn);
    const ones = new Float64Array(nn);
    let cnt = 0;
    for (let p = 0; p < nn; p++) {
        if (!Number.isFinite(sv[p]!)) continue;
        dist[cnt] = Math.abs(sv[p]!);
        ones[cnt++] = 1;
    }
    const limit =
        nn > 4000
            ? weightedQuantile(dist, ones, cnt, Math.max(400, Math.ceil(0.1 * nn)))
            : Infinity;
    const pool: number[] = [];
    for (let p = 0; p < nn; p++) {
        if (Number.isFinite(sv[p]!) && Math.abs(sv[p]!) <= limit) pool.push(p);
    }
    const cand = Int32Array.from(pool).sort((x, y) => Math.abs(sv[x]!) - Math.abs(sv[y]!) || x - y);
    for (let pass = 0; pass < 8; pass++) {
        let moved = 0;
        for (const p of cand) {
            const i = idx[lo + p]!;
            const sg = left[p] ? -1 : 1; // leaving the left side, or joining it
            let delta = 0;
            for (let m = 0; m < M; m++) {
                const x = miss[m]!;
                const y = x + sg * a[i * M + m]!;
                delta += norm[m]! * (y * y - x * x);
            }
            if (delta < -1e-15) {
                for (let m = 0; m < M; m++) miss[m]! += sg * a[i * M + m]!;
                left[p] = left[p] ? 0 : 1;
                moved++;
            }
        }
        if (moved === 0) break;
    }
    // still off by more than 1 % on a measure (a big account on one side): best pair swaps
    const off = (): boolean => {
        for (let m = 0; m < M; m++) {
            if (norm[m]! > 0 && miss[m]! * miss[m]! * norm[m]! > 1e-4 * mw[m]! * 0.25) return true;
        }
        return false;
    };
    const near = Math.min(cand.length, 128);
    for (let round = 0; round < 16 && off(); round++) {
        let best = -1e-15;
        let bp = -1;
        let bq = -1;
        for (let u = 0; u < near; u++) {
            const p = cand[u]!;
            if (!left[p]) continue;
            const i = idx[lo + p]!;
            for (let v = 0; v < near; v++) {
                const q = cand[v]!;
                if (left[q]) continue;
                const j = idx[lo + q]!;
                let delta = 0;
                for (let m = 0; m < M; m++) {
                    const x = miss[m]!;
                    const y = x - a[i * M + m]! + a[j * M + m]!;
                    delta += norm[m]! * (y * y - x * x);
                }
                if (delta < best) {
                    best = delta;
                    bp = p;
                    bq = q;
                }
            }
        }
        if (bp < 0) break;
        const i = idx[lo + bp]!;
        const j = idx[lo + bq]!;
        for (let m = 0; m < M; m++) miss[m]! += a[j * M + m]! - a[i * M + m]!;
        left[bp] = 0;
        left[bq] = 1;
    }
    // stable-enough in-place partition by the flags
    const tmp = Int32Array.from(idx.subarray(lo, hi));
    let w = lo;
    for (let p = 0; p < nn; p++) if (left[p]) idx[w++] = tmp[p]!;
    const cut = w;
    for (let p = 0; p < nn; p++) if (!left[p]) idx[w++] = tmp[p]!;
    return cut;
}

/**
 * The M prices of one two-way split: left loads Σ_{left} aᵢₘ should equal want[m] (within a
 * band of 0.4 %). First one price on the combined load, exactly (a weighted quantile of
 * key / load); then, when some measure is still outside the band, Levenberg–Marquardt steps on a
 * sigmoid-smoothed split (left share σ(−(key + λ·a)/h)) whose temperature h is lowered as it
 * converges. The damping matters: the measures are nearly collinear, and plain Newton steps
 * trade huge opposite prices that sort the border accounts by their mix of measures.
 */
export function splitPrices(
    idx: Int32Array,
    lo: number,
    hi: number,
    key: Float64Array,
    a: Float64Array,
    M: number,
    mw: Float64Array,
    want: Float64Array,
    lam: Float64Array
): void {
    lam.fill(0);
    const active = (m: number): boolean => mw[m]! > 0;
    // 1. the combined price μ (λ = μ·mw): left when key/w < −μ, w the combined load
    const nn = hi - lo;
    const ratio = new Float64Array(nn);
    const wts = new Float64Array(nn);
    let cnt = 0;
    let wantC = 0;
    for (let m = 0; m < M; m++) wantC += mw[m]! * want[m]!;
    for (let p = lo; p < hi; p++) {
        const i = idx[p]!;
        const kk = key[i]!;
        if (!Number.isFinite(kk)) continue;
        let w = 0;
        for (let m = 0; m < M; m++) w += mw[m]! * a[i * M + m]!;
        if (w <= 0) continue;
        ratio[cnt] = kk / w;
        wts[cnt] = w;
        cnt++;
    }
    if (cnt === 0) return;
    let lo2 = Infinity;
    let hi2 = -Infinity;
    for (let c = 0; c < cnt; c++) {
        lo2 = Math.min(lo2, ratio[c]!);
        hi2 = Math.max(hi2, ratio[c]!);
    }
    let x = wantC <= 0 ? lo2 - 1 : weightedQuantile(ratio, wts, cnt, wantC);
    if (!Number.isFinite(x)) x = hi2;
    const mu = -(x + Math.max(1, Math.abs(x)) * 1e-12);
    for (let m = 0; m < M; m++) lam[m] = mu * mw[m]!;

    const load = new Float64Array(M);
    const J = new Float64Array(M * M);
    const step = new Float64Array(M);
    const trial = new Float64Array(M);
    const resid = new Float64Array(M);
    const band = 0.004;
    // the loads of the hard split at prices l, and the worst measure's relative miss
    const hardLoads = (l: Float64Array): void => {
        load.fill(0);
        for (let p = lo; p < hi; p++) {
            const i = idx[p]!;
            if (!Number.isFinite(key[i]!)) continue;
            if (priced(key, a, M, l, i) < 0) for (let m = 0; m < M; m++) load[m]! += a[i * M + m]!;
        }
    };
    const hardScore = (l: Float64Array): number => {
        hardLoads(l);
        let v = 0;
        for (let m = 0; m < M; m++) {
            if (!active(m)) continue;
            v = Math.max(v, Math.abs(load[m]! - want[m]!) / (Math.abs(want[m]!) || 1));
        }
        return v;
    };
    hardLoads(lam);
    let outside = false;
    for (let m = 0; m < M; m++) {
        if (active(m) && Math.abs(load[m]! - want[m]!) > band * Math.abs(want[m]!) + 1e-9)
            outside = true;
    }
    if (M === 1 || !outside) return;

    // 2. per measure, outside the band: temperature from the keys nearest the cut
    for (let c = 0, p = lo; p < hi; p++) {
        const i = idx[p]!;
        if (!Number.isFinite(key[i]!)) continue;
        ratio[c] = Math.abs(priced(key, a, M, lam, i));
        wts[c] = 1;
        c++;
    }
    const near = weightedQuantile(ratio, wts, cnt, Math.max(1, 0.02 * cnt));
    const h0 = Number.isFinite(near) && near > 0 ? near : 1;
    const hMin = 1e-2 * h0;
    let wantSum = 0;
    for (let m = 0; m < M; m++) wantSum += Math.abs(want[m]!);
    const tolAbs = 0.25 * band * (wantSum / M);
    const evaluate = (l: Float64Array, hh: number, withJ: boolean): number => {
        load.fill(0);
        if (withJ) J.fill(0);
        for (let p = lo; p < hi; p++) {
            const i = idx[p]!;
            if (!Number.isFinite(key[i]!)) continue;
            const z = priced(key, a, M, l, i) / hh;
            if (z > 30) continue;
            const xx = z < -30 ? 1 : 1 / (1 + Math.exp(z));
            for (let m = 0; m < M; m++) load[m]! += xx * a[i * M + m]!;
            if (withJ) {
                const g = (xx * (1 - xx)) / hh;
                if (g === 0) continue;
                for (let m = 0; m < M; m++) {
                    const gm = g * a[i * M + m]!;
                    for (let o = m; o < M; o++) J[m * M + o]! += gm * a[i * M + o]!;
                }
            }
        }
        let r = 0;
        for (let m = 0; m < M; m++) {
            resid[m] = 0;
            if (!active(m)) continue;
            const d = load[m]! - want[m]!;
            const b = band * Math.abs(want[m]!);
            const e = d > b ? d - b : d < -b ? d + b : 0;
            resid[m] = e;
            r += e * e;
        }
        return Math.sqrt(r);
    };
    let h = h0;
    const start = Float64Array.from(lam);
    for (let it = 0; it < 40; it++) {
        const res = evaluate(lam, h, true);
        if (res <= tolAbs) {
            if (h <= hMin) break;
            h = Math.max(hMin, h * 0.25);
            continue;
        }
        // J·step = residual (loads fall as λ rises), damped
        for (let m = 0; m < M; m++) for (let o = 0; o < m; o++) J[m * M + o] = J[o * M + m]!;
        for (let m = 0; m < M; m++) {
            step[m] = resid[m]!;
            if (!active(m)) for (let o = 0; o < M; o++) J[m * M + o] = J[o * M + m] = 0;
        }
        for (let m = 0; m < M; m++) {
            const dm = J[m * M + m]!;
            J[m * M + m] = active(m) ? dm * (1 + LM) + 1e-12 : 1;
        }
        solveSym(J, step, M);
        let t = 1;
        let accepted = false;
        for (let bt = 0; bt < 12; bt++) {
            for (let m = 0; m < M; m++) trial[m] = lam[m]! + t * step[m]!;
            const r2 = evaluate(trial, h, false);
            if (r2 < res * (1 - 0.1 * t)) {
                lam.set(trial);
                accepted = true;
                break;
            }
            t *= 0.5;
        }
        if (!accepted) {
            if (h <= hMin) break;
            h = Math.max(hMin, h * 0.25);
        }
    }
    // keep the per-measure prices only when the hard split is better for them
    if (hardScore(start) < hardScore(lam)) lam.set(start);
}

const LM = 0.1;

/** Solves A·x = b in place (b becomes x) for a small symmetric positive-definite A (Gaussian elimination). */
function solveSym(A: Float64Array, b: Float64Array, M: number): void {
    for (let c = 0; c < M; c++) {
        let piv = c;
        for (let r = c + 1; r < M; r++)
            if (Math.abs(A[r * M + c]!) > Math.abs(A[piv * M + c]!)) piv = r;
        if (piv !== c) {
            for (let o = 0; o < M; o++) {
                const t = A[c * M + o]!;
                A[c * M + o] = A[piv * M + o]!;
                A[piv * M + o] = t;
            }
            const t = b[c]!;
            b[c] = b[piv]!;
            b[piv] = t;
        }
        const d = A[c * M + c]!;
        if (Math.abs(d) < 1e-300) {
            b[c] = 0;
            continue;
        }
        for (let r = c + 1; r < M; r++) {
            const f = A[r * M + c]! / d;
            if (f === 0) continue;
            for (let o = c; o < M; o++) A[r * M + o] = A[r * M + o]! - f * A[c * M + o]!;
            b[r] = b[r]! - f * b[c]!;
        }
    }
    for (let c = M - 1; c >= 0; c--) {
        let s = b[c]!;
        for (let o = c + 1; o < M; o++) s -= A[c * M + o]! * b[o]!;
        const d = A[c * M + c]!;
        b[c] = Math.abs(d) < 1e-300 ? 0 : s / d;
    }
}
