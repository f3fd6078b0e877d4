/**
 * Generated rep territories for the routes bench and tests: a home and its accounts in one of three
 * families: uniform (accounts spread evenly over a square), clustered (a few towns) and metro (a
 * dense city core fading into suburbs and country, the home in a suburb).
 */
import { mulberry32 } from '../../src/engine/geo.js';
import type { LatLon } from '../../src/routes/index.js';

export const ROUTE_FAMILIES = ['uniform', 'clustered', 'metro'] as const;
export type RouteFamily = (typeof ROUTE_FAMILIES)[number];

const KM_PER_DEG_LAT = 111.32;

export interface RouteInstance {
    family: RouteFamily;
    /** the home first, then the accounts */
    points: LatLon[];
}

function gaussian(rng: () => number): number {
    const u = Math.max(rng(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A territory of `stops` accounts around a home, about `radiusKm` across each way. */
export function routeInstance(
    family: RouteFamily,
    stops: number,
    seed: number,
    radiusKm = 40
): RouteInstance {
    const rng = mulberry32(seed * 7919 + ROUTE_FAMILIES.indexOf(family) * 104729 + stops);
    const lat0 = 38 + rng() * 6;
    const lon0 = -100 + rng() * 20;
    const kmX = KM_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
    const at = (x: number, y: number): LatLon => ({
        lat: lat0 + y / KM_PER_DEG_LAT,
        lon: lon0 + x / kmX
    });
    const r = radiusKm;
    const points: LatLon[] = [];
    if (family === 'uniform') {
        points.push(at((rng() - 0.5) * r, (rng() - 0.5) * r));
        for (let i = 0; i < stops; i++) points.push(at((rng() * 2 - 1) * r, (rng() * 2 - 1) * r));
    } else if (family === 'clustered') {
        const towns = 3 + Math.floor(rng() * 4);
        const centres = Array.from({ length: towns }, () => [
            (rng() * 2 - 1) * r,
            (rng() * 2 - 1) * r
        ]);
        points.push(at(centres[0]![0]! + 2, centres[0]![1]! - 1));
        for (let i = 0; i < stops; i++) {
            const [cx, cy] = centres[Math.floor(rng() * towns)]!;
            points.push(at(cx! + gaussian(rng) * 3, cy! + gaussian(rng) * 3));
        }
    } else {
        points.push(at(r * 0.3, r * 0.2));
        for (let i = 0; i < stops; i++) {
            // distance from the core: exponential (half the accounts within ~0.17 r), capped at r
            const dist = Math.min(r * 1.2, (-Math.log(Math.max(rng(), 1e-12)) * r) / 4);
            const theta = rng() * 2 * Math.PI;
            points.push(at(dist * Math.cos(theta), dist * Math.sin(theta)));
        }
    }
    return { family, points };
}
