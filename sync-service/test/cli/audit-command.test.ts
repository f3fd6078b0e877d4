import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { lookupPostal } from '../../src/geo/postal-reference.js';
import {
    CLEAN_HEADER,
    cleanRepsCsv,
    generateCleanAccounts,
    toCsv
} from '../audit/clean-accounts.js';

const dir = mkdtempSync(join(tmpdir(), 'territory-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
        return { code: await main(['audit', ...args]), err, out };
    } finally {
        e.mockRestore();
        o.mockRestore();
    }
}

interface AuditJson {
    summary: Record<string, number>;
    issues: { accountId: string; category: string; message: string; suggestion: string }[];
    duplicates: string[][];
    fixes: { accountId: string; field: string; from: string; to: string; reason: string }[];
    skipped: string[];
}

const readJson = (p: string): AuditJson => JSON.parse(readFileSync(p, 'utf8')) as AuditJson;
const readCsv = (p: string): string[][] => parse(readFileSync(p, 'utf8')) as string[][];

describe('territory audit (end to end through main)', () => {
    const rows = generateCleanAccounts(400, 21);
    rows[10]!.Latitude = '';
    rows[10]!.Longitude = '';
    const swappedLat = rows[20]!.Latitude;
    const swappedLon = rows[20]!.Longitude;
    rows[20]!.Latitude = swappedLon;
    rows[20]!.Longitude = swappedLat;
    rows[30]!.Latitude = '0';
    rows[30]!.Longitude = '0';
    Object.assign(rows[40]!, {
        Name: 'Harborview Marine Supply, Inc.',
        Latitude: rows[41]!.Latitude,
        Longitude: rows[41]!.Longitude,
        PostalCode: rows[41]!.PostalCode,
        City: rows[41]!.City,
        State: rows[41]!.State
    });
    rows[41]!.Name = 'HARBORVIEW MARINE SUPPLY LLC';
    rows[50]!.Workload = '-3';
    rows[60]!.OwnerId = 'R77';
    const accounts = file('A.csv', toCsv(rows));
    const reps = file('R.csv', cleanRepsCsv());

    it('writes AUDIT.json in the contract shape and FIXED.csv with the no-judgement fixes', async () => {
        const out = join(dir, 'AUDIT.json');
        const fixed = join(dir, 'FIXED.csv');
        const res = await run([
            '--accounts',
            accounts,
            '--reps',
            reps,
            '--out',
            out,
            '--fixed',
            fixed
        ]);
        expect(res.code).toBe(0);
        expect(res.err).toMatch(
            /400 accounts, 7 issues .*1 probable duplicate groups; wrote .*6 values changed/
        );
        const json = readJson(out);
        expect(Object.keys(json).slice(0, 3)).toEqual(['summary', 'issues', 'duplicates']);
        expect(json.issues.map((i) => [i.accountId, i.category])).toEqual([
            [rows[10]!.Id, 'missing_coordinates'],
            [rows[20]!.Id, 'swapped_coordinates'],
            [rows[30]!.Id, 'null_island'],
            [rows[40]!.Id, 'probable_duplicate'],
            [rows[41]!.Id, 'probable_duplicate'],
            [rows[50]!.Id, 'negative_measure'],
            [rows[60]!.Id, 'rep_missing']
        ]);
        expect(json.summary).toMatchObject({
            missing_coordinates: 1,
            swapped_coordinates: 1,
            null_island: 1,
            probable_duplicate: 2,
            negative_measure: 1,
            rep_missing: 1,
            measure_outlier: 0
        });
        expect(json.duplicates).toEqual([[rows[40]!.Id, rows[41]!.Id]]);
        for (const i of json.issues)
            expect(Object.keys(i).slice(0, 4)).toEqual([
                'accountId',
                'category',
                'message',
                'suggestion'
            ]);

        // FIXED.csv: same header, same rows in the same order; only the fixed values differ
        const original = readCsv(accounts);
        const got = readCsv(fixed);
        expect(got[0]).toEqual(CLEAN_HEADER);
        expect(got).toHaveLength(original.length);
        const iLat = CLEAN_HEADER.indexOf('Latitude');
        const iLon = CLEAN_HEADER.indexOf('Longitude');
        const changed: [string, string, string, string][] = [];
        got.forEach((row, r) => {
            const before = original[r]!;
            row.forEach((v, j) => {
                if (v !== before[j]) changed.push([row[0]!, CLEAN_HEADER[j]!, before[j]!, v]);
            });
        });
        const c10 = lookupPostal(rows[10]!.PostalCode)!;
        const c30 = lookupPostal(rows[30]!.PostalCode)!;
        const expected: [string, string, string, string][] = [
            [rows[10]!.Id, 'Latitude', '', String(c10.lat)],
            [rows[10]!.Id, 'Longitude', '', String(c10.lon)],
            [rows[20]!.Id, 'Latitude', swappedLon, swappedLat],
            [rows[20]!.Id, 'Longitude', swappedLat, swappedLon],
            [rows[30]!.Id, 'Latitude', '0', String(c30.lat)],
            [rows[30]!.Id, 'Longitude', '0', String(c30.lon)]
        ];
        expect(changed).toEqual(expected);
        // each change is listed in AUDIT.json
        expect(json.fixes.map((f) => [f.accountId, f.field, f.from, f.to])).toEqual(expected);
        expect(got[21]![iLat]).toBe(swappedLat);
        expect(got[21]![iLon]).toBe(swappedLon);

        // FIXED.csv audits clean of everything it fixed
        const again = join(dir, 'AUDIT2.json');
        expect((await run(['--accounts', fixed, '--reps', reps, '--out', again])).code).toBe(0);
        expect(readJson(again).summary).toMatchObject({
            missing_coordinates: 0,
            swapped_coordinates: 0,
            null_island: 0,
            probable_duplicate: 2
        });
    });

    it('runs without --reps and --fixed, saying the rep check was skipped', async () => {
        const out = join(dir, 'AUDIT-noreps.json');
        const res = await run(['--accounts', accounts, '--out', out]);
        expect(res.code).toBe(0);
        const json = readJson(out);
        expect(json.summary.rep_missing).toBe(0);
        expect(json.skipped).toEqual([
            'rep checks: no reps file (--reps) to check OwnerId against.'
        ]);
    });

    it('reports inactive reps from the Active column of R.csv', async () => {
        const out = join(dir, 'AUDIT-inactive.json');
        const inactive = file('R-inactive.csv', cleanRepsCsv().replace('R03,true', 'R03,false'));
        expect((await run(['--accounts', accounts, '--reps', inactive, '--out', out])).code).toBe(
            0
        );
        const flagged = readJson(out).issues.filter((i) => i.category === 'rep_inactive');
        expect(flagged.map((i) => i.accountId)).toEqual(
            rows.filter((r) => r.OwnerId === 'R03').map((r) => r.Id)
        );
        expect(flagged.length).toBeGreaterThan(10);
    });

    it('audits 50k accounts', async () => {
        const big = file('A-50k.csv', toCsv(generateCleanAccounts(50_000, 9)));
        const out = join(dir, 'AUDIT-50k.json');
        const fixed = join(dir, 'FIXED-50k.csv');
        const res = await run(['--accounts', big, '--out', out, '--fixed', fixed]);
        expect(res.code).toBe(0);
        const json = readJson(out);
        expect(json.issues).toEqual([]);
        expect(readFileSync(fixed, 'utf8').split('\n').length).toBe(50_002);
    });
});

describe('territory audit: bad input and usage', () => {
    const out = join(dir, 'never.json');

    it.each([
        [
            'an unreadable accounts file',
            () => ['--accounts', join(dir, 'nope.csv'), '--out', out],
            /nope\.csv: line 0: cannot read the accounts file \(ENOENT\)/
        ],
        [
            'a missing column',
            () => ['--accounts', file('no-lon.csv', 'Id,Latitude\nA1,42\n'), '--out', out],
            /no-lon\.csv: line 1, column Longitude: missing required column 'Longitude'/
        ],
        [
            'broken CSV',
            () => [
                '--accounts',
                file('broken.csv', 'Id,Latitude,Longitude\nA1,42,-71\nA2,"42,-71\n'),
                '--out',
                out
            ],
            /broken\.csv: line \d+: not valid CSV/
        ],
        [
            'a bad Active value in the reps file',
            () => [
                '--accounts',
                file('ok.csv', 'Id,Latitude,Longitude\nA1,42,-71\n'),
                '--reps',
                file('bad-reps.csv', 'Id,Active\nR1,true\nR2,maybe\n'),
                '--out',
                out
            ],
            /bad-reps\.csv: line 3, column Active: 'maybe' is not true\/false/
        ],
        [
            'a --measures column that is not there',
            () => [
                '--accounts',
                file('ok2.csv', 'Id,Latitude,Longitude,Potential\nA1,42,-71,5\n'),
                '--measures',
                'Revenue',
                '--out',
                out
            ],
            /ok2\.csv: line 1, column Revenue: --measures names 'Revenue'/
        ]
    ])(
        '%s: exit 2, a message naming file, line and column, nothing written',
        async (_, args, message) => {
            const res = await run(args());
            expect(res.code).toBe(2);
            expect(res.err).toMatch(/bad input, nothing written/);
            expect(res.err).toMatch(message);
            expect(existsSync(out)).toBe(false);
        }
    );

    it('rejects unknown options and missing --out with the usage', async () => {
        const a = await run(['--accounts', 'A.csv', '--out', out, '--frobnicate', '1']);
        expect(a.code).toBe(2);
        expect(a.err).toMatch(/Unknown option '--frobnicate'/);
        expect(a.err).toMatch(/Usage: territory audit/);
        const b = await run(['--accounts', 'A.csv']);
        expect(b.code).toBe(2);
        expect(b.err).toMatch(/missing required option '--out'/);
        const c = await run(['--accounts', 'A.csv', '--out', out, '--postal-km', '0']);
        expect(c.code).toBe(2);
        expect(c.err).toMatch(/--postal-km must be a positive number/);
    });

    it('prints its usage with --help, and the territory usage lists it', async () => {
        const res = await run(['--help']);
        expect(res.code).toBe(0);
        expect(res.out).toMatch(/--fixed FIXED\.csv/);
        let usage = '';
        const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
            usage += String(s);
            return true;
        });
        try {
            expect(await main(['help'])).toBe(0);
        } finally {
            o.mockRestore();
        }
        expect(usage).toMatch(/\n {2}audit {5}Find data problems/);
    });
});
