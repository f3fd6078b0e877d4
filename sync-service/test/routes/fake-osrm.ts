/**
 * A stand-in OSRM server on loopback answering the table and route services in OSRM's documented
 * response format (Project-OSRM docs/http.md): `{ code: "Ok", durations, distances, sources,
 * destinations }` and `{ code: "Ok", routes: [{ geometry, distance, duration, legs }],
 * waypoints }`, errors as HTTP 400 with `{ code, message }`. Its "road network": road metres =
 * great-circle × 1.25, 40 km/h, plus 60 s on every leg heading north (so tables are asymmetric);
 * points north of 80° lie on an island with no road to anywhere else (null entries), and a point
 * at (0, 0) cannot be snapped (`NoSegment`). Like OSRM it refuses tables of more than
 * `maxTableSize` coordinates and routes of more than `maxRouteSize` with `TooBig`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { haversineKm } from '../../src/engine/geo.js';

export interface FakeOsrm {
    url: string;
    /** paths asked, in order */
    requests: string[];
    close(): Promise<void>;
}

export const FAKE_ROAD_FACTOR = 1.25;
export const FAKE_SPEED_KMH = 40;
export const FAKE_NORTH_PENALTY_S = 60;

/** The fake network's one-way leg: [seconds, metres], or null when there is no road. */
export function fakeLeg(a: [number, number], b: [number, number]): [number, number] | null {
    // [lon, lat] as OSRM takes them
    const island = (p: [number, number]) => p[1] > 80;
    if (island(a) !== island(b)) return null;
    const m = haversineKm(a[1], a[0], b[1], b[0]) * 1000 * FAKE_ROAD_FACTOR;
    const s = m / ((FAKE_SPEED_KMH * 1000) / 3600) + (b[1] > a[1] ? FAKE_NORTH_PENALTY_S : 0);
    return [s, m];
}

export async function startFakeOsrm(
    options: { maxTableSize?: number; maxRouteSize?: number } = {}
): Promise<FakeOsrm> {
    const maxTable = options.maxTableSize ?? 100;
    const maxRoute = options.maxRouteSize ?? 500;
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        requests.push(url.pathname + url.search);
        const send = (status: number, body: unknown) => {
            res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
            res.end(JSON.stringify(body));
        };
        const m = /^\/(table|route)\/v1\/([^/]+)\/(.+)$/.exec(url.pathname);
        if (!m)
            return send(400, {
                code: 'InvalidUrl',
                message: `URL string malformed: ${url.pathname}`
            });
        const [, service, , coordText] = m;
        const coords = decodeURIComponent(coordText!)
            .split(';')
            .map((c) => c.split(',').map(Number) as [number, number]);
        if (coords.some((c) => c.length !== 2 || !c.every(Number.isFinite)))
            return send(400, {
                code: 'InvalidQuery',
                message: 'Query string malformed close to position 0'
            });
        if (coords.some((c) => c[0] === 0 && c[1] === 0))
            return send(400, {
                code: 'NoSegment',
                message: 'Could not find a matching segment for any coordinate.'
            });
        const waypoint = (c: [number, number]) => ({
            hint: 'AAAA',
            distance: 0.5,
            name: 'Main Street',
            location: c
        });
        if (service === 'table') {
            if (coords.length > maxTable)
                return send(400, { code: 'TooBig', message: 'Too many table coordinates' });
            const pick = (name: string): number[] => {
                const v = url.searchParams.get(name);
                if (v === null || v === 'all') return coords.map((_, i) => i);
                return v.split(';').map(Number);
            };
            const sources = pick('sources');
            const destinations = pick('destinations');
            if (
                [...sources, ...destinations].some(
                    (i) => !Number.isInteger(i) || i < 0 || i >= coords.length
                )
            )
                return send(400, { code: 'InvalidOptions', message: 'Index out of range' });
            const annotations = (url.searchParams.get('annotations') ?? 'duration').split(',');
            const legs = sources.map((i) =>
                destinations.map((j) =>
                    i === j ? ([0, 0] as [number, number]) : fakeLeg(coords[i]!, coords[j]!)
                )
            );
            const body: Record<string, unknown> = {
                code: 'Ok',
                sources: sources.map((i) => waypoint(coords[i]!)),
                destinations: destinations.map((j) => waypoint(coords[j]!))
            };
            if (annotations.includes('duration'))
                body.durations = legs.map((r) =>
                    r.map((l) => (l ? Math.round(l[0] * 10) / 10 : null))
                );
            if (annotations.includes('distance'))
                body.distances = legs.map((r) =>
                    r.map((l) => (l ? Math.round(l[1] * 10) / 10 : null))
                );
            return send(200, body);
        }
        if (coords.length > maxRoute)
            return send(400, { code: 'TooBig', message: 'Too many trace coordinates' });
        let distance = 0;
        let duration = 0;
        const geometry: [number, number][] = [coords[0]!];
        const legs = [];
        for (let i = 1; i < coords.length; i++) {
            const l = fakeLeg(coords[i - 1]!, coords[i]!);
            if (!l)
                return send(400, { code: 'NoRoute', message: 'Impossible route between points' });
            distance += l[1];
            duration += l[0];
            legs.push({ distance: l[1], duration: l[0], steps: [], summary: '' });
            const [a, b] = [coords[i - 1]!, coords[i]!];
            // a bend half way, as roads have
            geometry.push([(a[0] + b[0]) / 2 + 0.001, (a[1] + b[1]) / 2], b);
        }
        return send(200, {
            code: 'Ok',
            routes: [
                {
                    geometry: { type: 'LineString', coordinates: geometry },
                    legs,
                    distance,
                    duration,
                    weight: duration,
                    weight_name: 'routability'
                }
            ],
            waypoints: coords.map(waypoint)
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
            new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())))
    };
}
