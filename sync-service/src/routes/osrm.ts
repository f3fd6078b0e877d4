/**
 * Travel times from an OSRM server (Project-OSRM's HTTP API v1, `docs/http.md`):
 *
 * - `GET /table/v1/{profile}/{lon,lat;…}?annotations=duration,distance[&sources=…&destinations=…]`
 *   answers `{ code: "Ok", durations: [[s]], distances: [[m]] }` (row = source, column =
 *   destination; `null` where no route was found). A server refuses more than
 *   `--max-table-size` locations per request (default 100) with `TooBig`, so a larger table is
 *   asked for in blocks of sources × destinations, each request naming at most `maxTableSize`
 *   coordinates.
 * - `GET /route/v1/{profile}/{lon,lat;…}?overview=full&geometries=geojson` answers
 *   `{ code: "Ok", routes: [{ geometry: { type: "LineString", coordinates: [[lon, lat]…] },
 *   distance, duration }] }`, asked for in chunks of `maxRouteSize` waypoints.
 *
 * Errors: an answer whose `code` is not "Ok" (OSRM answers 400 with `code`/`message`), another
 * HTTP status, a body that is not OSRM's JSON or a time-out are thrown as OsrmError naming the
 * service, the code and the message. Pairs with no route (`null`) are filled in by the offline
 * model and counted in the table's `estimatedPairs`.
 *
 * The planner assumes a symmetric table (2-opt reverses stretches of a tour), so the table is
 * symmetrised: both directions get the mean of the two. Road networks are nearly symmetric
 * between customer sites (one-way streets change a leg by minutes, not hours).
 */
import { GreatCircleTravelTime } from './travel-time.js';
import type { LatLon, RouteGeometry, TravelTable, TravelTimeProvider } from './travel-time.js';

export interface OsrmOptions {
    /** base URL, e.g. http://127.0.0.1:5000 (no trailing path; the profile is added) */
    url: string;
    /** OSRM profile in the URL (default 'driving'; servers accept any name for their one profile) */
    profile?: string;
    /** the server's --max-table-size (default 100, OSRM's default) */
    maxTableSize?: number;
    /** the server's --max-viaroute-size is 500 by default; chunks of this many waypoints */
    maxRouteSize?: number;
    /** per-request time-out in ms (default 30 s) */
    timeoutMs?: number;
    /** for pairs without a road route (default: great-circle × 1.3 at 50 km/h) */
    fallback?: GreatCircleTravelTime;
    /** injected for tests; default the global fetch */
    fetch?: typeof fetch;
}

export class OsrmError extends Error {
    /** OSRM's code (`InvalidQuery`, `NoSegment`, `TooBig`, …) or 'HttpError' / 'BadResponse' */
    readonly code: string;
    readonly status?: number;
    constructor(message: string, code: string, status?: number) {
        super(message);
        this.code = code;
        this.status = status;
        this.name = 'OsrmError';
    }
}

interface OsrmTableAnswer {
    code?: unknown;
    message?: unknown;
    durations?: unknown;
    distances?: unknown;
}

interface OsrmRouteAnswer {
    code?: unknown;
    message?: unknown;
    routes?: { geometry?: unknown; distance?: unknown; duration?: unknown }[];
}

const coord = (p: LatLon): string => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`;

export class OsrmTravelTime implements TravelTimeProvider {
    readonly name = 'osrm';
    readonly geometry = 'road' as const;
    private readonly base: string;
    private readonly profile: string;
    private readonly maxTable: number;
    private readonly maxRoute: number;
    private readonly timeoutMs: number;
    private readonly fallback: GreatCircleTravelTime;
    private readonly fetchFn: typeof fetch;
    /** HTTP requests made (for reports and tests) */
    requests = 0;

    constructor(options: OsrmOptions) {
        let u: URL;
        try {
            u = new URL(options.url);
        } catch {
            throw new RangeError(`ROUTING_URL '${options.url}' is not a URL.`);
        }
        if (u.protocol !== 'http:' && u.protocol !== 'https:')
            throw new RangeError(`ROUTING_URL must be http(s) (got '${options.url}').`);
        this.base = options.url.replace(/\/+$/, '');
        this.profile = options.profile ?? 'driving';
        this.maxTable = options.maxTableSize ?? 100;
        this.maxRoute = options.maxRouteSize ?? 100;
        if (!Number.isInteger(this.maxTable) || this.maxTable < 2)
            throw new RangeError('maxTableSize must be an integer ≥ 2.');
        if (!Number.isInteger(this.maxRoute) || this.maxRoute < 2)
            throw new RangeError('maxRouteSize must be an integer ≥ 2.');
        this.timeoutMs = options.timeoutMs ?? 30_000;
        this.fallback =
            options.fallback ?? new GreatCircleTravelTime({ speedKmh: 50, circuity: 1.3 });
        this.fetchFn = options.fetch ?? fetch;
    }

    private async get<T extends { code?: unknown; message?: unknown }>(
        service: 'table' | 'route',
        path: string
    ): Promise<T> {
        const url = `${this.base}/${service}/v1/${encodeURIComponent(this.profile)}/${path}`;
        this.requests++;
        let res: Response;
        try {
            res = await this.fetchFn(url, { signal: AbortSignal.timeout(this.timeoutMs) });
        } catch (err) {
            throw new OsrmError(
                `OSRM ${service} request failed: ${(err as Error).message}`,
                'HttpError'
            );
        }
        const text = await res.text();
        let body: T;
        try {
            body = JSON.parse(text) as T;
        } catch {
            throw new OsrmError(
                `OSRM ${service} answered HTTP ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`,
                res.ok ? 'BadResponse' : 'HttpError',
                res.status
            );
        }
        if (typeof body !== 'object' || body === null)
            throw new OsrmError(`OSRM ${service} answered ${text.slice(0, 200)}`, 'BadResponse');
        if (body.code !== 'Ok') {
            const code = typeof body.code === 'string' ? body.code : 'HttpError';
            const msg = typeof body.message === 'string' ? `: ${body.message}` : '';
            throw new OsrmError(
                `OSRM ${service} answered ${code} (HTTP ${res.status})${msg}`,
                code,
                res.status
            );
        }
        if (!res.ok)
            throw new OsrmError(`OSRM ${service} answered HTTP ${res.status}`, 'HttpError');
        return body;
    }

    /**
     * The travel table over `points`: road km and drive minutes, symmetrised (mean of both
     * directions); pairs without a route use the offline model and are counted.
     */
    async table(points: readonly LatLon[]): Promise<TravelTable> {
        const size = points.length;
        const secs = new Float64Array(size * size).fill(NaN);
        const metres = new Float64Array(size * size).fill(NaN);
        if (size > 1) {
            // one request when everything fits, else blocks of half the limit each way
            const block = size <= this.maxTable ? size : Math.floor(this.maxTable / 2);
            for (let i0 = 0; i0 < size; i0 += block) {
                for (let j0 = 0; j0 < size; j0 += block) {
                    if (size <= this.maxTable && (i0 > 0 || j0 > 0)) continue;
                    await this.tableBlock(points, i0, j0, block, secs, metres);
                }
            }
        }
        const km = new Float64Array(size * size);
        const minutes = new Float64Array(size * size);
        let estimated = 0;
        for (let i = 0; i < size; i++) {
            for (let j = i + 1; j < size; j++) {
                const both: [number, number][] = [];
                for (const [a, b] of [
                    [i, j],
                    [j, i]
                ] as const) {
                    const s = secs[a * size + b]!;
                    const m = metres[a * size + b]!;
                    if (Number.isFinite(s) && Number.isFinite(m)) both.push([s / 60, m / 1000]);
                    else estimated++;
                }
                let t: number;
                let d: number;
                if (both.length > 0) {
                    t = both.reduce((x, y) => x + y[0], 0) / both.length;
                    d = both.reduce((x, y) => x + y[1], 0) / both.length;
                } else {
                    const p = this.fallback.tableSync([points[i]!, points[j]!]);
                    d = p.km[1]! * this.fallback.options.circuity;
                    t = p.minutes[1]!;
                }
                km[i * size + j] = km[j * size + i] = d;
                minutes[i * size + j] = minutes[j * size + i] = t;
            }
        }
        return { size, km, minutes, estimatedPairs: estimated };
    }

    private async tableBlock(
        points: readonly LatLon[],
        i0: number,
        j0: number,
        block: number,
        secs: Float64Array,
        metres: Float64Array
    ): Promise<void> {
        const size = points.length;
        const rows = Array.from({ length: Math.min(block, size - i0) }, (_, q) => i0 + q);
        const cols = Array.from({ length: Math.min(block, size - j0) }, (_, q) => j0 + q);
        // the request's coordinates: the rows, then the columns not already among them
        const locs = [...rows];
        const at = new Map(rows.map((g, q) => [g, q]));
        for (const g of cols) {
            if (!at.has(g)) {
                at.set(g, locs.length);
                locs.push(g);
            }
        }
        const whole = rows.length === size && cols.length === size;
        const query = whole
            ? 'annotations=duration,distance'
            : `annotations=duration,distance&sources=${rows.map((g) => at.get(g)).join(';')}&destinations=${cols.map((g) => at.get(g)).join(';')}`;
        const body = await this.get<OsrmTableAnswer>(
            'table',
            `${locs.map((g) => coord(points[g]!)).join(';')}?${query}`
        );
        const durations = matrix(body.durations, rows.length, cols.length, 'durations');
        const distances = matrix(body.distances, rows.length, cols.length, 'distances');
        for (let a = 0; a < rows.length; a++) {
            for (let b = 0; b < cols.length; b++) {
                const idx = rows[a]! * size + cols[b]!;
                secs[idx] = durations[a]![b] ?? NaN;
                metres[idx] = distances[a]![b] ?? NaN;
            }
        }
    }

    /** The road route through `points` in order (GeoJSON geometry, in chunks of waypoints). */
    async route(points: readonly LatLon[]): Promise<RouteGeometry> {
        if (points.length < 2)
            return {
                path: points.map((p) => [p.lat, p.lon] as [number, number]),
                km: 0,
                minutes: 0,
                kind: 'road'
            };
        const path: [number, number][] = [];
        let km = 0;
        let minutes = 0;
        // consecutive chunks share their end point
        for (let s = 0; s < points.length - 1; s += this.maxRoute - 1) {
            const chunk = points.slice(s, s + this.maxRoute);
            const body = await this.get<OsrmRouteAnswer>(
                'route',
                `${chunk.map(coord).join(';')}?overview=full&geometries=geojson&steps=false`
            );
            const r = Array.isArray(body.routes) ? body.routes[0] : undefined;
            const geom = r?.geometry as { type?: unknown; coordinates?: unknown } | undefined;
            if (
                !r ||
                typeof r.distance !== 'number' ||
                typeof r.duration !== 'number' ||
                !geom ||
                geom.type !== 'LineString' ||
                !Array.isArray(geom.coordinates)
            )
                throw new OsrmError(
                    'OSRM route answered Ok without a route with a GeoJSON LineString geometry',
                    'BadResponse'
                );
            const coords = geom.coordinates as unknown[];
            coords.forEach((c, q) => {
                if (
                    !Array.isArray(c) ||
                    typeof c[0] !== 'number' ||
                    typeof c[1] !== 'number' ||
                    !Number.isFinite(c[0]) ||
                    !Number.isFinite(c[1])
                )
                    throw new OsrmError(
                        'OSRM route geometry has a coordinate that is not [lon, lat]',
                        'BadResponse'
                    );
                // skip the shared point where two chunks meet
                if (q === 0 && path.length > 0) return;
                path.push([c[1], c[0]]);
            });
            km += r.distance / 1000;
            minutes += r.duration / 60;
        }
        return { path, km, minutes, kind: 'road' };
    }
}

/** Checks an OSRM matrix's shape: rows × cols of numbers or null. */
function matrix(x: unknown, rows: number, cols: number, name: string): (number | null)[][] {
    if (
        !Array.isArray(x) ||
        x.length !== rows ||
        !x.every(
            (row) =>
                Array.isArray(row) &&
                row.length === cols &&
                row.every((v) => v === null || (typeof v === 'number' && Number.isFinite(v)))
        )
    )
        throw new OsrmError(
            `OSRM table answered Ok but '${name}' is not a ${rows} × ${cols} matrix (was annotations=duration,distance honoured?)`,
            'BadResponse'
        );
    return x as (number | null)[][];
}

/**
 * The travel-time provider a configuration asks for: OSRM at `routingUrl` when set (tables in
 * blocks of at most `maxTableSize` locations, the server's --max-table-size), else the offline
 * great-circle model.
 */
export function travelTimeProvider(
    routingUrl: string | undefined,
    offline: GreatCircleTravelTime,
    maxTableSize?: number
): TravelTimeProvider {
    return routingUrl
        ? new OsrmTravelTime({
              url: routingUrl,
              fallback: offline,
              ...(maxTableSize !== undefined ? { maxTableSize } : {})
          })
        : offline;
}
