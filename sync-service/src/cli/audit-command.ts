/**
 * `territory audit`: reads the accounts (and optionally the reps) CSV, finds what would make a
 * plan wrong (src/audit), writes AUDIT.json and, with --fixed, FIXED.csv: the accounts file with
 * the fixes that need no judgement applied. Problems in the data are the output, not errors: the
 * exit code is 0 whenever the audit ran. A file that cannot be read as the CSV contract says
 * (unreadable, not CSV, missing columns) → a message naming file, line and column, exit code 2.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { auditAccounts } from '../audit/audit-accounts.js';
import { DEFAULT_POSTAL_KM } from '../audit/coordinates.js';
import type {
    AuditAccountsInput,
    AuditRepsInput,
    AuditResult,
    MeasureColumn
} from '../audit/types.js';
import { POSTAL_REFERENCE, resolvePostal } from '../geo/postal-reference.js';
import { UsageError, commandArgs, numberOption } from './command-args.js';
import type { InputProblem, Table } from './csv-input.js';
import {
    ACCOUNT_FIELDS,
    InputError,
    columnIndex,
    formatProblem,
    isMeasureColumn,
    parseBool,
    parseNumber,
    readTable,
    readText,
    requireColumns
} from './csv-input.js';

export const AUDIT_USAGE = `Usage: territory audit --accounts A.csv [--reps R.csv] --out AUDIT.json [--fixed FIXED.csv]
        [--measures Potential,Workload] [--postal-km 50]

  --accounts   Id,Latitude,Longitude plus numeric measure columns; optional Name, PostalCode,
               City, State, Country, RepId (or OwnerId): the account's current rep.
  --reps       Id; optional Active (true/false, default true). With it, accounts whose
               RepId/OwnerId is not in the file, or is inactive, are reported.
  --out        AUDIT.json: { summary: { category: count }, issues: [ { accountId, category,
               message, suggestion, line, column } ], duplicates: [ [id, id, …] ], fixes, … }.
  --fixed      FIXED.csv: the accounts file with the fixes that need no judgement applied
               (empty or (0, 0) coordinates placed at the postal code's centroid, swapped
               coordinates swapped back), each change listed in AUDIT.json's fixes.
  --measures   the measure columns to check (default: every mostly-numeric column that is not
               one of the named columns above).
  --postal-km  coordinates farther than this from their postal code's centroid are flagged
               (default ${DEFAULT_POSTAL_KM}).
Categories are listed in the README ("territory audit"). Exit codes: 0 audit written (whatever it
found), 2 bad input, 1 unexpected error.
`;

/** Columns of the accounts file that are not measures (lower case): balance's, and the audit's. */
const NAMED_COLUMNS = [...ACCOUNT_FIELDS, 'city', 'state', 'country', 'repid', 'ownerid'];

/** The account's current rep, first found wins. */
const REP_COLUMNS = ['RepId', 'OwnerId'];

interface Args {
    accounts: string;
    reps?: string;
    out: string;
    fixed?: string;
    measures?: string[];
    postalKm: number;
}

function parseAuditArgs(argv: string[]): Args | 'help' {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            strict: true,
            allowPositionals: false,
            options: {
                accounts: { type: 'string' },
                reps: { type: 'string' },
                out: { type: 'string' },
                fixed: { type: 'string' },
                measures: { type: 'string' },
                'postal-km': { type: 'string' },
                help: { type: 'boolean', short: 'h' }
            }
        }));
    } catch (err) {
        throw new UsageError((err as Error).message);
    }
    if (values.help) return 'help';
    for (const req of ['accounts', 'out'] as const) {
        if (!values[req]) throw new UsageError(`missing required option '--${req}'.`);
    }
    const postalKm = numberOption(
        values,
        'postal-km',
        DEFAULT_POSTAL_KM,
        (x) => x > 0,
        'a positive number of km'
    );
    let measures: string[] | undefined;
    if (values.measures !== undefined) {
        measures = values.measures.split(',').map((s) => s.trim());
        if (measures.some((s) => s === ''))
            throw new UsageError(
                `--measures must be a comma-separated list of columns (got '${values.measures}').`
            );
    }
    return {
        accounts: values.accounts!,
        reps: values.reps,
        out: values.out!,
        fixed: values.fixed,
        measures,
        postalKm
    };
}

/** Runs `territory audit`; resolves to the exit code. */
export async function runAuditCommand(argv: string[]): Promise<number> {
    const a = commandArgs('audit', AUDIT_USAGE, argv, parseAuditArgs);
    if (typeof a === 'number') return a;
    try {
        const accounts = readTable(a.accounts, await readText(a.accounts, 'accounts'));
        const reps = a.reps ? readAuditReps(a.reps, await readText(a.reps, 'reps')) : null;
        const input = accountsInput(accounts, a.measures);
        const result = auditAccounts(input, reps, {
            resolvePostal,
            postalKm: a.postalKm
        });
        await writeFile(a.out, JSON.stringify(auditJson(a, accounts, result), null, 2) + '\n');
        if (a.fixed) await writeFile(a.fixed, fixedCsv(accounts, result));
        const found = Object.entries(result.summary)
            .filter(([, count]) => count > 0)
            .map(([category, count]) => `${category} ${count}`);
        process.stderr.write(
            `territory audit: ${input.ids.length} accounts, ${result.issues.length} issues${found.length ? ` (${found.join(', ')})` : ''}, ${result.duplicates.length} probable duplicate groups; wrote ${a.out}` +
                (a.fixed ? ` and ${a.fixed} (${result.fixes.length} values changed)` : '') +
                '.\n'
        );
        return 0;
    } catch (err) {
        if (err instanceof InputError) {
            process.stderr.write(
                `territory audit: bad input, nothing written:\n${err.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`
            );
            return 2;
        }
        process.stderr.write(`territory audit: error: ${(err as Error).stack ?? String(err)}\n`);
        return 1;
    }
}

/** Splits the accounts table into the audit's columns; only missing columns are errors. */
export function accountsInput(t: Table, measureNames?: string[]): AuditAccountsInput {
    const [iId, iLat, iLon] = requireColumns(t, ['Id', 'Latitude', 'Longitude']) as [
        number,
        number,
        number
    ];
    const column = (name: string): string[] | null => {
        const j = columnIndex(t, name);
        return j < 0 ? null : t.rows.map((r) => r[j] ?? '');
    };
    const latitudeRaw = t.rows.map((r) => r[iLat] ?? '');
    const longitudeRaw = t.rows.map((r) => r[iLon] ?? '');
    const repColumn = REP_COLUMNS.find((c) => columnIndex(t, c) >= 0);
    let measureIdx: number[];
    if (measureNames) {
        const problems: InputProblem[] = [];
        measureIdx = measureNames.map((m) => {
            const j = columnIndex(t, m);
            if (j < 0 || NAMED_COLUMNS.includes(m.toLowerCase()))
                problems.push({
                    file: t.file,
                    line: 1,
                    column: m,
                    message: `--measures names '${m}', which is not a measure column of this file (header: ${t.header.join(', ')}).`
                });
            return j;
        });
        if (problems.length > 0) throw new InputError(problems);
    } else {
        // the balance command's rule: a column whose filled values are mostly numbers
        measureIdx = t.header
            .map((h, j) => ({ h, j }))
            .filter(({ h, j }) => !NAMED_COLUMNS.includes(h.toLowerCase()) && isMeasureColumn(t, j))
            .map(({ j }) => j);
    }
    const measures: MeasureColumn[] = measureIdx.map((j) => {
        const raw = t.rows.map((r) => r[j] ?? '');
        return { name: t.header[j]!, raw, values: Float64Array.from(raw, parseNumber) };
    });
    return {
        ids: t.rows.map((r) => r[iId] ?? ''),
        lines: t.lines,
        latitudeRaw,
        longitudeRaw,
        latitude: Float64Array.from(latitudeRaw, parseNumber),
        longitude: Float64Array.from(longitudeRaw, parseNumber),
        postalCode: column('PostalCode'),
        country: column('Country'),
        name: column('Name'),
        city: column('City'),
        state: column('State'),
        rep: repColumn
            ? { column: t.header[columnIndex(t, repColumn)]!, ids: column(repColumn)! }
            : null,
        measures
    };
}

/** The reps file: Id (unique, not empty) and an optional Active (true/false) column. */
function readAuditReps(file: string, text: string): AuditRepsInput {
    const t = readTable(file, text);
    const [iId] = requireColumns(t, ['Id']) as [number];
    const iActive = columnIndex(t, 'Active');
    const problems: InputProblem[] = [];
    const ids = new Set<string>();
    const firstLine = new Map<string, number>();
    const inactive = new Set<string>();
    t.rows.forEach((row, r) => {
        const line = t.lines[r]!;
        const id = row[iId] ?? '';
        if (id === '') problems.push({ file, line, column: 'Id', message: 'empty Id.' });
        else if (firstLine.has(id))
            problems.push({
                file,
                line,
                column: 'Id',
                message: `duplicate Id '${id}' (first on line ${firstLine.get(id)}).`
            });
        else firstLine.set(id, line);
        ids.add(id);
        if (iActive >= 0) {
            const rawActive = row[iActive] ?? '';
            // an empty Active means active: the column is optional per row too
            const active = rawActive === '' ? true : parseBool(rawActive);
            if (active === null)
                problems.push({
                    file,
                    line,
                    column: 'Active',
                    message: `'${rawActive}' is not true/false.`
                });
            else if (!active) inactive.add(id);
        }
    });
    if (problems.length > 0) throw new InputError(problems);
    return { ids, inactive, file: basename(file) };
}

/** AUDIT.json: the contract's summary, issues and duplicates first, then what explains them. */
function auditJson(a: Args, accounts: Table, result: AuditResult): object {
    return {
        summary: result.summary,
        issues: result.issues.map((i) => ({
            accountId: i.accountId,
            category: i.category,
            message: i.message,
            suggestion: i.suggestion,
            line: i.line,
            ...(i.column !== undefined ? { column: i.column } : {})
        })),
        duplicates: result.duplicates,
        fixes: result.fixes,
        accounts: { path: a.accounts, rows: accounts.rows.length },
        reps: a.reps ? { path: a.reps } : null,
        fixedFile: a.fixed ?? null,
        settings: { postalKm: result.postalKm },
        measures: result.measures,
        skipped: result.skipped,
        postalReference: POSTAL_REFERENCE
    };
}

/** FIXED.csv: the accounts file's header and rows (values as parsed), with the fixes applied. */
function fixedCsv(t: Table, result: AuditResult): string {
    const iLat = columnIndex(t, 'Latitude');
    const iLon = columnIndex(t, 'Longitude');
    const rows = t.rows.map((row, i) => {
        const fixed = result.fixedCoordinates.get(i);
        if (!fixed) return row;
        const copy = [...row];
        copy[iLat] = fixed.latitude;
        copy[iLon] = fixed.longitude;
        return copy;
    });
    return stringify([t.header, ...rows]);
}
