/**
 * `territory routes`: reads accounts, reps (homes) and an assignment (OUT.csv of `balance`), plans
 * each rep's visits over working days (src/routes), writes ROUTES.csv (one row per visit in
 * visiting order) and optionally ROUTES.json. Bad input → a message naming file, line and column
 * on stderr, exit code 2; nothing is silently dropped (visits that cannot be scheduled are listed
 * with their reason).
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { SafetyCap } from '../engine/effort.js';
import { haversineKm } from '../engine/geo.js';
import { GreatCircleTravelTime, planRepRoutes } from '../routes/index.js';
import type { LatLon, RepRoutePlan, UnscheduledReason } from '../routes/index.js';
import { UsageError, commandArgs, numberOption } from './command-args.js';
import type { InputProblem } from './csv-input.js';
import {
    InputError,
    columnIndex,
    formatProblem,
    readAccounts,
    readReps,
    readTable,
    readText,
    requireColumns
} from './csv-input.js';

export const ROUTES_USAGE = `Usage: territory routes --accounts A.csv --reps R.csv --assignments OUT.csv --out ROUTES.csv
        [--days 5] [--day-minutes 480] [--visit-minutes 45] [--speed-kmh 50] [--circuity 1.3]
        [--frequency COLUMN] [--report ROUTES.json] [--seed N] [--time-limit SECONDS]
        [--lower-bounds] [--quiet]

  --accounts     Id,Latitude,Longitude (as for balance; other columns are ignored unless
                 named by --frequency). Empty coordinates are placed by PostalCode.
  --reps         Id,Latitude,Longitude: each rep's home, where every day starts and ends.
                 A rep with assigned accounts and no home is an error.
  --assignments  AccountId,RepId (balance's OUT.csv): whose accounts are whose.
  --out          ROUTES.csv: RepId,Day,Seq,AccountId,ArriveMinute,DepartMinute,LegKm, one row
                 per visit in visiting order (minutes from the start of the day; LegKm the
                 great-circle km from the previous stop or home; the drive home is implied).
  --days         working days to plan (default 5).
  --day-minutes  driving plus visits allowed per day (default 480; 0 = no limit).
  --visit-minutes  minutes per visit (default 45).
  --speed-kmh, --circuity  drive minutes = great-circle km × circuity ÷ speed × 60
                 (defaults 50 and 1.3).
  --frequency    column of A.csv with visits per account in the period (whole numbers ≥ 0;
                 default 1 each), each on a different day.
  --report       ROUTES.json: per rep and day km, drive and visit minutes, lower bounds,
                 unscheduled visits and why, runtime, timeLimitReached.
  --lower-bounds also certify days of more than 12 stops with the Held–Karp 1-tree bound (about
                 as long again as planning them); days of up to 12 stops are always solved
                 exactly and reported with their optimum as the bound.
  --seed         seed for deterministic results (default 1).
  --time-limit   safety cap in seconds (default 50): the plan found so far is written and the
                 report says timeLimitReached.
--days 1 --day-minutes 0 gives one travelling-salesman tour per rep through all its accounts.
Exit codes: 0 routes written (unscheduled visits are listed, not errors), 2 bad input,
1 unexpected error.
`;

interface Args {
    accounts: string;
    reps: string;
    assignments: string;
    out: string;
    report?: string;
    days: number;
    dayMinutes: number;
    visitMinutes: number;
    speedKmh: number;
    circuity: number;
    frequency?: string;
    seed: number;
    timeLimitS: number;
    lowerBounds: boolean;
    quiet: boolean;
}

const NUMBER_OPTIONS = [
    'days',
    'day-minutes',
    'visit-minutes',
    'speed-kmh',
    'circuity',
    'seed',
    'time-limit'
] as const;

function parseRoutesArgs(argv: string[]): Args | 'help' {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            strict: true,
            allowPositionals: false,
            options: {
                accounts: { type: 'string' },
                reps: { type: 'string' },
                assignments: { type: 'string' },
                out: { type: 'string' },
                report: { type: 'string' },
                frequency: { type: 'string' },
                ...Object.fromEntries(NUMBER_OPTIONS.map((o) => [o, { type: 'string' as const }])),
                'lower-bounds': { type: 'boolean' },
                quiet: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' }
            }
        }));
    } catch (err) {
        throw new UsageError((err as Error).message);
    }
    if (values.help) return 'help';
    for (const req of ['accounts', 'reps', 'assignments', 'out'] as const) {
        if (!values[req]) throw new UsageError(`missing required option '--${req}'.`);
    }
    const num = (name: string, def: number, ok: (x: number) => boolean, what: string): number =>
        numberOption(values, name, def, ok, what);
    if (values.frequency === '') throw new UsageError('--frequency needs a column name.');
    return {
        accounts: values.accounts!,
        reps: values.reps!,
        assignments: values.assignments!,
        out: values.out!,
        report: values.report,
        frequency: values.frequency,
        days: num(
            'days',
            5,
            (x) => Number.isInteger(x) && x >= 1 && x <= 366,
            'a whole number of days from 1 to 366'
        ),
        dayMinutes: num(
            'day-minutes',
            480,
            (x) => x >= 0,
            'a number of minutes ≥ 0 (0 = no limit)'
        ),
        visitMinutes: num('visit-minutes', 45, (x) => x >= 0, 'a number of minutes ≥ 0'),
        speedKmh: num('speed-kmh', 50, (x) => x > 0, 'a positive speed in km/h'),
        circuity: num(
            'circuity',
            1.3,
            (x) => x >= 1,
            'a number ≥ 1 (road km per straight-line km)'
        ),
        seed: num('seed', 1, (x) => Number.isInteger(x), 'an integer'),
        timeLimitS: num('time-limit', 50, (x) => x > 0, 'a positive number of seconds'),
        lowerBounds: values['lower-bounds'] === true,
        quiet: values.quiet === true
    };
}

/** Visits per account from the --frequency column: whole numbers ≥ 0, every problem named. */
function readFrequency(
    file: string,
    text: string,
    column: string | undefined,
    n: number
): Int32Array {
    const freq = new Int32Array(n).fill(1);
    if (column === undefined) return freq;
    const t = readTable(file, text);
    const j = columnIndex(t, column);
    if (j < 0)
        throw new InputError([
            {
                file,
                line: 1,
                column,
                message: `--frequency names '${column}', which is not a column (header has: ${t.header.join(', ')}).`
            }
        ]);
    const name = t.header[j]!;
    const problems: InputProblem[] = [];
    for (let i = 0; i < t.rows.length; i++) {
        const v = t.rows[i]![j] ?? '';
        const x = Number(v);
        if (v === '' || !Number.isInteger(x) || x < 0) {
            problems.push({
                file,
                line: t.lines[i]!,
                column: name,
                message:
                    v === ''
                        ? 'empty visit frequency (write 0 for no visits).'
                        : `'${v}' is not a whole number of visits ≥ 0.`
            });
        } else freq[i] = x;
    }
    if (problems.length > 0) throw new InputError(problems);
    return freq;
}

/** The assignment: rep index per account (−1 unassigned), checked against both files. */
function readAssignments(
    file: string,
    text: string,
    accountIds: readonly string[],
    repIds: readonly string[],
    repsFile: string
): { repOf: Int32Array; rows: number; unassigned: number } {
    const t = readTable(file, text);
    const [iAcc, iRep] = requireColumns(t, ['AccountId', 'RepId']) as [number, number];
    const accIndex = new Map(accountIds.map((id, i) => [id, i]));
    const repIndex = new Map(repIds.map((id, r) => [id, r]));
    const repOf = new Int32Array(accountIds.length).fill(-1);
    const firstLine = new Int32Array(accountIds.length);
    const problems: InputProblem[] = [];
    for (let p = 0; p < t.rows.length; p++) {
        const row = t.rows[p]!;
        const line = t.lines[p]!;
        const aid = row[iAcc] ?? '';
        const rid = row[iRep] ?? '';
        const i = accIndex.get(aid);
        if (aid === '')
            problems.push({ file, line, column: 'AccountId', message: 'empty AccountId.' });
        else if (i === undefined)
            problems.push({
                file,
                line,
                column: 'AccountId',
                message: `account '${aid}' is not in the accounts file.`
            });
        else if (firstLine[i]! > 0)
            problems.push({
                file,
                line,
                column: 'AccountId',
                message: `duplicate AccountId '${aid}' (first on line ${firstLine[i]}).`
            });
        else {
            firstLine[i] = line;
            if (rid === '') continue;
            const r = repIndex.get(rid);
            if (r === undefined)
                problems.push({
                    file,
                    line,
                    column: 'RepId',
                    message: `rep '${rid}' is not in ${basename(repsFile)}.`
                });
            else repOf[i] = r;
        }
    }
    if (problems.length > 0) throw new InputError(problems.slice(0, 50));
    let unassigned = 0;
    for (let i = 0; i < repOf.length; i++) if (repOf[i]! < 0) unassigned++;
    return { repOf, rows: t.rows.length, unassigned };
}

/** A per-rep seed from the run's seed and the rep's row (stable for the same files). */
function repSeed(seed: number, r: number): number {
    return (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(r + 1, 0x85ebca6b)) >>> 0;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** Runs `territory routes`; resolves to the exit code. */
export async function runRoutesCommand(argv: string[]): Promise<number> {
    const t0 = Date.now();
    const a = commandArgs('routes', ROUTES_USAGE, argv, parseRoutesArgs);
    if (typeof a === 'number') return a;
    const log = (s: string): void => {
        if (!a.quiet) process.stderr.write(`territory routes: ${s}\n`);
    };
    try {
        const accText = await readText(a.accounts, 'accounts');
        const repText = await readText(a.reps, 'reps');
        const asgText = await readText(a.assignments, 'assignments');
        const accFile = readAccounts(a.accounts, accText, ['Count']);
        const { acc } = accFile;
        const n = acc.ids.length;
        const frequency = readFrequency(a.accounts, accText, a.frequency, n);
        const repFile = readReps(a.reps, repText);
        const { reps } = repFile;
        const k = reps.ids.length;
        const asg = readAssignments(a.assignments, asgText, acc.ids, reps.ids, a.reps);
        const byRep: number[][] = Array.from({ length: k }, () => []);
        for (let i = 0; i < n; i++) if (asg.repOf[i]! >= 0) byRep[asg.repOf[i]!]!.push(i);
        const homeless: InputProblem[] = [];
        for (let r = 0; r < k; r++) {
            if (byRep[r]!.length > 0 && Number.isNaN(reps.lat[r]!))
                homeless.push({
                    file: a.reps,
                    line: repFile.lines[r]!,
                    column: 'Latitude',
                    message: `rep '${reps.ids[r]}' has ${byRep[r]!.length} assigned account${byRep[r]!.length === 1 ? '' : 's'} but no home (Latitude, Longitude): routes start and end at home.`
                });
        }
        if (homeless.length > 0) throw new InputError(homeless);

        const travel = new GreatCircleTravelTime({ speedKmh: a.speedKmh, circuity: a.circuity });
        const cap = new SafetyCap(t0 + a.timeLimitS * 1000);
        const plans: (RepRoutePlan | null)[] = [];
        for (let r = 0; r < k; r++) {
            const mine = byRep[r]!;
            if (mine.length === 0) {
                plans.push(null);
                continue;
            }
            const points: LatLon[] = [{ lat: reps.lat[r]!, lon: reps.lon[r]! }];
            for (const i of mine) points.push({ lat: acc.lat[i]!, lon: acc.lon[i]! });
            const table = await travel.table(points);
            plans.push(
                planRepRoutes(
                    {
                        points,
                        table,
                        frequency: mine.map((i) => frequency[i]!),
                        visitMinutes: mine.map(() => a.visitMinutes)
                    },
                    {
                        days: a.days,
                        dayMinutes: a.dayMinutes,
                        seed: repSeed(a.seed, r),
                        cap,
                        lowerBounds: a.lowerBounds
                    }
                )
            );
        }

        const rows: (string | number)[][] = [];
        const repReports = [];
        const unscheduled: {
            repId: string;
            accountId: string;
            visits: number;
            reason: UnscheduledReason;
            message: string;
        }[] = [];
        const total = { km: 0, drive: 0, visit: 0, requested: 0, scheduled: 0, work: 0 };
        let timeLimitReached = false;
        for (let r = 0; r < k; r++) {
            const plan = plans[r];
            const mine = byRep[r]!;
            if (!plan) {
                repReports.push({
                    repId: reps.ids[r]!,
                    accounts: 0,
                    visitsRequested: 0,
                    visitsScheduled: 0,
                    km: 0,
                    driveMinutes: 0,
                    visitMinutes: 0,
                    lowerBound: null,
                    days: []
                });
                continue;
            }
            if (plan.timeLimitReached) timeLimitReached = true;
            let km = 0;
            let drive = 0;
            let visit = 0;
            let bound = 0;
            let boundExact = true;
            let allBounded = true;
            const days = plan.days.map((day) => {
                let clock = 0;
                let prev: LatLon = { lat: reps.lat[r]!, lon: reps.lon[r]! };
                day.stops.forEach((s, q) => {
                    const i = mine[s]!;
                    const here = { lat: acc.lat[i]!, lon: acc.lon[i]! };
                    const legKm = haversineKm(prev.lat, prev.lon, here.lat, here.lon);
                    clock += travel.minutesFor(legKm);
                    const arrive = clock;
                    clock += a.visitMinutes;
                    rows.push([
                        reps.ids[r]!,
                        day.day,
                        q + 1,
                        acc.ids[i]!,
                        arrive.toFixed(1),
                        clock.toFixed(1),
                        legKm.toFixed(3)
                    ]);
                    prev = here;
                });
                km += day.km;
                drive += day.driveMinutes;
                visit += day.visitMinutes;
                if (day.lowerBound) {
                    bound += day.lowerBound.driveMinutes;
                    if (!day.lowerBound.exact) boundExact = false;
                } else allBounded = false;
                return {
                    day: day.day,
                    visits: day.stops.length,
                    km: round(day.km, 3),
                    driveMinutes: round(day.driveMinutes, 1),
                    visitMinutes: round(day.visitMinutes, 1),
                    totalMinutes: round(day.driveMinutes + day.visitMinutes, 1),
                    lowerBound: day.lowerBound
                        ? {
                              driveMinutes: round(day.lowerBound.driveMinutes, 1),
                              km: round(day.lowerBound.driveMinutes / travel.minutesFor(1), 3),
                              exact: day.lowerBound.exact,
                              ratio:
                                  day.lowerBound.driveMinutes > 0
                                      ? round(day.driveMinutes / day.lowerBound.driveMinutes, 4)
                                      : 1
                          }
                        : null
                };
            });
            for (const u of plan.unscheduled)
                unscheduled.push({
                    repId: reps.ids[r]!,
                    accountId: acc.ids[mine[u.account]!]!,
                    visits: u.visits,
                    reason: u.reason,
                    message: u.message
                });
            total.km += km;
            total.drive += drive;
            total.visit += visit;
            total.requested += plan.visitsRequested;
            total.scheduled += plan.visitsScheduled;
            total.work += plan.work;
            repReports.push({
                repId: reps.ids[r]!,
                accounts: mine.length,
                visitsRequested: plan.visitsRequested,
                visitsScheduled: plan.visitsScheduled,
                km: round(km, 3),
                driveMinutes: round(drive, 1),
                visitMinutes: round(visit, 1),
                lowerBound: allBounded
                    ? {
                          driveMinutes: round(bound, 1),
                          km: round(bound / travel.minutesFor(1), 3),
                          exact: boundExact,
                          ratio: bound > 0 ? round(drive / bound, 4) : 1
                      }
                    : null,
                days
            });
        }
        await writeFile(
            a.out,
            stringify(rows, {
                header: true,
                columns: [
                    'RepId',
                    'Day',
                    'Seq',
                    'AccountId',
                    'ArriveMinute',
                    'DepartMinute',
                    'LegKm'
                ]
            })
        );
        const runtimeMs = Date.now() - t0;
        if (a.report) {
            const body = {
                ok: true,
                command: 'territory routes',
                settings: {
                    days: a.days,
                    dayMinutes: a.dayMinutes,
                    visitMinutes: a.visitMinutes,
                    speedKmh: a.speedKmh,
                    circuity: a.circuity,
                    frequency: a.frequency ?? null,
                    seed: a.seed,
                    timeLimitS: a.timeLimitS,
                    lowerBounds: a.lowerBounds,
                    travelTime: travel.name
                },
                timeLimitReached,
                summary: {
                    reps: k,
                    repsWithVisits: plans.filter((p) => p !== null).length,
                    accountsRouted: n - asg.unassigned,
                    visitsRequested: total.requested,
                    visitsScheduled: total.scheduled,
                    visitsUnscheduled: total.requested - total.scheduled,
                    km: round(total.km, 3),
                    driveMinutes: round(total.drive, 1),
                    visitMinutes: round(total.visit, 1),
                    runtimeMs,
                    work: total.work
                },
                lowerBoundNote:
                    'per day: a lower bound on the drive minutes of that day’s stops (Held–Karp optimum up to 12 stops, exact: true; the 1-tree bound beyond, with --lower-bounds, else null); per rep: their sum when every day has one, else null.',
                reps: repReports,
                unscheduled,
                dataQuality: {
                    files: {
                        accounts: { path: a.accounts, rows: n, rejected: 0 },
                        reps: { path: a.reps, rows: k, rejected: 0 },
                        assignments: { path: a.assignments, rows: asg.rows, rejected: 0 }
                    },
                    rejected: [] as InputProblem[],
                    accountsWithoutRep: asg.unassigned,
                    approximateAccounts: accFile.approximate.length,
                    approximate: accFile.approximate
                }
            };
            await writeFile(a.report, JSON.stringify(body, null, 2));
        }
        const missing = total.requested - total.scheduled;
        log(
            `wrote ${total.scheduled} visits of ${n - asg.unassigned} accounts for ${plans.filter((p) => p !== null).length} reps to ${a.out} in ${(runtimeMs / 1000).toFixed(1)} s: ${Math.round(total.km)} km, ${Math.round(total.drive)} min driving` +
                (missing > 0
                    ? `; ${missing} visits could not be scheduled${a.report ? ' (reasons in the report)' : ''}`
                    : '') +
                (timeLimitReached ? '; the time limit was reached' : '') +
                '.'
        );
        return 0;
    } catch (err) {
        if (err instanceof InputError) {
            process.stderr.write(
                `territory routes: bad input, nothing written:\n${err.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`
            );
            if (a.report) {
                await writeFile(
                    a.report,
                    JSON.stringify(
                        {
                            ok: false,
                            timeLimitReached: false,
                            dataQuality: { rejected: err.problems }
                        },
                        null,
                        2
                    )
                ).catch(() => undefined);
            }
            return 2;
        }
        process.stderr.write(`territory routes: error: ${(err as Error).stack ?? String(err)}\n`);
        return 1;
    }
}
