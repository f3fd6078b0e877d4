/**
 * One plan generation, shared by the planner, the turnover and the drift review: engine input from
 * a snapshot, the engine run, the measurement of the whole plan, and the rows and figures stored on
 * the scenario record.
 */
import type { PlanMetrics, PlanReport } from '../engine/types.js';
import { buildChangeReport, type RepChange } from './change-report.js';
import type { PlanSnapshot, ScenarioAssignment, ScenarioPatch } from './gateway.js';
import { buildEngineInput, currentMap, type EngineInput } from './plan-inputs.js';
import type { PlannerEngine } from './planner-engine.js';
import type { ScenarioSettings } from './scenario-settings.js';

export interface GeneratedPlan {
    input: EngineInput;
    /** accountId → territory id (or `new-N` for an added rep). */
    assignment: Map<string, string>;
    metrics: PlanMetrics;
    changes: RepChange[];
    rows: ScenarioAssignment[];
    figures: Pick<
        ScenarioPatch,
        'metrics' | 'maxDeviation' | 'totalTravelKm' | 'accountsMoved' | 'repsAffected'
    >;
}

export interface BalanceRunOptions {
    timeLimitMs: number;
    onProgress?: (stage: string, fraction: number) => void;
}

/** Runs the engine on a snapshot; returns accountId → rep key. */
export async function runBalance(
    engine: PlannerEngine,
    input: EngineInput,
    settings: ScenarioSettings,
    options: BalanceRunOptions
): Promise<{ assignment: Map<string, string>; report: PlanReport }> {
    const result = await engine.balance(input.accounts, input.reps, {
        balance: settings.balance,
        ...(settings.weights ? { weights: settings.weights } : {}),
        ...(settings.tolerance !== undefined ? { tolerance: settings.tolerance } : {}),
        ...(settings.disruptionWeight !== undefined
            ? { disruptionWeight: settings.disruptionWeight }
            : {}),
        ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
        // territories made of postal units wherever the accounts carry postal codes
        units: settings.units ?? 'auto',
        timeLimitMs: options.timeLimitMs,
        onProgress: (p) => options.onProgress?.(p.stage, p.fraction)
    });
    const assignment = new Map(result.assignments.map((a) => [a.accountId, a.repId]));
    return { assignment, report: result.report };
}

/** Measures an assignment and prepares what the scenario record stores. */
export function describePlan(
    engine: PlannerEngine,
    snapshot: PlanSnapshot,
    input: EngineInput,
    settings: ScenarioSettings,
    assignment: Map<string, string>,
    extra: { report?: PlanReport | undefined; segments?: number } = {}
): GeneratedPlan {
    const metrics = engine.measurePlan(
        input.accounts,
        input.reps,
        assignment,
        settings.balance,
        settings.tolerance !== undefined ? { tolerance: settings.tolerance } : {}
    );
    const before = currentMap(snapshot);
    const territories = [...snapshot.territories, ...input.territoryByRep.values()];
    const changes = buildChangeReport(
        snapshot.accounts,
        territories,
        before,
        assignment,
        settings.balance
    );
    const rows: ScenarioAssignment[] = snapshot.accounts.map((a) => {
        const territoryId = assignment.get(a.id) ?? a.territoryId ?? '';
        return {
            accountId: a.id,
            territoryId,
            repId: input.territoryByRep.get(territoryId)?.repId ?? '',
            previousTerritoryId: a.territoryId ?? ''
        };
    });
    const moved = rows.filter((r) => r.territoryId !== r.previousTerritoryId).length;
    const affected = changes.filter((c) => c.gained + c.lost > 0).length;
    return {
        input,
        assignment,
        metrics,
        changes,
        rows,
        figures: {
            metrics: {
                ...metrics,
                ...(extra.report
                    ? { runtimeMs: extra.report.runtimeMs, warnings: extra.report.warnings }
                    : {}),
                segments: extra.report?.segments ?? [],
                // made of postal units or not (compare explains unit moves by it)
                ...(extra.report
                    ? {
                          unitMode: extra.report.unitMode
                              ? {
                                    units: extra.report.unitMode.units,
                                    contiguous: extra.report.unitMode.contiguous,
                                    unitPurity: extra.report.unitMode.unitPurity
                                }
                              : false
                      }
                    : {}),
                fannedOutSegments: extra.segments ?? 0,
                // placed at their postal code's centroid: they had no coordinates
                approximateAccounts: snapshot.accounts.filter((a) => a.approximate).length,
                // left out of planning (Territory_Excluded__c): kept in their current territory
                excludedAccounts: snapshot.accounts.filter((a) => a.excluded).length,
                changes
            },
            maxDeviation: metrics.maxDeviation,
            totalTravelKm: Math.round(metrics.travelKm * 10) / 10,
            accountsMoved: moved,
            repsAffected: affected
        }
    };
}

/** Convenience: build the input, balance, describe. */
export async function generatePlan(
    engine: PlannerEngine,
    snapshot: PlanSnapshot,
    settings: ScenarioSettings,
    options: BalanceRunOptions
): Promise<GeneratedPlan> {
    const input = buildEngineInput(snapshot, settings);
    const { assignment, report } = await runBalance(engine, input, settings, options);
    return describePlan(engine, snapshot, input, settings, assignment, { report });
}
