import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runBalanceCommand } from '../../src/cli/balance-command.js';

// Accounts with empty Latitude/Longitude and a PostalCode: placed at the postal code's centroid
// from the offline reference and reported as approximate (DESIGN.md, CLI contract additions).

const dir = mkdtempSync(join(tmpdir(), 'territory-postal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
}

async function run(args: string[]): Promise<{ code: number; err: string }> {
    let err = '';
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
        err += String(s);
        return true;
    });
    try {
        return { code: await runBalanceCommand(args), err };
    } finally {
        e.mockRestore();
    }
}

// Three accounts with coordinates around Boston, three around Los Angeles, one of each known only
// by its ZIP code (the LA one zero-free, the Boston one as a spreadsheet leaves it: '2134-0001'),
// and one with both coordinates and a ZIP code (placed by its coordinates, not approximate).
const ACCOUNTS = [
    'Id,Name,Latitude,Longitude,PostalCode,Potential',
    'B1,Boston 1,42.36,-71.06,02108,10',
    'B2,Boston 2,42.35,-71.10,,10',
    'B3,Boston 3,42.39,-71.12,02138,10',
    'L1,LA 1,34.05,-118.25,90012,10',
    'L2,LA 2,34.07,-118.40,,10',
    'L3,LA 3,34.02,-118.49,90401,10',
    'BZ,Boston by ZIP,,,2134-0001,10',
    'LZ,LA by ZIP,, ,90210,10'
].join('\n');
const REPS = 'Id,Latitude,Longitude\nBOS,42.36,-71.06\nLAX,34.05,-118.25\n';

describe('territory balance: accounts placed by postal code', () => {
    const r = file('R.csv', REPS);

    it('places rows with empty coordinates at the ZIP centroid and lists them as approximate', async () => {
        const a = file('A.csv', ACCOUNTS);
        const out = join(dir, 'out.csv');
        const report = join(dir, 'report.json');
        const res = await run([
            '--accounts',
            a,
            '--reps',
            r,
            '--out',
            out,
            '--report',
            report,
            '--balance',
            'Count',
            '--tolerance',
            '0.01'
        ]);
        expect(res.err).toMatch(
            /2 accounts without coordinates placed at their postal code's centroid \(approximate, listed in the report\)/
        );
        expect(res.code).toBe(0);
        const plan = new Map(
            readFileSync(out, 'utf8')
                .trim()
                .split('\n')
                .slice(1)
                .map((l) => l.split(',') as [string, string])
        );
        expect(plan.size).toBe(8);
        // 4 + 4 is balanced and compact only if each ZIP-only account sits in its own city
        expect(plan.get('BZ')).toBe('BOS');
        expect(plan.get('LZ')).toBe('LAX');
        for (const id of ['B1', 'B2', 'B3']) expect(plan.get(id)).toBe('BOS');
        for (const id of ['L1', 'L2', 'L3']) expect(plan.get(id)).toBe('LAX');

        const body = JSON.parse(readFileSync(report, 'utf8'));
        expect(body.ok).toBe(true);
        const dq = body.dataQuality;
        expect(dq.files.accounts).toEqual({ path: a, rows: 8, rejected: 0 });
        expect(dq.rejected).toEqual([]);
        expect(dq.approximateAccounts).toBe(2);
        expect(dq.approximate).toEqual([
            {
                accountId: 'BZ',
                line: 8,
                postalCode: '2134-0001',
                matchedPostalCode: '02134',
                place: 'Allston, MA',
                latitude: expect.closeTo(42.36, 1),
                longitude: expect.closeTo(-71.13, 1)
            },
            {
                accountId: 'LZ',
                line: 9,
                postalCode: '90210',
                matchedPostalCode: '90210',
                place: 'Beverly Hills, CA',
                latitude: expect.closeTo(34.1, 1),
                longitude: expect.closeTo(-118.41, 1)
            }
        ]);
        expect(Number.isFinite(body.summary.travelKm)).toBe(true);
        // every account is within a city's reach of its rep: no NaN or stray placement
        expect(body.summary.travelKm).toBeLessThan(8 * 50);
    });

    it('reports no approximate accounts when every row has coordinates', async () => {
        const report = join(dir, 'report-none.json');
        const res = await run([
            '--accounts',
            file('A-none.csv', 'Id,Latitude,Longitude,PostalCode\nA,42.36,-71.06,02108\n'),
            '--reps',
            r,
            '--out',
            join(dir, 'out-none.csv'),
            '--report',
            report
        ]);
        expect(res.code).toBe(0);
        expect(res.err).not.toMatch(/postal code's centroid/);
        const dq = JSON.parse(readFileSync(report, 'utf8')).dataQuality;
        expect(dq.approximateAccounts).toBe(0);
        expect(dq.approximate).toEqual([]);
    });

    const bad: [string, string, RegExp][] = [
        [
            'no PostalCode column',
            'Id,Latitude,Longitude\nA,42.36,-71.06\nB,,\n',
            /nopc\.csv: line 3, column Latitude: Latitude and Longitude are empty and there is no PostalCode column/
        ],
        [
            'empty PostalCode',
            'Id,Latitude,Longitude,PostalCode\nA,42.36,-71.06,02108\nB,,,\n',
            /emptypc\.csv: line 3, column PostalCode: Latitude and Longitude are empty and so is PostalCode/
        ],
        [
            'ZIP code not in the reference',
            'Id,Latitude,Longitude,PostalCode\nA,,,99999\n',
            /unknownpc\.csv: line 2, column PostalCode: .*ZIP code '99999' is not in the offline postal reference/
        ],
        [
            'not a ZIP code',
            'Id,Latitude,Longitude,PostalCode\nA,,,SW1A 1AA\n',
            /notzip\.csv: line 2, column PostalCode: .*'SW1A 1AA' is not a US ZIP code/
        ],
        [
            'military ZIP code',
            'Id,Latitude,Longitude,PostalCode\nA,,,09001\n',
            /apo\.csv: line 2, column PostalCode: .*'09001' is a military mail code/
        ],
        [
            'only Latitude empty',
            'Id,Latitude,Longitude,PostalCode\nA,,-71.06,02108\n',
            /halflat\.csv: line 2, column Latitude: Longitude is set but Latitude is empty/
        ],
        [
            'only Longitude empty',
            'Id,Latitude,Longitude,PostalCode\nA,42.36,,02108\n',
            /halflon\.csv: line 2, column Longitude: Latitude is set but Longitude is empty/
        ]
    ];
    const names = ['nopc', 'emptypc', 'unknownpc', 'notzip', 'apo', 'halflat', 'halflon'];
    bad.forEach(([name, csv, message], j) => {
        it(`rejects a row that cannot be placed: ${name}`, async () => {
            const out = join(dir, 'x.csv');
            rmSync(out, { force: true });
            const res = await run([
                '--accounts',
                file(`${names[j]}.csv`, csv),
                '--reps',
                r,
                '--out',
                out
            ]);
            expect(res.code).toBe(2);
            expect(res.err).toMatch(message);
            expect(existsSync(out)).toBe(false);
        });
    });

    it('lists every unplaceable row in REPORT.json and writes no plan', async () => {
        const report = join(dir, 'bad-report.json');
        const res = await run([
            '--accounts',
            file(
                'mixed.csv',
                'Id,Latitude,Longitude,PostalCode\nA,,,02134\nB,,,\nC,,,00000\nD,40,,\n'
            ),
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
            expect.objectContaining({ line: 3, column: 'PostalCode' }),
            expect.objectContaining({ line: 4, column: 'PostalCode' }),
            expect.objectContaining({ line: 5, column: 'Longitude' })
        ]);
    });

    it('runs through the real bin (npx territory balance)', () => {
        const out = join(dir, 'bin.csv');
        const report = join(dir, 'bin.json');
        const root = fileURLToPath(new URL('../../..', import.meta.url));
        const res = spawnSync(
            'npx',
            [
                'territory',
                'balance',
                '--accounts',
                file('bin.csv.in', ACCOUNTS),
                '--reps',
                r,
                '--out',
                out,
                '--report',
                report,
                '--quiet'
            ],
            { cwd: root, encoding: 'utf8' }
        );
        expect(res.stderr).toBe('');
        expect(res.status).toBe(0);
        expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(9);
        const dq = JSON.parse(readFileSync(report, 'utf8')).dataQuality;
        expect(dq.approximate.map((x: { accountId: string }) => x.accountId)).toEqual(['BZ', 'LZ']);
    });
});
