/**
 * The TypeScript twin of TerritoryMarketController: the same checks before any call, the same
 * paths and bodies to the service, and the service's 400 (every bad line named) passed on.
 */
import { describe, expect, it } from 'vitest';
import { territoryMarketController } from '../../src/sandbox/apex/territory-market-controller.js';
import { CUSTOM_PERMISSIONS, SALES_OPS_PERMISSIONS } from '../../src/sandbox/apex/permissions.js';
import { ServiceCallError } from '../../src/sandbox/service-client.js';

const MODEL = '0MA000000000001AAA';
const LAYER = 'a0L000000000001AAA';
const CSV = 'PostalCode,Value\n10001,12';

function controller(
    answer: (method: string, path: string, body?: unknown) => unknown,
    permissions: ReadonlySet<string> = SALES_OPS_PERMISSIONS
) {
    const calls: { method: string; path: string; body?: unknown }[] = [];
    const methods = territoryMarketController({
        customPermissions: permissions,
        service: async (method, path, body) => {
            calls.push({ method, path, body });
            return answer(method, path, body);
        }
    });
    return { methods, calls };
}

describe('TerritoryMarketController (sandbox twin)', () => {
    it('lists layers, reads one and counts the leads of a period', async () => {
        const { methods, calls } = controller(() => ({ ok: 1 }));
        expect(await methods.listLayers!({})).toEqual({ ok: 1 });
        await methods.getLayer!({ layerId: LAYER });
        await methods.getLeadFlow!({
            modelId: MODEL,
            fromDate: '2026-07-01',
            toDate: '2026-10-01'
        });
        expect(calls).toEqual([
            { method: 'GET', path: '/v1/layers', body: undefined },
            { method: 'GET', path: `/v1/layers/${LAYER}`, body: undefined },
            {
                method: 'GET',
                path: `/v1/models/${MODEL}/lead-flow?from=2026-07-01&to=2026-10-01`,
                body: undefined
            }
        ]);
    });

    it('imports a file with the name trimmed and passes the named bad lines on', async () => {
        const { methods, calls } = controller(() => ({ id: LAYER }));
        await methods.importLayer!({
            name: ' Addressable ',
            kind: 'postal_values',
            format: 'csv',
            content: CSV,
            valueName: 'Companies'
        });
        await methods.importLayer!({
            name: 'Sites',
            kind: 'points',
            format: 'geojson',
            content: '{}'
        });
        expect(calls.map((c) => c.body)).toEqual([
            {
                name: 'Addressable',
                kind: 'postal_values',
                format: 'csv',
                content: CSV,
                valueName: 'Companies'
            },
            { name: 'Sites', kind: 'points', format: 'geojson', content: '{}' }
        ]);
        const bad = controller(() => {
            throw new ServiceCallError(
                "The territory service rejected the request (400: 1 problem(s) in the layer file: line 2, column PostalCode: 'abc')",
                400
            );
        });
        await expect(
            bad.methods.importLayer!({
                name: 'x',
                kind: 'postal_values',
                format: 'csv',
                content: 'a'
            })
        ).rejects.toThrow("line 2, column PostalCode: 'abc'");
    });

    it('refuses bad arguments and missing permissions before any call', async () => {
        const { methods, calls } = controller(() => ({}));
        const file = { name: 'x', kind: 'points', format: 'csv', content: CSV };
        await expect(methods.importLayer!({ ...file, name: ' ' })).rejects.toThrow(
            'Give the layer a name of 1 to 80 characters.'
        );
        await expect(methods.importLayer!({ ...file, kind: 'county' })).rejects.toThrow(
            'points or values per postal code (got "county")'
        );
        await expect(methods.importLayer!({ ...file, format: 'xlsx' })).rejects.toThrow(
            'Choose a CSV or a GeoJSON file'
        );
        await expect(methods.importLayer!({ ...file, content: '' })).rejects.toThrow(
            'The file is empty'
        );
        await expect(methods.getLayer!({ layerId: MODEL })).rejects.toThrow(
            'Choose a market layer'
        );
        await expect(
            methods.getLeadFlow!({ modelId: MODEL, fromDate: '2026-7-1', toDate: '2026-10-01' })
        ).rejects.toThrow('The from date must be YYYY-MM-DD (got "2026-7-1").');
        await expect(
            methods.getLeadFlow!({ modelId: MODEL, fromDate: '2026-10-01', toDate: '2026-07-01' })
        ).rejects.toThrow('The period must start before it ends');
        const approver = controller(() => ({}), new Set([CUSTOM_PERMISSIONS.approve]));
        await expect(approver.methods.importLayer!(file)).rejects.toThrow('Territory_Plan');
        expect(await approver.methods.listLayers!({})).toEqual({});
        expect(calls).toHaveLength(0);
    });
});
