/**
 * A start for unit plans whose reps all have homes: the additively weighted Voronoi diagram of the
 * homes (each unit to the rep minimising km to its home − the rep's weight), the weights tuned
 * until the loads are near their targets. Every region of such a diagram is star-shaped from its
 * home, so the territories come out (nearly) contiguous and compact; what the diagram cannot
 * balance with whole units, ContiguousPlan's border moves settle.
 *
 * The weights move by a fixed, decaying rule for a fixed number of rounds: counted work, so the
 * result depends only on the input.
 */
import { kmFromDot } from '../geo.js';
import type { UnitProblem } from './contiguous.js';

/** homes considered per unit */
const NEAREST = 12;
const ROUNDS = 400;

export function weightedVoronoiOwner(p: UnitProblem): Int32Array | null {
    const { n, k, M, xyz, home, hasHome, load, target, active, fixedLoad } = p;
    for (let r = 0; r < k; r++) if (!hasHome[r]) return null;
    const K = Math.min(k, NEAREST);
    // the K nearest homes of each unit
    const rep = new Int32Array(n * K);
    const km = new Float64Array(n * K);
    const d = new Float64Array(k);
    const idx = Array.from({ length: k }, (_, r) => r);
    let scale = 0;
    for (let u = 0; u < n; u++) {
        for (let r = 0; r < k; r++) {
            d[r] = kmFromDot(
                xyz[3 * u]! * home[3 * r]! +
                    xyz[3 * u + 1]! * home[3 * r + 1]! +
                    xyz[3 * u + 2]! * home[3 * r + 2]!
            );
        }
        idx.sort((a, b) => d[a]! - d[b]! || a - b);
        for (let q = 0; q < K; q++) {
            rep[u * K + q] = idx[q]!;
            km[u * K + q] = d[idx[q]!]!;
        }
        scale += K > 1 ? km[u * K + 1]! - km[u * K]! : km[u * K]!;
    }
    scale = Math.max(scale / Math.max(1, n), 1e-3);
    const w = new Float64Array(k);
    const owner = new Int32Array(n);
    const best = new Int32Array(n);
    const L = new Float64Array(k * M);
    let bestDev = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
        L.set(fixedLoad);
        for (let u = 0; u < n; u++) {
            let bq = 0;
            let bc = Infinity;
            for (let q = 0; q < K; q++) {
                const c = km[u * K + q]! - w[rep[u * K + q]!]!;
                if (c < bc) [bc, bq] = [c, q];
            }
            const r = rep[u * K + bq]!;
            owner[u] = r;
            for (let m = 0; m < M; m++) L[r * M + m]! += load[u * M + m]!;
        }
        let dev = 0;
        const step = (0.5 * scale) / (1 + round / 40);
        for (let r = 0; r < k; r++) {
            let fill = 0;
            let c = 0;
            for (let m = 0; m < M; m++) {
                const t = target[r * M + m]!;
                if (!active[m] || !(t > 0)) continue;
                const f = L[r * M + m]! / t;
                dev = Math.max(dev, Math.abs(f - 1));
                fill += f;
                c++;
            }
            if (c > 0) w[r]! += step * (1 - fill / c);
        }
        if (dev < bestDev) {
            bestDev = dev;
            best.set(owner);
        }
    }
    return best;
}
