/**
 * Reads and validates the CLI's CSV files into columnar engine input. Every problem is reported
 * with file, line and column; nothing is silently dropped.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { ColumnarAccounts, ColumnarReps } from '../engine/metrics.js';
import { postalUnitCode } from '../engine/units/postal-code.js';
import { accountKind } from '../engine/metrics.js';
import { resolvePostal } from '../geo/postal-reference.js';
import { DRIVE_TIME_MEASURE, driveTimeMinutes } from '../routes/windshield.js';
import type { PostalCentroid } from '../geo/postal-reference.js';

export interface InputProblem {
    file: string;
    line: number;
    column?: string;
    message: string;
}

/** Bad input: carries every problem found (the CLI prints them and exits non-zero). */
export class InputError extends Error {
    readonly problems: InputProblem[];
    override name = 'InputError';
    constructor(problems: InputProblem[]) {
        super(problems.map(formatProblem).join('\n'));
        this.problems = problems;
    }
}

export function formatProblem(p: InputProblem): string {
    return `${p.file}: line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`;
}

export interface Table {
    file: string;
    header: string[];
    rows: string[][];
    /** source line of each row (1-based; the header is line 1) */
    lines: number[];
}

const MAX_PROBLEMS = 50;

/** Reads a whole input file; an unreadable one is an InputError naming the file. */
export async function readText(path: string, what: string): Promise<string> {
    try {
        return await readFile(path, 'utf8');
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new InputError([
            {
                file: path,
                line: 0,
                message: `cannot read the ${what} file (${code ?? String(err)}).`
            }
        ]);
    }
}

const CSV_OPTIONS = { bom: true, skip_empty_lines: true, trim: true } as const;

/** Whether no field can span lines: no quote in the text, lines end in \n or \r\n. */
function isSimpleText(text: string): boolean {
    return !text.includes('"') && !/\r(?!\n)/.test(text);
}

/**
 * The source line of each record of a simple text (isSimpleText): one record per non-empty
 * line. Undefined when that does not account for every record, and the parser has to say.
 */
function lineNumbersOfSimpleText(text: string, records: number): number[] | undefined {
    const lines: number[] = [];
    let line = 1;
    for (let start = 0; start <= text.length; line++) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
        if (stop > start) lines.push(line);
        start = end + 1;
    }
    return lines.length === records ? lines : undefined;
}

/**
 * The records and each one's source line. csv-parse's per-record context (on_record) costs as
 * much as the parse itself on 100k-row files: where no field can span lines the lines are
 * counted directly (the context is used only if that count is off); else one parse with it.
 */
function parseWithLines(text: string): { records: string[][]; lines: number[] } {
    if (isSimpleText(text)) {
        const records = parse(text, CSV_OPTIONS) as string[][];
        const lines = lineNumbersOfSimpleText(text, records.length);
        if (lines) return { records, lines };
    }
    const lines: number[] = [];
    const records = parse(text, {
        ...CSV_OPTIONS,
        on_record: (record: string[], context: { lines: number }) => {
            lines.push(context.lines);
            return record;
        }
    }) as string[][];
    return { records, lines };
}

/** Parses CSV text; structural errors (quotes, column count) become InputErrors. */
export function readTable(file: string, text: string): Table {
    let records: string[][];
    let lines: number[];
    try {
        ({ records, lines } = parseWithLines(text));
    } catch (err) {
        const e = err as { message?: string; lines?: number };
        throw new InputError([
            { file, line: e.lines ?? 1, message: `not valid CSV: ${e.message ?? String(err)}` }
        ]);
    }
    if (records.length === 0)
        throw new InputError([
            { file, line: 1, message: 'the file is empty: a header row is required.' }
        ]);
    const header = records[0]!;
    const seen = new Map<string, number>();
    header.forEach((h, j) => {
        const key = h.toLowerCase();
        if (seen.has(key)) {
            throw new InputError([
                {
                    file,
                    line: lines[0]!,
                    column: h,
                    message: `column '${h}' appears twice in the header.`
                }
            ]);
        }
        seen.set(key, j);
    });
    return { file, header, rows: records.slice(1), lines: lines.slice(1) };
}

/** The index of a column by case-insensitive name, or -1. */
export function columnIndex(t: Table, name: string): number {
    const key = name.toLowerCase();
    return t.header.findIndex((h) => h.toLowerCase() === key);
}

/** The indices of the named columns; an InputError naming every missing one. */
export function requireColumns(t: Table, names: string[]): number[] {
    const missing = names.filter((n) => columnIndex(t, n) < 0);
    if (missing.length > 0) {
        throw new InputError([
            {
                file: t.file,
                line: 1,
                column: missing.join(', '),
                message: `missing required column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} (header has: ${t.header.join(', ')}).`
            }
        ]);
    }
    return names.map((n) => columnIndex(t, n));
}

class Problems {
    readonly list: InputProblem[] = [];
    count = 0;
    add(p: InputProblem): void {
        this.count++;
        if (this.list.length < MAX_PROBLEMS) this.list.push(p);
    }
    throwIfAny(): void {
        if (this.count === 0) return;
        const list = [...this.list];
        if (this.count > list.length) {
            const last = list[list.length - 1]!;
            list.push({
                file: last.file,
                line: last.line,
                message: `… and ${this.count - list.length} more problems.`
            });
        }
        throw new InputError(list);
    }
}

/** Reports an empty or duplicate Id (naming the line that had it first); records new ones. */
function checkId(
    problems: Problems,
    file: string,
    line: number,
    id: string,
    firstLine: Map<string, number>
): void {
    if (id === '') problems.add({ file, line, column: 'Id', message: 'empty Id.' });
    else if (firstLine.has(id)) {
        problems.add({
            file,
            line,
            column: 'Id',
            message: `duplicate Id '${id}' (first on line ${firstLine.get(id)}).`
        });
    } else firstLine.set(id, line);
}

/**
 * Checks one coordinate, adding a problem (file, line, column) when it is not a number or out of
 * range; `partner` is the other coordinate's raw text, given where an empty value next to a set
 * partner deserves its own message (rep homes are optional, but only as a pair).
 * @returns true when the value is usable
 */
function checkCoordinate(
    problems: Problems,
    file: string,
    line: number,
    column: 'Latitude' | 'Longitude',
    raw: string,
    value: number,
    partner?: string
): boolean {
    const limit = column === 'Latitude' ? 90 : 180;
    if (Number.isNaN(value)) {
        const other = column === 'Latitude' ? 'Longitude' : 'Latitude';
        const message =
            partner !== undefined && raw === ''
                ? `${other} is set but ${column} is empty.`
                : `'${raw}' is not a number.`;
        problems.add({ file, line, column, message });
        return false;
    }
    if (value < -limit || value > limit) {
        problems.add({
            file,
            line,
            column,
            message: `${value} is out of range (−${limit} to ${limit}).`
        });
        return false;
    }
    return true;
}

/** A finite number, or NaN for empty or non-numeric text. */
export function parseNumber(s: string): number {
    if (s === '') return NaN;
    const v = Number(s);
    return Number.isFinite(v) ? v : NaN;
}

/** Whether column j is a measure when none are named: most of its filled values are numbers. */
export function isMeasureColumn(t: Table, j: number): boolean {
    let numeric = 0;
    let filled = 0;
    for (const row of t.rows) {
        const v = row[j] ?? '';
        if (v === '') continue;
        filled++;
        if (!Number.isNaN(parseNumber(v))) numeric++;
    }
    return filled > 0 && numeric * 2 >= filled;
}

/** true/false/1/0/yes/no/y/n (empty is false); null when it is none of these. */
export function parseBool(s: string): boolean | null {
    const v = s.toLowerCase();
    if (v === '' || v === 'false' || v === '0' || v === 'no' || v === 'n') return false;
    if (v === 'true' || v === '1' || v === 'yes' || v === 'y') return true;
    return null;
}

/** Known non-measure columns of the accounts file. */
export const ACCOUNT_FIELDS = [
    'id',
    'latitude',
    'longitude',
    'segment',
    'locked',
    'postalcode',
    'name',
    'named',
    'visitspermonth',
    'type'
];

/** `--balance DriveTime` on a file without a DriveTime column: the estimate is derived. */
function isDerivedDriveTime(t: Table, name: string): boolean {
    return name.toLowerCase() === DRIVE_TIME_MEASURE.toLowerCase() && columnIndex(t, name) < 0;
}

/** The optional VisitsPerMonth column (numbers ≥ 0), or null for one visit a month each. */
function visitsPerMonth(file: string, t: Table): Float64Array | null {
    const j = columnIndex(t, 'VisitsPerMonth');
    if (j < 0) return null;
    const problems = new Problems();
    const out = new Float64Array(t.rows.length);
    t.rows.forEach((row, i) => {
        const raw = (row[j] ?? '').trim();
        const v = parseNumber(raw);
        if (!(v >= 0))
            problems.add({
                file,
                line: t.lines[i]!,
                column: 'VisitsPerMonth',
                message: `'${raw}' is not a number of visits ≥ 0 (write 0 for none).`
            });
        else out[i] = v;
    });
    problems.throwIfAny();
    return out;
}

/** An account placed at its postal code's centroid because its coordinates were empty. */
export interface ApproximateAccount {
    accountId: string;
    line: number;
    /** as written in the file */
    postalCode: string;
    /** the code found in the offline postal reference (e.g. '02134' for '2134-0001') */
    matchedPostalCode: string;
    place: string;
    latitude: number;
    longitude: number;
}

export interface AccountsFile {
    acc: ColumnarAccounts;
    /** the measures to balance (validated) */
    balance: string[];
    /** source line per account */
    lines: Int32Array;
    segmentFirstLine: Map<string, number>;
    lockedCount: number;
    /** rows with empty coordinates placed by postal code, in file order */
    approximate: ApproximateAccount[];
    /** PostalCode per account as written (null without the column) */
    postal: string[] | null;
    /** Named (key account, placed individually in unit mode), or null without the column */
    named: Uint8Array | null;
    namedCount: number;
}

/**
 * Reads the accounts. `balance` (from --balance) names the measures; when absent, every extra
 * column whose values are mostly numeric is a measure, plus Count.
 */
export function readAccounts(file: string, text: string, balance: string[] | null): AccountsFile {
    const t = readTable(file, text);
    const [iId, iLat, iLon] = requireColumns(t, ['Id', 'Latitude', 'Longitude']) as [
        number,
        number,
        number
    ];
    const iSeg = columnIndex(t, 'Segment');
    const iLock = columnIndex(t, 'Locked');
    const iPostal = columnIndex(t, 'PostalCode');
    const iNamed = columnIndex(t, 'Named');
    const iType = columnIndex(t, 'Type');
    const postal: string[] | null = iPostal >= 0 ? new Array<string>(t.rows.length) : null;
    const named = iNamed >= 0 ? new Uint8Array(t.rows.length) : null;
    let namedCount = 0;
    const extra = t.header
        .map((h, j) => ({ h, j }))
        .filter(({ h }) => !ACCOUNT_FIELDS.includes(h.toLowerCase()));
    let measures: { name: string; j: number }[];
    let chosen: string[];
    // --balance DriveTime without such a column: the windshield-time estimate (routes/windshield)
    let deriveDriveTime = false;
    if (balance) {
        const problems = new Problems();
        measures = [];
        for (const name of balance) {
            if (name.toLowerCase() === 'count' && columnIndex(t, 'Count') < 0) continue;
            if (isDerivedDriveTime(t, name)) {
                deriveDriveTime = true;
                continue;
            }
            const j = columnIndex(t, name);
            if (j < 0 || ACCOUNT_FIELDS.includes(name.toLowerCase())) {
                problems.add({
                    file,
                    line: 1,
                    column: name,
                    message: `--balance names '${name}', which is not a measure column (measure columns: ${[...extra.map((e) => e.h), 'Count'].join(', ')}).`
                });
                continue;
            }
            measures.push({ name: t.header[j]!, j });
        }
        problems.throwIfAny();
        chosen = balance.map((b) => {
            const j = columnIndex(t, b);
            if (j >= 0) return t.header[j]!;
            return isDerivedDriveTime(t, b) ? DRIVE_TIME_MEASURE : 'Count';
        });
    } else {
        measures = extra
            .filter(({ j }) => isMeasureColumn(t, j))
            .map(({ h, j }) => ({ name: h, j }));
        chosen = [
            ...measures.map((m) => m.name),
            ...(measures.some((m) => m.name === 'Count') ? [] : ['Count'])
        ];
    }
    const n = t.rows.length;
    const problems = new Problems();
    const ids: string[] = new Array<string>(n);
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    const cols = measures.map(() => new Float64Array(n));
    const segment: string[] | null = iSeg >= 0 ? new Array<string>(n) : null;
    const locked = iLock >= 0 ? new Uint8Array(n) : null;
    const lines = Int32Array.from(t.lines);
    const firstLine = new Map<string, number>();
    const segmentFirstLine = new Map<string, number>();
    let lockedCount = 0;
    const approximate: ApproximateAccount[] = [];
    for (let i = 0; i < n; i++) {
        const row = t.rows[i]!;
        const line = t.lines[i]!;
        const id = row[iId] ?? '';
        checkId(problems, file, line, id, firstLine);
        ids[i] = id;
        if (postal) {
            // the unit key (postalUnitCode: ZIP+4 and stripped zeros folded, else upper case)
            postal[i] = postalUnitCode(row[iPostal]) ?? '';
        }
        if (named) {
            const b = parseBool(row[iNamed] ?? '');
            if (b === null)
                problems.add({
                    file,
                    line,
                    column: 'Named',
                    message: `'${row[iNamed]}' is not true/false.`
                });
            named[i] = b ? 1 : 0;
            if (b) namedCount++;
        }
        const rawLat = row[iLat] ?? '';
        const rawLon = row[iLon] ?? '';
        if (rawLat === '' && rawLon === '') {
            const placed = placeByPostalCode(
                problems,
                file,
                line,
                iPostal < 0 ? null : (row[iPostal] ?? '')
            );
            lat[i] = placed ? placed.lat : NaN;
            lon[i] = placed ? placed.lon : NaN;
            if (placed) {
                approximate.push({
                    accountId: id,
                    line,
                    postalCode: row[iPostal]!,
                    matchedPostalCode: placed.postalCode,
                    place: placed.place,
                    latitude: placed.lat,
                    longitude: placed.lon
                });
            }
        } else {
            const la = parseNumber(rawLat);
            const lo = parseNumber(rawLon);
            // the partner's text makes "one of the pair is empty" its own message
            checkCoordinate(problems, file, line, 'Latitude', rawLat, la, rawLon);
            checkCoordinate(problems, file, line, 'Longitude', rawLon, lo, rawLat);
            lat[i] = la;
            lon[i] = lo;
        }
        for (let m = 0; m < measures.length; m++) {
            const { name, j } = measures[m]!;
            const raw = row[j] ?? '';
            const v = parseNumber(raw);
            if (Number.isNaN(v)) {
                problems.add({
                    file,
                    line,
                    column: name,
                    message:
                        raw === ''
                            ? 'empty measure value (write 0 if there is none).'
                            : `'${raw}' is not a number.`
                });
            } else if (v < 0) {
                problems.add({
                    file,
                    line,
                    column: name,
                    message: `${v} is negative; measures must be ≥ 0.`
                });
            }
            cols[m]![i] = v;
        }
        if (segment) {
            const sg = row[iSeg] ?? '';
            segment[i] = sg;
            if (!segmentFirstLine.has(sg)) segmentFirstLine.set(sg, line);
        }
        if (locked) {
            const b = parseBool(row[iLock] ?? '');
            if (b === null)
                problems.add({
                    file,
                    line,
                    column: 'Locked',
                    message: `'${row[iLock]}' is not true/false.`
                });
            locked[i] = b ? 1 : 0;
            if (b) lockedCount++;
        }
    }
    problems.throwIfAny();
    const measureNames = measures.map((m) => m.name);
    if (deriveDriveTime) {
        measureNames.push(DRIVE_TIME_MEASURE);
        cols.push(driveTimeMinutes(lat, lon, visitsPerMonth(file, t), segment));
    }
    return {
        acc: {
            ids,
            lat,
            lon,
            measureNames,
            measures: cols,
            segment,
            locked,
            currentRep: null,
            // Type: a new rep's mix of customers and prospects is reported (accountKind)
            kind: iType >= 0 ? Int8Array.from(t.rows, (row) => accountKind(row[iType])) : null
        },
        balance: chosen,
        lines,
        segmentFirstLine,
        lockedCount,
        approximate,
        postal,
        named,
        namedCount
    };
}

/**
 * Places an account whose Latitude and Longitude are both empty at its postal code's centroid
 * from the offline postal reference; adds a problem (naming the line and column) when it has no
 * usable postal code. `postal` is null when the file has no PostalCode column.
 */
function placeByPostalCode(
    problems: Problems,
    file: string,
    line: number,
    postal: string | null
): PostalCentroid | undefined {
    const empty = 'Latitude and Longitude are empty';
    if (postal === null) {
        problems.add({
            file,
            line,
            column: 'Latitude',
            message: `${empty} and there is no PostalCode column to place the account by.`
        });
        return undefined;
    }
    if (postal === '') {
        problems.add({
            file,
            line,
            column: 'PostalCode',
            message: `${empty} and so is PostalCode: the account cannot be placed.`
        });
        return undefined;
    }
    const r = resolvePostal(postal);
    if (!r.ok) {
        problems.add({
            file,
            line,
            column: 'PostalCode',
            message: `${empty} and the postal code cannot place the account: ${r.reason}`
        });
        return undefined;
    }
    return r.centroid;
}

export interface RepsFile {
    reps: ColumnarReps;
    lines: Int32Array;
    withHome: number;
    capacityDefaulted: number;
}

export function readReps(file: string, text: string): RepsFile {
    const t = readTable(file, text);
    const [iId] = requireColumns(t, ['Id']) as [number];
    const iLat = columnIndex(t, 'Latitude');
    const iLon = columnIndex(t, 'Longitude');
    if (iLat < 0 !== iLon < 0) {
        throw new InputError([
            {
                file,
                line: 1,
                column: iLat < 0 ? 'Latitude' : 'Longitude',
                message: 'home bases need both Latitude and Longitude columns.'
            }
        ]);
    }
    const iCap = columnIndex(t, 'Capacity');
    const iSeg = columnIndex(t, 'Segment');
    const k = t.rows.length;
    const problems = new Problems();
    if (k === 0)
        problems.add({ file, line: 1, message: 'no reps: at least one rep row is needed.' });
    const ids: string[] = new Array<string>(k);
    const lat = new Float64Array(k).fill(NaN);
    const lon = new Float64Array(k).fill(NaN);
    const capacity = new Float64Array(k).fill(1);
    const segment: string[] | null = iSeg >= 0 ? new Array<string>(k) : null;
    const firstLine = new Map<string, number>();
    let withHome = 0;
    let capacityDefaulted = 0;
    for (let r = 0; r < k; r++) {
        const row = t.rows[r]!;
        const line = t.lines[r]!;
        const id = row[iId] ?? '';
        checkId(problems, file, line, id, firstLine);
        ids[r] = id;
        if (iLat >= 0) {
            const rawLat = row[iLat] ?? '';
            const rawLon = row[iLon] ?? '';
            if (rawLat !== '' || rawLon !== '') {
                const la = parseNumber(rawLat);
                const lo = parseNumber(rawLon);
                // Both are checked (no short circuit) so both problems are reported.
                const latOk = checkCoordinate(problems, file, line, 'Latitude', rawLat, la, rawLon);
                const lonOk = checkCoordinate(
                    problems,
                    file,
                    line,
                    'Longitude',
                    rawLon,
                    lo,
                    rawLat
                );
                if (latOk && lonOk) {
                    lat[r] = la;
                    lon[r] = lo;
                    withHome++;
                }
            }
        }
        if (iCap >= 0 && (row[iCap] ?? '') !== '') {
            const c = parseNumber(row[iCap]!);
            if (Number.isNaN(c))
                problems.add({
                    file,
                    line,
                    column: 'Capacity',
                    message: `'${row[iCap]}' is not a number.`
                });
            else if (c <= 0)
                problems.add({ file, line, column: 'Capacity', message: `${c} must be > 0.` });
            else capacity[r] = c;
        } else capacityDefaulted++;
        if (segment) segment[r] = row[iSeg] ?? '';
    }
    problems.throwIfAny();
    return {
        reps: { ids, lat, lon, capacity, segment, leftIds: [] },
        lines: Int32Array.from(t.lines),
        withHome,
        capacityDefaulted
    };
}

export interface CurrentFile {
    rows: number;
    /** accounts without a row in the current assignment */
    accountsWithoutCurrent: number;
    leftReps: { id: string; accounts: number }[];
}

/** Reads CUR.csv into acc.currentRep (and reps.leftIds for reps who left). */
export function readCurrent(
    file: string,
    text: string,
    acc: ColumnarAccounts,
    reps: ColumnarReps
): CurrentFile {
    const t = readTable(file, text);
    const [iAcc, iRep] = requireColumns(t, ['AccountId', 'RepId']) as [number, number];
    const accIndex = new Map<string, number>();
    acc.ids.forEach((id, i) => accIndex.set(id, i));
    const repIndex = new Map<string, number>();
    reps.ids.forEach((id, r) => repIndex.set(id, r));
    const k = reps.ids.length;
    const current = new Int32Array(acc.ids.length).fill(-1);
    const firstLine = new Int32Array(acc.ids.length);
    const leftIndex = new Map<string, number>();
    const leftCount: number[] = [];
    const problems = new Problems();
    for (let p = 0; p < t.rows.length; p++) {
        const row = t.rows[p]!;
        const line = t.lines[p]!;
        const aid = row[iAcc] ?? '';
        const rid = row[iRep] ?? '';
        const i = accIndex.get(aid);
        if (aid === '') {
            problems.add({ file, line, column: 'AccountId', message: 'empty AccountId.' });
            continue;
        }
        if (i === undefined) {
            problems.add({
                file,
                line,
                column: 'AccountId',
                message: `account '${aid}' is not in the accounts file.`
            });
            continue;
        }
        if (firstLine[i]! > 0) {
            problems.add({
                file,
                line,
                column: 'AccountId',
                message: `duplicate AccountId '${aid}' (first on line ${firstLine[i]}).`
            });
            continue;
        }
        firstLine[i] = line;
        if (rid === '') continue; // currently unassigned
        let r = repIndex.get(rid);
        if (r === undefined) {
            let j = leftIndex.get(rid);
            if (j === undefined) {
                j = leftCount.length;
                leftIndex.set(rid, j);
                leftCount.push(0);
                reps.leftIds.push(rid);
            }
            leftCount[j]!++;
            r = k + j;
        }
        current[i] = r;
    }
    problems.throwIfAny();
    acc.currentRep = current;
    let without = 0;
    for (let i = 0; i < acc.ids.length; i++) if (firstLine[i] === 0) without++;
    return {
        rows: t.rows.length,
        accountsWithoutCurrent: without,
        leftReps: reps.leftIds.map((id, j) => ({ id, accounts: leftCount[j]! }))
    };
}
