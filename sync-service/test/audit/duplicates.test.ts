import { describe, expect, it } from 'vitest';
import { isTypoPair, normaliseCompanyName } from '../../src/audit/company-name.js';
import { deletionHashes, findProbableDuplicates } from '../../src/audit/duplicates.js';
import type { AuditAccountsInput } from '../../src/audit/types.js';
import { mulberry32 } from '../../src/engine/geo.js';

function input(rows: { name: string; postal: string; city: string }[]): AuditAccountsInput {
    const n = rows.length;
    return {
        ids: rows.map((_, i) => `A${i}`),
        lines: rows.map((_, i) => i + 2),
        latitudeRaw: rows.map(() => ''),
        longitudeRaw: rows.map(() => ''),
        latitude: new Float64Array(n),
        longitude: new Float64Array(n),
        postalCode: rows.map((r) => r.postal),
        country: null,
        name: rows.map((r) => r.name),
        city: rows.map((r) => r.city),
        state: null,
        rep: null,
        measures: []
    };
}

/** Every pair compared: the groups blocking and the deletion index must reproduce. */
function bruteForce(rows: { name: string; postal: string; city: string }[]): number[][] {
    const parent = rows.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    const names = rows.map((r) => normaliseCompanyName(r.name));
    for (let i = 0; i < rows.length; i++) {
        for (let j = i + 1; j < rows.length; j++) {
            const a = rows[i]!;
            const b = rows[j]!;
            const sameBlock =
                (a.postal !== '' && a.postal === b.postal) ||
                (a.city !== '' && a.city.toLowerCase() === b.city.toLowerCase());
            const x = names[i]!;
            const y = names[j]!;
            if (!sameBlock || x.compact === '' || y.compact === '') continue;
            if (x.compact === y.compact || isTypoPair(x, y)) {
                parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
            }
        }
    }
    const groups = new Map<number, number[]>();
    rows.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
    return [...groups.values()].filter((g) => g.length > 1);
}

/** Names from a small vocabulary with random typos and legal forms: many near matches. */
function noisyRows(n: number, seed: number): { name: string; postal: string; city: string }[] {
    const rand = mulberry32(seed);
    const words = ['Summit', 'Harbor', 'Granite', 'Meridian', 'Juniper', 'Baxter', 'Cobalt'];
    const trades = ['Dental', 'Plumbing', 'Logistics', 'Bakery', 'Supply'];
    const forms = ['', ' Inc.', ' LLC', ', Corp', ' Co'];
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    return Array.from({ length: n }, () => {
        let name = `${pick(words)} ${pick(trades)}`;
        const p = 1 + Math.floor(rand() * (name.length - 1));
        const r = rand();
        if (r < 0.2)
            name = name.slice(0, p) + name.slice(p + 1); // deletion
        else if (r < 0.3)
            name = name.slice(0, p) + 'x' + name.slice(p); // insertion
        else if (r < 0.4) name = name.slice(0, p - 1) + name[p] + name[p - 1] + name.slice(p + 1); // swap
        if (rand() < 0.1) name = name.toUpperCase();
        return {
            name: name + pick(forms),
            postal: rand() < 0.1 ? '' : pick(['02108', '02109', '10001']),
            city: rand() < 0.3 ? '' : pick(['Boston', 'BOSTON', 'New York'])
        };
    });
}

describe('deletionHashes', () => {
    it('hashes each one-deletion variant as the whole-string hash of that variant', () => {
        for (const s of ['acmetools', 'walgreens4521', 'a', 'brightwater']) {
            const hashes = deletionHashes(s);
            expect(hashes).toHaveLength(s.length + 1);
            for (let p = 0; p < s.length; p++) {
                const variant = s.slice(0, p) + s.slice(p + 1);
                expect(hashes[p + 1]).toBe(deletionHashes(variant)[0]);
            }
        }
        expect(deletionHashes('acmetols')[0]).not.toBe(deletionHashes('acmetool')[0]);
    });
});

describe('findProbableDuplicates', () => {
    it('finds exactly the groups an all-pairs comparison finds', () => {
        for (const seed of [1, 2, 3]) {
            const rows = noisyRows(300, seed);
            const found = findProbableDuplicates(input(rows));
            expect(found.groups.length).toBeGreaterThan(5);
            expect(found.groups).toEqual(bruteForce(rows));
        }
    });

    it('only within a postal code or a city', () => {
        const rows = [
            { name: 'Acme Inc', postal: '02108', city: '' },
            { name: 'ACME LLC', postal: '10001', city: '' }, // other ZIP, no city
            { name: 'Acme Corp.', postal: '', city: 'Boston' },
            { name: 'acme', postal: '02109', city: 'boston' }, // same city as the one above
            { name: 'Acme', postal: '', city: '' } // nowhere to compare
        ];
        const found = findProbableDuplicates(input(rows));
        expect(found.groups).toEqual([[2, 3]]);
        expect(found.links).toEqual([{ a: 2, b: 3, match: 'same_name', shared: 'city Boston' }]);
    });

    it('reads ZIP codes as the postal reference does (ZIP+4, lost leading zero)', () => {
        const rows = [
            { name: 'Acme Inc', postal: '02108-1234', city: '' },
            { name: 'Acme', postal: '2108', city: '' }
        ];
        expect(findProbableDuplicates(input(rows)).links).toEqual([
            { a: 0, b: 1, match: 'same_name', shared: 'postal code 02108' }
        ]);
    });

    it('scales: 50k accounts in 500 ZIP codes take a number of comparisons linear in the rows', () => {
        const rand = mulberry32(5);
        const syllables = ['bar', 'ken', 'tor', 'mil', 'sa', 'ver', 'lo', 'dun', 'ar', 'pel'];
        const word = (): string =>
            Array.from({ length: 3 }, () => syllables[Math.floor(rand() * 10)]).join('');
        const rows = Array.from({ length: 50_000 }, (_, i) => ({
            name: `${word()} ${word()} Inc`,
            postal: String(10000 + (i % 500)),
            city: `City ${i % 250}`
        }));
        // one planted pair in a crowded city
        rows[7] = { name: 'Brightwater Analytics', postal: '10007', city: 'City 7' };
        rows[49_007] = { name: 'Brightwatre Analytics LLC', postal: '10007', city: 'City 7' };
        const found = findProbableDuplicates(input(rows));
        expect(found.groups.some((g) => g.includes(7) && g.includes(49_007))).toBe(true);
        // all pairs within blocks would be 50k × (100 + 200) / 2 = 7.5M comparisons
        expect(found.comparisons).toBeLessThan(200_000);
    });
});
