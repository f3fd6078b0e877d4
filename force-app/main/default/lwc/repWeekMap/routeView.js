/**
 * Pure shaping of a rep's visit plan (GET /v1/models/:modelId/routes/:repId, through
 * TerritoryRoutesController.getRoutes) for c-rep-week-map: day colours and labels, the legend,
 * the stops to number, unscheduled visits and the summary line. No DOM, no Leaflet.
 */
import { formatNumber } from 'c/planMath';
import { formatLabel, pluralLabel } from 'c/ldsUtils';
import LABELS from './labels';

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, dark enough for
// a 3 px line on the light base map. Day 1 is Monday in a plan that starts on a Monday.
export const DAY_COLORS = [
    '#0072B2',
    '#D55E00',
    '#009E73',
    '#CC79A7',
    '#8A6D00',
    '#56B4E9',
    '#444444'
];
const WEEKDAYS = [
    LABELS.SUN,
    LABELS.MON,
    LABELS.TUE,
    LABELS.WED,
    LABELS.THU,
    LABELS.FRI,
    LABELS.SAT
];

/** "12 km" (whole km, in the user's locale). */
function km(value) {
    return formatLabel(LABELS.KM, formatNumber(value, { maximumFractionDigits: 0 }));
}

/** "1 visit", "3 visits". */
function visits(count) {
    const n = Number(count) || 0;
    return pluralLabel(n, LABELS.VISIT_ONE, LABELS.VISIT_MANY, formatNumber(n));
}

/** The colour of day n (1-based), cycling through DAY_COLORS. */
export function dayColor(day) {
    return DAY_COLORS[(Math.max(1, day) - 1) % DAY_COLORS.length];
}

/** "Mon 7 Dec" for a dated day, else "Day 3". */
export function dayLabel(day) {
    if (typeof day.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day.date)) {
        const [y, m, d] = day.date.split('-').map(Number);
        const date = new Date(Date.UTC(y, m - 1, d));
        const month = date.toLocaleString(undefined, { month: 'short', timeZone: 'UTC' });
        return formatLabel(LABELS.DAY_DATE, WEEKDAYS[date.getUTCDay()], d, month);
    }
    return formatLabel(LABELS.DAY_N, day.day);
}

/** Minutes as "1 h 05 min" or "40 min". */
export function formatMinutes(minutes) {
    const total = Math.round(Number(minutes) || 0);
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    return hours > 0
        ? formatLabel(LABELS.HOURS_MINUTES, hours, String(rest).padStart(2, '0'))
        : formatLabel(LABELS.MINUTES, rest);
}

/** Minutes from the start of the day as a clock time, the day starting at dayStart (HH:MM). */
export function clockTime(minuteOfDay, dayStart = '08:00') {
    const [h, m] = String(dayStart || '08:00')
        .split(':')
        .map(Number);
    const total = Math.round((h || 0) * 60 + (m || 0) + (Number(minuteOfDay) || 0));
    const hh = Math.floor(total / 60) % 24;
    return `${String(hh).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** The Monday of the week of `now` (a Saturday or Sunday gives the next Monday), YYYY-MM-DD. */
export function weekStart(now = new Date()) {
    const date = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
    const weekday = date.getUTCDay();
    const shift = weekday === 0 ? 1 : weekday === 6 ? 2 : 1 - weekday;
    date.setUTCDate(date.getUTCDate() + shift);
    return date.toISOString().slice(0, 10);
}

/**
 * Everything the component draws and lists for a plan, with `selectedDay` (0 = all days).
 * @returns {{ days, visibleDays, stops, unscheduled, summaryText, home, currentStop,
 *   currentUnscheduled, bounds }}
 */
export function routeView(plan, { selectedDay = 0, highlightAccountId } = {}) {
    const dayStart = plan?.settings?.dayStart || '08:00';
    const days = (plan?.days || []).map((day) => {
        const label = dayLabel(day);
        const color = dayColor(day.day);
        const minutes = (Number(day.driveMinutes) || 0) + (Number(day.visitMinutes) || 0);
        const stops = (day.stops || []).map((stop) => ({
            ...stop,
            key: `${day.day}-${stop.seq}`,
            day: day.day,
            dayLabel: label,
            color,
            isCurrent: !!highlightAccountId && sameId(stop.accountId, highlightAccountId),
            arriveText: clockTime(stop.arriveMinute, dayStart),
            departText: clockTime(stop.departMinute, dayStart)
        }));
        const kmText = km(day.km);
        const visitsText = visits(stops.length);
        return {
            key: `day-${day.day}`,
            day: day.day,
            label,
            color,
            stops,
            path: (day.path || []).filter(
                (p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1])
            ),
            kmText,
            minutesText: formatMinutes(minutes),
            visitsText,
            figuresText: stops.length ? `${kmText} · ${formatMinutes(minutes)}` : LABELS.NO_VISITS,
            ariaLabel: formatLabel(
                LABELS.DAY_ARIA,
                label,
                visitsText,
                kmText,
                formatMinutes(minutes)
            ),
            selected: selectedDay === day.day,
            swatchStyle: `background-color:${color}`
        };
    });
    const visibleDays = selectedDay ? days.filter((d) => d.day === selectedDay) : days;
    const stops = visibleDays.flatMap((d) => d.stops);
    const allStops = days.flatMap((d) => d.stops);
    const unscheduled = (plan?.unscheduled || []).map((item, index) => ({
        ...item,
        key: `u${index}-${item.accountId}`,
        isCurrent: !!highlightAccountId && sameId(item.accountId, highlightAccountId),
        text: `${item.accountName}: ${item.message || item.reason}`
    }));
    const summary = plan?.summary || {};
    const summaryText = [
        formatLabel(
            LABELS.SCHEDULED,
            formatNumber(summary.visitsScheduled ?? allStops.length),
            visits(summary.visitsRequested ?? allStops.length)
        ),
        km(summary.km),
        formatLabel(LABELS.DRIVING, formatMinutes(summary.driveMinutes))
    ].join(' · ');
    const home =
        plan?.home && Number.isFinite(plan.home.lat) && Number.isFinite(plan.home.lon)
            ? plan.home
            : null;
    const points = [
        ...visibleDays.flatMap((d) => d.path),
        ...stops.map((s) => [s.lat, s.lon]),
        ...(home ? [[home.lat, home.lon]] : [])
    ];
    return {
        days,
        visibleDays,
        stops,
        unscheduled,
        summaryText,
        home,
        currentStop: allStops.find((s) => s.isCurrent) || null,
        currentUnscheduled: unscheduled.find((u) => u.isCurrent) || null,
        bounds: boundsOf(points)
    };
}

/** [[south, west], [north, east]] of [lat, lon] points, or null. */
export function boundsOf(points) {
    if (!points.length) return null;
    let south = Infinity;
    let west = Infinity;
    let north = -Infinity;
    let east = -Infinity;
    for (const [lat, lon] of points) {
        south = Math.min(south, lat);
        north = Math.max(north, lat);
        west = Math.min(west, lon);
        east = Math.max(east, lon);
    }
    return [
        [south, west],
        [north, east]
    ];
}

// Salesforce ids in 15 and 18 characters name the same record.
function sameId(a, b) {
    return !!a && !!b && String(a).slice(0, 15) === String(b).slice(0, 15);
}
