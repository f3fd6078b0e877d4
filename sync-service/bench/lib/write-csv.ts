/**
 * Writes a generated instance as the CLI's CSV files, for timing `territory balance` end to end:
 *   node --import tsx bench/lib/write-csv.ts 100000 100 /tmp/inst [--current] [--postal 6]
 * --postal N adds a PostalCode column: units of about N accounts drawn like bench:units draws
 * them (the nearest of n / N "post offices" sampled among the accounts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { balanceColumnar } from '../../src/engine/index.js';
import { generate } from './instances.js';
import { postalCodes } from './postal-units.js';

const [nArg, kArg, dir, ...flags] = process.argv.slice(2);
const flag = flags.includes('--current') ? '--current' : undefined;
const postalAt = flags.indexOf('--postal');
const perUnit = postalAt >= 0 ? Number(flags[postalAt + 1]) : 0;
const inst = generate({ n: Number(nArg), k: Number(kArg), seed: 1, homes: true });
const { acc, reps } = inst;
const postal = perUnit > 0 ? postalCodes(inst, perUnit, 1) : null;
const lines: string[] = [`Id,Latitude,Longitude,Potential,Workload${postal ? ',PostalCode' : ''}`];
for (let i = 0; i < acc.ids.length; i++) {
    lines.push(
        `${acc.ids[i]},${acc.lat[i]!.toFixed(6)},${acc.lon[i]!.toFixed(6)},${acc.measures[0]![i]},${acc.measures[1]![i]}${postal ? `,${postal[i]}` : ''}`
    );
}
writeFileSync(join(dir!, 'accounts.csv'), `${lines.join('\n')}\n`);
const rl = ['Id,Latitude,Longitude,Capacity'];
for (let r = 0; r < reps.ids.length; r++)
    rl.push(`${reps.ids[r]},${reps.lat[r]!.toFixed(6)},${reps.lon[r]!.toFixed(6)},1`);
writeFileSync(join(dir!, 'reps.csv'), `${rl.join('\n')}\n`);
if (flag === '--current') {
    // a current plan: the engine's own, on measures before a drift
    const { assign } = balanceColumnar(acc, reps, {
        balance: inst.measures,
        tolerance: 0.1,
        timeLimitMs: 60_000
    });
    const cl = ['AccountId,RepId'];
    for (let i = 0; i < acc.ids.length; i++) cl.push(`${acc.ids[i]},${reps.ids[assign[i]!]}`);
    writeFileSync(join(dir!, 'current.csv'), `${cl.join('\n')}\n`);
}
