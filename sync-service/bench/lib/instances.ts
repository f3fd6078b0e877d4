/**
 * Benchmark instance generator: clustered urban/rural accounts (US-like box), skewed potential,
 * workload loosely tied to potential, rep homes near the demand, optional drifted current plan.
 */
import { mulberry32 } from '../../src/engine/geo.js';
import type { ColumnarAccounts, ColumnarReps } from '../../src/engine/metrics.js';

export interface Instance {
    name: string;
    acc: ColumnarAccounts;
    reps: ColumnarReps;
    measures: string[];
}

/** A standard normal draw (Box–Muller). */
export function gauss(rnd: () => number): number {
    const u = Math.max(rnd(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

export interface GenOptions {
    n: number;
    k: number;
    seed: number;
    homes: boolean;
    /** fraction of accounts in cities (rest rural, uniform) */
    urban?: number;
}

export function generate(o: GenOptions): Instance {
    const rnd = mulberry32(o.seed);
    const n = o.n;
    const k = o.k;
    const cities = Math.max(4, Math.round(Math.sqrt(k) * 3));
    const cLat = new Float64Array(cities);
    const cLon = new Float64Array(cities);
    const cW = new Float64Array(cities);
    const cR = new Float64Array(cities);
    let wsum = 0;
    for (let c = 0; c < cities; c++) {
        cLat[c] = 30 + rnd() * 15;
        cLon[c] = -120 + rnd() * 45;
        cW[c] = Math.exp(1.2 * gauss(rnd));
        cR[c] = 0.1 + 0.4 * rnd();
        wsum += cW[c]!;
    }
    const urban = o.urban ?? 0.75;
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    const pot = new Float64Array(n);
    const work = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        if (rnd() < urban) {
            let x = rnd() * wsum;
            let c = 0;
            while (c < cities - 1 && x > cW[c]!) x -= cW[c++]!;
            lat[i] = cLat[c]! + gauss(rnd) * cR[c]!;
            lon[i] = cLon[c]! + gauss(rnd) * cR[c]! * 1.3;
        } else {
            lat[i] = 30 + rnd() * 15;
            lon[i] = -120 + rnd() * 45;
        }
        // skewed potential (log-normal, a few big accounts), workload partly tied to it
        const p = Math.exp(1.0 * gauss(rnd)) * 10000;
        pot[i] = Math.round(p);
        work[i] = Math.round((5 + 20 * Math.pow(p / 10000, 0.5) * (0.5 + rnd())) * 10) / 10;
    }
    const ids = Array.from({ length: n }, (_, i) => `A${i}`);
    const rl = new Float64Array(k).fill(NaN);
    const rn = new Float64Array(k).fill(NaN);
    if (o.homes) {
        for (let r = 0; r < k; r++) {
            const i = Math.floor(rnd() * n);
            rl[r] = lat[i]! + gauss(rnd) * 0.05;
            rn[r] = lon[i]! + gauss(rnd) * 0.05;
        }
    }
    return {
        name: `${fmtN(n)}x${k}${o.homes ? ' homes' : ' no-homes'}`,
        measures: ['Potential', 'Workload', 'Count'],
        acc: {
            ids,
            lat,
            lon,
            measureNames: ['Potential', 'Workload'],
            measures: [pot, work],
            segment: null,
            locked: null,
            currentRep: null
        },
        reps: {
            ids: Array.from({ length: k }, (_, r) => `R${r}`),
            lat: rl,
            lon: rn,
            capacity: new Float64Array(k).fill(1),
            segment: null,
            leftIds: []
        }
    };
}

export function fmtN(n: number): string {
    return n >= 1e6 && n % 1e6 === 0
        ? `${n / 1e6}M`
        : n >= 1000 && n % 1000 === 0
          ? `${n / 1000}k`
          : `${n}`;
}

/**
 * A key account: the account largest on the first measure, raised to `factor` × the largest
 * target on it, so that no plan can be within a tolerance below factor − 1. Returns the instance
 * (measures copied) and the account's index.
 */
export function withKeyAccount(inst: Instance, factor: number): { inst: Instance; key: number } {
    const measures = inst.acc.measures.map((c) => Float64Array.from(c));
    const col = measures[0]!;
    const n = col.length;
    let key = 0;
    for (let i = 1; i < n; i++) if (col[i]! > col[key]!) key = i;
    let rest = 0;
    for (let i = 0; i < n; i++) if (i !== key) rest += col[i]!;
    let capSum = 0;
    let maxCap = 0;
    for (const c of inst.reps.capacity) [capSum, maxCap] = [capSum + c, Math.max(maxCap, c)];
    // x = factor × (rest + x) × maxCap / capSum, solved for x
    const share = (factor * maxCap) / capSum;
    col[key] = (share * rest) / (1 - share);
    return {
        inst: { ...inst, name: `${inst.name} key×${factor}`, acc: { ...inst.acc, measures } },
        key
    };
}

/** A drifted current plan: `plan`, with measures re-drawn for a share of accounts (growth). */
export function drift(inst: Instance, plan: Int32Array, seed: number, share = 0.3): Instance {
    const rnd = mulberry32(seed);
    const measures = inst.acc.measures.map((c) => Float64Array.from(c));
    for (let i = 0; i < inst.acc.ids.length; i++) {
        if (rnd() < share) {
            const f = Math.exp(0.6 * gauss(rnd));
            measures[0]![i] = Math.round(measures[0]![i]! * f);
            measures[1]![i] = Math.round(measures[1]![i]! * Math.sqrt(f) * 10) / 10;
        }
    }
    return {
        ...inst,
        name: `${inst.name} drifted`,
        acc: { ...inst.acc, measures, currentRep: Int32Array.from(plan) }
    };
}

/** Rep `leaving` leaves: current plan = `plan` over all reps, the rep is removed from the reps. */
export function repLeaves(inst: Instance, plan: Int32Array, leaving: number): Instance {
    const k = inst.reps.ids.length;
    const keep = Array.from({ length: k }, (_, r) => r).filter((r) => r !== leaving);
    const newIndex = new Int32Array(k);
    keep.forEach((r, j) => (newIndex[r] = j));
    const currentRep = Int32Array.from(plan, (r) => (r === leaving ? k - 1 : newIndex[r]!));
    const pick = <T extends Float64Array>(c: T): Float64Array =>
        Float64Array.from(keep, (r) => c[r]!);
    return {
        ...inst,
        name: `${inst.name} rep-leaves`,
        acc: { ...inst.acc, currentRep },
        reps: {
            ids: keep.map((r) => inst.reps.ids[r]!),
            lat: pick(inst.reps.lat),
            lon: pick(inst.reps.lon),
            capacity: pick(inst.reps.capacity),
            segment: inst.reps.segment ? keep.map((r) => inst.reps.segment![r]!) : null,
            leftIds: [inst.reps.ids[leaving]!]
        }
    };
}
