/** Great-circle helpers on unit vectors: cheap dot products for ranking, acos for kilometres. */

export const EARTH_RADIUS_KM = 6371.0088;
const DEG = Math.PI / 180;

/** Writes the unit vector of (lat, lon) in degrees into out[o..o+2]. */
export function toUnit(lat: number, lon: number, out: Float64Array, o: number): void {
    const la = lat * DEG;
    const lo = lon * DEG;
    const c = Math.cos(la);
    out[o] = c * Math.cos(lo);
    out[o + 1] = c * Math.sin(lo);
    out[o + 2] = Math.sin(la);
}

/** Great-circle distance in km between unit vectors given by their dot product. */
export function kmFromDot(dot: number): number {
    return EARTH_RADIUS_KM * Math.acos(dot > 1 ? 1 : dot < -1 ? -1 : dot);
}

/** Great-circle distance in km between two points in degrees (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
    const dLat = (lat2 - lat1) * DEG;
    const dLon = (lon2 - lon1) * DEG;
    const s =
        Math.sin(dLat / 2) ** 2 +
        Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Mean of unit vectors, projected back onto the sphere; returns [lat, lon] in degrees. */
export function unitToLatLon(x: number, y: number, z: number): [number, number] {
    const h = Math.hypot(x, y);
    return [Math.atan2(z, h) / DEG, Math.atan2(y, x) / DEG];
}

/** Small deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
