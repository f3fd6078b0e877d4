/**
 * Field values as the REST and Bulk APIs return them (Bulk CSV gives every value as text, and an
 * empty field as ''), read into what the code means by them.
 */

/** A number, or null for an empty field or a value that is not a finite number. */
export const numberOrNull = (v: unknown): number | null => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : null;
};

/** Text, or null for an empty field. */
export const textOrNull = (v: unknown): string | null =>
    v === null || v === undefined || v === '' ? null : String(v);

/** A checkbox: true only for true (REST) or 'true' (Bulk CSV). */
export const checked = (v: unknown): boolean => v === true || v === 'true';
