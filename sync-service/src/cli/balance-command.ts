/**
 * `territory balance`: reads accounts, reps and (optionally) the current assignment from CSV,
 * balances, writes OUT.csv (AccountId,RepId) and optionally REPORT.json. Bad input → a message
 * naming file, line and column on stderr, exit code 2; nothing is silently dropped.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { EngineInputError, balanceColumnar } from '../engine/balance.js';
import type { BalanceOptions } from '../engine/types.js';
import { balanceUnitsColumnar } from '../engine/units/balance-units.js';
import { UsageError, commandArgs, numberOption } from './command-args.js';
import type { InputProblem } from './csv-input.js';
import {
    InputError,
    formatProblem,
    readAccounts,
    readCurrent,
    readReps,
    readText
} from './csv-input.js';
import { segmentGroups } from '../engine/metrics.js';

export const BALANCE_USAGE = `Usage: territory balance --accounts A.csv --reps R.csv --out OUT.csv
        [--current CUR.csv] [--balance Potential,Workload,Count] [--tolerance 0.05]
        [--report REPORT.json] [--seed N] [--time-limit SECONDS]
        [--weights Potential=2,Workload=1] [--disruption-weight 0.5]
        [--method auto|prices|bisection] [--units account|postal] [--quiet]

  --accounts   Id,Latitude,Longitude plus numeric measure columns; optional Segment,
               Locked (true/false), PostalCode, Name, Named, Type (Customer…/Prospect:
               a new rep's customers and prospects are reported under newReps).
               Count is implicit (1 per account).
               A row with empty Latitude and Longitude is placed at its PostalCode's
               centroid (US ZIP codes, offline) and listed in the report as approximate.
  --reps       Id; optional Latitude,Longitude (home base), Capacity (default 1), Segment.
  --current    AccountId,RepId: the current assignment; turns on minimal-disruption mode.
               A rep in it but not in --reps has left: only what must move moves.
  --out        written as AccountId,RepId, one row per account.
  --balance    measures to balance (default: every numeric measure column, plus Count).
  --tolerance  allowed relative deviation from target per rep and measure (default 0.05).
  --report     JSON report: per-rep loads, deviation, travel, disruption, runtime, data quality.
  --seed       seed for deterministic results (default 1).
  --time-limit seconds for the whole run, reading and writing included; the best plan found
               so far is written when it runs out (default 50, so 1M accounts finish within a minute).
  --weights    relative importance of the measures (default 1 each).
  --disruption-weight  0 = most compact … 1 = fewest changes (default 0.5; with --current).
  --units      account (default) or postal: territories made of postal units. All accounts
               sharing a PostalCode (within a segment) go to one rep, except Named=true
               accounts (placed individually) and Locked=true ones (kept); each rep's units
               are contiguous in the Delaunay triangulation of the unit centroids. Needs a
               PostalCode column; the report gains units, per-rep units and unitMode.
  --method     how a fresh plan starts: prices (least travel, slow from ~100k accounts),
               bisection (fast, compact territories) or auto (default: bisection from
               2M accounts × reps in a segment, prices below).
Exit codes: 0 plan written (warnings on stderr if the tolerance was not reached), 2 bad input,
1 unexpected error.
`;

interface Args {
    accounts: string;
    reps: string;
    out: string;
    current?: string;
    balance?: string[];
    tolerance: number;
    report?: string;
    seed: number;
    timeLimitS: number;
    weights?: Record<string, number>;
    disruptionWeight?: number;
    method?: 'auto' | 'prices' | 'bisection';
    units: 'account' | 'postal';
    quiet: boolean;
}

const VALUE_FLAGS = [
    'accounts',
    'reps',
    'out',
    'current',
    'balance',
    'tolerance',
    'report',
    'seed',
    'time-limit',
    'weights',
    'disruption-weight',
    'method',
    'units'
];

function parseArgs(argv: string[]): Args | 'help' {
    const v: Record<string, string> = {};
    let quiet = false;
    for (let p = 0; p < argv.length; p++) {
        const a = argv[p]!;
        if (a === '-h' || a === '--help') return 'help';
        if (a === '--quiet') {
            quiet = true;
            continue;
        }
        if (!a.startsWith('--')) throw new UsageError(`unexpected argument '${a}'.`);
        const eq = a.indexOf('=');
        const name = a.slice(2, eq >= 0 ? eq : undefined);
        if (!VALUE_FLAGS.includes(name)) throw new UsageError(`unknown option '--${name}'.`);
        let value: string | undefined;
        if (eq >= 0) value = a.slice(eq + 1);
        else {
            value = argv[p + 1];
            p++;
        }
        if (value === undefined || (value.startsWith('--') && eq < 0)) {
            throw new UsageError(`option '--${name}' needs a value.`);
        }
        if (name in v) throw new UsageError(`option '--${name}' given twice.`);
        v[name] = value;
    }
    for (const req of ['accounts', 'reps', 'out']) {
        if (!(req in v)) throw new UsageError(`missing required option '--${req}'.`);
    }
    const num = (name: string, def: number, ok: (x: number) => boolean, what: string): number =>
        numberOption(v, name, def, ok, what);
    const args: Args = {
        accounts: v.accounts!,
        reps: v.reps!,
        out: v.out!,
        current: v.current,
        report: v.report,
        tolerance: num(
            'tolerance',
            0.05,
            (x) => x > 0 && x < 1,
            'a number between 0 and 1, e.g. 0.05'
        ),
        seed: num('seed', 1, (x) => Number.isInteger(x), 'an integer'),
        timeLimitS: num('time-limit', 50, (x) => x > 0, 'a positive number of seconds'),
        units: 'account',
        quiet
    };
    if ('units' in v) {
        const u = v.units!;
        if (u !== 'account' && u !== 'postal')
            throw new UsageError(`--units must be account or postal (got '${u}').`);
        args.units = u;
    }
    if ('disruption-weight' in v) {
        args.disruptionWeight = num(
            'disruption-weight',
            0.5,
            (x) => x >= 0 && x <= 1,
            'between 0 and 1'
        );
    }
    if ('method' in v) {
        const m = v.method!;
        if (m !== 'auto' && m !== 'prices' && m !== 'bisection')
            throw new UsageError(`--method must be auto, prices or bisection (got '${m}').`);
        args.method = m;
    }
    if ('balance' in v) {
        const list = v.balance!.split(',').map((s) => s.trim());
        if (list.some((s) => s === ''))
            throw new UsageError(
                `--balance must be a comma-separated list of measure columns (got '${v.balance}').`
            );
        args.balance = [...new Set(list)];
    }
    if ('weights' in v) {
        args.weights = {};
        for (const part of v.weights!.split(',')) {
            const [name, w] = part.split('=');
            const x = Number(w);
            if (!name || w === undefined || !Number.isFinite(x) || x < 0) {
                throw new UsageError(
                    `--weights must look like Potential=2,Workload=1 (got '${part}').`
                );
            }
            args.weights[name.trim()] = x;
        }
    }
    return args;
}

/** Runs `territory balance`; resolves to the exit code. */
export async function runBalanceCommand(argv: string[]): Promise<number> {
    const t0 = Date.now();
    const args = commandArgs('balance', BALANCE_USAGE, argv, parseArgs);
    if (typeof args === 'number') return args;
    const log = (s: string): void => {
        if (!args.quiet || s.startsWith('error')) process.stderr.write(`territory balance: ${s}\n`);
    };
    const a = args;
    try {
        const accText = await readText(a.accounts, 'accounts');
        const repText = await readText(a.reps, 'reps');
        const curText = a.current ? await readText(a.current, 'current assignment') : null;
        const accFile = readAccounts(a.accounts, accText, a.balance ?? null);
        const repFile = readReps(a.reps, repText);
        const curFile =
            curText !== null ? readCurrent(a.current!, curText, accFile.acc, repFile.reps) : null;
        checkSegments(a, accFile, repFile);
        const n = accFile.acc.ids.length;
        const k = repFile.reps.ids.length;
        const quietLimit = Date.now();
        let lastLog = 0;
        log(
            `${n} accounts, ${k} reps${curFile ? `, current assignment of ${curFile.rows} accounts` : ''}; balancing ${accFile.balance.join(', ')} to ±${(a.tolerance * 100).toFixed(1)} %.`
        );
        if (a.units === 'postal' && !accFile.postal) {
            throw new InputError([
                {
                    file: a.accounts,
                    line: 1,
                    column: 'PostalCode',
                    message: '--units postal needs a PostalCode column in the accounts file.'
                }
            ]);
        }
        const balanceOptions: BalanceOptions = {
            balance: accFile.balance,
            weights: a.weights,
            tolerance: a.tolerance,
            disruptionWeight: a.disruptionWeight,
            method: a.method,
            seed: a.seed,
            // what is left of the limit, keeping a reserve for the report and OUT.csv
            timeLimitMs: Math.max(1, a.timeLimitS * 1000 - (Date.now() - t0) - 0.003 * n - 200),
            onProgress: ({ stage, fraction }) => {
                const now = Date.now();
                if (now - quietLimit < 1000 || now - lastLog < 1000) return;
                lastLog = now;
                log(`${stage} ${(fraction * 100).toFixed(0)} %`);
            }
        };
        const { assign, report } =
            a.units === 'postal'
                ? balanceUnitsColumnar(accFile.acc, repFile.reps, balanceOptions, {
                      postal: accFile.postal!,
                      named: accFile.named
                  })
                : balanceColumnar(accFile.acc, repFile.reps, balanceOptions);
        const units = 'units' in report ? report.units : null;
        const rows: string[][] = new Array<string[]>(n);
        for (let i = 0; i < n; i++) rows[i] = [accFile.acc.ids[i]!, repFile.reps.ids[assign[i]!]!];
        await writeFile(a.out, stringify(rows, { header: true, columns: ['AccountId', 'RepId'] }));
        const runtimeMs = Date.now() - t0;
        if (a.report) {
            const body = {
                ok: true,
                command: 'territory balance',
                settings: {
                    balance: accFile.balance,
                    weights: a.weights ?? null,
                    tolerance: a.tolerance,
                    seed: a.seed,
                    timeLimitS: a.timeLimitS,
                    disruptionWeight: a.disruptionWeight ?? (curFile ? 0.5 : null),
                    method: a.method ?? 'auto',
                    units: a.units,
                    minimalDisruption: curFile !== null
                },
                dataQuality: {
                    files: {
                        accounts: { path: a.accounts, rows: n, rejected: 0 },
                        reps: { path: a.reps, rows: k, rejected: 0 },
                        ...(curFile
                            ? { current: { path: a.current, rows: curFile.rows, rejected: 0 } }
                            : {})
                    },
                    rejected: [] as InputProblem[],
                    repsWithHome: repFile.withHome,
                    repsWithoutHome: k - repFile.withHome,
                    capacityDefaulted: repFile.capacityDefaulted,
                    lockedAccounts: accFile.lockedCount,
                    namedAccounts: accFile.namedCount,
                    approximateAccounts: accFile.approximate.length,
                    approximate: accFile.approximate,
                    accountsWithoutCurrentRep: curFile ? curFile.accountsWithoutCurrent : null,
                    repsWhoLeft: curFile ? curFile.leftReps : [],
                    warnings: report.warnings
                },
                timeLimitReached: report.timeLimitReached,
                ...(units !== null ? { units } : {}),
                summary: {
                    accounts: n,
                    reps: k,
                    maxDeviation: report.maxDeviation,
                    withinTolerance: report.withinTolerance,
                    travelKm: report.travelKm,
                    moved: report.disruption.moved,
                    disruptionShare: report.disruption.share,
                    runtimeMs
                },
                report: { ...report, runtimeMs }
            };
            await writeFile(a.report, JSON.stringify(body, null, 2));
        }
        for (const w of report.warnings) log(`warning: ${w}`);
        if (accFile.approximate.length > 0)
            log(
                `${accFile.approximate.length} accounts without coordinates placed at their postal code's centroid (approximate${a.report ? ', listed in the report' : ''}).`
            );
        log(
            `wrote ${n} assignments to ${a.out} in ${(runtimeMs / 1000).toFixed(1)} s: max deviation ${(report.maxDeviation * 100).toFixed(2)} % (tolerance ${(a.tolerance * 100).toFixed(1)} %), travel ${Math.round(report.travelKm)} km` +
                (curFile
                    ? `, ${report.disruption.moved} accounts moved (${(report.disruption.share * 100).toFixed(1)} %)`
                    : '') +
                '.'
        );
        return 0;
    } catch (err) {
        if (err instanceof InputError || err instanceof EngineInputError) {
            const problems =
                err instanceof InputError
                    ? err.problems
                    : [{ file: a.accounts, line: 0, message: err.message }];
            process.stderr.write(
                `territory balance: bad input, nothing written:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`
            );
            if (a.report) {
                await writeFile(
                    a.report,
                    JSON.stringify(
                        { ok: false, timeLimitReached: false, dataQuality: { rejected: problems } },
                        null,
                        2
                    )
                ).catch(() => undefined);
            }
            return 2;
        }
        process.stderr.write(`territory balance: error: ${(err as Error).stack ?? String(err)}\n`);
        return 1;
    }
}

/** Every segment with accounts needs a rep: name the first account line of each orphan segment. */
function checkSegments(
    a: Args,
    accFile: ReturnType<typeof readAccounts>,
    repFile: ReturnType<typeof readReps>
): void {
    const { names, accountGroup, repGroup } = segmentGroups(accFile.acc, repFile.reps);
    if (names.length === 1 && names[0] === '') return;
    const hasRep = new Uint8Array(names.length);
    for (let r = 0; r < repGroup.length; r++) hasRep[repGroup[r]!] = 1;
    const problems: InputProblem[] = [];
    const reported = new Uint8Array(names.length);
    for (let i = 0; i < accountGroup.length; i++) {
        const g = accountGroup[i]!;
        if (hasRep[g] || reported[g]) continue;
        reported[g] = 1;
        const count = accountGroup.filter((x) => x === g).length;
        problems.push({
            file: a.accounts,
            line: accFile.lines[i]!,
            column: 'Segment',
            message: `segment '${names[g]}' (${count} accounts) has no rep in ${basename(a.reps)}${repFile.reps.segment ? '' : ' (it has no Segment column)'}.`
        });
    }
    if (problems.length > 0) throw new InputError(problems);
}
