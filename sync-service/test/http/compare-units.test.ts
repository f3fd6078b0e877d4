/**
 * Compare of a large model: the planner's map draws postal units, so the answer carries each
 * unit's territory in the scenario (and in plan A when it is a scenario), bounded, through the
 * route's response schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import * as engine from '../../src/engine/index.js';
import type { PlanSnapshot, ScenarioAssignment } from '../../src/jobs/gateway.js';
import { freshQueues, testApp, token } from './helpers.js';
import { MemoryGateway, smallSnapshot } from './memory-gateway.js';

const T1 = '0MI000000000001';
const T2 = '0MI000000000002';
const ACCOUNTS = 10_200;
const ZIPS = 300;

/** 10,200 accounts in 300 ZIP codes (34 each), all in T1; ZIPs 1000x are SMB. */
function largeSnapshot(): PlanSnapshot {
    const base = smallSnapshot();
    return {
        ...base,
        accounts: Array.from({ length: ACCOUNTS }, (_, i) => {
            const zip = 10_000 + (i % ZIPS);
            return {
                id: `001${String(i + 1).padStart(12, '0')}`,
                lat: 39 + (i % ZIPS) * 0.01,
                lon: -75.5,
                measures: { Potential: 100, Workload: 10 },
                territoryId: T1,
                postalCode: `${zip}-0001`,
                ...(zip < 10_010 ? { segment: 'SMB' } : {})
            };
        })
    };
}

/** Scenario rows: accounts of ZIPs below `below` go to T2, and one account of 10200 too. */
function rows(snap: PlanSnapshot, below: number): ScenarioAssignment[] {
    return snap.accounts.map((a) => {
        const zip = Number(a.postalCode!.slice(0, 5));
        const toT2 = zip < below || a.id === snap.accounts[200]!.id;
        return { accountId: a.id, territoryId: toT2 ? T2 : T1, repId: '', previousTerritoryId: T1 };
    });
}

const queues = freshQueues();
const snap = largeSnapshot();
const gateway = new MemoryGateway(snap);
const small = new MemoryGateway(smallSnapshot());
let app: FastifyInstance;
let smallApp: FastifyInstance;
let auth: { authorization: string };

beforeAll(async () => {
    app = await testApp({ gateway, queues, engine });
    smallApp = await testApp({ gateway: small, queues, engine });
    auth = { authorization: `Bearer ${await token()}` };
});
afterAll(async () => {
    await app.close();
    await smallApp.close();
    await queues.dispose();
});

const scenario = (g: MemoryGateway, name: string, r: ScenarioAssignment[]) =>
    g.createScenario(
        {
            name,
            status: 'Ready',
            source: 'Planner',
            modelId: snap.modelId,
            settings: { balance: ['Count'] },
            accountsMoved: 0
        },
        r
    );

describe('compare of a model above the map account limit', () => {
    it("carries each postal unit's territory in the scenario", async () => {
        const id = await scenario(gateway, 'west half', rows(snap, 10_150));
        const res = await app.inject({
            method: 'GET',
            url: `/v1/scenarios/compare?a=current&b=${id}`,
            headers: auth
        });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.unitAssignments.limit).toBe(20_000);
        expect(body.unitAssignments.truncated).toBe(false);
        // The current plan's units are the stored ones: no plan A per unit.
        expect(body.unitAssignments.a).toBeUndefined();
        const units = body.unitAssignments.b as Record<string, string>;
        expect(Object.keys(units)).toHaveLength(ZIPS);
        expect(units['SMB|10000']).toBe(T2);
        expect(units['|10010']).toBe(T2);
        expect(units['|10149']).toBe(T2);
        expect(units['|10150']).toBe(T1);
        // One of 10200's 34 accounts moved: the unit stays with the majority.
        expect(units['|10200']).toBe(T1);
        expect(units['|10299']).toBe(T1);
        expect(Object.values(units).filter((t) => t === T2)).toHaveLength(150);
    });

    it('carries plan A per unit too when it is a scenario', async () => {
        const a = await scenario(gateway, 'a third', rows(snap, 10_100));
        const b = await scenario(gateway, 'half', rows(snap, 10_150));
        const res = await app.inject({
            method: 'GET',
            url: `/v1/scenarios/compare?a=${a}&b=${b}`,
            headers: auth
        });
        expect(res.statusCode).toBe(200);
        const { unitAssignments } = res.json();
        expect(unitAssignments.a['|10120']).toBe(T1);
        expect(unitAssignments.b['|10120']).toBe(T2);
        expect(Object.values(unitAssignments.a).filter((t) => t === T2)).toHaveLength(100);
    });

    it('sends nothing per unit for a model the map gets account by account', async () => {
        const s = smallSnapshot();
        const id = await scenario(
            small,
            'all south',
            s.accounts.map((acc) => ({
                accountId: acc.id,
                territoryId: T2,
                repId: '',
                previousTerritoryId: T1
            }))
        );
        const res = await smallApp.inject({
            method: 'GET',
            url: `/v1/scenarios/compare?a=current&b=${id}`,
            headers: auth
        });
        expect(res.statusCode).toBe(200);
        expect(res.json().unitAssignments).toBeUndefined();
    });
});
