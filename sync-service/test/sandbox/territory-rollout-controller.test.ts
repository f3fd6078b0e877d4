/**
 * The TypeScript twin of TerritoryRolloutController: a planner reads every rep's changes with
 * the account names filled in from the org; a rep is refused another territory's before any
 * call; the card's pending change maps the service's answers to states.
 */
import { describe, expect, it } from 'vitest';
import {
    NO_ROLLOUT_ACCESS,
    territoryRolloutController
} from '../../src/sandbox/apex/territory-rollout-controller.js';
import { SALES_OPS_PERMISSIONS } from '../../src/sandbox/apex/permissions.js';
import type { OrgConnection } from '../../src/sandbox/org-client.js';
import { ServiceCallError } from '../../src/sandbox/service-client.js';

const SCENARIO = 'a0T000000000001AAA';
const MODEL = '0MA000000000001AAA';
const TERRITORY = '0MI000000000001AAA';
const ACCOUNT = '001000000000001AAA';
const REP = '005000000000001AAA';

/** An org answering the twin's queries from fixed rows, recording them. */
function fakeOrg(rows: (soql: string) => Record<string, unknown>[]) {
    const queries: string[] = [];
    const org = {
        query: async (soql: string) => {
            queries.push(soql);
            const records = rows(soql);
            return { totalSize: records.length, done: true, records };
        }
    } as unknown as OrgConnection;
    return { org, queries };
}

function controller(
    answer: (method: string, path: string) => unknown,
    options: {
        permissions?: ReadonlySet<string>;
        userId?: string;
        rows?: (soql: string) => Record<string, unknown>[];
    } = {}
) {
    const calls: string[] = [];
    const { org, queries } = fakeOrg(options.rows ?? (() => []));
    const methods = territoryRolloutController({
        org,
        customPermissions: options.permissions ?? SALES_OPS_PERMISSIONS,
        ...(options.userId ? { userId: options.userId } : {}),
        service: async (method, path) => {
            calls.push(`${method} ${path}`);
            return answer(method, path);
        }
    });
    return { methods, calls, queries };
}

describe('TerritoryRolloutController (sandbox twin)', () => {
    it("reads a territory rep's changes and names the accounts", async () => {
        const { methods, calls } = controller(
            () => ({
                scenarioId: SCENARIO,
                reps: [
                    {
                        territoryId: TERRITORY,
                        gainedAccounts: [{ accountId: ACCOUNT, potential: 10 }],
                        lostAccounts: [{ accountId: '001000000000002AAA', potential: 5 }]
                    }
                ]
            }),
            { rows: (soql) => (/FROM Account/.test(soql) ? [{ Id: ACCOUNT, Name: 'Acme' }] : []) }
        );
        const answer = (await methods.getRollout!({
            scenarioId: SCENARIO,
            territoryId: TERRITORY
        })) as { reps: { gainedAccounts: { name: string }[]; lostAccounts: { name: null }[] }[] };
        expect(calls).toEqual([`GET /v1/scenarios/${SCENARIO}/rollout?territoryId=${TERRITORY}`]);
        expect(answer.reps[0]!.gainedAccounts[0]!.name).toBe('Acme');
        // An account the user cannot read keeps only its id.
        expect(answer.reps[0]!.lostAccounts[0]!.name).toBeNull();
    });

    it('lets a rep read their own territory only, and refuses bad ids before any call', async () => {
        const own = controller(() => ({ reps: [] }), {
            permissions: new Set(),
            userId: REP,
            rows: (soql) => (soql.includes(TERRITORY) ? [{ Id: '0R0000000000001AAA' }] : [])
        });
        await expect(
            own.methods.getRollout!({ scenarioId: SCENARIO, territoryId: TERRITORY })
        ).resolves.toEqual({ reps: [] });
        await expect(
            own.methods.getRollout!({ scenarioId: SCENARIO, territoryId: '0MI000000000002AAA' })
        ).rejects.toThrow(NO_ROLLOUT_ACCESS);
        await expect(own.methods.getRollout!({ scenarioId: SCENARIO })).rejects.toThrow(
            NO_ROLLOUT_ACCESS
        );
        await expect(own.methods.getRollout!({ scenarioId: TERRITORY })).rejects.toThrow(
            'Choose a scenario'
        );
        expect(own.calls).toHaveLength(1);
    });

    it('turns the pending change into states', async () => {
        const territoryRow = () => [{ Id: TERRITORY, Territory2ModelId: MODEL }];
        const pending = controller(
            () => ({
                pending: { state: 'pending', gained: 3, lost: 1, effectiveDate: '2026-12-20' }
            }),
            { rows: territoryRow }
        );
        expect(
            await pending.methods.getPendingChange!({ modelId: MODEL, territoryId: TERRITORY })
        ).toEqual({
            status: 'pending',
            change: { state: 'pending', gained: 3, lost: 1, effectiveDate: '2026-12-20' },
            message: null
        });
        expect(pending.calls).toEqual([`GET /v1/models/${MODEL}/rollout?territoryId=${TERRITORY}`]);
        const none = controller(() => ({ pending: null }), { rows: territoryRow });
        expect(
            await none.methods.getPendingChange!({ modelId: MODEL, territoryId: TERRITORY })
        ).toMatchObject({ status: 'none' });
        const down = controller(
            () => {
                throw new ServiceCallError('The territory service cannot be reached', 0);
            },
            { rows: territoryRow }
        );
        expect(
            await down.methods.getPendingChange!({ modelId: MODEL, territoryId: TERRITORY })
        ).toMatchObject({
            status: 'unavailable',
            message: expect.stringContaining('cannot be reached')
        });
        const hidden = controller(() => ({ pending: null }));
        await expect(
            hidden.methods.getPendingChange!({ modelId: MODEL, territoryId: TERRITORY })
        ).rejects.toThrow('was not found or you cannot see it');
        expect(hidden.calls).toEqual([]);
    });
});
