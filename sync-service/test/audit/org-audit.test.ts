import { describe, expect, it } from 'vitest';
import {
    accountMergeUrl,
    auditOrgAccounts,
    dispositionOf,
    headline,
    withExamples,
    type OrgAccountRow
} from '../../src/audit/org-audit.js';
import { lookupPostal } from '../../src/geo/postal-reference.js';

const AT = '2026-01-05T10:00:00.000Z';
const OWNER = '005000000000001AAA';
const GONE = '005000000000002AAA';
const users = [
    { id: OWNER, isActive: true },
    { id: GONE, isActive: false }
];

let seq = 0;
/** A clean account in Denver's 80202, 1 km from the ZIP code's centre. */
function row(fields: Partial<OrgAccountRow> = {}): OrgAccountRow {
    seq += 1;
    const centre = lookupPostal('80202')!;
    return {
        id: `001000000000${String(seq).padStart(3, '0')}AAA`,
        name: `Company ${['Alpha', 'Bravo', 'Delta', 'Echo', 'Golf'][seq % 5]} ${seq}`,
        lat: centre.lat + 0.005,
        lon: centre.lon,
        postalCode: '80202',
        city: 'Denver',
        state: 'CO',
        country: 'United States',
        ownerId: OWNER,
        // log-normal-ish spread so the outlier check has a sample and flags nothing
        measures: { Potential: 1000 + (seq % 17) * 150, Workload: 5 + (seq % 7) },
        excluded: false,
        approximate: false,
        ...fields
    };
}

const audit = (rows: OrgAccountRow[], examples?: number) =>
    auditOrgAccounts(rows, users, {
        modelId: '0MA000000000001AAA',
        measureNames: ['Potential', 'Workload'],
        auditedAt: AT,
        ...(examples !== undefined ? { examples } : {})
    });

describe('org audit', () => {
    it('flags nothing on clean accounts', () => {
        const rows = Array.from({ length: 30 }, () => row());
        const result = audit(rows);
        expect(result.categories).toEqual([]);
        expect(result.plan).toEqual({ placed_by_postal_code: 0, excluded: 0, flagged: 0 });
        expect(result.coordinates).toEqual({ missing: 0, placedByPostalCode: 0, excluded: 0 });
        expect(result.headline).toBe('Every account has coordinates.');
        expect(result.duplicates.groups).toBe(0);
        expect(result.accounts).toBe(30);
        expect(result.auditedAt).toBe(AT);
    });

    it('says what the plan does with accounts lacking coordinates', () => {
        const clean = Array.from({ length: 25 }, () => row());
        const byZip = row({ lat: null, lon: null });
        const byZip2 = row({ lat: null, lon: null, postalCode: '2134-1234' });
        const nullIsland = row({ lat: 0, lon: 0 });
        const noZip = row({ lat: null, lon: null, postalCode: null });
        const badZip = row({ lat: null, lon: null, postalCode: 'SW1A 1AA' });
        const excludedByZip = row({ lat: null, lon: null, excluded: true });
        const result = audit([...clean, byZip, byZip2, nullIsland, noZip, badZip, excludedByZip]);
        // (0, 0) counts as missing: the planner places it by its postal code too.
        expect(result.coordinates).toEqual({ missing: 6, placedByPostalCode: 3, excluded: 3 });
        expect(result.headline).toBe(
            '6 accounts lack coordinates: 3 placed by postal code, 3 excluded.'
        );
        const missing = result.categories.find((c) => c.category === 'missing_coordinates')!;
        expect(missing.count).toBe(5);
        expect(missing.dispositions).toEqual({
            placed_by_postal_code: 2,
            excluded: 3,
            flagged: 0
        });
        const examples = new Map(missing.examples.map((e) => [e.accountId, e.disposition]));
        expect(examples.get(byZip.id)).toBe('placed_by_postal_code');
        expect(examples.get(noZip.id)).toBe('excluded');
        expect(examples.get(excludedByZip.id)).toBe('excluded');
        expect(result.categories.find((c) => c.category === 'null_island')!.examples).toEqual([
            expect.objectContaining({
                accountId: nullIsland.id,
                disposition: 'placed_by_postal_code'
            })
        ]);
        expect(result.categories.find((c) => c.category === 'excluded_from_planning')!.count).toBe(
            1
        );
        expect(result.plan).toEqual({ placed_by_postal_code: 3, excluded: 3, flagged: 0 });
    });

    it('flags wrong coordinates, measures and inactive owners but plans them as they are', () => {
        const clean = Array.from({ length: 25 }, () => row());
        const centre = lookupPostal('80202')!;
        const swapped = row({ lat: centre.lon, lon: centre.lat });
        const far = row({ lat: 40.7, lon: -74.0 });
        const negative = row({ measures: { Potential: -5, Workload: 3 } });
        const empty = row({ measures: { Potential: null, Workload: 3 } });
        const inactive = row({ ownerId: GONE });
        const approximate = row({ lat: centre.lat, lon: centre.lon, approximate: true });
        const result = audit([...clean, swapped, far, negative, empty, inactive, approximate]);
        const count = Object.fromEntries(result.categories.map((c) => [c.category, c.count]));
        expect(count).toEqual({
            swapped_coordinates: 1,
            far_from_postal_code: 1,
            missing_measure: 1,
            negative_measure: 1,
            rep_inactive: 1,
            approximate_location: 1
        });
        expect(result.plan).toEqual({ placed_by_postal_code: 1, excluded: 0, flagged: 5 });
        const swappedCategory = result.categories.find(
            (c) => c.category === 'swapped_coordinates'
        )!;
        expect(swappedCategory.examples[0]).toMatchObject({
            accountId: swapped.id,
            disposition: 'flagged'
        });
        expect(swappedCategory.suggestion).not.toMatch(/FIXED\.csv/);
    });

    it('groups name variants in one postal code and links them to the merge screen', () => {
        const clean = Array.from({ length: 25 }, () => row());
        const a = row({ name: 'Northwind Traders Inc. 7' });
        const b = row({ name: 'NORTHWIND TRADERS INC 7, LLC' });
        const c = row({ name: 'Northwind Tradrs Inc. 7' });
        // Same name in another city and postal code: not a duplicate.
        const elsewhere = row({
            name: 'Northwind Traders Inc. 7',
            postalCode: '02134',
            city: 'Boston',
            state: 'MA',
            lat: lookupPostal('02134')!.lat,
            lon: lookupPostal('02134')!.lon
        });
        const result = audit([...clean, a, b, c, elsewhere]);
        expect(result.duplicates.groups).toBe(1);
        expect(result.duplicates.examples[0]!.accountIds).toEqual([a.id, b.id, c.id]);
        expect(result.duplicates.examples[0]!.names).toEqual([a.name, b.name, c.name]);
        expect(result.duplicates.examples[0]!.mergeUrl).toBe(
            `/merge/accmergewizard.jsp?goNext=+Next+&cid=${a.id}&cid=${b.id}&cid=${c.id}`
        );
        expect(result.plan.flagged).toBe(3);
    });

    it('keeps at most the asked number of examples, and the full counts', () => {
        const rows = [
            ...Array.from({ length: 25 }, () => row()),
            ...Array.from({ length: 12 }, () => row({ lat: null, lon: null }))
        ];
        const stored = audit(rows, 5);
        const missing = stored.categories.find((c) => c.category === 'missing_coordinates')!;
        expect(missing.count).toBe(12);
        expect(missing.examples).toHaveLength(5);
        const fewer = withExamples(stored, 2);
        expect(fewer.categories[0]!.examples).toHaveLength(2);
        expect(fewer.categories[0]!.count).toBe(12);
        expect(withExamples(stored, 0).categories[0]!.examples).toEqual([]);
    });
});

describe('merge link and helpers', () => {
    it('selects at most three accounts, the most Salesforce merges at once', () => {
        const ids = ['001A', '001B', '001C', '001D'];
        expect(accountMergeUrl(ids)).toBe(
            '/merge/accmergewizard.jsp?goNext=+Next+&cid=001A&cid=001B&cid=001C'
        );
    });

    it('words the headline in the singular and plural', () => {
        expect(headline({ missing: 1, placedByPostalCode: 1, excluded: 0 })).toBe(
            '1 account lacks coordinates: 1 placed by postal code, 0 excluded.'
        );
        expect(headline({ missing: 83, placedByPostalCode: 71, excluded: 12 })).toBe(
            '83 accounts lack coordinates: 71 placed by postal code, 12 excluded.'
        );
    });

    it('gives no disposition to a clean account', () => {
        expect(dispositionOf(row(), 0)).toBeNull();
        expect(dispositionOf(row(), 1)).toBe('flagged');
        expect(dispositionOf(row({ excluded: true }), 0)).toBe('excluded');
    });
});
