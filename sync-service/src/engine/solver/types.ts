/** The solver's input and output for one independent sub-problem (one segment). */
import type { SafetyCap } from '../effort.js';

export interface SubProblem {
    n: number;
    k: number;
    /** number of balanced measures */
    M: number;
    lat: Float64Array;
    lon: Float64Array;
    /** 3n unit vectors */
    xyz: Float64Array;
    /** n × M loads, each measure scaled so that Σ_i a[i,m] = n (0 for a measure with total 0) */
    a: Float64Array;
    /** M weights summing to 1 (0 for a degenerate measure) */
    mw: Float64Array;
    /** local rep an account is locked to, or -1 */
    fixed: Int32Array;
    /** local current rep, or -1 (none, or a rep who left) */
    cur: Int32Array;
    /**
     * How many accounts each item stands for (postal-unit mode: a unit's account count); its km
     * and its stay bonus count that many times. Absent: 1 each.
     */
    tw?: Float64Array;
    /** k capacities, summing to 1 */
    cap: Float64Array;
    /** 3k home unit vectors (ignored where hasHome is 0) */
    home: Float64Array;
    hasHome: Uint8Array;
    tolerance: number;
    /** 0 … 1 */
    disruptionWeight: number;
    /** how a fresh plan starts (see BalanceOptions.method); default 'auto' */
    method?: 'auto' | 'prices' | 'bisection';
    /** the exact LP start's size limit in LP columns (default LP_MAX_COLUMNS in solve.ts) */
    lpMaxColumns?: number;
    /** false: the LP start keeps each split row at its largest fraction (no rounding MIP) */
    lpRoundingMip?: boolean;
    seed: number;
    /** wall-clock safety cap shared by every stage (effort itself is counted in work) */
    clock: SafetyCap;
    progress?: (stage: string, fraction: number) => void;
}

export interface SubResult {
    assign: Int32Array;
    maxDeviation: number;
    stages: Record<string, number>;
}

/**
 * Above this many accounts the sub-problem is renumbered in Morton (Z-curve) order before solving:
 * an account's neighbours then sit near it in every n-indexed array, so the per-rep scans
 * (reverse candidate lists in refine, repair and improve) read memory nearly in sequence instead
 * of at random. Smaller problems keep their order (their results stay exactly as before).
 */
export const LOCALITY_MIN_N = 50_000;
