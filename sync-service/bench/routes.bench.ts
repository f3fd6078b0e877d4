/**
 * Routes benchmark, every reference computed in the same run:
 *
 * 1. single tours (`--days 1 --day-minutes 0`) of 8–12 stops against the exact Held–Karp optimum,
 *    and of 20–200 stops against the Held–Karp 1-tree lower bound, on three families (uniform,
 *    clustered, metro), median and worst over the seeds;
 * 2. week plans (5 days × 480 min, 45-minute visits, frequencies 1–2): visits scheduled, rule
 *    violations (rechecked from the travel table) and km against the sweep + 2-opt baseline;
 * 3. the whole CLI on 500 reps × 100 accounts (a child process per run, wall time).
 *
 *   npm run bench:routes -w sync-service
 *   options: --seeds 20, --sizes 8,10,12,20,50,100,200, --scale 500x100, --no-tours,
 *            --no-week, --no-scale
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/engine/geo.js';
import {
    GreatCircleTravelTime,
    HELD_KARP_MAX_STOPS,
    heldKarp,
    oneTreeBound,
    planRepRoutes
} from '../src/routes/index.js';
import { checkPlan, sweepTwoOpt } from './lib/route-baselines.js';
import type { WeekProblem } from './lib/route-baselines.js';
import { ROUTE_FAMILIES, routeInstance } from './lib/route-instances.js';

interface Opts {
    seeds: number;
    sizes: number[];
    scale: [number, number];
    tours: boolean;
    week: boolean;
    scaleRun: boolean;
}

function parseOpts(argv: string[]): Opts {
    const o: Opts = {
        seeds: 20,
        sizes: [8, 10, 12, 20, 50, 100, 200],
        scale: [500, 100],
        tours: true,
        week: true,
        scaleRun: true
    };
    for (let p = 0; p < argv.length; p++) {
        const a = argv[p]!;
        const next = (): string => {
            const v = argv[++p];
            if (v === undefined) throw new Error(`${a} needs a value`);
            return v;
        };
        if (a === '--seeds') o.seeds = Number(next());
        else if (a === '--sizes') o.sizes = next().split(',').map(Number);
        else if (a === '--scale') {
            const m = /^(\d+)x(\d+)$/.exec(next());
            if (!m) throw new Error('--scale wants REPSxACCOUNTS, e.g. 500x100');
            o.scale = [Number(m[1]), Number(m[2])];
        } else if (a === '--no-tours') o.tours = false;
        else if (a === '--no-week') o.week = false;
        else if (a === '--no-scale') o.scaleRun = false;
        else throw new Error(`unknown option ${a}`);
    }
    return o;
}

const travel = new GreatCircleTravelTime({ speedKmh: 50, circuity: 1.3 });
const quantile = (xs: number[], q: number): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
};
const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    const h = s.length >> 1;
    return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};
const pad = (s: string | number, w: number): string => String(s).padStart(w);

function tours(o: Opts): void {
    console.log(
        `\nSingle tours (--days 1 --day-minutes 0), ${o.seeds} seeds per row: tour drive ÷ reference`
    );
    console.log(
        `${'stops'.padEnd(6)}${'family'.padEnd(11)}${'reference'.padEnd(22)}${pad('median', 8)}${pad('worst', 8)}${pad('tour ms', 9)}${pad('ref ms', 8)}`
    );
    let exactOk = true;
    let boundOk = true;
    for (const n of o.sizes) {
        for (const family of ROUTE_FAMILIES) {
            const ratios: number[] = [];
            let tourMs = 0;
            let refMs = 0;
            for (let s = 1; s <= o.seeds; s++) {
                const inst = routeInstance(family, n, s);
                const table = travel.tableSync(inst.points);
                const t0 = performance.now();
                const plan = planRepRoutes(
                    {
                        points: inst.points,
                        table,
                        frequency: new Array<number>(n).fill(1),
                        visitMinutes: new Array<number>(n).fill(45)
                    },
                    { days: 1, dayMinutes: 0, seed: s }
                );
                tourMs += performance.now() - t0;
                const cost = plan.days[0]!.driveMinutes;
                const nodes = Array.from({ length: n + 1 }, (_, i) => i);
                const t1 = performance.now();
                const ref =
                    n <= HELD_KARP_MAX_STOPS
                        ? heldKarp(table.minutes, n + 1, 0, nodes.slice(1)).cost
                        : oneTreeBound(table.minutes, n + 1, nodes, { upperBound: cost }).bound;
                refMs += performance.now() - t1;
                ratios.push(cost / ref);
            }
            const med = median(ratios);
            const worst = Math.max(...ratios);
            if (n <= HELD_KARP_MAX_STOPS && worst > 1 + 1e-9) exactOk = false;
            if (n > HELD_KARP_MAX_STOPS && med > 1.02) boundOk = false;
            console.log(
                `${String(n).padEnd(6)}${family.padEnd(11)}${(n <= HELD_KARP_MAX_STOPS ? 'Held–Karp optimum' : '1-tree bound').padEnd(22)}${pad(med.toFixed(4), 8)}${pad(worst.toFixed(4), 8)}${pad((tourMs / o.seeds).toFixed(1), 9)}${pad((refMs / o.seeds).toFixed(1), 8)}`
            );
        }
    }
    console.log(
        `≤ 12 stops equal to the optimum: ${exactOk ? 'yes' : 'NO'}; median ≤ 1.02 × 1-tree bound beyond: ${boundOk ? 'yes' : 'NO'}`
    );
}

function weekProblem(
    family: (typeof ROUTE_FAMILIES)[number],
    n: number,
    seed: number
): WeekProblem {
    const inst = routeInstance(family, n, seed, 30);
    const rng = mulberry32(seed * 31 + n);
    return {
        points: inst.points,
        table: travel.tableSync(inst.points),
        // a third of the accounts twice a week
        frequency: Array.from({ length: n }, () => (rng() < 1 / 3 ? 2 : 1)),
        visitMinutes: 45,
        days: 5,
        dayMinutes: 480
    };
}

function week(o: Opts): void {
    console.log(
        `\nWeek plans (5 days × 480 min, 45-min visits, a third of the accounts twice a week), ${o.seeds} seeds per row`
    );
    console.log(
        `${'accts'.padEnd(6)}${'family'.padEnd(11)}${pad('visits asked', 13)}${pad('ours', 7)}${pad('sweep', 7)}${pad('broken', 8)}${pad('km ours', 9)}${pad('km sweep', 10)}${pad('km ratio', 9)}${pad('ms', 7)}`
    );
    const allRatios: number[] = [];
    for (const n of [15, 20, 25, 30]) {
        for (const family of ROUTE_FAMILIES) {
            let asked = 0;
            let ours = 0;
            let base = 0;
            let broken = 0;
            let kmOurs = 0;
            let kmBase = 0;
            let ms = 0;
            const ratios: number[] = [];
            for (let s = 1; s <= o.seeds; s++) {
                const p = weekProblem(family, n, s);
                const t0 = performance.now();
                const plan = planRepRoutes(
                    {
                        points: p.points,
                        table: p.table,
                        frequency: p.frequency,
                        visitMinutes: new Array<number>(n).fill(p.visitMinutes)
                    },
                    { days: p.days, dayMinutes: p.dayMinutes, seed: s }
                );
                ms += performance.now() - t0;
                const a = checkPlan(
                    p,
                    plan.days.map((d) => d.stops)
                );
                const b = checkPlan(p, sweepTwoOpt(p));
                // frequencies must be on distinct days and unscheduled visits accounted for
                const listed = plan.unscheduled.reduce((t, u) => t + u.visits, 0);
                if (a.scheduled + listed !== a.requested) broken++;
                asked += a.requested;
                ours += a.scheduled;
                base += b.scheduled;
                broken += a.violations;
                kmOurs += a.km;
                kmBase += b.km;
                if (a.scheduled >= b.scheduled) ratios.push(a.km / b.km);
            }
            allRatios.push(...ratios);
            console.log(
                `${String(n).padEnd(6)}${family.padEnd(11)}${pad(asked, 13)}${pad(ours, 7)}${pad(base, 7)}${pad(broken, 8)}${pad(Math.round(kmOurs), 9)}${pad(Math.round(kmBase), 10)}${pad((kmOurs / kmBase).toFixed(3), 9)}${pad((ms / o.seeds).toFixed(1), 7)}`
            );
        }
    }
    console.log(
        `km ÷ baseline where ours scheduled at least as many visits: median ${median(allRatios).toFixed(3)}, worst ${Math.max(...allRatios).toFixed(3)} (${allRatios.length} plans); "broken" counts rule violations and unaccounted visits in our plans.`
    );
}

function scale(o: Opts): void {
    const [k, n] = o.scale;
    const dir = mkdtempSync(join(tmpdir(), 'routes-bench-'));
    try {
        const rng = mulberry32(2026);
        const a = ['Id,Latitude,Longitude,Visits'];
        const r = ['Id,Latitude,Longitude'];
        const asg = ['AccountId,RepId'];
        for (let j = 0; j < k; j++) {
            const inst = routeInstance(ROUTE_FAMILIES[j % 3]!, n, j + 1, 30);
            const [home, ...accounts] = inst.points;
            r.push(`R${j},${home!.lat.toFixed(6)},${home!.lon.toFixed(6)}`);
            accounts.forEach((p, i) => {
                a.push(
                    `A${j}_${i},${p.lat.toFixed(6)},${p.lon.toFixed(6)},${rng() < 1 / 3 ? 2 : 1}`
                );
                asg.push(`A${j}_${i},R${j}`);
            });
        }
        const files = ['A', 'R', 'OUT'].map((f) => join(dir, `${f}.csv`));
        writeFileSync(files[0]!, `${a.join('\n')}\n`);
        writeFileSync(files[1]!, `${r.join('\n')}\n`);
        writeFileSync(files[2]!, `${asg.join('\n')}\n`);
        const bin = fileURLToPath(new URL('../bin/territory.mjs', import.meta.url));
        console.log(
            `\nWhole CLI, ${k} reps × ${n} accounts (${k * n} accounts, a third twice a period)`
        );
        const runs: [string, string[]][] = [
            ['week: defaults (5 days × 480 min)', []],
            ['four weeks: --days 20', ['--days', '20']],
            ['one tour per rep: --days 1 --day-minutes 0', ['--days', '1', '--day-minutes', '0']],
            [
                'the same, certified: --lower-bounds',
                ['--days', '1', '--day-minutes', '0', '--lower-bounds']
            ]
        ];
        for (const [name, extra] of runs) {
            const report = join(dir, 'ROUTES.json');
            const t0 = performance.now();
            const res = spawnSync(
                process.execPath,
                [
                    bin,
                    'routes',
                    '--accounts',
                    files[0]!,
                    '--reps',
                    files[1]!,
                    '--assignments',
                    files[2]!,
                    '--out',
                    join(dir, 'ROUTES.csv'),
                    '--report',
                    report,
                    '--frequency',
                    'Visits',
                    '--time-limit',
                    '600',
                    '--quiet',
                    ...extra
                ],
                { encoding: 'utf8' }
            );
            const wall = (performance.now() - t0) / 1000;
            if (res.status !== 0) throw new Error(`routes failed: ${res.stderr}`);
            const body = JSON.parse(readFileSync(report, 'utf8')) as {
                timeLimitReached: boolean;
                summary: { visitsRequested: number; visitsScheduled: number; km: number };
                reps: { lowerBound: { ratio: number } | null }[];
            };
            const ratios = body.reps.flatMap((x) => (x.lowerBound ? [x.lowerBound.ratio] : []));
            const bounds =
                ratios.length > 0
                    ? `drive ÷ bound median ${median(ratios).toFixed(4)} (p90 ${quantile(ratios, 0.9).toFixed(4)}, ${ratios.length} reps)`
                    : 'no 1-tree bounds asked';
            console.log(
                `  ${name.padEnd(46)} ${wall.toFixed(1).padStart(6)} s wall  visits ${body.summary.visitsScheduled}/${body.summary.visitsRequested}  ${Math.round(body.summary.km)} km  ${bounds}  timeLimitReached ${body.timeLimitReached}  ${wall < 60 ? '< 60 s' : '≥ 60 s'}`
            );
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

const opts = parseOpts(process.argv.slice(2));
if (opts.tours) tours(opts);
if (opts.week) week(opts);
if (opts.scaleRun) scale(opts);
