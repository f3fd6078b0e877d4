/**
 * Queue `account-placement`: accounts created or re-addressed since the last run (by
 * SystemModstamp) go to the territory of their postal unit, so the plan stays true between plans
 * (ETM's assignment rules cannot hold thousands of postal codes per territory).
 */
import type { Queue } from 'bullmq';

export interface PlacementJobData {
    /** Territory model to place accounts in; empty: the active model. */
    modelId?: string;
    /**
     * Seconds before the high-water mark that each run reads again, so a record committed late
     * with an earlier SystemModstamp is not missed (records seen before are recognised).
     */
    overlapSeconds: number;
}

/** What one run did (also logged). */
export interface PlacementJobResult {
    modelId: string;
    /** First run (no mark yet): the accounts' addresses were recorded, nothing was placed. */
    baseline: boolean;
    /** Another run held the lock: this one did nothing. */
    skipped?: boolean;
    /** The SystemModstamp the query started at (SOQL literal), and the mark after the run. */
    since?: string;
    mark?: string;
    /** Accounts read with SystemModstamp at or after `since` (the whole org for a baseline). */
    read: number;
    newAccounts: number;
    readdressed: number;
    /** Accounts left unplaced (or not written) by an earlier run, tried again. */
    retried: number;
    /** Written to the territory of their own unit, or of the nearest unit. */
    placedByUnit: number;
    placedByNearest: number;
    /** Re-addressed accounts that were already in the right territory. */
    inPlace: number;
    /** New accounts someone had already put in a territory of the model: left there. */
    alreadyAssigned: number;
    /** Locked accounts: never moved. */
    locked: number;
    unplaced: number;
    /** Writes the org refused (tried again next run). */
    failed: number;
    inserted: number;
    deleted: number;
    /** Up to 50 unplaced accounts with the reason. */
    unplacedAccounts: { accountId: string; reason: string }[];
}

export const PLACEMENT_SCHEDULER_ID = 'account-placement-schedule';

/** Overlap when the job data names none (PLACEMENT_OVERLAP_SECONDS' default). */
export const DEFAULT_OVERLAP_SECONDS = 120;

/** Upserts the placement schedule (idempotent: safe at every worker start). */
export function schedulePlacement(queue: Queue, cron: string, data: PlacementJobData) {
    return queue.upsertJobScheduler(
        PLACEMENT_SCHEDULER_ID,
        { pattern: cron, tz: 'UTC' },
        { name: 'place', data }
    );
}

/** Runs a placement now (used by tests and operators). */
export function addPlacementJob(queue: Queue, data: PlacementJobData) {
    return queue.add('place', data);
}
