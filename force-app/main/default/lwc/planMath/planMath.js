import LOCALE from '@salesforce/i18n/locale';
import CURRENCY from '@salesforce/i18n/currency';
import { computeTargets, deviation as deviationOf, kpiRatios } from 'c/territoryFigures';

/**
 * Balance rows and locale formatting for the balance panel, the planner and the rep card. The
 * figures themselves (targets, deviations, KPI ratios) come from c/territoryFigures.
 */
export { computeTargets, territoryCapacity } from 'c/territoryFigures';

/** The measures a plan is balanced on; `key` is the territory figure property. */
export const MEASURES = {
    potential: { key: 'potential', label: 'Potential', style: 'currency' },
    workload: { key: 'workload', label: 'Workload', style: 'decimal', unit: 'h' },
    accountCount: { key: 'accountCount', label: 'Accounts', style: 'decimal' }
};

// Bars show load from 0 to this multiple of the target, so the target line sits mid-way.
const BAR_SPAN = 2;

/** The default tolerance of the engine (design: 5 %). */
export const DEFAULT_TOLERANCE = 0.05;

function isKnown(value) {
    return value !== null && value !== undefined && value !== '' && Number.isFinite(Number(value));
}

function number(value) {
    const n = Number(value);
    return Number.isFinite(n) ? n : 0;
}

/**
 * How a deviation reads: over/under/within the tolerance, with an icon and words, so the state
 * never depends on colour alone.
 */
export function deviationStatus(deviation, tolerance) {
    if (!Number.isFinite(deviation)) {
        return { status: 'none', label: 'no target', icon: 'utility:dash' };
    }
    if (deviation > tolerance) {
        return { status: 'over', label: 'over target', icon: 'utility:arrowup' };
    }
    if (deviation < -tolerance) {
        return { status: 'under', label: 'under target', icon: 'utility:arrowdown' };
    }
    return { status: 'ok', label: 'within tolerance', icon: 'utility:success' };
}

function pct(v) {
    return `${Math.round(Math.min(100, Math.max(0, v)) * 10) / 10}%`;
}

/**
 * One row per territory: a bar per measure against its target with the tolerance band, the worst
 * deviation, travel and KPIs.
 * @param {object[]} territories territories with figures (potential, workload, accountCount,
 *   travelKm, quota), reps and kpis
 * @param {object} options
 * @param {string[]} [options.measures] measure keys, default potential, workload, accountCount
 * @param {number} [options.tolerance] e.g. 0.05
 * @returns {object[]}
 */
export function buildBalanceRows(territories, { measures, tolerance = DEFAULT_TOLERANCE } = {}) {
    const keys = measures && measures.length ? measures : Object.keys(MEASURES);
    const targets = computeTargets(territories, keys);
    const bandLeft = pct(((1 - tolerance) / BAR_SPAN) * 100);
    const bandWidth = pct(((2 * tolerance) / BAR_SPAN) * 100);
    return (territories || []).map((territory) => {
        const target = targets.get(territory.id);
        let worst = 0;
        let hasTarget = false;
        const bars = keys.map((key) => {
            const definition = MEASURES[key] || { key, label: key, style: 'decimal' };
            const value = number(territory[key]);
            const goal = target[key];
            const deviation = deviationOf(value, goal);
            hasTarget = hasTarget || Number.isFinite(deviation);
            if (Number.isFinite(deviation) && Math.abs(deviation) > Math.abs(worst)) {
                worst = deviation;
            }
            const status = deviationStatus(deviation, tolerance);
            const ratio = goal > 0 ? value / goal : 0;
            return {
                key: `${territory.id}:${key}`,
                measure: key,
                label: definition.label,
                value,
                target: goal,
                deviation,
                valueText: formatMeasure(value, definition),
                targetText: formatMeasure(goal, definition),
                deviationText: formatSignedPercent(deviation),
                ...status,
                barClass: `bar bar_${status.status}`,
                barStyle: `width: ${pct((Math.min(ratio, BAR_SPAN) / BAR_SPAN) * 100)}`,
                bandStyle: `left: ${bandLeft}; width: ${bandWidth}`,
                description: `${definition.label} ${formatMeasure(value, definition)}, target ${formatMeasure(goal, definition)}, ${formatSignedPercent(deviation)} ${status.label}`
            };
        });
        // A territory with no target at all (vacant and empty) reads "no target", not "within".
        const worstStatus = deviationStatus(hasTarget ? worst : NaN, tolerance);
        const kpis = kpiRatios(territory.kpis, territory.quota);
        return {
            id: territory.id,
            name: territory.name,
            repNames: (territory.reps || []).map((r) => r.name).join(', ') || 'No rep',
            bars,
            maxDeviation: worst,
            absDeviation: Math.abs(worst),
            maxDeviationText: formatSignedPercent(hasTarget ? worst : NaN),
            ...prefix('worst', worstStatus),
            travelKm: number(territory.travelKm),
            travelKnown: isKnown(territory.travelKm),
            hasAccounts: number(territory.accountCount) > 0,
            travelText: formatNumber(territory.travelKm, { maximumFractionDigits: 0 }),
            potential: number(territory.potential),
            sales: number(kpis.sales),
            salesText: formatCurrency(kpis.sales),
            quotaAttainmentText: formatPercent(kpis.quotaAttainment),
            averageDealText: formatCurrency(kpis.averageDealSize),
            velocityText: formatCurrency(kpis.velocityPerMonth),
            winRateText: formatPercent(kpis.winRate)
        };
    });
}

function prefix(name, status) {
    return {
        [`${name}Status`]: status.status,
        [`${name}Label`]: status.label,
        [`${name}Icon`]: status.icon
    };
}

/**
 * Sorts rows by a field; 'deviation' sorts by absolute deviation (worst first when descending).
 */
export function sortRows(rows, field = 'deviation', direction = 'desc') {
    const key = field === 'deviation' ? 'absDeviation' : field;
    const sign = direction === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
        const x = a[key];
        const y = b[key];
        const order =
            typeof x === 'string' || typeof y === 'string'
                ? String(x).localeCompare(String(y))
                : number(x) - number(y);
        return order * sign || String(a.name).localeCompare(String(b.name));
    });
}

/**
 * Totals of the plan: max |deviation|, total travel, accounts, territories. Total travel is null
 * (shown '—') when it is unknown: no territory has a travel figure, or one with accounts lacks it.
 */
export function summarizeRows(rows) {
    const list = rows || [];
    const maxDeviation = list.reduce((m, r) => Math.max(m, r.absDeviation), 0);
    const travelUnknown =
        !list.some((r) => r.travelKnown) || list.some((r) => !r.travelKnown && r.hasAccounts);
    const totalTravel = travelUnknown
        ? null
        : list.reduce((s, r) => s + (r.travelKnown ? r.travelKm : 0), 0);
    return {
        maxDeviation,
        maxDeviationText: formatPercent(maxDeviation),
        totalTravel,
        totalTravelText: formatNumber(totalTravel, { maximumFractionDigits: 0 }),
        territoryCount: list.length
    };
}

/** Formats a number for the user's locale; '—' for a missing value. */
export function formatNumber(value, options = {}) {
    if (value === null || value === undefined || !Number.isFinite(Number(value))) {
        return '—';
    }
    return new Intl.NumberFormat(LOCALE, options).format(Number(value));
}

/** Formats money in the user's currency, without cents. */
export function formatCurrency(value) {
    return formatNumber(value, {
        style: 'currency',
        currency: CURRENCY,
        maximumFractionDigits: 0
    });
}

/** Formats a ratio (0.25) as a percentage ("25%"). */
export function formatPercent(value) {
    return formatNumber(value, { style: 'percent', maximumFractionDigits: 1 });
}

/** Formats a deviation ratio with its sign ("+12.5%", "−3%"). */
export function formatSignedPercent(value) {
    return formatNumber(value, {
        style: 'percent',
        maximumFractionDigits: 1,
        signDisplay: 'exceptZero'
    });
}

/** Formats a measure value by its definition (currency, hours, count). */
export function formatMeasure(value, definition) {
    if (definition.style === 'currency') {
        return formatCurrency(value);
    }
    const text = formatNumber(value, { maximumFractionDigits: 0 });
    return definition.unit && text !== '—' ? `${text} ${definition.unit}` : text;
}

/**
 * Short form of a measure value for narrow cells ("$152M", "4.8K h", "196"); the full value stays
 * in formatMeasure for titles and assistive text.
 */
export function formatMeasureShort(value, definition) {
    const options = { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 };
    if (definition.style === 'currency') {
        return formatNumber(value, { ...options, style: 'currency', currency: CURRENCY });
    }
    const text = formatNumber(value, options);
    return definition.unit && text !== '—' ? `${text} ${definition.unit}` : text;
}

/** Formats a date-time (ISO string) for the user's locale, e.g. "Nov 28, 2026, 5:09 PM". */
export function formatDateTime(value) {
    const date = value ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) {
        return '—';
    }
    return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }).format(
        date
    );
}
