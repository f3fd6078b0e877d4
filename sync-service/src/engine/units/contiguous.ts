/**
 * Contiguous territories over postal units (one segment): starting from the engine's plan of the
 * units, each rep's units are made one connected piece of the unit graph, then balance and
 * compactness are restored by moves along the borders that keep every territory connected.
 *
 * Every move is a unit changing owner between two reps that touch at that unit; a move is allowed
 * only when the giver stays connected (the receiver stays connected because the unit touches it).
 * Effort is counted in evaluated moves, never in time, so the result depends only on the input.
 */
import { kmFromDot, mulberry32 } from '../geo.js';
import { lpAvailable, solveTransportLp, type TransportLpInput } from '../lp/transport-lp.js';
import type { UnitGraph } from './graph.js';
import { componentsByOwner } from './graph.js';
import { lowerWorstStepwise } from '../worst-deviation.js';
import { WITHIN_EPS } from '../metrics.js';

export interface UnitProblem {
    /** units (graph nodes) */
    n: number;
    graph: UnitGraph;
    /** local reps */
    k: number;
    M: number;
    /** n × M measure sums of each unit's accounts (named and locked accounts excluded) */
    load: Float64Array;
    /** accounts per unit (its weight in travel and in moves) */
    tw: Float64Array;
    /** 3n unit vectors of the unit centroids */
    xyz: Float64Array;
    /** 3k home unit vectors; reps without a home use their territory's centroid */
    home: Float64Array;
    hasHome: Uint8Array;
    /** k × M targets */
    target: Float64Array;
    /** M: 1 where the measure is balanced in this segment */
    active: Uint8Array;
    /** k × M loads of the items placed outside the unit graph (named, locked, no postal code) */
    fixedLoad: Float64Array;
    /** the unit's current local rep (majority of its accounts), or −1 */
    cur: Int32Array;
    tolerance: number;
    /** 0 … 1: how much a move away from the current rep costs (see BalanceOptions) */
    disruptionWeight: number;
}

export interface ContiguityStats {
    strayPieces: number;
    strayUnits: number;
    balanceMoves: number;
    balanceSwaps: number;
    compactMoves: number;
    compactSwaps: number;
    /** pairs of touching territories whose units were split between them anew (exact LP) */
    pairSplits: number;
    evaluations: number;
    /** segments whose plan started from the weighted Voronoi diagram of the homes */
    voronoiStart: number;
    /** steps of the tabu balancing (when the greedy passes stalled outside the band) */
    tabuSteps: number;
    /** pairs of touching territories split anew over a random spanning tree (ditto) */
    treeSplits: number;
    /** the same, for travel on the chosen plan (treeCompact) */
    treeCompactions: number;
}

/** Typical number of evaluations per unit a stage may spend (counted work, not time). */
const WORK_PER_UNIT = 400;

/** Statistics before any work: every count 0. */
export function noContiguityWork(): ContiguityStats {
    return {
        strayPieces: 0,
        strayUnits: 0,
        balanceMoves: 0,
        balanceSwaps: 0,
        compactMoves: 0,
        compactSwaps: 0,
        pairSplits: 0,
        evaluations: 0,
        voronoiStart: 0,
        tabuSteps: 0,
        treeSplits: 0,
        treeCompactions: 0
    };
}

/** Evaluations per unit the tabu balancing may spend, and steps without a better plan it allows. */
const TABU_WORK_PER_UNIT = 4000;
const TABU_PATIENCE_PER_UNIT = 20;
const TABU_MAX_UNITS = 500;
/**
 * The tabu balancing keeps travel (plus stay bonus) within this multiple of the plan's at its
 * start: a plan balanced by a long detour is not one anyone would roll out. On the tuning
 * families (uniform, metros-few, capacities) 1.05 balanced more plans than no cap or 1.10,
 * and the worst travel stayed as before the tabu stage (bench:units, 2026-12-06).
 */
export const TABU_TRAVEL_CAP = 1.05;

/**
 * Merge–split over random spanning trees: evaluations per unit (capped at TREE_MAX_UNITS units'
 * worth), sweeps over the pairs, and trees drawn per unit of a pair (at least TREE_MIN_TREES).
 */
const TREE_WORK_PER_UNIT = 100_000;
const TREE_MAX_UNITS = 500;
const TREE_SWEEPS = 40;
/** travel caps of the merge–split, as multiples of its start, each for TREE_SWEEPS_PER_CAP sweeps */
const TREE_CAPS = [1.01, 1.02, TABU_TRAVEL_CAP];
const TREE_SWEEPS_PER_CAP = 12;
/**
 * Sweeps of the merge–split for travel over all touching pairs (on the tuning families, 300 × 6,
 * 10 seeds: mean travel / account-level plan 1.0955 → 1.0918 with 3 sweeps, no better with 10).
 */
const TREE_COMPACT_SWEEPS = 3;
/** its work per unit (a fifth of the balancing's: as short plans on the tuning families) */
const TREE_COMPACT_WORK_PER_UNIT = 20_000;
const TREE_TREES_PER_UNIT = 8;
const TREE_MIN_TREES = 64;
const TREE_MAX_TREES = 512;

/** Rounds of pair re-splits (each followed by a compaction pass). */
const PAIR_ROUNDS = 3;

export class ContiguousPlan {
    private readonly p: UnitProblem;
    private readonly penaltyMu: number;
    readonly owner: Int32Array;
    private readonly repLoad: Float64Array;
    private readonly unitsOf: Int32Array;
    private centres: Float64Array;
    private readonly mark: Int32Array;
    private stamp = 0;
    private readonly stack: number[] = [];
    readonly stats: ContiguityStats = noContiguityWork();
    private budget: number;
    /** km a unit's account saves by staying with its current rep (fewest-changes end) */
    private readonly stayKm: number;
    /** travel plus stay bonus when the balancing beyond border moves began (the cap's base) */
    private capBase = -1;

    /**
     * @param penaltyMu 0: balance lexicographically (worst violation first); > 0: first by
     *   travel + μ · squared excess with μ starting at this many times its natural scale
     */
    constructor(p: UnitProblem, owner: Int32Array, penaltyMu = 0) {
        this.p = p;
        this.penaltyMu = penaltyMu;
        this.owner = owner;
        this.repLoad = new Float64Array(p.k * p.M);
        this.unitsOf = new Int32Array(p.k);
        this.mark = new Int32Array(p.n);
        this.recomputeLoads();
        this.centres = this.computeCentres();
        this.budget = WORK_PER_UNIT * Math.max(p.n, 50);
        this.stayKm = this.stayBonus();
    }

    /** The whole procedure: connected pieces, balance, then compactness and balance again. */
    run(): void {
        this.joinStrayPieces();
        if (this.penaltyMu > 0) this.penaltyRebalance();
        this.rebalance();
        this.treeBalance(0.95 * this.p.tolerance);
        this.tabuBalance(0.95 * this.p.tolerance);
        for (let pass = 0; pass < 4; pass++) {
            this.centres = this.computeCentres();
            const moved = this.compact();
            if (moved === 0) break;
        }
        this.rebalance();
    }

    /**
     * Out of tolerance (a named account above its rep's whole target, units too coarse): lowers
     * the worst deviation step by step (lowerWorstStepwise), each step border moves and swaps
     * toward a band just under it, so every territory stays one piece. The plan changes only if
     * it gets within the tolerance or its worst deviation falls by at least `minGain` (it costs
     * travel). Each call may spend WORK_PER_UNIT per unit of its own; the plan's budget is left as
     * it was.
     */
    lowerWorst(minGain: number): void {
        const tol = this.p.tolerance;
        if (this.maxDeviation() <= tol + WITHIN_EPS) return;
        const saved = this.budget;
        this.budget = WORK_PER_UNIT * Math.max(this.p.n, 50);
        lowerWorstStepwise(
            {
                assign: this.owner,
                worst: () => this.maxDeviation(),
                step: (band) => this.rebalance(band),
                mayStep: () => this.budget > 0,
                reload: () => this.recomputeLoads()
            },
            tol,
            minGain
        );
        this.budget = saved;
    }

    /**
     * Merge–splits for travel (treeCompact), then pair re-splits, each round followed by a
     * compaction pass (run on the chosen plan only: each pair is an LP). Returns the pairs split
     * anew.
     */
    improveByPairs(): number {
        let total = this.treeCompact();
        for (let round = 0; round < PAIR_ROUNDS; round++) {
            const changed = this.resplitPairs();
            total += changed;
            if (changed === 0) break;
            this.centres = this.computeCentres();
            this.compact();
        }
        return total;
    }

    /** Travel plus stay bonus of the plan (what the border moves minimise). */
    totalCost(): number {
        let t = 0;
        for (let u = 0; u < this.p.n; u++) t += this.cost(u, this.owner[u]!);
        return t;
    }

    maxDeviation(): number {
        let d = 0;
        for (let r = 0; r < this.p.k; r++) d = Math.max(d, this.deviation(r));
        return d;
    }

    deviation(r: number): number {
        const { M, target, active } = this.p;
        let d = 0;
        for (let m = 0; m < M; m++) {
            if (!active[m]) continue;
            const t = target[r * M + m]!;
            if (t > 0) d = Math.max(d, Math.abs(this.repLoad[r * M + m]! / t - 1));
        }
        return d;
    }

    private recomputeLoads(): void {
        const { n, M, load, fixedLoad } = this.p;
        this.repLoad.set(fixedLoad);
        this.unitsOf.fill(0);
        for (let u = 0; u < n; u++) {
            const r = this.owner[u]!;
            this.unitsOf[r]!++;
            for (let m = 0; m < M; m++) this.repLoad[r * M + m]! += load[u * M + m]!;
        }
    }

    private computeCentres(): Float64Array {
        const { n, k, xyz, home, hasHome, tw } = this.p;
        const c = new Float64Array(3 * k);
        for (let u = 0; u < n; u++) {
            const r = this.owner[u]!;
            for (let d = 0; d < 3; d++) c[3 * r + d]! += tw[u]! * xyz[3 * u + d]!;
        }
        for (let r = 0; r < k; r++) {
            if (hasHome[r]) {
                for (let d = 0; d < 3; d++) c[3 * r + d] = home[3 * r + d]!;
                continue;
            }
            const len = Math.hypot(c[3 * r]!, c[3 * r + 1]!, c[3 * r + 2]!);
            if (len > 1e-12) for (let d = 0; d < 3; d++) c[3 * r + d] = c[3 * r + d]! / len;
        }
        return c;
    }

    /** The stay bonus in km per account: none for a fresh plan, up to the plan's scale. */
    private stayBonus(): number {
        const { n, cur, disruptionWeight } = this.p;
        let withCur = 0;
        for (let u = 0; u < n; u++) if (cur[u]! >= 0) withCur++;
        if (withCur === 0 || disruptionWeight <= 0) return 0;
        // the mean km of an account to its own centre: a move must save that much per account
        // at the fewest-changes end to be worth it
        let km = 0;
        let w = 0;
        for (let u = 0; u < n; u++) {
            km += this.p.tw[u]! * this.km(u, this.owner[u]!);
            w += this.p.tw[u]!;
        }
        return disruptionWeight * 4 * (w > 0 ? km / w : 0);
    }

    private km(u: number, r: number): number {
        const { xyz } = this.p;
        const c = this.centres;
        return kmFromDot(
            xyz[3 * u]! * c[3 * r]! +
                xyz[3 * u + 1]! * c[3 * r + 1]! +
                xyz[3 * u + 2]! * c[3 * r + 2]!
        );
    }

    /** Travel plus stay bonus of unit u with rep r. */
    private cost(u: number, r: number): number {
        const { tw, cur } = this.p;
        const stay = cur[u]! >= 0 && cur[u] !== r ? this.stayKm : 0;
        return tw[u]! * (this.km(u, r) + stay);
    }

    /** Violation of rep r beyond the band, with `sign` × unit u's load added. */
    private viol(r: number, u: number, sign: number, band: number): number {
        const { M, target, active, load } = this.p;
        let v = 0;
        for (let m = 0; m < M; m++) {
            if (!active[m]) continue;
            const t = target[r * M + m]!;
            if (!(t > 0)) continue;
            const l = this.repLoad[r * M + m]! + (u >= 0 ? sign * load[u * M + m]! : 0);
            v += Math.max(0, Math.abs(l / t - 1) - band);
        }
        return v;
    }

    /** Sum of squared relative deviations of rep r, with `sign` × unit u's load added. */
    private spread(r: number, u: number, sign: number): number {
        const { M, target, active, load } = this.p;
        let s = 0;
        for (let m = 0; m < M; m++) {
            if (!active[m]) continue;
            const t = target[r * M + m]!;
            if (!(t > 0)) continue;
            const l = this.repLoad[r * M + m]! + (u >= 0 ? sign * load[u * M + m]! : 0);
            s += (l / t - 1) ** 2;
        }
        return s;
    }

    private move(u: number, to: number): void {
        const { M, load } = this.p;
        const from = this.owner[u]!;
        for (let m = 0; m < M; m++) {
            this.repLoad[from * M + m]! -= load[u * M + m]!;
            this.repLoad[to * M + m]! += load[u * M + m]!;
        }
        this.unitsOf[from]!--;
        this.unitsOf[to]!++;
        this.owner[u] = to;
    }

    /**
     * The loads as if unit u (of a) and unit v (of b) swapped reps (sign 1), or back (sign −1);
     * owners stay as they are.
     */
    private shiftSwap(u: number, a: number, v: number, b: number, sign: number): void {
        const { M, load } = this.p;
        for (let m = 0; m < M; m++) {
            const d = sign * (load[v * M + m]! - load[u * M + m]!);
            this.repLoad[a * M + m]! += d;
            this.repLoad[b * M + m]! -= d;
        }
    }

    /**
     * A rep without units (a start can leave one: the weighted Voronoi cell of a home may hold no
     * unit centroid) could never get one, as units only pass between touching territories. It
     * takes the unit nearest its home (or, without one, a unit of the rep with the most), from a
     * rep that keeps another; the pieces that leaves behind are joined again next.
     */
    private seedEmptyReps(): void {
        const { n, k, hasHome } = this.p;
        for (let r = 0; r < k; r++) {
            if (this.unitsOf[r]! > 0) continue;
            let best = -1;
            let bestKey = Infinity;
            for (let u = 0; u < n; u++) {
                const owner = this.owner[u]!;
                if (this.unitsOf[owner]! <= 1) continue;
                const key = hasHome[r] ? this.km(u, r) : -this.unitsOf[owner]!;
                if (key < bestKey) {
                    bestKey = key;
                    best = u;
                }
            }
            if (best >= 0) this.move(best, r);
        }
    }

    /** Would rep r's units stay one connected piece without unit `out` (and with `extra`)? */
    private connectedWithout(r: number, out: number, extra = -1): boolean {
        const { graph } = this.p;
        const size = this.unitsOf[r]! - 1 + (extra >= 0 ? 1 : 0);
        if (size <= 0) return false;
        const inR = (v: number): boolean => v !== out && (this.owner[v] === r || v === extra);
        // start from a neighbour of `out` inside r: every remaining piece must touch `out`
        let s = -1;
        for (let e = graph.start[out]!; e < graph.start[out + 1]!; e++) {
            const v = graph.adj[e]!;
            if (inR(v)) {
                s = v;
                break;
            }
        }
        if (s < 0) return false;
        const seen = this.reach(s, inR);
        this.stats.evaluations += seen;
        return seen === size;
    }

    /** How many units `inside` accepts are reachable from unit s through such units (s counted). */
    private reach(s: number, inside: (v: number) => boolean): number {
        const { graph } = this.p;
        const stamp = ++this.stamp;
        const stack = this.stack;
        stack.length = 0;
        stack.push(s);
        this.mark[s] = stamp;
        let seen = 0;
        while (stack.length > 0) {
            const a = stack.pop()!;
            seen++;
            for (let e = graph.start[a]!; e < graph.start[a + 1]!; e++) {
                const v = graph.adj[e]!;
                if (this.mark[v] !== stamp && inside(v)) {
                    this.mark[v] = stamp;
                    stack.push(v);
                }
            }
        }
        return seen;
    }

    /**
     * Each rep keeps its largest connected piece (by accounts); the units of every other piece are
     * handed out again by growing the territories into them: the least-filled territory touching
     * a free unit takes its nearest free unit, until none is left. Growing keeps every territory
     * one piece and spreads a stray piece over its neighbours instead of loading one of them.
     */
    private joinStrayPieces(): void {
        const { n, k, M, graph, tw, load } = this.p;
        this.seedEmptyReps();
        const { comp, compOwner } = componentsByOwner(graph, this.owner);
        const weight = new Float64Array(compOwner.length);
        for (let u = 0; u < n; u++) weight[comp[u]!]! += tw[u]!;
        const main = new Int32Array(k).fill(-1);
        for (let c = 0; c < compOwner.length; c++) {
            const r = compOwner[c]!;
            if (main[r]! < 0 || weight[c]! > weight[main[r]!]!) main[r] = c;
        }
        const free = new Uint8Array(n);
        let left = 0;
        for (let u = 0; u < n; u++) {
            const r = this.owner[u]!;
            if (main[r] === comp[u]) continue;
            free[u] = 1;
            left++;
            this.unitsOf[r]!--;
            for (let m = 0; m < M; m++) this.repLoad[r * M + m]! -= load[u * M + m]!;
        }
        if (left === 0) return;
        for (let c = 0; c < compOwner.length; c++)
            if (main[compOwner[c]!] !== c) this.stats.strayPieces++;
        this.stats.strayUnits += left;
        // frontier: free units touching each territory (stale entries are skipped when read)
        const frontier: number[][] = Array.from({ length: k }, () => []);
        for (let u = 0; u < n; u++) {
            if (!free[u]) continue;
            for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                const v = graph.adj[e]!;
                if (!free[v]) frontier[this.owner[v]!]!.push(u);
            }
        }
        while (left > 0) {
            let best = -1;
            let bestFill = Infinity;
            for (let r = 0; r < k; r++) {
                const f = frontier[r]!;
                while (f.length > 0 && !free[f[f.length - 1]!]) f.pop();
                if (f.length === 0) continue;
                const fill = this.fill(r);
                if (fill < bestFill) {
                    bestFill = fill;
                    best = r;
                }
            }
            if (best < 0) break;
            // its nearest free frontier unit
            const f = frontier[best]!;
            let bu = -1;
            let bd = Infinity;
            for (const u of f) {
                if (!free[u]) continue;
                const d = this.km(u, best);
                if (d < bd || (d === bd && u < bu)) [bu, bd] = [u, d];
            }
            free[bu] = 0;
            left--;
            this.owner[bu] = best;
            this.unitsOf[best]!++;
            for (let m = 0; m < M; m++) this.repLoad[best * M + m]! += load[bu * M + m]!;
            for (let e = graph.start[bu]!; e < graph.start[bu + 1]!; e++) {
                const v = graph.adj[e]!;
                if (free[v]) f.push(v);
            }
        }
    }

    /** How full rep r is: the mean over the balanced measures of load / target. */
    private fill(r: number): number {
        const { M, target, active } = this.p;
        let s = 0;
        let c = 0;
        for (let m = 0; m < M; m++) {
            const t = target[r * M + m]!;
            if (!active[m] || !(t > 0)) continue;
            s += this.repLoad[r * M + m]! / t;
            c++;
        }
        return c > 0 ? s / c : 0;
    }

    /**
     * Border moves that lower the violation beyond `band` (0.95 × tolerance unless lowerWorst
     * asks for less; ties: the smaller spread of deviations, then travel); when no move lowers it,
     * moves that even out the deviations between two neighbours without raising it let load flow
     * towards reps with room.
     */
    rebalance(band = 0.95 * this.p.tolerance): number {
        let moves = 0;
        for (let round = 0; round < 400; round++) {
            let changed = this.borderPass(band, false);
            if (this.totalViolation(band) === 0) {
                moves += changed;
                break;
            }
            if (changed === 0 || round >= 8) changed += this.swapPass(band);
            // when local moves stall, let load flow through the reps within the band towards
            // those out of it (diffusion costs travel, so it waits for the local moves)
            if (changed === 0 || round >= 8) changed += this.borderPass(band, true);
            moves += changed;
            if (changed === 0 || this.budget <= 0) break;
        }
        this.stats.balanceMoves += moves;
        return moves;
    }

    /**
     * When the border moves leave reps outside the band: merge–split of touching territories
     * over random spanning trees (the ReCom step of DeFord, Duchin and Solomon, "Recombination: a
     * family of Markov chains for redistricting", 2021). The units of two touching reps form one
     * connected piece; cutting one edge of a spanning tree of that piece splits it into two
     * connected pieces, and every split of the piece into two connected halves is the cut of some
     * spanning tree. Many random trees, each cut evaluated in O(measures) from subtree sums, find
     * the split of the pair with the least violation beyond the band (then the least travel plus
     * stay bonus): whole stretches of border at once, where single moves of coarse units
     * overshoot. The other reps are untouched, so every territory stays one piece. (Chains of
     * three reps cut in three, two edges per tree, balanced no more plans on the tuning
     * families, at twice the time.) A pair's split is replaced only by a
     * strictly better one; travel may grow by at most 1 %, then 2 %, then TABU_TRAVEL_CAP over
     * the plan's at the start. Trees come from a seeded PRNG and the work is counted, so the plan
     * depends only on the input. Returns the pairs split anew.
     */
    treeBalance(band: number): number {
        const { n, k } = this.p;
        if (k < 2 || this.totalViolation(band) === 0) return 0;
        if (this.maxDeviation() <= this.p.tolerance + WITHIN_EPS) return 0;
        let work = TREE_WORK_PER_UNIT * Math.min(Math.max(n, 50), TREE_MAX_UNITS);
        const rnd = mulberry32(0x7e5e + n * 31 + k);
        const loc = new Int32Array(n).fill(-1);
        let cost = this.totalCost();
        if (this.capBase < 0) this.capBase = cost;
        let changed = 0;
        const lists = this.unitLists();
        for (let sweep = 0; sweep < TREE_SWEEPS && work > 0; sweep++) {
            const stage = Math.min(TREE_CAPS.length - 1, Math.floor(sweep / TREE_SWEEPS_PER_CAP));
            const maxCost = TREE_CAPS[stage]! * this.capBase;
            const repViol = Float64Array.from({ length: k }, (_, r) => this.viol(r, -1, 0, band));
            let improved = 0;
            for (const [a, b] of this.treePairs(repViol)) {
                if (work <= 0) break;
                if (this.viol(a, -1, 0, band) + this.viol(b, -1, 0, band) === 0) continue;
                const { spent, split } = this.treeSplit(
                    a,
                    b,
                    lists,
                    band,
                    rnd,
                    loc,
                    maxCost - cost
                );
                // its own budget: the border stages after it keep theirs
                work -= spent;
                this.stats.evaluations += spent;
                if (split) {
                    improved++;
                    cost = this.totalCost();
                }
            }
            changed += improved;
            if (this.totalViolation(band) === 0) break;
            if (improved > 0) continue;
            if (stage === TREE_CAPS.length - 1) break;
            sweep = (stage + 1) * TREE_SWEEPS_PER_CAP - 1;
        }
        this.stats.treeSplits += changed;
        return changed;
    }

    /**
     * Merge–split for travel: every pair of touching territories is cut anew over random spanning
     * trees (as in treeBalance) and the split kept when it is shorter (travel plus stay bonus)
     * and no rep ends further beyond the band. Returns the pairs split anew.
     */
    treeCompact(): number {
        const { n, k } = this.p;
        if (k < 2) return 0;
        const band = 0.95 * this.p.tolerance;
        let work = TREE_COMPACT_WORK_PER_UNIT * Math.min(Math.max(n, 50), TREE_MAX_UNITS);
        const rnd = mulberry32(0xc0c0 + n * 31 + k);
        const loc = new Int32Array(n).fill(-1);
        let changed = 0;
        const lists = this.unitLists();
        for (let sweep = 0; sweep < TREE_COMPACT_SWEEPS && work > 0; sweep++) {
            let improved = 0;
            for (const [a, b] of this.treePairs()) {
                if (work <= 0) break;
                const { spent, split } = this.treeSplit(a, b, lists, band, rnd, loc, 0);
                work -= spent;
                this.stats.evaluations += spent;
                if (split) improved++;
            }
            changed += improved;
            if (improved === 0) break;
        }
        this.stats.treeCompactions += changed;
        return changed;
    }

    /** Each rep's units, ascending. */
    private unitLists(): number[][] {
        const lists = Array.from({ length: this.p.k }, (): number[] => []);
        for (let u = 0; u < this.p.n; u++) lists[this.owner[u]!]!.push(u);
        return lists;
    }

    /**
     * Pairs of touching reps, in a fixed order; with `repViol`, only those with a rep outside the
     * band (repViol > 0).
     */
    private treePairs(repViol?: Float64Array): [number, number][] {
        const { n, k, graph } = this.p;
        const pairs = new Set<number>();
        for (let u = 0; u < n; u++) {
            const a = this.owner[u]!;
            for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                const b = this.owner[graph.adj[e]!]!;
                if (a < b && (!repViol || repViol[a]! > 0 || repViol[b]! > 0)) pairs.add(a * k + b);
            }
        }
        return [...pairs]
            .sort((x, y) => x - y)
            .map((key): [number, number] => [(key / k) | 0, key % k]);
    }

    /**
     * One merge–split of the touching reps a and b (see treeBalance): their units, split by
     * cutting one edge of random spanning trees, each side to one of the two. Keeps the best split
     * found when it is better than the current one and costs at most `room` more.
     */
    private treeSplit(
        a: number,
        b: number,
        lists: number[][],
        band: number,
        rnd: () => number,
        loc: Int32Array,
        room: number
    ): { spent: number; split: boolean } {
        const { M, graph, load, fixedLoad, target, active } = this.p;
        const units = lists[a]!.concat(lists[b]!).sort((x, y) => x - y);
        const nu = units.length;
        if (nu < 2) return { spent: 1, split: false };
        units.forEach((u, i) => (loc[u] = i));
        const eu: number[] = [];
        const ev: number[] = [];
        for (let i = 0; i < nu; i++) {
            const u = units[i]!;
            for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                const j = loc[graph.adj[e]!]!;
                if (j > i) {
                    eu.push(i);
                    ev.push(j);
                }
            }
        }
        for (const u of units) loc[u] = -1;
        const E = eu.length;
        const costA = new Float64Array(nu);
        const costB = new Float64Array(nu);
        let totA = 0;
        let totB = 0;
        let c0 = 0;
        const total = new Float64Array(M);
        for (let i = 0; i < nu; i++) {
            const u = units[i]!;
            costA[i] = this.cost(u, a);
            costB[i] = this.cost(u, b);
            totA += costA[i]!;
            totB += costB[i]!;
            c0 += this.owner[u] === a ? costA[i]! : costB[i]!;
            for (let m = 0; m < M; m++) total[m]! += load[u * M + m]!;
        }
        const v0 = this.viol(a, -1, 0, band) + this.viol(b, -1, 0, band);
        const d0 = Math.max(band, this.deviation(a), this.deviation(b));
        // per node of a tree: subtree loads and subtree costs with a and with b
        const sub = new Float64Array(nu * M);
        const subA = new Float64Array(nu);
        const subB = new Float64Array(nu);
        // violation beyond the band and worst deviation of rep r holding the subtree of node x
        // (inSub) or the rest of the pair's units
        let evalV = 0;
        let evalD = 0;
        const evalRep = (r: number, x: number, inSub: boolean): void => {
            evalV = 0;
            evalD = 0;
            for (let m = 0; m < M; m++) {
                if (!active[m]) continue;
                const t = target[r * M + m]!;
                if (!(t > 0)) continue;
                const sx = sub[x * M + m]!;
                const dev = Math.abs(
                    (fixedLoad[r * M + m]! + (inSub ? sx : total[m]! - sx)) / t - 1
                );
                evalV += Math.max(0, dev - band);
                if (dev > evalD) evalD = dev;
            }
        };
        const trees = Math.min(TREE_MAX_TREES, Math.max(TREE_MIN_TREES, TREE_TREES_PER_UNIT * nu));
        const order = new Int32Array(E);
        const key = new Float64Array(E);
        const parent = new Int32Array(nu);
        const uf = new Int32Array(nu);
        const find = (x: number): number => {
            while (uf[x] !== x) {
                uf[x] = uf[uf[x]!]!;
                x = uf[x]!;
            }
            return x;
        };
        const tHead = new Int32Array(nu);
        const tNext = new Int32Array(2 * nu);
        const tTo = new Int32Array(2 * nu);
        const pre = new Int32Array(nu);
        const stack: number[] = [];
        let bestV = v0;
        let bestC = c0;
        // 1 where the unit goes to a in the best split
        let best: Uint8Array | null = null;
        let spent = nu;
        for (let t = 0; t < trees; t++) {
            spent += nu + E + 2 * M * nu;
            // a random spanning tree: Kruskal on random edge keys
            for (let e = 0; e < E; e++) {
                order[e] = e;
                key[e] = rnd();
            }
            order.sort((x, y) => key[x]! - key[y]! || x - y);
            for (let i = 0; i < nu; i++) uf[i] = i;
            tHead.fill(-1);
            let te = 0;
            for (let q = 0; q < E && te < 2 * (nu - 1); q++) {
                const e = order[q]!;
                const x = find(eu[e]!);
                const y = find(ev[e]!);
                if (x === y) continue;
                uf[x] = y;
                tTo[te] = ev[e]!;
                tNext[te] = tHead[eu[e]!]!;
                tHead[eu[e]!] = te++;
                tTo[te] = eu[e]!;
                tNext[te] = tHead[ev[e]!]!;
                tHead[ev[e]!] = te++;
            }
            // not one piece: cannot happen, both territories are connected and touch
            if (te < 2 * (nu - 1)) return { spent, split: false };
            // preorder from node 0, then subtree sums from the leaves up
            let np = 0;
            stack.length = 0;
            stack.push(0);
            parent[0] = -1;
            while (stack.length > 0) {
                const x = stack.pop()!;
                pre[np++] = x;
                for (let h = tHead[x]!; h >= 0; h = tNext[h]!) {
                    const y = tTo[h]!;
                    if (y === parent[x]) continue;
                    parent[y] = x;
                    stack.push(y);
                }
            }
            for (let i = 0; i < nu; i++) {
                subA[i] = costA[i]!;
                subB[i] = costB[i]!;
                for (let m = 0; m < M; m++) sub[i * M + m] = load[units[i]! * M + m]!;
            }
            for (let q = nu - 1; q > 0; q--) {
                const x = pre[q]!;
                const p = parent[x]!;
                subA[p]! += subA[x]!;
                subB[p]! += subB[x]!;
                for (let m = 0; m < M; m++) sub[p * M + m]! += sub[x * M + m]!;
            }
            // cut the edge above x: its subtree to a (side 0) or to b (side 1), the rest to the other
            let cutX = -1;
            let cutSide = 0;
            for (let q = 1; q < nu; q++) {
                const x = pre[q]!;
                for (let side = 0; side < 2; side++) {
                    const c = side === 0 ? subA[x]! + totB - subB[x]! : subB[x]! + totA - subA[x]!;
                    if (c - c0 > room) continue;
                    evalRep(a, x, side === 0);
                    const [va, da] = [evalV, evalD];
                    evalRep(b, x, side === 1);
                    const v = va + evalV;
                    if (Math.max(da, evalD) > d0 + 1e-12) continue;
                    const lessViolation = v < bestV - 1e-12;
                    const cheaper = v <= bestV + 1e-12 && c < bestC - 1e-9 * Math.max(1, bestC);
                    if (!lessViolation && !cheaper) continue;
                    bestV = v;
                    bestC = c;
                    cutX = x;
                    cutSide = side;
                }
            }
            if (cutX < 0) continue;
            best = new Uint8Array(nu).fill(cutSide === 0 ? 0 : 1);
            stack.length = 0;
            stack.push(cutX);
            while (stack.length > 0) {
                const x = stack.pop()!;
                best[x] = cutSide === 0 ? 1 : 0;
                for (let h = tHead[x]!; h >= 0; h = tNext[h]!) {
                    const y = tTo[h]!;
                    if (y !== parent[x]) stack.push(y);
                }
            }
        }
        if (!best) return { spent, split: false };
        for (let i = 0; i < nu; i++) {
            const to = best[i] ? a : b;
            if (this.owner[units[i]!] !== to) this.move(units[i]!, to);
        }
        lists[a] = units.filter((u) => this.owner[u] === a);
        lists[b] = units.filter((u) => this.owner[u] === b);
        return { spent, split: true };
    }

    /**
     * When the greedy passes stall outside the band: a tabu search over border moves on the total
     * violation (Glover's short-term memory). Each step makes the best move that keeps the giver
     * connected, even one that makes things worse; a unit may not go back to the rep it left for
     * a few steps unless that gives the best plan yet; the best plan seen (least violation, then
     * least travel) is kept. Ties go to the move that evens out the deviations most, then to the
     * shorter. Deterministic: steps and evaluations are counted, never time. Returns the steps.
     */
    private tabuBalance(band: number): number {
        const { n, k, graph } = this.p;
        let violation = this.totalViolation(band);
        // a plan within the tolerance is left as it is (balancing it further costs travel)
        if (violation === 0 || k < 2 || this.maxDeviation() <= this.p.tolerance + WITHIN_EPS)
            return 0;
        let cost = this.totalCost();
        let bestViolation = violation;
        let bestCost = cost;
        const bestOwner = Int32Array.from(this.owner);
        if (this.capBase < 0) this.capBase = cost;
        const maxCost = TABU_TRAVEL_CAP * this.capBase;
        // per (unit, rep it may not go back to): the step until which that holds
        const tabuUntil = new Map<number, number>();
        // per edge e of the unit graph (u → v): the move of u to v's rep, evaluated at step
        // evaluatedAt[e]; it is still right while neither rep has changed load since (travel: the
        // centres stay put). Per edge, not per unit × rep: memory stays linear in the units.
        const E = graph.adj.length;
        const from = new Int32Array(E);
        for (let u = 0; u < n; u++) from.fill(u, graph.start[u]!, graph.start[u + 1]!);
        const dV = new Float64Array(E);
        const dS = new Float64Array(E);
        const dC = new Float64Array(E);
        const evaluatedAt = new Int32Array(E).fill(-1);
        const changedAt = new Int32Array(k).fill(-1);
        const repViol = new Float64Array(k);
        const repSpread = new Float64Array(k);
        for (let r = 0; r < k; r++) {
            repViol[r] = this.viol(r, -1, 0, band);
            repSpread[r] = this.spread(r, -1, 0);
        }
        const blocked = new Uint8Array(E);
        const tried: number[] = [];
        // each rep's units as a linked list, so a step reads only the units of reps outside the
        // band and their neighbours (at 100k accounts the other units are nearly all)
        const head = new Int32Array(k).fill(-1);
        const next = new Int32Array(n).fill(-1);
        const prev = new Int32Array(n).fill(-1);
        const link = (u: number, r: number): void => {
            prev[u] = -1;
            next[u] = head[r]!;
            if (head[r]! >= 0) prev[head[r]!] = u;
            head[r] = u;
        };
        const unlink = (u: number, r: number): void => {
            if (prev[u]! >= 0) next[prev[u]!] = next[u]!;
            else head[r] = next[u]!;
            if (next[u]! >= 0) prev[next[u]!] = prev[u]!;
        };
        for (let u = n - 1; u >= 0; u--) link(u, this.owner[u]!);
        const seenAt = new Int32Array(n).fill(-1);
        const active: number[] = [];
        // (bounded at TABU_MAX_UNITS units' worth: a plan is made of six runs, and at 100k
        // accounts (16k units) with a tolerance the units cannot reach, 2,000 units' worth added
        // 33 s to a 17 s plan and balanced nothing; mid-size plans, ~310 units, are unaffected)
        let work = TABU_WORK_PER_UNIT * Math.min(Math.max(n, 50), TABU_MAX_UNITS);
        const patience = TABU_PATIENCE_PER_UNIT * Math.min(Math.max(n, 50), TABU_MAX_UNITS);
        let steps = 0;
        let sinceBest = 0;
        while (work > 0 && sinceBest < patience) {
            let made = false;
            // the units a useful move can start from: those of reps outside the band (moves out)
            // and their neighbours (moves in), in unit order
            active.length = 0;
            for (let r = 0; r < k; r++) {
                if (repViol[r] === 0) continue;
                for (let u = head[r]!; u >= 0; u = next[u]!) {
                    if (seenAt[u] !== steps) {
                        seenAt[u] = steps;
                        active.push(u);
                    }
                    for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                        const v = graph.adj[e]!;
                        if (seenAt[v] !== steps) {
                            seenAt[v] = steps;
                            active.push(v);
                        }
                    }
                }
            }
            active.sort((x, y) => x - y);
            work -= active.length >> 3;
            // the best allowed move (ties: evens out most, shorter, lower unit, lower rep); one
            // whose giver would fall apart is blocked for this step and the next best is taken
            for (;;) {
                let best = -1;
                let scanned = 0;
                for (const u of active) {
                    const a = this.owner[u]!;
                    if (this.unitsOf[a]! <= 1) continue;
                    let checked = -1;
                    for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                        const b = this.owner[graph.adj[e]!]!;
                        if (b === a || b === checked) continue;
                        checked = b;
                        scanned++;
                        // only moves from or to a rep outside the band: load flows out of the
                        // reps that have too much, or into those that have too little, and a
                        // neighbour pushed out of the band passes it on
                        if (repViol[a] === 0 && repViol[b] === 0) continue;
                        if (blocked[e]) continue;
                        const at = evaluatedAt[e]!;
                        if (at < 0 || at <= changedAt[a]! || at <= changedAt[b]!) {
                            work--;
                            this.stats.evaluations++;
                            dV[e] =
                                this.viol(a, u, -1, band) +
                                this.viol(b, u, 1, band) -
                                repViol[a]! -
                                repViol[b]!;
                            dS[e] =
                                this.spread(a, u, -1) +
                                this.spread(b, u, 1) -
                                repSpread[a]! -
                                repSpread[b]!;
                            dC[e] = this.cost(u, b) - this.cost(u, a);
                            evaluatedAt[e] = steps;
                        }
                        // travel may not grow beyond TABU_TRAVEL_CAP × the plan's at the start
                        if (cost + dC[e]! > maxCost) continue;
                        // aspiration: a tabu move is allowed when it gives the best plan yet
                        if (
                            (tabuUntil.get(u * k + b) ?? -1) > steps &&
                            !(violation + dV[e]! < bestViolation - 1e-12)
                        )
                            continue;
                        if (best < 0 || this.tabuBefore(e, best, dV, dS, dC, from)) best = e;
                    }
                }
                work -= scanned >> 3;
                if (best < 0) break;
                const u = from[best]!;
                const b = this.owner[graph.adj[best]!]!;
                const a = this.owner[u]!;
                work -= this.unitsOf[a]!;
                if (!this.connectedWithout(a, u)) {
                    // every edge of u into b is the same move
                    for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                        if (this.owner[graph.adj[e]!] !== b) continue;
                        blocked[e] = 1;
                        tried.push(e);
                    }
                    if (work <= 0) break;
                    continue;
                }
                cost += dC[best]!;
                this.move(u, b);
                unlink(u, a);
                link(u, b);
                // tenure 4…10 steps, varied so that cycles of one length cannot repeat
                tabuUntil.set(u * k + a, steps + 4 + ((steps * 7 + u) % 7));
                changedAt[a] = steps;
                changedAt[b] = steps;
                for (const r of [a, b]) {
                    repViol[r] = this.viol(r, -1, 0, band);
                    repSpread[r] = this.spread(r, -1, 0);
                }
                made = true;
                break;
            }
            for (const e of tried) blocked[e] = 0;
            tried.length = 0;
            if (!made) break;
            steps++;
            sinceBest++;
            violation = 0;
            for (let r = 0; r < k; r++) violation += repViol[r]!;
            if (violation < bestViolation - 1e-12) {
                bestViolation = violation;
                bestCost = cost;
                bestOwner.set(this.owner);
                sinceBest = 0;
                if (violation === 0) break;
            } else if (violation < bestViolation + 1e-12 && cost < bestCost) {
                bestCost = cost;
                bestOwner.set(this.owner);
            }
        }
        for (let u = 0; u < n; u++) if (this.owner[u] !== bestOwner[u]) this.move(u, bestOwner[u]!);
        this.stats.tabuSteps += steps;
        return steps;
    }

    /** Tabu move order of edges x, y: less violation, evens out more, shorter, lower unit, lower rep. */
    private tabuBefore(
        x: number,
        y: number,
        dV: Float64Array,
        dS: Float64Array,
        dC: Float64Array,
        from: Int32Array
    ): boolean {
        const v = dV[x]! - dV[y]!;
        if (Math.abs(v) > 1e-12) return v < 0;
        if (dS[x] !== dS[y]) return dS[x]! < dS[y]!;
        if (dC[x] !== dC[y]) return dC[x]! < dC[y]!;
        if (from[x] !== from[y]) return from[x]! < from[y]!;
        const { adj } = this.p.graph;
        return this.owner[adj[x]!]! < this.owner[adj[y]!]!;
    }

    /**
     * Balance by border moves that minimise travel + μ · Σ (deviation beyond the band)², μ doubling
     * from one account's mean km per unit of a target: large deviations shrink first and through
     * cheap moves, where the lexicographic `rebalance` takes whatever move lowers the worst
     * violation most. Returns the moves made.
     */
    private penaltyRebalance(): number {
        const { n, k, tw } = this.p;
        const band = 0.95 * this.p.tolerance;
        let accounts = 0;
        let km = 0;
        for (let u = 0; u < n; u++) {
            accounts += tw[u]!;
            km += this.cost(u, this.owner[u]!);
        }
        if (accounts <= 0) return 0;
        let mu = (km / accounts) * (accounts / k) * this.penaltyMu;
        let moves = 0;
        for (let stage = 0; stage < 14 && this.totalViolation(band) > 0; stage++) {
            for (let pass = 0; pass < 8 && this.budget > 0; pass++) {
                const made = this.borderMoves((u, a, b) => {
                    const d = this.penaltyDelta(u, a, b, band, mu);
                    return d < -1e-9 ? d : undefined;
                });
                moves += made;
                if (made === 0) break;
            }
            mu *= 2;
        }
        this.stats.balanceMoves += moves;
        return moves;
    }

    /** Change of travel + μ · squared excess deviation when unit u moves from a to b. */
    private penaltyDelta(u: number, a: number, b: number, band: number, mu: number): number {
        return (
            this.cost(u, b) -
            this.cost(u, a) +
            mu *
                (this.excess2(a, u, -1, band) +
                    this.excess2(b, u, 1, band) -
                    this.excess2(a, -1, 0, band) -
                    this.excess2(b, -1, 0, band))
        );
    }

    /** Σ over the balanced measures of (|deviation| − band)₊² of rep r, `sign` × u's load added. */
    private excess2(r: number, u: number, sign: number, band: number): number {
        const { M, target, active, load } = this.p;
        let v = 0;
        for (let m = 0; m < M; m++) {
            if (!active[m]) continue;
            const t = target[r * M + m]!;
            if (!(t > 0)) continue;
            const l = this.repLoad[r * M + m]! + (u >= 0 ? sign * load[u * M + m]! : 0);
            const x = Math.abs(l / t - 1) - band;
            if (x > 0) v += x * x;
        }
        return v;
    }

    /**
     * Swaps between a rep out of the band and a touching rep: a unit each way, for the tension
     * single moves cannot ease (over on one measure, under on another). Returns the swaps made.
     */
    private swapPass(band: number): number {
        const { n, k, graph } = this.p;
        // border units per ordered pair of touching reps (a's units touching b)
        const border = new Map<number, number[]>();
        for (let u = 0; u < n; u++) {
            const a = this.owner[u]!;
            let last = -1;
            for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                const b = this.owner[graph.adj[e]!]!;
                if (b === a || b === last) continue;
                last = b;
                const key = a * k + b;
                const list = border.get(key);
                if (!list) border.set(key, [u]);
                else if (list[list.length - 1] !== u) list.push(u);
            }
        }
        let swaps = 0;
        const touched = new Uint8Array(k);
        const keys = [...border.keys()].sort((x, y) => x - y);
        for (const key of keys) {
            const a = (key / k) | 0;
            const b = key % k;
            if (touched[a] || touched[b] || this.budget <= 0) continue;
            const v0 = this.viol(a, -1, 0, band) + this.viol(b, -1, 0, band);
            if (v0 === 0 || this.unitsOf[a]! <= 1 || this.unitsOf[b]! <= 1) continue;
            const ua = border.get(key)!;
            const ub = border.get(b * k + a) ?? [];
            const cands: { u: number; v: number; key: number }[] = [];
            for (const u of ua) {
                for (const v of ub) {
                    this.budget--;
                    this.stats.evaluations++;
                    this.shiftSwap(u, a, v, b, 1);
                    const v1 = this.viol(a, -1, 0, band) + this.viol(b, -1, 0, band);
                    this.shiftSwap(u, a, v, b, -1);
                    if (v1 < v0 - 1e-12) {
                        const dC =
                            this.cost(u, b) + this.cost(v, a) - this.cost(u, a) - this.cost(v, b);
                        cands.push({ u, v, key: (v1 - v0) * 1e6 + dC * 1e-12 });
                    }
                }
            }
            cands.sort((x, y) => x.key - y.key || x.u - y.u || x.v - y.v);
            for (const { u, v } of cands.slice(0, 20)) {
                if (!this.connectedWithout(a, u, v) || !this.connectedWithout(b, v, u)) continue;
                this.move(u, b);
                this.move(v, a);
                touched[a] = 1;
                touched[b] = 1;
                swaps++;
                break;
            }
        }
        this.stats.balanceSwaps += swaps;
        return swaps;
    }

    private totalViolation(band: number): number {
        let v = 0;
        for (let r = 0; r < this.p.k; r++) v += this.viol(r, -1, 0, band);
        return v;
    }

    /** One pass over the border units; returns the moves made. */
    private borderPass(band: number, diffuse: boolean): number {
        // every useful border move, cheapest in km per unit of violation (or of spread) first;
        // diffusion: one move per pair of reps per pass, so load flows without churning borders
        return this.borderMoves(
            (u, a, b) => {
                const gain = this.moveGain(u, a, b, band, diffuse);
                return gain > 0 ? (this.cost(u, b) - this.cost(u, a)) / gain : undefined;
            },
            diffuse ? undefined : (a) => this.viol(a, -1, 0, band) === 0,
            diffuse
        );
    }

    /**
     * One pass of border moves: every move of a border unit u from its rep a to a touching rep b
     * that `score` rates (lower first; undefined: not useful) is collected, then made in that
     * order while `score` still rates it with the loads as they are now, the giver keeps another
     * unit and stays connected. `skipGiver` leaves reps out as givers; `onePerPair` makes at most
     * one move per ordered pair of reps. Returns the moves made.
     */
    private borderMoves(
        score: (u: number, a: number, b: number) => number | undefined,
        skipGiver?: (a: number) => boolean,
        onePerPair = false
    ): number {
        const { n, k, graph } = this.p;
        const cand: { u: number; b: number; key: number }[] = [];
        for (let u = 0; u < n && this.budget > 0; u++) {
            const a = this.owner[u]!;
            if (this.unitsOf[a]! <= 1) continue;
            if (skipGiver?.(a)) continue;
            let checked = -1;
            for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                const b = this.owner[graph.adj[e]!]!;
                if (b === a || b === checked) continue;
                checked = b;
                this.budget--;
                this.stats.evaluations++;
                const key = score(u, a, b);
                if (key !== undefined) cand.push({ u, b, key });
            }
        }
        cand.sort((x, y) => x.key - y.key || x.u - y.u || x.b - y.b);
        let moves = 0;
        const done = new Uint8Array(n);
        const pairs = new Set<number>();
        for (const { u, b } of cand) {
            const a = this.owner[u]!;
            if (done[u] || a === b || this.unitsOf[a]! <= 1 || !this.touches(u, b)) continue;
            if (onePerPair && pairs.has(a * k + b)) continue;
            if (score(u, a, b) === undefined) continue;
            if (!this.connectedWithout(a, u)) continue;
            this.move(u, b);
            done[u] = 1;
            if (onePerPair) pairs.add(a * k + b);
            moves++;
        }
        return moves;
    }

    /** Does unit u have a neighbour in rep r? */
    private touches(u: number, r: number): boolean {
        const { graph } = this.p;
        for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
            if (this.owner[graph.adj[e]!] === r) return true;
        }
        return false;
    }

    /**
     * What moving u from a to b gains: the violation beyond the band it removes (scaled up so it
     * always outranks), or in diffusion the spread of deviations it removes without adding
     * violation; ≤ 0 when the move does not help.
     */
    private moveGain(u: number, a: number, b: number, band: number, diffuse: boolean): number {
        const dV =
            this.viol(a, u, -1, band) +
            this.viol(b, u, 1, band) -
            this.viol(a, -1, 0, band) -
            this.viol(b, -1, 0, band);
        if (dV < -1e-12) return -dV;
        if (!diffuse || dV > 1e-12) return 0;
        const dS =
            this.spread(a, u, -1) +
            this.spread(b, u, 1) -
            this.spread(a, -1, 0) -
            this.spread(b, -1, 0);
        return dS < -1e-9 ? -dS * 1e-3 : 0;
    }

    /**
     * Border moves and swaps that shorten travel (and honour the stay bonus) while both reps stay
     * within 0.95 × tolerance, or do not get worse where they are not yet within it.
     */
    private compact(): number {
        const { n, graph } = this.p;
        const band = 0.95 * this.p.tolerance;
        let moves = 0;
        for (let u = 0; u < n && this.budget > 0; u++) {
            const a = this.owner[u]!;
            if (this.unitsOf[a]! <= 1) continue;
            let checked = -1;
            for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                const b = this.owner[graph.adj[e]!]!;
                if (b === a || b === checked) continue;
                checked = b;
                this.budget--;
                this.stats.evaluations++;
                const dC = this.cost(u, b) - this.cost(u, a);
                if (dC >= -1e-9) continue;
                const vOk =
                    this.viol(a, u, -1, band) <= this.viol(a, -1, 0, band) + 1e-12 &&
                    this.viol(b, u, 1, band) <= this.viol(b, -1, 0, band) + 1e-12;
                if (vOk && this.connectedWithout(a, u)) {
                    this.move(u, b);
                    this.stats.compactMoves++;
                    moves++;
                    break;
                }
                // a swap with a unit of b that touches a keeps the loads near where they were
                if (this.trySwap(u, a, b, dC, band)) {
                    moves++;
                    break;
                }
            }
        }
        return moves;
    }

    /**
     * Each pair of touching territories splits their units anew: the exact two-rep transport LP
     * over the units of both (travel and stay bonus; both reps within 0.95 × tolerance on every
     * balanced measure, elastic where that cannot be reached), each unit to its larger fraction,
     * then made one piece on each side and rebalanced by border moves between the two. The new
     * split is kept when both stay one piece, neither deviates more than before (beyond the band)
     * and it is closer to the band, or as close and cheaper. Single border moves stop at a local
     * optimum; this moves a whole stretch of border at once. Returns the pairs split anew.
     */
    private resplitPairs(): number {
        if (!lpAvailable) return 0;
        const { n, k, graph } = this.p;
        const band = 0.95 * this.p.tolerance;
        const pairs = new Set<number>();
        for (let u = 0; u < n; u++) {
            const a = this.owner[u]!;
            for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                const b = this.owner[graph.adj[e]!]!;
                if (a < b) pairs.add(a * k + b);
            }
        }
        let changed = 0;
        for (const key of [...pairs].sort((x, y) => x - y)) {
            if (this.budget <= 0) break;
            if (this.resplit((key / k) | 0, key % k, band)) changed++;
        }
        this.stats.pairSplits += changed;
        return changed;
    }

    private resplit(a: number, b: number, band: number): boolean {
        const { n, M, load, target, active, fixedLoad } = this.p;
        const units: number[] = [];
        for (let u = 0; u < n; u++) if (this.owner[u] === a || this.owner[u] === b) units.push(u);
        const nu = units.length;
        if (nu < 3) return false;
        this.budget -= 4 * nu;
        this.stats.evaluations += 4 * nu;
        // measures scaled so that the two targets sum to the number of units; the targets are in
        // proportion to capacity, so each rep's scaled target is the same for every measure
        const scale = new Float64Array(M);
        const mw = new Float64Array(M);
        let first = -1;
        for (let m = 0; m < M; m++) {
            const t = target[a * M + m]! + target[b * M + m]!;
            if (active[m] && t > 0) {
                scale[m] = nu / t;
                mw[m] = 1;
                if (first < 0) first = m;
            }
        }
        if (first < 0) return false;
        // two more items, fixed: the loads each rep has outside the unit graph (named, locked)
        const N = nu + 2;
        const lpLoad = new Float64Array(N * M);
        const rep = new Int32Array(2 * N);
        const km = new Float64Array(2 * N);
        const fixed = new Int32Array(N).fill(-1);
        let before = 0;
        for (let i = 0; i < N; i++) {
            rep[2 * i + 1] = 1;
            if (i >= nu) {
                const r = i === nu ? a : b;
                fixed[i] = i - nu;
                for (let m = 0; m < M; m++) lpLoad[i * M + m] = fixedLoad[r * M + m]! * scale[m]!;
                continue;
            }
            const u = units[i]!;
            for (let m = 0; m < M; m++) lpLoad[i * M + m] = load[u * M + m]! * scale[m]!;
            km[2 * i] = this.cost(u, a);
            km[2 * i + 1] = this.cost(u, b);
            before += this.cost(u, this.owner[u]!);
        }
        const input: TransportLpInput = {
            n: N,
            k: 2,
            M,
            a: lpLoad,
            mw,
            target: Float64Array.of(
                target[a * M + first]! * scale[first]!,
                target[b * M + first]! * scale[first]!
            ),
            band,
            K: 2,
            rep,
            km,
            fixed
        };
        const lp = solveTransportLp(input, { iterationLimit: 20 * N });
        if (lp.status === 'failed') return false;
        const split = lp.assign;
        let moved = 0;
        for (let i = 0; i < nu; i++)
            if (this.owner[units[i]!] !== (split[i] === 0 ? a : b)) moved++;
        if (moved === 0) return false;
        const v0 = this.viol(a, -1, 0, band) + this.viol(b, -1, 0, band);
        const d0 = Math.max(band, this.deviation(a), this.deviation(b));
        const old = units.map((u) => this.owner[u]!);
        units.forEach((u, i) => this.move(u, split[i] === 0 ? a : b));
        // the LP knows nothing of contiguity: each side keeps its largest piece and the other
        // pieces go to the other side, until both are one piece (or a few rounds have passed)
        for (let round = 0; round < 4; round++) {
            const given = this.keepLargestPiece(a, b, units) + this.keepLargestPiece(b, a, units);
            if (given === 0) break;
        }
        this.rebalancePair(a, b, units, band);
        let after = 0;
        for (const u of units) after += this.cost(u, this.owner[u]!);
        const v1 = this.viol(a, -1, 0, band) + this.viol(b, -1, 0, band);
        // never a worse deviation for either rep (beyond the band) than before
        const better =
            Math.max(this.deviation(a), this.deviation(b)) <= d0 + 1e-12 &&
            (v1 < v0 - 1e-12 || (v1 <= v0 + 1e-12 && after < before - 1e-6 * Math.max(1, before)));
        const ok = better && this.isConnected(a, units) && this.isConnected(b, units);
        if (!ok) units.forEach((u, i) => this.move(u, old[i]!));
        return ok;
    }

    /**
     * Border moves between a and b only, each the cheapest in cost per unit of violation removed
     * that keeps the giver one piece, until both are within the band or no move helps.
     */
    private rebalancePair(a: number, b: number, units: readonly number[], band: number): void {
        for (let step = 0; step < units.length; step++) {
            const v0 = this.viol(a, -1, 0, band) + this.viol(b, -1, 0, band);
            if (v0 <= 1e-12) return;
            const cands: { u: number; key: number }[] = [];
            for (const u of units) {
                const x = this.owner[u]!;
                const y = x === a ? b : a;
                if (this.unitsOf[x]! <= 1 || !this.touches(u, y)) continue;
                const dV = this.viol(x, u, -1, band) + this.viol(y, u, 1, band) - v0;
                if (dV >= -1e-12) continue;
                cands.push({ u, key: (this.cost(u, y) - this.cost(u, x)) / -dV });
            }
            if (cands.length === 0) return;
            this.budget -= cands.length;
            cands.sort((p, q) => p.key - q.key || p.u - q.u);
            let done = false;
            for (const { u } of cands.slice(0, 8)) {
                const x = this.owner[u]!;
                if (!this.connectedWithout(x, u)) continue;
                this.move(u, x === a ? b : a);
                done = true;
                break;
            }
            if (!done) return;
        }
    }

    /**
     * Rep r keeps its largest piece (by accounts) among `units`; its other pieces go to rep
     * `other`. Returns the units given away.
     */
    private keepLargestPiece(r: number, other: number, units: readonly number[]): number {
        const { graph, tw } = this.p;
        const pieces: number[][] = [];
        const stamp = ++this.stamp;
        for (const s of units) {
            if (this.owner[s] !== r || this.mark[s] === stamp) continue;
            const piece: number[] = [s];
            this.mark[s] = stamp;
            for (let h = 0; h < piece.length; h++) {
                const x = piece[h]!;
                for (let e = graph.start[x]!; e < graph.start[x + 1]!; e++) {
                    const v = graph.adj[e]!;
                    if (this.mark[v] !== stamp && this.owner[v] === r) {
                        this.mark[v] = stamp;
                        piece.push(v);
                    }
                }
            }
            pieces.push(piece);
        }
        if (pieces.length <= 1) return 0;
        const weight = (piece: number[]) => piece.reduce((w, u) => w + tw[u]!, 0);
        let main = 0;
        for (let j = 1; j < pieces.length; j++)
            if (weight(pieces[j]!) > weight(pieces[main]!)) main = j;
        let given = 0;
        pieces.forEach((piece, j) => {
            if (j === main) return;
            for (const u of piece) this.move(u, other);
            given += piece.length;
        });
        return given;
    }

    /** Are rep r's units (all among `units`) one connected piece? */
    private isConnected(r: number, units: readonly number[]): boolean {
        const s = units.find((u) => this.owner[u] === r);
        return s !== undefined && this.reach(s, (v) => this.owner[v] === r) === this.unitsOf[r];
    }

    private trySwap(u: number, a: number, b: number, dCu: number, band: number): boolean {
        const { graph } = this.p;
        let bestV = -1;
        let bestC = 0;
        for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
            const v = graph.adj[e]!;
            if (this.owner[v] !== b || this.unitsOf[b]! <= 1) continue;
            this.budget--;
            const dC = dCu + this.cost(v, a) - this.cost(v, b);
            if (dC >= bestC - 1e-9) continue;
            // loads after the swap
            this.shiftSwap(u, a, v, b, 1);
            const ok = this.viol(a, -1, 0, band) <= 1e-12 && this.viol(b, -1, 0, band) <= 1e-12;
            this.shiftSwap(u, a, v, b, -1);
            if (!ok) continue;
            bestV = v;
            bestC = dC;
        }
        if (bestV < 0) return false;
        if (!this.connectedWithout(a, u, bestV) || !this.connectedWithout(b, bestV, u)) {
            return false;
        }
        this.move(u, b);
        this.move(bestV, a);
        this.stats.compactSwaps++;
        return true;
    }
}
