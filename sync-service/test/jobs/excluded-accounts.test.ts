/** Accounts excluded from planning (Territory_Excluded__c): out of the plan, kept where they are. */
import { describe, expect, it } from 'vitest';
import * as engine from '../../src/engine/index.js';
import { generatePlan } from '../../src/jobs/generate-plan.js';
import type { PlanAccount, PlanSnapshot } from '../../src/jobs/gateway.js';
import { buildEngineInput, includedAccounts } from '../../src/jobs/plan-inputs.js';

/** Two territories, 40 accounts on a line; the excluded ones sit deep in the other's half. */
function snapshot(excluded: Set<number>): PlanSnapshot {
    const accounts: PlanAccount[] = Array.from({ length: 40 }, (_, i) => ({
        id: `A${i}`,
        lat: 40,
        lon: -100 + i * 0.1,
        measures: { Potential: 100 },
        // drifted plan: T1 holds the first 30, T2 the last 10
        territoryId: i < 30 ? 'T1' : 'T2',
        ...(excluded.has(i) ? { excluded: true } : {})
    }));
    return {
        modelId: 'M1',
        accounts,
        territories: [
            { id: 'T1', name: 'West', repId: 'U1', repActive: true, lat: 40, lon: -99.5 },
            { id: 'T2', name: 'East', repId: 'U2', repActive: true, lat: 40, lon: -96.5 }
        ]
    };
}

describe('accounts excluded from planning', () => {
    it('are left out of the engine input', () => {
        const input = buildEngineInput(snapshot(new Set([3, 25])), { balance: ['Count'] });
        expect(input.accounts.map((a) => a.id)).not.toContain('A3');
        expect(input.accounts.map((a) => a.id)).not.toContain('A25');
        expect(input.accounts).toHaveLength(38);
        expect(includedAccounts(snapshot(new Set())).length).toBe(40);
    });

    it('keep their territory in the plan and are counted in its data quality', async () => {
        // A25..A29 are in T1 but nearer T2's home: a balanced plan moves T1's eastern accounts.
        const excluded = new Set([25, 26, 27, 28, 29]);
        const plan = await generatePlan(
            engine,
            snapshot(excluded),
            { balance: ['Count'], tolerance: 0.05, seed: 1 },
            { timeLimitMs: 2000 }
        );
        for (const i of excluded) {
            expect(plan.assignment.has(`A${i}`)).toBe(false);
            const row = plan.rows.find((r) => r.accountId === `A${i}`)!;
            expect(row.territoryId).toBe('T1');
            expect(row.previousTerritoryId).toBe('T1');
        }
        expect(plan.figures.metrics?.excludedAccounts).toBe(5);
        // The 35 planned accounts are balanced among themselves (18 / 17 within 5 %).
        const loads = new Map<string, number>();
        for (const t of plan.assignment.values()) loads.set(t, (loads.get(t) ?? 0) + 1);
        expect([...loads.values()].sort()).toEqual([17, 18]);
        // Without the exclusion the same accounts move (so the test above means something).
        const free = await generatePlan(
            engine,
            snapshot(new Set()),
            { balance: ['Count'], tolerance: 0.05, seed: 1 },
            { timeLimitMs: 2000 }
        );
        expect([25, 26, 27, 28, 29].some((i) => free.assignment.get(`A${i}`) === 'T2')).toBe(true);
        expect(free.figures.metrics?.excludedAccounts).toBe(0);
    });
});
