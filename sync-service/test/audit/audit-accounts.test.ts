import { describe, expect, it } from 'vitest';
import { auditAccounts } from '../../src/audit/audit-accounts.js';
import { AUDIT_CATEGORIES } from '../../src/audit/types.js';
import type { AuditCategory, AuditRepsInput, AuditResult } from '../../src/audit/types.js';
import { accountsInput } from '../../src/cli/audit-command.js';
import { readTable } from '../../src/cli/csv-input.js';
import { haversineKm } from '../../src/engine/geo.js';
import { lookupPostal, resolvePostal } from '../../src/geo/postal-reference.js';
import { CLEAN_REP_IDS, generateCleanAccounts, toCsv } from './clean-accounts.js';
import type { Row } from './clean-accounts.js';

const REPS: AuditRepsInput = {
    ids: new Set([...CLEAN_REP_IDS, 'R99']),
    inactive: new Set(['R99']),
    file: 'R.csv'
};

function audit(rows: Row[], reps: AuditRepsInput | null = REPS): AuditResult {
    return auditAccounts(accountsInput(readTable('A.csv', toCsv(rows))), reps, { resolvePostal });
}

function categoriesOf(result: AuditResult, id: string): AuditCategory[] {
    return result.issues.filter((i) => i.accountId === id).map((i) => i.category);
}

const BOSTON = lookupPostal('02108')!;

describe('auditAccounts on a clean realistic file', () => {
    const rows = generateCleanAccounts(3000, 7);

    it('reports nothing: no false positives', () => {
        const result = audit(rows);
        expect(result.issues).toEqual([]);
        expect(result.duplicates).toEqual([]);
        expect(result.fixes).toEqual([]);
        expect(Object.values(result.summary).every((c) => c === 0)).toBe(true);
        expect(Object.keys(result.summary)).toEqual([...AUDIT_CATEGORIES]);
        expect(result.skipped).toEqual([]);
        // the outlier check ran on skewed columns and still flagged nothing
        const potential = result.measures.find((m) => m.name === 'Potential')!;
        expect(potential.positives).toBeGreaterThan(2500);
        expect(potential.logSpread!).toBeGreaterThan(0.8);
    });

    it('keeps names that share words but not the company apart (Acme Corp, Acme Tools Corp)', () => {
        expect(rows.slice(0, 3).map((r) => [r.Name, r.PostalCode])).toEqual([
            ['Acme Corp', '02108'],
            ['Acme Tools Corp', '02108'],
            ['Acme Tool Rental LLC', '02108']
        ]);
        expect(rows.some((r) => /#\d+$/.test(r.Name))).toBe(true); // chain stores with numbers
    });
});

describe('auditAccounts finds each planted problem', () => {
    const rows = generateCleanAccounts(2000, 11);
    const at = (k: number, patch: Partial<Row>): string => {
        Object.assign(rows[k]!, patch);
        return rows[k]!.Id;
    };
    // rows moved to another city get a name of their own there (no accidental duplicates)
    const bostonRow = (k: number, patch: Partial<Row>): string =>
        at(k, {
            Name: `Planted Row ${k}`,
            PostalCode: '02108',
            City: 'Boston',
            State: 'MA',
            Latitude: '42.3601',
            Longitude: '-71.0589',
            ...patch
        });
    const planted = {
        missing: bostonRow(100, { Latitude: '', Longitude: '' }),
        missingNoPostal: at(110, { Latitude: '', Longitude: '', PostalCode: '' }),
        halfMissing: bostonRow(120, { Longitude: '' }),
        notNumber: at(130, { Latitude: 'north' }),
        outOfRange: at(140, { Latitude: '95.5', Longitude: '-300' }),
        swappedInRange: bostonRow(150, { Latitude: '-71.0589', Longitude: '42.3601' }),
        swappedOutOfRange: at(160, {
            Name: 'Planted Row 160',
            PostalCode: '94103',
            City: 'San Francisco',
            State: 'CA',
            Latitude: '-122.4147',
            Longitude: '37.7725'
        }),
        nullIsland: bostonRow(170, { Latitude: '0', Longitude: '0' }),
        far: bostonRow(180, { Latitude: '40.7128', Longitude: '-74.0060' }),
        signFlip: bostonRow(190, { Longitude: '71.0589' }),
        unknownZip: at(200, { PostalCode: '00000' }),
        dupCaseA: bostonRow(300, { Name: 'Northwind Traders, Inc.' }),
        dupCaseB: bostonRow(301, { Name: 'NORTHWIND TRADERS LLC' }),
        dupTypoA: bostonRow(310, { Name: 'Brightwater Analytics Corp' }),
        dupTypoB: bostonRow(311, { Name: 'Brightwatre Analytics' }),
        dupCityA: at(320, {
            City: 'Springfield',
            State: 'IL',
            PostalCode: '62701',
            Latitude: '39.80',
            Longitude: '-89.65',
            Name: 'Prairie Grain Co.'
        }),
        dupCityB: at(321, {
            City: 'Springfield',
            State: 'IL',
            PostalCode: '62702',
            Latitude: '39.82',
            Longitude: '-89.64',
            Name: 'prairie grain company'
        }),
        emptyMeasure: at(400, { Workload: '' }),
        badMeasure: at(410, { Potential: 'n/a' }),
        negative: at(420, { Potential: '-2500' }),
        outlierHigh: at(430, { Potential: '90000000000' }),
        outlierLow: at(440, { Potential: '0.02' }),
        repMissing: at(500, { OwnerId: 'R404' }),
        repInactive: at(510, { OwnerId: 'R99' }),
        duplicateId: at(600, { Id: rows[601]!.Id }),
        missingId: at(610, { Id: '' })
    };
    const result = audit(rows);

    it.each([
        ['missing', 'missing_coordinates'],
        ['missingNoPostal', 'missing_coordinates'],
        ['halfMissing', 'missing_coordinates'],
        ['notNumber', 'impossible_coordinates'],
        ['outOfRange', 'impossible_coordinates'],
        ['swappedInRange', 'swapped_coordinates'],
        ['swappedOutOfRange', 'swapped_coordinates'],
        ['nullIsland', 'null_island'],
        ['far', 'far_from_postal_code'],
        ['signFlip', 'far_from_postal_code'],
        ['unknownZip', 'unknown_postal_code'],
        ['dupCaseA', 'probable_duplicate'],
        ['dupCaseB', 'probable_duplicate'],
        ['dupTypoA', 'probable_duplicate'],
        ['dupTypoB', 'probable_duplicate'],
        ['dupCityA', 'probable_duplicate'],
        ['dupCityB', 'probable_duplicate'],
        ['emptyMeasure', 'missing_measure'],
        ['badMeasure', 'invalid_measure'],
        ['negative', 'negative_measure'],
        ['outlierHigh', 'measure_outlier'],
        ['outlierLow', 'measure_outlier'],
        ['repMissing', 'rep_missing'],
        ['repInactive', 'rep_inactive'],
        ['missingId', 'missing_id']
    ] as const)('%s → %s', (key, category) => {
        expect(categoriesOf(result, planted[key])).toEqual([category]);
    });

    it('reports a repeated Id on its second line only', () => {
        const repeated = result.issues.filter((i) => i.category === 'duplicate_id');
        expect(repeated).toHaveLength(1);
        expect(repeated[0]!.accountId).toBe(planted.duplicateId);
        expect(repeated[0]!.line).toBe(603); // row 601 is on line 603 (header = 1)
    });

    it('flags nothing else: every issue is on a planted row', () => {
        const plantedIds = new Set(Object.values(planted));
        expect(result.issues.filter((i) => !plantedIds.has(i.accountId))).toEqual([]);
        expect(result.summary).toMatchObject({
            missing_coordinates: 3,
            impossible_coordinates: 2,
            swapped_coordinates: 2,
            null_island: 1,
            far_from_postal_code: 2,
            unknown_postal_code: 1,
            probable_duplicate: 6,
            missing_measure: 1,
            invalid_measure: 1,
            negative_measure: 1,
            measure_outlier: 2,
            rep_missing: 1,
            rep_inactive: 1,
            duplicate_id: 1,
            missing_id: 1
        });
        expect(result.issues.length).toBe(Object.values(result.summary).reduce((a, b) => a + b, 0));
    });

    it('groups the duplicates, each group in file order', () => {
        expect(result.duplicates).toEqual([
            [planted.dupCaseA, planted.dupCaseB],
            [planted.dupTypoA, planted.dupTypoB],
            [planted.dupCityA, planted.dupCityB]
        ]);
        const typo = result.issues.find((i) => i.accountId === planted.dupTypoA)!;
        expect(typo.message).toMatch(/one typo apart, postal code 02108/);
        const city = result.issues.find((i) => i.accountId === planted.dupCityB)!;
        expect(city.message).toMatch(/city Springfield, IL/);
    });

    it('fixes only what needs no judgement, each change listed', () => {
        const byId = new Map<string, { field: string; from: string; to: string }[]>();
        for (const f of result.fixes) byId.set(f.accountId, [...(byId.get(f.accountId) ?? []), f]);
        expect([...byId.keys()].sort()).toEqual(
            [
                planted.missing,
                planted.halfMissing,
                planted.nullIsland,
                planted.swappedInRange,
                planted.swappedOutOfRange
            ].sort()
        );
        const centre = { Latitude: String(BOSTON.lat), Longitude: String(BOSTON.lon) };
        expect(byId.get(planted.missing)).toMatchObject([
            { field: 'Latitude', from: '', to: centre.Latitude },
            { field: 'Longitude', from: '', to: centre.Longitude }
        ]);
        expect(byId.get(planted.nullIsland)).toMatchObject([
            { field: 'Latitude', from: '0', to: centre.Latitude },
            { field: 'Longitude', from: '0', to: centre.Longitude }
        ]);
        expect(byId.get(planted.swappedInRange)).toMatchObject([
            { field: 'Latitude', from: '-71.0589', to: '42.3601' },
            { field: 'Longitude', from: '42.3601', to: '-71.0589' }
        ]);
        expect(result.fixes.filter((f) => f.approximate).map((f) => f.accountId)).toEqual([
            planted.missing,
            planted.missing,
            planted.halfMissing,
            planted.halfMissing,
            planted.nullIsland,
            planted.nullIsland
        ]);
        // the FIXED.csv values: every fixed row lands near its own postal code
        for (const [i, { latitude, longitude }] of result.fixedCoordinates) {
            const c = lookupPostal(rows[i]!.PostalCode)!;
            expect(haversineKm(Number(latitude), Number(longitude), c.lat, c.lon)).toBeLessThan(5);
        }
        expect(result.fixedCoordinates.size).toBe(5);
    });

    it('says what to do: the sign flip is named, the far point asks which value is wrong', () => {
        const flip = result.issues.find((i) => i.accountId === planted.signFlip)!;
        expect(flip.suggestion).toMatch(
            /Longitude looks like it lost \(or gained\) its minus sign/
        );
        const far = result.issues.find((i) => i.accountId === planted.far)!;
        expect(far.message).toMatch(
            /^\(40\.7128, -74\.0060\) is 30\d km from .*02108 \(Boston, MA/
        );
        expect(far.suggestion).toMatch(/coordinates or the postal code are wrong/);
        for (const issue of result.issues) {
            expect(issue.message.length).toBeGreaterThan(10);
            expect(issue.suggestion.length).toBeGreaterThan(10);
        }
    });
});

describe('auditAccounts options and skipped checks', () => {
    it('uses the postal distance threshold it is given', () => {
        const rows = generateCleanAccounts(30, 3);
        const c = lookupPostal(rows[5]!.PostalCode)!;
        // 0.2° of latitude north of the centroid: about 22 km
        rows[5]!.Latitude = (c.lat + 0.2).toFixed(4);
        rows[5]!.Longitude = String(c.lon);
        const input = accountsInput(readTable('A.csv', toCsv(rows)));
        const strict = auditAccounts(input, null, { resolvePostal, postalKm: 10 });
        const loose = auditAccounts(input, null, { resolvePostal });
        expect(categoriesOf(strict, rows[5]!.Id)).toEqual(['far_from_postal_code']);
        expect(categoriesOf(loose, rows[5]!.Id)).toEqual([]);
        expect(loose.postalKm).toBe(50);
        expect(loose.skipped).toEqual([
            'rep checks: no reps file (--reps) to check OwnerId against.'
        ]);
    });

    it('says which checks could not run for lack of columns', () => {
        const input = accountsInput(readTable('A.csv', 'Id,Latitude,Longitude\nA1,42.1,-71.2\n'));
        const result = auditAccounts(input, REPS, { resolvePostal });
        expect(result.issues).toEqual([]);
        expect(result.skipped).toEqual([
            'postal code checks (far_from_postal_code, geocoding missing coordinates): no PostalCode column.',
            'probable_duplicate: no Name column.',
            'measure checks: no numeric measure column.',
            'rep checks: the accounts file has no RepId or OwnerId column.'
        ]);
    });
});
