import { describe, expect, it } from 'vitest';
import type { PlanAccount, PlanSnapshot } from '../../src/jobs/gateway.js';
import {
    countByZip,
    territoryByZip,
    totalsByTerritory,
    withZipMeasure
} from '../../src/market/zip-measures.js';

const account = (
    id: string,
    postalCode: string | undefined,
    territoryId: string,
    extra: Partial<PlanAccount> = {}
): PlanAccount => ({
    id,
    lat: 40,
    lon: -100,
    measures: { Potential: 1 },
    ...(postalCode ? { postalCode } : {}),
    territoryId,
    ...extra
});

const snapshot: PlanSnapshot = {
    modelId: 'M',
    territories: [
        { id: 'T1', name: 'North', repActive: true },
        { id: 'T2', name: 'South', repActive: true }
    ],
    accounts: [
        account('A1', '80202', 'T1'),
        account('A2', '80202', 'T1'),
        account('A3', '80202', 'T2'),
        account('A4', '80203', 'T2'),
        account('A5', '80203', 'T1', { excluded: true }),
        account('A6', undefined, 'T2'),
        // one each: the tie goes to the smaller territory id
        account('A7', '80204', 'T2'),
        account('A8', '80204', 'T1')
    ]
};

describe('values per postal code', () => {
    it("split a ZIP code's value among its planned accounts", () => {
        const values = new Map([
            ['80202', 90],
            ['80203', 10],
            ['99999', 7]
        ]);
        const out = withZipMeasure(snapshot, 'Market', values);
        const m = new Map(out.snapshot.accounts.map((a) => [a.id, a.measures.Market]));
        expect([...m]).toEqual([
            ['A1', 30],
            ['A2', 30],
            ['A3', 30],
            ['A4', 10],
            ['A5', 0], // excluded: no part in plans
            ['A6', 0], // no ZIP code
            ['A7', 0],
            ['A8', 0]
        ]);
        // the planned accounts carry exactly the covered value
        expect([...m.values()].reduce((sum: number, v) => sum + (v ?? 0), 0)).toBe(out.covered);
        expect(out).toMatchObject({ covered: 100, uncovered: 7 });
        // the input is left as it was
        expect(snapshot.accounts[0]!.measures).toEqual({ Potential: 1 });
        expect(() => withZipMeasure(snapshot, 'Potential', values)).toThrow(/already exists/);
    });

    it('belong to the territory holding most of the ZIP code', () => {
        expect([...territoryByZip(snapshot)]).toEqual([
            ['80202', 'T1'],
            ['80203', 'T1'], // A4 (T2) and A5 (T1): tie, smaller id
            ['80204', 'T1']
        ]);
        const totals = totalsByTerritory(
            snapshot,
            new Map([
                ['80202', 5],
                ['02134', 2]
            ])
        );
        expect(totals).toEqual({
            byTerritory: [{ territoryId: 'T1', name: 'North', total: 5 }],
            unassigned: 2,
            total: 7
        });
    });

    it('count postal codes in their 5-digit form', () => {
        expect([...countByZip(['80202', '80202-1234', '2134', null, 'SW1A 1AA'])]).toEqual([
            ['80202', 2],
            ['02134', 1],
            ['', 2]
        ]);
    });
});
