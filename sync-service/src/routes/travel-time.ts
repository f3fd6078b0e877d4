/**
 * Travel times between points, behind one interface so the planner does not know where they come
 * from: the offline default (great-circle km × circuity ÷ speed, deterministic, no I/O) or a
 * routing engine's travel-time table (OSRM's `/table/v1/driving/…`: osrm.ts).
 */
import { haversineKm } from '../engine/geo.js';

export interface LatLon {
    lat: number;
    lon: number;
}

/**
 * A square travel table over `size` points, row-major (`minutes[i * size + j]` is from i to j).
 * The planner assumes it is symmetric (the offline model is; OsrmTravelTime symmetrises a routing
 * engine's table by the mean of both directions).
 */
export interface TravelTable {
    size: number;
    /** distance in km: great-circle offline, road km from a routing engine */
    km: Float64Array;
    /** drive minutes */
    minutes: Float64Array;
    /** ordered pairs a routing engine found no route for, filled in by the offline model */
    estimatedPairs?: number;
}

/** The road geometry of a route through points in order (the drive home included when asked). */
export interface RouteGeometry {
    /** [lat, lon] pairs along the road (offline: the points themselves, straight legs) */
    path: [number, number][];
    km: number;
    minutes: number;
    /** 'road' from a routing engine, 'straight' for straight legs */
    kind: 'road' | 'straight';
}

/** Where travel tables come from. `table` may do I/O (a routing engine); the offline one does not. */
export interface TravelTimeProvider {
    /** short name for reports, e.g. 'great-circle' or 'osrm' */
    readonly name: string;
    /** what `route` draws: the road network, or straight legs */
    readonly geometry: 'road' | 'straight';
    table(points: readonly LatLon[]): Promise<TravelTable>;
    /** The geometry of the route through `points` in that order. */
    route(points: readonly LatLon[]): Promise<RouteGeometry>;
}

export interface GreatCircleOptions {
    /** mean driving speed in km/h (the contract's `--speed-kmh`, default 50) */
    speedKmh: number;
    /**
     * road km per great-circle km (default 1.3: the usual detour index of road networks, about
     * 1.2 to 1.4 in studies of road versus straight-line distance)
     */
    circuity: number;
}

/** Drive minutes = great-circle km × circuity ÷ speed × 60 (the `routes` contract). */
export class GreatCircleTravelTime implements TravelTimeProvider {
    readonly options: GreatCircleOptions;
    readonly name = 'great-circle';
    readonly geometry = 'straight' as const;
    private readonly minutesPerKm: number;

    constructor(options: GreatCircleOptions) {
        this.options = options;
        if (!(options.speedKmh > 0) || !Number.isFinite(options.speedKmh))
            throw new RangeError(`speedKmh must be a positive number (got ${options.speedKmh}).`);
        if (!(options.circuity > 0) || !Number.isFinite(options.circuity))
            throw new RangeError(`circuity must be a positive number (got ${options.circuity}).`);
        this.minutesPerKm = (options.circuity / options.speedKmh) * 60;
    }

    /** Minutes for a great-circle distance in km. */
    minutesFor(km: number): number {
        return km * this.minutesPerKm;
    }

    /** The table, computed synchronously (the offline model needs no I/O). */
    tableSync(points: readonly LatLon[]): TravelTable {
        const size = points.length;
        const km = new Float64Array(size * size);
        const minutes = new Float64Array(size * size);
        for (let i = 0; i < size; i++) {
            const a = points[i]!;
            for (let j = i + 1; j < size; j++) {
                const b = points[j]!;
                const d = haversineKm(a.lat, a.lon, b.lat, b.lon);
                const t = d * this.minutesPerKm;
                km[i * size + j] = d;
                km[j * size + i] = d;
                minutes[i * size + j] = t;
                minutes[j * size + i] = t;
            }
        }
        return { size, km, minutes };
    }

    table(points: readonly LatLon[]): Promise<TravelTable> {
        return Promise.resolve(this.tableSync(points));
    }

    /** Straight legs between the points (no road network offline). */
    route(points: readonly LatLon[]): Promise<RouteGeometry> {
        let km = 0;
        for (let i = 1; i < points.length; i++) {
            const a = points[i - 1]!;
            const b = points[i]!;
            km += haversineKm(a.lat, a.lon, b.lat, b.lon);
        }
        return Promise.resolve({
            path: points.map((p) => [p.lat, p.lon] as [number, number]),
            km,
            minutes: this.minutesFor(km),
            kind: 'straight'
        });
    }
}
