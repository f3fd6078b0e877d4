/**
 * The allocation step as an exact LP: the candidate-restricted, balanced transport problem
 *
 *     min Σ cost(i,q) · x(i,q) + penalty · Σ slack
 *     Σ_q x(i,q) = 1                                   for every free account i
 *     (1 − band)·target(r) ≤ locked(r,m) + Σ a(i,m) · x(i,q : rep = r) + under(r,m) − over(r,m)
 *                         ≤ (1 + band)·target(r)        for every rep r and measure m with mw > 0
 *     x, under, over ≥ 0
 *
 * solved by HiGHS' dual simplex from the dual-feasible basis "every account at its cheapest
 * candidate". A vertex has one basic variable per row, so at most k × (weighted measures) accounts
 * are split; the rounding sends every account to its largest fraction. The slacks keep the LP feasible
 * when the candidates (or the locks) make the band unreachable; they cost `penalty` per unit of
 * scaled load, far above any travel, so they are used only where nothing else helps.
 *
 * Pure and deterministic: HiGHS (WebAssembly, single thread, no time limit) is loaded once by a
 * top-level await, and the same input gives the same result on any machine and under any load.
 */
import loadHighsModule from 'highs';
import type { Highs, ModelData } from 'highs';

export interface TransportLpInput {
    n: number;
    k: number;
    M: number;
    /** n × M loads, row-major (a[i*M+m]), each measure scaled so that Σ_i a[i,m] = n */
    a: Float64Array;
    /** M weights; a measure with weight 0 is not constrained */
    mw: Float64Array;
    /** k targets, the same for every measure in scaled units (n × capacity share) */
    target: Float64Array;
    /** allowed relative deviation from the target, e.g. 0.9 × tolerance */
    band: number;
    /** width of a candidate row (≤ 17 in the engine) */
    K: number;
    /** n × K candidate reps per account (a negative or repeated entry is skipped) */
    rep: Int32Array;
    /** n × K km matching `rep` */
    km: Float64Array;
    /** locked rep per account, or -1 (locked accounts are constants, not variables) */
    fixed: Int32Array;
    /** current rep per account, or -1 */
    cur?: Int32Array;
    /** km-equivalent bonus for keeping `cur` (subtracted from that candidate's cost) */
    stay?: number;
}

export interface TransportLpResult {
    status: 'optimal' | 'infeasible-relaxed' | 'failed';
    /** travel (km) of the fractional solution over the free accounts, without bonus or penalty */
    objective: number;
    /** rounded plan: a free account goes to its largest-fraction candidate (ties: lower q) */
    assign: Int32Array;
    /** free accounts whose LP solution is fractional */
    split: number;
    /** those accounts, ascending */
    splitAccounts: Int32Array;
    /** their largest fractions, in the same order */
    splitFractions: Float64Array;
    /** total elastic slack used, in scaled load units (0 when the band was feasible) */
    slack: number;
    /**
     * k × M prices (r*M+m) from the band rows' duals, in km per unit of scaled load: at the LP
     * optimum an account's fractions lie on the candidates minimising km + Σ_m price(r,m)·a(i,m)
     * (minus the stay bonus). Positive for a rep at its upper band, negative at its lower; 0 for
     * measures with weight 0. NaN when the solve failed.
     */
    prices: Float64Array;
    /** simplex iterations HiGHS reported (0 for the 'lp' format) */
    iterations: number;
}

export interface TransportLpOptions {
    /**
     * How the model reaches HiGHS: 'arrays' (default) passes the CSC matrix directly; 'lp' writes
     * CPLEX LP text and reads the columns back by name (slower, kept for comparison and debugging).
     */
    format?: 'arrays' | 'lp';
    /**
     * slack cost per unit of scaled load, as a multiple of the mean candidate km (default 1e4: far
     * above any price a feasible band needs; larger values only slow the simplex down when the
     * slack is used)
     */
    penaltyFactor?: number;
    /** deterministic safety limit on simplex iterations; reaching it gives status 'failed' */
    iterationLimit?: number;
    /**
     * Start the dual simplex from the basis "every account at its cheapest candidate, every band
     * row's slack basic" (dual feasible; only the band violations remain to fix) instead of the
     * all-slack basis (default true; 'arrays' format only).
     */
    warmStart?: boolean;
    /** extra HiGHS options (experiments); they must not add time-based limits */
    highsOptions?: Readonly<Record<string, string | number | boolean>>;
}

/** The LP in HiGHS' column-wise form, with the map from columns back to (account, candidate). */
export interface TransportModel {
    numCols: number;
    numRows: number;
    /** x columns come first (account by account, candidate order); then under/over per band row */
    nx: number;
    /** free accounts = assignment rows (rows 0 … nFree − 1); then the band rows */
    nFree: number;
    /** measures with mw > 0; band row nFree + r·active.length + t is (rep r, measure active[t]) */
    active: Int32Array;
    colCost: Float64Array;
    colLower: Float64Array;
    colUpper: Float64Array;
    rowLower: Float64Array;
    rowUpper: Float64Array;
    starts: Int32Array;
    indices: Int32Array;
    values: Float64Array;
    /** for x column j: its account and its candidate position q */
    colAccount: Int32Array;
    colQ: Int32Array;
    /** for x column j: its km (travel, without the stay bonus) */
    colKm: Float64Array;
    penalty: number;
}

// The package's types are CommonJS-shaped; at runtime the ESM build's default export is the loader.
const loadHighs = loadHighsModule as unknown as () => Promise<Highs>;
// Loaded once, when the module is first imported (the engine's API is synchronous). A runtime that
// cannot load it keeps working: every solve then reports 'failed'.
const highs: Highs | null = await loadHighs().catch(() => null);

/** Whether HiGHS loaded (when false, solveTransportLp always reports 'failed'). */
export const lpAvailable = highs !== null;

const SPLIT_EPS = 1e-6;

/** Builds the candidate-restricted balanced transport LP (no HiGHS call). */
export function buildTransportModel(input: TransportLpInput, penaltyFactor = 1e4): TransportModel {
    const { n, k, M, a, mw, target, band, K, rep, km, fixed } = input;
    checkInput(input);
    const cur = input.cur;
    const stay = input.stay ?? 0;
    const active: number[] = [];
    for (let m = 0; m < M; m++) if (mw[m]! > 0) active.push(m);
    const A = active.length;
    // free accounts and their valid candidates
    const rowOf = new Int32Array(n).fill(-1);
    let nFree = 0;
    let nx = 0;
    let kmSum = 0;
    for (let i = 0; i < n; i++) {
        if (fixed[i]! >= 0) continue;
        rowOf[i] = nFree++;
        let cnt = 0;
        for (let q = 0; q < K; q++) {
            if (!validCandidate(rep, i, q, K, k)) continue;
            cnt++;
            kmSum += km[i * K + q]!;
        }
        if (cnt === 0) throw new RangeError(`account ${i} is free but has no valid candidate rep`);
        nx += cnt;
    }
    const meanKm = nx > 0 ? kmSum / nx : 0;
    const penalty = penaltyFactor * (meanKm > 0 ? meanKm : 1);
    const nBand = k * A;
    const numCols = nx + 2 * nBand;
    const numRows = nFree + nBand;
    // loads of the locked accounts are constants that shift the band
    const locked = new Float64Array(nBand);
    for (let i = 0; i < n; i++) {
        const r = fixed[i]!;
        if (r < 0) continue;
        for (let t = 0; t < A; t++) locked[r * A + t]! += a[i * M + active[t]!]!;
    }
    const rowLower = new Float64Array(numRows);
    const rowUpper = new Float64Array(numRows);
    rowLower.fill(1, 0, nFree);
    rowUpper.fill(1, 0, nFree);
    for (let r = 0; r < k; r++) {
        for (let t = 0; t < A; t++) {
            const b = r * A + t;
            rowLower[nFree + b] = (1 - band) * target[r]! - locked[b]!;
            rowUpper[nFree + b] = (1 + band) * target[r]! - locked[b]!;
        }
    }
    const colCost = new Float64Array(numCols);
    const colLower = new Float64Array(numCols);
    const colUpper = new Float64Array(numCols).fill(Infinity);
    colUpper.fill(1, 0, nx);
    const colAccount = new Int32Array(nx);
    const colQ = new Int32Array(nx);
    const colKm = new Float64Array(nx);
    // each x column: its assignment row plus one band row per active measure with a nonzero load;
    // each slack column: one band row
    const maxNz = nx * (1 + A) + 2 * nBand;
    const starts = new Int32Array(numCols + 1);
    const indices = new Int32Array(maxNz);
    const values = new Float64Array(maxNz);
    let j = 0;
    let nz = 0;
    for (let i = 0; i < n; i++) {
        const row = rowOf[i]!;
        if (row < 0) continue;
        const c = cur ? cur[i]! : -1;
        for (let q = 0; q < K; q++) {
            if (!validCandidate(rep, i, q, K, k)) continue;
            const r = rep[i * K + q]!;
            const d = km[i * K + q]!;
            colAccount[j] = i;
            colQ[j] = q;
            colKm[j] = d;
            colCost[j] = r === c ? d - stay : d;
            starts[j] = nz;
            indices[nz] = row;
            values[nz++] = 1;
            for (let t = 0; t < A; t++) {
                const v = a[i * M + active[t]!]!;
                if (v === 0) continue;
                indices[nz] = nFree + r * A + t;
                values[nz++] = v;
            }
            j++;
        }
    }
    for (let b = 0; b < nBand; b++) {
        // under: raises the row activity (a rep below the band); over: lowers it
        for (const sign of [1, -1]) {
            colCost[j] = penalty;
            starts[j] = nz;
            indices[nz] = nFree + b;
            values[nz++] = sign;
            j++;
        }
    }
    starts[numCols] = nz;
    return {
        numCols,
        numRows,
        nx,
        nFree,
        active: Int32Array.from(active),
        colCost,
        colLower,
        colUpper,
        rowLower,
        rowUpper,
        starts,
        indices: indices.subarray(0, nz),
        values: values.subarray(0, nz),
        colAccount,
        colQ,
        colKm,
        penalty
    };
}

/**
 * The same model as CPLEX LP text (columns x0 … x{nx−1}, then u0/o0 … per band row). Numbers are
 * written with String(), the shortest text that parses back to the same double: fixed decimals
 * (toFixed(6)) would round small scaled loads.
 */
export function transportModelToLpText(model: TransportModel): string {
    const { numCols, numRows, nx, colCost, rowLower, rowUpper, starts, indices, values } = model;
    const name = (j: number): string => {
        if (j < nx) return `x${j}`;
        const b = (j - nx) >> 1;
        return (j - nx) & 1 ? `o${b}` : `u${b}`;
    };
    // transpose to rows
    const rowCount = new Int32Array(numRows + 1);
    for (let p = 0; p < indices.length; p++) rowCount[indices[p]! + 1]!++;
    for (let r = 0; r < numRows; r++) rowCount[r + 1]! += rowCount[r]!;
    const fill = rowCount.slice(0, numRows);
    const rowCol = new Int32Array(indices.length);
    const rowVal = new Float64Array(indices.length);
    for (let j = 0; j < numCols; j++) {
        for (let p = starts[j]!; p < starts[j + 1]!; p++) {
            const r = indices[p]!;
            const at = fill[r]!++;
            rowCol[at] = j;
            rowVal[at] = values[p]!;
        }
    }
    const out: string[] = ['Minimize', ' obj:'];
    for (let j = 0; j < numCols; j++) {
        out.push(` ${term(colCost[j]!, name(j), j === 0)}`);
        if (j % 16 === 15) out.push('\n');
    }
    out.push('\nSubject To\n');
    for (let r = 0; r < numRows; r++) {
        const lo = rowLower[r]!;
        const hi = rowUpper[r]!;
        out.push(` c${r}:`);
        for (let p = rowCount[r]!; p < rowCount[r + 1]!; p++) {
            out.push(` ${term(rowVal[p]!, name(rowCol[p]!), p === rowCount[r]!)}`);
            if ((p - rowCount[r]!) % 16 === 15) out.push('\n');
        }
        if (lo === hi) out.push(` = ${String(lo)}\n`);
        else {
            // a ranged row: LP format writes it as two constraints
            out.push(` >= ${String(lo)}\n r${r}:`);
            for (let p = rowCount[r]!; p < rowCount[r + 1]!; p++) {
                out.push(` ${term(rowVal[p]!, name(rowCol[p]!), p === rowCount[r]!)}`);
                if ((p - rowCount[r]!) % 16 === 15) out.push('\n');
            }
            out.push(` <= ${String(hi)}\n`);
        }
    }
    out.push('Bounds\n');
    for (let j = 0; j < nx; j++) out.push(` x${j} <= 1\n`);
    out.push('End\n');
    return out.join('');
}

function term(v: number, name: string, first: boolean): string {
    if (v < 0) return `- ${String(-v)} ${name}`;
    return first ? `${String(v)} ${name}` : `+ ${String(v)} ${name}`;
}

/** Solves the LP and rounds it. */
export function solveTransportLp(
    input: TransportLpInput,
    options: TransportLpOptions = {}
): TransportLpResult {
    const model = buildTransportModel(input, options.penaltyFactor);
    return solveTransportModel(input, model, options);
}

/** Solves a model built by buildTransportModel for this input. */
export function solveTransportModel(
    input: TransportLpInput,
    model: TransportModel,
    options: TransportLpOptions = {}
): TransportLpResult {
    const hOptions: Record<string, string | number | boolean> = {
        output_flag: false,
        presolve: 'on',
        solver: 'simplex',
        random_seed: 0,
        ...options.highsOptions
    };
    if (options.iterationLimit !== undefined)
        hOptions.simplex_iteration_limit = options.iterationLimit;
    let x: Float64Array;
    let rowDual: Float64Array;
    let iterations = 0;
    // nothing to decide: no free account and no weighted measure
    if (model.numCols === 0)
        return round(input, model, new Float64Array(0), new Float64Array(0), 0);
    if (!highs) return failed(input, model);
    try {
        if (options.format === 'lp') {
            const res = highs.solve(transportModelToLpText(model), hOptions as never);
            if (res.Status !== 'Optimal') return failed(input, model);
            const cols = res.Columns as Record<string, { Primal: number } | undefined>;
            x = new Float64Array(model.numCols);
            for (let j = 0; j < model.nx; j++) x[j] = cols[`x${j}`]?.Primal ?? 0;
            for (let b = 0; b < (model.numCols - model.nx) >> 1; b++) {
                x[model.nx + 2 * b] = cols[`u${b}`]?.Primal ?? 0;
                x[model.nx + 2 * b + 1] = cols[`o${b}`]?.Primal ?? 0;
            }
            // a ranged row is written as two rows, c<row> (>=) and r<row> (<=): add their duals
            rowDual = new Float64Array(model.numRows);
            for (const row of res.Rows as { Name: string; Dual: number }[]) {
                const at = Number(row.Name.slice(1));
                if (at >= model.nFree) rowDual[at]! += row.Dual;
            }
        } else {
            const h = highs.createModel(modelData(model));
            try {
                h.options.set(hOptions);
                if (options.warmStart ?? true) h.setBasis(cheapestBasis(model));
                const run = h.run();
                if (run.modelStatus !== highs.constants.modelStatus.optimal)
                    return failed(input, model);
                const sol = h.getSolution();
                x = sol.colValue;
                rowDual = sol.rowDual;
                iterations = Number(h.info.get('simplex_iteration_count'));
            } finally {
                h.dispose();
            }
        }
    } catch {
        return failed(input, model);
    }
    return round(input, model, x, rowDual, iterations);
}

/**
 * One basic x per assignment row (its cheapest column, ties: lower q), band-row slacks basic, all
 * else at its lower bound: reduced costs are cost − cheapest ≥ 0 and the penalty, so the basis is
 * dual feasible and the dual simplex starts at the unbalanced nearest-candidate plan.
 */
function cheapestBasis(model: TransportModel): { colStatus: Int32Array; rowStatus: Int32Array } {
    const { numCols, numRows, nx, nFree, colCost, colAccount } = model;
    const colStatus = new Int32Array(numCols); // 0: at lower bound
    const rowStatus = new Int32Array(numRows);
    rowStatus.fill(1, nFree); // band rows: slack basic; assignment rows: nonbasic (equalities)
    let j = 0;
    while (j < nx) {
        const i = colAccount[j]!;
        let best = j;
        let e = j + 1;
        for (; e < nx && colAccount[e] === i; e++) if (colCost[e]! < colCost[best]!) best = e;
        colStatus[best] = 1;
        j = e;
    }
    return { colStatus, rowStatus };
}

function round(
    input: TransportLpInput,
    model: TransportModel,
    x: Float64Array,
    rowDual: Float64Array,
    iterations: number
): TransportLpResult {
    const { n, fixed } = input;
    const { nx, colAccount, colQ, colKm } = model;
    const assign = new Int32Array(n);
    for (let i = 0; i < n; i++) assign[i] = fixed[i]!;
    const best = new Float64Array(n).fill(-1);
    let objective = 0;
    for (let j = 0; j < nx; j++) {
        const v = x[j]!;
        objective += colKm[j]! * v;
        const i = colAccount[j]!;
        // columns of one account are in candidate order: strictly greater keeps the lower q
        if (v > best[i]!) {
            best[i] = v;
            assign[i] = input.rep[i * input.K + colQ[j]!]!;
        }
    }
    const splitList: number[] = [];
    for (let i = 0; i < n; i++) if (fixed[i]! < 0 && best[i]! < 1 - SPLIT_EPS) splitList.push(i);
    const split = splitList.length;
    let slack = 0;
    for (let j = nx; j < model.numCols; j++) slack += Math.max(0, x[j]!);
    // slack below the simplex feasibility tolerance is noise
    const status =
        slack > 1e-6 * Math.max(1, n / Math.max(1, input.k)) ? 'infeasible-relaxed' : 'optimal';
    if (status === 'optimal') slack = 0;
    const { M, k } = input;
    const { active, nFree } = model;
    const A = active.length;
    const prices = new Float64Array(k * M);
    for (let r = 0; r < k; r++) {
        for (let t = 0; t < A; t++) {
            // + 0 turns a −0 into 0, so that equal runs compare equal
            prices[r * M + active[t]!] = -rowDual[nFree + r * A + t]! + 0;
        }
    }
    const splitAccounts = Int32Array.from(splitList);
    const splitFractions = Float64Array.from(splitList, (i) => best[i]!);
    return {
        status,
        objective,
        assign,
        split,
        splitAccounts,
        splitFractions,
        slack,
        prices,
        iterations
    };
}

/** No LP solution: locked accounts stay, free ones go to their nearest (first) candidate. */
function failed(input: TransportLpInput, model: TransportModel): TransportLpResult {
    const { n, K, rep, fixed } = input;
    const assign = new Int32Array(n);
    for (let i = 0; i < n; i++) assign[i] = fixed[i]!;
    for (let j = model.nx - 1; j >= 0; j--) {
        const i = model.colAccount[j]!;
        assign[i] = rep[i * K + model.colQ[j]!]!;
    }
    const prices = new Float64Array(input.k * input.M).fill(NaN);
    return {
        status: 'failed',
        objective: NaN,
        assign,
        split: 0,
        splitAccounts: new Int32Array(0),
        splitFractions: new Float64Array(0),
        slack: NaN,
        prices,
        iterations: 0
    };
}

/** The model as HiGHS' ModelData (CSC matrix), with binaries where `integrality` says so. */
function modelData(model: TransportModel, integrality?: Int32Array): ModelData {
    return {
        numCols: model.numCols,
        numRows: model.numRows,
        colCost: model.colCost,
        colLower: model.colLower,
        colUpper: model.colUpper,
        rowLower: model.rowLower,
        rowUpper: model.rowUpper,
        matrix: {
            format: 'csc',
            numRows: model.numRows,
            numCols: model.numCols,
            starts: model.starts,
            indices: model.indices,
            values: model.values
        },
        ...(integrality ? { integrality } : {})
    };
}

/** Branch-and-bound nodes the rounding MIP may explore (a deterministic limit, not a time). */
const ROUNDING_MAX_NODES = 200;

/**
 * Rounds the LP's split accounts exactly: every other free account keeps its LP rep (as a
 * constant load), and the split accounts get one candidate each by a small MIP (HiGHS, binaries
 * for the split accounts' candidates, elastic band rows at `band`) that minimises their km. The
 * MIP's node limit makes it deterministic; without an integer solution the largest-fraction
 * rounding stays. Returns the new assignment and the slack the MIP needed.
 */
export function roundSplitAccounts(
    input: TransportLpInput,
    lp: TransportLpResult,
    band: number
): { assign: Int32Array; slack: number; status: 'optimal' | 'kept' } {
    const kept = { assign: lp.assign, slack: NaN, status: 'kept' as const };
    if (!highs || lp.status === 'failed' || lp.split === 0) return kept;
    const fixed = Int32Array.from(lp.assign);
    for (const i of lp.splitAccounts) fixed[i] = -1;
    const sub: TransportLpInput = { ...input, fixed, band };
    const model = buildTransportModel(sub);
    const mip = runMip(model, { mip_max_nodes: ROUNDING_MAX_NODES });
    if (!mip) return kept;
    const { assign } = assignmentOf(input, model, mip.x, lp.assign);
    let slack = 0;
    for (let j = model.nx; j < model.numCols; j++) slack += Math.max(0, mip.x[j]!);
    return { assign, slack, status: 'optimal' };
}

/**
 * Runs `model` as a MIP (its x columns binary) with HiGHS' deterministic defaults plus `options`
 * (a node limit, never a time), started from `start` when given. Returns the column values and
 * HiGHS' dual bound and node count, or null when HiGHS is missing, failed or has no solution.
 */
function runMip(
    model: TransportModel,
    options: Readonly<Record<string, string | number | boolean>>,
    start?: Float64Array
): { x: Float64Array; bound: number; nodes: number; found: boolean } | null {
    if (!highs) return null;
    const integrality = new Int32Array(model.numCols);
    integrality.fill(1, 0, model.nx);
    try {
        const h = highs.createModel(modelData(model, integrality));
        try {
            h.options.set({
                output_flag: false,
                random_seed: 0,
                mip_rel_gap: 1e-6,
                ...options
            } as never);
            if (start) h.setSolution({ colValue: start });
            h.run();
            const x = h.getSolution().colValue;
            if (!x || x.length !== model.numCols || !Number.isFinite(x[0] ?? NaN)) return null;
            return {
                x,
                bound: Number(h.info.get('mip_dual_bound')),
                nodes: Number(h.info.get('mip_node_count')),
                // HiGHS' kSolutionStatusFeasible
                found: Number(h.info.get('primal_solution_status')) === 2
            };
        } finally {
            h.dispose();
        }
    } catch {
        return null;
    }
}

/**
 * `base` with every x column set in `x` (> 0.5) giving its account that candidate's rep; with the
 * km (column cost) of those columns.
 */
function assignmentOf(
    input: TransportLpInput,
    model: TransportModel,
    x: Float64Array,
    base: Int32Array
): { assign: Int32Array; cost: number } {
    const assign = Int32Array.from(base);
    let cost = 0;
    for (let j = 0; j < model.nx; j++) {
        if (x[j]! > 0.5) {
            const i = model.colAccount[j]!;
            assign[i] = input.rep[i * input.K + model.colQ[j]!]!;
            cost += model.colCost[j]!;
        }
    }
    return { assign, cost };
}

function validCandidate(rep: Int32Array, i: number, q: number, K: number, k: number): boolean {
    const r = rep[i * K + q]!;
    if (r < 0 || r >= k) return false;
    for (let p = 0; p < q; p++) if (rep[i * K + p] === r) return false;
    return true;
}

function checkInput(input: TransportLpInput): void {
    const { n, k, M, a, mw, target, K, rep, km, fixed } = input;
    const bad = (what: string) => {
        throw new RangeError(`solveTransportLp: ${what}`);
    };
    if (a.length !== n * M) bad(`a has ${a.length} entries, expected n × M = ${n * M}`);
    if (mw.length !== M) bad(`mw has ${mw.length} entries, expected M = ${M}`);
    if (target.length !== k) bad(`target has ${target.length} entries, expected k = ${k}`);
    if (rep.length !== n * K || km.length !== n * K)
        bad(`rep and km need n × K = ${n * K} entries`);
    if (fixed.length !== n) bad(`fixed has ${fixed.length} entries, expected n = ${n}`);
    if (input.cur && input.cur.length !== n) bad(`cur has ${input.cur.length} entries, expected n`);
    if (!(input.band >= 0)) bad(`band must be ≥ 0 (got ${input.band})`);
    for (let i = 0; i < n; i++) if (fixed[i]! >= k) bad(`fixed[${i}] = ${fixed[i]} is not a rep`);
    for (let p = 0; p < km.length; p++) {
        if (rep[p]! >= 0 && rep[p]! < k && !Number.isFinite(km[p]!)) bad(`km[${p}] is not finite`);
    }
    for (let p = 0; p < a.length; p++) if (!Number.isFinite(a[p]!)) bad(`a[${p}] is not finite`);
}

/**
 * The whole candidate-restricted assignment as a MIP (every free account's candidates binary, the
 * band rows hard: no slack), started from `start` (a plan within the band whose reps are among
 * each account's candidates). HiGHS explores at most `maxNodes` branch-and-bound nodes (a
 * deterministic limit, not a time) and returns its best plan (`assign` null when it found none
 * shorter than the start: `objective` is then the start's; with `anyPlan`, whatever it found, as
 * for a start outside the band), or null when it could not run or found no plan.
 */
export function solveAssignmentMip(
    input: TransportLpInput,
    start: Int32Array,
    maxNodes: number,
    anyPlan = false
): { assign: Int32Array | null; objective: number; bound: number; nodes: number } | null {
    const model = buildTransportModel(input);
    const { nx, numCols } = model;
    if (nx === 0) return null;
    // no elastic slack: the band is a hard constraint
    model.colUpper.fill(0, nx);
    const colValue = new Float64Array(numCols);
    let startKm = 0;
    for (let j = 0; j < nx; j++) {
        const i = model.colAccount[j]!;
        if (input.rep[i * input.K + model.colQ[j]!] === start[i]) {
            colValue[j] = 1;
            startKm += model.colCost[j]!;
        }
    }
    // as fast and as short without presolve and restarts (tuning families, 300 × 6)
    const mip = runMip(
        model,
        { mip_max_nodes: maxNodes, presolve: 'off', mip_allow_restart: false },
        colValue
    );
    if (!mip) return null;
    const { assign, cost } = assignmentOf(input, model, mip.x, start);
    if (anyPlan)
        return mip.found ? { assign, objective: cost, bound: mip.bound, nodes: mip.nodes } : null;
    if (!(cost < startKm - 1e-9))
        return { assign: null, objective: startKm, bound: mip.bound, nodes: mip.nodes };
    return { assign, objective: cost, bound: mip.bound, nodes: mip.nodes };
}
