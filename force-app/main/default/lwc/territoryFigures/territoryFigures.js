/**
 * The figures of a territory plan, specified once: targets and deviations, KPI ratios, and the
 * rep card's distances and figures. Apex and its TypeScript twin only query and shape (the stored
 * Territory2 figures the sync service writes after each pull and apply); the components compute
 * from those with this module, in the org and in the sandbox alike. No imports: plain functions.
 *
 * Targets follow the design: target(r, m) = total(m) · cap(r) / Σcap, deviation = load / target − 1.
 */

/** KPIs cover opportunities closed in the last this many months (Sales_12M__c & co.). */
export const KPI_MONTHS = 12;

/** Mean Earth radius in km (IUGG), as the engine uses for great-circle travel. */
export const EARTH_RADIUS_KM = 6371.0088;

/** Card measures: the label the card shows → the territory figure property. */
export const CARD_MEASURES = [
    { measure: 'Potential', key: 'potential' },
    { measure: 'Workload', key: 'workload' },
    { measure: 'Accounts', key: 'accountCount' }
];

function number(value) {
    const n = value === null || value === undefined || value === '' ? NaN : Number(value);
    return Number.isFinite(n) ? n : 0;
}

function known(value) {
    return value !== null && value !== undefined && value !== '' && Number.isFinite(Number(value));
}

/**
 * Capacity of a territory: the sum of its active reps' capacities. A territory without an active
 * rep still counts as one while it holds accounts (their load is real), but an empty one — its
 * rep left and the accounts moved on — has no target (0), as the service measures plans. 1 when
 * the reps are not known.
 */
export function territoryCapacity(territory) {
    const reps = (territory.reps || []).filter((r) => r.isActive !== false);
    if (reps.length === 0) {
        return Array.isArray(territory.reps) && !(number(territory.accountCount) > 0) ? 0 : 1;
    }
    return reps.reduce((sum, rep) => sum + (known(rep.capacity) ? Number(rep.capacity) : 1), 0);
}

/**
 * Targets per territory and measure.
 * @returns {Map<string, Object<string, number>>} territory id → { measure key → target }
 */
export function computeTargets(territories, measureKeys) {
    const list = territories || [];
    const totalCapacity = list.reduce((s, t) => s + territoryCapacity(t), 0) || 1;
    const totals = {};
    for (const key of measureKeys) {
        totals[key] = list.reduce((s, t) => s + number(t[key]), 0);
    }
    const targets = new Map();
    for (const territory of list) {
        const share = territoryCapacity(territory) / totalCapacity;
        const entry = {};
        for (const key of measureKeys) {
            entry[key] = totals[key] * share;
        }
        targets.set(territory.id, entry);
    }
    return targets;
}

/** load / target − 1; NaN without a target. */
export function deviation(value, target) {
    return target > 0 ? number(value) / target - 1 : NaN;
}

/**
 * KPI ratios from the stored sums of the KPI window: quota attainment, average deal, win rate and
 * sales velocity per month (null when undefined: no figures written yet, no won deal).
 * @param {{ sales?: number, wonDeals?: number, closedDeals?: number }} kpis
 * @param {number} [quota]
 */
export function kpiRatios(kpis, quota) {
    const sales = kpis && known(kpis.sales) ? Number(kpis.sales) : null;
    const wonDeals = number(kpis && kpis.wonDeals);
    const closedDeals = number(kpis && kpis.closedDeals);
    return {
        sales,
        wonDeals,
        closedDeals,
        quotaAttainment: sales !== null && number(quota) > 0 ? sales / number(quota) : null,
        averageDealSize: sales !== null && wonDeals > 0 ? sales / wonDeals : null,
        winRate: closedDeals > 0 ? wonDeals / closedDeals : null,
        velocityPerMonth: sales === null ? null : sales / KPI_MONTHS
    };
}

/** Great-circle distance in km between two points in degrees (haversine); null when one is missing. */
export function distanceKm(lat1, lon1, lat2, lon2) {
    if (![lat1, lon1, lat2, lon2].every(known)) {
        return null;
    }
    const toRadians = Math.PI / 180;
    const dLat = (Number(lat2) - Number(lat1)) * toRadians;
    const dLon = (Number(lon2) - Number(lon1)) * toRadians;
    const a =
        Math.sin(dLat / 2) ** 2 +
        Math.cos(Number(lat1) * toRadians) *
            Math.cos(Number(lat2) * toRadians) *
            Math.sin(dLon / 2) ** 2;
    // Rounding can push the root a hair above 1, where asin is undefined.
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The rep card's view of one account in its territory, from what Apex reads: the model's
 * territories with their stored figures and reps (`card.territories`), the account, and the
 * territory it sits in (`card.territoryId`).
 * @returns {{ reps: object[], figures: object[], nearestRep: object|null, segmentMatches: boolean|null }}
 *   reps: the territory's reps with `distanceKm` from the account; figures: per card measure the
 *   stored value, its target over the model and the deviation; nearestRep: the closest active rep
 *   home in the model ({ name, km, isOwn }); segmentMatches: whether an active rep of the
 *   territory serves the account's segment (null when either is unknown).
 */
export function cardView(card) {
    const account = card.account || {};
    const territories = card.territories || [];
    const own = territories.find((t) => t.id === card.territoryId);
    const targets = computeTargets(
        territories,
        CARD_MEASURES.map((m) => m.key)
    );
    const ownTargets = own ? targets.get(own.id) : {};
    const figures = CARD_MEASURES.map(({ measure, key }) => {
        const value = own && known(own[key]) ? Number(own[key]) : null;
        const target = ownTargets[key] > 0 ? ownTargets[key] : null;
        return {
            measure,
            value,
            target,
            deviation: value === null || target === null ? null : deviation(value, target)
        };
    });
    const distanceOf = (rep) =>
        distanceKm(account.latitude, account.longitude, rep.homeLatitude, rep.homeLongitude);
    let nearestRep = null;
    for (const territory of territories) {
        for (const rep of territory.reps || []) {
            const km = rep.isActive === false ? null : distanceOf(rep);
            if (km !== null && (nearestRep === null || km < nearestRep.km)) {
                nearestRep = { name: rep.name, km, isOwn: territory.id === card.territoryId };
            }
        }
    }
    // The card lists the territory's active reps (a deactivated user no longer covers it).
    const ownReps = (own ? own.reps || [] : []).filter((rep) => rep.isActive !== false);
    const servedSegments = ownReps.filter((rep) => rep.segment).map((rep) => rep.segment);
    return {
        reps: ownReps.map((rep) => ({ ...rep, distanceKm: distanceOf(rep) })),
        figures,
        nearestRep,
        segmentMatches:
            account.segment && servedSegments.length > 0
                ? servedSegments.includes(account.segment)
                : null
    };
}
