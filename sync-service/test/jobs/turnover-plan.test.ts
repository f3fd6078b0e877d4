import { describe, expect, it } from 'vitest';
import type { PlanSnapshot } from '../../src/jobs/gateway.js';
import { neighbourTerritories, turnoverSubPlan } from '../../src/jobs/turnover-plan.js';

// A vacant territory around (40, -100) and active ones at increasing distances east of it.
const snapshot: PlanSnapshot = {
    modelId: 'm',
    territories: [
        { id: 'T0', name: 'Vacant', repActive: false, lat: 40, lon: -100 },
        { id: 'T1', name: '1°', repActive: true, lat: 40, lon: -99 },
        { id: 'T2', name: '3°', repActive: true, lat: 40, lon: -97 },
        // No home: located by its accounts' centroid (2° east).
        { id: 'T3', name: '2°', repActive: true },
        { id: 'T4', name: '4°, other segment', repActive: true, lat: 40, lon: -96, segment: 'SMB' },
        { id: 'T5', name: '5°', repActive: true, lat: 40, lon: -95 },
        { id: 'T6', name: 'inactive', repActive: false, lat: 40, lon: -100.1 }
    ],
    accounts: [
        { id: 'a1', lat: 40.1, lon: -100, measures: {}, territoryId: 'T0' },
        { id: 'a2', lat: 39.9, lon: -100, measures: {}, territoryId: 'T0' },
        { id: 'a3', lat: 40, lon: -98, measures: {}, territoryId: 'T3' },
        { id: 'a4', lat: 40, lon: -95, measures: {}, territoryId: 'T5' }
    ]
};

describe('turnover neighbours', () => {
    it('picks the nearest active territories by home, else by account centroid', () => {
        const ids = neighbourTerritories(snapshot, new Set(['T0']), 3).map((t) => t.id);
        expect(ids).toEqual(['T1', 'T3', 'T2']);
    });

    it('keeps to the vacant territory segment where territories carry one', () => {
        const segmented: PlanSnapshot = {
            ...snapshot,
            territories: snapshot.territories.map((t) =>
                t.id === 'T0'
                    ? { ...t, segment: 'SMB' }
                    : t.id === 'T1'
                      ? { ...t, segment: 'Enterprise' }
                      : t
            )
        };
        const ids = neighbourTerritories(segmented, new Set(['T0']), 3).map((t) => t.id);
        expect(ids).toEqual(['T3', 'T2', 'T4']);
    });

    it('solves only the vacant territories and their neighbours', () => {
        const neighbours = neighbourTerritories(snapshot, new Set(['T0']), 2);
        const sub = turnoverSubPlan(snapshot, new Set(['T0']), neighbours);
        expect(sub.territories.map((t) => t.id)).toEqual(['T0', 'T1', 'T3']);
        expect(sub.accounts.map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    });
});
