/**
 * Baselines printed beside the engine: nearest-home / k-means (compact, unbalanced), greedy
 * largest-first (balanced on the combined load, scattered), and exact bounds from HiGHS: the MIP
 * optimum (small instances) and the LP relaxation (a certified lower bound, mid-size), for travel
 * and for the number of moves.
 */
import loadHighsModule from 'highs';
import type { Highs } from 'highs';
import { balancedBisection } from '../../src/engine/bisection.js';
import { kmFromDot, toUnit } from '../../src/engine/geo.js';
import { measureColumn } from '../../src/engine/metrics.js';
import { componentsByOwner } from '../../src/engine/units/graph.js';
import type { Instance } from './instances.js';
import type { PostalUnits } from './postal-units.js';

/** Each account to the nearest rep home (by unit-vector dot product). */
export function nearestHome(inst: Instance): Int32Array {
    const { acc, reps } = inst;
    const n = acc.ids.length;
    const k = reps.ids.length;
    const homes = new Float64Array(3 * k);
    for (let r = 0; r < k; r++) toUnit(reps.lat[r]!, reps.lon[r]!, homes, 3 * r);
    const p = new Float64Array(3);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
        toUnit(acc.lat[i]!, acc.lon[i]!, p, 0);
        const x = p[0]!;
        const y = p[1]!;
        const z = p[2]!;
        let best = 0;
        let bd = -Infinity;
        for (let r = 0; r < k; r++) {
            const d = x * homes[3 * r]! + y * homes[3 * r + 1]! + z * homes[3 * r + 2]!;
            if (d > bd) {
                bd = d;
                best = r;
            }
        }
        out[i] = best;
    }
    return out;
}

/** Lloyd's k-means on the sphere, seeded with a balanced bisection's centroids (20 rounds). */
export function kMeans(inst: Instance, maxRounds = 20): Int32Array {
    const { acc, reps } = inst;
    const n = acc.ids.length;
    const k = reps.ids.length;
    const xyz = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) toUnit(acc.lat[i]!, acc.lon[i]!, xyz, 3 * i);
    const ones = new Float64Array(n).fill(1);
    let assign = balancedBisection(
        Float64Array.from(acc.lon, (x) => x * 0.8),
        Float64Array.from(acc.lat),
        ones,
        new Float64Array(k).fill(1),
        k
    );
    const c = new Float64Array(3 * k);
    // bounded work on huge instances (each round is n × k dot products)
    const rounds = Math.max(2, Math.min(maxRounds, Math.floor(4e9 / (n * k))));
    for (let round = 0; round < rounds; round++) {
        c.fill(0);
        for (let i = 0; i < n; i++)
            for (let d = 0; d < 3; d++) c[3 * assign[i]! + d]! += xyz[3 * i + d]!;
        const next = new Int32Array(n);
        for (let i = 0; i < n; i++) {
            let best = assign[i]!;
            let bd = -Infinity;
            for (let r = 0; r < k; r++) {
                const dot =
                    xyz[3 * i]! * c[3 * r]! +
                    xyz[3 * i + 1]! * c[3 * r + 1]! +
                    xyz[3 * i + 2]! * c[3 * r + 2]!;
                const len = Math.hypot(c[3 * r]!, c[3 * r + 1]!, c[3 * r + 2]!) || 1;
                if (dot / len > bd) {
                    bd = dot / len;
                    best = r;
                }
            }
            next[i] = best;
        }
        assign = next;
    }
    return assign;
}

/** Combined load per account: mean of the measures, each scaled to mean 1. */
function combinedLoad(inst: Instance): Float64Array {
    const n = inst.acc.ids.length;
    const out = new Float64Array(n);
    for (const m of inst.measures) {
        const col = measureColumn(inst.acc, m)!;
        let total = 0;
        for (let i = 0; i < n; i++) total += col[i]!;
        for (let i = 0; i < n; i++) out[i]! += ((col[i]! / total) * n) / inst.measures.length;
    }
    return out;
}

/** Largest account first, to the rep with the smallest relative combined load (ties: nearest). */
export function greedyLargestFirst(inst: Instance): Int32Array {
    const { acc, reps } = inst;
    const n = acc.ids.length;
    const k = reps.ids.length;
    const w = combinedLoad(inst);
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => w[y]! - w[x]! || x - y);
    const load = new Float64Array(k);
    const out = new Int32Array(n);
    let capSum = 0;
    for (let r = 0; r < k; r++) capSum += reps.capacity[r]!;
    for (const i of order) {
        let best = 0;
        let bl = Infinity;
        for (let r = 0; r < k; r++) {
            const l = load[r]! / (reps.capacity[r]! / capSum);
            if (l < bl - 1e-12) {
                bl = l;
                best = r;
            }
        }
        out[i] = best;
        load[best]! += w[i]!;
    }
    return out;
}

export interface ExactResult {
    status: string;
    objective: number;
    /** MIP: best bound reported by the solver */
    bound?: number;
    assign?: Int32Array;
    runtimeMs: number;
}

// the package's types are CommonJS-shaped; at runtime the ESM build's default export is the loader
const loadHighs = loadHighsModule as unknown as () => Promise<Highs>;
let highsPromise: Promise<Highs> | null = null;
function highs(): Promise<Highs> {
    return (highsPromise ??= loadHighs());
}

/**
 * Accounts outside rep r's patch region: the region is the accounts nearest r's home, in order,
 * until their combined load (the mean over `inst.measures` of each account's share of the measure's
 * total, × n) reaches `factor` × r's target. The fewest moves with a new rep's accounts kept
 * inside it is the minimum for one compact patch around the new home (bench:families).
 */
export function outsidePatchRegion(inst: Instance, r: number, factor: number): Uint8Array {
    const { acc, reps } = inst;
    const n = acc.ids.length;
    const combined = new Float64Array(n);
    for (const name of inst.measures) {
        const col = measureColumn(acc, name)!;
        let total = 0;
        for (let i = 0; i < n; i++) total += col[i]!;
        if (total <= 0) continue;
        for (let i = 0; i < n; i++) combined[i]! += (col[i]! / total) * (n / inst.measures.length);
    }
    let capSum = 0;
    for (let q = 0; q < reps.ids.length; q++) capSum += reps.capacity[q]!;
    const limit = (factor * n * reps.capacity[r]!) / capSum;
    const home = new Float64Array(3);
    toUnit(reps.lat[r]!, reps.lon[r]!, home, 0);
    const p = new Float64Array(3);
    const km = Float64Array.from({ length: n }, (_, i) => {
        toUnit(acc.lat[i]!, acc.lon[i]!, p, 0);
        return kmFromDot(p[0]! * home[0]! + p[1]! * home[1]! + p[2]! * home[2]!);
    });
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => km[x]! - km[y]! || x - y);
    const outside = new Uint8Array(n).fill(1);
    let load = 0;
    for (const i of order) {
        if (load >= limit) break;
        outside[i] = 0;
        load += combined[i]!;
    }
    return outside;
}

/**
 * Exact balanced assignment with HiGHS. objective 'travel': Σ km to home; 'moves': number of
 * accounts whose rep differs from the current one. integer false gives the LP relaxation.
 */
export async function exactPlan(
    inst: Instance,
    /** every rep's, or one per rep */
    tolerance: number | Float64Array,
    objective: 'travel' | 'moves',
    integer: boolean,
    timeLimitS = 120,
    /** accounts that may not go to rep `rep` (a new hire's patch kept to a region) */
    forbid?: { rep: number; accounts: Uint8Array }
): Promise<ExactResult> {
    const { acc, reps } = inst;
    const n = acc.ids.length;
    const k = reps.ids.length;
    const t0 = Date.now();
    const cols = inst.measures.map((m) => measureColumn(acc, m)!);
    let capSum = 0;
    for (let r = 0; r < k; r++) capSum += reps.capacity[r]!;
    const lines: string[] = ['Minimize', ' obj:'];
    const obj: string[] = [];
    const homeXyz = new Float64Array(3 * k);
    for (let r = 0; r < k; r++) toUnit(reps.lat[r]!, reps.lon[r]!, homeXyz, 3 * r);
    const p = new Float64Array(3);
    let constant = 0;
    for (let i = 0; i < n; i++) {
        toUnit(acc.lat[i]!, acc.lon[i]!, p, 0);
        const cur = acc.currentRep ? acc.currentRep[i]! : -1;
        if (objective === 'moves' && (cur < 0 || cur >= k)) constant += 1;
        for (let r = 0; r < k; r++) {
            const km = kmFromDot(
                p[0]! * homeXyz[3 * r]! + p[1]! * homeXyz[3 * r + 1]! + p[2]! * homeXyz[3 * r + 2]!
            );
            const c = objective === 'travel' ? km : cur >= 0 && cur < k && cur !== r ? 1 : 0;
            if (c !== 0) obj.push(`${c.toFixed(6)} x${i}_${r}`);
        }
    }
    lines.push(chunk(obj.length > 0 ? obj : ['0 x0_0']));
    lines.push('Subject To');
    for (let i = 0; i < n; i++) {
        lines.push(` a${i}: ${Array.from({ length: k }, (_, r) => `x${i}_${r}`).join(' + ')} = 1`);
    }
    inst.measures.forEach((_, m) => {
        const col = cols[m]!;
        let total = 0;
        for (let i = 0; i < n; i++) total += col[i]!;
        for (let r = 0; r < k; r++) {
            const target = (total * reps.capacity[r]!) / capSum;
            const terms: string[] = [];
            for (let i = 0; i < n; i++) if (col[i]! !== 0) terms.push(`${col[i]!} x${i}_${r}`);
            const tol = typeof tolerance === 'number' ? tolerance : tolerance[r]!;
            lines.push(` u${m}_${r}: ${chunk(terms)} <= ${(target * (1 + tol)).toFixed(6)}`);
            lines.push(` l${m}_${r}: ${chunk(terms)} >= ${(target * (1 - tol)).toFixed(6)}`);
        }
    });
    lines.push('Bounds');
    for (let i = 0; i < n; i++) {
        for (let r = 0; r < k; r++) {
            const ub = forbid && forbid.rep === r && forbid.accounts[i] ? 0 : 1;
            lines.push(` 0 <= x${i}_${r} <= ${ub}`);
        }
    }
    if (integer) {
        lines.push('Binaries');
        for (let i = 0; i < n; i++)
            lines.push(` ${Array.from({ length: k }, (_, r) => `x${i}_${r}`).join(' ')}`);
    }
    lines.push('End');
    const res = await solveLp(lines.join('\n'), timeLimitS);
    const out: ExactResult = { status: res.status, objective: NaN, runtimeMs: Date.now() - t0 };
    if (res.status === 'Optimal' || res.status === 'Time limit reached') {
        out.objective = res.objective + constant;
        if (integer) {
            const assign = new Int32Array(n);
            for (let i = 0; i < n; i++) {
                for (let r = 0; r < k; r++) if (res.primal(`x${i}_${r}`) > 0.5) assign[i] = r;
            }
            out.assign = assign;
        }
        if (res.bound !== undefined) out.bound = res.bound + constant;
    }
    return out;
}

/**
 * The least worst deviation any plan can reach with account `key` kept whole (HiGHS): the worst
 * of |load / target − 1| over every rep and measure, minimised once for each rep `key` may go
 * to, the smallest kept. Without `units` it is the LP relaxation over the other accounts, a lower
 * bound on every plan's worst deviation. With `units` (a postal code per account) the other
 * accounts go in whole units, binary: the exact optimum of a unit plan with `key` named
 * (contiguity not required, so a lower bound for contiguous ones). Travel is not counted.
 */
export async function minWorstDeviationBound(
    inst: Instance,
    key: number,
    units?: readonly string[],
    timeLimitS = 60
): Promise<number> {
    const { acc, reps } = inst;
    const n = acc.ids.length;
    const k = reps.ids.length;
    const cols = inst.measures.map((m) => measureColumn(acc, m)!);
    // the items: every other account, or every unit of the other accounts
    const itemOf = new Int32Array(n).fill(-1);
    const unitIndex = new Map<string, number>();
    let items = 0;
    for (let i = 0; i < n; i++) {
        if (i === key) continue;
        if (!units) itemOf[i] = items++;
        else {
            let u = unitIndex.get(units[i]!);
            if (u === undefined) unitIndex.set(units[i]!, (u = items++));
            itemOf[i] = u;
        }
    }
    const loads = cols.map((col) => {
        const l = new Float64Array(items);
        for (let i = 0; i < n; i++) if (i !== key) l[itemOf[i]!]! += col[i]!;
        return l;
    });
    const totals = cols.map((col) => col.reduce((s, v) => s + v, 0));
    let best = Infinity;
    for (let keyRep = 0; keyRep < k; keyRep++) {
        const model = worstDeviationModel(
            loads,
            totals,
            reps.capacity,
            units !== undefined,
            (m, r) => (r === keyRep ? cols[m]![key]! : 0)
        );
        const res = await solveLp(model, timeLimitS);
        if (res.status !== 'Optimal') throw new Error(`min-worst deviation: ${res.status}`);
        best = Math.min(best, res.objective);
    }
    return best;
}

/**
 * A lower bound on the worst deviation (|load / target − 1|, every rep and measure) of any plan,
 * travel not counted: the LP relaxation with the large accounts kept whole. An account is large
 * when it holds more than (1 + tolerance) / 2 of a target on some measure. With equal capacities
 * two large accounts on one rep put it at least `pair` over, so a plan below that bound gives
 * each its own rep, and by symmetry large account j may be fixed to rep j; the other accounts
 * are fractional. Returns min(LP optimum, pair) — above the tolerance, no plan is within it.
 * With unequal capacities (no symmetry) or more large accounts than reps, every account is
 * fractional: the plain LP bound.
 */
export async function minWorstDeviationWhole(
    inst: Instance,
    tolerance: number,
    timeLimitS = 120
): Promise<{ bound: number; large: number; status: string }> {
    const { acc, reps } = inst;
    const n = acc.ids.length;
    const k = reps.ids.length;
    const cols = inst.measures.map((m) => measureColumn(acc, m)!);
    const targets = cols.map((col) => col.reduce((s, v) => s + v, 0) / k);
    const equal = reps.capacity.every((c) => c === reps.capacity[0]);
    let large: number[] = [];
    for (let i = 0; i < n; i++) {
        if (cols.some((col, m) => col[i]! > ((1 + tolerance) / 2) * targets[m]!)) large.push(i);
    }
    if (!equal || large.length > k) large = [];
    let pair = Infinity;
    for (let x = 0; x < large.length; x++) {
        for (let y = x + 1; y < large.length; y++) {
            const [a, b] = [large[x]!, large[y]!];
            const over = Math.max(...cols.map((col, m) => (col[a]! + col[b]!) / targets[m]! - 1));
            pair = Math.min(pair, over);
        }
    }
    // the items: every account but the large ones, which sit on their reps
    const isLarge = new Set(large);
    const free = Array.from({ length: n }, (_, i) => i).filter((i) => !isLarge.has(i));
    const loads = cols.map((col) => Float64Array.from(free, (i) => col[i]!));
    const totals = targets.map((t) => t * k);
    const model = worstDeviationModel(loads, totals, reps.capacity, false, (m, r) =>
        large[r] === undefined ? 0 : cols[m]![large[r]!]!
    );
    const res = await solveLp(model, timeLimitS);
    const lp = res.status === 'Optimal' ? res.objective : 0;
    return { bound: Math.min(lp, pair), large: large.length, status: res.status };
}

/**
 * The LP-format model minimising z, the worst |load / target − 1| over reps and measures: item j
 * (column x{j}_{r}) carries loads[m][j] and goes to one rep (binary when `binary`), rep r already
 * holds fixedLoad(m, r), and targets are the totals shared by capacity.
 */
function worstDeviationModel(
    loads: Float64Array[],
    totals: number[],
    capacity: Float64Array,
    binary: boolean,
    fixedLoad: (m: number, r: number) => number
): string {
    const k = capacity.length;
    const items = loads[0]?.length ?? 0;
    const capSum = capacity.reduce((s, c) => s + c, 0);
    const columns = (j: number, joiner: string): string =>
        Array.from({ length: k }, (_, r) => `x${j}_${r}`).join(joiner);
    const lines = ['Minimize', ' obj: z', 'Subject To'];
    for (let j = 0; j < items; j++) lines.push(` a${j}: ${columns(j, ' + ')} = 1`);
    loads.forEach((load, m) => {
        for (let r = 0; r < k; r++) {
            const target = (totals[m]! * capacity[r]!) / capSum;
            if (target <= 0) continue;
            const terms: string[] = [];
            for (let j = 0; j < items; j++) {
                if (load[j]! !== 0) terms.push(`${load[j]! / target} x${j}_${r}`);
            }
            const fixed = fixedLoad(m, r) / target;
            const body = chunk(terms.length > 0 ? terms : ['0 z']);
            lines.push(` u${m}_${r}: ${body} - z <= ${1 - fixed}`);
            lines.push(` l${m}_${r}: ${body} + z >= ${1 - fixed}`);
        }
    });
    lines.push('Bounds', ' z >= 0');
    if (binary) {
        lines.push('Binaries');
        for (let j = 0; j < items; j++) lines.push(` ${columns(j, ' ')}`);
    }
    lines.push('End');
    return lines.join('\n');
}

/** What HiGHS answered for an LP-format model: status, objective, MIP bound, column values. */
interface LpAnswer {
    status: string;
    /** as HiGHS says it (not finite when it has no solution); NaN when it says none */
    objective: number;
    bound?: number;
    primal(column: string): number;
}

/** Solves an LP-format model with HiGHS within `timeLimitS` (relative MIP gap 1e-4). */
async function solveLp(model: string, timeLimitS: number): Promise<LpAnswer> {
    const solver = await highs();
    const res = solver.solve(model, {
        output_flag: false,
        time_limit: timeLimitS,
        mip_rel_gap: 1e-4
    } as never) as unknown as {
        Status: unknown;
        ObjectiveValue?: number;
        Columns?: Record<string, { Primal: number }>;
        Info?: { mip_dual_bound?: number };
    };
    return {
        status: String(res.Status),
        objective: res.ObjectiveValue ?? NaN,
        ...(res.Info?.mip_dual_bound !== undefined ? { bound: res.Info.mip_dual_bound } : {}),
        primal: (column) => res.Columns?.[column]?.Primal ?? 0
    };
}

/** LP-format terms over several lines (lines must stay reasonably short), joined by `joiner`. */
function chunk(terms: string[], joiner = ' + '): string {
    const out: string[] = [];
    for (let j = 0; j < terms.length; j += 8) out.push(terms.slice(j, j + 8).join(joiner));
    return out.join(`\n${joiner}`);
}

export interface ExactUnitResult extends ExactResult {
    /** the units (postal codes within a segment) of the instance */
    units: number;
    /** MIP solves (more than one when contiguity cuts were added) */
    rounds: number;
}

/**
 * The exact balanced assignment of whole postal units (every account of a unit, within its
 * segment, to one rep of that segment), with HiGHS: each rep within `tolerance` of its target on
 * every measure, least Σ km from the accounts to their rep's home. Without `contiguous` this is
 * a bound for any unit plan ('Infeasible' proves the units too coarse for the tolerance); with
 * it, cuts are added until every rep's units are one piece of the Delaunay graph of the unit
 * centroids (as the engine's): the exact contiguous plan, or 'Infeasible' when none is within
 * the tolerance. `timeLimitS` covers every round; when it runs out no plan is returned.
 */
export async function exactUnitPlan(
    inst: Instance,
    units: PostalUnits,
    tolerance: number,
    timeLimitS = 60,
    options: { contiguous?: boolean } = {}
): Promise<ExactUnitResult> {
    const { acc, reps } = inst;
    const n = acc.ids.length;
    const k = reps.ids.length;
    const t0 = Date.now();
    const { unitOf, unitSeg } = units;
    const repSeg = (r: number) => reps.segment?.[r] ?? '';
    const U = unitSeg.length;
    const repsOf = new Map<string, number[]>();
    for (let r = 0; r < k; r++) {
        const s = acc.segment && reps.segment ? repSeg(r) : '';
        if (!repsOf.has(s)) repsOf.set(s, []);
        repsOf.get(s)!.push(r);
    }
    const eligible = (u: number) =>
        repsOf.get(acc.segment && reps.segment ? unitSeg[u]! : '') ?? [];
    // costs: Σ over the unit's accounts of the km to each eligible home
    const homeXyz = new Float64Array(3 * k);
    for (let r = 0; r < k; r++) toUnit(reps.lat[r]!, reps.lon[r]!, homeXyz, 3 * r);
    const cost = new Float64Array(U * k);
    const p = new Float64Array(3);
    for (let i = 0; i < n; i++) {
        toUnit(acc.lat[i]!, acc.lon[i]!, p, 0);
        const u = unitOf[i]!;
        for (const r of eligible(u))
            cost[u * k + r]! += kmFromDot(
                p[0]! * homeXyz[3 * r]! + p[1]! * homeXyz[3 * r + 1]! + p[2]! * homeXyz[3 * r + 2]!
            );
    }
    const cols = inst.measures.map((m) => measureColumn(acc, m)!);
    const unitLoad = cols.map((col) => {
        const out = new Float64Array(U);
        for (let i = 0; i < n; i++) out[unitOf[i]!]! += col[i]!;
        return out;
    });
    const lines: string[] = ['Minimize', ' obj:'];
    const obj: string[] = [];
    for (let u = 0; u < U; u++)
        for (const r of eligible(u)) obj.push(`${cost[u * k + r]!.toFixed(6)} y${u}_${r}`);
    lines.push(chunk(obj), 'Subject To');
    for (let u = 0; u < U; u++)
        lines.push(
            ` a${u}: ${eligible(u)
                .map((r) => `y${u}_${r}`)
                .join(' + ')} = 1`
        );
    for (const rs of repsOf.values()) {
        const units: number[] = [];
        for (let u = 0; u < U; u++) if (eligible(u) === rs) units.push(u);
        let capSum = 0;
        for (const r of rs) capSum += reps.capacity[r]!;
        unitLoad.forEach((load, m) => {
            let total = 0;
            for (const u of units) total += load[u]!;
            for (const r of rs) {
                const target = (total * reps.capacity[r]!) / capSum;
                const terms = units
                    .filter((u) => load[u]! !== 0)
                    .map((u) => `${load[u]!} y${u}_${r}`);
                if (terms.length === 0) continue;
                const name = `${m}_${r}`;
                lines.push(
                    ` hi${name}: ${chunk(terms)} <= ${(target * (1 + tolerance)).toFixed(6)}`
                );
                lines.push(
                    ` lo${name}: ${chunk(terms)} >= ${(target * (1 - tolerance)).toFixed(6)}`
                );
            }
        });
    }
    const binaries = ['Binaries'];
    for (let u = 0; u < U; u++)
        binaries.push(
            ` ${eligible(u)
                .map((r) => `y${u}_${r}`)
                .join(' ')}`
        );
    // contiguity, by a–b separator cuts added while the plan has a rep in pieces: units a and b
    // of one rep in different pieces S and T ⇒ some unit next to S (not in S) is that rep's too
    // (y_a + y_b − 1 ≤ Σ_{v ∈ N(S)} y_v), valid for every contiguous plan
    const graphs = options.contiguous ? units.segments : [];
    const cuts: string[] = [];
    const out: ExactUnitResult = { status: '', objective: NaN, runtimeMs: 0, units: U, rounds: 0 };
    const deadline = t0 + timeLimitS * 1000;
    for (;;) {
        out.rounds++;
        const left = Math.max(1, (deadline - Date.now()) / 1000);
        const res = await solveLp([...lines, ...cuts, ...binaries, 'End'].join('\n'), left);
        out.status = res.status;
        if (res.bound !== undefined) out.bound = res.bound;
        if (!(out.status === 'Optimal' || out.status === 'Time limit reached')) break;
        if (!Number.isFinite(res.objective)) break;
        const unitRep = new Int32Array(U).fill(-1);
        for (let u = 0; u < U; u++)
            for (const r of eligible(u)) if (res.primal(`y${u}_${r}`) > 0.5) unitRep[u] = r;
        const added = separatorCuts(graphs, unitRep, cuts);
        if (added === 0) {
            out.objective = res.objective;
            out.assign = Int32Array.from(unitOf, (u) => unitRep[u]!);
            break;
        }
        if (out.status !== 'Optimal' || Date.now() >= deadline) {
            out.status = 'Time limit reached';
            break;
        }
    }
    out.runtimeMs = Date.now() - t0;
    return out;
}

/**
 * Adds a–b separator cuts for each extra piece of a rep and the rep's largest piece (a in one,
 * b in the other, the first one's neighbours as separator, both ways round); returns how many.
 */
function separatorCuts(
    graphs: PostalUnits['segments'],
    unitRep: Int32Array,
    cuts: string[]
): number {
    let added = 0;
    for (const { units, graph } of graphs) {
        const owner = Int32Array.from(units, (u) => unitRep[u]!);
        const { comp, compOwner, compSize } = componentsByOwner(graph, owner);
        const largest = new Map<number, number>();
        for (let c = 0; c < compOwner.length; c++) {
            const r = compOwner[c]!;
            const best = largest.get(r);
            if (best === undefined || compSize[c]! > compSize[best]!) largest.set(r, c);
        }
        const first = new Int32Array(compOwner.length).fill(-1);
        for (let x = 0; x < units.length; x++)
            if (comp[x]! >= 0 && first[comp[x]!]! < 0) first[comp[x]!] = x;
        // the units next to each piece (not in it)
        const boundary = Array.from({ length: compOwner.length }, () => new Set<number>());
        for (let x = 0; x < units.length; x++) {
            const c = comp[x]!;
            if (c < 0) continue;
            for (let e = graph.start[x]!; e < graph.start[x + 1]!; e++) {
                const y = graph.adj[e]!;
                if (comp[y] !== c) boundary[c]!.add(units[y]!);
            }
        }
        // each extra piece against the rep's largest, both ways round (either may be cut off)
        const pairs: [number, number][] = [];
        for (let c = 0; c < compOwner.length; c++) {
            const main = largest.get(compOwner[c]!)!;
            if (c !== main) pairs.push([c, main], [main, c]);
        }
        for (const [c, other] of pairs) {
            const r = compOwner[c]!;
            const a = units[first[c]!]!;
            const b = units[first[other]!]!;
            const terms = [
                `y${a}_${r}`,
                `+ y${b}_${r}`,
                ...[...boundary[c]!].map((v) => `- y${v}_${r}`)
            ];
            cuts.push(` sep${cuts.length}: ${chunk(terms, ' ')} <= 1`);
            added++;
        }
    }
    return added;
}
