import { describe, expect, it } from 'vitest';
import type { PlanAccount } from '../../src/jobs/gateway.js';
import { territoryUnits, unitPostalCode } from '../../src/jobs/territory-units.js';

const account = (
    id: string,
    postalCode: string | undefined,
    lat: number,
    lon: number,
    potential: number,
    segment?: string
): PlanAccount => ({
    id,
    lat,
    lon,
    measures: { Potential: potential, Workload: potential / 100 },
    ...(postalCode !== undefined ? { postalCode } : {}),
    ...(segment ? { segment } : {})
});

describe('territoryUnits', () => {
    it('normalises US ZIP codes and keeps other codes as written, upper-cased', () => {
        expect(unitPostalCode('02134-1234')).toBe('02134');
        expect(unitPostalCode(' 2134 ')).toBe('02134');
        expect(unitPostalCode('sw1a 1aa')).toBe('SW1A 1AA');
        expect(unitPostalCode('  ')).toBeUndefined();
        expect(unitPostalCode(undefined)).toBeUndefined();
    });

    it('sums each postal code within a segment and names the territory holding most accounts', () => {
        const accounts = [
            account('001A00000000001AAA', '80202', 39.7, -105.0, 100),
            account('001A00000000002AAA', '80202-1111', 39.8, -105.2, 300),
            account('001A00000000003AAA', '80202', 39.9, -105.1, 200),
            account('001A00000000004AAA', '80202', 39.6, -105.1, 50, 'Enterprise'),
            account('001A00000000005AAA', '2134', 42.35, -71.13, 10),
            account('001A00000000006AAA', undefined, 40, -100, 999)
        ];
        // 15-character ids in the assignment match the 18-character account ids.
        const assignment = new Map([
            ['001A00000000001', 'T2'],
            ['001A00000000002AAA', 'T1'],
            ['001A00000000003AAA', 'T1'],
            ['001A00000000004AAA', 'T2'],
            ['001A00000000006AAA', 'T1']
        ]);
        const { units, withoutPostalCode } = territoryUnits(accounts, assignment);
        expect(withoutPostalCode).toBe(1);
        expect(units).toHaveLength(3);
        const [boston, denver, denverEnterprise] = units;
        expect(boston).toEqual({
            postalCode: '02134',
            segment: '',
            lat: 42.35,
            lon: -71.13,
            accountCount: 1,
            potential: 10,
            workload: 0.1,
            elsewhereCount: 1,
            approximateCount: 0
        });
        expect(denver).toMatchObject({
            postalCode: '80202',
            segment: '',
            accountCount: 3,
            potential: 600,
            territoryId: 'T1',
            elsewhereCount: 1
        });
        expect(denver!.lat).toBeCloseTo(39.8, 10);
        expect(denver!.lon).toBeCloseTo(-105.1, 10);
        expect(denver!.workload).toBeCloseTo(6, 10);
        expect(denverEnterprise).toMatchObject({
            postalCode: '80202',
            segment: 'Enterprise',
            accountCount: 1,
            territoryId: 'T2',
            elsewhereCount: 0
        });
        // Every account with a postal code is in exactly one unit.
        expect(units.reduce((s, u) => s + u.accountCount, 0)).toBe(5);
    });

    it('counts the accounts placed at their postal code centroid', () => {
        const accounts = [
            account('001A00000000001AAA', '10001', 40.75, -73.99, 1),
            { ...account('001A00000000002AAA', '10001', 40.7508, -73.9961, 1), approximate: true },
            { ...account('001A00000000003AAA', '10002', 40.71, -73.98, 1), approximate: true }
        ];
        const { units } = territoryUnits(accounts, new Map());
        expect(units.map((u) => [u.postalCode, u.accountCount, u.approximateCount])).toEqual([
            ['10001', 2, 1],
            ['10002', 1, 1]
        ]);
    });

    it('breaks ties by the smaller territory id and ignores double associations', () => {
        const accounts = [
            account('001A00000000001AAA', '10001', 40.75, -73.99, 1),
            account('001A00000000002AAA', '10001', 40.75, -73.99, 1),
            account('001A00000000003AAA', '10001', 40.75, -73.99, 1)
        ];
        const assignment = new Map([
            ['001A00000000001AAA', 'TB'],
            ['001A00000000002AAA', 'TA'],
            ['001A00000000003AAA', 'TA|TB']
        ]);
        const [unit] = territoryUnits(accounts, assignment).units;
        expect(unit).toMatchObject({ territoryId: 'TA', accountCount: 3, elsewhereCount: 2 });
    });
});
