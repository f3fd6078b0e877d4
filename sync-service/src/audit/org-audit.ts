/**
 * The account audit of an org (issue 16, "in the org"): the accounts as the service pulls them,
 * run through the same checks as `territory audit` (auditAccounts), and told in the planner's
 * terms: what the next plan does with each account — placed at its postal code's centroid,
 * excluded (left out of the plan, kept in its current territory) or flagged (planned as it is,
 * worth a look) — with counts by category, a few examples of each, and the probable duplicates
 * with a link to Salesforce's own merge screen. Pure: the rows and the clock come in.
 */
import { auditAccounts } from './audit-accounts.js';
import { AUDIT_CATEGORIES } from './types.js';
import type { AuditAccountsInput, AuditCategory, AuditIssue, AuditRepsInput } from './types.js';
import { lookupPostal, resolvePostal } from '../geo/postal-reference.js';

/** An Account as the audit reads it from the org (null: the field is empty). */
export interface OrgAccountRow {
    id: string;
    name: string | null;
    lat: number | null;
    lon: number | null;
    postalCode: string | null;
    city: string | null;
    state: string | null;
    country: string | null;
    ownerId: string | null;
    /** measure name → value (null: empty field) */
    measures: Record<string, number | null>;
    /** Territory_Excluded__c */
    excluded: boolean;
    /** Territory_Approximate_Location__c: the coordinates are a postal code centroid we wrote */
    approximate: boolean;
}

export interface OrgUser {
    id: string;
    isActive: boolean;
}

/** What the next plan does with an account. */
export const DISPOSITION = {
    PLACED_BY_POSTAL_CODE: 'placed_by_postal_code',
    EXCLUDED: 'excluded',
    FLAGGED: 'flagged'
} as const;
export type Disposition = (typeof DISPOSITION)[keyof typeof DISPOSITION];

/** Categories only an org has, beside the CLI's (README "territory audit"). */
export const ORG_CATEGORY = {
    /** Territory_Excluded__c is checked */
    EXCLUDED_FROM_PLANNING: 'excluded_from_planning',
    /** Territory_Approximate_Location__c: coordinates are a postal code centroid */
    APPROXIMATE_LOCATION: 'approximate_location'
} as const;
export type OrgCategory = AuditCategory | (typeof ORG_CATEGORY)[keyof typeof ORG_CATEGORY];

/** The most examples kept per category (the API's `examples` parameter goes up to this). */
export const MAX_EXAMPLES = 50;
/** The most duplicate groups kept (the count is always the full one). */
export const MAX_DUPLICATE_GROUPS = 200;
/** Salesforce merges at most three records at a time (the merge() call and the merge screen). */
export const MERGE_MAX_RECORDS = 3;

export interface AuditExample {
    accountId: string;
    name: string;
    message: string;
    disposition: Disposition;
}

export interface CategorySummary {
    category: OrgCategory;
    /** accounts with an issue of this category */
    count: number;
    /** how many of them the plan places by postal code, excludes, or plans as they are */
    dispositions: Record<Disposition, number>;
    /** what to do about it in the org */
    suggestion: string;
    examples: AuditExample[];
}

export interface DuplicateGroup {
    accountIds: string[];
    names: string[];
    /** Salesforce's merge screen with (up to three of) the group's accounts selected */
    mergeUrl: string;
}

export interface OrgAuditResult {
    modelId: string;
    auditedAt: string;
    accounts: number;
    /** accounts without usable coordinates (empty, or (0, 0)) and what the plan does with them */
    coordinates: { missing: number; placedByPostalCode: number; excluded: number };
    /** e.g. "83 accounts lack coordinates: 71 placed by postal code, 12 excluded." */
    headline: string;
    /** distinct accounts per disposition (an account with several issues counts once) */
    plan: Record<Disposition, number>;
    /** categories with at least one account, in the audit's category order */
    categories: CategorySummary[];
    duplicates: { groups: number; examples: DuplicateGroup[] };
    /** checks that could not run, and why */
    skipped: string[];
}

/** What a planner does about each category in the org (the CLI's suggestions name FIXED.csv). */
const ORG_SUGGESTION: Record<OrgCategory, string> = {
    missing_id: 'Not expected in an org: every record has an Id.',
    duplicate_id: 'Not expected in an org: every record has an Id.',
    missing_coordinates:
        "Approve writing the postal code's centre as an approximate location (geocode action), or geocode the billing address in Salesforce; accounts without a usable postal code stay out of plans until then.",
    impossible_coordinates:
        'Correct Billing Latitude/Longitude, or clear them so the account is placed by its postal code.',
    swapped_coordinates: 'Swap Billing Latitude and Billing Longitude back.',
    null_island:
        'Clear Billing Latitude/Longitude (0, 0 stands for unknown): plans already place the account by its postal code.',
    unknown_postal_code: 'Correct the billing postal code (a 5-digit US ZIP code, or ZIP+4).',
    far_from_postal_code:
        'Check whether Billing Latitude/Longitude or the billing postal code are wrong.',
    probable_duplicate:
        "Open the group in Salesforce's merge screen (mergeUrl) and keep one account; if they are different businesses, nothing to do.",
    missing_measure: 'Fill in the measure (plans count an empty one as 0).',
    invalid_measure: 'Correct the measure.',
    negative_measure: 'Correct the measure (plans balance on it as it is).',
    measure_outlier:
        'Check the value (typed with extra zeros, or in another unit?); plans balance on it as it is.',
    rep_missing: 'Give the account an owner who is a user of the org.',
    rep_inactive: "Reassign the account: its owner's user is inactive.",
    excluded_from_planning:
        'Uncheck "Excluded from Territory Planning" to plan the account again; until then it keeps its current territory.',
    approximate_location:
        "Geocode the billing address for a precise location (then uncheck Approximate Location); plans use the postal code's centre."
};

/** Both coordinates within this many degrees of 0: the (0, 0) placeholder (audit/coordinates.ts). */
const NULL_ISLAND_DEGREES = 1e-4;

/**
 * Whether an account has coordinates the planner uses as they are: both set and not (0, 0). The
 * planner's pull (jobs/salesforce-adapter.ts) places every other account by its postal code.
 */
export function hasUsableCoordinates(lat: number | null, lon: number | null): boolean {
    return (
        lat !== null &&
        lon !== null &&
        !(Math.abs(lat) < NULL_ISLAND_DEGREES && Math.abs(lon) < NULL_ISLAND_DEGREES)
    );
}

/**
 * The documented Classic merge wizard, which Lightning Experience opens in its own merge flow:
 * `/merge/accmergewizard.jsp?goNext=+Next+&cid=<id>&cid=<id>…` preselects the accounts and skips
 * the search step ("How to build a link to Account Merge Wizard", blog.truesalessoft.com/how-to-
 * merge-accounts-in-salesforce/; the same link Salesforce's Force Navigator builds). At most three
 * records merge at once (Apex Developer Guide, "Merging Records"), so a larger group lists its
 * first three and the planner merges the rest in a second pass. We never merge ourselves.
 */
export function accountMergeUrl(accountIds: readonly string[]): string {
    const cids = accountIds
        .slice(0, MERGE_MAX_RECORDS)
        .map((id) => `&cid=${encodeURIComponent(id)}`)
        .join('');
    return `/merge/accmergewizard.jsp?goNext=+Next+${cids}`;
}

/** The org's accounts as the audit's input (row k is account k; `lines` are k + 1). */
export function orgAuditInput(
    rows: readonly OrgAccountRow[],
    measureNames: readonly string[]
): AuditAccountsInput {
    const n = rows.length;
    const text = (v: number | null) => (v === null ? '' : String(v));
    const value = (v: number | null) => (v === null ? NaN : v);
    return {
        ids: rows.map((r) => r.id),
        lines: rows.map((_, k) => k + 1),
        // (0, 0) is left as it is: the audit reports it as null_island.
        latitudeRaw: rows.map((r) => text(r.lat)),
        longitudeRaw: rows.map((r) => text(r.lon)),
        latitude: Float64Array.from(rows, (r) => value(r.lat)),
        longitude: Float64Array.from(rows, (r) => value(r.lon)),
        postalCode: rows.map((r) => r.postalCode ?? ''),
        // The planner reads BillingPostalCode as a US ZIP code whatever the country says
        // (salesforce-adapter.ts), and the audit says what the planner will do.
        country: null,
        name: rows.map((r) => r.name ?? ''),
        city: rows.map((r) => cityKey(r)),
        state: rows.map((r) => r.state ?? ''),
        rep: { column: 'OwnerId', ids: rows.map((r) => r.ownerId ?? '') },
        measures: measureNames.map((name) => ({
            name,
            raw: rows.map((r) => text(r.measures[name] ?? null)),
            values: Float64Array.from({ length: n }, (_, k) =>
                value(rows[k]!.measures[name] ?? null)
            )
        }))
    };
}

/** City and state together: "Springfield" alone names a city in 30 states. */
function cityKey(r: OrgAccountRow): string {
    if (!r.city) return '';
    return r.state ? `${r.city}, ${r.state}` : r.city;
}

/** What the planner does with one account (see the file comment). */
export function dispositionOf(row: OrgAccountRow, issues: number): Disposition | null {
    if (row.excluded) return DISPOSITION.EXCLUDED;
    if (!hasUsableCoordinates(row.lat, row.lon))
        return row.postalCode && lookupPostal(row.postalCode)
            ? DISPOSITION.PLACED_BY_POSTAL_CODE
            : DISPOSITION.EXCLUDED;
    if (row.approximate) return DISPOSITION.PLACED_BY_POSTAL_CODE;
    return issues > 0 ? DISPOSITION.FLAGGED : null;
}

/** Audits the org's accounts for a model (see the file comment). */
export function auditOrgAccounts(
    rows: readonly OrgAccountRow[],
    users: readonly OrgUser[],
    options: {
        modelId: string;
        measureNames: readonly string[];
        auditedAt: string;
        examples?: number;
        postalKm?: number;
    }
): OrgAuditResult {
    const input = orgAuditInput(rows, options.measureNames);
    const reps: AuditRepsInput = {
        ids: new Set(users.map((u) => u.id)),
        inactive: new Set(users.filter((u) => !u.isActive).map((u) => u.id)),
        file: 'the org'
    };
    const audit = auditAccounts(input, reps, {
        resolvePostal: (code) => resolvePostal(code),
        ...(options.postalKm !== undefined ? { postalKm: options.postalKm } : {})
    });
    const maxExamples = Math.min(options.examples ?? MAX_EXAMPLES, MAX_EXAMPLES);

    const indexOf = new Map(rows.map((r, k) => [r.id, k]));
    const issuesOf = new Array<AuditIssue[]>(rows.length);
    for (let k = 0; k < rows.length; k++) issuesOf[k] = [];
    for (const issue of audit.issues) issuesOf[indexOf.get(issue.accountId)!]!.push(issue);
    // Org-only categories, one issue each, after the audit's own.
    rows.forEach((r, k) => {
        if (r.excluded)
            issuesOf[k]!.push(orgIssue(r, k, ORG_CATEGORY.EXCLUDED_FROM_PLANNING, excludedText(r)));
        else if (r.approximate && hasUsableCoordinates(r.lat, r.lon))
            issuesOf[k]!.push(
                orgIssue(
                    r,
                    k,
                    ORG_CATEGORY.APPROXIMATE_LOCATION,
                    `Billing Latitude/Longitude (${r.lat}, ${r.lon}) are the centre of postal code ${r.postalCode ?? '(none)'}, written on a planner's approval: an approximate location.`
                )
            );
    });

    const empty = (): Record<Disposition, number> => ({
        placed_by_postal_code: 0,
        excluded: 0,
        flagged: 0
    });
    const byCategory = new Map<OrgCategory, CategorySummary>();
    const plan = empty();
    const coordinates = { missing: 0, placedByPostalCode: 0, excluded: 0 };
    rows.forEach((row, k) => {
        const issues = issuesOf[k]!;
        const disposition = dispositionOf(row, issues.length);
        if (disposition) plan[disposition]++;
        if (!hasUsableCoordinates(row.lat, row.lon)) {
            coordinates.missing++;
            if (disposition === DISPOSITION.PLACED_BY_POSTAL_CODE) coordinates.placedByPostalCode++;
            else coordinates.excluded++;
        }
        const seen = new Set<OrgCategory>();
        for (const issue of issues) {
            const category = issue.category as OrgCategory;
            if (seen.has(category)) continue; // an account counts once per category
            seen.add(category);
            let summary = byCategory.get(category);
            if (!summary)
                byCategory.set(
                    category,
                    (summary = {
                        category,
                        count: 0,
                        dispositions: empty(),
                        suggestion: ORG_SUGGESTION[category],
                        examples: []
                    })
                );
            summary.count++;
            const d = disposition ?? DISPOSITION.FLAGGED;
            summary.dispositions[d]++;
            if (summary.examples.length < maxExamples)
                summary.examples.push({
                    accountId: row.id,
                    name: row.name ?? '',
                    message: issue.message,
                    disposition: d
                });
        }
    });
    const order: OrgCategory[] = [...AUDIT_CATEGORIES, ...Object.values(ORG_CATEGORY)];
    const categories = order.flatMap((c) => byCategory.get(c) ?? []);
    const groups = audit.duplicates;
    return {
        modelId: options.modelId,
        auditedAt: options.auditedAt,
        accounts: rows.length,
        coordinates,
        headline: headline(coordinates),
        plan,
        categories,
        duplicates: {
            groups: groups.length,
            examples: groups.slice(0, MAX_DUPLICATE_GROUPS).map((ids) => ({
                accountIds: ids,
                names: ids.map((id) => rows[indexOf.get(id)!]!.name ?? ''),
                mergeUrl: accountMergeUrl(ids)
            }))
        },
        skipped: audit.skipped
    };
}

function excludedText(r: OrgAccountRow): string {
    return `"Excluded from Territory Planning" is checked on ${r.name ?? r.id}: plans leave it in its current territory.`;
}

function orgIssue(r: OrgAccountRow, k: number, category: OrgCategory, message: string) {
    return {
        accountId: r.id,
        category: category as AuditCategory,
        message,
        suggestion: ORG_SUGGESTION[category],
        line: k + 1
    };
}

/** The settings panel's sentence about coordinates. */
export function headline(c: OrgAuditResult['coordinates']): string {
    if (c.missing === 0) return 'Every account has coordinates.';
    const accounts = c.missing === 1 ? '1 account lacks' : `${c.missing} accounts lack`;
    return `${accounts} coordinates: ${c.placedByPostalCode} placed by postal code, ${c.excluded} excluded.`;
}

/** A stored result with at most `examples` examples per category (the API's GET parameter). */
export function withExamples(result: OrgAuditResult, examples: number): OrgAuditResult {
    return {
        ...result,
        categories: result.categories.map((c) => ({
            ...c,
            examples: c.examples.slice(0, examples)
        })),
        duplicates: {
            groups: result.duplicates.groups,
            examples: result.duplicates.examples.slice(0, examples)
        }
    };
}
