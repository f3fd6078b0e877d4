/**
 * Instance families for the generalisation benchmark (families.bench.ts). Each family is a
 * deterministic generator from (n, k, seed) returning the bench's `Instance`: measures
 * Potential and Workload (+ implicit Count) and rep homes. The engine may be tuned on the
 * TUNING families only; the others are held out, and every report shows the two groups apart.
 */
import { mulberry32 } from '../../src/engine/geo.js';
import { fmtN, gauss, generate } from './instances.js';
import type { Instance } from './instances.js';

type Rnd = () => number;

export interface Family {
    name: string;
    /**
     * tuning: the engine may be tuned on it; held-out: never tuned on; reference: the engine
     * bench's own generator, which the engine was developed against (reported on its own)
     */
    group: 'tuning' | 'held-out' | 'reference';
    what: string;
    /** part of the exact-result cache key: bump it whenever the generator's output changes */
    version: number;
    make(n: number, k: number, seed: number): Instance;
}

interface Box {
    lat0: number;
    lat1: number;
    lon0: number;
    lon1: number;
}

/** A place accounts cluster around: centre, relative size, spread (degrees of latitude). */
interface Place {
    lat: number;
    lon: number;
    w: number;
    r: number;
}

const US: Box = { lat0: 30, lat1: 47, lon0: -122, lon1: -72 };
const EUROPE: Box = { lat0: 36, lat1: 60, lon0: -10, lon1: 25 };

// name latitude longitude metro-population (millions), | between cities
const EUROPE_CITIES = `
    London 51.51 -0.13 9.0 | Paris 48.86 2.35 11.0 | Madrid 40.42 -3.7 6.6
    Barcelona 41.39 2.17 5.5 | Berlin 52.52 13.4 4.5 | Hamburg 53.55 9.99 2.5
    Munich 48.14 11.58 2.6 | Milan 45.46 9.19 4.3 | Rome 41.9 12.5 4.3
    Naples 40.85 14.27 3.1 | Amsterdam 52.37 4.9 2.5 | Brussels 50.85 4.35 2.1
    Vienna 48.21 16.37 2.9 | Warsaw 52.23 21.01 3.1 | Prague 50.08 14.44 2.2
    Budapest 47.5 19.04 3.0 | Lisbon 38.72 -9.14 2.9 | Porto 41.15 -8.61 1.7
    Lyon 45.76 4.84 2.3 | Marseille 43.3 5.37 1.9 | Zurich 47.38 8.54 1.4
    Copenhagen 55.68 12.57 2.1 | Stockholm 59.33 18.07 2.4 | Oslo 59.91 10.75 1.6
    Dublin 53.35 -6.26 2.0 | Manchester 53.48 -2.24 2.8 | Birmingham 52.49 -1.89 2.9
    Frankfurt 50.11 8.68 2.3 | Rhine-Ruhr 51.46 7.01 5.0 | Athens 37.98 23.73 3.6
    Seville 37.39 -5.98 1.5 | Valencia 39.47 -0.38 1.7 | Krakow 50.06 19.94 1.4
    Edinburgh 55.95 -3.19 0.9 | Bologna 44.49 11.34 1.0 | Gdansk 54.35 18.65 1.0
`;

const AUSTRALIA_CITIES = `
    Sydney -33.87 151.21 5.3 | Melbourne -37.81 144.96 5.1 | Brisbane -27.47 153.03 2.6
    Perth -31.95 115.86 2.1 | Adelaide -34.93 138.6 1.4 | Gold-Coast -28.02 153.4 0.7
    Newcastle -32.93 151.78 0.5 | Canberra -35.28 149.13 0.46 | Sunshine-Coast -26.65 153.07 0.35
    Wollongong -34.42 150.89 0.3 | Geelong -38.15 144.36 0.28 | Hobart -42.88 147.33 0.25
    Townsville -19.26 146.82 0.18 | Cairns -16.92 145.77 0.15 | Darwin -12.46 130.84 0.15
    Toowoomba -27.56 151.95 0.14 | Ballarat -37.56 143.85 0.11 | Bendigo -36.76 144.28 0.1
    Launceston -41.43 147.14 0.09 | Mackay -21.14 149.19 0.08 | Albury -36.08 146.92 0.09
    Bunbury -33.33 115.64 0.08 | Rockhampton -23.38 150.51 0.08 | Kalgoorlie -30.75 121.47 0.03
`;

function inBox(rnd: Rnd, b: Box): [number, number] {
    return [b.lat0 + rnd() * (b.lat1 - b.lat0), b.lon0 + rnd() * (b.lon1 - b.lon0)];
}

function pickWeighted(rnd: Rnd, places: Place[], total: number): Place {
    let x = rnd() * total;
    for (const p of places) if ((x -= p.w) <= 0) return p;
    return places[places.length - 1]!;
}

/** A point around `p`, `spread` × its radius (longitude stretched so clusters stay round). */
function around(rnd: Rnd, p: Place, spread = 1): [number, number] {
    const lat = p.lat + gauss(rnd) * p.r * spread;
    return [lat, p.lon + (gauss(rnd) * p.r * spread) / Math.cos((p.lat * Math.PI) / 180)];
}

/**
 * n account locations: a share `rural` uniform in `box` (with no box: around a place at 4 × its
 * spread, so no one lands in the sea), the rest around places picked by weight.
 */
function scatter(rnd: Rnd, n: number, places: Place[], rural: number, box: Box | null) {
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    const total = places.reduce((s, p) => s + p.w, 0);
    for (let i = 0; i < n; i++) {
        const isRural = rnd() < rural;
        const [a, b] =
            isRural && box
                ? inBox(rnd, box)
                : around(rnd, pickWeighted(rnd, places, total), isRural ? 4 : 1);
        lat[i] = a;
        lon[i] = b;
    }
    return { lat, lon };
}

function randomPlaces(rnd: Rnd, count: number, box: Box, r0: number, r1: number): Place[] {
    return Array.from({ length: count }, () => {
        const [lat, lon] = inBox(rnd, box);
        return { lat, lon, w: Math.exp(0.8 * gauss(rnd)), r: r0 + (r1 - r0) * rnd() };
    });
}

function cityPlaces(table: string, r0: number): Place[] {
    return table
        .trim()
        .split(/\s*\|\s*|\n\s*/)
        .map((city) => {
            const [, lat, lon, pop] = city.split(' ').map(Number);
            return { lat: lat!, lon: lon!, w: pop!, r: r0 * Math.sqrt(pop!) };
        });
}

/** Potential: log-normal with spread `sigma` (0: light-tailed, uniform 0.5–1.5 × 10,000). */
function potential(rnd: Rnd, n: number, sigma: number): Float64Array {
    return Float64Array.from({ length: n }, () =>
        Math.round(10000 * (sigma > 0 ? Math.exp(sigma * gauss(rnd)) : 0.5 + rnd()))
    );
}

/** Workload ≈ 10 × (potential / mean)^corr × log-normal noise, one decimal. */
function workload(rnd: Rnd, pot: Float64Array, corr: number): Float64Array {
    const mean = pot.reduce((s, x) => s + x, 0) / pot.length;
    return pot.map(
        (p) => Math.round(100 * Math.pow(p / mean, corr) * Math.exp(0.35 * gauss(rnd))) / 10
    );
}

type Coords = { lat: Float64Array; lon: Float64Array };

/** Homes at accounts drawn from `pool` (default: all), jittered by ~5 km. */
function homesNear(rnd: Rnd, acc: Coords, k: number, pool?: (r: number) => number[]): Coords {
    const lat = new Float64Array(k);
    const lon = new Float64Array(k);
    for (let r = 0; r < k; r++) {
        const from = pool?.(r);
        const i = from
            ? from[Math.floor(rnd() * from.length)]!
            : Math.floor(rnd() * acc.lat.length);
        lat[r] = acc.lat[i]! + gauss(rnd) * 0.05;
        lon[r] = acc.lon[i]! + gauss(rnd) * 0.05;
    }
    return { lat, lon };
}

interface Parts {
    at: Coords;
    pot: Float64Array;
    work: Float64Array;
    homes: Coords;
    capacity?: Float64Array;
    segment?: string[];
    repSegment?: string[];
}

function build(family: string, seed: number, p: Parts): Instance {
    const n = p.at.lat.length;
    const k = p.homes.lat.length;
    return {
        name: `${family} ${fmtN(n)}x${k} s${seed}`,
        measures: ['Potential', 'Workload', 'Count'],
        acc: {
            ids: Array.from({ length: n }, (_, i) => `A${i}`),
            lat: p.at.lat,
            lon: p.at.lon,
            measureNames: ['Potential', 'Workload'],
            measures: [p.pot, p.work],
            segment: p.segment ?? null,
            locked: null,
            currentRep: null
        },
        reps: {
            ids: Array.from({ length: k }, (_, r) => `R${r}`),
            lat: p.homes.lat,
            lon: p.homes.lon,
            capacity: p.capacity ?? new Float64Array(k).fill(1),
            segment: p.repSegment ?? null,
            leftIds: []
        }
    };
}

/** Clustered accounts with log-normal potential and homes at accounts: most families' base. */
function clustered(
    rnd: Rnd,
    n: number,
    k: number,
    places: Place[],
    rural: number,
    box: Box | null
) {
    const at = scatter(rnd, n, places, rural, box);
    const pot = potential(rnd, n, 0.9);
    return { at, pot, work: workload(rnd, pot, 0.5), homes: homesNear(rnd, at, k) };
}

type Generator = (rnd: Rnd, n: number, k: number) => Parts;

const uniform: Generator = (rnd, n, k) => {
    const at = scatter(rnd, n, [], 1, US);
    const pot = potential(rnd, n, 0);
    return { at, pot, work: workload(rnd, pot, 0.5), homes: scatter(rnd, k, [], 1, US) };
};

const metrosFew: Generator = (rnd, n, k) =>
    clustered(rnd, n, k, randomPlaces(rnd, 3 + Math.floor(rnd() * 2), US, 0.3, 0.7), 0.05, US);

const metrosMany: Generator = (rnd, n, k) => {
    // 30–44 towns, Zipf sizes (the largest ~ 30 × the smallest), radius growing with size
    const towns = randomPlaces(rnd, 30 + Math.floor(rnd() * 15), US, 0, 0).map((t, j) => ({
        ...t,
        w: 1 / (j + 1) ** 1.1,
        r: 0.03 + 0.15 / Math.sqrt(j + 1)
    }));
    return clustered(rnd, n, k, towns, 0.1, US);
};

const heavyTail: Generator = (rnd, n, k) => {
    const at = scatter(rnd, n, randomPlaces(rnd, 12, US, 0.2, 0.4), 0.2, US);
    // Pareto potential (α 1.3, from 2,000), each account clipped to a share of the expected
    // total (a realised total can be dominated by one draw) so that only the whales stand out
    const cap = Math.min(0.012, 0.5 / k) * n * 2000 * (1.3 / 0.3);
    const pot = Float64Array.from({ length: n }, () =>
        Math.round(Math.min(2000 * (1 - rnd()) ** (-1 / 1.3), cap))
    );
    // three whales of 3–4 % of the total each, but below 0.8 × a rep's target so it stays feasible
    const rest = pot.reduce((s, x) => s + x, 0);
    const shares = [0, 1, 2].map(() => Math.min(0.035, 0.7 / k) * (0.85 + 0.3 * rnd()));
    const total = rest / (1 - shares.reduce((s, x) => s + x, 0));
    shares.forEach((s, j) => (pot[Math.floor(((j + rnd()) * n) / 3)] = Math.round(s * total)));
    return { at, pot, work: workload(rnd, pot, 0.15), homes: homesNear(rnd, at, k) };
};

const capacities: Generator = (rnd, n, k) => {
    const parts = clustered(rnd, n, k, randomPlaces(rnd, 8, US, 0.2, 0.5), 0.25, US);
    // seniors 1.5, regular 1, ramping 0.5; the last rep (the "new hire" case) is ramping
    const capacity = Float64Array.from({ length: k }, (_, r) =>
        r === k - 1 ? 0.5 : [1, 1.5, 0.5][r % 3]!
    );
    return { ...parts, capacity };
};

const homesAway: Generator = (rnd, n, k) => {
    const towns = randomPlaces(rnd, 5 + Math.floor(rnd() * 3), US, 0.1, 0.25);
    const parts = clustered(rnd, n, k, towns, 0.1, US);
    // each rep lives 20–80 km out from a town (suburb or a neighbouring town)
    const total = towns.reduce((s, t) => s + t.w, 0);
    for (let r = 0; r < k; r++) {
        const t = pickWeighted(rnd, towns, total);
        const deg = (20 + 60 * rnd()) / 111;
        const bearing = 2 * Math.PI * rnd();
        parts.homes.lat[r] = t.lat + deg * Math.cos(bearing);
        parts.homes.lon[r] = t.lon + (deg / Math.cos((t.lat * Math.PI) / 180)) * Math.sin(bearing);
    }
    return parts;
};

const europe: Generator = (rnd, n, k) =>
    clustered(rnd, n, k, cityPlaces(EUROPE_CITIES, 0.08), 0.1, EUROPE);

// regional accounts stay near the (coastal) cities: no uniform box over the outback
const australia: Generator = (rnd, n, k) =>
    clustered(rnd, n, k, cityPlaces(AUSTRALIA_CITIES, 0.12), 0.15, null);

/**
 * Two segments over the same map: ENT (2 reps when k < 20, else 3: reps 1…) with a fifth of the
 * accounts, SMB (the other reps) with the rest.
 */
const segments: Generator = (rnd, n, k) => {
    const few = k < 20 ? 2 : 3;
    const parts = clustered(rnd, n, k, randomPlaces(rnd, 10, US, 0.15, 0.4), 0.2, US);
    const segment = Array.from({ length: n }, () => (rnd() < 0.2 ? 'ENT' : 'SMB'));
    const repSegment = Array.from({ length: k }, (_, r) => (r >= 1 && r <= few ? 'ENT' : 'SMB'));
    const members = new Map(
        ['ENT', 'SMB'].map((s) => [s, segment.flatMap((x, i) => (x === s ? [i] : []))])
    );
    const homes = homesNear(rnd, parts.at, k, (r) => members.get(repSegment[r]!)!);
    return { ...parts, homes, segment, repSegment };
};

/** A generator's random stream: its own for each (family, seed). */
function stream(family: string, seed: number): Rnd {
    let h = 2166136261;
    for (const ch of `${family}:${seed}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return mulberry32(h);
}

function family(
    name: string,
    group: Family['group'],
    gen: Generator,
    what: string,
    version = 1
): Family {
    const make = (n: number, k: number, seed: number): Instance =>
        build(name, seed, gen(stream(name, seed), n, k));
    return { name, group, what, version, make };
}

export const FAMILIES: Family[] = [
    family('uniform', 'tuning', uniform, 'uniform over a US box, potential uniform 0.5–1.5 ×'),
    family('metros-few', 'tuning', metrosFew, '3–4 large metros (~50 km), 5 % rural'),
    family('capacities', 'tuning', capacities, '8 cities, capacities 1 / 1.5 / 0.5'),
    family('metros-many', 'held-out', metrosMany, '30–44 towns of Zipf sizes, 10 % rural'),
    family('heavy-tail', 'held-out', heavyTail, 'Pareto potential, 3 accounts of 3–4 %', 2),
    family('homes-away', 'held-out', homesAway, '5–7 towns, homes 20–80 km out of town'),
    family('europe', 'held-out', europe, '36 European metros, 36–60°N, 10°W–25°E'),
    family('australia', 'held-out', australia, '24 Australian cities incl. Perth, Darwin'),
    family('segments', 'held-out', segments, 'ENT 2 reps (3 at mid) + SMB 4 reps (30 at mid)'),
    {
        name: 'bench',
        group: 'reference',
        what: "the engine bench's own generator",
        version: 1,
        make: (n, k, seed) => ({
            ...generate({ n, k, seed, homes: true }),
            name: `bench ${fmtN(n)}x${k} s${seed}`
        })
    }
];
