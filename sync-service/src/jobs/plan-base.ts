/**
 * The plan a scenario was generated from, and whether it still holds (DESIGN.md "Security model":
 * approving or applying a scenario whose base plan has changed since is refused, never silently
 * applied over newer work).
 *
 * A scenario records, for each territory it plans (the territories of its pull), a version of
 * that territory's accounts in ETM when it was generated: how many accounts its
 * ObjectTerritory2Associations hold and a hash of their sorted ids. It is saved in the scenario's
 * metrics as `base`. Approve (the API) and apply (the job, before it writes anything) read the
 * model's associations again and compare. Any change to a planned territory — another apply, a
 * hand edit, account placement, a rep's accounts redistributed — refuses the scenario with a 409
 * (approve) or a Failed status (apply) that names the territories and says to generate it again.
 *
 * The scenario's own writes do not count as a change: an apply that stopped half way and is
 * resumed, or one run again after it finished, sees its own moves as moves back to where the
 * scenario found the account (`rewind`), so only what others changed is compared.
 */
import { UnrecoverableError } from 'bullmq';
import { createHash } from 'node:crypto';
import type { ScenarioAssignment, ScenarioRecord } from './gateway.js';

/** `metrics.base` of a scenario. */
export interface PlanBase {
    /** When the associations were read (ISO). */
    readAt: string;
    /** Territory id → `<accounts>.<hash>` of its associated account ids. */
    territories: Record<string, string>;
}

/** A territory whose accounts changed since the scenario was generated. */
export interface BaseChange {
    territoryId: string;
    accountsThen: number;
    /** 0 too when the territory no longer exists. */
    accountsNow: number;
}

function version(accountIds: string[]): string {
    const hash = createHash('sha256').update(accountIds.sort().join('\n')).digest('base64url');
    return `${accountIds.length}.${hash.slice(0, 12)}`;
}

const accountsOf = (v: string) => Number(v.split('.')[0]);

/**
 * Versions of `territoryIds` from the model's associations (`accountId → territoryId`, or
 * `A|B` for an account in two territories of the model, as currentAssignments gives them).
 * With `rewind`, accounts the scenario moved are counted where it found them: an account whose
 * territories are all among its row's previous and target territory is counted in the previous.
 */
export function territoryVersions(
    associations: ReadonlyMap<string, string>,
    territoryIds: Iterable<string>,
    rewind?: { rows: readonly ScenarioAssignment[]; resolve?: (territoryId: string) => string }
): Record<string, string> {
    const members = new Map<string, string[]>([...territoryIds].map((id) => [id, []]));
    const rows = new Map((rewind?.rows ?? []).map((r) => [r.accountId, r]));
    const resolve = rewind?.resolve ?? ((id: string) => id);
    for (const [accountId, joined] of associations) {
        let territories = joined.split('|');
        const row = rows.get(accountId);
        if (row) {
            const target = resolve(row.territoryId);
            if (territories.every((t) => t === row.previousTerritoryId || t === target))
                territories = row.previousTerritoryId ? [row.previousTerritoryId] : [];
        }
        for (const t of territories) members.get(t)?.push(accountId);
    }
    return Object.fromEntries([...members].map(([id, accounts]) => [id, version(accounts)]));
}

/** The base to record on a scenario generated from `associations`, for its territories. */
export function planBase(
    associations: ReadonlyMap<string, string>,
    territoryIds: Iterable<string>,
    readAt = new Date()
): PlanBase {
    return {
        readAt: readAt.toISOString(),
        territories: territoryVersions(associations, territoryIds)
    };
}

/** The scenario's recorded base, or undefined when it has none (made before bases were kept). */
export function baseOf(scenario: Pick<ScenarioRecord, 'metrics'>): PlanBase | undefined {
    const base = (scenario.metrics as { base?: unknown } | undefined)?.base as
        Partial<PlanBase> | undefined;
    if (!base || typeof base.territories !== 'object' || base.territories === null)
        return undefined;
    return { readAt: String(base.readAt ?? ''), territories: base.territories };
}

/** The territories whose accounts are not what the scenario was generated from. */
export function baseChanges(
    base: PlanBase,
    associations: ReadonlyMap<string, string>,
    rows: readonly ScenarioAssignment[],
    resolve?: (territoryId: string) => string
): BaseChange[] {
    const ids = Object.keys(base.territories);
    const now = territoryVersions(associations, ids, { rows, ...(resolve ? { resolve } : {}) });
    return ids
        .filter((id) => now[id] !== base.territories[id])
        .map((id) => ({
            territoryId: id,
            accountsThen: accountsOf(base.territories[id]!),
            accountsNow: accountsOf(now[id]!)
        }));
}

/**
 * Raised when a scenario's base plan changed; the message says what and what to do. No retry can
 * fix it (a job fails at once).
 */
export class BaseChangedError extends UnrecoverableError {
    readonly scenarioId: string;
    readonly changes: BaseChange[];
    constructor(
        scenarioId: string,
        changes: BaseChange[],
        names: ReadonlyMap<string, string> = new Map()
    ) {
        super(describeChanges(scenarioId, changes, names));
        this.scenarioId = scenarioId;
        this.changes = changes;
        this.name = 'BaseChangedError';
    }
}

/** Raised when a scenario carries no base: it cannot be shown to still fit the org. */
export class NoBaseError extends UnrecoverableError {
    readonly scenarioId: string;
    constructor(scenarioId: string) {
        super(
            `Scenario ${scenarioId} does not record the plan it was generated from (it was made before the service kept it), so it cannot be checked against the current plan: generate it again`
        );
        this.scenarioId = scenarioId;
        this.name = 'NoBaseError';
    }
}

const LISTED = 5;

function describeChanges(
    scenarioId: string,
    changes: BaseChange[],
    names: ReadonlyMap<string, string>
): string {
    const listed = changes.slice(0, LISTED).map((c) => {
        const name = names.get(c.territoryId);
        const what = name ? `${name} (${c.territoryId})` : c.territoryId;
        const accounts = (n: number) => `${n} account${n === 1 ? '' : 's'}`;
        const delta =
            c.accountsThen === c.accountsNow
                ? `other accounts than the ${accounts(c.accountsThen)} it had`
                : `${accounts(c.accountsNow)} instead of ${c.accountsThen}`;
        return `${what} now holds ${delta}`;
    });
    const more = changes.length > LISTED ? ` and ${changes.length - LISTED} more territories` : '';
    return `Scenario ${scenarioId} was generated from a plan that has changed since (another apply, a hand edit or account placement): territory ${listed.join('; territory ')}${more}. Applying it would overwrite the newer assignments: generate the scenario again from the current plan.`;
}

/**
 * Throws BaseChangedError (or NoBaseError) unless the model's associations still hold the
 * scenario's base plan.
 */
export function assertBaseUnchanged(
    scenario: Pick<ScenarioRecord, 'id' | 'metrics'>,
    associations: ReadonlyMap<string, string>,
    rows: readonly ScenarioAssignment[],
    options: { resolve?: (territoryId: string) => string; names?: ReadonlyMap<string, string> } = {}
): void {
    const base = baseOf(scenario);
    if (!base) throw new NoBaseError(scenario.id);
    const changes = baseChanges(base, associations, rows, options.resolve);
    if (changes.length > 0) throw new BaseChangedError(scenario.id, changes, options.names);
}
