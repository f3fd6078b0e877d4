/**
 * Windshield time in the planner (issue 15): when a scenario balances on `DriveTime`, every pull of
 * the plan's accounts carries it as a measure (minutes of driving per month, routes/windshield.ts),
 * computed from the accounts' own coordinates, one visit a month each, per segment where reps
 * serve segments. Like the market measures, the processors and compare stay unaware of where it
 * comes from.
 */
import { DRIVE_TIME_MEASURE, driveTimeMinutes } from '../routes/windshield.js';
import { withPullPlan, type JobContext } from './context.js';
import type { PlannerGateway, PlanSnapshot } from './gateway.js';
import { BadInputError } from './salesforce-faults.js';

/** True when the settings balance on drive time. */
export function balancesDriveTime(settings: unknown): boolean {
    const balance = (settings as { balance?: unknown } | undefined)?.balance;
    return Array.isArray(balance) && balance.includes(DRIVE_TIME_MEASURE);
}

/** The snapshot with `DriveTime` on every account (excluded accounts included: it is a figure). */
export function withDriveTime(snapshot: PlanSnapshot): PlanSnapshot {
    if (snapshot.accounts.some((a) => DRIVE_TIME_MEASURE in a.measures))
        throw new BadInputError(
            `'${DRIVE_TIME_MEASURE}' is already an account measure here; the estimate would hide it`
        );
    const segmented = snapshot.territories.some((t) => t.repActive && t.segment);
    const minutes = driveTimeMinutes(
        Float64Array.from(snapshot.accounts, (a) => a.lat),
        Float64Array.from(snapshot.accounts, (a) => a.lon),
        null,
        segmented ? snapshot.accounts.map((a) => a.segment ?? '') : null
    );
    return {
        ...snapshot,
        accounts: snapshot.accounts.map((a, i) => ({
            ...a,
            measures: { ...a.measures, [DRIVE_TIME_MEASURE]: minutes[i]! }
        }))
    };
}

/** The job context whose plan pulls carry `DriveTime` when the settings balance on it. */
export function withDriveTimeMeasure(ctx: JobContext, settings: unknown): JobContext {
    if (!balancesDriveTime(settings)) return ctx;
    const pullPlan: PlannerGateway['pullPlan'] = async (modelId, scope) =>
        withDriveTime(await ctx.gateway.pullPlan(modelId, scope));
    return withPullPlan(ctx, pullPlan);
}
