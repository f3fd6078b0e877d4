import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runBalanceCommand } from '../../src/cli/balance-command.js';

const dir = mkdtempSync(join(tmpdir(), 'territory-balance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
}

const ACCOUNTS = [
    'Id,Name,Latitude,Longitude,Potential,Workload,Segment,Locked',
    ...Array.from({ length: 40 }, (_, i) => {
        const lat = 40 + (i % 7) * 0.1;
        const lon = -75 + Math.floor(i / 7) * 0.1;
        return `A${i},"Account ${i}, Inc.",${lat.toFixed(3)},${lon.toFixed(3)},${100 + ((i * 37) % 50)},${10 + (i % 5)},${i % 2 ? 'SMB' : 'ENT'},${i === 0 ? 'true' : 'false'}`;
    })
].join('\n');
const REPS =
    'Id,Latitude,Longitude,Capacity,Segment\nE1,40.1,-75.0,1,ENT\nE2,40.5,-74.6,1,ENT\nS1,40.1,-74.6,,SMB\nS2,40.5,-75.0,1,SMB\n';

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
        const code = await runBalanceCommand(args);
        return { code, err, out };
    } finally {
        e.mockRestore();
        o.mockRestore();
    }
}

describe('territory balance', () => {
    const a = file('A.csv', ACCOUNTS);
    const r = file('R.csv', REPS);

    it('balances windshield time (--balance DriveTime, derived) and reports it per rep', async () => {
        const out = join(dir, 'dt-out.csv');
        const report = join(dir, 'dt-report.json');
        const res = await run([
            ...['--accounts', a, '--reps', r, '--out', out, '--report', report],
            ...['--balance', 'Potential,DriveTime', '--tolerance', '0.2']
        ]);
        expect(res.err).toMatch(/balancing Potential, DriveTime/);
        expect(res.code).toBe(0);
        const rep = JSON.parse(readFileSync(report, 'utf8')).report;
        expect(rep.measures).toEqual(['Potential', 'DriveTime']);
        for (const x of rep.reps) {
            expect(x.loads.DriveTime).toBeGreaterThan(0);
            expect(x.targets.DriveTime).toBeGreaterThan(0);
        }
        expect(rep.deviationByMeasure.DriveTime).toBeLessThanOrEqual(0.2);
        // a VisitsPerMonth column weighs it; a bad value is named with its line
        const bad = file(
            'A-visits.csv',
            ACCOUNTS.split('\n')
                .map((l, i) => `${l},${i === 0 ? 'VisitsPerMonth' : i === 3 ? 'often' : '2'}`)
                .join('\n')
        );
        const res2 = await run([
            ...['--accounts', bad, '--reps', r, '--out', out, '--balance', 'DriveTime']
        ]);
        expect(res2.code).toBe(2);
        expect(res2.err).toMatch(
            /line 4, column VisitsPerMonth: 'often' is not a number of visits/
        );
    });

    it('writes one AccountId,RepId row per account and a report with a data-quality section', async () => {
        const out = join(dir, 'out.csv');
        const report = join(dir, 'report.json');
        const cur = file('CUR.csv', 'AccountId,RepId\nA0,E2\nA1,Gone\nA2,E1\n');
        const res = await run([
            '--accounts',
            a,
            '--reps',
            r,
            '--out',
            out,
            '--current',
            cur,
            '--report',
            report,
            '--tolerance',
            '0.1',
            '--seed',
            '3'
        ]);
        expect(res.err).toMatch(/wrote 40 assignments/);
        expect(res.code).toBe(0);
        const rows = readFileSync(out, 'utf8').trim().split('\n');
        expect(rows[0]).toBe('AccountId,RepId');
        expect(rows).toHaveLength(41);
        const plan = new Map(rows.slice(1).map((l) => l.split(',') as [string, string]));
        expect(plan.get('A0')).toBe('E2'); // locked
        for (const [id, rep] of plan)
            expect(rep.startsWith(Number(id.slice(1)) % 2 ? 'S' : 'E')).toBe(true);
        const body = JSON.parse(readFileSync(report, 'utf8'));
        expect(body.ok).toBe(true);
        expect(body.dataQuality.files.accounts).toEqual({ path: a, rows: 40, rejected: 0 });
        expect(body.dataQuality.repsWhoLeft).toEqual([{ id: 'Gone', accounts: 1 }]);
        expect(body.dataQuality.capacityDefaulted).toBe(1);
        expect(body.dataQuality.accountsWithoutCurrentRep).toBe(37);
        expect(body.report.reps).toHaveLength(4);
        expect(body.report.reps[0].loads).toHaveProperty('Potential');
        expect(body.settings.balance).toEqual(['Potential', 'Workload', 'Count']);
        expect(body.report.maxDeviation).toBeLessThanOrEqual(0.1);
    });

    it("reports a new hire's patch and its mix of customers and prospects (Type column)", async () => {
        const typed = file(
            'A-typed.csv',
            ACCOUNTS.split('\n')
                .map(
                    (l, i) => `${l},${i === 0 ? 'Type' : i % 3 ? 'Customer - Direct' : 'Prospect'}`
                )
                .join('\n')
        );
        const first = join(dir, 'typed-first.csv');
        expect((await run(['--accounts', typed, '--reps', r, '--out', first])).code).toBe(0);
        const hired = file('R-hired.csv', `${REPS}N1,40.3,-74.8,1,SMB\n`);
        const out = join(dir, 'typed-out.csv');
        const report = join(dir, 'typed-report.json');
        const res = await run([
            ...['--accounts', typed, '--reps', hired, '--current', first],
            ...['--out', out, '--report', report]
        ]);
        expect(res.code).toBe(0);
        const plan = readFileSync(out, 'utf8').trim().split('\n').slice(1);
        const theirs = plan
            .filter((l) => l.endsWith(',N1'))
            .map((l) => Number(l.slice(1, l.indexOf(','))));
        const { newReps } = JSON.parse(readFileSync(report, 'utf8')).report;
        expect(newReps).toEqual([
            {
                repId: 'N1',
                segment: 'SMB',
                accounts: theirs.length,
                customers: theirs.filter((i) => (i + 1) % 3 !== 0).length,
                prospects: theirs.filter((i) => (i + 1) % 3 === 0).length,
                customerShare: expect.any(Number) as number,
                // SMB: accounts A1, A3, …, A39, of which A5, A11, …, A35 (6) are prospects
                segmentCustomerShare: 14 / 20
            }
        ]);
        expect(theirs.length).toBeGreaterThan(0);
    });

    it('prints usage with --help', async () => {
        const res = await run(['--help']);
        expect(res.code).toBe(0);
        expect(res.out).toMatch(/Usage: territory balance --accounts A.csv/);
    });

    const bad: [string, () => string[], RegExp][] = [
        [
            'unknown flag',
            () => ['--accounts', a, '--reps', r, '--out', join(dir, 'x.csv'), '--frobnicate', '1'],
            /unknown option '--frobnicate'/
        ],
        [
            'unknown method',
            () => ['--accounts', a, '--reps', r, '--out', join(dir, 'x.csv'), '--method', 'magic'],
            /--method must be auto, prices or bisection \(got 'magic'\)/
        ],
        [
            'missing required option',
            () => ['--accounts', a, '--reps', r],
            /missing required option '--out'/
        ],
        [
            'bad tolerance',
            () => ['--accounts', a, '--reps', r, '--out', join(dir, 'x.csv'), '--tolerance', 'abc'],
            /--tolerance must be/
        ],
        [
            'missing column',
            () => [
                '--accounts',
                file('nolat.csv', 'Id,Longitude,Potential\nA,1,2\n'),
                '--reps',
                r,
                '--out',
                join(dir, 'x.csv')
            ],
            /nolat\.csv: line 1, column Latitude: missing required column 'Latitude'/
        ],
        [
            'non-numeric measure',
            () => [
                '--accounts',
                file('nonnum.csv', 'Id,Latitude,Longitude,Potential\nA,40,-75,10\nB,40,-75,lots\n'),
                '--reps',
                r,
                '--out',
                join(dir, 'x.csv'),
                '--balance',
                'Potential'
            ],
            /nonnum\.csv: line 3, column Potential: 'lots' is not a number/
        ],
        [
            'duplicate account id',
            () => [
                '--accounts',
                file('dup.csv', 'Id,Latitude,Longitude\nA,40,-75\nB,40,-75\nA,41,-75\n'),
                '--reps',
                r,
                '--out',
                join(dir, 'x.csv')
            ],
            /dup\.csv: line 4, column Id: duplicate Id 'A' \(first on line 2\)/
        ],
        [
            'duplicate rep id',
            () => [
                '--accounts',
                a,
                '--reps',
                file('duprep.csv', 'Id\nR1\nR1\n'),
                '--out',
                join(dir, 'x.csv')
            ],
            /duprep\.csv: line 3, column Id: duplicate Id 'R1'/
        ],
        [
            'latitude out of range',
            () => [
                '--accounts',
                file('range.csv', 'Id,Latitude,Longitude\nA,40,-75\nB,95.5,-75\n'),
                '--reps',
                r,
                '--out',
                join(dir, 'x.csv')
            ],
            /range\.csv: line 3, column Latitude: 95.5 is out of range/
        ],
        [
            'rep longitude out of range',
            () => [
                '--accounts',
                a,
                '--reps',
                file('reprange.csv', 'Id,Latitude,Longitude\nR1,40,-195\n'),
                '--out',
                join(dir, 'x.csv')
            ],
            /reprange\.csv: line 2, column Longitude: -195 is out of range/
        ],
        [
            'segment with no rep',
            () => [
                '--accounts',
                file('seg.csv', 'Id,Latitude,Longitude,Segment\nA,40,-75,ENT\nB,40,-75,Gov\n'),
                '--reps',
                r,
                '--out',
                join(dir, 'x.csv')
            ],
            /seg\.csv: line 3, column Segment: segment 'Gov' \(1 accounts\) has no rep/
        ],
        [
            'unknown --balance column',
            () => [
                '--accounts',
                a,
                '--reps',
                r,
                '--out',
                join(dir, 'x.csv'),
                '--balance',
                'Potential,Revenue'
            ],
            /A\.csv: line 1, column Revenue: --balance names 'Revenue', which is not a measure column/
        ],
        [
            'empty measure value',
            () => [
                '--accounts',
                file('empty.csv', 'Id,Latitude,Longitude,Potential\nA,40,-75,\n'),
                '--reps',
                r,
                '--out',
                join(dir, 'x.csv'),
                '--balance',
                'Potential'
            ],
            /empty\.csv: line 2, column Potential: empty measure value/
        ],
        [
            'broken CSV',
            () => [
                '--accounts',
                file('broken.csv', 'Id,Latitude,Longitude\nA,40,-75\nB,40\n'),
                '--reps',
                r,
                '--out',
                join(dir, 'x.csv')
            ],
            /broken\.csv: line 3: not valid CSV/
        ],
        [
            'current assignment naming an unknown account',
            () => [
                '--accounts',
                a,
                '--reps',
                r,
                '--out',
                join(dir, 'x.csv'),
                '--current',
                file('curbad.csv', 'AccountId,RepId\nA1,E1\nZZ,E1\n')
            ],
            /curbad\.csv: line 3, column AccountId: account 'ZZ' is not in the accounts file/
        ],
        [
            'capacity not positive',
            () => [
                '--accounts',
                a,
                '--reps',
                file('cap.csv', 'Id,Capacity\nR1,0\n'),
                '--out',
                join(dir, 'x.csv')
            ],
            /cap\.csv: line 2, column Capacity: 0 must be > 0/
        ],
        [
            'locked not boolean',
            () => [
                '--accounts',
                file('lock.csv', 'Id,Latitude,Longitude,Locked\nA,40,-75,maybe\n'),
                '--reps',
                r,
                '--out',
                join(dir, 'x.csv')
            ],
            /lock\.csv: line 2, column Locked: 'maybe' is not true\/false/
        ],
        [
            'missing file',
            () => ['--accounts', join(dir, 'nope.csv'), '--reps', r, '--out', join(dir, 'x.csv')],
            /nope\.csv: line 0: cannot read the accounts file \(ENOENT\)/
        ]
    ];
    for (const [name, args, message] of bad) {
        it(`rejects bad input: ${name}`, async () => {
            const out = join(dir, 'x.csv');
            rmSync(out, { force: true });
            const res = await run(args());
            expect(res.code).toBe(2);
            expect(res.err).toMatch(message);
            expect(existsSync(out)).toBe(false);
        });
    }

    it('writes the rejected rows into REPORT.json on bad input', async () => {
        const report = join(dir, 'bad-report.json');
        const res = await run([
            '--accounts',
            file('bad2.csv', 'Id,Latitude,Longitude,Potential\nA,40,-75,x\nB,100,-75,1\n'),
            '--reps',
            r,
            '--out',
            join(dir, 'x.csv'),
            '--report',
            report
        ]);
        expect(res.code).toBe(2);
        const body = JSON.parse(readFileSync(report, 'utf8'));
        expect(body.ok).toBe(false);
        expect(body.dataQuality.rejected).toEqual([
            expect.objectContaining({ line: 2, column: 'Potential' }),
            expect.objectContaining({ line: 3, column: 'Latitude' })
        ]);
    });

    it('runs end to end through the real bin (npx territory balance)', () => {
        const out = join(dir, 'e2e.csv');
        const root = fileURLToPath(new URL('../../..', import.meta.url));
        const res = spawnSync(
            'npx',
            ['territory', 'balance', '--accounts', a, '--reps', r, '--out', out, '--quiet'],
            {
                cwd: root,
                encoding: 'utf8'
            }
        );
        expect(res.stderr).toBe('');
        expect(res.status).toBe(0);
        expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(41);
        const badRes = spawnSync(
            'npx',
            [
                'territory',
                'balance',
                '--accounts',
                a,
                '--reps',
                r,
                '--out',
                out,
                '--balance',
                'Nope'
            ],
            {
                cwd: root,
                encoding: 'utf8'
            }
        );
        expect(badRes.status).toBe(2);
        expect(badRes.stderr).toMatch(/column Nope/);
    });
});
