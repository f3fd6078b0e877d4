/** Postal units for benchmarks: units drawn like real ones, small where accounts are dense. */
import KDBush from 'kdbush';
import { mulberry32 } from '../../src/engine/geo.js';
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
