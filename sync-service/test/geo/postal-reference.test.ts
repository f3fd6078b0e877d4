import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
    POSTAL_REFERENCE,
    lookupPostal,
    normaliseCountry,
    normalisePostalCode,
    normaliseUsZip,
    resolvePostal
} from '../../src/geo/postal-reference.js';

describe('normaliseUsZip', () => {
    it.each([
        ['02134', '02134'],
        [' 02134 ', '02134'],
        ['\t90210\n', '90210'],
        ['02134-1234', '02134'],
        ['02134 1234', '02134'],
        ['021341234', '02134'],
        // leading zeros stripped by a spreadsheet
        ['2134', '02134'],
        ['501', '00501'],
        ['2134-1234', '02134'],
        ['21341234', '02134'],
        ['5011234', '00501']
    ])('%j → %s', (raw, zip) => {
        expect(normaliseUsZip(raw)).toBe(zip);
    });

    it.each([
        '',
        '  ',
        '12',
        '123456',
        '1234567890',
        '02134-12',
        'ABCDE',
        '0213A',
        'K1A 0B1',
        '-2134'
    ])('%j is not a ZIP code', (raw) => {
        expect(normaliseUsZip(raw)).toBeUndefined();
    });
});

describe('normaliseCountry', () => {
    it.each([
        [undefined, 'US'],
        [null, 'US'],
        ['', 'US'],
        ['us', 'US'],
        ['USA', 'US'],
        [' United  States ', 'US'],
        ['united states of america', 'US'],
        ['U.S.A.', 'US'],
        ['ca', 'CA'],
        ['Canada', 'CANADA']
    ])('%j → %s', (raw, iso) => {
        expect(normaliseCountry(raw)).toBe(iso);
    });

    it('normalises postal codes only for covered countries', () => {
        expect(normalisePostalCode('2134', 'USA')).toBe('02134');
        expect(normalisePostalCode('2134', 'AU')).toBeUndefined();
    });
});

describe('lookupPostal', () => {
    // Expected centroids from an independent source (US Census 2021 ZCTA internal points),
    // compared to ~0.1°.
    it.each([
        ['02134', 42.3588, -71.1296, 'Allston, MA'],
        ['90210', 34.1005, -118.4146, 'Beverly Hills, CA'],
        ['10001', 40.7507, -73.9973, 'New York, NY'],
        ['60601', 41.8852, -87.6215, 'Chicago, IL'],
        ['98101', 47.6109, -122.3364, 'Seattle, WA'],
        ['99501', 61.22, -149.8578, 'Anchorage, AK'],
        ['96813', 21.3165, -157.8451, 'Honolulu, HI'],
        ['33101', 25.7798, -80.1988, 'Miami, FL'],
        ['04101', 43.6626, -70.2579, 'Portland, ME']
    ])('%s is near (%f, %f)', (zip, lat, lon, place) => {
        const c = lookupPostal(zip);
        expect(c).toBeDefined();
        expect(Math.abs(c!.lat - lat)).toBeLessThan(0.1);
        expect(Math.abs(c!.lon - lon)).toBeLessThan(0.1);
        expect(c!.postalCode).toBe(zip);
        expect(c!.place).toBe(place);
    });

    it('finds ZIP+4, padded and whitespace-wrapped forms at the same centroid', () => {
        const base = lookupPostal('02134')!;
        for (const raw of ['02134-1234', ' 02134 ', '2134', '21341234', '02134 5678']) {
            expect(lookupPostal(raw)).toEqual(base);
        }
        expect(lookupPostal('02134', 'United States')).toEqual(base);
        // 00501 (Holtsville, NY: the IRS's unique ZIP) only exists with its zeros put back
        const irs = lookupPostal('501')!;
        expect(irs.postalCode).toBe('00501');
        expect(Math.abs(irs.lat - 40.82)).toBeLessThan(0.1);
        expect(Math.abs(irs.lon - -73.05)).toBeLessThan(0.1);
    });

    it('returns undefined for unknown or unusable codes, and resolvePostal says why', () => {
        expect(lookupPostal('00000')).toBeUndefined();
        expect(lookupPostal('99999')).toBeUndefined();
        expect(lookupPostal('')).toBeUndefined();
        expect(lookupPostal('SW1A 1AA')).toBeUndefined();
        expect(lookupPostal('02134', 'CA')).toBeUndefined();
        expect(resolvePostal('99999')).toEqual({
            ok: false,
            reason: "ZIP code '99999' is not in the offline postal reference."
        });
        expect(resolvePostal(' 12x45 ')).toEqual({
            ok: false,
            reason: "'12x45' is not a US ZIP code."
        });
        expect(resolvePostal('  ')).toEqual({ ok: false, reason: 'the postal code is empty.' });
        expect(resolvePostal('02134', 'Canada')).toMatchObject({ ok: false });
        expect(resolvePostal('02134', 'Canada')).toHaveProperty(
            'reason',
            "country 'CANADA' is not in the offline postal reference (it covers US)."
        );
    });

    it('does not place military APO/FPO/DPO codes (they are located at overseas bases)', () => {
        const r = resolvePostal('09001');
        expect(r.ok).toBe(false);
        expect(r.ok ? '' : r.reason).toMatch(/'09001' is a military mail code \(APO AA\)/);
    });

    it('names the package version that sync-service pins', () => {
        const pkg = JSON.parse(
            readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
        ) as { dependencies: Record<string, string> };
        expect(pkg.dependencies[POSTAL_REFERENCE.package]).toBe(POSTAL_REFERENCE.version);
    });
});
