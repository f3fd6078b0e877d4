/**
 * Windshield time as a measure (issue 15, DESIGN.md "Visit routes and windshield time"): each
 * account's share of its territory's monthly driving, "visits × route length estimate", so that a
 * plan can balance driving like potential and workload, and report it per rep.
 *
 * The estimate: a route that visits an account arrives from one nearby stop and leaves for
 * another, so the account adds about the mean of its distances to its two nearest accounts (of
 * its segment) to each route through it; times its visits per month, at the travel model's road
 * km (× circuity) and speed. Summed over a territory it estimates the driving between stops,
 * which grows where accounts are sparse: 100 rural accounts cost far more than 100 downtown. For
 * n accounts spread evenly over an area A, the sum is about 0.62·√(nA) against the 0.71·√(nA) of
 * an optimal tour through them all (Beardwood–Halton–Hammersley), so it is a per-account,
 * plan-independent figure that the engine can add up, not a route. The drive from the rep's home
 * to the first stop and back is not in it: that depends on which rep serves the account, which
 * is what the engine's travel (km to the rep's home) already minimises. `territory routes` and
 * the visit-routes job plan the real days.
 *
 * Pure and deterministic (a k-d tree, no I/O).
 */
import { accountNeighbours } from '../engine/candidates.js';
import { haversineKm } from '../engine/geo.js';

/** The measure's name in `--balance`, `settings.balance` and the reports (minutes per month). */
export const DRIVE_TIME_MEASURE = 'DriveTime';

export interface DriveTimeOptions {
    /** mean driving speed in km/h (as `territory routes --speed-kmh`, default 50) */
    speedKmh?: number;
    /** road km per great-circle km (as `territory routes --circuity`, default 1.3) */
    circuity?: number;
}

export const DRIVE_TIME_DEFAULTS = { speedKmh: 50, circuity: 1.3 } as const;

/**
 * Minutes of driving per month each account adds to its territory's routes. `visits` per account
 * per month (1 each when null); `group` puts accounts in separate pools (segments: reps of one
 * segment never route through another's accounts), null for one pool. An account alone in its
 * pool gets 0 (its driving is the commute from the rep's home, which travel covers).
 */
export function driveTimeMinutes(
    lat: Float64Array,
    lon: Float64Array,
    visits: ArrayLike<number> | null,
    group: readonly string[] | null,
    options: DriveTimeOptions = {}
): Float64Array<ArrayBuffer> {
    const speed = options.speedKmh ?? DRIVE_TIME_DEFAULTS.speedKmh;
    const circuity = options.circuity ?? DRIVE_TIME_DEFAULTS.circuity;
    if (!(speed > 0) || !Number.isFinite(speed))
        throw new RangeError(`speedKmh must be a positive number (got ${speed}).`);
    if (!(circuity > 0) || !Number.isFinite(circuity))
        throw new RangeError(`circuity must be a positive number (got ${circuity}).`);
    const n = lat.length;
    const out = new Float64Array(n);
    const pools = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
        const g = group ? (group[i] ?? '') : '';
        const pool = pools.get(g);
        if (pool) pool.push(i);
        else pools.set(g, [i]);
    }
    const minutesPerKm = (circuity / speed) * 60;
    for (const members of pools.values()) {
        if (members.length < 2) continue;
        const plat = Float64Array.from(members, (i) => lat[i]!);
        const plon = Float64Array.from(members, (i) => lon[i]!);
        const near = accountNeighbours(plat, plon, 2);
        members.forEach((i, p) => {
            let km = 0;
            let legs = 0;
            for (let q = 0; q < 2; q++) {
                const j = near[2 * p + q]!;
                if (j < 0) continue;
                km += haversineKm(plat[p]!, plon[p]!, plat[j]!, plon[j]!);
                legs++;
            }
            const v = visits ? visits[i]! : 1;
            out[i] = legs > 0 ? (v * km * minutesPerKm) / legs : 0;
        });
    }
    return out;
}
