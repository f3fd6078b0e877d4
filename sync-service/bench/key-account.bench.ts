/**
 * Plans the tolerance cannot hold: one account (the largest on Potential) raised to `--factor` ×
 * a rep's target, so that its rep cannot be within 5 %. What is left to judge is how close the
 * engine gets, against the least worst deviation any plan can reach (HiGHS, computed in the run):
 *
 *   npm run bench:key-account -w sync-service -- [--seeds 1-2] [--factor 1.21]
 *       [--families uniform,heavy-tail,metros-many,europe] [--no-units] [--no-drifted]
 *
 * Printed per family and seed, at 300 × 6:
 * - accounts: the engine's worst deviation, the LP bound (`minWorstDeviationBound`: the other
 *   accounts fractional, the key account whole on each rep in turn) and their ratio;
 * - units (~6 accounts per unit, the key account named): the engine's worst deviation and the
 *   exact optimum in whole units (a MIP; contiguity not required, so a bound for the engine's
 *   contiguous plan);
 * - drifted: the engine's fresh plan drifted (bench/lib/instances.ts `drift`) before the key
 *   account is raised, planned again at the default disruption weight: worst deviation, moves,
 *   travel, and the fewest moves HiGHS finds with every rep within the deviation the engine's
 *   plan gives it (or the tolerance, if larger): the moves' yardstick at that balance.
 */
import { balanceColumnar, measureColumnar } from '../src/engine/index.js';
import { balanceUnitsColumnar } from '../src/engine/units/balance-units.js';
import { exactPlan, minWorstDeviationBound } from './lib/baselines.js';
import { FAMILIES } from './lib/families.js';
import { drift, withKeyAccount } from './lib/instances.js';
import { postalCodes } from './lib/postal-units.js';

function arg(name: string, fallback: string): string {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const families = arg('families', 'uniform,heavy-tail,metros-many,europe').split(',');
const [firstSeed, lastSeed] = arg('seeds', '1-2').split('-').map(Number) as [number, number?];
const factor = Number(arg('factor', '1.21'));
const withUnits = !process.argv.includes('--no-units');
const withDrifted = !process.argv.includes('--no-drifted');
const N = 300;
const K = 6;
const TOL = 0.05;
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

console.log(`key account at ${factor} × a target, ${N} × ${K}, 3 measures, tolerance 5 %`);
console.log(
    '| family | group | seed | accounts: engine | LP bound | ratio |' +
        (withUnits ? ' units: engine | unit MIP | ratio |' : '') +
        (withDrifted ? ' drifted: dev | moves | MIP moves | ratio | travel km |' : '')
);
console.log(
    '|---|---|---|---|---|---|' +
        (withUnits ? '---|---|---|' : '') +
        (withDrifted ? '---|---|---|---|---|' : '')
);
for (const name of families) {
    const family = FAMILIES.find((f) => f.name === name);
    if (!family) throw new Error(`unknown family ${name}`);
    for (let seed = firstSeed; seed <= (lastSeed ?? firstSeed); seed++) {
        const base = family.make(N, K, seed);
        const { inst, key } = withKeyAccount(base, factor);
        const options = { balance: inst.measures, tolerance: TOL, seed: 1 };
        const cells = [family.name, family.group, String(seed)];
        const plan = balanceColumnar(inst.acc, inst.reps, options);
        const bound = await minWorstDeviationBound(inst, key);
        cells.push(
            pct(plan.report.maxDeviation),
            pct(bound),
            (plan.report.maxDeviation / bound).toFixed(3)
        );
        if (withUnits) {
            const postal = postalCodes(inst, 6, seed);
            const named = Uint8Array.from(inst.acc.ids, (_, i) => (i === key ? 1 : 0));
            const units = balanceUnitsColumnar(inst.acc, inst.reps, options, { postal, named });
            const exact = await minWorstDeviationBound(inst, key, postal);
            cells.push(
                pct(units.report.maxDeviation),
                pct(exact),
                (units.report.maxDeviation / exact).toFixed(3)
            );
        }
        if (withDrifted) {
            const fresh = balanceColumnar(base.acc, base.reps, options);
            const drifted = withKeyAccount(drift(base, fresh.assign, seed + 1), factor).inst;
            const again = balanceColumnar(drifted.acc, drifted.reps, options);
            const m = measureColumnar(
                drifted.acc,
                drifted.reps,
                again.assign,
                drifted.measures,
                TOL
            );
            const limits = Float64Array.from(m.reps, (rep) => Math.max(TOL, rep.deviation) + 1e-6);
            const fewest = await exactPlan(drifted, limits, 'moves', true, 120);
            cells.push(
                pct(m.maxDeviation),
                String(m.disruption.moved),
                fewest.status === 'Optimal' ? String(Math.round(fewest.objective)) : fewest.status,
                (m.disruption.moved / fewest.objective).toFixed(3),
                String(Math.round(m.travelKm))
            );
        }
        console.log(`| ${cells.join(' | ')} |`);
    }
}
