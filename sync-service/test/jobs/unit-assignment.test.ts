import { describe, expect, it } from 'vitest';
import type { PlanAccount } from '../../src/jobs/gateway.js';
import { unitAssignment } from '../../src/jobs/unit-assignment.js';

const account = (id: string, postalCode: string | undefined, segment?: string): PlanAccount => ({
    id,
    lat: 40,
    lon: -75,
    measures: { Potential: 1 },
    ...(postalCode !== undefined ? { postalCode } : {}),
    ...(segment ? { segment } : {})
});

describe('unitAssignment', () => {
    it('gives each unit its majority territory, keyed as the planner keys units', () => {
        const accounts = [
            account('001000000000001', '02134-1234'),
            account('001000000000002', '2134'),
            account('001000000000003', '02134'),
            account('001000000000004', 'sw1a 1aa', 'SMB'),
            account('001000000000005', '10001', 'SMB'),
            account('001000000000006', undefined)
        ];
        const map = new Map([
            ['001000000000001', 'T2'],
            ['001000000000002', 'T2'],
            ['001000000000003', 'T1'],
            ['001000000000004', 'T3'],
            ['001000000000006', 'T1']
        ]);
        expect(unitAssignment(accounts, map)).toEqual({
            units: { '|02134': 'T2', 'SMB|SW1A 1AA': 'T3' },
            truncated: false
        });
    });

    it('keeps the units with most accounts, ties by postal code, and says when it left some out', () => {
        const accounts = [
            account('001000000000001', '30003'),
            account('001000000000002', '20002'),
            account('001000000000003', '20002'),
            account('001000000000004', '10001'),
            account('001000000000005', '40004'),
            account('001000000000006', '40004'),
            account('001000000000007', '40004')
        ];
        const map = new Map(accounts.map((a, i) => [a.id, `T${i}`]));
        // 40004: T4 T5 T6, one each (ties: smallest key); 20002: T1 T2.
        expect(unitAssignment(accounts, map, 3)).toEqual({
            units: { '|40004': 'T4', '|20002': 'T1', '|10001': 'T3' },
            truncated: true
        });
        expect(unitAssignment(accounts, map, 4).truncated).toBe(false);
        expect(Object.keys(unitAssignment(accounts, map, 0).units)).toEqual([]);
    });
});
