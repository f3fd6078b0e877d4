/** Postal units for benchmarks: units drawn like real ones, small where accounts are dense. */
import KDBush from 'kdbush';
import { mulberry32 } from '../../src/engine/geo.js';
import { componentsByOwner, unitAdjacency, type UnitGraph } from '../../src/engine/units/graph.js';
import type { Instance } from './instances.js';

/** Postal codes: the nearest of n / perUnit offices sampled among the accounts. */
export function postalCodes(inst: Instance, perUnit: number, seed: number): string[] {
    const { lat, lon } = inst.acc;
    const n = lat.length;
    const rnd = mulberry32(seed * 7919 + 17);
    const p = Math.max(2, Math.round(n / perUnit));
    const offices: number[] = [];
    for (let j = 0; j < p; j++) offices.push(Math.floor(rnd() * n));
    let mean = 0;
    for (let i = 0; i < n; i++) mean += lat[i]!;
    const cl = Math.cos(((mean / n) * Math.PI) / 180);
    const index = new KDBush(p);
    for (const i of offices) index.add(lon[i]! * cl, lat[i]!);
    index.finish();
    return Array.from({ length: n }, (_, i) => {
        const x = lon[i]! * cl;
        const y = lat[i]!;
        for (let r = 0.02; ; r *= 2) {
            const found = index.within(x, y, r);
            if (found.length === 0) continue;
            let best = found[0]!;
            let bd = Infinity;
            for (const j of found) {
                const o = offices[j]!;
                const d = (lon[o]! * cl - x) ** 2 + (lat[o]! - y) ** 2;
                if (d < bd || (d === bd && j < best)) [best, bd] = [j, d];
            }
            return `P${best}`;
        }
    });
}

/** The postal units of an instance (a postal code within a segment) and each segment's graph. */
export interface PostalUnits {
    /** unit of each account */
    unitOf: Int32Array;
    /** segment of each unit ('' without segments) */
    unitSeg: string[];
    /** per segment: its units (in order of first account) and their Delaunay graph over the
     * units' centroids (the mean of their accounts), as the engine builds it */
    segments: { units: number[]; graph: UnitGraph }[];
}

/** Groups the accounts into postal units per segment, as the engine's unit mode does. */
export function postalUnits(inst: Instance, postal: readonly string[]): PostalUnits {
    const { acc } = inst;
    const n = acc.ids.length;
    const unitOf = new Int32Array(n);
    const index = new Map<string, number>();
    const unitSeg: string[] = [];
    const sumLat: number[] = [];
    const sumLon: number[] = [];
    const count: number[] = [];
    for (let i = 0; i < n; i++) {
        const seg = acc.segment?.[i] ?? '';
        const key = `${seg}\u0000${postal[i]}`;
        let u = index.get(key);
        if (u === undefined) {
            u = unitSeg.length;
            index.set(key, u);
            unitSeg.push(seg);
            sumLat.push(0);
            sumLon.push(0);
            count.push(0);
        }
        unitOf[i] = u;
        sumLat[u]! += acc.lat[i]!;
        sumLon[u]! += acc.lon[i]!;
        count[u]!++;
    }
    const bySeg = new Map<string, number[]>();
    for (let u = 0; u < unitSeg.length; u++) {
        if (!bySeg.has(unitSeg[u]!)) bySeg.set(unitSeg[u]!, []);
        bySeg.get(unitSeg[u]!)!.push(u);
    }
    const segments = [...bySeg.values()].map((units) => ({
        units,
        graph: unitAdjacency(
            Float64Array.from(units, (u) => sumLat[u]! / count[u]!),
            Float64Array.from(units, (u) => sumLon[u]! / count[u]!)
        )
    }));
    return { unitOf, unitSeg, segments };
}

/**
 * Whether a plan keeps every unit whole and every rep's units of a segment one piece of its
 * graph (the benchmark's own check of what the engine's report says).
 */
export function unitsContiguous(units: PostalUnits, assign: Int32Array): boolean {
    const owner = new Int32Array(units.unitSeg.length).fill(-1);
    for (let i = 0; i < assign.length; i++) {
        const u = units.unitOf[i]!;
        if (owner[u]! >= 0 && owner[u] !== assign[i]) return false;
        owner[u] = assign[i]!;
    }
    for (const { units: list, graph } of units.segments) {
        const { compOwner } = componentsByOwner(
            graph,
            Int32Array.from(list, (u) => owner[u]!)
        );
        if (new Set(compOwner).size !== compOwner.length) return false;
    }
    return true;
}
