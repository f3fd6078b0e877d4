/**
 * The account audit (`territory audit`): everything that would make a territory plan wrong before
 * it is made, found in the accounts (and reps) as given. Pure and deterministic: the same input
 * gives the same issues in the same order (file order, then category order); the postal reference
 * comes in through the options.
 */
import { AUDIT_CATEGORIES, AUDIT_CATEGORY } from './types.js';
import type {
    AuditAccountsInput,
    AuditCategory,
    AuditIssue,
    AuditOptions,
    AuditRepsInput,
    AuditResult
} from './types.js';
import { DEFAULT_POSTAL_KM, PostalLookup, auditCoordinates } from './coordinates.js';
import { findProbableDuplicates } from './duplicates.js';
import type { DuplicateLink } from './duplicates.js';
import { auditMeasure } from './measures.js';

/** Audits the accounts (see the file comment and README.md, "territory audit"). */
export function auditAccounts(
    input: AuditAccountsInput,
    reps: AuditRepsInput | null,
    options: AuditOptions
): AuditResult {
    const postalKm = options.postalKm ?? DEFAULT_POSTAL_KM;
    const n = input.ids.length;
    const issues: AuditIssue[] = [];
    const skipped: string[] = [];
    const fixes: AuditResult['fixes'] = [];
    const fixedCoordinates: AuditResult['fixedCoordinates'] = new Map();
    const postal = new PostalLookup(options.resolvePostal);

    issues.push(...auditIds(input));
    for (let i = 0; i < n; i++) {
        const found = auditCoordinates(input, i, postal, postalKm);
        issues.push(...found.issues);
        fixes.push(...found.fixes);
        if (found.fixed) fixedCoordinates.set(i, found.fixed);
    }
    if (!input.postalCode)
        skipped.push(
            'postal code checks (far_from_postal_code, geocoding missing coordinates): no PostalCode column.'
        );
    if (postal.uncovered > 0)
        skipped.push(
            `postal code checks for ${postal.uncovered} rows in countries the offline postal reference does not cover.`
        );

    const dup = findProbableDuplicates(input);
    issues.push(...duplicateIssues(input, dup.groups, dup.links));
    if (!input.name) skipped.push('probable_duplicate: no Name column.');
    else if (!input.postalCode && !input.city)
        skipped.push(
            'probable_duplicate: neither a PostalCode nor a City column to compare within.'
        );

    const measures = input.measures.map((m) => {
        const r = auditMeasure(m, input.ids, input.lines);
        issues.push(...r.issues);
        return r.stats;
    });
    if (input.measures.length === 0) skipped.push('measure checks: no numeric measure column.');

    if (reps && input.rep) issues.push(...auditReps(input, input.rep, reps));
    else if (reps) skipped.push('rep checks: the accounts file has no RepId or OwnerId column.');
    else if (input.rep)
        skipped.push(`rep checks: no reps file (--reps) to check ${input.rep.column} against.`);

    const order = new Map<AuditCategory, number>(AUDIT_CATEGORIES.map((c, k) => [c, k]));
    // Stable sort: by line, then category; within both, the order the checks found them.
    issues.sort((a, b) => a.line - b.line || order.get(a.category)! - order.get(b.category)!);
    const summary = Object.fromEntries(AUDIT_CATEGORIES.map((c) => [c, 0])) as Record<
        AuditCategory,
        number
    >;
    for (const issue of issues) summary[issue.category]++;
    return {
        summary,
        issues,
        duplicates: dup.groups.map((g) => g.map((i) => input.ids[i]!)),
        fixes,
        skipped,
        postalKm,
        measures,
        fixedCoordinates
    };
}

/** Empty and repeated Ids (an account twice in the file would be planned twice). */
function auditIds(input: AuditAccountsInput): AuditIssue[] {
    const issues: AuditIssue[] = [];
    const firstLine = new Map<string, number>();
    input.ids.forEach((id, i) => {
        const line = input.lines[i]!;
        if (id === '') {
            issues.push({
                accountId: id,
                category: AUDIT_CATEGORY.MISSING_ID,
                message: `Row on line ${line} has no Id.`,
                suggestion: 'Give the row its Salesforce account Id, or remove it.',
                line,
                column: 'Id'
            });
            return;
        }
        const first = firstLine.get(id);
        if (first === undefined) firstLine.set(id, line);
        else
            issues.push({
                accountId: id,
                category: AUDIT_CATEGORY.DUPLICATE_ID,
                message: `Id '${id}' is also on line ${first}.`,
                suggestion: 'Keep one row per account Id (territory balance rejects repeated Ids).',
                line,
                column: 'Id'
            });
    });
    return issues;
}

/** One issue per account in a probable-duplicate group, naming the others and why. */
function duplicateIssues(
    input: AuditAccountsInput,
    groups: number[][],
    links: DuplicateLink[]
): AuditIssue[] {
    const linkOf = new Map<number, DuplicateLink>();
    for (const l of links) {
        if (!linkOf.has(l.a)) linkOf.set(l.a, l);
        if (!linkOf.has(l.b)) linkOf.set(l.b, l);
    }
    const issues: AuditIssue[] = [];
    for (const group of groups) {
        for (const i of group) {
            const others = group.filter((j) => j !== i);
            const link = linkOf.get(i)!;
            const why =
                link.match === 'same_name'
                    ? 'the same name apart from case, punctuation, spacing or legal form'
                    : 'names one typo apart';
            issues.push({
                accountId: input.ids[i]!,
                category: AUDIT_CATEGORY.PROBABLE_DUPLICATE,
                message: `'${input.name![i]}' is probably the same account as ${others.map((j) => `${input.ids[j]} '${input.name![j]}' (line ${input.lines[j]})`).join(', ')}: ${why}, ${link.shared}.`,
                suggestion: `Merge the duplicates in Salesforce and keep one account (${group.map((j) => input.ids[j]).join(', ')}); if they are different businesses, nothing to do.`,
                line: input.lines[i]!,
                column: 'Name'
            });
        }
    }
    return issues;
}

/** Accounts owned by a rep who is not in the reps file, or who is inactive there. */
function auditReps(
    input: AuditAccountsInput,
    rep: { column: string; ids: string[] },
    reps: AuditRepsInput
): AuditIssue[] {
    const issues: AuditIssue[] = [];
    rep.ids.forEach((repId, i) => {
        if (repId === '') return; // unassigned: balance assigns it
        const base = { accountId: input.ids[i]!, line: input.lines[i]!, column: rep.column };
        if (!reps.ids.has(repId))
            issues.push({
                ...base,
                category: AUDIT_CATEGORY.REP_MISSING,
                message: `${rep.column} '${repId}' is not in ${reps.file}.`,
                suggestion: `Reassign the account, or add rep '${repId}' to ${reps.file} if they still work here (territory balance treats reps missing from the reps file as having left).`
            });
        else if (reps.inactive.has(repId))
            issues.push({
                ...base,
                category: AUDIT_CATEGORY.REP_INACTIVE,
                message: `${rep.column} '${repId}' is inactive in ${reps.file}.`,
                suggestion: `Reassign the account to an active rep: leave '${repId}' out of the reps file given to territory balance (or mark them Active if they are).`
            });
    });
    return issues;
}
