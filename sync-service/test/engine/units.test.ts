/**
 * Unit mode (`--units postal`) against the contract, checked with instruments the engine does not
 * use: contiguity over turf's own Delaunay triangulation (@turf/tin), purity and loads recomputed
 * here from OUT.csv, and the account-level plan of the same input as the travel reference.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureCollection, point, tin } from '@turf/turf';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runBalanceCommand } from '../../src/cli/balance-command.js';
import { haversineKm, mulberry32 } from '../../src/engine/geo.js';
import { balance, balanceColumnar } from '../../src/engine/index.js';
import type { EngineAccount, EngineRep } from '../../src/engine/index.js';
import { balanceUnitsColumnar } from '../../src/engine/units/balance-units.js';
import { FAMILIES } from '../../bench/lib/families.js';
import { postalCodes, postalUnits, unitsContiguous } from '../../bench/lib/postal-units.js';

const dir = mkdtempSync(join(tmpdir(), 'territory-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
    id: string;
    lat: number;
    lon: number;
    potential: number;
    workload: number;
    postal: string;
    named: boolean;
    locked: boolean;
}

/**
 * Clustered accounts around a few towns; postal codes are the nearest of P random "post office"
 * seeds (so units are irregular, like real ZIP areas), several accounts per code.
 */
function instance(seed: number, n: number, k: number, offices: number) {
    const rnd = mulberry32(seed);
    const towns = Array.from({ length: 8 }, () => ({
        lat: 39 + rnd() * 4,
        lon: -80 + rnd() * 6,
        s: 0.15 + rnd() * 0.5
    }));
    const seeds = Array.from({ length: offices }, () => {
        const t = towns[Math.floor(rnd() * towns.length)]!;
        return {
            lat: t.lat + (rnd() - 0.5) * 3 * t.s,
            lon: t.lon + (rnd() - 0.5) * 3 * t.s
        };
    });
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) {
        const t = towns[Math.floor(rnd() * towns.length)]!;
        const g = (): number => (rnd() + rnd() + rnd() - 1.5) * t.s;
        const lat = t.lat + g();
        const lon = t.lon + g();
        let best = 0;
        let bestD = Infinity;
        seeds.forEach((s, j) => {
            const d = (s.lat - lat) ** 2 + ((s.lon - lon) * 0.77) ** 2;
            if (d < bestD) [best, bestD] = [j, d];
        });
        rows.push({
            id: `A${i}`,
            lat,
            lon,
            potential: Math.round(1000 * Math.exp(rnd() * 1.6)),
            workload: 5 + Math.round(rnd() * 20),
            postal: String(10000 + best * 7).padStart(5, '0'),
            named: false,
            locked: false
        });
    }
    const reps = Array.from({ length: k }, (_, j) => {
        const a = rows[Math.floor(rnd() * n)]!;
        return { id: `R${j}`, lat: a.lat + (rnd() - 0.5) * 0.1, lon: a.lon + (rnd() - 0.5) * 0.1 };
    });
    return { rows, reps };
}

function writeInput(name: string, rows: Row[], reps: { id: string; lat: number; lon: number }[]) {
    const a = join(dir, `${name}-A.csv`);
    const r = join(dir, `${name}-R.csv`);
    writeFileSync(
        a,
        [
            'Id,Latitude,Longitude,Potential,Workload,PostalCode,Named,Locked',
            ...rows.map(
                (x) =>
                    `${x.id},${x.lat.toFixed(6)},${x.lon.toFixed(6)},${x.potential},${x.workload},${x.postal},${x.named},${x.locked}`
            )
        ].join('\n') + '\n'
    );
    writeFileSync(
        r,
        ['Id,Latitude,Longitude', ...reps.map((x) => `${x.id},${x.lat},${x.lon}`)].join('\n') + '\n'
    );
    return { a, r };
}

async function balanceCli(args: string[]): Promise<{ code: number; err: string }> {
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

function readOut(path: string): Map<string, string> {
    const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
    return new Map(lines.map((l) => l.split(',') as [string, string]));
}

/** Unit adjacency from turf's TIN of the unit centroids in the contract's plane. */
function turfAdjacency(units: Map<string, { lat: number; lon: number }>): Map<string, Set<string>> {
    const list = [...units.entries()];
    const phi0 = (list.reduce((s, [, c]) => s + c.lat, 0) / list.length) * (Math.PI / 180);
    const byXY = new Map<string, string>();
    const pts = list.map(([code, c]) => {
        const x = c.lon * Math.cos(phi0);
        byXY.set(`${x},${c.lat}`, code);
        return point([x, c.lat]);
    });
    const adj = new Map<string, Set<string>>(list.map(([code]) => [code, new Set<string>()]));
    for (const tri of tin(featureCollection(pts)).features) {
        const ring = tri.geometry.coordinates[0]!.slice(0, 3).map((p) =>
            byXY.get(`${p[0]},${p[1]}`)!
        );
        for (let i = 0; i < 3; i++) {
            const a = ring[i]!;
            const b = ring[(i + 1) % 3]!;
            adj.get(a)!.add(b);
            adj.get(b)!.add(a);
        }
    }
    return adj;
}

function travel(
    rows: Row[],
    reps: Map<string, { lat: number; lon: number }>,
    out: Map<string, string>
) {
    let km = 0;
    for (const x of rows) {
        const h = reps.get(out.get(x.id)!)!;
        km += haversineKm(x.lat, x.lon, h.lat, h.lon);
    }
    return km;
}

describe('territory balance --units postal', () => {
    for (const [seed, n, k, offices] of [
        [11, 1200, 8, 260],
        [12, 2500, 15, 500]
    ] as const) {
        it(`${n} accounts, ${k} reps, ~${offices} postal codes (seed ${seed}): pure, contiguous, balanced, compact`, async () => {
            const { rows, reps } = instance(seed, n, k, offices);
            // two named key accounts and one locked account (its current rep is R0)
            rows[3]!.named = true;
            rows[17]!.named = true;
            rows[40]!.locked = true;
            const { a, r } = writeInput(`s${seed}`, rows, reps);
            const cur = join(dir, `s${seed}-CUR.csv`);
            writeFileSync(cur, `AccountId,RepId\n${rows[40]!.id},R0\n`);
            const outU = join(dir, `s${seed}-U.csv`);
            const repU = join(dir, `s${seed}-U.json`);
            const outA = join(dir, `s${seed}-A.csv`);
            const common = ['--accounts', a, '--reps', r, '--balance', 'Potential,Workload'];
            const u = await balanceCli([
                ...common,
                '--units',
                'postal',
                '--current',
                cur,
                '--disruption-weight',
                '0',
                '--out',
                outU,
                '--report',
                repU
            ]);
            expect(u.code, u.err).toBe(0);
            const acc = await balanceCli([
                ...common,
                '--current',
                cur,
                '--disruption-weight',
                '0',
                '--out',
                outA
            ]);
            expect(acc.code, acc.err).toBe(0);
            const plan = readOut(outU);
            expect(plan.size).toBe(n);
            expect(plan.get(rows[40]!.id)).toBe('R0');
            // purity: every unit's accounts (named and locked aside) have one rep
            const unitRep = new Map<string, Set<string>>();
            const centroid = new Map<string, { lat: number; lon: number; c: number }>();
            for (const x of rows) {
                const c = centroid.get(x.postal) ?? { lat: 0, lon: 0, c: 0 };
                c.lat += x.lat;
                c.lon += x.lon;
                c.c++;
                centroid.set(x.postal, c);
                if (x.named || x.locked) continue;
                if (!unitRep.has(x.postal)) unitRep.set(x.postal, new Set());
                unitRep.get(x.postal)!.add(plan.get(x.id)!);
            }
            for (const [code, set] of unitRep) expect(set.size, `unit ${code}`).toBe(1);
            // contiguity over turf's triangulation of the unit centroids
            const units = new Map(
                [...unitRep.keys()].map((code) => {
                    const c = centroid.get(code)!;
                    return [code, { lat: c.lat / c.c, lon: c.lon / c.c }];
                })
            );
            const adj = turfAdjacency(units);
            const owner = new Map([...unitRep].map(([code, set]) => [code, [...set][0]!]));
            for (const rep of reps) {
                const mine = [...owner].filter(([, o]) => o === rep.id).map(([c]) => c);
                if (mine.length === 0) continue;
                const seen = new Set([mine[0]!]);
                const stack = [mine[0]!];
                while (stack.length) {
                    for (const v of adj.get(stack.pop()!)!) {
                        if (!seen.has(v) && owner.get(v) === rep.id) {
                            seen.add(v);
                            stack.push(v);
                        }
                    }
                }
                expect(seen.size, `${rep.id}'s units are one piece`).toBe(mine.length);
            }
            // balance, recomputed here
            for (const m of ['potential', 'workload'] as const) {
                const total = rows.reduce((s, x) => s + x[m], 0);
                for (const rep of reps) {
                    const load = rows
                        .filter((x) => plan.get(x.id) === rep.id)
                        .reduce((s, x) => s + x[m], 0);
                    expect(Math.abs(load / (total / k) - 1), `${rep.id} ${m}`).toBeLessThanOrEqual(
                        0.05 + 1e-9
                    );
                }
            }
            // travel within 15 % of the account-level plan of the same input
            const homes = new Map(reps.map((x) => [x.id, x]));
            const ratio = travel(rows, homes, plan) / travel(rows, homes, readOut(outA));
            expect(ratio, 'travel of the unit plan / the account-level plan').toBeLessThanOrEqual(
                1.15
            );
            const report = JSON.parse(readFileSync(repU, 'utf8'));
            expect(report.units).toBe(centroid.size);
            expect(report.report.unitMode.contiguous).toBe(true);
            expect(report.report.unitMode.unitPurity).toBe(1);
            expect(report.report.unitMode.namedAccounts).toBe(2);
            expect(report.report.unitMode.lockedAccounts).toBe(1);
            const held = report.report.reps.reduce(
                (s: number, x: { units: number }) => s + x.units,
                0
            );
            expect(held).toBe(unitRep.size);
        }, 120_000);
    }

    it('needs a PostalCode column, and says so', async () => {
        const a = join(dir, 'nopostal.csv');
        writeFileSync(a, 'Id,Latitude,Longitude,Potential\nA1,40,-75,1\nA2,40.1,-75,2\n');
        const r = join(dir, 'nopostal-R.csv');
        writeFileSync(r, 'Id\nR1\n');
        const res = await balanceCli([
            '--accounts',
            a,
            '--reps',
            r,
            '--units',
            'postal',
            '--out',
            join(dir, 'x.csv')
        ]);
        expect(res.code).toBe(2);
        expect(res.err).toMatch(
            /nopostal\.csv.*line 1.*PostalCode.*--units postal needs a PostalCode column/s
        );
    });

    it('says when the units are too coarse for the tolerance, with the best deviation', async () => {
        const a = join(dir, 'coarse.csv');
        // three units of very different size, two reps
        writeFileSync(
            a,
            'Id,Latitude,Longitude,Potential,PostalCode\nA1,40,-75,100,11111\nA2,40.01,-75,100,11111\nA3,40.2,-75,30,22222\nA4,40.4,-75,10,33333\n'
        );
        const r = join(dir, 'coarse-R.csv');
        writeFileSync(r, 'Id,Latitude,Longitude\nR1,40,-75\nR2,40.4,-75\n');
        const rep = join(dir, 'coarse.json');
        const res = await balanceCli([
            '--accounts',
            a,
            '--reps',
            r,
            '--units',
            'postal',
            '--balance',
            'Potential',
            '--out',
            join(dir, 'c.csv'),
            '--report',
            rep
        ]);
        expect(res.code).toBe(0);
        const report = JSON.parse(readFileSync(rep, 'utf8'));
        expect(report.summary.withinTolerance).toBe(false);
        expect(report.dataQuality.warnings.join('\n')).toMatch(
            /Postal units: tolerance 5\.00 % not reached; best deviation/
        );
        expect(readOut(join(dir, 'c.csv')).get('A1')).toBe(readOut(join(dir, 'c.csv')).get('A2'));
    });
});

describe('unit mode with a current plan', () => {
    const { rows, reps } = instance(21, 1500, 10, 300);
    const accounts: EngineAccount[] = rows.map((x) => ({
        id: x.id,
        lat: x.lat,
        lon: x.lon,
        measures: { Potential: x.potential, Workload: x.workload },
        postalCode: x.postal
    }));
    const engineReps: EngineRep[] = reps.map((r) => ({ id: r.id, lat: r.lat, lon: r.lon }));
    const options = { balance: ['Potential', 'Workload'], units: 'postal' as const };
    const fresh = balance(accounts, engineReps, options);
    const plan = new Map(fresh.assignments.map((a) => [a.accountId, a.repId]));
    const withCurrent = accounts.map((a) => ({ ...a, currentRepId: plan.get(a.id)! }));

    it('a fresh plan is contiguous and within tolerance', () => {
        expect(fresh.report.unitMode?.contiguous).toBe(true);
        expect(fresh.report.withinTolerance).toBe(true);
        // pairs of touching territories were split anew by the two-rep LP, and it stayed so
        expect(fresh.report.unitMode?.contiguity.pairSplits).toBeGreaterThan(0);
    });

    it('a rep leaves: the vacancy goes to its neighbours by whole units, others mostly stay', () => {
        const gone = 'R3';
        const res = balance(
            withCurrent,
            engineReps.filter((r) => r.id !== gone),
            { ...options, disruptionWeight: 1 }
        );
        const vacancy = withCurrent.filter((a) => a.currentRepId === gone).length;
        expect(res.report.unitMode?.contiguous).toBe(true);
        expect(res.report.unitMode?.unitPurity).toBe(1);
        expect(res.report.withinTolerance).toBe(true);
        const after = new Map(res.assignments.map((a) => [a.accountId, a.repId]));
        const movedOthers = withCurrent.filter(
            (a) => a.currentRepId !== gone && after.get(a.id) !== a.currentRepId
        ).length;
        // the vacancy must move; rebalancing 10 → 9 reps moves about a tenth of the rest as well
        expect(res.report.disruption.moved).toBeGreaterThanOrEqual(vacancy);
        expect(movedOthers).toBeLessThan(0.35 * (accounts.length - vacancy));
    });

    it('a new hire gets one contiguous patch of whole units', () => {
        const hire = { id: 'NEW', lat: rows[100]!.lat, lon: rows[100]!.lon };
        const res = balance(withCurrent, [...engineReps, hire], {
            ...options,
            disruptionWeight: 1
        });
        expect(res.report.unitMode?.contiguous).toBe(true);
        expect(res.report.unitMode?.unitPurity).toBe(1);
        const mine = res.assignments.filter((a) => a.repId === 'NEW').length;
        expect(mine).toBeGreaterThan(0.5 * (accounts.length / 11));
        expect(res.report.reps.find((r) => r.repId === 'NEW')!.deviation).toBeLessThanOrEqual(
            0.05 + 1e-9
        );
    });
});

describe("unit mode when one account is above its rep's whole target", () => {
    it('names the account as the reason, and does not blame the units', async () => {
        const a = join(dir, 'big-one.csv');
        const rows = ['Id,Latitude,Longitude,Potential,PostalCode'];
        for (let i = 0; i < 12; i++) {
            rows.push(`A${i},${42 + 0.05 * i},-71,${i === 3 ? 500 : 10},0${2100 + i}`);
        }
        writeFileSync(a, rows.join('\n') + '\n');
        const r = join(dir, 'big-one-R.csv');
        writeFileSync(r, 'Id,Latitude,Longitude\nN,42.5,-71\nS,42.1,-71\n');
        const rep = join(dir, 'big-one.json');
        const res = await balanceCli([
            '--accounts',
            a,
            '--reps',
            r,
            '--units',
            'postal',
            '--balance',
            'Potential',
            '--out',
            join(dir, 'big-one-out.csv'),
            '--report',
            rep
        ]);
        expect(res.code, res.err).toBe(0);
        const { warnings } = JSON.parse(readFileSync(rep, 'utf8')).report as { warnings: string[] };
        expect(warnings.join('\n')).toMatch(
            /Infeasible: postal unit 02103 alone is \d+\.\d\d % of the largest Potential target/
        );
        const units = warnings.find((w) => w.startsWith('Postal units'));
        expect(units).toMatch(/tolerance 5\.00 % not reached; best deviation/);
        expect(units).not.toMatch(/finer units/);
    });
});

describe('unit mode with rows that carry only a postal code', () => {
    it('places them at their ZIP centroid, in their unit, and reports them as approximate', async () => {
        // real Boston-area and Worcester ZIPs; two rows have no coordinates at all
        const a = join(dir, 'zip-only.csv');
        writeFileSync(
            a,
            [
                'Id,Latitude,Longitude,Potential,PostalCode',
                'A1,42.3601,-71.0589,10,02108',
                'A2,,,10,02108',
                'A3,42.3736,-71.1097,10,02138',
                'A4,,,10,2138-4302',
                'A5,42.2626,-71.8023,10,01608',
                'A6,42.2700,-71.8000,10,01609',
                'A7,42.3500,-71.0700,10,02116',
                'A8,42.2800,-71.7900,10,01605'
            ].join('\n') + '\n'
        );
        const r = join(dir, 'zip-only-R.csv');
        writeFileSync(r, 'Id,Latitude,Longitude\nBOS,42.36,-71.06\nWOR,42.27,-71.80\n');
        const out = join(dir, 'zip-only-out.csv');
        const rep = join(dir, 'zip-only.json');
        const res = await balanceCli([
            '--accounts',
            a,
            '--reps',
            r,
            '--units',
            'postal',
            '--balance',
            'Potential',
            '--tolerance',
            '0.3',
            '--out',
            out,
            '--report',
            rep
        ]);
        expect(res.code, res.err).toBe(0);
        const report = JSON.parse(readFileSync(rep, 'utf8'));
        expect(
            report.dataQuality.approximate.map((x: { accountId: string }) => x.accountId)
        ).toEqual(['A2', 'A4']);
        // 2138-4302 (ZIP+4, leading zero lost) folds into 02138: 6 units, not 7
        expect(report.units).toBe(6);
        const plan = readOut(out);
        expect(plan.get('A2')).toBe(plan.get('A1'));
        expect(plan.get('A4')).toBe(plan.get('A3'));
        expect(plan.get('A5')).toBe('WOR');
        expect(plan.get('A1')).toBe('BOS');
    });
});

describe('unit mode when the greedy balancing stalls', () => {
    // metros-few (a tuning family of bench/lib/families.ts), 300 accounts × 6 reps, ~6 accounts
    // per postal unit (bench:units draws them so). On these seeds the greedy border moves leave
    // the chosen plan outside 5 %; the spanning-tree merge–splits (and after them the tabu
    // stage), which run only then, bring it within.
    it.each([4, 6, 7])(
        'metros-few seed %i: the merge–split and tabu stages bring it within 5 %, contiguous',
        (seed) => {
            const inst = FAMILIES.find((f) => f.name === 'metros-few')!.make(300, 6, seed);
            const postal = postalCodes(inst, 6, seed);
            const { assign, report } = balanceUnitsColumnar(
                inst.acc,
                inst.reps,
                { balance: inst.measures, tolerance: 0.05, seed },
                { postal, named: null }
            );
            const { tabuSteps, treeSplits } = report.unitMode.contiguity;
            expect(tabuSteps + treeSplits).toBeGreaterThan(0);
            expect(report.maxDeviation).toBeLessThanOrEqual(0.05);
            expect(report.unitMode.unitPurity).toBe(1);
            // contiguity re-checked by the benchmark's own graph code, not the engine's report
            expect(unitsContiguous(postalUnits(inst, postal), assign)).toBe(true);
        }
    );

    // metros-many seed 8 (held-out): one of the six candidate plans (two starts × three ways of
    // balancing) reached 5.1 % at 1.9 × the account-level plan's travel, the others 12.6–17.8 %
    // at 1.2–1.3 ×; a plan balanced by such detours must not be the one chosen
    it('metros-many seed 8: no candidate balanced by long detours is chosen', () => {
        const inst = FAMILIES.find((f) => f.name === 'metros-many')!.make(300, 6, 8);
        const postal = postalCodes(inst, 6, 8);
        const opts = { balance: inst.measures, tolerance: 0.05, seed: 1 };
        const byAccount = balanceColumnar(inst.acc, inst.reps, opts);
        const { report } = balanceUnitsColumnar(inst.acc, inst.reps, opts, {
            postal,
            named: null
        });
        expect(report.travelKm).toBeLessThanOrEqual(1.4 * byAccount.report.travelKm);
        expect(report.unitMode.contiguous).toBe(true);
    });
});
