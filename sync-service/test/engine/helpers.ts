import { haversineKm, mulberry32 } from '../../src/engine/geo.js';
import type { EngineAccount, EngineRep } from '../../src/engine/index.js';

/** Deterministic PRNG for test data: the engine's own mulberry32. */
export const rng = mulberry32;

export function randomAccounts(
    n: number,
    seed: number,
    box = { lat: 40, lon: -75, size: 2 }
): EngineAccount[] {
    const r = rng(seed);
    return Array.from({ length: n }, (_, i) => ({
        id: `A${i}`,
        lat: box.lat + r() * box.size,
        lon: box.lon + r() * box.size,
        measures: {
            Potential: Math.round(1000 * Math.exp(r() * 1.5)),
            Workload: 5 + Math.round(r() * 20)
        }
    }));
}

export function randomReps(
    k: number,
    seed: number,
    homes = true,
    box = { lat: 40, lon: -75, size: 2 }
): EngineRep[] {
    const r = rng(seed + 1000);
    return Array.from({ length: k }, (_, j) => ({
        id: `R${j}`,
        ...(homes ? { lat: box.lat + r() * box.size, lon: box.lon + r() * box.size } : {})
    }));
}

/** Brute force over every assignment: min travel (to homes) with every measure within tol. */
export function bruteForce(
    accounts: EngineAccount[],
    reps: EngineRep[],
    measures: string[],
    tol: number
): { travel: number; assign: number[] } | null {
    const n = accounts.length;
    const k = reps.length;
    const vals = measures.map((m) => accounts.map((a) => (m === 'Count' ? 1 : a.measures[m]!)));
    const totals = vals.map((v) => v.reduce((s, x) => s + x, 0));
    const d = accounts.map((a) => reps.map((r) => haversineKm(a.lat, a.lon, r.lat!, r.lon!)));
    let best: { travel: number; assign: number[] } | null = null;
    const assign = new Array<number>(n).fill(0);
    const total = k ** n;
    for (let code = 0; code < total; code++) {
        let c = code;
        for (let i = 0; i < n; i++) {
            assign[i] = c % k;
            c = Math.floor(c / k);
        }
        let ok = true;
        for (let m = 0; m < measures.length && ok; m++) {
            const load = new Array<number>(k).fill(0);
            for (let i = 0; i < n; i++) load[assign[i]!]! += vals[m]![i]!;
            for (let r = 0; r < k; r++) {
                if (Math.abs(load[r]! / (totals[m]! / k) - 1) > tol + 1e-12) ok = false;
            }
        }
        if (!ok) continue;
        let travel = 0;
        for (let i = 0; i < n; i++) travel += d[i]![assign[i]!]!;
        if (!best || travel < best.travel - 1e-9) best = { travel, assign: [...assign] };
    }
    return best;
}
