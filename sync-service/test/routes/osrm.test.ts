import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/engine/geo.js';
import {
    GreatCircleTravelTime,
    OsrmError,
    OsrmTravelTime,
    planRepRoutes,
    travelTimeProvider
} from '../../src/routes/index.js';
import type { LatLon } from '../../src/routes/index.js';
import { fakeLeg, startFakeOsrm, type FakeOsrm } from './fake-osrm.js';

let osrm: FakeOsrm;
beforeAll(async () => {
    osrm = await startFakeOsrm({ maxTableSize: 100, maxRouteSize: 500 });
});
afterAll(async () => {
    await osrm.close();
});

function points(n: number, seed: number): LatLon[] {
    const rng = mulberry32(seed);
    // 6 decimals, as the provider sends them
    const r6 = (x: number) => Number(x.toFixed(6));
    return Array.from({ length: n }, () => ({
        lat: r6(40 + rng() * 0.5),
        lon: r6(-75 + rng() * 0.5)
    }));
}

/** The symmetrised minutes and km the fake network gives for a pair (rounded as it answers). */
function expected(a: LatLon, b: LatLon): { minutes: number; km: number } {
    const ab = fakeLeg([a.lon, a.lat], [b.lon, b.lat])!;
    const ba = fakeLeg([b.lon, b.lat], [a.lon, a.lat])!;
    const r = (x: number) => Math.round(x * 10) / 10;
    return {
        minutes: (r(ab[0]) + r(ba[0])) / 2 / 60,
        km: (r(ab[1]) + r(ba[1])) / 2 / 1000
    };
}

describe('OsrmTravelTime (against a fake server in OSRM’s response format)', () => {
    it('reads one table request into road km and minutes, symmetrised', async () => {
        const pts = points(6, 1);
        const p = new OsrmTravelTime({ url: osrm.url });
        const before = osrm.requests.length;
        const t = await p.table(pts);
        expect(p.requests).toBe(1);
        const path = osrm.requests[before]!;
        expect(path).toMatch(/^\/table\/v1\/driving\/-?\d/);
        expect(path).toContain('annotations=duration,distance');
        // lon,lat order as OSRM takes it
        expect(decodeURIComponent(path)).toContain(
            `${pts[0]!.lon.toFixed(6)},${pts[0]!.lat.toFixed(6)};`
        );
        expect(t.size).toBe(6);
        expect(t.estimatedPairs).toBe(0);
        for (let i = 0; i < 6; i++) {
            expect(t.minutes[i * 6 + i]).toBe(0);
            for (let j = 0; j < 6; j++) {
                if (i === j) continue;
                const e = expected(pts[i]!, pts[j]!);
                expect(t.minutes[i * 6 + j]).toBeCloseTo(e.minutes, 3);
                expect(t.km[i * 6 + j]).toBeCloseTo(e.km, 4);
                expect(t.minutes[i * 6 + j]).toBe(t.minutes[j * 6 + i]);
            }
        }
        // road minutes differ from the offline model's: the table really is the server's
        const offline = new GreatCircleTravelTime({ speedKmh: 50, circuity: 1.3 }).tableSync(pts);
        expect(Math.abs(offline.minutes[1]! - t.minutes[1]!)).toBeGreaterThan(0.1);
    });

    it('asks for a table larger than the server’s max-table-size in blocks, same figures', async () => {
        const pts = points(230, 2);
        const p = new OsrmTravelTime({ url: osrm.url, maxTableSize: 100 });
        const before = osrm.requests.length;
        const t = await p.table(pts);
        // blocks of 50 × 50: ceil(230 / 50)² requests, each within the limit (the fake refuses more)
        expect(p.requests).toBe(25);
        for (const r of osrm.requests.slice(before)) {
            const coords = decodeURIComponent(r.split('?')[0]!.split('/')[4]!).split(';');
            expect(coords.length).toBeLessThanOrEqual(100);
            expect(r).toMatch(/sources=[\d;]+&destinations=[\d;]+/);
        }
        for (const [i, j] of [
            [0, 229],
            [229, 0],
            [49, 50],
            [120, 7],
            [180, 181]
        ] as const) {
            const e = expected(pts[i]!, pts[j]!);
            expect(t.minutes[i * 230 + j]).toBeCloseTo(e.minutes, 3);
            expect(t.km[i * 230 + j]).toBeCloseTo(e.km, 4);
        }
        expect(t.estimatedPairs).toBe(0);
    });

    it('fills pairs without a road from the offline model and counts them', async () => {
        const pts = [...points(3, 3), { lat: 81, lon: -75 }];
        const offline = new GreatCircleTravelTime({ speedKmh: 50, circuity: 1.3 });
        const t = await new OsrmTravelTime({ url: osrm.url, fallback: offline }).table(pts);
        // 3 pairs each way to the island
        expect(t.estimatedPairs).toBe(6);
        const o = offline.tableSync(pts);
        expect(t.minutes[0 * 4 + 3]).toBeCloseTo(o.minutes[0 * 4 + 3]!, 6);
        expect(t.km[0 * 4 + 3]).toBeCloseTo(o.km[0 * 4 + 3]! * 1.3, 6);
        expect(t.minutes[0 * 4 + 1]).toBeCloseTo(expected(pts[0]!, pts[1]!).minutes, 3);
    });

    it('throws OsrmError with OSRM’s code and message when the answer is not Ok', async () => {
        const p = new OsrmTravelTime({ url: osrm.url });
        const err = await p.table([...points(2, 4), { lat: 0, lon: 0 }]).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(OsrmError);
        expect((err as OsrmError).code).toBe('NoSegment');
        expect((err as OsrmError).status).toBe(400);
        expect((err as OsrmError).message).toContain('Could not find a matching segment');
        // a server whose limit is below ours answers TooBig, which is reported, not swallowed
        const small = await startFakeOsrm({ maxTableSize: 10 });
        try {
            const e2 = await new OsrmTravelTime({ url: small.url, maxTableSize: 100 })
                .table(points(12, 5))
                .catch((e: unknown) => e);
            expect((e2 as OsrmError).code).toBe('TooBig');
            // told the server's real limit, the same table comes in blocks
            const ok = await new OsrmTravelTime({ url: small.url, maxTableSize: 10 }).table(
                points(12, 5)
            );
            expect(ok.estimatedPairs).toBe(0);
        } finally {
            await small.close();
        }
        // nothing listening: a clear error, not a hang
        const dead = new OsrmTravelTime({ url: 'http://127.0.0.1:9', timeoutMs: 2000 });
        const e3 = await dead.table(points(2, 6)).catch((e: unknown) => e);
        expect((e3 as OsrmError).code).toBe('HttpError');
    });

    it('rejects a body that is not OSRM’s table shape', async () => {
        const fakeFetch = (async () =>
            new Response(JSON.stringify({ code: 'Ok', durations: [[0]] }), {
                status: 200
            })) as typeof fetch;
        const err = await new OsrmTravelTime({ url: 'http://127.0.0.1:1', fetch: fakeFetch })
            .table(points(2, 7))
            .catch((e: unknown) => e);
        expect((err as OsrmError).code).toBe('BadResponse');
    });

    it('returns the road geometry of a route, in chunks that share their ends', async () => {
        const pts = points(7, 8);
        const whole = await new OsrmTravelTime({ url: osrm.url }).route(pts);
        const chunked = new OsrmTravelTime({ url: osrm.url, maxRouteSize: 3 });
        const r = await chunked.route(pts);
        expect(chunked.requests).toBe(3);
        expect(r.kind).toBe('road');
        // each leg has a bend: 2 path points per leg plus the start
        expect(r.path).toHaveLength(1 + 2 * 6);
        expect(r.path).toEqual(whole.path);
        expect(r.path[0]).toEqual([pts[0]!.lat, pts[0]!.lon]);
        expect(r.path.at(-1)).toEqual([pts[6]!.lat, pts[6]!.lon]);
        let km = 0;
        for (let i = 1; i < 7; i++)
            km +=
                fakeLeg([pts[i - 1]!.lon, pts[i - 1]!.lat], [pts[i]!.lon, pts[i]!.lat])![1] / 1000;
        expect(r.km).toBeCloseTo(km, 6);
        expect(whole.km).toBeCloseTo(km, 6);
    });

    it('plans visits on the OSRM table, and the offline model when no URL is set', async () => {
        const pts = points(16, 9);
        const offline = new GreatCircleTravelTime({ speedKmh: 50, circuity: 1.3 });
        expect(travelTimeProvider('', offline)).toBe(offline);
        const p = travelTimeProvider(osrm.url, offline);
        expect(p.name).toBe('osrm');
        const table = await p.table(pts);
        const plan = planRepRoutes(
            {
                points: pts,
                table,
                frequency: new Array<number>(15).fill(1),
                visitMinutes: new Array<number>(15).fill(30)
            },
            { days: 1, dayMinutes: 0, seed: 1 }
        );
        expect(plan.visitsScheduled).toBe(15);
        const stops = plan.days[0]!.stops.map((s) => s + 1);
        let drive = 0;
        let prev = 0;
        for (const s of [...stops, 0]) {
            drive += table.minutes[prev * 16 + s]!;
            prev = s;
        }
        expect(plan.days[0]!.driveMinutes).toBeCloseTo(drive, 6);
        expect(() => new OsrmTravelTime({ url: 'not a url' })).toThrow(/not a URL/);
    });
});
