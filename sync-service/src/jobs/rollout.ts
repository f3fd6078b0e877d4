/**
 * "What changes for me" (issue 17, part 5): per rep, the accounts a scenario gives and takes, and
 * the rep's potential, workload, accounts and travel before → after. The counts and measures are
 * the change report's (change-report.ts); this adds the accounts themselves and the travel, which
 * the engine measures for each plan (km from each account to the rep's home, or to the
 * territory's centroid without one).
 */
import { buildChangeReport, type RepChange } from './change-report.js';
import type { CustomNotification, PlanAccount, PlanTerritory } from './gateway.js';

/** The measures every rollout reports: the ones on the Territory2 figure fields. */
export const ROLLOUT_MEASURES = ['Potential', 'Workload'] as const;
/** Accounts listed per rep and direction (the counts are always whole). */
export const ROLLOUT_LIST_LIMIT = 2000;

/** An account a rep gains (from `otherTerritory…`) or loses (to it). */
export interface RolloutAccount {
    accountId: string;
    potential: number;
    workload: number;
    /** The territory it comes from (gained) or goes to (lost); null: it had none. */
    otherTerritoryId: string | null;
    otherTerritoryName: string | null;
}

export interface RepRollout extends RepChange {
    travelKmBefore: number;
    travelKmAfter: number;
    gainedAccounts: RolloutAccount[];
    lostAccounts: RolloutAccount[];
    /** True when a list was cut at ROLLOUT_LIST_LIMIT (gained and lost stay the whole counts). */
    truncated: boolean;
}

export interface RolloutInput {
    accounts: readonly PlanAccount[];
    /** The model's territories, plus the ones the scenario adds (named for their rep). */
    territories: readonly PlanTerritory[];
    before: ReadonlyMap<string, string>;
    after: ReadonlyMap<string, string>;
    /** Travel per territory (the engine's `RepMetrics.travelKm`) in each plan. */
    travelBefore: ReadonlyMap<string, number>;
    travelAfter: ReadonlyMap<string, number>;
    limit?: number;
}

/**
 * The rollout of every rep who gains or loses accounts, most changes first (the change
 * report's order). Reps with no change are left out: nothing changes for them.
 */
export function buildRollout(input: RolloutInput): RepRollout[] {
    const limit = input.limit ?? ROLLOUT_LIST_LIMIT;
    const measures = [...ROLLOUT_MEASURES];
    const report = buildChangeReport(
        input.accounts,
        input.territories,
        input.before,
        input.after,
        measures
    ).filter((r) => r.gained + r.lost > 0);
    const names = new Map(input.territories.map((t) => [t.id, t.name]));
    const gained = new Map<string, RolloutAccount[]>();
    const lost = new Map<string, RolloutAccount[]>();
    const push = (lists: Map<string, RolloutAccount[]>, key: string, item: RolloutAccount) => {
        const list = lists.get(key) ?? [];
        list.push(item);
        lists.set(key, list);
    };
    for (const account of input.accounts) {
        const from = input.before.get(account.id);
        const to = input.after.get(account.id) ?? from;
        if (from === to) continue;
        const figures = {
            accountId: account.id,
            potential: account.measures.Potential ?? 0,
            workload: account.measures.Workload ?? 0
        };
        if (to !== undefined)
            push(gained, to, {
                ...figures,
                otherTerritoryId: from ?? null,
                otherTerritoryName: from === undefined ? null : (names.get(from) ?? from)
            });
        if (from !== undefined)
            push(lost, from, {
                ...figures,
                otherTerritoryId: to ?? null,
                otherTerritoryName: to === undefined ? null : (names.get(to) ?? to)
            });
    }
    // Largest potential first: what a rep asks first is which big accounts come and go.
    const ordered = (list: RolloutAccount[] | undefined) =>
        (list ?? []).sort(
            (a, b) => b.potential - a.potential || a.accountId.localeCompare(b.accountId)
        );
    return report.map((row) => {
        const g = ordered(gained.get(row.territoryId));
        const l = ordered(lost.get(row.territoryId));
        return {
            ...row,
            travelKmBefore: input.travelBefore.get(row.territoryId) ?? 0,
            travelKmAfter: input.travelAfter.get(row.territoryId) ?? 0,
            gainedAccounts: g.slice(0, limit),
            lostAccounts: l.slice(0, limit),
            truncated: g.length > limit || l.length > limit
        };
    });
}

/** Statuses of a scenario that is approved and not yet written, or being written. */
export const ROLLOUT_PENDING = new Set(['Approved', 'Applying']);
/** How long after it took effect an applied scenario still shows on the rep's card. */
export const ROLLOUT_RECENT_DAYS = 14;

/** Today in UTC as YYYY-MM-DD. */
export function utcDay(now: Date = new Date()): string {
    return now.toISOString().slice(0, 10);
}

/**
 * Milliseconds until an effective date (YYYY-MM-DD) starts, 00:00 UTC; 0 for today or a past
 * day. The apply job waits that long.
 */
export function delayUntil(effectiveDate: string | undefined, now: number = Date.now()): number {
    if (!effectiveDate) return 0;
    return Math.max(0, Date.parse(`${effectiveDate}T00:00:00Z`) - now);
}

/** Developer name of the package's CustomNotificationType (force-app/…/notificationtypes). */
export const ROLLOUT_NOTIFICATION_TYPE = 'Territory_Rollout';
/** API name of the tab that shows a rep's "what changes for me" (the notification's target). */
export const ROLLOUT_TAB = 'Territory_Rollout';

/** What a rep is told, per territory that gains or loses accounts and has an active rep. */
export function rolloutNotifications(
    scenario: { id: string; name: string; effectiveDate?: string | undefined },
    changes: readonly RepChange[],
    territories: readonly PlanTerritory[]
): CustomNotification[] {
    const active = new Map(territories.filter((t) => t.repActive).map((t) => [t.id, t]));
    const accounts = (n: number) => `${n} ${n === 1 ? 'account' : 'accounts'}`;
    const out: CustomNotification[] = [];
    for (const change of changes) {
        const territory = active.get(change.territoryId);
        if (!territory?.repId || change.gained + change.lost === 0) continue;
        const effective = scenario.effectiveDate ? `, effective ${scenario.effectiveDate}` : '';
        out.push({
            recipientIds: [territory.repId],
            title: `Territory change: ${territory.name}`.slice(0, 250),
            body: `${scenario.name}: you gain ${accounts(change.gained)} and lose ${accounts(change.lost)}${effective}. Open it to see what changes for you.`,
            targetId: scenario.id,
            targetPageRef: JSON.stringify({
                type: 'standard__navItemPage',
                attributes: { apiName: ROLLOUT_TAB },
                state: { c__scenarioId: scenario.id, c__territoryId: change.territoryId }
            })
        });
    }
    return out;
}
