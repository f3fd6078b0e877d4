/**
 * Postal-unit mode against the account-level plan of the same input, on every instance family
 * (tuning and held-out; bench/lib/families.ts):
 *
 *   npm run bench:units -w sync-service -- [--sizes small,mid,large] [--seeds 5] [--per-unit 6]
 *       [--exact small,mid] [--exact-time-limit 60] [--exact-contiguous] [--families uniform,heavy-tail]
 *
 * Postal units are drawn like real ones: P = n / per-unit "post offices" sampled among the
 * accounts (so units are small where accounts are dense), each account's unit the nearest office.
 * Printed per family and size: how many plans were within tolerance, contiguous (checked again
 * here over the Delaunay graph) and pure, the travel of the unit plan / the account plan, the max
 * deviation reached, and the largest unit as a share of its rep's target (how coarse the units are).
 * At the --exact sizes (default small) HiGHS solves the exact unit plan beside it: whole units to
 * reps of their segment, every rep within 5 %, least travel, contiguity not required (a bound for
 * any unit plan). `allow` = instances where it found such a plan / where it settled the question
 * (else the units are too coarse for 5 %); `c-allow` = the same with contiguity, only with
 * --exact-contiguous (separator cuts over the Delaunay graph until every rep's units are one
 * piece; each round is a MIP solved again, so most 300 × 6 instances take more than 5 minutes),
 * else the same as `allow`; `within` = engine plans within tolerance where such a plan exists;
 * `floor` = the exact plan's travel / the account plan's (what the units, and with
 * --exact-contiguous contiguity, cost at least); `engine/exact` = the engine's unit plan / the
 * exact one.
 */
import { balanceColumnar } from '../src/engine/index.js';
import { balanceUnitsColumnar } from '../src/engine/units/balance-units.js';
import { exactUnitPlan } from './lib/baselines.js';
import { FAMILIES } from './lib/families.js';
import { postalCodes, postalUnits, unitsContiguous } from './lib/postal-units.js';

const SIZES: Record<string, [number, number]> = {
    small: [300, 6],
    mid: [2000, 20],
    large: [20000, 60],
    xl: [100000, 100]
};

function arg(name: string, def: string): string {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1]! : def;
}

function quantile(xs: number[], q: number): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
}

const sizes = arg('sizes', 'small,mid').split(',');
const seeds = Number(arg('seeds', '5'));
const perUnit = Number(arg('per-unit', '6'));
// the exact unit plans (HiGHS) beside the engine: at these sizes
const exactSizes = arg('exact', 'small').split(',');
const exactLimitS = Number(arg('exact-time-limit', '60'));
const familyNames = arg('families', '').split(',').filter(Boolean);
const exactContiguous = process.argv.includes('--exact-contiguous');
console.log(
    `postal units: ~${perUnit} accounts per unit; travel ratio = unit plan / account-level plan, same input and seed`
);
console.log(
    'size   family        group     within  contig  pure  travel med  worst  dev med  worst  unit/target  runtime ratio' +
        (exactSizes.length && exactSizes[0]
            ? '  allow  c-allow  within  floor med/worst  engine/exact med/worst'
            : '')
);
for (const size of sizes) {
    const [n, k] = SIZES[size]!;
    for (const fam of FAMILIES.filter(
        (f) => familyNames.length === 0 || familyNames.includes(f.name)
    )) {
        const ratios: number[] = [];
        const times: number[] = [];
        const devs: number[] = [];
        const coarse: number[] = [];
        // with the exact unit plans (see the file comment)
        const exact = exactSizes.includes(size);
        let allow = 0;
        let settled = 0;
        let cAllow = 0;
        let cSettled = 0;
        let withinWhereAllowed = 0;
        const floor: number[] = [];
        const gap: number[] = [];
        let within = 0;
        let cont = 0;
        let pure = 0;
        for (let seed = 1; seed <= seeds; seed++) {
            const inst = fam.make(n, k, seed);
            const postal = postalCodes(inst, perUnit, seed);
            const units = postalUnits(inst, postal);
            const opts = { balance: inst.measures, seed: 1 };
            let t = Date.now();
            const a = balanceColumnar(inst.acc, inst.reps, opts);
            const ta = Date.now() - t;
            t = Date.now();
            const u = balanceUnitsColumnar(inst.acc, inst.reps, opts, { postal, named: null });
            const tu = Date.now() - t;
            if (u.report.withinTolerance || a.report.maxDeviation > 0.05 + 1e-9) within++;
            if (unitsContiguous(units, u.assign)) cont++;
            if (u.report.unitMode.unitPurity === 1) pure++;
            ratios.push(u.report.travelKm / a.report.travelKm);
            devs.push(u.report.maxDeviation);
            coarse.push(u.report.unitMode.largestUnitShare);
            times.push(tu / Math.max(1, ta));
            if (exact) {
                const x = await exactUnitPlan(inst, units, 0.05, exactLimitS);
                if (x.status === 'Infeasible' || x.assign) settled++;
                if (x.assign) allow++;
                const c = exactContiguous
                    ? await exactUnitPlan(inst, units, 0.05, exactLimitS, { contiguous: true })
                    : x;
                if (c.status === 'Infeasible' || c.assign) cSettled++;
                if (process.env.UNITS_EXACT_LOG)
                    console.error(
                        `${fam.name} seed ${seed}: ${c.units} units, ${c.status} after ${c.rounds} rounds, ${(c.runtimeMs / 1000).toFixed(1)} s`
                    );
                if (c.assign) {
                    if (exactContiguous && !unitsContiguous(units, c.assign))
                        throw new Error(
                            `${fam.name} seed ${seed}: the exact plan is not contiguous`
                        );
                    cAllow++;
                    if (u.report.withinTolerance) withinWhereAllowed++;
                }
                if (c.assign && c.status === 'Optimal') {
                    floor.push(c.objective / a.report.travelKm);
                    gap.push(u.report.travelKm / c.objective);
                }
            }
        }
        const exactText = exact
            ? `  ${`${allow}/${settled}`.padStart(5)}  ${`${cAllow}/${cSettled}`.padStart(7)}  ${`${withinWhereAllowed}/${cAllow}`.padStart(6)}  ${floor.length ? `${quantile(floor, 0.5).toFixed(3)} ${Math.max(...floor).toFixed(3)}` : '    -     -'}  ${gap.length ? `${quantile(gap, 0.5).toFixed(3)} ${Math.max(...gap).toFixed(3)}` : '    -     -'}`
            : '';
        console.log(
            `${size.padEnd(6)} ${fam.name.padEnd(13)} ${fam.group.padEnd(9)} ${`${within}/${seeds}`.padStart(6)}  ${`${cont}/${seeds}`.padStart(6)}  ${`${pure}/${seeds}`.padStart(4)}  ${quantile(ratios, 0.5).toFixed(3).padStart(10)}  ${Math.max(...ratios).toFixed(3)}  ${(100 * quantile(devs, 0.5)).toFixed(1).padStart(6)} %  ${(100 * Math.max(...devs)).toFixed(1).padStart(4)} %  ${quantile(coarse, 0.5).toFixed(2).padStart(11)}  ${quantile(times, 0.5).toFixed(2).padStart(13)}${exactText}`
        );
    }
}
