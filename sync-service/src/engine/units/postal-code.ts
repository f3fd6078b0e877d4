/**
 * The one postal-code normalisation the whole product keys postal units by (DESIGN.md, "Territories
 * made of places"): the engine's units, the CLI's input, the Salesforce adapter, the sync job that
 * places new accounts, and the per-unit rows the map draws. Two spellings of one code must land in
 * one unit everywhere, or an account created as '2134' would miss the unit the plan calls '02134'.
 * Pure: no data, no I/O.
 */

/**
 * A US ZIP code in its 5-digit form, or undefined when the text cannot be one.
 * - ZIP+4 ('02134-1234', '02134 1234', '021341234') → '02134'.
 * - Leading zeros lost to a spreadsheet (a ZIP read as a number: '2134' for '02134', '501' for
 *   '00501', '21341234' for '02134-1234') are put back: no US ZIP code is shorter than five
 *   digits, so a 3- or 4-digit (7- or 8-digit) number can only be a 5-digit (9-digit) code whose
 *   zeros were stripped. Codes start at 00501, so fewer than 3 digits is not a ZIP.
 * - Surrounding whitespace is ignored; letters or other characters make it no ZIP code.
 */
export function normaliseUsZip(code: string): string | undefined {
    const s = code.trim();
    let m = /^(\d{3,5})(?:[-\s]\d{4})?$/.exec(s);
    if (m) return m[1]!.padStart(5, '0');
    m = /^\d{7,9}$/.exec(s);
    if (m) return s.padStart(9, '0').slice(0, 5);
    return undefined;
}

/**
 * A postal code as a unit key: a code that reads as a US ZIP in its 5-digit form (above), any
 * other code trimmed, upper-cased, its inner blanks collapsed to one space ('sw1a  1aa' →
 * 'SW1A 1AA'); undefined when blank. Codes of other countries made only of 3–5 or 7–9 digits
 * read as US ZIPs too ('2000' → '02000'): consistent, so the units are the same, only the label
 * differs.
 */
export function postalUnitCode(raw: string | null | undefined): string | undefined {
    const code = (raw ?? '').trim();
    if (code === '') return undefined;
    return normaliseUsZip(code) ?? code.toUpperCase().replace(/\s+/g, ' ');
}
