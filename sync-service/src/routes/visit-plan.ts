/**
 * A rep's visit plan over several days: a periodic vehicle-routing problem with one vehicle (the
 * rep), a route length limit (the working day) and visit frequencies (Christofides & Beasley
 * 1984; Cordeau, Gendreau & Laporte 1997). Cluster first, route second, then improve:
 *
 * 1. sweep: accounts in angular order around the home (starting after the widest empty angle)
 *    are inserted, cheapest first, into the days of the spread pattern that costs least and fits;
 * 2. each day is routed (exact Held–Karp up to 12 stops, iterated 2-opt / Or-opt beyond);
 * 3. inter-day improvement: an account moves to another pattern (relocate) or two once-a-period
 *    accounts near each other swap days (exchange) when that shortens the driving, then the
 *    changed days are routed again; visits that did not fit are tried again (in full, then as
 *    fewer visits) until a pass changes nothing.
 *
 * Objective: as many visits as possible, then the least drive time. Every visit that cannot be
 * scheduled is returned with its reason. Pure and deterministic for a seed; effort is counted in
 * passes, moves and kicks, and the wall clock is only a safety cap.
 */
import type { SafetyCap } from '../engine/effort.js';
import { mulberry32 } from '../engine/geo.js';
import { HELD_KARP_MAX_STOPS, tourCost } from './held-karp.js';
import { oneTreeBound } from './one-tree.js';
import { visitPatterns } from './patterns.js';
import type { LatLon, TravelTable } from './travel-time.js';
import { solveTour } from './tsp.js';

/** Most improvement passes (each: relocate, exchange, route, re-insert). */
const MAX_PASSES = 30;
/** Exchange partners per account: its nearest once-a-period accounts. */
const EXCHANGE_NEIGHBOURS = 12;
const EPS = 1e-9;

export const UnscheduledReason = {
    /** more visits than there are days */
    FrequencyExceedsDays: 'frequency-exceeds-days',
    /** home → account → home plus the visit is longer than a day */
    TooFarForOneDay: 'too-far-for-one-day',
    /** it fits a day alone, but the days are full */
    NoRoom: 'no-room'
} as const;
export type UnscheduledReason = (typeof UnscheduledReason)[keyof typeof UnscheduledReason];

export interface RepRouteProblem {
    /** the home first, then one point per account */
    points: readonly LatLon[];
    /** travel table over `points` */
    table: TravelTable;
    /** visits asked for per account (non-negative integers) */
    frequency: ArrayLike<number>;
    /** minutes spent at each account per visit */
    visitMinutes: ArrayLike<number>;
}

export interface RoutePlanOptions {
    days: number;
    /** drive plus visit minutes allowed per day; 0 = no limit */
    dayMinutes: number;
    seed: number;
    cap?: SafetyCap;
    /** iterated local search kicks per stop for days of more than 12 stops */
    kicksPerStop?: number;
    /** compute a 1-tree lower bound for days of more than 12 stops (exact days need none) */
    lowerBounds?: boolean;
}

export interface DayLowerBound {
    /** a lower bound on the day's drive minutes for its stops */
    driveMinutes: number;
    /** the day's route is proven optimal (Held–Karp, or the bound met the tour) */
    exact: boolean;
}

export interface PlannedDay {
    /** 1-based */
    day: number;
    /** account indices (0-based, into the problem's accounts) in visiting order */
    stops: number[];
    km: number;
    driveMinutes: number;
    visitMinutes: number;
    lowerBound: DayLowerBound | null;
}

export interface UnscheduledVisits {
    /** account index (0-based) */
    account: number;
    /** how many of its visits were not scheduled */
    visits: number;
    reason: UnscheduledReason;
    message: string;
}

export interface RepRoutePlan {
    days: PlannedDay[];
    unscheduled: UnscheduledVisits[];
    visitsRequested: number;
    visitsScheduled: number;
    /** counted effort (moves evaluated, Held–Karp states, kicks) */
    work: number;
    timeLimitReached: boolean;
}

/** Plans one rep's visits over `options.days` days. */
export function planRepRoutes(problem: RepRouteProblem, options: RoutePlanOptions): RepRoutePlan {
    return new VisitPlanner(problem, options).run();
}

interface Insertion {
    delta: number;
    /** index in the route before which the stop goes */
    at: number;
}

class VisitPlanner {
    private readonly problem: RepRouteProblem;
    private readonly options: RoutePlanOptions;
    private readonly n: number;
    private readonly size: number;
    private readonly d: Float64Array;
    /** visit minutes by node (node 0 is home) */
    private readonly visit: Float64Array;
    private readonly limit: number;
    private readonly days: number;
    private readonly routes: number[][];
    private readonly drive: Float64Array;
    private readonly load: Float64Array;
    private readonly dirty: Uint8Array;
    /** days each node is visited on (sorted) */
    private readonly daysOf: number[][];
    /** visits each node should get (frequency capped at the number of days; 0 when too far) */
    private readonly target: Int32Array;
    private readonly order: number[];
    private readonly patterns = new Map<number, number[][]>();
    private readonly rng: () => number;
    private work = 0;
    private capped = false;

    constructor(problem: RepRouteProblem, options: RoutePlanOptions) {
        this.problem = problem;
        this.options = options;
        const { table, frequency, visitMinutes, points } = problem;
        this.n = frequency.length;
        this.size = table.size;
        if (
            this.size !== this.n + 1 ||
            points.length !== this.n + 1 ||
            visitMinutes.length !== this.n
        )
            throw new RangeError(
                `planRepRoutes: table (${this.size}), points (${points.length}) and visit minutes (${visitMinutes.length}) must cover the home plus ${this.n} accounts.`
            );
        if (!Number.isInteger(options.days) || options.days < 1)
            throw new RangeError(`days must be a positive integer (got ${options.days}).`);
        this.d = table.minutes;
        this.visit = new Float64Array(this.size);
        for (let i = 0; i < this.n; i++) this.visit[i + 1] = visitMinutes[i]!;
        this.limit = options.dayMinutes > 0 ? options.dayMinutes : Infinity;
        this.days = options.days;
        this.routes = Array.from({ length: this.days }, () => []);
        this.drive = new Float64Array(this.days);
        this.load = new Float64Array(this.days);
        this.dirty = new Uint8Array(this.days);
        this.daysOf = Array.from({ length: this.size }, () => []);
        this.target = new Int32Array(this.size);
        this.order = sweepOrder(points);
        this.rng = mulberry32(options.seed);
    }

    run(): RepRoutePlan {
        const unscheduled: UnscheduledVisits[] = [];
        let requested = 0;
        for (let i = 0; i < this.n; i++) {
            const x = i + 1;
            const f = this.problem.frequency[i]!;
            requested += f;
            if (f <= 0) continue;
            const s = Math.min(f, this.days);
            if (f > this.days)
                unscheduled.push({
                    account: i,
                    visits: f - this.days,
                    reason: UnscheduledReason.FrequencyExceedsDays,
                    message: `${f} visits asked for on different days, but only ${this.days} day${this.days === 1 ? '' : 's'} planned.`
                });
            const roundTrip = this.c(0, x) + this.c(x, 0) + this.visit[x]!;
            if (roundTrip > this.limit + EPS) {
                unscheduled.push({
                    account: i,
                    visits: s,
                    reason: UnscheduledReason.TooFarForOneDay,
                    message: `the round trip from home (${fmt(this.c(0, x) + this.c(x, 0))} min driving) plus the ${fmt(this.visit[x]!)}-minute visit takes ${fmt(roundTrip)} min, more than the ${fmt(this.limit)}-minute day.`
                });
                continue;
            }
            this.target[x] = s;
        }
        // 1. sweep: insert every account in full, in angular order
        for (const x of this.order) if (this.target[x]! > 0) this.schedule(x, this.target[x]!);
        this.routeDirtyDays();
        // 2–3. improve, then fill what is missing (in full first, fewer visits only at the end)
        this.improve(false);
        this.improve(true);
        // days changed after the last routing (only when the safety cap stopped the passes)
        this.routeDirtyDays();
        let scheduled = 0;
        for (const x of this.order) {
            const got = this.daysOf[x]!.length;
            scheduled += got;
            const missing = this.target[x]! - got;
            if (missing > 0)
                unscheduled.push({
                    account: x - 1,
                    visits: missing,
                    reason: UnscheduledReason.NoRoom,
                    message: this.noRoomMessage(x, missing, got)
                });
        }
        unscheduled.sort((a, b) => a.account - b.account || a.reason.localeCompare(b.reason));
        return {
            days: this.routes.map((route, day) => this.describeDay(route, day)),
            unscheduled,
            visitsRequested: requested,
            visitsScheduled: scheduled,
            work: this.work,
            timeLimitReached: this.capped
        };
    }

    private c(a: number, b: number): number {
        return this.d[a * this.size + b]!;
    }

    private capReached(): boolean {
        if (!this.capped && this.options.cap?.reached()) this.capped = true;
        return this.capped;
    }

    private patternsOf(visits: number): number[][] {
        let p = this.patterns.get(visits);
        if (!p) {
            p = visitPatterns(visits, this.days);
            this.patterns.set(visits, p);
        }
        return p;
    }

    /** Cheapest place for x in a day's route, ignoring the stop `skip` (−1: none). */
    private bestInsertion(day: number, x: number, skip = -1): Insertion {
        const route = this.routes[day]!;
        let prev = 0;
        let best = Infinity;
        let at = 0;
        let idx = 0;
        for (let q = 0; q < route.length; q++) {
            const y = route[q]!;
            if (y === skip) continue;
            const delta = this.c(prev, x) + this.c(x, y) - this.c(prev, y);
            if (delta < best - EPS) {
                best = delta;
                at = idx;
            }
            prev = y;
            idx++;
        }
        const delta = this.c(prev, x) + this.c(x, 0) - this.c(prev, 0);
        if (delta < best - EPS) {
            best = delta;
            at = idx;
        }
        this.work += route.length + 1;
        return { delta: best, at };
    }

    /** Drive minutes saved by taking x out of a day's route. */
    private removalSaving(day: number, x: number): number {
        const route = this.routes[day]!;
        const q = route.indexOf(x);
        const prev = q > 0 ? route[q - 1]! : 0;
        const next = q < route.length - 1 ? route[q + 1]! : 0;
        return this.c(prev, x) + this.c(x, next) - this.c(prev, next);
    }

    private fits(day: number, extraDrive: number, extraVisit: number): boolean {
        return this.drive[day]! + extraDrive + this.load[day]! + extraVisit <= this.limit + EPS;
    }

    private insert(day: number, x: number): void {
        const ins = this.bestInsertion(day, x);
        this.routes[day]!.splice(ins.at, 0, x);
        this.drive[day] = this.drive[day]! + ins.delta;
        this.load[day] = this.load[day]! + this.visit[x]!;
        this.dirty[day] = 1;
        const days = this.daysOf[x]!;
        days.push(day);
        days.sort((a, b) => a - b);
    }

    private remove(day: number, x: number): void {
        const saving = this.removalSaving(day, x);
        const route = this.routes[day]!;
        route.splice(route.indexOf(x), 1);
        this.drive[day] = this.drive[day]! - saving;
        this.load[day] = this.load[day]! - this.visit[x]!;
        this.dirty[day] = 1;
        const days = this.daysOf[x]!;
        days.splice(days.indexOf(day), 1);
    }

    /**
     * The cheapest feasible pattern of `visits` days for x, given it is taken off its current days
     * first; null when none fits. The delta is the change in drive minutes.
     */
    private bestPattern(
        x: number,
        visits: number,
        avoid = -1
    ): { days: number[]; delta: number } | null {
        const current = this.daysOf[x]!;
        const inDay = new Uint8Array(this.days);
        for (const day of current) inDay[day] = 1;
        const cost = new Float64Array(this.days);
        const ok = new Uint8Array(this.days);
        const v = this.visit[x]!;
        for (let day = 0; day < this.days; day++) {
            if (inDay[day]) {
                cost[day] = 0;
                ok[day] = 1;
            } else {
                const ins = this.bestInsertion(day, x);
                cost[day] = ins.delta;
                ok[day] = this.fits(day, ins.delta, v) ? 1 : 0;
            }
        }
        let saved = 0;
        for (const day of current) saved += this.removalSaving(day, x);
        let best: { days: number[]; delta: number } | null = null;
        for (const p of this.patternsOf(visits)) {
            if (avoid >= 0 && p.includes(avoid)) continue;
            let delta = 0;
            let feasible = true;
            for (const day of p) {
                if (!ok[day]) {
                    feasible = false;
                    break;
                }
                delta += cost[day]!;
            }
            this.work++;
            if (!feasible) continue;
            // days of the current pattern not kept give back their saving
            let kept = 0;
            for (const day of current) if (p.includes(day)) kept += this.removalSaving(day, x);
            delta -= saved - kept;
            if (!best || delta < best.delta - EPS) best = { days: p, delta };
        }
        return best;
    }

    private moveTo(x: number, days: readonly number[]): void {
        for (const day of [...this.daysOf[x]!]) if (!days.includes(day)) this.remove(day, x);
        for (const day of days) if (!this.daysOf[x]!.includes(day)) this.insert(day, x);
    }

    /** Schedules x with `visits` visits if some pattern fits; returns whether it did. */
    private schedule(x: number, visits: number): boolean {
        const p = this.bestPattern(x, visits);
        if (!p) return false;
        this.moveTo(x, p.days);
        return true;
    }

    /** Relocate and exchange passes, re-routing and re-inserting, until nothing changes. */
    private improve(allowFewer: boolean): void {
        for (let pass = 0; pass < MAX_PASSES; pass++) {
            if (this.capReached()) return;
            let changed = false;
            for (const x of this.order) {
                const got = this.daysOf[x]!.length;
                if (got === 0) continue;
                const p = this.bestPattern(x, got);
                if (p && p.delta < -EPS) {
                    this.moveTo(x, p.days);
                    changed = true;
                }
            }
            if (this.exchangePass()) changed = true;
            this.routeDirtyDays();
            for (const x of this.order) {
                const got = this.daysOf[x]!.length;
                const want = this.target[x]!;
                if (got >= want) continue;
                const smallest = allowFewer ? got + 1 : want;
                for (let visits = want; visits >= smallest; visits--) {
                    if (this.schedule(x, visits) || this.scheduleByMakingRoom(x, visits)) {
                        changed = true;
                        break;
                    }
                }
            }
            this.routeDirtyDays();
            if (!changed) return;
        }
    }

    /**
     * Makes room for x by moving one account off a day to other days (an ejection chain of depth
     * one), then schedules x; undoes the move when x still does not fit.
     */
    private scheduleByMakingRoom(x: number, visits: number): boolean {
        if (this.days < 2) return false;
        for (let day = 0; day < this.days; day++) {
            if (this.daysOf[x]!.includes(day)) continue;
            for (const y of [...this.routes[day]!]) {
                const before = [...this.daysOf[y]!];
                const p = this.bestPattern(y, before.length, day);
                this.work++;
                if (!p) continue;
                this.moveTo(y, p.days);
                if (this.schedule(x, visits)) return true;
                this.moveTo(y, before);
            }
        }
        return false;
    }

    /** Swaps the days of two once-a-period accounts near each other when it shortens driving. */
    private exchangePass(): boolean {
        const single = this.order.filter((x) => this.daysOf[x]!.length === 1);
        if (single.length < 2 || this.days < 2) return false;
        let changed = false;
        for (const x of single) {
            const near = single
                .filter((y) => y !== x)
                .sort((a, b) => this.c(x, a) - this.c(x, b) || a - b)
                .slice(0, EXCHANGE_NEIGHBOURS);
            for (const y of near) {
                if (this.daysOf[x]!.length !== 1 || this.daysOf[y]!.length !== 1) continue;
                const a = this.daysOf[x]![0]!;
                const b = this.daysOf[y]![0]!;
                if (a === b) continue;
                const outA = this.removalSaving(a, x);
                const outB = this.removalSaving(b, y);
                const inA = this.bestInsertion(a, y, x).delta;
                const inB = this.bestInsertion(b, x, y).delta;
                const delta = inA + inB - outA - outB;
                if (delta >= -EPS) continue;
                const vx = this.visit[x]!;
                const vy = this.visit[y]!;
                if (!this.fits(a, inA - outA, vy - vx) || !this.fits(b, inB - outB, vx - vy))
                    continue;
                this.remove(a, x);
                this.remove(b, y);
                this.insert(a, y);
                this.insert(b, x);
                changed = true;
            }
        }
        return changed;
    }

    /** Routes every changed day again (never worse than its current order). */
    private routeDirtyDays(): void {
        for (let day = 0; day < this.days; day++) {
            if (!this.dirty[day]) continue;
            this.dirty[day] = 0;
            const route = this.routes[day]!;
            if (route.length < 3) {
                // nothing to order: reset the running sum to the exact cost
                this.drive[day] = tourCost(this.d, this.size, [0, ...route]);
                continue;
            }
            const t = solveTour(this.d, this.size, 0, route, {
                rng: this.rng,
                kicksPerStop: this.options.kicksPerStop,
                cap: this.options.cap,
                start: [0, ...route]
            });
            this.work += t.work;
            if (t.capped) this.capped = true;
            this.routes[day] = t.order.slice(1);
            this.drive[day] = t.cost;
        }
    }

    private describeDay(route: number[], day: number): PlannedDay {
        let km = 0;
        let drive = 0;
        let prev = 0;
        const kmTable = this.problem.table.km;
        for (const x of [...route, 0]) {
            km += kmTable[prev * this.size + x]!;
            drive += this.c(prev, x);
            prev = x;
        }
        let visitMinutes = 0;
        for (const x of route) visitMinutes += this.visit[x]!;
        let lowerBound: DayLowerBound | null = null;
        if (route.length <= HELD_KARP_MAX_STOPS) lowerBound = { driveMinutes: drive, exact: true };
        else if (this.options.lowerBounds) {
            const b = oneTreeBound(this.d, this.size, [0, ...route], { upperBound: drive });
            this.work += b.iterations * (route.length + 1);
            const exact = b.tourFound || b.bound >= drive - 1e-9 * drive;
            lowerBound = { driveMinutes: exact ? drive : b.bound, exact };
        }
        return {
            day: day + 1,
            stops: route.map((x) => x - 1),
            km,
            driveMinutes: drive,
            visitMinutes,
            lowerBound
        };
    }

    private noRoomMessage(x: number, missing: number, got: number): string {
        const limit = fmt(this.limit);
        const base =
            got > 0
                ? `${missing} of its ${got + missing} visits did not fit: scheduled ${got}`
                : `no day had room for ${missing === 1 ? 'its visit' : `its ${missing} visits`}`;
        // how far over the day the cheapest remaining day would go
        let over = Infinity;
        const v = this.visit[x]!;
        for (let day = 0; day < this.days; day++) {
            if (this.daysOf[x]!.includes(day)) continue;
            const ins = this.bestInsertion(day, x).delta;
            over = Math.min(over, this.drive[day]! + this.load[day]! + ins + v - this.limit);
        }
        return over > 0 && Number.isFinite(over)
            ? `${base} (on the best day it would run ${fmt(over)} min over the ${limit}-minute day).`
            : `${base} (a day still has room, but not ${got + missing} spread-out days).`;
    }
}

function fmt(x: number): string {
    return Number.isFinite(x) ? (Math.round(x * 10) / 10).toString() : 'unlimited';
}

/**
 * Accounts (nodes 1..n) in angular order around the home (node 0), starting just after the widest
 * empty angle so that neighbouring accounts are neighbours in the order; ties by index.
 */
export function sweepOrder(points: readonly LatLon[]): number[] {
    const home = points[0]!;
    const cosLat = Math.cos((home.lat * Math.PI) / 180);
    const n = points.length - 1;
    const angle = new Float64Array(points.length);
    for (let x = 1; x <= n; x++) {
        const p = points[x]!;
        let dLon = p.lon - home.lon;
        if (dLon > 180) dLon -= 360;
        else if (dLon < -180) dLon += 360;
        angle[x] = Math.atan2(dLon * cosLat, p.lat - home.lat);
    }
    const order = Array.from({ length: n }, (_, q) => q + 1).sort(
        (a, b) => angle[a]! - angle[b]! || a - b
    );
    if (n < 2) return order;
    let widest = -1;
    let start = 0;
    for (let q = 0; q < n; q++) {
        const a = angle[order[q]!]!;
        const b = q + 1 < n ? angle[order[q + 1]!]! : angle[order[0]!]! + 2 * Math.PI;
        if (b - a > widest) {
            widest = b - a;
            start = (q + 1) % n;
        }
    }
    return [...order.slice(start), ...order.slice(0, start)];
}
