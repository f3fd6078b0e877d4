/**
 * Unit mode (`--units postal`): territories made of postal units. All accounts that share a
 * postal code within a segment go to one rep, except named accounts (placed individually) and
 * locked ones (they keep their rep); each rep's units form one connected piece of the Delaunay
 * graph of the unit centroids (DESIGN.md, "Territories made of places").
 *
 * How: the units become items of the account-level engine (summed measures, placed at their
 * centroid, weighted by their account count in travel and in moves), which gives a balanced,
 * compact plan of units; then ContiguousPlan makes every territory one piece and restores balance
 * and compactness with border moves that keep the pieces whole. The plan is measured per account.
 */
import {
    balanceColumnar,
    EngineInputError,
    DEFAULT_TOLERANCE,
    fmtPct as pct,
    mixWarnings
} from '../balance.js';
import { toUnit } from '../geo.js';
import type { ColumnarAccounts, ColumnarReps } from '../metrics.js';
import { WITHIN_EPS, measureColumn, measureColumnar, segmentGroups } from '../metrics.js';
import type { BalanceOptions, PlanReport } from '../types.js';
import { UNIT_LP_MAX_COLUMNS } from '../solver/solve.js';
import { ContiguousPlan, noContiguityWork, TABU_TRAVEL_CAP } from './contiguous.js';
import { postalUnitCode } from './postal-code.js';
import type { ContiguityStats, UnitProblem } from './contiguous.js';
import { weightedVoronoiOwner } from './weighted-voronoi.js';
import { componentsByOwner, unitAdjacency } from './graph.js';
import type { UnitGraph } from './graph.js';

export interface UnitInput {
    /** postal code per account ('' when it has none: the account is then placed on its own) */
    postal: string[];
    /** 1 for named (key) accounts, placed individually */
    named: Uint8Array | null;
}

export interface UnitReport {
    /** postal units (distinct postal codes within a segment) */
    units: number;
    /** per rep id: units held */
    unitsByRep: Record<string, number>;
    namedAccounts: number;
    lockedAccounts: number;
    /** accounts without a postal code, placed individually */
    withoutPostalCode: number;
    /** every rep's units form one connected piece */
    contiguous: boolean;
    /** reps whose units are not one piece (should be none) */
    notContiguous: string[];
    /** share of unit-bound accounts whose unit's accounts all have the same rep (1 by design) */
    unitPurity: number;
    /** the largest unit's share of its rep's target, on the worst measure */
    largestUnitShare: number;
    contiguity: ContiguityStats;
}

export type UnitPlanReport = PlanReport & { units: number; unitMode: UnitReport };

/** A postal code as a unit key ('' for none): postalUnitCode, the product's one normalisation. */
export function unitKey(postal: string): string {
    return postalUnitCode(postal) ?? '';
}

interface Items {
    acc: ColumnarAccounts;
    /** item of each account */
    itemOf: Int32Array;
    /** accounts per item */
    tw: Float64Array;
    /** graph node of each item, or −1 (named, locked, no postal code) */
    nodeOf: Int32Array;
    /** per node: its item and its segment group */
    nodeItem: number[];
    nodeGroup: number[];
    /** per node: centroid of all accounts with that postal code (named and locked included) */
    nodeLat: number[];
    nodeLon: number[];
    units: number;
    named: number;
    locked: number;
    withoutPostal: number;
}

/** Balances postal units among reps; `assign[i]` is an index into reps.ids. */
export function balanceUnitsColumnar(
    acc: ColumnarAccounts,
    reps: ColumnarReps,
    options: BalanceOptions,
    input: UnitInput
): { assign: Int32Array; report: UnitPlanReport } {
    const t0 = Date.now();
    const n = acc.ids.length;
    if (input.postal.length !== n) throw new EngineInputError('postal: one value per account.');
    const items = buildItems(acc, reps, input);
    const measures = [...new Set(options.balance)];
    const { assign: itemAssign, report: itemReport } = balanceColumnar(
        items.acc,
        reps,
        { ...options, balance: measures },
        // no rounding MIP for the LP start's split units: with coarse units it took most of the
        // time (7.5 of 10.8 s on a 2,000 × 20 metros-few instance of ~310 units), and the
        // contiguity stages rebuild the borders anyway. On the tuning families (300 × 6, 10 seeds)
        // without it: mean travel / account-level plan 1.0918 → 1.0854, worst 1.383 → 1.271,
        // plans within 5 % 24 → 23 of 30; at 2,000 × 20 (2 seeds) travel alike, 2.5 × faster.
        { itemWeight: items.tw, lpMaxColumns: UNIT_LP_MAX_COLUMNS, lpRoundingMip: false }
    );
    const tol = options.tolerance ?? DEFAULT_TOLERANCE;
    const graphs = unitGraphs(items);
    const stats = makeContiguous(items, reps, itemAssign, options, measures, tol, graphs);
    const assign = new Int32Array(n);
    for (let i = 0; i < n; i++) assign[i] = itemAssign[items.itemOf[i]!]!;
    const metrics = measureColumnar(acc, reps, assign, measures, tol);
    const purity = unitPurity(acc, reps, assign, input, items);
    const unitMode = unitReport(
        items,
        reps,
        itemAssign,
        metrics.reps,
        stats,
        measures,
        graphs,
        purity
    );
    const warnings = itemReport.warnings.filter((w) => !/tolerance .* not reached/.test(w));
    if (metrics.maxDeviation > tol + WITHIN_EPS) {
        // an account or locks that make the tolerance unreachable are the reason, not the units
        const infeasible = warnings.some((w) => w.startsWith('Infeasible'));
        warnings.push(
            `Postal units: tolerance ${pct(tol)} not reached; best deviation ${pct(metrics.maxDeviation)}.` +
                (infeasible
                    ? ''
                    : ` The largest unit is ${pct(unitMode.largestUnitShare)} of its rep's target. The search found no contiguous plan of whole units closer to the tolerance within ${pct(TABU_TRAVEL_CAP - 1)} more travel; finer units (or fewer measures) might let it.`)
        );
    }
    if (items.withoutPostal > 0) {
        warnings.push(
            `${items.withoutPostal} accounts have no postal code: each was placed on its own, outside the units.`
        );
    }
    if (!unitMode.contiguous) {
        warnings.push(`Territories not contiguous: ${unitMode.notContiguous.join(', ')}.`);
    }
    warnings.push(...mixWarnings(metrics.newReps));
    const reportReps = metrics.reps.map((r) => ({
        ...r,
        units: unitMode.unitsByRep[r.repId] ?? 0
    }));
    return {
        assign,
        report: {
            ...metrics,
            reps: reportReps,
            runtimeMs: Date.now() - t0,
            timeLimitReached: itemReport.timeLimitReached,
            seed: itemReport.seed,
            warnings,
            segments: itemReport.segments,
            units: unitMode.units,
            unitMode
        }
    };
}

/** Units, named accounts and locked accounts as items of the account-level engine. */
function buildItems(acc: ColumnarAccounts, reps: ColumnarReps, input: UnitInput): Items {
    const n = acc.ids.length;
    const k = reps.ids.length;
    const { accountGroup } = segmentGroups(acc, reps);
    const itemOf = new Int32Array(n);
    const keyItem = new Map<string, number>();
    const first: number[] = [];
    const nodeItem: number[] = [];
    const nodeGroup: number[] = [];
    const nodeOfItem: number[] = [];
    const unitCentroid = new Map<string, { lat: number; lon: number; c: number }>();
    let named = 0;
    let locked = 0;
    let withoutPostal = 0;
    for (let i = 0; i < n; i++) {
        const code = unitKey(input.postal[i] ?? '');
        const key = code === '' ? '' : `${accountGroup[i]}\u0000${code}`;
        if (key !== '') {
            const c = unitCentroid.get(key) ?? { lat: 0, lon: 0, c: 0 };
            c.lat += acc.lat[i]!;
            c.lon += acc.lon[i]!;
            c.c++;
            unitCentroid.set(key, c);
        }
        const cur = acc.currentRep ? acc.currentRep[i]! : -1;
        const isLocked = acc.locked?.[i] === 1 && cur >= 0 && cur < k;
        const isNamed = input.named?.[i] === 1;
        if (isLocked) locked++;
        else if (isNamed) named++;
        else if (key === '') withoutPostal++;
        if (isLocked || isNamed || key === '') {
            itemOf[i] = first.length;
            first.push(i);
            nodeOfItem.push(-1);
            continue;
        }
        let it = keyItem.get(key);
        if (it === undefined) {
            it = first.length;
            keyItem.set(key, it);
            first.push(i);
            nodeOfItem.push(nodeItem.length);
            nodeItem.push(it);
            nodeGroup.push(accountGroup[i]!);
        }
        itemOf[i] = it;
    }
    const N = first.length;
    const tw = new Float64Array(N);
    for (let i = 0; i < n; i++) tw[itemOf[i]!]!++;
    const lat = new Float64Array(N);
    const lon = new Float64Array(N);
    const measures = acc.measureNames.map(() => new Float64Array(N));
    const hasCount = acc.measureNames.includes('Count');
    for (let i = 0; i < n; i++) {
        const it = itemOf[i]!;
        for (let m = 0; m < measures.length; m++) measures[m]![it]! += acc.measures[m]![i]!;
    }
    const nodeLat: number[] = new Array<number>(nodeItem.length);
    const nodeLon: number[] = new Array<number>(nodeItem.length);
    for (const [key, it] of keyItem) {
        const c = unitCentroid.get(key)!;
        const node = nodeOfItem[it]!;
        nodeLat[node] = c.lat / c.c;
        nodeLon[node] = c.lon / c.c;
        lat[it] = nodeLat[node];
        lon[it] = nodeLon[node];
    }
    for (let it = 0; it < N; it++) {
        if (nodeOfItem[it]! >= 0) continue;
        lat[it] = acc.lat[first[it]!]!;
        lon[it] = acc.lon[first[it]!]!;
    }
    // the current rep of a unit: the one most of its accounts have (ties: the lower index)
    let currentRep: Int32Array | null = null;
    if (acc.currentRep) {
        currentRep = new Int32Array(N).fill(-1);
        const votes = new Map<number, Map<number, number>>();
        for (let i = 0; i < n; i++) {
            const it = itemOf[i]!;
            const c = acc.currentRep[i]!;
            if (c < 0) continue;
            let v = votes.get(it);
            if (!v) votes.set(it, (v = new Map()));
            v.set(c, (v.get(c) ?? 0) + 1);
        }
        for (const [it, v] of votes) {
            let best = -1;
            let bestN = 0;
            for (const [c, cnt] of v)
                if (cnt > bestN || (cnt === bestN && c < best)) [best, bestN] = [c, cnt];
            currentRep[it] = best;
        }
    }
    const names = [...acc.measureNames];
    if (!hasCount) {
        names.push('Count');
        measures.push(Float64Array.from(tw));
    }
    const lockedItems = acc.locked ? Uint8Array.from(first, (i) => acc.locked![i]!) : null;
    // a locked account is an item of its own only where its lock holds; elsewhere it is unit-bound
    if (lockedItems) for (let it = 0; it < N; it++) if (nodeOfItem[it]! >= 0) lockedItems[it] = 0;
    return {
        acc: {
            ids: first.map((i, it) =>
                nodeOfItem[it]! >= 0 ? `unit:${input.postal[i]}` : acc.ids[i]!
            ),
            lat,
            lon,
            measureNames: names,
            measures,
            segment: acc.segment ? first.map((i) => acc.segment![i]!) : null,
            locked: lockedItems,
            currentRep
        },
        itemOf,
        tw,
        nodeOf: Int32Array.from(nodeOfItem),
        nodeItem,
        nodeGroup,
        nodeLat,
        nodeLon,
        units: unitCentroid.size,
        named,
        locked,
        withoutPostal
    };
}

/** Per segment: the unit graph, then ContiguousPlan on the engine's plan of the units. */
function makeContiguous(
    items: Items,
    reps: ColumnarReps,
    itemAssign: Int32Array,
    options: BalanceOptions,
    measures: string[],
    tol: number,
    graphs: SegmentGraph[]
): ContiguityStats {
    const stats = noContiguityWork();
    const { names, repGroup, accountGroup } = segmentGroups(items.acc, reps);
    const k = reps.ids.length;
    const M = measures.length;
    const cols = measures.map((m) => measureColumn(items.acc, m)!);
    const N = items.tw.length;
    for (const { g, nodes, graph } of graphs) {
        const rs: number[] = [];
        for (let r = 0; r < k; r++) if (names.length === 1 || repGroup[r] === g) rs.push(r);
        if (nodes.length < 2 || rs.length < 2) continue;
        const local = new Map<number, number>();
        rs.forEach((r, j) => local.set(r, j));
        const sk = rs.length;
        const nu = nodes.length;
        const lat = Float64Array.from(nodes, (u) => items.nodeLat[u]!);
        const lon = Float64Array.from(nodes, (u) => items.nodeLon[u]!);
        const xyz = new Float64Array(3 * nu);
        for (let j = 0; j < nu; j++) toUnit(lat[j]!, lon[j]!, xyz, 3 * j);
        const load = new Float64Array(nu * M);
        const tw = new Float64Array(nu);
        const owner = new Int32Array(nu);
        const cur = new Int32Array(nu).fill(-1);
        const isNode = new Uint8Array(N);
        nodes.forEach((u, j) => {
            const it = items.nodeItem[u]!;
            isNode[it] = 1;
            tw[j] = items.tw[it]!;
            owner[j] = local.get(itemAssign[it]!)!;
            const c = items.acc.currentRep?.[it] ?? -1;
            cur[j] = c >= 0 && c < k ? (local.get(c) ?? -1) : -1;
            for (let m = 0; m < M; m++) load[j * M + m] = cols[m]![it]!;
        });
        // loads of the items outside the graph, and the segment totals for the targets
        const fixedLoad = new Float64Array(sk * M);
        const total = new Float64Array(M);
        for (let it = 0; it < N; it++) {
            if (names.length > 1 && accountGroup[it] !== g) continue;
            for (let m = 0; m < M; m++) total[m]! += cols[m]![it]!;
            if (isNode[it]) continue;
            const r = local.get(itemAssign[it]!);
            if (r === undefined) continue;
            for (let m = 0; m < M; m++) fixedLoad[r * M + m]! += cols[m]![it]!;
        }
        let capSum = 0;
        for (const r of rs) capSum += reps.capacity[r]!;
        const target = new Float64Array(sk * M);
        rs.forEach((r, j) => {
            for (let m = 0; m < M; m++)
                target[j * M + m] = (total[m]! * reps.capacity[r]!) / capSum;
        });
        const active = Uint8Array.from(measures, (m, j) =>
            total[j]! > 0 && (options.weights?.[m] ?? 1) > 0 ? 1 : 0
        );
        const home = new Float64Array(3 * sk);
        const hasHome = new Uint8Array(sk);
        rs.forEach((r, j) => {
            if (!Number.isNaN(reps.lat[r]!) && !Number.isNaN(reps.lon[r]!)) {
                hasHome[j] = 1;
                toUnit(reps.lat[r]!, reps.lon[r]!, home, 3 * j);
            }
        });
        const problem: UnitProblem = {
            n: nu,
            graph,
            k: sk,
            M,
            load,
            tw,
            xyz,
            home,
            hasHome,
            target,
            active,
            fixedLoad,
            cur,
            tolerance: tol,
            disruptionWeight: options.disruptionWeight ?? 0.5
        };
        // two starts, each balanced three ways (see contiguousFrom): the engine's plan of the
        // units, and (all reps with homes) the weighted Voronoi diagram of the homes
        const candidates = contiguousFrom(problem, owner);
        const voronoi = weightedVoronoiOwner(problem);
        if (voronoi) {
            for (const plan of contiguousFrom(problem, voronoi)) {
                plan.stats.voronoiStart = 1;
                candidates.push(plan);
            }
        }
        const plan = choosePlan(candidates, tol);
        plan.improveByPairs();
        // out of tolerance: the worst deviation lowered, where by a step worth the travel
        plan.lowerWorst(DEVIATION_STEP);
        owner.set(plan.owner);
        nodes.forEach((u, j) => (itemAssign[items.nodeItem[u]!] = rs[owner[j]!]!));
        for (const key of Object.keys(stats) as (keyof ContiguityStats)[])
            stats[key] += plan.stats[key];
    }
    return stats;
}

function unitReport(
    items: Items,
    reps: ColumnarReps,
    itemAssign: Int32Array,
    repMetrics: { repId: string; targets: Record<string, number> }[],
    stats: ContiguityStats,
    measures: string[],
    graphs: SegmentGraph[],
    unitPurity: number
): UnitReport {
    const k = reps.ids.length;
    const unitsByRep: Record<string, number> = {};
    for (const id of reps.ids) unitsByRep[id] = 0;
    const owner = Int32Array.from(items.nodeItem, (it) => itemAssign[it]!);
    for (let u = 0; u < owner.length; u++) unitsByRep[reps.ids[owner[u]!]!]!++;
    // contiguity, checked again on the final plan, per segment graph
    const notContiguous = new Set<string>();
    for (const { nodes, graph } of graphs) {
        const own = Int32Array.from(nodes, (u) => owner[u]!);
        const { compOwner } = componentsByOwner(graph, own);
        const pieces = new Int32Array(k);
        for (const r of compOwner) pieces[r]!++;
        for (let r = 0; r < k; r++) if (pieces[r]! > 1) notContiguous.add(reps.ids[r]!);
    }
    // the largest unit relative to its rep's target
    let largest = 0;
    const cols = measures.map((m) => measureColumn(items.acc, m)!);
    for (let u = 0; u < items.nodeItem.length; u++) {
        const it = items.nodeItem[u]!;
        const t = repMetrics[itemAssign[it]!]!.targets;
        measures.forEach((m, j) => {
            if (t[m]! > 0) largest = Math.max(largest, cols[j]![it]! / t[m]!);
        });
    }
    return {
        units: items.units,
        unitsByRep,
        namedAccounts: items.named,
        lockedAccounts: items.locked,
        withoutPostalCode: items.withoutPostal,
        contiguous: notContiguous.size === 0,
        notContiguous: [...notContiguous].sort(),
        unitPurity,
        largestUnitShare: largest,
        contiguity: stats
    };
}

/**
 * Share of the accounts in units (named and locked aside) whose unit's accounts all have one rep,
 * measured on the final account-level plan.
 */
function unitPurity(
    acc: ColumnarAccounts,
    reps: ColumnarReps,
    assign: Int32Array,
    input: UnitInput,
    items: Items
): number {
    const { accountGroup } = segmentGroups(acc, reps);
    const repOf = new Map<string, number>();
    const mixed = new Set<string>();
    const keys: string[] = [];
    for (let i = 0; i < acc.ids.length; i++) {
        const code = unitKey(input.postal[i] ?? '');
        // unit-bound: neither named nor holding its lock, and with a postal code
        if (code === '' || items.nodeOf[items.itemOf[i]!]! < 0) continue;
        const key = `${accountGroup[i]}\u0000${code}`;
        keys.push(key);
        const r = repOf.get(key);
        if (r === undefined) repOf.set(key, assign[i]!);
        else if (r !== assign[i]) mixed.add(key);
    }
    if (keys.length === 0) return 1;
    let pure = 0;
    for (const key of keys) if (!mixed.has(key)) pure++;
    return pure / keys.length;
}

/** Plans out of tolerance rank after every plan within it, then by travel and stay bonus. */
/**
 * The best contiguous plan from one start over the ways of balancing it (lexicographic, and the
 * travel + squared-excess penalty at two scales): which wins depends on the instance.
 */
function contiguousFrom(problem: UnitProblem, start: Int32Array): ContiguousPlan[] {
    return PENALTY_SCALES.map((mu) => {
        const plan = new ContiguousPlan(problem, Int32Array.from(start), mu);
        plan.run();
        return plan;
    });
}

/**
 * The plan kept among the candidates: by planKey, among those whose travel (plus stay bonus) is
 * at most CHOICE_TRAVEL_CAP × the cheapest candidate's. A candidate balanced by long detours
 * (one start can leave a variant far costlier before its balancing even begins) is not a plan
 * anyone would roll out, however close to the tolerance.
 */
function choosePlan(candidates: ContiguousPlan[], tol: number): ContiguousPlan {
    const cost = candidates.map((p) => p.totalCost());
    const cheapest = Math.min(...cost);
    let best = -1;
    candidates.forEach((p, i) => {
        if (cost[i]! > CHOICE_TRAVEL_CAP * cheapest + 1e-9) return;
        if (best < 0 || planKey(p, tol) < planKey(candidates[best]!, tol)) best = i;
    });
    return candidates[best]!;
}

/**
 * On the tuning families (uniform, metros-few, capacities; 300 × 6, 10 seeds) 1.10 and 1.20 kept
 * as many plans within 5 % as no cap (24 of 30), 1.05 one fewer (bench:units, 2026-12-06).
 */
const CHOICE_TRAVEL_CAP = 1.1;

/** 0: lexicographic balancing; the others: penalty balancing at that multiple of its scale. */
const PENALTY_SCALES = [0, 1, 4];

/**
 * Which plan is better: within the tolerance, the shorter one; beyond it, the one closer to it by
 * half a point or more, else the shorter (a hundredth of a point is not worth any travel).
 */
function planKey(plan: ContiguousPlan, tol: number): number {
    const dev = plan.maxDeviation();
    const beyond = dev > tol + WITHIN_EPS ? 1 + Math.ceil((dev - tol) / DEVIATION_STEP) : 0;
    return beyond * 1e15 + plan.totalCost();
}

/** Deviations beyond the tolerance compare in steps of half a point. */
const DEVIATION_STEP = 0.005;

interface SegmentGraph {
    /** the segment group */
    g: number;
    /** its graph nodes (indices into items.nodeItem) */
    nodes: number[];
    graph: UnitGraph;
}

/** The unit graph of each segment group (built once: the plan and the report both use it). */
function unitGraphs(items: Items): SegmentGraph[] {
    const bySegment = new Map<number, number[]>();
    items.nodeGroup.forEach((g, u) => {
        const list = bySegment.get(g);
        if (list) list.push(u);
        else bySegment.set(g, [u]);
    });
    return [...bySegment]
        .sort((x, y) => x[0] - y[0])
        .map(([g, nodes]) => ({
            g,
            nodes,
            graph: unitAdjacency(
                Float64Array.from(nodes, (u) => items.nodeLat[u]!),
                Float64Array.from(nodes, (u) => items.nodeLon[u]!)
            )
        }));
}
