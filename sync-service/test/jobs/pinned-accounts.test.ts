import { describe, expect, it } from 'vitest';
import { balance, measurePlan } from '../../src/engine/index.js';
import type { PlanSnapshot } from '../../src/jobs/gateway.js';
import { generatePlan } from '../../src/jobs/generate-plan.js';
import { buildEngineInput } from '../../src/jobs/plan-inputs.js';
import { BadInputError } from '../../src/jobs/salesforce-faults.js';
import { assertSettings } from '../../src/jobs/scenario-settings.js';

const T_WEST = '0MI000000000001AAA';
const T_EAST = '0MI000000000002AAA';
const accountId = (n: number) => `001${String(n).padStart(12, '0')}AAA`;

// Two reps far apart; 20 accounts, the west half near the west rep. Account 1 sits right on the
// west rep's home, so no balancing ever gives it to the east rep unless a pin holds it there.
const snapshot: PlanSnapshot = {
    modelId: '0MA000000000001AAA',
    territories: [
        { id: T_WEST, name: 'West', repId: 'U1', repActive: true, lat: 40, lon: -100 },
        { id: T_EAST, name: 'East', repId: 'U2', repActive: true, lat: 40, lon: -80 }
    ],
    accounts: Array.from({ length: 20 }, (_, i) => ({
        id: accountId(i + 1),
        lat: 40 + (i % 3) * 0.1,
        lon: i < 10 ? -100 + i * 0.05 : -80 - (i - 10) * 0.05,
        measures: { Potential: 10, Workload: 1 },
        territoryId: i < 10 ? T_WEST : T_EAST
    }))
};
const engine = { balance, measurePlan };

describe('pinnedAccounts (accepted change requests)', () => {
    it('puts a pinned account in the territory it names, and only pinned ones are forced', async () => {
        const settings = { balance: ['Potential'], seed: 1, units: 'account' as const };
        const free = await generatePlan(engine, snapshot, settings, { timeLimitMs: 5000 });
        expect(free.assignment.get(accountId(1))).toBe(T_WEST);

        const pinned = await generatePlan(
            engine,
            snapshot,
            { ...settings, pinnedAccounts: { [accountId(1)]: T_EAST } },
            { timeLimitMs: 5000 }
        );
        expect(pinned.assignment.get(accountId(1))).toBe(T_EAST);
        const row = pinned.rows.find((r) => r.accountId === accountId(1));
        expect(row).toMatchObject({
            territoryId: T_EAST,
            previousTerritoryId: T_WEST,
            repId: 'U2'
        });
    });

    it('rejects pins to unknown accounts, unknown territories and excluded accounts', () => {
        expect(() =>
            buildEngineInput(snapshot, {
                balance: ['Potential'],
                pinnedAccounts: { [accountId(99)]: T_EAST }
            })
        ).toThrow(BadInputError);
        expect(() =>
            buildEngineInput(snapshot, {
                balance: ['Potential'],
                pinnedAccounts: { [accountId(1)]: '0MI000000000009AAA' }
            })
        ).toThrow(/is not a territory with an active rep/);
        const excluded: PlanSnapshot = {
            ...snapshot,
            accounts: snapshot.accounts.map((a, i) => (i === 0 ? { ...a, excluded: true } : a))
        };
        expect(() =>
            buildEngineInput(excluded, {
                balance: ['Potential'],
                pinnedAccounts: { [accountId(1)]: T_EAST }
            })
        ).toThrow(/excluded from planning/);
    });

    it('validates the setting strictly: ids on both sides, no coercion', () => {
        const ok = { balance: ['Potential'], pinnedAccounts: { [accountId(1)]: T_EAST } };
        expect(assertSettings(ok)).toEqual(ok);
        for (const pinnedAccounts of [
            { 'not-an-id': T_EAST },
            { [accountId(1)]: 'nope' },
            { [accountId(1)]: 42 },
            [accountId(1)]
        ]) {
            expect(() => assertSettings({ balance: ['Potential'], pinnedAccounts })).toThrow(
                BadInputError
            );
        }
    });
});
