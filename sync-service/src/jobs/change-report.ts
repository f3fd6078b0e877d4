/**
 * Per-rep change report of a plan change (for the rollout and for compare): accounts gained and
 * lost, and each measure before and after, per territory.
 */
import type { PlanAccount, PlanTerritory } from './gateway.js';

export interface RepChange {
    territoryId: string;
    territoryName: string;
    repId?: string | undefined;
    repName?: string | undefined;
    accountsBefore: number;
    accountsAfter: number;
    gained: number;
    lost: number;
    before: Record<string, number>;
    after: Record<string, number>;
}

/** Sums a measure for an account; `Count` is 1 per account unless the account carries it. */
function measureOf(account: PlanAccount, measure: string): number {
    const value = account.measures[measure];
    if (value !== undefined) return value;
    return measure === 'Count' ? 1 : 0;
}

/**
 * Compares two account → territory maps. Territories absent from `territories` (new ones) are
 * named by their id. Rows are sorted by the number of accounts that changed, largest first.
 */
export function buildChangeReport(
    accounts: readonly PlanAccount[],
    territories: readonly PlanTerritory[],
    before: ReadonlyMap<string, string>,
    after: ReadonlyMap<string, string>,
    measures: readonly string[]
): RepChange[] {
    const names = new Map(territories.map((t) => [t.id, t]));
    const rows = new Map<string, RepChange>();
    const row = (territoryId: string): RepChange => {
        let r = rows.get(territoryId);
        if (!r) {
            const t = names.get(territoryId);
            const zero = () => Object.fromEntries(measures.map((m) => [m, 0]));
            r = {
                territoryId,
                territoryName: t?.name ?? territoryId,
                repId: t?.repId,
                repName: t?.repName,
                accountsBefore: 0,
                accountsAfter: 0,
                gained: 0,
                lost: 0,
                before: zero(),
                after: zero()
            };
            rows.set(territoryId, r);
        }
        return r;
    };
    for (const account of accounts) {
        const from = before.get(account.id);
        const to = after.get(account.id) ?? from;
        if (from !== undefined) {
            const r = row(from);
            r.accountsBefore += 1;
            for (const m of measures) r.before[m] = (r.before[m] ?? 0) + measureOf(account, m);
        }
        if (to !== undefined) {
            const r = row(to);
            r.accountsAfter += 1;
            for (const m of measures) r.after[m] = (r.after[m] ?? 0) + measureOf(account, m);
        }
        if (from !== to) {
            if (from !== undefined) row(from).lost += 1;
            if (to !== undefined) row(to).gained += 1;
        }
    }
    return [...rows.values()].sort(
        (a, b) =>
            b.gained + b.lost - (a.gained + a.lost) || a.territoryId.localeCompare(b.territoryId)
    );
}

/** Accounts whose territory differs between two maps. */
export function movedAccounts(
    before: ReadonlyMap<string, string>,
    after: ReadonlyMap<string, string>
): { accountId: string; from: string | null; to: string }[] {
    const moved: { accountId: string; from: string | null; to: string }[] = [];
    for (const [accountId, to] of after) {
        const from = before.get(accountId) ?? null;
        if (from !== to) moved.push({ accountId, from, to });
    }
    return moved;
}
