/**
 * Compare carries a scenario's notes from the engine (stored in its metrics when it was
 * generated): a plan outside the tolerance comes with the reason, through the route's response
 * schema; the current plan has none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import * as engine from '../../src/engine/index.js';
import { COMPARE_WARNING_CHARS, COMPARE_WARNINGS } from '../../src/http/schemas.js';
import { freshQueues, testApp, token } from './helpers.js';
import { MemoryGateway, smallSnapshot } from './memory-gateway.js';

const T2 = '0MI000000000002';
const queues = freshQueues();
const snap = smallSnapshot();
const gateway = new MemoryGateway(snap);
let app: FastifyInstance;
let auth: { authorization: string };

beforeAll(async () => {
    app = await testApp({ gateway, queues, engine });
    auth = { authorization: `Bearer ${await token()}` };
});
afterAll(async () => {
    await app.close();
    await queues.dispose();
});

const REASON =
    'Infeasible: account 001000000000007 alone is 115.16 % of the largest Potential target, above 105.00 %: the rep who holds it cannot be within tolerance.';

async function compare(metrics: Record<string, unknown> | undefined) {
    const id = await gateway.createScenario(
        {
            name: 'all south',
            status: 'Ready',
            source: 'Planner',
            modelId: snap.modelId,
            settings: { balance: ['Count'] },
            ...(metrics ? { metrics } : {}),
            accountsMoved: 0
        },
        snap.accounts.map((a) => ({
            accountId: a.id,
            territoryId: T2,
            repId: '',
            previousTerritoryId: a.territoryId ?? ''
        }))
    );
    const res = await app.inject({
        method: 'GET',
        url: `/v1/scenarios/compare?a=current&b=${id}`,
        headers: auth
    });
    expect(res.statusCode).toBe(200);
    return res.json();
}

describe("compare: the engine's notes on a scenario", () => {
    it('carries the reason a scenario is outside the tolerance; none for the current plan', async () => {
        const body = await compare({ maxDeviation: 0.53, warnings: [REASON] });
        expect(body.b.withinTolerance).toBe(false);
        expect(body.b.warnings).toEqual([REASON]);
        expect(body.a.warnings).toBeUndefined();
    });

    it('keeps only text, at most a few notes, each bounded', async () => {
        const long = 'x'.repeat(COMPARE_WARNING_CHARS + 50);
        const stored = [7, '', REASON, long, ...Array.from({ length: 10 }, (_, i) => `note ${i}`)];
        const body = await compare({ warnings: stored });
        expect(body.b.warnings).toHaveLength(COMPARE_WARNINGS);
        expect(body.b.warnings[0]).toBe(REASON);
        expect(body.b.warnings[1]).toHaveLength(COMPARE_WARNING_CHARS);
        expect(body.b.warnings[1].endsWith('…')).toBe(true);
    });

    it('sends no notes for a scenario stored without any', async () => {
        expect((await compare(undefined)).b.warnings).toBeUndefined();
        expect((await compare({ warnings: 'not a list' })).b.warnings).toBeUndefined();
    });
});
