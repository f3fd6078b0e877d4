import { describe, expect, it } from 'vitest';
import { isTypoPair, normaliseCompanyName } from '../../src/audit/company-name.js';

const typo = (a: string, b: string): boolean =>
    isTypoPair(normaliseCompanyName(a), normaliseCompanyName(b));

describe('normaliseCompanyName', () => {
    it.each([
        ['Acme, Inc.', 'acme'],
        ['ACME Corp', 'acme'],
        ['Acme Corporation', 'acme'],
        ['acme l.l.c.', 'acme'],
        ['Acme Co., Ltd.', 'acme'],
        ['Acme GmbH', 'acme'],
        ['Smith & Co', 'smith'],
        ['The Home Depot, Inc.', 'homedepot'],
        ["O'Brien Plumbing LLC", 'obrienplumbing'],
        ['Crème Brûlée Café S.A.', 'cremebruleecafe'],
        ['Blue-Sky  Logistics', 'blueskylogistics'],
        ['Acme Tools Corp', 'acmetools'],
        ['Walgreens #4521', 'walgreens4521'],
        ['Inc', 'inc'], // a name that is only a legal form keeps it
        ['', '']
    ])('%s → %s', (name, compact) => {
        expect(normaliseCompanyName(name).compact).toBe(compact);
    });

    it('keeps the words apart', () => {
        expect(normaliseCompanyName('The Blue-Sky Logistics, LLC').tokens).toEqual([
            'blue',
            'sky',
            'logistics'
        ]);
    });
});

describe('isTypoPair', () => {
    it.each([
        ['Johnson Plumbing', 'Jonson Plumbing'], // deletion
        ['Brightwater Analytics', 'Brightwatre Analytics'], // neighbours swapped
        ['Meridian Dental', 'Meridan Dental Inc'], // deletion, legal form aside
        ['Acme Tool', 'Acme Tools'], // insertion at the end
        ['Sterling Hardware', 'Sterling Hardwere'] // substitution
    ])('%s ~ %s', (a, b) => {
        expect(typo(a, b)).toBe(true);
        expect(typo(b, a)).toBe(true);
    });

    it.each([
        ['Hill Bakery', 'Mill Bakery'], // another first letter: another word
        ['Bakery Hill', 'Bakery Mill'],
        ['Pine Dental', 'Pike Dental'], // a four-letter word
        ['Store 12', 'Store 13'], // numbers differ
        ['Walgreens #4521', 'Walgreens #4522'],
        ['Acme Corp', 'Acme Tools Corp'], // a word more
        ['Acme Tools', 'Acme Pools'],
        ['Abcde', 'Abcdf'], // too short to tell
        ['Johnson Plumbing', 'Jonsen Plumbing'], // two edits
        ['Acme Tool Supply', 'Acme Tools Upply'] // the words split differently
    ])('%s ≁ %s', (a, b) => {
        expect(typo(a, b)).toBe(false);
        expect(typo(b, a)).toBe(false);
    });

    it('is not a typo when the names are equal', () => {
        expect(typo('Acme Inc', 'ACME LLC')).toBe(false);
    });
});
