/**
 * The routes bench's baseline and checker. Baseline: the textbook sweep (Gillett & Miller 1974)
 * for a week: accounts in angular order fill day 1, then day 2…, each day's route improved by
 * plain 2-opt; a twice-a-week account's second visit goes about half a week later, on the first
 * day from there with room. Checker: recomputes a plan's days from the travel table and says
 * whether it keeps the rules (day limit, visits on distinct days, no more than asked).
 */
import { sweepOrder } from '../../src/routes/index.js';
import type { LatLon, TravelTable } from '../../src/routes/index.js';

export interface WeekProblem {
    points: LatLon[];
    table: TravelTable;
    frequency: number[];
    visitMinutes: number;
    days: number;
    dayMinutes: number;
}

/** Day routes as account indices (0-based), one list per day. */
export type DayRoutes = number[][];

function routeMinutes(table: TravelTable, route: readonly number[]): number {
    let prev = 0;
    let c = 0;
    for (const x of [...route, -1]) {
        const node = x + 1;
        c += table.minutes[prev * table.size + node]!;
        prev = node;
    }
    return c;
}

/** First-improvement 2-opt on a day's route, home included. */
function twoOpt(table: TravelTable, route: number[]): number[] {
    const t = [0, ...route.map((x) => x + 1)];
    const m = t.length;
    const d = (a: number, b: number): number => table.minutes[a * table.size + b]!;
    let improved = true;
    while (improved) {
        improved = false;
        for (let i = 0; i < m - 1; i++) {
            for (let j = i + 2; j < m; j++) {
                const a = t[i]!;
                const b = t[i + 1]!;
                const c = t[j]!;
                const e = t[(j + 1) % m]!;
                if (e === a) continue;
                if (d(a, c) + d(b, e) - d(a, b) - d(c, e) < -1e-9) {
                    for (let p = i + 1, q = j; p < q; p++, q--) [t[p], t[q]] = [t[q]!, t[p]!];
                    improved = true;
                }
            }
        }
    }
    return t.slice(1).map((x) => x - 1);
}

/** Sweep + 2-opt: fills days in angular order around the home. */
export function sweepTwoOpt(p: WeekProblem): DayRoutes {
    const days: DayRoutes = Array.from({ length: p.days }, () => []);
    const limit = p.dayMinutes > 0 ? p.dayMinutes : Infinity;
    const fits = (route: number[]): boolean =>
        routeMinutes(p.table, route) + route.length * p.visitMinutes <= limit + 1e-9;
    const tryDay = (day: number, account: number): boolean => {
        const route = twoOpt(p.table, [...days[day]!, account]);
        if (!fits(route)) return false;
        days[day] = route;
        return true;
    };
    let current = 0;
    for (const node of sweepOrder(p.points)) {
        const i = node - 1;
        const f = Math.min(p.frequency[i]!, p.days);
        if (f <= 0) continue;
        while (current < p.days && !tryDay(current, i)) current++;
        if (current >= p.days) continue;
        const used = [current];
        for (let v = 1; v < f; v++) {
            const from = (current + Math.round((v * p.days) / f)) % p.days;
            for (let s = 0; s < p.days; s++) {
                const day = (from + s) % p.days;
                if (used.includes(day)) continue;
                if (tryDay(day, i)) {
                    used.push(day);
                    break;
                }
            }
        }
    }
    return days;
}

export interface PlanCheck {
    /** visits in the plan */
    scheduled: number;
    requested: number;
    /** days longer than the limit, repeated visits on a day, visits beyond the frequency */
    violations: number;
    /** great-circle km, drive home included */
    km: number;
}

/** Recomputes a plan from the table and counts what breaks the rules. */
export function checkPlan(p: WeekProblem, days: DayRoutes): PlanCheck {
    const limit = p.dayMinutes > 0 ? p.dayMinutes : Infinity;
    const seen = new Int32Array(p.frequency.length);
    let violations = 0;
    let km = 0;
    let scheduled = 0;
    for (const route of days) {
        if (new Set(route).size !== route.length) violations++;
        const minutes = routeMinutes(p.table, route) + route.length * p.visitMinutes;
        if (minutes > limit + 1e-6) violations++;
        let prev = 0;
        for (const x of [...route, -1]) {
            km += p.table.km[prev * p.table.size + x + 1]!;
            prev = x + 1;
        }
        for (const x of route) seen[x]!++;
        scheduled += route.length;
    }
    let requested = 0;
    for (let i = 0; i < seen.length; i++) {
        requested += p.frequency[i]!;
        if (seen[i]! > p.frequency[i]!) violations++;
    }
    return { scheduled, requested, violations, km };
}
