/**
 * Probable duplicate accounts: names that differ only in case, punctuation, spacing or legal form,
 * or by one typo, within the same postal code or the same city. Rows are blocked by postal code and
 * by city first, so the work grows with the rows, not their pairs: exact matches are a hash
 * lookup, and typo candidates come from a deletion index (SymSpell's symmetric delete: two names
 * one insertion, deletion, substitution or neighbour swap apart share a one-deletion variant),
 * built per block on hashes; only those candidates are compared (company-name.ts's isTypoPair).
 */
import { normalisePostalCode } from '../geo/postal-reference.js';
import { MIN_TYPO_LENGTH, isTypoPair, normaliseCompanyName } from './company-name.js';
import type { NormalisedName } from './company-name.js';
import type { AuditAccountsInput } from './types.js';

export type DuplicateMatch = 'same_name' | 'typo';

/** Why two rows were joined: how the names matched and the block they share. */
export interface DuplicateLink {
    a: number;
    b: number;
    match: DuplicateMatch;
    /** 'postal code 02134' or 'city Boston, MA' */
    shared: string;
}

export interface DuplicateGroups {
    /** row indices, each group in file order, groups ordered by their first row */
    groups: number[][];
    /** the links that formed the groups, in the order they were found */
    links: DuplicateLink[];
    /** the work done: candidate pairs of names compared for a typo */
    comparisons: number;
}

interface Block {
    label: string;
    /** compact name → the first row with it */
    names: Map<string, number>;
    /** words of the name → the first row with them (the typo rule looks at words) */
    spellings: Map<string, number>;
}

/**
 * Groups rows whose names are probably the same company in the same postal code or city.
 * Rows without a name, or with neither a postal code nor a city, are never grouped.
 */
export function findProbableDuplicates(input: AuditAccountsInput): DuplicateGroups {
    const names = input.name;
    if (!names) return { groups: [], links: [], comparisons: 0 };
    const n = names.length;
    const normalised = new Array<NormalisedName>(n);
    const cache = new Map<string, NormalisedName>();
    for (let i = 0; i < n; i++) {
        const raw = names[i]!;
        let v = cache.get(raw);
        if (!v) {
            v = normaliseCompanyName(raw);
            cache.set(raw, v);
        }
        normalised[i] = v;
    }
    const parent = Int32Array.from({ length: n }, (_, i) => i);
    const find = (i: number): number => {
        while (parent[i] !== i) {
            parent[i] = parent[parent[i]!]!;
            i = parent[i]!;
        }
        return i;
    };
    const links: DuplicateLink[] = [];
    const join = (a: number, b: number, match: DuplicateMatch, shared: string): void => {
        const ra = find(a);
        const rb = find(b);
        if (ra === rb) return;
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
        links.push({ a: Math.min(a, b), b: Math.max(a, b), match, shared });
    };

    // Same name (after normalisation) in the same block: one hash lookup per row and block.
    const blocks = new Map<string, Block>();
    for (let i = 0; i < n; i++) {
        const { compact, tokens } = normalised[i]!;
        if (compact === '') continue;
        const spelling = tokens.join(' ');
        for (const [key, label] of blockKeys(input, i)) {
            let block = blocks.get(key);
            if (!block) {
                block = { label, names: new Map(), spellings: new Map() };
                blocks.set(key, block);
            }
            const first = block.names.get(compact);
            if (first === undefined) block.names.set(compact, i);
            else join(first, i, 'same_name', block.label);
            if (!block.spellings.has(spelling)) block.spellings.set(spelling, i);
        }
    }

    // One typo apart in the same block: candidates share a one-deletion variant.
    let comparisons = 0;
    const hashes = new Array<Uint32Array | undefined>(n);
    const hashesOf = (row: number): Uint32Array =>
        (hashes[row] ??= deletionHashes(normalised[row]!.compact));
    for (const block of blocks.values()) {
        if (block.names.size < 2) continue;
        const rows = [...block.spellings.values()].filter(
            (i) => normalised[i]!.compact.length >= MIN_TYPO_LENGTH
        );
        comparisons += compareTypoCandidates(rows, normalised, hashesOf, (a, b) =>
            join(a, b, 'typo', block.label)
        );
    }

    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
        const r = find(i);
        let g = byRoot.get(r);
        if (!g) {
            g = [];
            byRoot.set(r, g);
        }
        g.push(i);
    }
    const groups = [...byRoot.values()].filter((g) => g.length > 1).sort((x, y) => x[0]! - y[0]!);
    return { groups, links, comparisons };
}

/** The blocks a row belongs to: its postal code and its city (with its state, when known). */
function blockKeys(input: AuditAccountsInput, i: number): [string, string][] {
    const keys: [string, string][] = [];
    const postal = input.postalCode?.[i]?.trim() ?? '';
    if (postal !== '') {
        const code = normalisePostalCode(postal, input.country?.[i]) ?? postal.toUpperCase();
        keys.push([`p\u0000${code}`, `postal code ${code}`]);
    }
    const city = (input.city?.[i] ?? '').trim().replace(/\s+/g, ' ');
    if (city !== '') {
        const state = (input.state?.[i] ?? '').trim();
        keys.push([
            `c\u0000${city.toLowerCase()}\u0000${state.toLowerCase()}`,
            `city ${city}${state ? `, ${state}` : ''}`
        ]);
    }
    return keys;
}

/**
 * Compares the rows of one block that share a one-deletion variant: every (variant hash, row)
 * is packed in one number, the numbers are sorted, and rows in a run of equal hashes are the
 * candidates (a sort of typed numbers is several times faster than a Map of buckets).
 * @returns the number of pairs compared
 */
function compareTypoCandidates(
    rows: number[],
    normalised: NormalisedName[],
    hashesOf: (row: number) => Uint32Array,
    onTypo: (a: number, b: number) => void
): number {
    const n = rows.length;
    if (n < 2) return 0;
    let total = 0;
    for (const row of rows) total += normalised[row]!.compact.length + 1;
    // hash × n + k stays an exact integer below 2^53 while n < 2^23 (8 million rows in a block)
    const keys = new Float64Array(total);
    let o = 0;
    rows.forEach((row, k) => {
        for (const h of hashesOf(row)) keys[o++] = h * n + k;
    });
    keys.sort();
    let comparisons = 0;
    for (let start = 0; start < total;) {
        const hash = Math.floor(keys[start]! / n);
        let end = start + 1;
        while (end < total && Math.floor(keys[end]! / n) === hash) end++;
        for (let x = start; x < end; x++) {
            const kx = keys[x]! - hash * n;
            for (let y = x + 1; y < end; y++) {
                const ky = keys[y]! - hash * n;
                if (ky === kx) continue; // a repeated letter: the same row twice in the run
                comparisons++;
                const a = rows[kx]!;
                const b = rows[ky]!;
                if (isTypoPair(normalised[a]!, normalised[b]!)) onTypo(a, b);
            }
        }
        start = end;
    }
    return comparisons;
}

/** Odd multiplier of the polynomial string hash (any odd 32-bit constant spreads letters). */
const HASH_BASE = 0x01000193;
/** Hashes are cut to 30 bits: small integers are the fastest Map keys in V8. */
const HASH_MASK = 0x3fffffff;

/**
 * 30-bit hashes of the string and of each string made by deleting one of its characters, each in
 * O(1) from prefix and suffix hashes instead of building the strings. Two strings one insertion,
 * deletion, substitution or neighbour swap apart share one of these hashes; a hash shared by
 * chance only costs one more comparison.
 */
export function deletionHashes(s: string): Uint32Array {
    const n = s.length;
    const pow = new Uint32Array(n + 1);
    pow[0] = 1;
    for (let i = 1; i <= n; i++) pow[i] = Math.imul(pow[i - 1]!, HASH_BASE);
    // prefix[i]: hash of s[0..i); suffix[i]: hash of s[i..n) as the tail of an (n-1)-long string
    const prefix = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) prefix[i + 1] = Math.imul(prefix[i]!, HASH_BASE) + s.charCodeAt(i);
    const suffix = new Uint32Array(n + 1);
    for (let i = n - 1; i >= 0; i--)
        suffix[i] = Math.imul(s.charCodeAt(i), pow[n - 1 - i]!) + suffix[i + 1]!;
    const out = new Uint32Array(n + 1);
    out[0] = prefix[n]! & HASH_MASK;
    // s without s[p]: the prefix s[0..p) shifted past the n-1-p characters after it
    for (let p = 0; p < n; p++)
        out[p + 1] = (Math.imul(prefix[p]!, pow[n - 1 - p]!) + suffix[p + 1]!) & HASH_MASK;
    return out;
}
