/**
 * The TypeScript twin of TerritoryDataQualityController: the same checks before any call, the
 * same paths and bodies to the service, and no audit yet (404) as an empty state.
 */
import { describe, expect, it } from 'vitest';
import {
    id18,
    territoryDataQualityController
} from '../../src/sandbox/apex/territory-data-quality-controller.js';
import { CUSTOM_PERMISSIONS, SALES_OPS_PERMISSIONS } from '../../src/sandbox/apex/permissions.js';
import { ServiceCallError } from '../../src/sandbox/service-client.js';

const MODEL = '0MA000000000001AAA';
const ACCOUNT = '001000000000001AAA';

function controller(
    answer: (method: string, path: string, body?: unknown) => unknown,
    permissions: ReadonlySet<string> = SALES_OPS_PERMISSIONS
) {
    const calls: { method: string; path: string; body?: unknown }[] = [];
    const methods = territoryDataQualityController({
        customPermissions: permissions,
        service: async (method, path, body) => {
            calls.push({ method, path, body });
            return answer(method, path, body);
        }
    });
    return { methods, calls };
}

describe('TerritoryDataQualityController (sandbox twin)', () => {
    it('gives 18-character ids as Apex does', () => {
        expect(id18('001000000000001')).toBe('001000000000001AAA');
        expect(id18('0015g00000ABCdE')).toBe(`0015g00000ABCdE${id18('0015g00000ABCdE').slice(15)}`);
        expect(id18('001Zz0000000000')).toHaveLength(18);
        expect(id18('001Zz0000000000').slice(15)).not.toBe('AAA');
    });

    it('reads the audit, and answers noAudit when the service has none', async () => {
        const { methods, calls } = controller(() => ({ headline: 'x' }));
        expect(await methods.getAudit!({ modelId: MODEL, examples: 10 })).toEqual({
            headline: 'x'
        });
        expect(calls[0]).toEqual({
            method: 'GET',
            path: `/v1/models/${MODEL}/audit?examples=10`,
            body: undefined
        });
        const missing = controller(() => {
            throw new ServiceCallError('No audit of model', 404);
        });
        expect(await missing.methods.getAudit!({ modelId: MODEL, examples: 0 })).toEqual({
            noAudit: true,
            message: 'No audit of model'
        });
        const down = controller(() => {
            throw new ServiceCallError('The territory service failed (503)', 503);
        });
        await expect(down.methods.getAudit!({ modelId: MODEL, examples: 0 })).rejects.toThrow(
            'The territory service failed (503)'
        );
    });

    it('refuses bad arguments and missing permissions before any call', async () => {
        const { methods, calls } = controller(() => ({}));
        await expect(methods.getAudit!({ modelId: MODEL, examples: 51 })).rejects.toThrow(
            'examples must be a number from 0 to 50 (got 51).'
        );
        await expect(methods.runAudit!({ modelId: ACCOUNT })).rejects.toThrow(
            'Choose a territory model'
        );
        await expect(
            methods.placeAtPostalCode!({ modelId: MODEL, accountIds: [] })
        ).rejects.toThrow('Select at least one account.');
        await expect(
            methods.placeAtPostalCode!({ modelId: MODEL, accountIds: [MODEL] })
        ).rejects.toThrow('is not an account id.');
        await expect(
            methods.setExcluded!({ modelId: MODEL, accountIds: [ACCOUNT], excluded: 'true' })
        ).rejects.toThrow('Say whether to exclude');
        const approver = controller(() => ({}), new Set([CUSTOM_PERMISSIONS.approve]));
        await expect(approver.methods.runAudit!({ modelId: MODEL })).rejects.toThrow(
            'Territory_Plan'
        );
        expect(await approver.methods.getAudit!({ modelId: MODEL, examples: 1 })).toEqual({});
        expect(calls).toHaveLength(0);
    });

    it('posts the actions with each account once', async () => {
        const { methods, calls } = controller(() => ({ written: [] }));
        await methods.runAudit!({ modelId: MODEL });
        await methods.placeAtPostalCode!({
            modelId: MODEL,
            accountIds: [ACCOUNT, ACCOUNT.slice(0, 15)]
        });
        await methods.setExcluded!({ modelId: MODEL, accountIds: [ACCOUNT], excluded: false });
        expect(calls).toEqual([
            { method: 'POST', path: `/v1/models/${MODEL}/audit`, body: {} },
            {
                method: 'POST',
                path: `/v1/models/${MODEL}/audit/geocode`,
                body: { accountIds: [ACCOUNT] }
            },
            {
                method: 'POST',
                path: `/v1/models/${MODEL}/audit/exclude`,
                body: { accountIds: [ACCOUNT], excluded: false }
            }
        ]);
    });
});
