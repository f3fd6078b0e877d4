/**
 * Shapes of the account audit (`territory audit`, DESIGN.md "The `territory` CLI"): what goes in
 * (the accounts file already split into columns, the reps) and what comes out (AUDIT.json's
 * summary, issues, duplicate groups and the fixes written to FIXED.csv).
 */
import type { PostalResolution } from '../geo/postal-reference.js';

/** Every category an issue can have, in the order the summary lists them (README: "audit"). */
export const AUDIT_CATEGORY = {
    MISSING_ID: 'missing_id',
    DUPLICATE_ID: 'duplicate_id',
    MISSING_COORDINATES: 'missing_coordinates',
    IMPOSSIBLE_COORDINATES: 'impossible_coordinates',
    SWAPPED_COORDINATES: 'swapped_coordinates',
    NULL_ISLAND: 'null_island',
    UNKNOWN_POSTAL_CODE: 'unknown_postal_code',
    FAR_FROM_POSTAL_CODE: 'far_from_postal_code',
    PROBABLE_DUPLICATE: 'probable_duplicate',
    MISSING_MEASURE: 'missing_measure',
    INVALID_MEASURE: 'invalid_measure',
    NEGATIVE_MEASURE: 'negative_measure',
    MEASURE_OUTLIER: 'measure_outlier',
    REP_MISSING: 'rep_missing',
    REP_INACTIVE: 'rep_inactive'
} as const;

export type AuditCategory = (typeof AUDIT_CATEGORY)[keyof typeof AUDIT_CATEGORY];

export const AUDIT_CATEGORIES: readonly AuditCategory[] = Object.values(AUDIT_CATEGORY);

/** One problem found on one account row. */
export interface AuditIssue {
    accountId: string;
    category: AuditCategory;
    message: string;
    suggestion: string;
    /** source line in the accounts file (the header is line 1) */
    line: number;
    /** the column the issue is about, when it is about one */
    column?: string;
}

/** One value changed in FIXED.csv. */
export interface AuditFix {
    accountId: string;
    line: number;
    field: string;
    from: string;
    to: string;
    reason: string;
    /** true when the new value is a postal code centroid rather than the account's own location */
    approximate: boolean;
}

/** A numeric measure column: the text as written and its value (NaN when empty or not a number). */
export interface MeasureColumn {
    name: string;
    raw: string[];
    values: Float64Array;
}

/** The accounts file, one array entry per data row in file order. */
export interface AuditAccountsInput {
    ids: string[];
    /** source line of each row */
    lines: number[];
    /** the Latitude/Longitude text as written and parsed (NaN when empty or not a number) */
    latitudeRaw: string[];
    longitudeRaw: string[];
    latitude: Float64Array;
    longitude: Float64Array;
    /** null when the file has no such column */
    postalCode: string[] | null;
    country: string[] | null;
    name: string[] | null;
    city: string[] | null;
    state: string[] | null;
    /** the account's current rep (the RepId or OwnerId column) */
    rep: { column: string; ids: string[] } | null;
    measures: MeasureColumn[];
}

/** The reps file, reduced to what the audit checks. */
export interface AuditRepsInput {
    ids: ReadonlySet<string>;
    /** reps whose Active column is false */
    inactive: ReadonlySet<string>;
    /** the file's name, for messages */
    file: string;
}

export interface AuditOptions {
    /** Postal code → centroid (geo/postal-reference.ts's resolvePostal). */
    resolvePostal: (code: string, country?: string | null) => PostalResolution;
    /** Coordinates farther than this from their postal code's centroid are flagged (default 50). */
    postalKm?: number;
}

export interface AuditResult {
    summary: Record<AuditCategory, number>;
    issues: AuditIssue[];
    /** groups of probable duplicate account ids, each in file order */
    duplicates: string[][];
    fixes: AuditFix[];
    /** checks that could not run, and why (e.g. no Name column) */
    skipped: string[];
    /** the threshold used for far_from_postal_code, in km */
    postalKm: number;
    /** per measure: the robust statistics the outlier check used (null when too few values) */
    measures: MeasureStats[];
    /** row index → new Latitude/Longitude text, for FIXED.csv */
    fixedCoordinates: Map<number, { latitude: string; longitude: string }>;
}

export interface MeasureStats {
    name: string;
    /** positive values the statistics were computed on */
    positives: number;
    median: number | null;
    /** robust spread of ln(value): 1.4826 × MAD */
    logSpread: number | null;
}
