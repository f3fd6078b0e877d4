import { describe, expect, it } from 'vitest';
import {
    GreatCircleTravelTime,
    UnscheduledReason,
    heldKarp,
    planRepRoutes,
    visitPatterns
} from '../../src/routes/index.js';
import type { LatLon, RepRoutePlan, TravelTable } from '../../src/routes/index.js';
import { ROUTE_FAMILIES, routeInstance } from '../../bench/lib/route-instances.js';

const travel = new GreatCircleTravelTime({ speedKmh: 50, circuity: 1.3 });

function dayMinutes(t: TravelTable, stops: number[], visit: number): number {
    let prev = 0;
    let c = 0;
    for (const s of [...stops, -1]) {
        c += t.minutes[prev * t.size + s + 1]!;
        prev = s + 1;
    }
    return c + visit * stops.length;
}

function plan(
    points: LatLon[],
    frequency: number[],
    days: number,
    limit: number,
    seed = 1
): { plan: RepRoutePlan; table: TravelTable } {
    const table = travel.tableSync(points);
    return {
        table,
        plan: planRepRoutes(
            { points, table, frequency, visitMinutes: frequency.map(() => 45) },
            { days, dayMinutes: limit, seed }
        )
    };
}

describe('visit patterns', () => {
    it('spreads twice a week over five days, never two days running', () => {
        expect(visitPatterns(2, 5)).toEqual([
            [0, 2],
            [0, 3],
            [1, 3],
            [1, 4],
            [2, 4]
        ]);
        expect(visitPatterns(1, 3)).toEqual([[0], [1], [2]]);
        expect(visitPatterns(5, 5)).toEqual([[0, 1, 2, 3, 4]]);
    });
});

describe('planRepRoutes', () => {
    it('keeps every day within the limit, frequencies on distinct days, and accounts for every visit', () => {
        for (const family of ROUTE_FAMILIES) {
            for (const n of [18, 28]) {
                const inst = routeInstance(family, n, n, 30);
                const freq = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 2 : 1));
                const { plan: p, table } = plan(inst.points, freq, 5, 480);
                const seen = new Map<number, number[]>();
                p.days.forEach((d, day) => {
                    expect(dayMinutes(table, d.stops, 45)).toBeLessThanOrEqual(480 + 1e-6);
                    expect(d.driveMinutes + d.visitMinutes).toBeLessThanOrEqual(480 + 1e-6);
                    expect(new Set(d.stops).size).toBe(d.stops.length);
                    for (const s of d.stops) seen.set(s, [...(seen.get(s) ?? []), day]);
                    // days of up to 12 stops are routed exactly
                    if (d.stops.length <= 12) {
                        const opt = heldKarp(
                            table.minutes,
                            table.size,
                            0,
                            d.stops.map((s) => s + 1)
                        ).cost;
                        expect(d.driveMinutes).toBeCloseTo(opt, 6);
                        expect(d.lowerBound?.exact).toBe(true);
                    }
                });
                for (const [s, days] of seen) {
                    expect(days.length).toBeLessThanOrEqual(freq[s]!);
                    expect(new Set(days).size).toBe(days.length);
                }
                const missing = p.unscheduled.reduce((t, u) => t + u.visits, 0);
                expect(p.visitsScheduled + missing).toBe(p.visitsRequested);
                expect(p.visitsRequested).toBe(freq.reduce((a, b) => a + b, 0));
                for (const u of p.unscheduled) {
                    expect(u.reason).toBe(UnscheduledReason.NoRoom);
                    expect(u.message).toMatch(/room|did not fit/);
                }
                if (n === 18) expect(p.unscheduled).toEqual([]);
            }
        }
    });

    it('reports impossible visits with their reason instead of dropping them', () => {
        const home = { lat: 40, lon: -75 };
        const points = [
            home,
            { lat: 40.05, lon: -75 },
            { lat: 43, lon: -75 }, // ~330 km away: the round trip alone is > 8 h
            { lat: 40, lon: -75.05 }
        ];
        const { plan: p } = plan(points, [3, 1, 1], 2, 480);
        const byAccount = new Map(p.unscheduled.map((u) => [u.account, u]));
        expect(byAccount.get(0)).toMatchObject({
            visits: 1,
            reason: UnscheduledReason.FrequencyExceedsDays
        });
        expect(byAccount.get(1)).toMatchObject({
            visits: 1,
            reason: UnscheduledReason.TooFarForOneDay
        });
        expect(byAccount.get(1)!.message).toMatch(/round trip/);
        expect(p.visitsRequested).toBe(5);
        expect(p.visitsScheduled).toBe(3); // account 0 on both days, account 2 once
    });

    it('says "no room" when the days are full, and fills what fits', () => {
        // ten accounts close to home, one 480-minute day: at most ten 45-minute visits minus driving
        const points: LatLon[] = [{ lat: 40, lon: -75 }];
        for (let i = 0; i < 12; i++) points.push({ lat: 40 + 0.01 * (i % 4), lon: -75 + 0.01 * i });
        const { plan: p } = plan(points, new Array<number>(12).fill(1), 1, 480);
        expect(p.visitsScheduled).toBeGreaterThanOrEqual(9);
        expect(p.visitsScheduled).toBeLessThan(12);
        expect(p.unscheduled.every((u) => u.reason === UnscheduledReason.NoRoom)).toBe(true);
        expect(p.visitsScheduled + p.unscheduled.length).toBe(12);
    });

    it('with one unlimited day is one optimal tour through every account (≤ 12 stops)', () => {
        const inst = routeInstance('clustered', 11, 5);
        const { plan: p, table } = plan(inst.points, new Array<number>(11).fill(1), 1, 0);
        expect(p.days).toHaveLength(1);
        expect([...p.days[0]!.stops].sort((a, b) => a - b)).toEqual(
            Array.from({ length: 11 }, (_, i) => i)
        );
        const opt = heldKarp(
            table.minutes,
            table.size,
            0,
            Array.from({ length: 11 }, (_, i) => i + 1)
        ).cost;
        expect(p.days[0]!.driveMinutes).toBeCloseTo(opt, 9);
    });

    it('drives less than filling days in sweep order would', () => {
        const inst = routeInstance('uniform', 20, 3, 30);
        const freq = new Array<number>(20).fill(1);
        const { plan: p } = plan(inst.points, freq, 5, 480);
        // the same days filled by angle, four accounts a day, routed exactly
        const table = travel.tableSync(inst.points);
        const byAngle = [...Array(20).keys()].sort((a, b) => {
            const h = inst.points[0]!;
            const ang = (i: number): number =>
                Math.atan2(inst.points[i + 1]!.lon - h.lon, inst.points[i + 1]!.lat - h.lat);
            return ang(a) - ang(b);
        });
        let sweep = 0;
        for (let d = 0; d < 5; d++)
            sweep += heldKarp(
                table.minutes,
                table.size,
                0,
                byAngle.slice(d * 4, d * 4 + 4).map((i) => i + 1)
            ).cost;
        const ours = p.days.reduce((t, d) => t + d.driveMinutes, 0);
        expect(p.visitsScheduled).toBe(20);
        expect(ours).toBeLessThanOrEqual(sweep + 1e-6);
    });

    it('is deterministic for a seed', () => {
        const inst = routeInstance('metro', 40, 8, 30);
        const freq = Array.from({ length: 40 }, (_, i) => 1 + (i % 2));
        const a = plan(inst.points, freq, 10, 480, 5).plan;
        const b = plan(inst.points, freq, 10, 480, 5).plan;
        expect(a.days.map((d) => d.stops)).toEqual(b.days.map((d) => d.stops));
        expect(a.work).toBe(b.work);
    });
});
