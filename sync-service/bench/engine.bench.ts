/**
 * Engine benchmark: generated instances (clustered urban/rural accounts, skewed potential,
 * 3 measures; with and without rep homes; a drifted current plan; a rep who leaves), each printed
 * with the engine beside baselines computed in the same run: nearest-home / k-means (compact,
 * unbalanced), greedy largest-first (balanced, scattered), the MIP optimum (HiGHS, small
 * instances) and the LP relaxation bound (mid-size).
 *
 *   npm run bench:engine -w sync-service                      # quick: 240x6, 2kx20, 10kx50
 *   npm run bench:engine -w sync-service -- --sizes 1k,10k,100k,1m
 *   options: --sizes LIST (NxK or 1k,10k,100k,1m), --tolerance 0.05, --seed 1,
 *            --time-limit SECONDS (engine, per run), --no-exact, --json FILE
 *
 * Each size runs in its own child process so its peak RSS is its own.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { balanceColumnar, measureColumnar } from '../src/engine/index.js';
import type { PlanMetrics } from '../src/engine/index.js';
import { exactPlan, greedyLargestFirst, kMeans, nearestHome } from './lib/baselines.js';
import type { ExactResult } from './lib/baselines.js';
import { drift, fmtN, generate, repLeaves } from './lib/instances.js';
import type { Instance } from './lib/instances.js';
import { neighbourPurity } from './lib/shape.js';

const NAMED: Record<string, [number, number]> = {
    '240': [240, 6],
    '1k': [1000, 10],
    '2k': [2000, 20],
    '10k': [10000, 50],
    '100k': [100000, 100],
    '1m': [1000000, 1000]
};

function parseSize(s: string): [number, number] {
    const named = NAMED[s.toLowerCase()];
    if (named) return named;
    const m = /^(\d+(?:\.\d+)?)([km]?)x(\d+)$/i.exec(s);
    if (!m)
        throw new Error(
            `bad size '${s}': use NxK (e.g. 2kx20) or one of ${Object.keys(NAMED).join(', ')}`
        );
    const mult = m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1;
    return [Math.round(Number(m[1]) * mult), Number(m[3])];
}

interface Opts {
    sizes: string[];
    tolerance: number;
    seed: number;
    timeLimitS: number;
    exact: boolean;
    json?: string;
    one?: string;
}

function parseOpts(argv: string[]): Opts {
    const o: Opts = {
        sizes: ['240x6', '2kx20', '10kx50'],
        tolerance: 0.05,
        seed: 1,
        timeLimitS: 120,
        exact: true
    };
    for (let p = 0; p < argv.length; p++) {
        const a = argv[p]!;
        const next = (): string => {
            const v = argv[++p];
            if (v === undefined) throw new Error(`${a} needs a value`);
            return v;
        };
        if (a === '--sizes') o.sizes = next().split(',');
        else if (a === '--tolerance') o.tolerance = Number(next());
        else if (a === '--seed') o.seed = Number(next());
        else if (a === '--time-limit') o.timeLimitS = Number(next());
        else if (a === '--no-exact') o.exact = false;
        else if (a === '--json') o.json = next();
        else if (a === '--one') o.one = next();
        else throw new Error(`unknown option ${a}`);
    }
    return o;
}

interface Row {
    instance: string;
    method: string;
    metrics?: PlanMetrics;
    travel?: number;
    moves?: number;
    purity?: number;
    runtimeMs: number;
    rssMb?: number;
    /** CPU time (user + system) of the engine run: fairer than wall time on a shared machine */
    cpuMs?: number;
    note?: string;
}

const rows: Row[] = [];
let opts: Opts;

function rssMb(): number {
    return process.resourceUsage().maxRSS / 1024;
}

function evaluate(
    inst: Instance,
    method: string,
    assign: Int32Array,
    runtimeMs: number,
    extra: Partial<Row> = {}
): Row {
    const metrics = measureColumnar(inst.acc, inst.reps, assign, inst.measures, opts.tolerance);
    const purity = inst.acc.ids.length <= 2_000_000 ? neighbourPurity(inst.acc, assign) : undefined;
    const row: Row = {
        instance: inst.name,
        method,
        metrics,
        travel: metrics.travelKm,
        moves: inst.acc.currentRep ? metrics.disruption.moved : undefined,
        purity,
        runtimeMs,
        ...extra
    };
    rows.push(row);
    return row;
}

function exactRow(inst: Instance, method: string, res: ExactResult, kind: 'travel' | 'moves'): Row {
    const row: Row = {
        instance: inst.name,
        method,
        runtimeMs: res.runtimeMs,
        note: res.status,
        ...(kind === 'travel' ? { travel: res.objective } : { moves: res.objective })
    };
    if (res.assign) {
        const metrics = measureColumnar(
            inst.acc,
            inst.reps,
            res.assign,
            inst.measures,
            opts.tolerance
        );
        row.metrics = metrics;
        row.purity = neighbourPurity(inst.acc, res.assign);
        if (kind === 'travel') row.travel = metrics.travelKm;
        if (inst.acc.currentRep) row.moves = metrics.disruption.moved;
    }
    rows.push(row);
    return row;
}

function runEngine(inst: Instance): { assign: Int32Array; row: Row } {
    const t = Date.now();
    const cpu0 = process.cpuUsage();
    const { assign, report } = balanceColumnar(inst.acc, inst.reps, {
        balance: inst.measures,
        tolerance: opts.tolerance,
        seed: opts.seed,
        timeLimitMs: opts.timeLimitS * 1000
    });
    const ms = Date.now() - t;
    const cpu = process.cpuUsage(cpu0);
    const row = evaluate(inst, 'engine', assign, ms, {
        rssMb: rssMb(),
        cpuMs: (cpu.user + cpu.system) / 1000
    });
    if (report.warnings.length > 0) row.note = report.warnings.join(' | ');
    return { assign, row };
}

async function runSize(spec: string): Promise<void> {
    const [n, k] = parseSize(spec);
    const small = n <= 300;
    const mid = !small && n <= 5000;
    const base = generate({ n, k, seed: opts.seed, homes: true });
    // fresh plan, with homes
    const main = runEngine(base);
    const t0 = Date.now();
    evaluate(base, 'nearest-home', nearestHome(base), Date.now() - t0);
    const t1 = Date.now();
    evaluate(base, 'greedy-largest-first', greedyLargestFirst(base), Date.now() - t1);
    if (opts.exact && small)
        exactRow(
            base,
            'MIP optimum (HiGHS)',
            await exactPlan(base, opts.tolerance, 'travel', true, 300),
            'travel'
        );
    if (opts.exact && mid)
        exactRow(
            base,
            'LP bound (HiGHS)',
            await exactPlan(base, opts.tolerance, 'travel', false, 300),
            'travel'
        );
    // fresh plan, no homes (travel to territory centroids)
    const nohome = generate({ n, k, seed: opts.seed, homes: false });
    runEngine(nohome);
    const t2 = Date.now();
    evaluate(nohome, 'k-means', kMeans(nohome), Date.now() - t2);
    const t3 = Date.now();
    evaluate(nohome, 'greedy-largest-first', greedyLargestFirst(nohome), Date.now() - t3);
    // rebalancing a drifted plan, and a rep who leaves
    for (const inst of [drift(base, main.assign, opts.seed + 1), repLeaves(base, main.assign, 0)]) {
        runEngine(inst);
        const t4 = Date.now();
        evaluate(inst, 'nearest-home', nearestHome(inst), Date.now() - t4);
        const keep = Int32Array.from(inst.acc.currentRep!, (r, i) =>
            r < inst.reps.ids.length ? r : nearestOne(inst, i)
        );
        evaluate(inst, 'keep current (+nearest)', keep, 0);
        if (opts.exact && small)
            exactRow(
                inst,
                'MIP min moves (HiGHS)',
                await exactPlan(inst, opts.tolerance, 'moves', true, 300),
                'moves'
            );
        if (opts.exact && mid) {
            // the LP relaxation of "fewest moves" is too weak to be a useful bound: solve the MIP
            exactRow(
                inst,
                'MIP min moves (HiGHS, 120 s)',
                await exactPlan(inst, opts.tolerance, 'moves', true, 120),
                'moves'
            );
        }
        if (inst.reps.leftIds.length > 0) {
            // every account of a rep who left must move: a lower bound on the moves
            let mustMove = 0;
            for (const r of inst.acc.currentRep!) if (r >= inst.reps.ids.length) mustMove++;
            rows.push({
                instance: inst.name,
                method: 'lower bound: leaver accounts',
                moves: mustMove,
                runtimeMs: 0
            });
        }
    }
}

function nearestOne(inst: Instance, i: number): number {
    let best = 0;
    let bd = Infinity;
    for (let r = 0; r < inst.reps.ids.length; r++) {
        const d =
            (inst.acc.lat[i]! - inst.reps.lat[r]!) ** 2 +
            (inst.acc.lon[i]! - inst.reps.lon[r]!) ** 2;
        if (d < bd) {
            bd = d;
            best = r;
        }
    }
    return best;
}

function fmt(x: number | undefined, digits: number, width: number): string {
    return (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(digits)).padStart(width);
}

function printTable(list: Row[]): void {
    const header =
        'instance                      method                     dev %  ok  travel km     ×best   moves  ×min   overlap purity  time s   cpu s  RSS MB';
    console.log(header);
    console.log('-'.repeat(header.length));
    const byInstance = new Map<string, Row[]>();
    for (const r of list) {
        let l = byInstance.get(r.instance);
        if (!l) byInstance.set(r.instance, (l = []));
        l.push(r);
    }
    for (const [name, group] of byInstance) {
        // reference figures: the exact bound when present, else the compact baseline
        const exactTravel = group.find(
            (r) => r.method.startsWith('MIP optimum') || r.method.startsWith('LP bound')
        );
        const compact = group.find((r) => r.method === 'nearest-home' || r.method === 'k-means');
        const travelRef = exactTravel?.travel ?? compact?.travel;
        // the minimum number of moves: a proven MIP optimum, else the leaver lower bound
        const mip = group.find((r) => r.method.startsWith('MIP min moves') && r.note === 'Optimal');
        const minMoves = mip?.moves ?? group.find((r) => r.method.startsWith('lower bound'))?.moves;
        for (const r of group) {
            const m = r.metrics;
            console.log(
                [
                    name.padEnd(29),
                    r.method.padEnd(25),
                    fmt(m ? m.maxDeviation * 100 : undefined, 2, 7),
                    (m ? (m.withinTolerance ? 'yes' : 'no') : '').padStart(4),
                    fmt(r.travel, 0, 11),
                    fmt(
                        r.travel !== undefined && travelRef ? r.travel / travelRef : undefined,
                        3,
                        8
                    ),
                    fmt(r.moves, 0, 7),
                    fmt(r.moves !== undefined && minMoves ? r.moves / minMoves : undefined, 3, 6),
                    fmt(m?.hullOverlaps.areaShare, 3, 8),
                    fmt(r.purity, 3, 6),
                    fmt(r.runtimeMs / 1000, 2, 7),
                    fmt(r.cpuMs !== undefined ? r.cpuMs / 1000 : undefined, 2, 7),
                    fmt(r.rssMb, 0, 7)
                ].join(' ') + (r.note && r.note !== 'Optimal' ? `   (${r.note.slice(0, 140)})` : '')
            );
        }
        console.log(
            `  ×best: travel / ${exactTravel ? exactTravel.method : (compact?.method ?? '–')} travel; ×min: moves / ${mip ? 'the MIP minimum' : minMoves !== undefined ? 'the leaver lower bound' : '–'}`
        );
    }
}

async function main(): Promise<void> {
    opts = parseOpts(process.argv.slice(2));
    if (opts.one) {
        await runSize(opts.one);
        process.stdout.write(`@@ROWS ${JSON.stringify(rows)}\n`);
        return;
    }
    console.log(
        `load average ${(await import('node:os'))
            .loadavg()
            .map((x) => x.toFixed(1))
            .join(' ')} on ${(await import('node:os')).cpus().length} cores; ` +
            `engine benchmark: tolerance ${opts.tolerance}, seed ${opts.seed}, engine time limit ${opts.timeLimitS} s, node ${process.version}`
    );
    const all: Row[] = [];
    for (const spec of opts.sizes) {
        const [n, k] = parseSize(spec);
        process.stderr.write(`running ${fmtN(n)} x ${k} …\n`);
        const script = fileURLToPath(import.meta.url);
        const args = [
            '--import',
            'tsx',
            script,
            '--one',
            spec,
            '--tolerance',
            String(opts.tolerance),
            '--seed',
            String(opts.seed),
            '--time-limit',
            String(opts.timeLimitS)
        ];
        if (!opts.exact) args.push('--no-exact');
        const res = spawnSync(process.execPath, ['--max-old-space-size=6144', ...args], {
            encoding: 'utf8',
            maxBuffer: 1 << 28,
            stdio: ['ignore', 'pipe', 'inherit']
        });
        const line = res.stdout.split('\n').find((l) => l.startsWith('@@ROWS '));
        if (!line) {
            console.log(`${spec}: failed (exit ${res.status})`);
            continue;
        }
        const got = JSON.parse(line.slice(7)) as Row[];
        printTable(got);
        console.log('');
        all.push(...got);
        if (opts.json)
            for (const r of got)
                appendFileSync(
                    opts.json,
                    `${JSON.stringify({ ...r, metrics: r.metrics ? { ...r.metrics, reps: undefined } : undefined })}\n`
                );
    }
}

await main();
