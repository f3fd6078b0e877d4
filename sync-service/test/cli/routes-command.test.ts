import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { haversineKm } from '../../src/engine/geo.js';
import { GreatCircleTravelTime, tourCost } from '../../src/routes/index.js';

const dir = mkdtempSync(join(tmpdir(), 'territory-routes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bin = fileURLToPath(new URL('../../bin/territory.mjs', import.meta.url));

function file(name: string, text: string): string {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
}

async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
    let err = '';
    let out = '';
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
        err += String(s);
        return true;
    });
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
        out += String(s);
        return true;
    });
    try {
        const code = await main(['routes', ...args]);
        return { code, err, out };
    } finally {
        e.mockRestore();
        o.mockRestore();
    }
}

// two reps, 14 accounts each around their homes; every third account twice a week
const HOMES: Record<string, [number, number]> = { R1: [40.0, -75.0], R2: [40.6, -74.4] };
const accountRows: string[] = [];
const assignmentRows: string[] = [];
Object.entries(HOMES).forEach(([rep, [lat, lon]], r) => {
    for (let i = 0; i < 14; i++) {
        const id = `A${r}${String(i).padStart(2, '0')}`;
        const a = (i * 2.4) % (2 * Math.PI);
        const d = 0.05 + 0.02 * (i % 5);
        accountRows.push(
            `${id},${(lat + d * Math.sin(a)).toFixed(5)},${(lon + d * Math.cos(a)).toFixed(5)},${i % 3 === 0 ? 2 : 1},${100 + i}`
        );
        assignmentRows.push(`${id},${rep}`);
    }
});
const A = file('A.csv', ['Id,Latitude,Longitude,Visits,Potential', ...accountRows].join('\n'));
const R = file(
    'R.csv',
    'Id,Latitude,Longitude\nR1,40.0,-75.0\nR2,40.6,-74.4\nR3,,\n' // R3: no home, no accounts
);
const OUT = file('OUT.csv', ['AccountId,RepId', ...assignmentRows].join('\n'));
const BASE = ['--accounts', A, '--reps', R, '--assignments', OUT];

interface Row {
    RepId: string;
    Day: number;
    Seq: number;
    AccountId: string;
    ArriveMinute: number;
    DepartMinute: number;
    LegKm: number;
}

function readRoutes(path: string): { header: string; rows: Row[] } {
    const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
    return {
        header: header!,
        rows: lines.map((l) => {
            const [RepId, Day, Seq, AccountId, Arr, Dep, Leg] = l.split(',');
            return {
                RepId: RepId!,
                Day: Number(Day),
                Seq: Number(Seq),
                AccountId: AccountId!,
                ArriveMinute: Number(Arr),
                DepartMinute: Number(Dep),
                LegKm: Number(Leg)
            };
        })
    };
}

const coords = new Map(
    accountRows.map((l) => {
        const [id, lat, lon] = l.split(',');
        return [id!, [Number(lat), Number(lon)] as [number, number]];
    })
);

describe('territory routes', () => {
    it('writes one row per visit in order, within the day, with a report', async () => {
        const out = join(dir, 'ROUTES.csv');
        const report = join(dir, 'ROUTES.json');
        const res = await run([
            ...BASE,
            '--out',
            out,
            '--report',
            report,
            '--frequency',
            'Visits',
            '--days',
            '5',
            '--day-minutes',
            '300',
            '--seed',
            '3'
        ]);
        expect(res.err).toMatch(/wrote \d+ visits/);
        expect(res.code).toBe(0);
        const { header, rows } = readRoutes(out);
        expect(header).toBe('RepId,Day,Seq,AccountId,ArriveMinute,DepartMinute,LegKm');
        const body = JSON.parse(readFileSync(report, 'utf8'));
        expect(body.timeLimitReached).toBe(false);
        expect(body.summary.visitsRequested).toBe(2 * (14 + 5));
        expect(rows).toHaveLength(body.summary.visitsScheduled);
        const missing = body.unscheduled.reduce(
            (t: number, u: { visits: number }) => t + u.visits,
            0
        );
        expect(body.summary.visitsScheduled + missing).toBe(body.summary.visitsRequested);
        // group by rep and day: sequence from 1, times increasing, legs from home / the previous stop
        const groups = new Map<string, Row[]>();
        for (const r of rows)
            groups.set(`${r.RepId}/${r.Day}`, [...(groups.get(`${r.RepId}/${r.Day}`) ?? []), r]);
        const visitDays = new Map<string, number[]>();
        for (const [key, g] of groups) {
            const rep = key.split('/')[0]!;
            let prev = HOMES[rep]!;
            let clock = 0;
            g.forEach((r, q) => {
                expect(r.Seq).toBe(q + 1);
                const here = coords.get(r.AccountId)!;
                const km = haversineKm(prev[0], prev[1], here[0], here[1]);
                expect(r.LegKm).toBeCloseTo(km, 2);
                clock += (km * 1.3 * 60) / 50;
                expect(r.ArriveMinute).toBeCloseTo(clock, 0);
                expect(r.DepartMinute - r.ArriveMinute).toBeCloseTo(45, 0);
                clock += 45;
                prev = here;
                visitDays.set(r.AccountId, [...(visitDays.get(r.AccountId) ?? []), r.Day]);
            });
            const home = HOMES[rep]!;
            clock += (haversineKm(prev[0], prev[1], home[0], home[1]) * 1.3 * 60) / 50;
            expect(clock).toBeLessThanOrEqual(300 + 0.01);
            const day = body.reps
                .find((x: { repId: string }) => x.repId === rep)
                .days.find((d: { day: number }) => d.day === g[0]!.Day);
            expect(day.totalMinutes).toBeCloseTo(clock, 0);
            expect(day.visits).toBe(g.length);
        }
        for (const [id, days] of visitDays) {
            expect(new Set(days).size).toBe(days.length);
            const wanted = Number(accountRows.find((l) => l.startsWith(`${id},`))!.split(',')[3]);
            expect(days.length).toBeLessThanOrEqual(wanted);
        }
        for (const u of body.unscheduled) {
            expect(u.reason).toBe('no-room');
            expect(u.message).toMatch(/300-minute day|spread-out days/);
        }
        expect(body.reps.find((x: { repId: string }) => x.repId === 'R3').accounts).toBe(0);
        expect(typeof body.summary.runtimeMs).toBe('number');
    });

    it('--days 1 --day-minutes 0 is one optimal-length tour per rep through all its accounts', async () => {
        const out = join(dir, 'TSP.csv');
        const report = join(dir, 'TSP.json');
        const res = await run([
            ...BASE,
            '--out',
            out,
            '--report',
            report,
            '--days',
            '1',
            '--day-minutes',
            '0',
            '--frequency',
            'Visits',
            '--lower-bounds'
        ]);
        expect(res.code).toBe(0);
        const { rows } = readRoutes(out);
        expect(rows).toHaveLength(28);
        expect(rows.every((r) => r.Day === 1)).toBe(true);
        const body = JSON.parse(readFileSync(report, 'utf8'));
        // frequency 2 on a single day cannot be met: the extra visits are listed, not dropped
        expect(body.unscheduled).toHaveLength(10);
        expect(body.unscheduled[0].reason).toBe('frequency-exceeds-days');
        const travel = new GreatCircleTravelTime({ speedKmh: 50, circuity: 1.3 });
        for (const rep of ['R1', 'R2']) {
            const mine = rows.filter((r) => r.RepId === rep);
            expect(mine).toHaveLength(14);
            const points = [
                { lat: HOMES[rep]![0], lon: HOMES[rep]![1] },
                ...mine.map((r) => ({
                    lat: coords.get(r.AccountId)![0],
                    lon: coords.get(r.AccountId)![1]
                }))
            ];
            const t = travel.tableSync(points);
            const repReport = body.reps.find((x: { repId: string }) => x.repId === rep);
            // the CSV's order, home and back, is the tour the report measures
            const order = Array.from({ length: 15 }, (_, i) => i);
            expect(tourCost(t.minutes, t.size, order)).toBeCloseTo(repReport.driveMinutes, 0);
            // 14 stops: beyond the exact size, so the tour comes with a 1-tree bound
            expect(repReport.lowerBound.driveMinutes).toBeLessThanOrEqual(
                repReport.driveMinutes + 0.1
            );
            expect(repReport.lowerBound.ratio).toBeLessThan(1.05);
        }
        // without --lower-bounds, days beyond the exact size carry no bound (none was computed),
        // and the tours are the same
        const plainReport = join(dir, 'TSP-plain.json');
        const plainOut = join(dir, 'TSP-plain.csv');
        const plain = await run([
            ...BASE,
            '--out',
            plainOut,
            '--report',
            plainReport,
            '--days',
            '1',
            '--day-minutes',
            '0',
            '--frequency',
            'Visits'
        ]);
        expect(plain.code).toBe(0);
        expect(readFileSync(plainOut, 'utf8')).toBe(readFileSync(out, 'utf8'));
        const plainBody = JSON.parse(readFileSync(plainReport, 'utf8'));
        const routed = plainBody.reps.filter((x: { accounts: number }) => x.accounts > 0);
        expect(routed).toHaveLength(2);
        for (const rep of routed) {
            expect(rep.lowerBound).toBeNull();
            expect(rep.days[0].lowerBound).toBeNull();
        }
    });

    it('gives a byte-identical ROUTES.csv for the same input and seed, idle or beside a busy process', () => {
        const once = (tag: string): { csv: Buffer; limit: unknown } => {
            const out = join(dir, `${tag}.csv`);
            const report = join(dir, `${tag}.json`);
            const res = spawnSync(
                process.execPath,
                [
                    bin,
                    'routes',
                    ...BASE,
                    '--out',
                    out,
                    '--report',
                    report,
                    '--frequency',
                    'Visits',
                    '--days',
                    '1',
                    '--day-minutes',
                    '0',
                    '--seed',
                    '7',
                    '--quiet'
                ],
                { encoding: 'utf8' }
            );
            expect(res.stderr).toBe('');
            expect(res.status).toBe(0);
            return {
                csv: readFileSync(out),
                limit: JSON.parse(readFileSync(report, 'utf8')).timeLimitReached
            };
        };
        const idle = once('idle');
        const busy: ChildProcess[] = [0, 1].map(() =>
            spawn(process.execPath, ['-e', 'for(;;){Math.sqrt(Math.random())}'], {
                stdio: 'ignore'
            })
        );
        let loaded: ReturnType<typeof once>;
        try {
            loaded = once('busy');
        } finally {
            for (const p of busy) p.kill('SIGKILL');
        }
        expect(idle.limit).toBe(false);
        expect(loaded.limit).toBe(false);
        expect(loaded.csv.equals(idle.csv)).toBe(true);
    }, 60_000);

    it('names the rep with accounts and no home', async () => {
        const out = join(dir, 'x.csv');
        const reps = file('R-nohome.csv', 'Id,Latitude,Longitude\nR1,40.0,-75.0\nR2,,\n');
        const res = await run([
            '--accounts',
            A,
            '--reps',
            reps,
            '--assignments',
            OUT,
            '--out',
            out
        ]);
        expect(res.code).toBe(2);
        expect(res.err).toContain(
            `${reps}: line 3, column Latitude: rep 'R2' has 14 assigned accounts but no home`
        );
    });

    it('rejects bad input naming file, line and column', async () => {
        const out = join(dir, 'bad.csv');
        const cases: [string[], RegExp][] = [
            [
                [
                    '--accounts',
                    file(
                        'A-badfreq.csv',
                        'Id,Latitude,Longitude,Visits\nX1,40,-75,1\nX2,40.1,-75,two\n'
                    ),
                    '--reps',
                    R,
                    '--assignments',
                    file('O1.csv', 'AccountId,RepId\nX1,R1\nX2,R1\n'),
                    '--frequency',
                    'Visits'
                ],
                /A-badfreq\.csv: line 3, column Visits: 'two' is not a whole number of visits/
            ],
            [
                [...BASE, '--frequency', 'Often'],
                /A\.csv: line 1, column Often: --frequency names 'Often', which is not a column/
            ],
            [
                [
                    '--accounts',
                    A,
                    '--reps',
                    R,
                    '--assignments',
                    file('O2.csv', 'AccountId,RepId\nA000,R1\nA000,R2\nNOPE,R1\nA001,R9\n')
                ],
                /O2\.csv: line 3, column AccountId: duplicate AccountId 'A000' \(first on line 2\)[\s\S]*line 4, column AccountId: account 'NOPE' is not in the accounts file[\s\S]*line 5, column RepId: rep 'R9' is not in R\.csv/
            ],
            [
                [
                    '--accounts',
                    file('A-badlat.csv', 'Id,Latitude,Longitude\nX1,95,-75\n'),
                    '--reps',
                    R,
                    '--assignments',
                    OUT
                ],
                /A-badlat\.csv: line 2, column Latitude: 95 is out of range/
            ],
            [
                ['--accounts', A, '--reps', R, '--assignments', file('O3.csv', 'Account,Rep\n')],
                /O3\.csv: line 1, column AccountId, RepId: missing required columns/
            ]
        ];
        for (const [args, message] of cases) {
            const res = await run([...args, '--out', out]);
            expect(res.code).toBe(2);
            expect(res.err).toMatch(message);
        }
        const usage = await run([...BASE, '--out', out, '--days', '0']);
        expect(usage.code).toBe(2);
        expect(usage.err).toMatch(/--days must be a whole number/);
    });
});
