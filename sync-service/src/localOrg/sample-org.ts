/**
 * Sample-org generator: a realistic, deterministic (per seed) org for demos, tests and benchmarks,
 * shaped like a company. Accounts sit in real US ZIP codes (their centroids, from the ZIP
 * reference) around real metros with a rural spread, and several share a ZIP; they carry
 * industries, size tiers and skewed revenue/potential/workload; opportunities have stages and
 * amounts. Reps live where the business is: the FY27 plan was designed as areas of equal business
 * drawn on 3-digit ZIP prefixes (sectional centres, the coarse units sales-ops teams draw
 * territory rules with; split by recursive bisection in proportion to capacity), each rep at the
 * weighted medoid of their area, so more reps work where more potential is. Then the plan drifted
 * the way plans do, and the ObjectTerritory2Associations hold the drifted plan: accounts were added
 * (in growing metros, each given to the territory of its ZIP, or to the nearest rep for a new ZIP)
 * and potentials re-estimated; a rep left and their accounts were parked with the nearest
 * remaining reps; a few big accounts were kept by hand with a neighbouring rep. The largest 1 % of
 * accounts by potential are named (key) accounts (`Territory_Named__c`), which plans made of postal
 * units place individually, as AlignMix and Fullcast do.
 */
import { mulberry32 } from '../engine/geo.js';
import { METROS, type Metro } from './metros.js';
import { designByPrefix, km, nearestHome } from './sample-design.js';
import { zipPlaces, type ZipPlaces } from './zip-places.js';
import { OPPORTUNITY_STAGES } from './schema.js';
import type { OrgStore } from './store.js';

export interface SampleOrgOptions {
    accounts: number;
    reps: number;
    seed: number;
    /** Mean opportunities per account; default 1.2 (0.3 above 200k accounts, to bound memory). */
    opportunitiesPerAccount?: number;
}

export interface SampleOrg {
    integrationUserId: string;
    integrationUsername: string;
    adminUserId: string;
    repIds: string[];
    activeModelId: string;
    archivedModelId: string;
    territoryTypeId: string;
    regionTerritoryIds: string[];
    /** rep user id → their territory id */
    territoryByRep: Map<string, string>;
    accountIds: string[];
}

/** The generator's PRNG: the engine's mulberry32 (small, fast, good enough for synthetic data). */
export const createRng = mulberry32;

function gaussian(rng: () => number): number {
    const u = Math.max(rng(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function pickWeighted<T>(rng: () => number, items: readonly T[], cumulative: number[]): T {
    const r = rng() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < r) lo = mid + 1;
        else hi = mid;
    }
    return items[lo]!;
}

function cumulate(weights: number[]): number[] {
    let s = 0;
    return weights.map((w) => (s += w));
}

function pick<T>(rng: () => number, items: readonly T[]): T {
    return items[Math.floor(rng() * items.length)]!;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

const FIRST_NAMES = [
    'Dana',
    'Alex',
    'Jordan',
    'Morgan',
    'Taylor',
    'Casey',
    'Riley',
    'Jamie',
    'Avery',
    'Quinn',
    'Priya',
    'Mateo',
    'Aisha',
    'Wei',
    'Sofia',
    'Liam',
    'Noah',
    'Emma',
    'Olivia',
    'Lucas',
    'Hannah',
    'Omar',
    'Grace',
    'Ethan',
    'Maya',
    'Diego',
    'Chloe',
    'Samuel',
    'Zoe',
    'Isaac',
    'Leah',
    'Kenji',
    'Fatima',
    'Marcus',
    'Elena',
    'Nina',
    'Victor',
    'Ruth',
    'Tariq',
    'Ines'
];
const LAST_NAMES = [
    'Ortiz',
    'Nguyen',
    'Patel',
    'Kim',
    'Johnson',
    'Garcia',
    'Brown',
    'Miller',
    'Davis',
    'Lopez',
    'Wilson',
    'Anderson',
    'Thomas',
    'Moore',
    'Martin',
    'Lee',
    'Walker',
    'Hall',
    'Young',
    'King',
    'Wright',
    'Scott',
    'Green',
    'Baker',
    'Adams',
    'Nelson',
    'Hill',
    'Rivera',
    'Campbell',
    'Mitchell',
    'Roberts',
    'Carter',
    'Phillips',
    'Evans',
    'Turner',
    'Torres',
    'Parker',
    'Collins',
    'Edwards',
    'Stewart'
];
const NAME_A = [
    'Summit',
    'Blue',
    'Pioneer',
    'Granite',
    'Harbor',
    'Cedar',
    'Atlas',
    'Silver',
    'North',
    'Prairie',
    'Liberty',
    'Eagle',
    'Red Rock',
    'Keystone',
    'Lakeside',
    'Evergreen',
    'Golden',
    'Iron',
    'Coastal',
    'Union',
    'Frontier',
    'Crescent',
    'Bright',
    'Sterling',
    'Meridian'
];
const NAME_B = [
    'Logistics',
    'Health',
    'Foods',
    'Systems',
    'Manufacturing',
    'Partners',
    'Energy',
    'Labs',
    'Bank',
    'Supply',
    'Motors',
    'Media',
    'Insurance',
    'Builders',
    'Analytics',
    'Clinics',
    'Retail',
    'Telecom',
    'Farms',
    'Engineering'
];
const NAME_C = ['Inc.', 'LLC', 'Corp.', 'Group', 'Co.', 'Holdings', 'Ltd.'];
const STREETS = [
    'Main St',
    'Oak Ave',
    'Market St',
    'Park Blvd',
    '1st St',
    'Elm St',
    'Washington Ave',
    'Lake Rd',
    'Industrial Pkwy',
    'Commerce Dr',
    'Maple St',
    'Pine St'
];
const INDUSTRIES: [string, number, number][] = [
    // industry, weight, potential factor (share of revenue a vendor could win)
    ['Manufacturing', 14, 0.012],
    ['Healthcare', 12, 0.015],
    ['Technology', 11, 0.02],
    ['Retail', 10, 0.008],
    ['Finance', 8, 0.014],
    ['Construction', 7, 0.009],
    ['Transportation', 6, 0.01],
    ['Food & Beverage', 6, 0.007],
    ['Energy', 4, 0.011],
    ['Education', 4, 0.006],
    ['Insurance', 4, 0.013],
    ['Hospitality', 4, 0.006],
    ['Communications', 3, 0.012],
    ['Government', 3, 0.005],
    ['Agriculture', 2, 0.006],
    ['Biotechnology', 2, 0.018]
];
/** Revenue (USD) at which potential = revenue × industry factor (the SMB median). */
const POTENTIAL_BASE_REVENUE = 4e6;
/** Elasticity of potential to revenue above/below that base (share of wallet falls with size). */
const POTENTIAL_ELASTICITY = 0.6;
const TIERS = [
    // segment, share, median employees, median revenue (USD), workload hours/year median
    { segment: 'Enterprise', share: 0.04, employees: 5000, revenue: 800e6, workload: 120 },
    { segment: 'Mid-Market', share: 0.21, employees: 400, revenue: 60e6, workload: 40 },
    { segment: 'SMB', share: 0.75, employees: 25, revenue: 4e6, workload: 12 }
];
const STAGE_WEIGHTS: [string, number][] = [
    ['Prospecting', 14],
    ['Qualification', 12],
    ['Needs Analysis', 10],
    ['Value Proposition', 8],
    ['Id. Decision Makers', 6],
    ['Perception Analysis', 4],
    ['Proposal/Price Quote', 6],
    ['Negotiation/Review', 5],
    ['Closed Won', 20],
    ['Closed Lost', 15]
];
const REGIONS = [
    { name: 'West', test: (lon: number) => lon < -104 },
    { name: 'Central', test: (lon: number) => lon >= -104 && lon < -88 },
    { name: 'East', test: (lon: number) => lon >= -88 }
];
/** Fixed reference date so generated close dates do not depend on the clock. */
const BASE_DATE = Date.UTC(2026, 5, 30);

/** Share of today's accounts added since the plan was designed (growth). */
const GROWTH_SHARE = 0.05;
/** Metros that grew since the design: new accounts come mostly from there, potentials rose. */
const GROWTH_METROS = new Set([
    'Dallas',
    'Houston',
    'Atlanta',
    'Phoenix',
    'Austin',
    'Nashville',
    'Charlotte',
    'Raleigh',
    'Denver',
    'Orlando',
    'Tampa',
    'Las Vegas',
    'Salt Lake City',
    'Boise',
    'San Antonio',
    'Jacksonville'
]);
/** Relative weight of the other metros for new accounts. */
const SLOW_METRO_GROWTH = 0.2;
/** Potential of the growing metros' existing accounts since the design (× this). */
const GROWTH_POTENTIAL = 1.05;
/** Spread (log-normal σ) of the re-estimation of every existing account's potential. */
const POTENTIAL_REESTIMATE = 0.1;
/** Share of accounts that are named (key) accounts: the largest by potential. */
const NAMED_SHARE = 0.01;
/**
 * The current plan's drift before the hand-made exceptions, at most (the upper end): a plan under
 * review is 15–40 % off; the exceptions add a point or two.
 */
const DRIFT_BAND = [0.15, 0.37] as const;

/** Share of accounts kept by hand with a neighbouring rep (key accounts, past favours). */
const EXCEPTION_SHARE = 0.004;
/** Share of accounts rural (a wide spread around a metro, small towns). */
const RURAL_SHARE = 0.12;
/** Rural spread around a metro (km, Gaussian σ). */
const RURAL_SIGMA_KM = 180;

interface ZipSampler {
    zips: Int32Array;
    cumulative: Float64Array;
}

interface MetroSamplers {
    urban: ZipSampler[];
    rural: ZipSampler[];
}

let samplersCache: MetroSamplers | undefined;

/**
 * Per metro, the ZIPs an account of that metro may sit in, weighted by a Gaussian kernel around
 * the metro (σ grows with population; wider for rural accounts, which avoid the core) times the
 * ZIP's business weight. Independent of the seed, so computed once.
 */
function metroSamplers(zips: ZipPlaces): MetroSamplers {
    if (samplersCache) return samplersCache;
    const build = (metro: Metro, rural: boolean): ZipSampler => {
        const urbanSigma = 20 * Math.sqrt(metro.population);
        const sigma = rural ? RURAL_SIGMA_KM : urbanSigma;
        const ids: number[] = [];
        const weights: number[] = [];
        for (let z = 0; z < zips.count; z++) {
            const d = km(metro.lat, metro.lon, zips.lat[z]!, zips.lon[z]!);
            if (d > 3 * sigma) continue;
            const kernel = Math.exp(-(d * d) / (2 * sigma * sigma));
            const w = rural
                ? kernel * Math.sqrt(zips.business[z]!) * (d < urbanSigma ? 0.1 : 1)
                : kernel * zips.business[z]!;
            if (w <= 0) continue;
            ids.push(z);
            weights.push(w);
        }
        if (ids.length === 0) {
            // No ZIP in reach (cannot happen with the shipped reference): the nearest one.
            let best = 0;
            for (let z = 1; z < zips.count; z++)
                if (
                    km(metro.lat, metro.lon, zips.lat[z]!, zips.lon[z]!) <
                    km(metro.lat, metro.lon, zips.lat[best]!, zips.lon[best]!)
                )
                    best = z;
            ids.push(best);
            weights.push(1);
        }
        return { zips: Int32Array.from(ids), cumulative: Float64Array.from(cumulate(weights)) };
    };
    samplersCache = {
        urban: METROS.map((m) => build(m, false)),
        rural: METROS.map((m) => build(m, true))
    };
    return samplersCache;
}

function sampleZip(rng: () => number, sampler: ZipSampler): number {
    const c = sampler.cumulative;
    const r = rng() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (c[mid]! < r) lo = mid + 1;
        else hi = mid;
    }
    return sampler.zips[lo]!;
}

function nearestMetro(lat: number, lon: number): Metro {
    let best = METROS[0]!;
    for (const m of METROS)
        if (km(lat, lon, m.lat, m.lon) < km(lat, lon, best.lat, best.lon)) best = m;
    return best;
}

/** Fills an empty store with the sample org. */
export function generateSampleOrg(store: OrgStore, options: SampleOrgOptions): SampleOrg {
    const rng = createRng(options.seed);
    const repCount = Math.max(1, Math.floor(options.reps));
    const accountCount = Math.max(0, Math.floor(options.accounts));
    const oppMean = options.opportunitiesPerAccount ?? (accountCount > 200_000 ? 0.3 : 1.2);

    const integration = store.load('User', {
        Username: 'integration@territory.local',
        FirstName: 'Integration',
        LastName: 'User',
        Email: 'integration@territory.local',
        Alias: 'integ',
        Title: 'API Integration'
    });
    store.defaultUserId = integration.Id;
    for (const r of [integration]) r.CreatedById = r.LastModifiedById = integration.Id;
    const admin = store.load('User', {
        Username: 'admin@territory.local',
        FirstName: 'Sales',
        LastName: 'Ops',
        Email: 'admin@territory.local',
        Alias: 'sops',
        Title: 'Sales Operations'
    });

    // 1. Accounts: places (ZIPs around metros) and measures. The first ones existed when the plan
    // was designed; the rest were added since, mostly in the growing metros.
    const zips = zipPlaces();
    const samplers = metroSamplers(zips);
    const n = accountCount;
    const designed = Math.round(n * (1 - GROWTH_SHARE));
    const metroCum = cumulate(METROS.map((m) => m.population));
    const newMetroCum = cumulate(
        METROS.map((m) => m.population * (GROWTH_METROS.has(m.city) ? 1 : SLOW_METRO_GROWTH))
    );
    const metroIndex = METROS.map((_, i) => i);
    const industryCum = cumulate(INDUSTRIES.map((x) => x[1]));
    const tierCum = cumulate(TIERS.map((t) => t.share));
    const industryIndex = INDUSTRIES.map((_, i) => i);
    const tierIndexes = TIERS.map((_, t) => t);
    const zipOf = new Int32Array(n);
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    const potential = new Float64Array(n);
    /** potential when the plan was designed (0 for accounts added since) */
    const designPotential = new Float64Array(n);
    const workload = new Float64Array(n);
    const industryOf = new Uint8Array(n);
    const tierOf = new Uint8Array(n);
    const employeesOf = new Int32Array(n);
    const revenueOf = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        const added = i >= designed;
        const m = pickWeighted(rng, metroIndex, added ? newMetroCum : metroCum);
        const isRural = rng() < RURAL_SHARE;
        const z = sampleZip(rng, (isRural ? samplers.rural : samplers.urban)[m]!);
        const jitter = isRural ? 0.02 : 0.008;
        zipOf[i] = z;
        lat[i] = round(zips.lat[z]! + gaussian(rng) * jitter, 6);
        lon[i] = round(zips.lon[z]! + gaussian(rng) * jitter * 1.3, 6);
        const industry = pickWeighted(rng, industryIndex, industryCum);
        const factor = INDUSTRIES[industry]![2];
        const tierIndex = pickWeighted(rng, tierIndexes, tierCum);
        const tier = TIERS[tierIndex]!;
        const employees = Math.max(1, Math.round(tier.employees * Math.exp(gaussian(rng) * 0.7)));
        const revenue = Math.round((tier.revenue * Math.exp(gaussian(rng) * 0.8)) / 1000) * 1000;
        // Wallet share shrinks with size: a vendor wins far less of a $1B company's spend per
        // dollar of revenue than of a $4M one's, so potential grows sub-linearly with revenue
        // (elasticity POTENTIAL_ELASTICITY). Linear scaling let one enterprise account outweigh a
        // whole territory's target in small orgs, which no plan can balance.
        const p =
            POTENTIAL_BASE_REVENUE *
            factor *
            Math.pow(revenue / POTENTIAL_BASE_REVENUE, POTENTIAL_ELASTICITY) *
            Math.exp(gaussian(rng) * 0.5);
        // Since the design, every existing account's potential was re-estimated, and the growing
        // metros' accounts grew.
        const change = added
            ? 1
            : Math.exp(gaussian(rng) * POTENTIAL_REESTIMATE) *
              (GROWTH_METROS.has(METROS[m]!.city) ? GROWTH_POTENTIAL : 1);
        designPotential[i] = added ? 0 : p;
        potential[i] = round(p * change, 2);
        workload[i] = round(tier.workload * Math.exp(gaussian(rng) * 0.4), 2);
        industryOf[i] = industry;
        tierOf[i] = tierIndex;
        employeesOf[i] = employees;
        revenueOf[i] = revenue;
    }

    // 2. Postal units (the ZIPs in use) and their business when the plan was designed.
    const unitOfZip = new Map<number, number>();
    const unitZip: number[] = [];
    const unitOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
        let u = unitOfZip.get(zipOf[i]!);
        if (u === undefined) {
            u = unitZip.length;
            unitOfZip.set(zipOf[i]!, u);
            unitZip.push(zipOf[i]!);
        }
        unitOf[i] = u;
    }
    const units = {
        lat: Float64Array.from(unitZip, (z) => zips.lat[z]!),
        lon: Float64Array.from(unitZip, (z) => zips.lon[z]!),
        measures: [new Float64Array(unitZip.length), new Float64Array(unitZip.length)],
        weight: new Float64Array(unitZip.length)
    };
    let designP = 0;
    let designW = 0;
    for (let i = 0; i < designed; i++) {
        designP += designPotential[i]!;
        designW += workload[i]!;
    }
    for (let i = 0; i < designed; i++) {
        const u = unitOf[i]!;
        units.measures[0]![u]! += designPotential[i]! / (designP || 1);
        units.measures[1]![u]! += workload[i]! / (designW || 1);
        units.weight[u] = units.measures[0]![u]! + units.measures[1]![u]!;
    }

    // 3. The design: one more rep than today (the one who left since), areas of equal business in
    // proportion to capacity drawn on 3-digit ZIP prefixes, each rep living at the medoid of
    // their area's ZIPs.
    const vacancy = repCount >= 2;
    const designReps = repCount + (vacancy ? 1 : 0);
    const capacities = Array.from({ length: designReps }, () =>
        rng() < 0.15 ? 0.8 : rng() < 0.15 ? 1.2 : 1
    );
    const design = designByPrefix(
        units,
        unitZip.map((z) => zips.code[z]!.slice(0, 3)),
        capacities
    );
    const area = design.area;
    const homes = capacities.map((_, r) => {
        let z = design.home[r]! >= 0 ? unitZip[design.home[r]!]! : -1;
        if (z < 0) {
            // An area without accounts (fewer accounts than reps): a home in a metro anyway.
            z = sampleZip(rng, samplers.urban[pickWeighted(rng, metroIndex, metroCum)]!);
        }
        // Reps live a short drive from where their business is.
        return {
            lat: round(zips.lat[z]! + gaussian(rng) * 0.03, 6),
            lon: round(zips.lon[z]! + gaussian(rng) * 0.04, 6)
        };
    });

    // 4. Drift. A rep left: the one whose area has neighbours close by (a vacancy in a metro, not
    // an empty state); their units were parked with the nearest remaining reps. New ZIPs (only
    // accounts added since the design) went to the nearest rep.
    function driftedUnits(leaver: number): Int32Array {
        const territoryOfUnit = Int32Array.from(area);
        if (leaver >= 0) {
            // Parked with the neighbours: each ZIP, biggest first, with whichever of its three
            // nearest remaining reps then holds the least business for their capacity.
            const held = new Float64Array(designReps);
            for (let u = 0; u < territoryOfUnit.length; u++)
                if (territoryOfUnit[u]! >= 0) held[territoryOfUnit[u]!]! += units.weight[u]!;
            const orphans: number[] = [];
            for (let u = 0; u < territoryOfUnit.length; u++)
                if (territoryOfUnit[u] === leaver) orphans.push(u);
            orphans.sort((a, b) => units.weight[b]! - units.weight[a]! || a - b);
            for (const u of orphans) {
                const near = homes
                    .map((h, r) => ({
                        r,
                        d: r === leaver ? Infinity : km(units.lat[u]!, units.lon[u]!, h.lat, h.lon)
                    }))
                    .sort((a, b) => a.d - b.d || a.r - b.r)
                    .slice(0, 3)
                    .sort((a, b) => held[a.r]! / capacities[a.r]! - held[b.r]! / capacities[b.r]!);
                const to = near[0]!.r;
                territoryOfUnit[u] = to;
                held[to]! += units.weight[u]!;
            }
        }
        for (let u = 0; u < territoryOfUnit.length; u++)
            if (territoryOfUnit[u]! < 0)
                territoryOfUnit[u] = nearestHome(units.lat[u]!, units.lon[u]!, homes, leaver);
        return territoryOfUnit;
    }
    /** The largest deviation of a remaining rep from their target (both measures, by capacity). */
    function maxDeviationOf(territoryOfUnit: Int32Array, leaver: number): number {
        const p = new Float64Array(designReps);
        const w = new Float64Array(designReps);
        let totalP = 0;
        let totalW = 0;
        for (let i = 0; i < n; i++) {
            const r = territoryOfUnit[unitOf[i]!]!;
            p[r]! += potential[i]!;
            w[r]! += workload[i]!;
            totalP += potential[i]!;
            totalW += workload[i]!;
        }
        let capSum = 0;
        for (let r = 0; r < designReps; r++) if (r !== leaver) capSum += capacities[r]!;
        let worst = 0;
        for (let r = 0; r < designReps; r++) {
            if (r === leaver) continue;
            const share = capacities[r]! / capSum;
            worst = Math.max(
                worst,
                Math.abs(p[r]! / (totalP * share) - 1),
                Math.abs(w[r]! / (totalW * share) - 1)
            );
        }
        return worst;
    }
    let left = -1;
    let territoryOfUnit: Int32Array;
    if (vacancy) {
        const eligible = homes
            .map((h, r) => ({ r, d: km(h.lat, h.lon, ...nearest(h, r)) }))
            .filter((x) => x.d < 350)
            .map((x) => x.r);
        const pool = eligible.length > 0 ? eligible : homes.map((_, r) => r);
        // The drawn rep left, unless the plan with their area parked is not drifted the way a
        // plan under review is (DRIFT_BAND): then the next of the pool whose vacancy is, or the
        // one closest to it.
        const start = Math.floor(rng() * pool.length);
        const [low, high] = DRIFT_BAND;
        let best: { left: number; off: number; units: Int32Array } = {
            left: -1,
            off: Infinity,
            units: new Int32Array(0)
        };
        for (let j = 0; j < pool.length && best.off > 0; j++) {
            const leaver = pool[(start + j) % pool.length]!;
            const drifted = driftedUnits(leaver);
            const dev = maxDeviationOf(drifted, leaver);
            const off = dev < low ? low - dev : dev > high ? dev - high : 0;
            if (off < best.off) best = { left: leaver, off, units: drifted };
        }
        left = best.left;
        territoryOfUnit = best.units;
    } else {
        territoryOfUnit = driftedUnits(-1);
    }
    function nearest(h: { lat: number; lon: number }, r: number): [number, number] {
        const o = homes[nearestHome(h.lat, h.lon, homes, r)] ?? h;
        return [o.lat, o.lon];
    }
    const territoryOf = new Int32Array(n);
    for (let i = 0; i < n; i++) territoryOf[i] = territoryOfUnit[unitOf[i]!]!;
    // A few big accounts (between the 80th and 95th percentile of potential) were kept by hand
    // with a neighbouring rep (the second or third nearest), at most two per rep.
    if (designReps - (vacancy ? 1 : 0) >= 3 && n > 0) {
        const sortedPotential = Float64Array.from(potential).sort();
        const bigFrom = sortedPotential[Math.floor(n * 0.8)]!;
        const bigTo = sortedPotential[Math.floor(n * 0.95)]!;
        const exceptions = Math.max(1, Math.round(n * EXCEPTION_SHARE));
        const kept = new Int32Array(designReps);
        for (let e = 0, tries = 0; e < exceptions && tries < 20 * exceptions; tries++) {
            const i = Math.floor(rng() * n);
            if (potential[i]! < bigFrom || potential[i]! > bigTo) continue;
            const byKm = homes
                .map((h, r) => ({
                    r,
                    d: r === left ? Infinity : km(lat[i]!, lon[i]!, h.lat, h.lon)
                }))
                .sort((a, b) => a.d - b.d);
            const to = byKm[1 + Math.floor(rng() * 2)]!.r;
            if (to === territoryOf[i] || kept[to]! >= 2) continue;
            kept[to]!++;
            territoryOf[i] = to;
            e++;
        }
    }

    // 5. Records: reps (the design's minus the one who left), the model, territories, accounts.
    const reps: {
        id: string;
        lat: number;
        lon: number;
        metro: Metro;
        name: string;
    }[] = [];
    const repOfDesign = new Int32Array(designReps).fill(-1);
    const usedNames = new Set<string>();
    for (let d = 0; d < designReps; d++) {
        if (d === left) continue;
        const i = reps.length;
        let first = pick(rng, FIRST_NAMES);
        let last = pick(rng, LAST_NAMES);
        while (usedNames.has(`${first} ${last}`)) {
            first = pick(rng, FIRST_NAMES);
            last = pick(rng, LAST_NAMES);
        }
        usedNames.add(`${first} ${last}`);
        const home = homes[d]!;
        const user = store.load('User', {
            Username: `${first}.${last}.${i + 1}@territory.local`.toLowerCase(),
            FirstName: first,
            LastName: last,
            Email: `${first}.${last}@territory.local`.toLowerCase(),
            Alias: `${first.slice(0, 1)}${last.slice(0, 4)}`.toLowerCase(),
            Title: 'Account Executive',
            Territory_Home_Latitude__c: home.lat,
            Territory_Home_Longitude__c: home.lon,
            Territory_Capacity__c: capacities[d]!
        });
        repOfDesign[d] = i;
        reps.push({
            id: user.Id,
            lat: home.lat,
            lon: home.lon,
            metro: nearestMetro(home.lat, home.lon),
            name: `${first} ${last}`
        });
    }

    const archived = store.load('Territory2Model', {
        Name: 'FY26 Sales Territories',
        DeveloperName: 'FY26_Sales_Territories',
        State: 'Archived',
        ActivatedDate: '2025-02-01T00:00:00.000+0000',
        DeactivatedDate: '2026-01-31T00:00:00.000+0000'
    });
    const model = store.load('Territory2Model', {
        Name: 'FY27 Sales Territories',
        DeveloperName: 'FY27_Sales_Territories',
        State: 'Active',
        ActivatedDate: '2026-02-01T00:00:00.000+0000',
        Description:
            'Current plan: designed by ZIP for FY26, since grown (new accounts given to the territory of their ZIP), a vacancy parked with neighbours, and manual exceptions.'
    });
    const type = store.load('Territory2Type', {
        DeveloperName: 'Sales_Territory',
        MasterLabel: 'Sales Territory',
        Priority: 1
    });
    const regionType = store.load('Territory2Type', {
        DeveloperName: 'Sales_Region',
        MasterLabel: 'Sales Region',
        Priority: 2
    });
    const regionIds = REGIONS.map(
        (r) =>
            store.load('Territory2', {
                Name: `${r.name} Region`,
                DeveloperName: `${r.name}_Region`,
                Territory2ModelId: model.Id,
                Territory2TypeId: regionType.Id,
                AccountAccessLevel: 'Edit',
                OpportunityAccessLevel: 'Edit',
                CaseAccessLevel: 'Read'
            }).Id
    );
    const territoryByRep = new Map<string, string>();
    const territoryIds: string[] = [];
    reps.forEach((rep, i) => {
        const region = REGIONS.findIndex((r) => r.test(rep.lon));
        const [first, last] = rep.name.split(' ');
        const t = store.load('Territory2', {
            Name: `${rep.metro.city} ${i + 1} - ${last}`,
            DeveloperName: `T${String(i + 1).padStart(2, '0')}_${rep.metro.city.replace(/[^A-Za-z]/g, '')}_${last}`,
            Territory2ModelId: model.Id,
            Territory2TypeId: type.Id,
            ParentTerritory2Id: regionIds[Math.max(0, region)],
            ForecastUserId: rep.id,
            AccountAccessLevel: 'Edit',
            OpportunityAccessLevel: 'Edit',
            CaseAccessLevel: 'Read',
            Quota__c: Math.round((1.5e6 + rng() * 1.5e6) / 1000) * 1000,
            Description: `Territory of ${first} ${last}`
        });
        store.load('UserTerritory2Association', {
            UserId: rep.id,
            Territory2Id: t.Id,
            RoleInTerritory2: 'Owner',
            IsActive: true
        });
        territoryByRep.set(rep.id, t.Id);
        territoryIds.push(t.Id);
    });

    // Key accounts: the top NAMED_SHARE by potential are named accounts, placed individually
    // rather than with their postal unit (one of them can be a quarter of a rep's target).
    const namedFrom =
        n > 0
            ? Float64Array.from(potential).sort()[
                  Math.min(n - 1, Math.floor(n * (1 - NAMED_SHARE)))
              ]!
            : Infinity;
    // Accounts, their territory in the drifted plan, and opportunities.
    const stageCum = cumulate(STAGE_WEIGHTS.map((s) => s[1]));
    const accountIds: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) {
        const r = repOfDesign[territoryOf[i]!]!;
        const rep = reps[r]!;
        const z = zipOf[i]!;
        const tier = TIERS[tierOf[i]!]!;
        const account = store.load('Account', {
            Name: `${pick(rng, NAME_A)} ${pick(rng, NAME_B)} ${pick(rng, NAME_C)} ${i + 1}`,
            Type: rng() < 0.7 ? 'Customer - Direct' : 'Prospect',
            Industry: INDUSTRIES[industryOf[i]!]![0],
            AnnualRevenue: revenueOf[i]!,
            NumberOfEmployees: employeesOf[i]!,
            BillingStreet: `${1 + Math.floor(rng() * 9000)} ${pick(rng, STREETS)}`,
            BillingCity: zips.city[z]!,
            BillingState: zips.state[z]!,
            BillingPostalCode: zips.code[z]!,
            BillingCountry: 'United States',
            BillingLatitude: lat[i]!,
            BillingLongitude: lon[i]!,
            Territory_Potential__c: potential[i]!,
            Territory_Workload__c: workload[i]!,
            Territory_Segment__c: tier.segment,
            Territory_Locked__c: rng() < 0.01,
            Territory_Named__c: potential[i]! >= namedFrom,
            OwnerId: rep.id
        });
        accountIds[i] = account.Id;
        store.load('ObjectTerritory2Association', {
            ObjectId: account.Id,
            Territory2Id: territoryIds[r],
            AssociationCause: 'Territory2Manual'
        });
        // floor(x + U) with U uniform in [0, 1) has mean x: the mean is exactly oppMean.
        const opps = Math.floor(oppMean * 2 * rng() + rng());
        for (let o = 0; o < opps; o++) {
            const stage = pickWeighted(rng, STAGE_WEIGHTS, stageCum)[0];
            const closed = OPPORTUNITY_STAGES[stage]![1];
            const offsetDays = closed ? -Math.floor(rng() * 365) : Math.floor(rng() * 270);
            store.load('Opportunity', {
                Name: `${account.Name as string} - ${stage === 'Closed Won' ? 'Renewal' : 'New Business'} ${o + 1}`,
                AccountId: account.Id,
                Amount: Math.max(
                    1000,
                    Math.round((potential[i]! * (0.05 + rng() * 0.3)) / 100) * 100
                ),
                StageName: stage,
                CloseDate: new Date(BASE_DATE + offsetDays * 86_400_000).toISOString().slice(0, 10),
                OwnerId: rep.id
            });
        }
    }
    return {
        integrationUserId: integration.Id,
        integrationUsername: String(integration.Username),
        adminUserId: admin.Id,
        repIds: reps.map((r) => r.id),
        activeModelId: model.Id,
        archivedModelId: archived.Id,
        territoryTypeId: type.Id,
        regionTerritoryIds: regionIds,
        territoryByRep,
        accountIds
    };
}
