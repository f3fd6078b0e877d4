/** Public types of the balancing engine (see ARCHITECTURE.md "Engine"). */
import type { UnitReport } from './units/balance-units.js';

export interface EngineAccount {
    id: string;
    lat: number;
    lon: number;
    measures: Record<string, number>;
    segment?: string;
    locked?: boolean;
    currentRepId?: string;
    /** postal code: the unit of unit mode (see BalanceOptions.units) */
    postalCode?: string;
    /** a named (key) account: placed individually in unit mode */
    named?: boolean;
    /** the Account's Type ('Customer - Direct', 'Prospect', …): a new rep's mix is reported */
    type?: string;
}

export interface EngineRep {
    id: string;
    lat?: number;
    lon?: number;
    capacity?: number;
    segment?: string;
}

export interface ProgressEvent {
    stage: string;
    fraction: number;
}

export interface BalanceOptions {
    /** Measure names; 'Count' is implicit (1 per account) unless an account measure is named so. */
    balance: string[];
    weights?: Record<string, number>;
    /** Allowed relative deviation from target on every measure; default 0.05. */
    tolerance?: number;
    /** 0 = most compact … 1 = fewest changes; default 0.5 (only matters with currentRepId). */
    disruptionWeight?: number;
    /**
     * How a fresh plan starts: 'prices' (location–allocation prices: least travel, slow at scale),
     * 'bisection' (recursive bisection balanced on every measure: fast, compact) or 'auto'
     * (default: bisection from 2M accounts × reps of a segment, prices below).
     */
    method?: 'auto' | 'prices' | 'bisection';
    /**
     * 'account' (default): accounts are placed one by one. 'postal': territories made of postal
     * units, contiguous (units/balance-units.ts). 'auto': postal when at least 80 % of the
     * accounts carry a postal code, else account.
     */
    units?: 'account' | 'postal' | 'auto';
    seed?: number;
    /**
     * Wall-clock safety cap (default 10 min). The search stops on counted work, not on time, so the
     * plan is reproducible; if the cap is hit first, the plan is the best so far and the report
     * says `timeLimitReached`.
     */
    timeLimitMs?: number;
    onProgress?: (p: ProgressEvent) => void;
}

export interface RepMetrics {
    repId: string;
    segment: string;
    accounts: number;
    loads: Record<string, number>;
    targets: Record<string, number>;
    /** max over measures of |load / target − 1| */
    deviation: number;
    travelKm: number;
    /** 'home' when the rep has a home base, else 'centroid' */
    travelTo: 'home' | 'centroid';
}

export interface HullOverlapMetrics {
    /** pairs of territories (same segment) whose convex hulls intersect */
    pairs: number;
    /** Σ pairwise intersection area / Σ hull area (0 = no interleaving) */
    areaShare: number;
    /** the worst pairs, largest intersection first */
    worst: { repA: string; repB: string; areaKm2: number }[];
}

export interface PlanMetrics {
    measures: string[];
    tolerance: number;
    reps: RepMetrics[];
    maxDeviation: number;
    deviationByMeasure: Record<string, number>;
    withinTolerance: boolean;
    travelKm: number;
    disruption: { moved: number; withCurrent: number; share: number };
    hullOverlaps: HullOverlapMetrics;
    unassigned: number;
    /** reps new to the current plan (none of its accounts were theirs) and their patch */
    newReps?: NewRepPatch[];
}

/**
 * A rep new to the current plan and what the plan gives them. With account Types: customers and
 * prospects (Type 'Customer…' and 'Prospect…'; others count in neither), and the customers' share
 * of the two against the segment's (null when there are neither).
 */
export interface NewRepPatch {
    repId: string;
    segment: string;
    accounts: number;
    customers?: number;
    prospects?: number;
    customerShare?: number | null;
    segmentCustomerShare?: number | null;
}

export interface PlanReport extends PlanMetrics {
    /** unit mode only: how many postal units, and the unit-mode figures */
    units?: number;
    unitMode?: UnitReport;
    runtimeMs: number;
    /**
     * True when the wall-clock safety cap (timeLimitMs) stopped the search. The engine counts its
     * effort in work, so without it the plan depends only on the input and the seed.
     */
    timeLimitReached: boolean;
    seed: number;
    warnings: string[];
    /** per segment: size, deviation reached, and the solver's stage timings (ms since start) */
    segments: {
        segment: string;
        accounts: number;
        reps: number;
        maxDeviation: number;
        stages: Record<string, number>;
    }[];
}

export interface BalanceResult {
    assignments: { accountId: string; repId: string }[];
    report: PlanReport;
}
