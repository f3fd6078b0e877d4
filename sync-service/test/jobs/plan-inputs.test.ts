import { describe, expect, it } from 'vitest';
import { buildChangeReport, movedAccounts } from '../../src/jobs/change-report.js';
import type { PlanSnapshot } from '../../src/jobs/gateway.js';
import { buildEngineInput, repsOfPlan } from '../../src/jobs/plan-inputs.js';
import { BadInputError } from '../../src/jobs/salesforce-faults.js';

const snapshot: PlanSnapshot = {
    modelId: 'M1',
    territories: [
        { id: 'R', name: 'Region', repActive: false },
        {
            id: 'T1',
            name: 'North',
            parentId: 'R',
            repId: 'U1',
            repName: 'Ann',
            repActive: true,
            lat: 1,
            lon: 1,
            capacity: 1
        },
        {
            id: 'T2',
            name: 'South',
            parentId: 'R',
            repId: 'U2',
            repName: 'Bob',
            repActive: true,
            lat: 2,
            lon: 2,
            capacity: 2
        },
        {
            id: 'T3',
            name: 'East',
            parentId: 'R',
            repId: 'U3',
            repName: 'Cy',
            repActive: false,
            lat: 3,
            lon: 3
        }
    ],
    accounts: [
        {
            id: 'A1',
            lat: 1,
            lon: 1,
            measures: { Potential: 10, Workload: 1 },
            territoryId: 'T1',
            segment: 'SMB'
        },
        {
            id: 'A2',
            lat: 2,
            lon: 2,
            measures: { Potential: 20, Workload: 2 },
            territoryId: 'T2',
            locked: true
        },
        {
            id: 'A3',
            lat: 3,
            lon: 3,
            measures: { Potential: 30, Workload: 3 },
            territoryId: 'T3',
            named: true
        },
        { id: 'A4', lat: 4, lon: 4, measures: { Potential: 40, Workload: 4 } }
    ]
};

describe('buildEngineInput', () => {
    it('turns territories with an active rep into reps, adds new reps, keeps locks that can hold', () => {
        const input = buildEngineInput(snapshot, {
            balance: ['Potential'],
            addReps: [{ name: 'Dee', lat: 5, lon: 5, capacity: 0.5 }],
            lockedAccountIds: ['A1']
        });
        expect(input.reps).toEqual([
            { id: 'T1', lat: 1, lon: 1, capacity: 1 },
            { id: 'T2', lat: 2, lon: 2, capacity: 2 },
            { id: 'new-1', lat: 5, lon: 5, capacity: 0.5 }
        ]);
        expect(input.territoryByRep.get('new-1')).toMatchObject({
            name: 'Dee (new)',
            repName: 'Dee'
        });
        expect(input.accounts).toEqual([
            // Reps serve no segment here, so account segments do not split the plan.
            {
                id: 'A1',
                lat: 1,
                lon: 1,
                measures: { Potential: 10, Workload: 1 },
                locked: true,
                currentRepId: 'T1'
            },
            {
                id: 'A2',
                lat: 2,
                lon: 2,
                measures: { Potential: 20, Workload: 2 },
                locked: true,
                currentRepId: 'T2'
            },
            // T3's rep left: its account is free to move and has no current rep; a named (key)
            // account stays named.
            { id: 'A3', lat: 3, lon: 3, measures: { Potential: 30, Workload: 3 }, named: true },
            { id: 'A4', lat: 4, lon: 4, measures: { Potential: 40, Workload: 4 } }
        ]);
    });

    it('removes reps named by user or territory id, and locks whole territories', () => {
        const input = buildEngineInput(snapshot, {
            balance: ['Count'],
            removeRepIds: ['U1'],
            lockedTerritoryIds: ['T2']
        });
        expect(input.reps.map((r) => r.id)).toEqual(['T2']);
        expect(input.accounts.find((a) => a.id === 'A1')).not.toHaveProperty('currentRepId');
        expect(input.accounts.find((a) => a.id === 'A2')).toMatchObject({ locked: true });
    });

    it.each([
        [
            { removeRepIds: ['U9'] },
            "removeRepIds: 'U9' is neither a rep (User id) nor a territory of model M1"
        ],
        [{ lockedTerritoryIds: ['T9'] }, "lockedTerritoryIds: 'T9' is not a territory of model M1"],
        [
            { removeRepIds: ['T1', 'T2'] },
            'Model M1 has no territory with an active rep left to balance on'
        ]
    ])('rejects %o with a clear message', (extra, message) => {
        expect(() => buildEngineInput(snapshot, { balance: ['Count'], ...extra })).toThrow(
            new BadInputError(message)
        );
    });
});

describe('repsOfPlan', () => {
    it('measures the territories a plan uses plus the active ones it keeps, never empty regions', () => {
        const current = new Map([
            ['A1', 'T1'],
            ['A3', 'T3']
        ]);
        expect(repsOfPlan(snapshot, current).map((r) => r.id)).toEqual(['T1', 'T2', 'T3']);
        expect(
            repsOfPlan(snapshot, current, { removed: new Set(['U2']) }).map((r) => r.id)
        ).toEqual(['T1', 'T3']);
    });
});

describe('buildChangeReport', () => {
    it('counts gains, losses and measures before and after per territory', () => {
        const before = new Map([
            ['A1', 'T1'],
            ['A2', 'T2'],
            ['A3', 'T3']
        ]);
        const after = new Map([
            ['A1', 'T1'],
            ['A2', 'T1'],
            ['A3', 'T2'],
            ['A4', 'T2']
        ]);
        const report = buildChangeReport(snapshot.accounts, snapshot.territories, before, after, [
            'Potential',
            'Count'
        ]);
        expect(report).toEqual([
            {
                territoryId: 'T2',
                territoryName: 'South',
                repId: 'U2',
                repName: 'Bob',
                accountsBefore: 1,
                accountsAfter: 2,
                gained: 2,
                lost: 1,
                before: { Potential: 20, Count: 1 },
                after: { Potential: 70, Count: 2 }
            },
            {
                territoryId: 'T1',
                territoryName: 'North',
                repId: 'U1',
                repName: 'Ann',
                accountsBefore: 1,
                accountsAfter: 2,
                gained: 1,
                lost: 0,
                before: { Potential: 10, Count: 1 },
                after: { Potential: 30, Count: 2 }
            },
            {
                territoryId: 'T3',
                territoryName: 'East',
                repId: 'U3',
                repName: 'Cy',
                accountsBefore: 1,
                accountsAfter: 0,
                gained: 0,
                lost: 1,
                before: { Potential: 30, Count: 1 },
                after: { Potential: 0, Count: 0 }
            }
        ]);
        expect(movedAccounts(before, after)).toEqual([
            { accountId: 'A2', from: 'T2', to: 'T1' },
            { accountId: 'A3', from: 'T3', to: 'T2' },
            { accountId: 'A4', from: null, to: 'T2' }
        ]);
    });
});
