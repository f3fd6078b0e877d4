/**
 * Queue `visit-routes` (issue 15): one job per rep plans the rep's visits over working days
 * (src/routes: periodic routing, each day ordered), fanned out for a whole team by
 * POST /v1/models/:modelId/routes. The plan is kept in Redis per model and rep for
 * ROUTE_PLAN_TTL_S and read by GET /v1/models/:modelId/routes/:repId.
 *
 * Why Redis and not the org: a visit plan is derived data, recomputed from the org in a second
 * per rep, and read by the map and the account card for as long as the planner looks at it; the
 * org has no standard object for it, so keeping it there would need a package object and API
 * calls on every run. What a rep acts on is written to the org when asked (`writeEvents`): one
 * Event per visit, the durable copy in the rep's calendar.
 *
 * Events: only Events this service created are ever deleted (replanning deletes its own Events
 * in the plan's window, then inserts the new ones). Ours are recognised by three things at once:
 * OwnerId is the rep, Subject starts with "Visit: ", and Description carries EVENT_MARKER with
 * the model's id. An Event the rep made has no marker and is never touched; a rep who wants to
 * keep one of ours as it is deletes the marker line.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IRedisClient, Queue } from 'bullmq';
import { SafetyCap } from '../engine/effort.js';
import { planRepRoutes } from '../routes/index.js';
import type { LatLon, TravelTimeProvider, UnscheduledReason } from '../routes/index.js';

/** Plans are kept two weeks (a planning cycle), then a new POST recomputes them. */
export const ROUTE_PLAN_TTL_S = 14 * 24 * 3600;
/** Wall-clock safety cap per rep (the planner counts work; this only stops a runaway). */
export const ROUTE_TIME_CAP_MS = 60_000;
/** Marker in the Description of every Event the service writes (see the file comment). */
export const EVENT_MARKER = '[territory-visit-plan';

/** How many visits each account gets in the period. */
export type FrequencySpec =
    /** every account the same number of visits (default 1) */
    | { visits: number }
    /** a numeric Account field (empty: `default`, else 1) */
    | { field: string; default?: number }
    /** a picklist or text field mapped by value (unmapped or empty: `default`, else 1) */
    | { field: string; tiers: Record<string, number>; default?: number };

export interface RouteSettings {
    days: number;
    dayMinutes: number;
    visitMinutes: number;
    frequency: FrequencySpec;
    writeEvents: boolean;
    /** first working day (YYYY-MM-DD): with writeEvents, days are the weekdays from it */
    startDate?: string;
    /** when the working day starts, HH:MM local (default 08:00) */
    dayStart: string;
    /** the rep's offset from UTC in minutes (default 0) */
    utcOffsetMinutes: number;
}

export interface RouteJobData {
    modelId: string;
    repId: string;
    runId: string;
    settings: RouteSettings;
}

/** An account as the rep's plan needs it (coordinates already placed by postal code if needed). */
export interface VisitAccount {
    id: string;
    name: string;
    lat: number | null;
    lon: number | null;
    /** lat/lon is the postal code's centre */
    approximate?: boolean;
    /** raw value of the frequency field, if one is named */
    frequencyValue?: unknown;
}

export interface RepVisitData {
    repId: string;
    repName: string | null;
    home: LatLon | null;
    accounts: VisitAccount[];
}

export interface PlannedStop {
    seq: number;
    accountId: string;
    accountName: string;
    lat: number;
    lon: number;
    arriveMinute: number;
    departMinute: number;
    /** km from the previous stop or home (road km with a routing engine) */
    legKm: number;
}

export interface PlannedRouteDay {
    day: number;
    /** the calendar date when a start date was given */
    date: string | null;
    km: number;
    driveMinutes: number;
    visitMinutes: number;
    stops: PlannedStop[];
    /** [lat, lon] from home through the stops and back: the road with OSRM, else straight legs */
    path: [number, number][];
}

export type RouteUnscheduledReason = UnscheduledReason | 'no-coordinates' | 'invalid-frequency';

export interface RoutePlan {
    modelId: string;
    repId: string;
    repName: string | null;
    runId: string;
    plannedAt: string;
    settings: RouteSettings;
    travelTime: string;
    geometry: 'road' | 'straight';
    home: LatLon;
    days: PlannedRouteDay[];
    unscheduled: {
        accountId: string;
        accountName: string;
        visits: number;
        reason: RouteUnscheduledReason;
        message: string;
    }[];
    summary: {
        accounts: number;
        visitsRequested: number;
        visitsScheduled: number;
        km: number;
        driveMinutes: number;
        visitMinutes: number;
        /** ordered pairs the routing engine had no road for (estimated offline) */
        estimatedPairs: number;
        work: number;
        timeLimitReached: boolean;
    };
    events: EventWriteSummary | null;
}

export interface EventWriteSummary {
    inserted: number;
    deleted: number;
    failed: { accountId?: string; eventId?: string; errorCode: string; message: string }[];
}

/** 15- and 18-character ids name the same record: keys use the 15-character form. */
const id15 = (id: string) => id.slice(0, 15);

/** Job ids are unique across the queues and runs (a rep planned again gets a new job). */
export const routeJobId = (runId: string, repId: string) => `routes-${runId}-${id15(repId)}`;

/** Queues one job per rep of a run; returns the job ids in the reps' order. */
export async function addRouteJobs(
    queue: Queue,
    modelId: string,
    repIds: readonly string[],
    settings: RouteSettings
): Promise<{ runId: string; jobs: { repId: string; jobId: string }[] }> {
    const runId = randomUUID();
    const jobs = repIds.map((repId) => ({
        name: 'routes',
        data: { modelId, repId, runId, settings } satisfies RouteJobData,
        opts: { jobId: routeJobId(runId, repId) }
    }));
    await queue.addBulk(jobs);
    return { runId, jobs: repIds.map((repId) => ({ repId, jobId: routeJobId(runId, repId) })) };
}

/** Where plans are kept (see the file comment). */
export class RoutePlanStore {
    private readonly redis: () => Promise<IRedisClient>;
    private readonly prefix: string;
    private readonly ttlS: number;
    constructor(
        redis: () => Promise<IRedisClient>,
        prefix: string,
        ttlS: number = ROUTE_PLAN_TTL_S
    ) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttlS = ttlS;
    }

    private key(modelId: string, repId: string) {
        return `${this.prefix}:visit-routes:plan:${id15(modelId)}:${id15(repId)}`;
    }

    async save(plan: RoutePlan): Promise<void> {
        const client = await this.redis();
        await client.set(this.key(plan.modelId, plan.repId), JSON.stringify(plan), {
            EX: this.ttlS
        });
    }

    async load(modelId: string, repId: string): Promise<RoutePlan | undefined> {
        const json = await (await this.redis()).get(this.key(modelId, repId));
        return json === null ? undefined : (JSON.parse(json) as RoutePlan);
    }
}

/**
 * Visits per account from the frequency setting; an account whose field value is not a whole
 * number ≥ 0 (numeric field) gets null and is listed as unscheduled.
 */
export function visitsFor(spec: FrequencySpec, value: unknown): number | null {
    if ('visits' in spec) return spec.visits;
    const fallback = spec.default ?? 1;
    if (value === null || value === undefined || value === '') return fallback;
    if ('tiers' in spec) {
        const v = spec.tiers[String(value)];
        return v === undefined ? fallback : v;
    }
    const n = typeof value === 'number' ? value : Number(value);
    return typeof value !== 'boolean' && Number.isInteger(n) && n >= 0 && n <= 366 ? n : null;
}

/** A seed from the rep's id, the same for the same rep on every run and machine. */
export function repSeed(repId: string): number {
    return createHash('sha256').update(id15(repId)).digest().readUInt32BE(0);
}

/** The `count` weekdays from `startDate` (itself included when a weekday), as YYYY-MM-DD. */
export function workingDates(startDate: string, count: number): string[] {
    const out: string[] = [];
    const d = new Date(`${startDate}T00:00:00Z`);
    while (out.length < count) {
        const wd = d.getUTCDay();
        if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
        d.setUTCDate(d.getUTCDate() + 1);
    }
    return out;
}

/** The UTC instant of `minute` after the day's start on `date` at the rep's offset. */
export function instantOf(settings: RouteSettings, date: string, minute: number): Date {
    const [h, m] = settings.dayStart.split(':').map(Number) as [number, number];
    const local = Date.parse(`${date}T00:00:00Z`) + (h * 60 + m + minute) * 60_000;
    return new Date(local - settings.utcOffsetMinutes * 60_000);
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** Plans one rep's visits (the job's computing part: no Salesforce, travel times from `travel`). */
export async function planRepVisits(
    data: RepVisitData,
    job: RouteJobData,
    travel: TravelTimeProvider,
    now: Date = new Date()
): Promise<RoutePlan> {
    const { settings } = job;
    if (!data.home)
        throw new Error(
            `rep ${data.repId} has no home (Territory_Home_Latitude__c / Territory_Home_Longitude__c on the User): routes start and end at home`
        );
    const unscheduled: RoutePlan['unscheduled'] = [];
    const routed: VisitAccount[] = [];
    const frequency: number[] = [];
    let requested = 0;
    for (const a of data.accounts) {
        const visits = visitsFor(settings.frequency, a.frequencyValue);
        if (visits === null) {
            unscheduled.push({
                accountId: a.id,
                accountName: a.name,
                visits: 0,
                reason: 'invalid-frequency',
                message: `the frequency field holds '${String(a.frequencyValue)}', not a whole number of visits ≥ 0.`
            });
            continue;
        }
        requested += visits;
        if (a.lat === null || a.lon === null) {
            if (visits > 0)
                unscheduled.push({
                    accountId: a.id,
                    accountName: a.name,
                    visits,
                    reason: 'no-coordinates',
                    message:
                        'the account has no coordinates and no known postal code: it cannot be placed on a route.'
                });
            continue;
        }
        routed.push(a);
        frequency.push(visits);
    }
    const points: LatLon[] = [
        data.home,
        ...routed.map((a) => ({ lat: a.lat as number, lon: a.lon as number }))
    ];
    const table = await travel.table(points);
    const plan = planRepRoutes(
        {
            points,
            table,
            frequency,
            visitMinutes: routed.map(() => settings.visitMinutes)
        },
        {
            days: settings.days,
            dayMinutes: settings.dayMinutes,
            seed: repSeed(data.repId),
            cap: new SafetyCap(Date.now() + ROUTE_TIME_CAP_MS)
        }
    );
    for (const u of plan.unscheduled) {
        const a = routed[u.account]!;
        unscheduled.push({
            accountId: a.id,
            accountName: a.name,
            visits: u.visits,
            reason: u.reason,
            message: u.message
        });
    }
    const dates = settings.startDate ? workingDates(settings.startDate, settings.days) : null;
    const size = table.size;
    const days: PlannedRouteDay[] = [];
    for (const day of plan.days) {
        let clock = 0;
        let prev = 0;
        const stops: PlannedStop[] = day.stops.map((s, q) => {
            const node = s + 1;
            const a = routed[s]!;
            clock += table.minutes[prev * size + node]!;
            const arrive = clock;
            clock += settings.visitMinutes;
            const legKm = table.km[prev * size + node]!;
            prev = node;
            return {
                seq: q + 1,
                accountId: a.id,
                accountName: a.name,
                lat: a.lat as number,
                lon: a.lon as number,
                arriveMinute: round(arrive, 1),
                departMinute: round(clock, 1),
                legKm: round(legKm, 3)
            };
        });
        let path: [number, number][] = [];
        if (stops.length > 0) {
            const route = await travel.route([
                data.home,
                ...stops.map((s) => ({ lat: s.lat, lon: s.lon })),
                data.home
            ]);
            path = route.path.map(([la, lo]) => [round(la, 6), round(lo, 6)]);
        }
        days.push({
            day: day.day,
            date: dates ? dates[day.day - 1]! : null,
            km: round(day.km, 3),
            driveMinutes: round(day.driveMinutes, 1),
            visitMinutes: round(day.visitMinutes, 1),
            stops,
            path
        });
    }
    unscheduled.sort((a, b) => a.accountId.localeCompare(b.accountId));
    return {
        modelId: job.modelId,
        repId: data.repId,
        repName: data.repName,
        runId: job.runId,
        plannedAt: now.toISOString(),
        settings,
        travelTime: travel.name,
        geometry: travel.geometry,
        home: data.home,
        days,
        unscheduled,
        summary: {
            accounts: data.accounts.length,
            visitsRequested: requested,
            visitsScheduled: plan.visitsScheduled,
            km: round(
                days.reduce((t, d) => t + d.km, 0),
                3
            ),
            driveMinutes: round(
                days.reduce((t, d) => t + d.driveMinutes, 0),
                1
            ),
            visitMinutes: round(
                days.reduce((t, d) => t + d.visitMinutes, 0),
                1
            ),
            estimatedPairs: table.estimatedPairs ?? 0,
            work: plan.work,
            timeLimitReached: plan.timeLimitReached
        },
        events: null
    };
}

/** The Event the plan writes for one visit. */
export interface VisitEvent {
    OwnerId: string;
    WhatId: string;
    Subject: string;
    StartDateTime: string;
    EndDateTime: string;
    Type: 'Meeting';
    Description: string;
}

/** The marker line of the service's Events for a model. */
export const eventMarker = (modelId: string) => `${EVENT_MARKER} ${id15(modelId)}]`;

/** One Event per planned visit (needs a start date). */
export function visitEvents(plan: RoutePlan): VisitEvent[] {
    const out: VisitEvent[] = [];
    for (const day of plan.days) {
        if (!day.date) continue;
        for (const s of day.stops) {
            out.push({
                OwnerId: plan.repId,
                WhatId: s.accountId,
                Subject: `Visit: ${s.accountName}`.slice(0, 255),
                StartDateTime: instantOf(plan.settings, day.date, s.arriveMinute).toISOString(),
                EndDateTime: instantOf(plan.settings, day.date, s.departMinute).toISOString(),
                Type: 'Meeting',
                Description: `Day ${day.day}, stop ${s.seq}, planned by the territory planner's visit routes (run ${plan.runId}); replanning with write-back replaces this event. Delete the next line to keep it as it is.\n${eventMarker(plan.modelId)}`
            });
        }
    }
    return out;
}

/** True when an Event is one the service wrote for this model and rep (see the file comment). */
export function isOurEvent(
    e: { OwnerId?: unknown; Subject?: unknown; Description?: unknown },
    modelId: string,
    repId: string
): boolean {
    return (
        typeof e.OwnerId === 'string' &&
        id15(e.OwnerId) === id15(repId) &&
        typeof e.Subject === 'string' &&
        e.Subject.startsWith('Visit: ') &&
        typeof e.Description === 'string' &&
        e.Description.split('\n').includes(eventMarker(modelId))
    );
}
