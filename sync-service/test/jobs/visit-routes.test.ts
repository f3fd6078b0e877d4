import { describe, expect, it } from 'vitest';
import { GreatCircleTravelTime } from '../../src/routes/index.js';
import {
    eventMarker,
    instantOf,
    isOurEvent,
    planRepVisits,
    visitEvents,
    visitsFor,
    workingDates,
    type RouteJobData,
    type RouteSettings
} from '../../src/jobs/visit-routes.js';

const settings: RouteSettings = {
    days: 3,
    dayMinutes: 480,
    visitMinutes: 30,
    frequency: { field: 'Visits__c' },
    writeEvents: true,
    startDate: '2026-03-06',
    dayStart: '08:30',
    utcOffsetMinutes: 60
};
const job: RouteJobData = {
    modelId: '0MA000000000001AAA',
    repId: '005000000000001AAA',
    runId: 'run-1',
    settings
};
const travel = new GreatCircleTravelTime({ speedKmh: 50, circuity: 1.3 });

describe('visit routes job helpers', () => {
    it('reads visits from a count, a numeric field or tiers; bad values are null', () => {
        expect(visitsFor({ visits: 2 }, 'ignored')).toBe(2);
        expect(visitsFor({ field: 'F' }, 3)).toBe(3);
        expect(visitsFor({ field: 'F' }, '4')).toBe(4);
        expect(visitsFor({ field: 'F' }, null)).toBe(1);
        expect(visitsFor({ field: 'F', default: 0 }, '')).toBe(0);
        expect(visitsFor({ field: 'F' }, 1.5)).toBeNull();
        expect(visitsFor({ field: 'F' }, -1)).toBeNull();
        expect(visitsFor({ field: 'F' }, 'lots')).toBeNull();
        expect(visitsFor({ field: 'F' }, true)).toBeNull();
        const tiers = { field: 'Rating', tiers: { Hot: 4, Cold: 0 }, default: 2 };
        expect(visitsFor(tiers, 'Hot')).toBe(4);
        expect(visitsFor(tiers, 'Cold')).toBe(0);
        expect(visitsFor(tiers, 'Warm')).toBe(2);
        expect(visitsFor(tiers, null)).toBe(2);
    });

    it('counts working days from the start date and places minutes in UTC', () => {
        // Friday 6 March 2026: then Monday and Tuesday
        expect(workingDates('2026-03-06', 3)).toEqual(['2026-03-06', '2026-03-09', '2026-03-10']);
        expect(workingDates('2026-03-07', 1)).toEqual(['2026-03-09']);
        // 08:30 at UTC+1, 15 minutes in: 07:45 UTC
        expect(instantOf(settings, '2026-03-09', 15).toISOString()).toBe(
            '2026-03-09T07:45:00.000Z'
        );
    });

    it('knows its own Events by owner, subject and marker line only', () => {
        const ours = {
            OwnerId: job.repId,
            Subject: 'Visit: Acme',
            Description: `Day 1…\n${eventMarker(job.modelId)}`
        };
        expect(isOurEvent(ours, job.modelId, job.repId)).toBe(true);
        // 15-character ids name the same records
        expect(isOurEvent(ours, job.modelId.slice(0, 15), job.repId.slice(0, 15))).toBe(true);
        expect(isOurEvent({ ...ours, OwnerId: '005000000000002AAA' }, job.modelId, job.repId)).toBe(
            false
        );
        expect(isOurEvent({ ...ours, Subject: 'Lunch' }, job.modelId, job.repId)).toBe(false);
        expect(isOurEvent({ ...ours, Description: 'my notes' }, job.modelId, job.repId)).toBe(
            false
        );
        expect(
            isOurEvent(
                { ...ours, Description: `x ${eventMarker(job.modelId)} y` },
                job.modelId,
                job.repId
            )
        ).toBe(false);
        expect(isOurEvent(ours, '0MA000000000002AAA', job.repId)).toBe(false);
    });

    it('plans a rep: stops in order with times, straight legs offline, every visit accounted for', async () => {
        const home = { lat: 40, lon: -75 };
        const accounts = Array.from({ length: 9 }, (_, i) => ({
            id: `001000000000${String(i).padStart(3, '0')}AAA`,
            name: `Account ${i}`,
            lat: 40 + ((i % 3) - 1) * 0.05,
            lon: -75 + (Math.floor(i / 3) - 1) * 0.05,
            frequencyValue: i === 0 ? 2 : 1
        }));
        accounts.push({
            id: '001000000000100AAA',
            name: 'No place',
            lat: null as unknown as number,
            lon: null as unknown as number,
            frequencyValue: 1
        });
        accounts.push({
            id: '001000000000101AAA',
            name: 'Bad frequency',
            lat: 40,
            lon: -75,
            frequencyValue: 'often' as unknown as number
        });
        const plan = await planRepVisits(
            { repId: job.repId, repName: 'Rep', home, accounts },
            job,
            travel,
            new Date('2026-03-01T00:00:00Z')
        );
        expect(plan.geometry).toBe('straight');
        expect(plan.travelTime).toBe('great-circle');
        expect(plan.days.map((d) => d.date)).toEqual(['2026-03-06', '2026-03-09', '2026-03-10']);
        const visits = plan.days.flatMap((d) => d.stops.map((s) => s.accountId));
        expect(visits).toHaveLength(10);
        expect(visits.filter((v) => v === accounts[0]!.id)).toHaveLength(2);
        expect(plan.summary).toMatchObject({ visitsRequested: 11, visitsScheduled: 10 });
        expect(plan.unscheduled.map((u) => u.reason).sort()).toEqual([
            'invalid-frequency',
            'no-coordinates'
        ]);
        for (const day of plan.days) {
            if (day.stops.length === 0) continue;
            // home, the stops, home: straight legs
            expect(day.path).toHaveLength(day.stops.length + 2);
            expect(day.path[0]).toEqual([40, -75]);
            let clock = 0;
            let prev = home;
            for (const s of day.stops) {
                const leg = travel.tableSync([prev, { lat: s.lat, lon: s.lon }]);
                clock += leg.minutes[1]!;
                expect(s.arriveMinute).toBeCloseTo(clock, 0);
                expect(s.legKm).toBeCloseTo(leg.km[1]!, 2);
                clock += 30;
                expect(s.departMinute).toBeCloseTo(clock, 0);
                prev = { lat: s.lat, lon: s.lon };
            }
        }
        const events = visitEvents(plan);
        expect(events).toHaveLength(10);
        const first = plan.days[0]!.stops[0]!;
        const e = events.find((x) => x.WhatId === first.accountId)!;
        expect(e.OwnerId).toBe(job.repId);
        expect(e.Subject).toBe(`Visit: ${first.accountName}`);
        expect(e.StartDateTime).toBe(
            instantOf(settings, '2026-03-06', first.arriveMinute).toISOString()
        );
        expect(isOurEvent(e, job.modelId, job.repId)).toBe(true);
    });

    it('plans a rep without accounts, and refuses one without a home', async () => {
        const empty = await planRepVisits(
            { repId: job.repId, repName: null, home: { lat: 1, lon: 1 }, accounts: [] },
            job,
            travel
        );
        expect(empty.days.every((d) => d.stops.length === 0 && d.path.length === 0)).toBe(true);
        expect(empty.summary.visitsRequested).toBe(0);
        await expect(
            planRepVisits(
                { repId: job.repId, repName: null, home: null, accounts: [] },
                job,
                travel
            )
        ).rejects.toThrow(/no home/);
    });
});
