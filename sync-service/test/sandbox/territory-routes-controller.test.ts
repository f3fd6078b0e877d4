/**
 * The TypeScript twin of TerritoryRoutesController: planning needs Territory_Plan and sends one
 * rep with the bounded settings; reading maps 404 to 'none' and 5xx/unreachable to
 * 'unavailable'; a user without planner access reads only their own week.
 */
import { describe, expect, it } from 'vitest';
import {
    NO_ROUTE_ACCESS,
    territoryRoutesController
} from '../../src/sandbox/apex/territory-routes-controller.js';
import { CUSTOM_PERMISSIONS, SALES_OPS_PERMISSIONS } from '../../src/sandbox/apex/permissions.js';
import type { OrgConnection } from '../../src/sandbox/org-client.js';
import { ServiceCallError } from '../../src/sandbox/service-client.js';

const MODEL = '0MA000000000001AAA';
const REP = '005000000000001AAA';
const OTHER = '005000000000002AAA';

function controller(
    answer: (method: string, path: string, body?: unknown) => unknown,
    options: { permissions?: ReadonlySet<string>; userId?: string } = {}
) {
    const calls: { method: string; path: string; body?: unknown }[] = [];
    const methods = territoryRoutesController({
        org: {} as OrgConnection,
        customPermissions: options.permissions ?? SALES_OPS_PERMISSIONS,
        ...(options.userId ? { userId: options.userId } : {}),
        service: async (method, path, body) => {
            calls.push({ method, path, body });
            return answer(method, path, body);
        }
    });
    return { methods, calls };
}

describe('TerritoryRoutesController (sandbox twin)', () => {
    it('plans one rep with the settings given and returns the job', async () => {
        const { methods, calls } = controller(() => ({
            modelId: MODEL,
            runId: 'run-1',
            jobs: [{ repId: REP, jobId: 'route-1' }]
        }));
        expect(
            await methods.planRoutes!({
                modelId: MODEL,
                repId: REP,
                days: 5,
                dayMinutes: null,
                visitMinutes: 30,
                startDate: '2026-12-07'
            })
        ).toEqual({ jobId: 'route-1', runId: 'run-1', repId: REP });
        expect(calls).toEqual([
            {
                method: 'POST',
                path: `/v1/models/${MODEL}/routes`,
                body: { repIds: [REP], days: 5, visitMinutes: 30, startDate: '2026-12-07' }
            }
        ]);
    });

    it('refuses bad input and users who may not plan before any call', async () => {
        const { methods, calls } = controller(() => ({ jobs: [] }));
        await expect(methods.planRoutes!({ modelId: MODEL, repId: REP, days: 61 })).rejects.toThrow(
            'days must be between 1 and 60 (got 61).'
        );
        await expect(
            methods.planRoutes!({ modelId: MODEL, repId: REP, startDate: '7 Dec' })
        ).rejects.toThrow('startDate must be a date');
        await expect(methods.planRoutes!({ modelId: REP, repId: REP })).rejects.toThrow(
            'Choose a territory model'
        );
        await expect(methods.getRoutes!({ modelId: MODEL, repId: MODEL })).rejects.toThrow(
            'Choose a rep'
        );
        const rep = controller(() => ({}), { permissions: new Set<string>(), userId: REP });
        await expect(rep.methods.planRoutes!({ modelId: MODEL, repId: REP })).rejects.toThrow(
            'Territory_Plan custom permission'
        );
        expect([...calls, ...rep.calls]).toEqual([]);
    });

    it('says when the service queued no job for the rep', async () => {
        const { methods } = controller(() => ({ runId: 'r', jobs: [] }));
        await expect(methods.planRoutes!({ modelId: MODEL, repId: REP })).rejects.toThrow(
            'the rep has no territory in this model'
        );
    });

    it('reads a plan, and turns no plan and a service down into states', async () => {
        const planned = controller(() => ({ days: [{ day: 1 }] }));
        expect(await planned.methods.getRoutes!({ modelId: MODEL, repId: REP })).toEqual({
            status: 'planned',
            plan: { days: [{ day: 1 }] },
            message: null,
            canPlan: true
        });
        expect(planned.calls[0]!.path).toBe(`/v1/models/${MODEL}/routes/${REP}`);
        const none = controller(() => {
            throw new ServiceCallError('no plan', 404);
        });
        expect(await none.methods.getRoutes!({ modelId: MODEL, repId: REP })).toMatchObject({
            status: 'none'
        });
        for (const status of [0, 503]) {
            const down = controller(() => {
                throw new ServiceCallError(`down ${status}`, status);
            });
            expect(await down.methods.getRoutes!({ modelId: MODEL, repId: REP })).toMatchObject({
                status: 'unavailable',
                message: `down ${status}`
            });
        }
        const rejected = controller(() => {
            throw new ServiceCallError('The territory service rejected the request (400)', 400);
        });
        await expect(rejected.methods.getRoutes!({ modelId: MODEL, repId: REP })).rejects.toThrow(
            '(400)'
        );
    });

    it('lets a rep read their own week, not another rep outside their territories', async () => {
        const approverOnly = new Set<string>([CUSTOM_PERMISSIONS.approve]);
        const approver = controller(() => ({}), { permissions: approverOnly });
        expect(await approver.methods.getRoutes!({ modelId: MODEL, repId: OTHER })).toMatchObject({
            status: 'planned',
            canPlan: false
        });
        const rep = controller(() => ({}), { permissions: new Set<string>(), userId: REP });
        expect(await rep.methods.getRoutes!({ modelId: MODEL, repId: REP })).toMatchObject({
            status: 'planned',
            canPlan: false
        });
        const unknown = controller(() => ({}), { permissions: new Set<string>() });
        await expect(unknown.methods.getRoutes!({ modelId: MODEL, repId: REP })).rejects.toThrow(
            NO_ROUTE_ACCESS
        );
        expect(unknown.calls).toEqual([]);
    });
});
