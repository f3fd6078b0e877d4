/**
 * Sales history of the sample org for the Performance dashboard (`territory org --activity`, the
 * demo): what the plan generator (sample-org.ts) leaves out because planning does not need it.
 *
 * - Opportunities get a creation date before their close date (a sales cycle of about two months,
 *   longer for larger deals), as an import with "Set Audit Fields upon Record Creation" would.
 * - Closed deals fill the quarters of the dashboard's window (the last eight, up to `now`) that
 *   the generated deals leave empty, at the rate the generated deals show, so every quarter has
 *   sales.
 * - Tasks and events per account and quarter (calls, emails, meetings, visits), more for larger
 *   accounts.
 *
 * - Quotas from the window's first year of bookings and the territory's share of potential,
 *   plus growth (the generated ones do not match the generated sales).
 *
 * Each territory follows a trend over the window: most hold steady, some grow, a few decline
 * (fewer activities, a lower win rate), so quota attainment differs and some territories keep
 * missing quota, as in any sales team. Deterministic for a seed and `now`.
 */
import { createRng, type SampleOrg } from './sample-org.js';
import type { OrgStore } from './store.js';

export interface SampleActivityOptions {
    seed: number;
    /** The dashboard's "today" (default: the clock). */
    now?: Date;
}

export interface SampleActivity {
    opportunitiesAdded: number;
    tasks: number;
    events: number;
}

const DAY_MS = 86_400_000;
/** Quarters of history (the service's PERFORMANCE_QUARTERS). */
const QUARTERS = 8;
/** Mean sales cycle in days of a deal of the median amount. */
const MEAN_CYCLE_DAYS = 60;
/** Tasks and events per account and quarter, for an account of median potential. */
const TASKS_PER_QUARTER = 1.2;
const EVENTS_PER_QUARTER = 0.35;
/** Share of territories that decline over the window, and of those that grow. */
const DECLINING_SHARE = 0.2;
const GROWING_SHARE = 0.25;
/** Change of a trend territory's win rate and activity over the window (× 1 ± this). */
const TREND_STRENGTH = 0.45;

/** Next year's quota over last year's bookings (× this … this + 0.1). */
const QUOTA_GROWTH = 1.0;

const TASK_SUBJECTS = ['Call', 'Email', 'Follow-up call', 'Send proposal', 'Quarterly check-in'];
const EVENT_SUBJECTS = ['Customer visit', 'Product demo', 'Business review', 'Site survey'];

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoDateTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
const dayOf = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`);

/** Poisson draw (Knuth; the means here are small). */
function poisson(rng: () => number, mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = rng(); p > limit; p *= rng()) k++;
    return k;
}

/** Adds the sales history to a generated sample org (see the module comment). */
export function generateSampleActivity(
    store: OrgStore,
    sample: SampleOrg,
    options: SampleActivityOptions
): SampleActivity {
    const rng = createRng((options.seed ^ 0x5a1e5) >>> 0);
    const nowMs = (options.now ?? new Date()).getTime();
    const today = dayOf(isoDate(nowMs));
    const now = new Date(today);
    const quarterIndex = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3);
    const quarterStart = (index: number) => Date.UTC(Math.floor(index / 4), (index % 4) * 3, 1);
    const windowStart = quarterStart(quarterIndex - QUARTERS + 1);
    const windowDays = Math.round((today - windowStart) / DAY_MS) + 1;

    // Each territory's trend: its position in the window (0 … 1) scales win rate and activity.
    const trendOf = new Map<string, number>();
    for (const territoryId of sample.territoryByRep.values()) {
        const r = rng();
        trendOf.set(
            territoryId,
            r < DECLINING_SHARE
                ? -TREND_STRENGTH
                : r < DECLINING_SHARE + GROWING_SHARE
                  ? TREND_STRENGTH
                  : 0
        );
    }
    const territoryOf = new Map<string, string>();
    for (const link of store.all('ObjectTerritory2Association'))
        territoryOf.set(String(link.ObjectId), String(link.Territory2Id));
    const factorAt = (accountId: string, ms: number) =>
        1 +
        (trendOf.get(territoryOf.get(accountId) ?? '') ?? 0) *
            ((ms - windowStart) / (today - windowStart) - 0.5);

    // 1. Creation dates, and the days of the window without generated closed deals.
    const opportunities = [...store.all('Opportunity')];
    const amounts = opportunities.map((o) => Number(o.Amount) || 0).sort((a, b) => a - b);
    const medianAmount = amounts[amounts.length >> 1] || 1;
    let firstClosed = Infinity;
    let lastClosed = -Infinity;
    let closedCount = 0;
    for (const o of opportunities) {
        const close = dayOf(String(o.CloseDate));
        const cycle = Math.max(
            7,
            Math.round(
                MEAN_CYCLE_DAYS *
                    Math.sqrt((Number(o.Amount) || medianAmount) / medianAmount) *
                    (0.5 + rng())
            )
        );
        o.CreatedDate = isoDateTime(Math.min(close - cycle * DAY_MS, today - 7 * DAY_MS));
        if (o.IsClosed === true) {
            firstClosed = Math.min(firstClosed, close);
            lastClosed = Math.max(lastClosed, close);
            closedCount++;
        }
    }
    const coveredDays = closedCount > 0 ? (lastClosed - firstClosed) / DAY_MS + 1 : 0;
    const uncovered: number[] = [];
    for (let d = 0; d < windowDays; d++) {
        const day = windowStart + d * DAY_MS;
        if (!(day >= firstClosed && day <= lastClosed)) uncovered.push(day);
    }

    // 2. Closed deals on the uncovered days, as many per day as the generated ones.
    let opportunitiesAdded = 0;
    const closedOpportunities = opportunities.filter((o) => o.IsClosed === true);
    const perSourceDeal = coveredDays > 0 ? uncovered.length / coveredDays : 0;
    for (const source of closedOpportunities) {
        const accountId = String(source.AccountId);
        for (let n = poisson(rng, perSourceDeal); n > 0; n--) {
            const close = uncovered[Math.floor(rng() * uncovered.length)]!;
            const won = rng() < Math.min(0.95, 0.58 * factorAt(accountId, close));
            const amount = Math.max(
                1000,
                Math.round(((Number(source.Amount) || medianAmount) * (0.7 + rng() * 0.6)) / 100) *
                    100
            );
            const cycle = Math.max(
                7,
                Math.round(MEAN_CYCLE_DAYS * Math.sqrt(amount / medianAmount) * (0.5 + rng()))
            );
            store.load('Opportunity', {
                Name: `${String(source.Name).replace(/ - .*$/, '')} - ${won ? 'Expansion' : 'New Business'} ${isoDate(close)}`,
                AccountId: accountId,
                Amount: amount,
                StageName: won ? 'Closed Won' : 'Closed Lost',
                CloseDate: isoDate(close),
                CreatedDate: isoDateTime(close - cycle * DAY_MS),
                OwnerId: source.OwnerId
            });
            opportunitiesAdded++;
        }
    }

    // 3. Tasks and events per account and quarter, by the account's potential and trend.
    const potentials = sample.accountIds
        .map((id) => Number(store.get(id)?.Territory_Potential__c) || 0)
        .sort((a, b) => a - b);
    const medianPotential = potentials[potentials.length >> 1] || 1;
    let tasks = 0;
    let events = 0;
    for (const accountId of sample.accountIds) {
        const account = store.get(accountId);
        if (!account) continue;
        const size = Math.min(
            3,
            Math.sqrt((Number(account.Territory_Potential__c) || 0) / medianPotential)
        );
        for (let d = 0; d < windowDays; d += 91) {
            const span = Math.min(91, windowDays - d);
            const start = windowStart + d * DAY_MS;
            const factor = factorAt(accountId, start + (span / 2) * DAY_MS);
            const share = span / 91;
            for (let n = poisson(rng, TASKS_PER_QUARTER * size * factor * share); n > 0; n--) {
                const day = start + Math.floor(rng() * span) * DAY_MS;
                store.load('Task', {
                    Subject: TASK_SUBJECTS[Math.floor(rng() * TASK_SUBJECTS.length)],
                    ActivityDate: isoDate(day),
                    Status: day < today ? 'Completed' : 'Not Started',
                    Priority: 'Normal',
                    Type: rng() < 0.6 ? 'Call' : 'Email',
                    WhatId: accountId,
                    AccountId: accountId,
                    OwnerId: account.OwnerId,
                    CreatedDate: isoDateTime(day)
                });
                tasks++;
            }
            for (let n = poisson(rng, EVENTS_PER_QUARTER * size * factor * share); n > 0; n--) {
                const day = start + Math.floor(rng() * span) * DAY_MS;
                const at = day + (9 + Math.floor(rng() * 8)) * 3_600_000;
                store.load('Event', {
                    Subject: EVENT_SUBJECTS[Math.floor(rng() * EVENT_SUBJECTS.length)],
                    ActivityDate: isoDate(day),
                    ActivityDateTime: isoDateTime(at),
                    StartDateTime: isoDateTime(at),
                    EndDateTime: isoDateTime(at + 3_600_000),
                    DurationInMinutes: 60,
                    Type: 'Meeting',
                    WhatId: accountId,
                    AccountId: accountId,
                    OwnerId: account.OwnerId,
                    CreatedDate: isoDateTime(day)
                });
                events++;
            }
        }
    }

    // 4. Quotas set the way sales teams set them: half on last year's bookings, half on the
    //    territory's share of the team's potential, plus growth. The window's first four quarters
    //    are "last year"; territories that declined since then miss quota.
    const bookings = new Map<string, number>();
    const potentialOf = new Map<string, number>();
    const yearEnd = quarterStart(quarterIndex - QUARTERS + 5);
    for (const o of store.all('Opportunity')) {
        const close = dayOf(String(o.CloseDate));
        if (o.IsWon !== true || close < windowStart || close >= yearEnd) continue;
        const territoryId = territoryOf.get(String(o.AccountId));
        if (territoryId)
            bookings.set(territoryId, (bookings.get(territoryId) ?? 0) + Number(o.Amount));
    }
    for (const accountId of sample.accountIds) {
        const territoryId = territoryOf.get(accountId);
        if (territoryId)
            potentialOf.set(
                territoryId,
                (potentialOf.get(territoryId) ?? 0) +
                    (Number(store.get(accountId)?.Territory_Potential__c) || 0)
            );
    }
    const teamBookings = [...bookings.values()].reduce((a, b) => a + b, 0);
    const teamPotential = [...potentialOf.values()].reduce((a, b) => a + b, 0) || 1;
    for (const territoryId of sample.territoryByRep.values()) {
        const territory = store.get(territoryId);
        const basis =
            (bookings.get(territoryId) ?? 0) / 2 +
            ((teamBookings / 2) * (potentialOf.get(territoryId) ?? 0)) / teamPotential;
        if (territory && basis > 0)
            territory.Quota__c = Math.round((basis * (QUOTA_GROWTH + rng() * 0.1)) / 1000) * 1000;
    }
    return { opportunitiesAdded, tasks, events };
}
