/** rollout.ts: per-rep gains and losses with travel, the notifications, the apply's delay. */
import { describe, expect, it } from 'vitest';
import { buildRollout, delayUntil, rolloutNotifications } from '../../src/jobs/rollout.js';
import type { PlanAccount, PlanTerritory } from '../../src/jobs/gateway.js';

const account = (id: string, potential: number, workload: number): PlanAccount => ({
    id,
    lat: 0,
    lon: 0,
    measures: { Potential: potential, Workload: workload }
});
const territories: PlanTerritory[] = [
    { id: 'T1', name: 'East', repId: 'U1', repName: 'Dana', repActive: true },
    { id: 'T2', name: 'West', repId: 'U2', repName: 'Kim', repActive: true },
    { id: 'T3', name: 'North', repActive: true }
];

describe('buildRollout', () => {
    const accounts = [account('A', 100, 1), account('B', 300, 2), account('C', 50, 3)];
    const before = new Map([
        ['A', 'T1'],
        ['B', 'T1'],
        ['C', 'T2']
    ]);
    const after = new Map([
        ['A', 'T2'],
        ['B', 'T2'],
        ['C', 'T2']
    ]);
    const rollout = buildRollout({
        accounts,
        territories,
        before,
        after,
        travelBefore: new Map([
            ['T1', 10],
            ['T2', 20]
        ]),
        travelAfter: new Map([['T2', 35]]),
        limit: 1
    });

    it('lists only reps whose accounts change, with both sides of each move', () => {
        expect(rollout.map((r) => r.territoryId).sort()).toEqual(['T1', 'T2']);
        const west = rollout.find((r) => r.territoryId === 'T2')!;
        expect(west).toMatchObject({
            gained: 2,
            lost: 0,
            accountsBefore: 1,
            accountsAfter: 3,
            before: { Potential: 50, Workload: 3 },
            after: { Potential: 450, Workload: 6 },
            travelKmBefore: 20,
            travelKmAfter: 35
        });
        // Largest potential first, cut at the limit, the counts whole.
        expect(west.gainedAccounts).toEqual([
            {
                accountId: 'B',
                potential: 300,
                workload: 2,
                otherTerritoryId: 'T1',
                otherTerritoryName: 'East'
            }
        ]);
        expect(west.truncated).toBe(true);
        const east = rollout.find((r) => r.territoryId === 'T1')!;
        expect(east.lostAccounts[0]).toMatchObject({ accountId: 'B', otherTerritoryName: 'West' });
        expect(east).toMatchObject({ lost: 2, accountsAfter: 0, travelKmAfter: 0 });
    });

    it('notifies each staffed rep who gains or loses, linking to their view', () => {
        const notes = rolloutNotifications(
            { id: 'S1', name: 'Q1', effectiveDate: '2026-12-20' },
            rollout,
            territories
        );
        expect(notes.map((n) => n.recipientIds)).toEqual(
            rollout.map((r) => [r.territoryId === 'T1' ? 'U1' : 'U2'])
        );
        const west = notes.find((n) => n.recipientIds[0] === 'U2')!;
        expect(west.title).toBe('Territory change: West');
        expect(west.body).toBe(
            'Q1: you gain 2 accounts and lose 0 accounts, effective 2026-12-20. Open it to see what changes for you.'
        );
        expect(JSON.parse(west.targetPageRef!).state).toEqual({
            c__scenarioId: 'S1',
            c__territoryId: 'T2'
        });
        // A territory without an active rep has no one to tell.
        expect(
            rolloutNotifications({ id: 'S1', name: 'Q1' }, rollout, [
                { ...territories[0]!, repActive: false },
                { ...territories[1]!, repId: undefined }
            ])
        ).toEqual([]);
    });
});

describe('delayUntil', () => {
    const now = Date.parse('2026-12-06T15:00:00Z');
    it('waits until the effective day starts (UTC), never for today or a past day', () => {
        expect(delayUntil('2026-12-08', now)).toBe(33 * 3600 * 1000);
        expect(delayUntil('2026-12-06', now)).toBe(0);
        expect(delayUntil('2026-11-01', now)).toBe(0);
        expect(delayUntil(undefined, now)).toBe(0);
    });
});
