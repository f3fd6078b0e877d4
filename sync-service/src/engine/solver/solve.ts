/**
 * One sub-problem, stage by stage: a starting plan (current plan, bisection or homes), candidates,
 * price allocation and refinement, repair, improvement, smoothing or fewest moves; small problems
 * try a few variants and an iterated local search, large ones run in Morton order.
 */
import { balancedBisection, balancedBisectionAll } from '../bisection.js';
import { accountNeighbours, nearestCentres } from '../candidates.js';
import { EARTH_RADIUS_KM, kmFromDot } from '../geo.js';
import { homeBisection } from '../home-bisection.js';
import type { CandidateTable } from './candidates-table.js';
import {
    buildCandidates,
    centreKm,
    centresOf,
    mortonOrderOf,
    tableScale
} from './candidates-table.js';
import { reduceMoves } from './fewest-moves.js';
import { annealShape, neighbourPurity } from './shape-anneal.js';
import { improve, smooth } from './improve.js';
import { iteratedLocalSearch } from './local-search.js';
import {
    mipPolish,
    mipPolishApplies,
    movesPolish,
    movesPolishApplies,
    polishSize
} from './mip-polish.js';
import type { MoveContext } from './moves.js';
import { fewestMovesLp, growNewReps, newRepsOf, seedEmptyCentres } from './new-reps.js';
import type { Prices } from './prices.js';
import { allocate, newPrices, refine } from './prices.js';
import { toleranceOutOfReach } from './reach.js';
import { repair, repairWorst } from './repair.js';
import { roundSplitAccounts, solveTransportLp } from '../lp/transport-lp.js';
import type { TransportLpInput, TransportLpResult } from '../lp/transport-lp.js';
import { State, combinedLoad } from './state.js';
import { LOCALITY_MIN_N } from './types.js';
import type { SubProblem, SubResult } from './types.js';

const KM_PER_DEG = (Math.PI * EARTH_RADIUS_KM) / 180;
/** accounts × reps from which a plan with homes starts from the home bisection, not from prices */
const SPLIT_MIN_NK = 2_000_000;
/**
 * Plans with homes up to this many LP columns (accounts × candidates, ~6k accounts at 32) also try
 * a start from the exact candidate-restricted transport LP (HiGHS; 0.3–0.7 s at 2k × 20, 1–2.5 s
 * at 5k × 30), whose rounding splits at most measures × reps accounts; the best variant is kept.
 * At 5k × 30 the price stage alone was 1.04–1.19 × the LP bound and out of tolerance on 10 of 50
 * family instances (bench:families --sizes 5k); with this start 1.009–1.027 × except heavy-tail.
 */
const LP_MAX_COLUMNS = 200_000;
/**
 * The limit for postal-unit items, whose plan only seeds the contiguity phase: on the demo's
 * 3,597 units the LP start made the final contiguous plan longer (518,240 → 524,000 km), so unit
 * mode keeps the earlier limit.
 */
export const UNIT_LP_MAX_COLUMNS = 60_000;
/** candidates per account in the LP: 16 cost up to 4 % travel (capacities of 0.5–1.5 ×) */
const LP_CANDIDATES = 32;
/**
 * Shape of fresh plans with homes (smoothToShape): smoothing in stages of at most SMOOTH_CAPS ×
 * the plan's mean km added per account moved, until the neighbour purity reaches SHAPE_TARGET ×
 * nearest-home's; then, only if it is still below SHAPE_FLOOR × (near DESIGN.md's bar of 0.9),
 * every move smoothing finds, whatever its km. Target and caps tried on the tuning families at
 * 2k × 20 (0.95/0.97; caps up to 2 or unbounded); the floor was added after a held-out plan lost
 * 0.027 without it (docs/bench/shape-smoothing-2026-12-07.md).
 */
const SHAPE_TARGET = 0.95;
const SHAPE_FLOOR = 0.92;
const SMOOTH_CAPS = [0.25, 0.5, 1, 2];
/**
 * Annealing on shape (annealed, annealShape): travel at most (1 + ANNEAL_TRAVEL_SLACK) × the
 * plan's, a cut neighbour pair worth ANNEAL_PAIR_KM × the plan's mean km per account while purity
 * is below SHAPE_TARGET × nearest-home's, ANNEAL_PROPOSALS proposals per account and at most
 * ANNEAL_MAX_PROPOSALS in all; fresh plans up to ANNEAL_MAX_N accounts (at least 2,000
 * proposals each). Chosen on the tuning families at 300 × 6 (20 seeds; slack 0.02 / 0.03, pair
 * 0.25 / 0.5 / 1, 2,000 / 6,000 proposals) and 2k × 20 (8 seeds; 1,000 / 3,000 proposals);
 * the size limit was first accounts × reps ≤ 40,000, which left out the held-out segments
 * family's 1,600 × 30 segment: docs/bench/anneal-2026-12-07.md.
 */
const ANNEAL_TRAVEL_SLACK = 0.02;
const ANNEAL_PAIR_KM = 0.5;
const ANNEAL_PROPOSALS = 6000;
const ANNEAL_MAX_PROPOSALS = 4_000_000;
const ANNEAL_MAX_N = ANNEAL_MAX_PROPOSALS / 2000;
/**
 * The annealing's band, as a share of the tolerance: a rep may not end further off than this
 * (nor than it already is). Plans the MIP polish settled keep 0.995; larger ones anneal up to the
 * tolerance itself, where their reps sit since the tolerance's edge: on the tuning families at
 * 2k × 20 (20 seeds each) travel fell by a median 0.0–0.5 % (at most 1.7 %, never up by more than
 * 0.1 %) at the same purity, while at 300 × 6 it was mixed (travel up to +0.7 %, metros-few 2 → 4
 * plans below 0.9 × nearest-home's purity): docs/bench/anneal-band-2026-12-08.md.
 */
const ANNEAL_BAND_SMALL = 0.995;
const ANNEAL_BAND = 1;
/** the LP start's band, as a share of the tolerance (rounding needs a little room) */
const LP_BAND = 0.9;
/** the variant number of the LP start */
const LP_VARIANT = 3;
/** with fewest changes wanted: the fewest-moves LP start repaired at least cost per violation */
const MOVES_LP_CHEAPEST = 4;
/**
 * When the rounding MIP cannot meet its band, the LP start keeps each split account whole whose
 * rounding alone would move a rep by more than the tolerance (unroundableAccounts), and solves
 * and rounds again, at most WHOLE_PASSES times. Found on the held-out heavy-tail family at 2k × 20
 * (no tuning family has accounts that large): 8 of 20 fresh plans were out of tolerance. Only
 * above the MIP polish's size: at 300 × 6 the passes changed 26 of 200 plans, australia seed 14
 * from 1.023 to 1.064 × the MIP optimum (docs/bench/whole-accounts-2026-12-07.md).
 */
const WHOLE_PASSES = 3;
/**
 * The split accounts are rounded by a small MIP to ROUND_BAND × the tolerance, and the plan is
 * then repaired only where it is outside LP_REPAIR_BAND × the tolerance: the tolerance itself,
 * beyond the MIP polish's size. A tolerance's edge can be a whole account (at 2k × 20 the count
 * measure allows 95 to 105 accounts a rep), and the earlier 0.98 and 0.9 (SMALL_*) rule out 95
 * and 105. On metros-few seed 11 (a tuning family) at 2k × 20 the MIP optimum has 18 of 20 reps
 * at 95 or 105; the plan went from 403,221 km (1.054 × that optimum) to 385,729 (1.008 ×).
 * Tuning families at 2k × 20 (60 plans): travel −0.09 % / −1.06 % / −0.01 % at the median
 * (uniform / metros-few / capacities), at most +0.14 % on one plan. Plans the MIP polish settles
 * keep the earlier bands: there, the new ones changed which start the local search took on
 * australia seed 14 (held out, 300 × 6), which ended at 1.185 × the MIP optimum (1.023 before).
 */
const ROUND_BAND = 1;
const LP_REPAIR_BAND = 1;
const SMALL_ROUND_BAND = 0.98;
const SMALL_LP_REPAIR_BAND = 0.9;

/**
 * The bands that depend on the plan's size, as shares of the tolerance: the LP start's rounding
 * and repair (ROUND_BAND above) and the annealing's (ANNEAL_BAND). Plans the MIP polish settles
 * keep the earlier ones.
 */
function sizeBands(problem: SubProblem): { round: number; repair: number; anneal: number } {
    return polishSize(problem)
        ? { round: SMALL_ROUND_BAND, repair: SMALL_LP_REPAIR_BAND, anneal: ANNEAL_BAND_SMALL }
        : { round: ROUND_BAND, repair: LP_REPAIR_BAND, anneal: ANNEAL_BAND };
}

/** Solves one sub-problem. */
export function solveSubProblem(problem: SubProblem): SubResult {
    if (problem.n < LOCALITY_MIN_N) return solveInOrder(problem);
    const n = problem.n;
    const perm = mortonOrderOf(problem);
    const res = solveInOrder(permuted(problem, perm));
    const assign = new Int32Array(n);
    for (let p = 0; p < n; p++) assign[perm[p]!] = res.assign[p]!;
    return { ...res, assign };
}

/** The problem with its accounts renumbered: account p is the input's account perm[p]. */
function permuted(problem: SubProblem, perm: Int32Array): SubProblem {
    const { n, M } = problem;
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    const xyz = new Float64Array(3 * n);
    const a = new Float64Array(n * M);
    const fixed = new Int32Array(n);
    const cur = new Int32Array(n);
    const tw = problem.tw ? Float64Array.from(perm, (i) => problem.tw![i]!) : undefined;
    for (let p = 0; p < n; p++) {
        const i = perm[p]!;
        lat[p] = problem.lat[i]!;
        lon[p] = problem.lon[i]!;
        for (let d = 0; d < 3; d++) xyz[3 * p + d] = problem.xyz[3 * i + d]!;
        for (let m = 0; m < M; m++) a[p * M + m] = problem.a[i * M + m]!;
        fixed[p] = problem.fixed[i]!;
        cur[p] = problem.cur[i]!;
    }
    return { ...problem, lat, lon, xyz, a, fixed, cur, tw };
}

/** Variants of one solve, the best kept; then the local search where it applies. */
function solveInOrder(problem: SubProblem): SubResult {
    const { n, k } = problem;
    // small problems can afford a few variants of the price stage; keep the best plan
    const variants = n * k <= 60_000 ? [0.3, 0, 0.6] : [0.3];
    const movesLp = variants.length > 1 && movesLpApplies(problem);
    if (lpStartApplies(problem) || movesLp) variants[LP_VARIANT] = 0;
    // and from the same fewest-moves LP start, the cheapest repair per unit of violation: where the
    // fewest-moves repairs stall out of tolerance from it (capacities seed 1 drifted at 2k × 20:
    // 5.7 %), this one reaches it with 13 moves, where the variant from the drifted plan took 16
    if (movesLp) variants[MOVES_LP_CHEAPEST] = 0;
    let best: SubResult | null = null;
    let bestKey = Infinity;
    const costs: Record<string, number> = {};
    for (const [v, deadZone] of variants.entries()) {
        if (deadZone === undefined) continue;
        if (best && problem.clock.reached()) break;
        // from a current plan with fewest moves wanted the price stage is skipped, so the
        // variants differ in repair instead: cheapest per unit of violation, or fewest moves
        const res = solveOnce(problem, deadZone, v);
        const key = planKey(problem, res, planCost(problem, res.assign));
        costs[`variant${v}`] = key;
        if (key < bestKey) {
            bestKey = key;
            best = res;
        }
    }
    // the report shows every variant's score (travel + disruption, +1e15 × (1 + deviation) when
    // out of tolerance) and which one won
    if (best) Object.assign(best.stages, costs);
    // small problems with homes and no current plan: iterated local search from the best plan
    // (seeded perturbations along the borders, then repair and improve), within a time budget
    const allHomes = problem.hasHome.every((h) => h === 1);
    const hasCurrent = problem.cur.some((c) => c >= 0);
    // (not when the tolerance is out of reach: the tries repair toward it, which an oversized
    // account or locks rule out, and would only spend time)
    if (best && allHomes && !hasCurrent && n * k <= 20_000 && !toleranceOutOfReach(problem)) {
        best = iteratedLocalSearch(problem, best, bestKey, (res) =>
            planKey(problem, res, planCost(problem, res.assign))
        );
    }
    // small plans are polished by the MIP, then annealed on shape (the polish undoes it); larger
    // ones up to ANNEAL_MAX_N annealed as they are
    if (best && mipPolishApplies(problem, best)) {
        const t0 = Date.now();
        best = mipPolish(problem, best);
        best.stages.polishMs = Date.now() - t0;
    }
    if (best && annealApplies(problem, best)) {
        const t0 = Date.now();
        best = annealed(problem, best);
        best.stages.annealMs = Date.now() - t0;
    }
    // fewest changes wanted: as few moves as HiGHS can find from the best plan
    if (best && movesPolishApplies(problem, best, wantsMinimalMoves(problem))) {
        const t0 = Date.now();
        best = movesPolish(problem, best);
        best.stages.movesPolishMs = Date.now() - t0;
    }
    return best!;
}

/**
 * Whether a fresh plan is annealed on shape (annealed): every rep with a home, accounts not
 * units (their plans go on to the contiguity phase), within the tolerance, at most ANNEAL_MAX_N
 * accounts. Every plan the MIP polish applies to (mipPolishApplies) qualifies after it.
 */
function annealApplies(problem: SubProblem, best: SubResult): boolean {
    return (
        !problem.tw &&
        problem.hasHome.every((h) => h === 1) &&
        !problem.cur.some((c) => c >= 0) &&
        problem.n <= ANNEAL_MAX_N &&
        best.maxDeviation <= problem.tolerance
    );
}

/**
 * A fresh plan annealed on shape (annealShape): after the small plans' MIP polish, which
 * minimises km alone and so undoes the smoothing before it, and on plans up to ANNEAL_MAX_N
 * accounts. Kept unless a rep ends further off than the tolerance and than the plan was.
 */
function annealed(problem: SubProblem, best: SubResult): SubResult {
    const { n } = problem;
    const order = mortonOrderOf(problem);
    const state = new State(problem, Int32Array.from(best.assign));
    const centres = centresOf(problem, null, null);
    const nb = accountNeighbours(problem.lat, problem.lon, 8, order);
    const res = annealShape(state, centres, nb, {
        band: sizeBands(problem).anneal * problem.tolerance,
        travelSlack: ANNEAL_TRAVEL_SLACK,
        target: SHAPE_TARGET,
        reference: nearestHomePurity(problem, centres, nb, order),
        pairKm: ANNEAL_PAIR_KM,
        proposals: Math.min(ANNEAL_PROPOSALS, ANNEAL_MAX_PROPOSALS / Math.max(1, n)),
        seed: problem.seed
    });
    const maxDeviation = state.maxDeviation();
    if (maxDeviation > Math.max(problem.tolerance, best.maxDeviation)) return best;
    const stages = {
        ...best.stages,
        annealPurityBefore: res.purityBefore,
        annealPurity: res.purityAfter,
        annealTravel: res.travelRatio
    };
    return { ...best, assign: state.assign, maxDeviation, stages };
}

/** A fresh plan with homes, small enough for the exact LP start. */
function lpStartApplies(problem: SubProblem): boolean {
    const { n, k } = problem;
    const method = problem.method ?? 'auto';
    return (
        method !== 'bisection' &&
        problem.hasHome.every((h) => h === 1) &&
        !(problem.cur.some((c) => c >= 0) && disruptionOf(problem) >= 0.5) &&
        n * Math.min(k, LP_CANDIDATES) <= (problem.lpMaxColumns ?? LP_MAX_COLUMNS)
    );
}

/**
 * From a current plan with fewest moves wanted (describeSolve's minimalMoves), without new reps
 * (their patch comes from the same LP in every variant).
 */
function movesLpApplies(problem: SubProblem): boolean {
    const { cur, fixed } = problem;
    return (
        disruptionOf(problem) >= 0.5 &&
        cur.some((c, i) => c >= 0 && fixed[i]! < 0) &&
        !newRepsOf(problem).includes(1)
    );
}

/** Plans out of tolerance rank after every plan within it, then by cost. */
function planKey(problem: SubProblem, res: SubResult, cost: number): number {
    return (res.maxDeviation > problem.tolerance ? 1e15 * (1 + res.maxDeviation) : 0) + cost;
}

/** The disruption weight, clamped to 0 … 1. */
function disruptionOf(problem: SubProblem): number {
    return Math.min(1, Math.max(0, problem.disruptionWeight));
}

/** Travel (to homes, or to the centroids of the plan) plus the stay bonus of moved accounts. */
export function planCost(problem: SubProblem, assign: Int32Array): number {
    const { n, cur } = problem;
    const c = centresOf(problem, assign, null);
    const w = disruptionOf(problem);
    let total = 0;
    let moved = 0;
    for (let i = 0; i < n; i++) {
        const r = assign[i]!;
        total += centreKm(problem, c, i, r);
        if (cur[i]! >= 0 && cur[i] !== r) moved += problem.tw ? problem.tw[i]! : 1;
    }
    // disruption counts lexicographically first when fewest changes are wanted
    return w > 0 && moved > 0 ? total + moved * 1e9 * w : total;
}

/** What the stages of one solve share: the problem, how it is solved, and the stage timings. */
interface Solve {
    /** the caller's problem with its own copy of the current plan (new reps' patches join it) */
    readonly problem: SubProblem;
    readonly variant: number;
    readonly stages: Record<string, number>;
    readonly t0: number;
    readonly progress: (stage: string, f: number) => void;
    readonly allHomes: boolean;
    readonly hasCurrent: boolean;
    /** a fresh plan that starts from a recursive bisection and skips the price stage */
    readonly split: boolean;
    /**
     * from a current plan, with changes weighing at least as much as compactness: move only what
     * the tolerance needs
     */
    readonly minimalMoves: boolean;
    readonly rounds: number;
    /** the accounts in Morton order */
    readonly order: Int32Array;
    /** combined load per account */
    readonly combined: Float64Array;
    /** start from the rounded transport LP instead of the price stage */
    readonly lpStart: boolean;
    /** minimal moves: start from the fewest-moves LP (fewestMovesLp) */
    readonly movesLp: boolean;
}

/** The plan the rounds work on (centres and candidates are renewed each round). */
interface Plan extends MoveContext {
    readonly prices: Prices;
    /** km scale of the first candidate table */
    readonly scale: number;
    /** reps new to the current plan (minimal moves only) */
    readonly newReps: Uint8Array | null;
    /** each account's 6 nearest accounts, once needed */
    neighbours: Int32Array | null;
}

/**
 * One solve with the price stage's dead zone `deadZone` (variant `variant` of solveInOrder): a
 * starting plan, candidates and prices, the rounds, then the finish.
 */
function solveOnce(input: SubProblem, deadZone: number, variant = 0): SubResult {
    // own copy of the current plan: new reps' starting patches become their "current" accounts
    const problem: SubProblem = { ...input, cur: Int32Array.from(input.cur) };
    const { n, k } = problem;
    const stages: Record<string, number> = {};
    const assign = new Int32Array(n);
    if (k === 0 || n === 0) return { assign: assign.fill(-1), maxDeviation: 0, stages };
    const solve = describeSolve(problem, variant, stages);
    const centres = startingPlan(solve, assign);
    stages.initMs = Date.now() - solve.t0;
    const plan = preparePlan(solve, assign, centres, deadZone);
    for (let round = 0; round < solve.rounds; round++) runRound(solve, plan, round);
    finishPlan(solve, plan);
    return { assign, maxDeviation: plan.state.maxDeviation(), stages };
}

/**
 * Large problems without a current plan start from a recursive bisection balanced on every
 * measure (of the reps' homes, or of the accounts) and skip the price stage (locked accounts
 * alone are not a current plan).
 */
function splitsByBisection(problem: SubProblem): boolean {
    const method = problem.method ?? 'auto';
    return (
        (method === 'bisection' || (method === 'auto' && problem.n * problem.k >= SPLIT_MIN_NK)) &&
        !problem.cur.some((c, i) => c >= 0 && problem.fixed[i]! < 0)
    );
}

/**
 * From a current plan, with changes weighing at least as much as compactness: start from it and
 * move only what the tolerance needs (repair), instead of re-optimising everything.
 */
function wantsMinimalMoves(problem: SubProblem): boolean {
    const hasCurrent = problem.cur.some((c) => c >= 0);
    return hasCurrent && disruptionOf(problem) >= 0.5 && !splitsByBisection(problem);
}

/** How this problem is solved: flags, rounds, the accounts' order and combined loads. */
function describeSolve(
    problem: SubProblem,
    variant: number,
    stages: Record<string, number>
): Solve {
    const t0 = Date.now();
    const { n } = problem;
    const allHomes = problem.hasHome.every((h) => h === 1);
    const hasCurrent = problem.cur.some((c) => c >= 0);
    const split = splitsByBisection(problem);
    const minimalMoves = wantsMinimalMoves(problem);
    return {
        problem,
        variant,
        stages,
        t0,
        progress: (stage, f) => problem.progress?.(stage, f),
        allHomes,
        hasCurrent,
        split,
        minimalMoves,
        rounds: allHomes || minimalMoves ? 1 : split ? 1 : n > 50_000 ? 2 : 4,
        order: mortonOrderOf(problem),
        combined: combinedLoad(problem),
        lpStart: variant === LP_VARIANT && !minimalMoves,
        movesLp: (variant === LP_VARIANT || variant === MOVES_LP_CHEAPEST) && minimalMoves
    };
}

/** The initial assignment (locks, current plan or a bisection) and the centres it implies. */
function startingPlan(solve: Solve, assign: Int32Array): Float64Array {
    const { problem, allHomes, hasCurrent, split } = solve;
    const { n, fixed, cur } = problem;
    for (let i = 0; i < n; i++) assign[i] = fixed[i]! >= 0 ? fixed[i]! : cur[i]!;
    if (allHomes) return centresOf(problem, null, null);
    if (hasCurrent && !split) {
        const centres = centresOf(problem, assign, null);
        // reps without a home and without accounts start at the account farthest from the others
        seedEmptyCentres(problem, assign, centres);
        return centres;
    }
    return bisectionStart(solve, assign);
}

/** Without homes or a current plan: a balanced recursive bisection of the accounts. */
function bisectionStart(solve: Solve, assign: Int32Array): Float64Array {
    const { problem, split } = solve;
    const { n, k } = problem;
    const px = new Float64Array(n);
    const py = new Float64Array(n);
    let meanLat = 0;
    for (let i = 0; i < n; i++) meanLat += problem.lat[i]!;
    meanLat /= n;
    const cl = Math.cos((meanLat * Math.PI) / 180);
    for (let i = 0; i < n; i++) {
        px[i] = problem.lon[i]! * cl;
        py[i] = problem.lat[i]!;
    }
    if (split) solve.progress('split', 0);
    const part = split
        ? balancedBisectionAll(
              px.map((x) => x * KM_PER_DEG),
              py.map((y) => y * KM_PER_DEG),
              problem.a,
              problem.M,
              problem.mw,
              problem.cap,
              k,
              problem.fixed
          )
        : balancedBisection(px, py, solve.combined, problem.cap, k);
    for (let i = 0; i < n; i++) if (problem.fixed[i]! < 0) assign[i] = part[i]!;
    const centres = centresOf(problem, part, null);
    if (split) solve.stages.splitMs = Date.now() - solve.t0;
    return centres;
}

/** Candidates, stay bonus and prices; the home bisection at scale; new reps' first patches. */
function preparePlan(
    solve: Solve,
    assign: Int32Array,
    centres: Float64Array,
    deadZone: number
): Plan {
    const { problem, stages, hasCurrent } = solve;
    const { n, k } = problem;
    const table = buildCandidates(problem, centres, solve.order);
    stages.candidatesMs = Date.now() - solve.t0;
    const scale = tableScale(table);
    const w = disruptionOf(problem);
    const stay = hasCurrent ? (w >= 1 ? 1e6 * scale : scale * 20 * (w / (1 - w)) ** 2) : 0;
    const prices = newPrices(k, problem.M, deadZone);
    // large problems with homes: balanced recursive bisection of the reps' homes instead of prices
    if (solve.split && solve.allHomes) homeBisectionStart(solve, table, assign);
    for (let i = 0; i < n; i++) if (assign[i]! < 0) assign[i] = table.rep[i * table.K]!;
    if (solve.lpStart) lpStart(solve, centres, assign, stay);
    const newReps = solve.minimalMoves
        ? growNewReps(problem, table, assign, solve.combined, centres)
        : null;
    // (a new rep's patch already came from that LP)
    if (solve.movesLp && newReps && !newReps.includes(1)) {
        fewestMovesLp(problem, table, assign, solve.combined, centres, newReps);
    }
    const state = new State(problem, assign);
    state.band = 0.6 * problem.tolerance;
    return { problem, centres, table, state, prices, stay, scale, newReps, neighbours: null };
}

/**
 * The exact start: the balanced transport LP over each account's candidates (band LP_BAND ×
 * tolerance), each account to its largest fraction; repair then settles the few split accounts.
 */
function lpStart(solve: Solve, centres: Float64Array, assign: Int32Array, stay: number): void {
    const { problem, stages } = solve;
    const { n, k } = problem;
    const K = Math.min(k, LP_CANDIDATES);
    const near = nearestCentres(problem.xyz, n, centres, k, K, solve.order);
    const km = Float64Array.from(near.dot, kmFromDot);
    if (problem.tw) for (let p = 0; p < n * K; p++) km[p]! *= problem.tw[(p / K) | 0]!;
    const target = Float64Array.from(problem.cap, (c) => n * c);
    let input: TransportLpInput = {
        n,
        k,
        M: problem.M,
        a: problem.a,
        mw: problem.mw,
        target,
        band: LP_BAND * problem.tolerance,
        K,
        rep: near.rep,
        km,
        fixed: problem.fixed,
        ...(stay > 0 ? { cur: problem.cur, stay } : {})
    };
    let lp = solveTransportLp(input);
    // (no rounding MIP when the tolerance is out of reach: its band rows then need slack, and
    // HiGHS spent 13 s on the nodes of one 900 × 30 plan with an oversized account)
    const roundingMip = problem.lpRoundingMip !== false && !toleranceOutOfReach(problem);
    const round = (): { assign: Int32Array; slack: number } =>
        roundingMip && lp.status !== 'failed'
            ? roundSplitAccounts(input, lp, sizeBands(problem).round * problem.tolerance)
            : { assign: lp.assign, slack: NaN };
    let rounded = round();
    // when the rounding cannot meet the band because of a split account whose smaller fractions
    // hold more than the tolerance of a target (a whale of 0.7 × a target, split in halves, went
    // whole to one rep at 35 % off): keep such accounts whole at their largest fraction and solve
    // again, so the LP balances around them
    // (not where the MIP polish reaches: it settles small plans, and there the passes changed
    // 26 of 200 plans, one from 1.023 to 1.064 × the MIP optimum)
    const passes = polishSize(problem) ? 0 : WHOLE_PASSES;
    for (let pass = 0; pass < passes && rounded.slack > 0; pass++) {
        const large = unroundableAccounts(input, lp, problem.tolerance);
        if (large.length === 0) break;
        const fixed = Int32Array.from(input.fixed);
        for (const i of large) fixed[i] = lp.assign[i]!;
        input = { ...input, fixed };
        lp = solveTransportLp(input);
        rounded = round();
        stages.lpWhole = (stages.lpWhole ?? 0) + large.length;
    }
    stages.lpMs = Date.now() - solve.t0;
    stages.lpSplit = lp.split;
    stages.lpSlack = lp.slack;
    stages.lpObjective = lp.objective;
    if (lp.status === 'failed') return;
    stages.lpRoundSlack = rounded.slack;
    stages.lpRoundMs = Date.now() - solve.t0;
    assign.set(rounded.assign);
}

/**
 * The split accounts whose smaller fractions hold more than `tolerance` × the target of the rep
 * holding their largest fraction, on a constrained measure: rounding one moves a rep by more
 * than the whole tolerance.
 */
function unroundableAccounts(
    input: TransportLpInput,
    lp: TransportLpResult,
    tolerance: number
): number[] {
    const { M, a, mw, target } = input;
    const large: number[] = [];
    lp.splitAccounts.forEach((i, j) => {
        const limit = (tolerance * target[lp.assign[i]!]!) / (1 - lp.splitFractions[j]!);
        for (let m = 0; m < M; m++) {
            if (mw[m]! > 0 && a[i * M + m]! > limit) {
                large.push(i);
                break;
            }
        }
    });
    return large;
}

/** Large problems with homes: the recursive bisection of the reps' homes is the start. */
function homeBisectionStart(solve: Solve, table: CandidateTable, assign: Int32Array): void {
    const { problem } = solve;
    solve.progress('split', 0);
    const part = homeBisection({
        n: problem.n,
        k: problem.k,
        M: problem.M,
        xyz: problem.xyz,
        a: problem.a,
        mw: problem.mw,
        cap: problem.cap,
        home: problem.home,
        fixed: problem.fixed,
        K: table.K,
        candRep: table.rep,
        candKm: table.km,
        order: solve.order
    });
    assign.set(part);
    solve.stages.splitMs = Date.now() - solve.t0;
}

/** One round: (new centres and candidates,) prices, repair toward the inner band, improvement. */
function runRound(solve: Solve, plan: Plan, round: number): void {
    const { problem, stages, t0, rounds, minimalMoves } = solve;
    const tol = problem.tolerance;
    const { state } = plan;
    if (round > 0) recentre(solve, plan);
    const skipPrices =
        (round === 0 && !solve.allHomes && !solve.hasCurrent) ||
        minimalMoves ||
        solve.split ||
        solve.lpStart;
    if (!skipPrices) priceStage(solve, plan, round);
    stages[`allocateMs${round}`] = Date.now() - t0;
    stages[`allocDev${round}`] = state.maxDeviation();
    solve.progress('repair', round / rounds);
    // (not with a new rep: its patch must stay contiguous, which cost per violation keeps)
    const fewest =
        minimalMoves &&
        solve.variant > 0 &&
        solve.variant !== MOVES_LP_CHEAPEST &&
        !(plan.newReps?.includes(1) ?? false);
    const band = minimalMoves
        ? (solve.variant === 2 ? 0.995 : 0.97) * tol
        : (solve.lpStart ? sizeBands(problem).repair : 0.6) * tol;
    repair(plan, band, plan.newReps, fewest);
    stages[`repairMs${round}`] = Date.now() - t0;
    solve.progress('improve', round / rounds);
    // with fewest changes wanted, border moves may not add moves: only swap among movers
    improve(
        minimalMoves ? { ...plan, stay: Math.max(plan.stay, 1e6 * plan.scale) } : plan,
        0.995 * tol,
        problem.n > 50_000 ? 6 : 12,
        // fresh plans: moves only into a territory next door, so no islands (with fewest
        // changes wanted, every move counts and the tolerance decides)
        minimalMoves ? null : neighboursOf(solve, plan),
        (f) => solve.progress('improve', (round + f) / rounds)
    );
    stages[`improveMs${round}`] = Date.now() - t0;
}

/**
 * Later rounds: centres from the plan and new candidates; an account whose rep is no longer among
 * its candidates goes to its nearest.
 */
function recentre(solve: Solve, plan: Plan): void {
    const { problem } = solve;
    const assign = plan.state.assign;
    plan.centres = centresOf(problem, assign, plan.centres);
    const table = (plan.table = buildCandidates(problem, plan.centres, solve.order));
    for (let i = 0; i < problem.n; i++) {
        if (problem.fixed[i]! >= 0) continue;
        let found = false;
        for (let q = 0; q < table.K; q++)
            if (table.rep[i * table.K + q] === assign[i]) found = true;
        if (!found) assign[i] = table.rep[i * table.K]!;
    }
    plan.state.recompute();
}

/** Smoothed Newton prices, then hard refinement. */
function priceStage(solve: Solve, plan: Plan, round: number): void {
    const { problem, stages } = solve;
    const { state, table, prices, stay } = plan;
    const iterations = round === 0 ? 200 : 25;
    allocate(problem, state, table, prices, stay, iterations, (f) =>
        solve.progress('allocate', (round + f) / solve.rounds)
    );
    stages[`newtonDev${round}`] = state.maxDeviation();
    stages[`newtonMs${round}`] = Date.now() - solve.t0;
    refine(problem, state, table, prices, stay, 300);
}

/** Last resort repair to the tolerance; then smoothing (fresh plans) or fewest moves. */
function finishPlan(solve: Solve, plan: Plan): void {
    const { problem, minimalMoves } = solve;
    const { state, table } = plan;
    const tol = problem.tolerance;
    if (state.maxDeviation() > tol) {
        // last resort: repair to the tolerance itself
        repair(plan, 0.95 * tol, plan.newReps);
        if (state.maxDeviation() > tol) repairWorst(plan, tol, plan.newReps);
    }
    if (!minimalMoves && state.maxDeviation() <= tol) {
        // shape: accounts with at least 4 of their 6 nearest accounts in one other territory
        solve.progress('smooth', 1);
        if (solve.allHomes && !solve.split && !problem.tw) smoothToShape(solve, plan, 0.995 * tol);
        else smooth(problem, state, neighboursOf(solve, plan), 0.995 * tol, 4);
        // large plans from the bisection: then 3 of 6 where their own territory holds fewer
        // (heavy-tail 100k × 100: purity 0.898 → 0.907 × nearest-home's; at 2k × 20, where it is
        // not applied, it gave +0.005 to +0.011 for +0.0 to +0.3 % travel on 9 tuning instances)
        if (solve.split) smooth(problem, state, neighboursOf(solve, plan), 0.995 * tol, 3);
    }
    if (minimalMoves && state.maxDeviation() <= tol) {
        reduceMoves(problem, state, table, tol * (1 - 1e-9));
    } else if (minimalMoves) {
        // out of tolerance: fewer moves where no rep ends further off than it is now (or than
        // the tolerance)
        const limits = Float64Array.from({ length: problem.k }, (_, r) =>
            Math.max(tol * (1 - 1e-9), state.repDeviation(r) * (1 + 1e-9))
        );
        reduceMoves(problem, state, table, limits);
    }
}

/**
 * Shape, as far as it needs: the plan's neighbour purity (share of each account's 6 nearest
 * accounts in its territory) against nearest-home's on the same neighbours; below SHAPE_TARGET ×
 * that, smoothing (4 of 6) in stages of at most SMOOTH_CAPS × the mean km added per move, cheap
 * moves in the early stages, until it is reached; below SHAPE_FLOOR × after them, every move.
 * Each smoothing move adds travel: on metros-few seed 13 at 2k × 20 smoothing them all cost
 * 3.4 % (1.025 → 1.059 × the LP bound) for a purity already 0.93 × without it.
 */
function smoothToShape(solve: Solve, plan: Plan, limit: number): void {
    const { problem } = solve;
    const { state, centres } = plan;
    const { n } = problem;
    const nb = neighboursOf(solve, plan);
    const assign = state.assign;
    const reference = nearestHomePurity(problem, centres, nb, solve.order);
    let km = 0;
    for (let i = 0; i < n; i++) km += centreKm(problem, centres, i, assign[i]!);
    const mean = n > 0 ? km / n : 0;
    const extra = (i: number, r: number, s: number): number =>
        centreKm(problem, centres, i, s) - centreKm(problem, centres, i, r);
    for (const cap of SMOOTH_CAPS) {
        if (neighbourPurity(assign, nb) >= SHAPE_TARGET * reference) return;
        smooth(problem, state, nb, limit, 4, { extra, cap: cap * mean });
    }
    if (neighbourPurity(assign, nb) < SHAPE_FLOOR * reference) smooth(problem, state, nb, limit, 4);
}

/** neighbourPurity of the plan sending every account to its nearest home (`centres`). */
function nearestHomePurity(
    problem: SubProblem,
    centres: Float64Array,
    nb: Int32Array,
    order: Int32Array
): number {
    const nearest = nearestCentres(problem.xyz, problem.n, centres, problem.k, 1, order).rep;
    return neighbourPurity(nearest, nb);
}

/** Each account's 6 nearest accounts (computed once per solve). */
function neighboursOf(solve: Solve, plan: Plan): Int32Array {
    const { lat, lon } = solve.problem;
    return (plan.neighbours ??= accountNeighbours(lat, lon, 6, solve.order));
}
