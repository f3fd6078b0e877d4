/**
 * The Performance dashboard's figures, from the quarterly rows the service stores per territory
 * (TerritoryPerformanceController.getPerformance): team and territory totals of a period, the
 * ratios (quota attainment, win rate, average deal, sales cycle, velocity), the quota flags and
 * the series of the charts. No imports, no DOM: tested as a plain module.
 */

/** A territory is flagged after missing quota in this many consecutive complete quarters. */
export const MISSED_QUARTERS_FLAG = 2;
/** Quarters of the annual deep-dive (the selected one and the three before it). */
export const YEAR_QUARTERS = 4;
// Days per month for velocity per month (365 / 12).
const DAYS_PER_MONTH = 365 / 12;

const SUMMED = ['sales', 'wonDeals', 'closedDeals', 'tasks', 'events', 'quota'];

const known = (value) => value !== null && value !== undefined && Number.isFinite(Number(value));
const num = (value) => (known(value) ? Number(value) : 0);

/** The quarter after `quarter` (YYYY-Qn). */
export function nextQuarter(quarter) {
    const year = Number(quarter.slice(0, 4));
    const q = Number(quarter.slice(6));
    return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
}

/** The first day of a quarter as a UTC timestamp. */
function quarterStartMs(quarter) {
    return Date.UTC(Number(quarter.slice(0, 4)), (Number(quarter.slice(6)) - 1) * 3, 1);
}

/** Whether a row covers its whole quarter: written on or after the next quarter's first day. */
export function isComplete(row) {
    const written = Date.parse(row.writtenAt);
    return Number.isFinite(written) && written >= quarterStartMs(nextQuarter(row.quarter));
}

/** The stored quarters, oldest first. */
export function quartersOf(rows) {
    return [...new Set((rows || []).map((r) => r.quarter))].sort();
}

/**
 * Sums of a set of rows (one territory over a period, or the team in a quarter). Pipeline and
 * open deals are snapshots at a quarter's end: over several quarters the last one counts. The
 * sales cycle is the mean over the won deals.
 */
export function totals(rows) {
    const sum = { sales: 0, wonDeals: 0, closedDeals: 0, tasks: 0, events: 0, quota: 0 };
    let cycleWeighted = 0;
    let cycleDeals = 0;
    let hasQuota = false;
    const lastQuarter = quartersOf(rows).pop();
    let pipeline = 0;
    let openDeals = 0;
    for (const row of rows) {
        for (const key of SUMMED) sum[key] += num(row[key]);
        hasQuota = hasQuota || num(row.quota) > 0;
        if (known(row.cycleDays) && num(row.wonDeals) > 0) {
            cycleWeighted += Number(row.cycleDays) * Number(row.wonDeals);
            cycleDeals += Number(row.wonDeals);
        }
        if (row.quarter === lastQuarter) {
            pipeline += num(row.pipeline);
            openDeals += num(row.openDeals);
        }
    }
    return {
        ...sum,
        quota: hasQuota ? sum.quota : null,
        pipeline,
        openDeals,
        cycleDays: cycleDeals > 0 ? cycleWeighted / cycleDeals : null,
        activities: sum.tasks + sum.events
    };
}

/**
 * The KPI ratios of totals: quota attainment, win rate, average deal, and sales velocity per
 * month ((open deals × win rate × average deal) / cycle days, × days per month); null where a
 * ratio is undefined (no quota, no closed or won deal).
 */
export function ratios(t) {
    const winRate = t.closedDeals > 0 ? t.wonDeals / t.closedDeals : null;
    const averageDeal = t.wonDeals > 0 ? t.sales / t.wonDeals : null;
    return {
        attainment: t.quota > 0 ? t.sales / t.quota : null,
        winRate,
        averageDeal,
        velocityPerMonth:
            winRate !== null && averageDeal !== null && t.cycleDays > 0
                ? ((t.openDeals * winRate * averageDeal) / t.cycleDays) * DAYS_PER_MONTH
                : null
    };
}

/** The quarters of a period: the selected one, or the YEAR_QUARTERS up to it. */
export function periodQuarters(quarters, selected, annual) {
    const end = quarters.indexOf(selected);
    if (end < 0) return [];
    return annual ? quarters.slice(Math.max(0, end - YEAR_QUARTERS + 1), end + 1) : [selected];
}

/**
 * Consecutive complete quarters up to `quarter` (from the one before when `quarter` is still
 * running) in which the territory's sales stayed below its quota.
 * @param {object[]} ownRows the territory's rows, any order
 */
export function missedStreak(ownRows, quarter) {
    const byQuarter = new Map(ownRows.map((r) => [r.quarter, r]));
    const quarters = [...byQuarter.keys()].sort().filter((q) => q <= quarter);
    let streak = 0;
    for (let i = quarters.length - 1; i >= 0; i--) {
        const row = byQuarter.get(quarters[i]);
        if (!isComplete(row)) {
            if (quarters[i] === quarter) continue;
            break;
        }
        if (!(num(row.quota) > 0) || num(row.sales) >= num(row.quota)) break;
        streak++;
    }
    return streak;
}

/**
 * One table row per territory for the period: its totals and ratios, the change of sales
 * against the period before, the deviation snapshot of the period's last quarter, and the quota
 * flag (missed MISSED_QUARTERS_FLAG or more complete quarters in a row up to the period's end).
 */
export function territoryRows(data, quarters, selected, annual) {
    const period = periodQuarters(quarters, selected, annual);
    const end = quarters.indexOf(selected);
    const previous = annual
        ? quarters.slice(
              Math.max(0, end - 2 * YEAR_QUARTERS + 1),
              Math.max(0, end - YEAR_QUARTERS + 1)
          )
        : quarters.slice(Math.max(0, end - 1), Math.max(0, end));
    const byTerritory = new Map();
    for (const row of data.rows || []) {
        if (!byTerritory.has(row.territoryId)) byTerritory.set(row.territoryId, []);
        byTerritory.get(row.territoryId).push(row);
    }
    return (data.territories || [])
        .filter((t) => byTerritory.has(t.id))
        .map((territory) => {
            const own = byTerritory.get(territory.id);
            const inPeriod = own.filter((r) => period.includes(r.quarter));
            const before = own.filter((r) => previous.includes(r.quarter));
            const t = totals(inPeriod);
            const last = inPeriod.find((r) => r.quarter === selected);
            const streak = missedStreak(own, selected);
            const previousSales = before.length ? totals(before).sales : null;
            return {
                id: territory.id,
                name: territory.name,
                ...t,
                ...ratios(t),
                salesChange:
                    previousSales > 0 && previous.length === period.length
                        ? t.sales / previousSales - 1
                        : null,
                deviation: last && known(last.deviation) ? Number(last.deviation) / 100 : null,
                missedStreak: streak,
                flagged: streak >= MISSED_QUARTERS_FLAG
            };
        });
}

/** The totals and ratios of the period's rows, and how many table rows are flagged. */
export function teamSummary(periodRows, tableRows) {
    const t = totals(periodRows);
    return { ...t, ...ratios(t), flaggedCount: tableRows.filter((r) => r.flagged).length };
}

/**
 * Per quarter (oldest first) the team's or one territory's sales, quota, pipeline and
 * attainment, and the largest deviation snapshot over the territories (drift).
 */
export function quarterSeries(rows, quarters, territoryId) {
    return quarters.map((quarter) => {
        const inQuarter = rows.filter(
            (r) => r.quarter === quarter && (!territoryId || r.territoryId === territoryId)
        );
        const t = totals(inQuarter);
        const deviations = inQuarter
            .filter((r) => known(r.deviation))
            .map((r) => Math.abs(r.deviation));
        return {
            quarter,
            complete: inQuarter.length > 0 && inQuarter.every(isComplete),
            sales: t.sales,
            quota: t.quota,
            pipeline: t.pipeline,
            attainment: ratios(t).attainment,
            maxDeviation: deviations.length ? Math.max(...deviations) / 100 : null
        };
    });
}

/** Sorts table rows by a field (nulls last either way), then by name. */
export function sortRows(rows, field, direction) {
    const sign = direction === 'desc' ? -1 : 1;
    return [...rows].sort((a, b) => {
        const x = a[field];
        const y = b[field];
        if (!known(x) || !known(y)) {
            if (known(x) !== known(y)) return known(x) ? -1 : 1;
        } else if (typeof x === 'number' && x !== y) {
            return sign * (x - y);
        }
        if (typeof x === 'string' && x !== y) return sign * x.localeCompare(y);
        return String(a.name).localeCompare(String(b.name));
    });
}
