/**
 * Company names reduced to what identifies the company: case, accents, punctuation, spacing, a
 * leading "The" and trailing legal-form words (Inc, LLC, Ltd, GmbH, Corp, Co…) are dropped, so
 * "ACME, Inc." and "Acme Corp" are the same name and "Acme Tools Corp" is not.
 */
import { distance } from 'fastest-levenshtein';

/**
 * Legal-form words removed from the end of a name (after punctuation is gone, so "L.L.C." is
 * "llc" and "S.A." is "sa"). Only unambiguous abbreviations and the words they stand for: short
 * words that are also ordinary name words elsewhere ("as", "ab") are left out.
 */
const LEGAL_FORMS = new Set([
    'inc',
    'incorporated',
    'llc',
    'llp',
    'lp',
    'lllp',
    'pllc',
    'pc',
    'ltd',
    'limited',
    'corp',
    'corporation',
    'co',
    'company',
    'plc',
    'gmbh',
    'ag',
    'kg',
    'sa',
    'sarl',
    'srl',
    'spa',
    'bv',
    'nv',
    'pty'
]);

/** Words left dangling once a legal form is removed ("Smith & Co" → "smith and"). */
const CONNECTORS = new Set(['and', 'the']);

export interface NormalisedName {
    /** the identifying words, lower case, in order */
    tokens: string[];
    /** the words joined without spaces: names equal here differ only in form */
    compact: string;
}

/** Reduces a company name to its identifying words (see the file comment). */
export function normaliseCompanyName(name: string): NormalisedName {
    const text = name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '') // accents
        .toLowerCase()
        .replace(/&/g, ' and ')
        .replace(/[.'’`]/g, '') // "L.L.C." → "llc", "O'Brien" → "obrien"
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const all = text === '' ? [] : text.split(' ');
    let end = all.length;
    while (end > 1 && (LEGAL_FORMS.has(all[end - 1]!) || CONNECTORS.has(all[end - 1]!))) end--;
    let start = 0;
    if (end - start > 1 && all[0] === 'the') start = 1;
    const tokens = all.slice(start, end);
    return { tokens, compact: tokens.join('') };
}

/** The shortest compact name a typo is looked for in: shorter names differ by design. */
export const MIN_TYPO_LENGTH = 6;
/** The shortest word a typo can be in ("Pine" and "Pike" are different words, not a typo). */
const MIN_TYPO_WORD = 5;

/**
 * Whether two different names look like one name with a typo: the same words but one, and that
 * one differs by one character inserted, deleted or replaced, or two neighbours swapped, keeps
 * its first letter (a different first letter makes a different word: "Hill" and "Mill"), has at
 * least five letters in its longer form, and holds no digits ("Store 12" and "Store 13" are
 * different stores). The cheap word checks come first; the edit distance is computed last, on
 * the one word that differs.
 */
export function isTypoPair(a: NormalisedName, b: NormalisedName): boolean {
    if (a.compact === b.compact || a.tokens.length !== b.tokens.length) return false;
    if (Math.min(a.compact.length, b.compact.length) < MIN_TYPO_LENGTH) return false;
    let differing = -1;
    for (let i = 0; i < a.tokens.length; i++) {
        if (a.tokens[i] === b.tokens[i]) continue;
        if (differing >= 0) return false;
        differing = i;
    }
    if (differing < 0) return false;
    const u = a.tokens[differing]!;
    const v = b.tokens[differing]!;
    if (u[0] !== v[0] || Math.max(u.length, v.length) < MIN_TYPO_WORD || /\d/.test(u + v))
        return false;
    const d = distance(u, v);
    return d === 1 || (d === 2 && isAdjacentSwap(u, v));
}

function isAdjacentSwap(x: string, y: string): boolean {
    if (x.length !== y.length) return false;
    let p = 0;
    while (p < x.length && x[p] === y[p]) p++;
    return (
        p + 1 < x.length &&
        x[p] === y[p + 1] &&
        x[p + 1] === y[p] &&
        x.slice(p + 2) === y.slice(p + 2)
    );
}
