/**
 * One closed tour from a depot: exact (Held–Karp) up to 12 stops, iterated 2-opt / Or-opt local
 * search beyond, with the effort counted in kicks per stop.
 */
import type { SafetyCap } from '../engine/effort.js';
import { HELD_KARP_MAX_STOPS, heldKarp, tourCost } from './held-karp.js';
import { searchTour } from './tour-search.js';

/**
 * Default kicks of the iterated local search per stop. On the bench's 20–200-stop tours (three
 * families, 20 seeds) 40 kicks per stop instead of 10 lowered the median ratio to the 1-tree bound
 * by 0.4 % at most (200 uniform stops: 1.0159 → 1.0120), by about 0.1 % up to 100 stops, for four
 * times the time (routes.bench.ts; README, Benchmarks).
 */
export const DEFAULT_KICKS_PER_STOP = 10;

export interface SolveTourOptions {
    rng: () => number;
    kicksPerStop?: number;
    cap?: SafetyCap;
    /** current visiting order (depot first): the result is never worse than it */
    start?: readonly number[];
}

export interface SolvedTour {
    order: number[];
    cost: number;
    /** true when the tour is optimal (Held–Karp) */
    exact: boolean;
    /** counted effort: Held–Karp states, or kicks plus moves */
    work: number;
    capped: boolean;
}

/** A tour through `nodes` from and back to `depot` (symmetric costs). Deterministic for the rng. */
export function solveTour(
    cost: Float64Array,
    size: number,
    depot: number,
    nodes: readonly number[],
    opts: SolveTourOptions
): SolvedTour {
    const k = nodes.length;
    if (k <= HELD_KARP_MAX_STOPS) {
        const t = heldKarp(cost, size, depot, nodes);
        return { ...t, exact: true, work: (1 << k) * Math.max(1, k), capped: false };
    }
    const kicks = Math.round((opts.kicksPerStop ?? DEFAULT_KICKS_PER_STOP) * k);
    const r = searchTour(cost, size, depot, nodes, {
        rng: opts.rng,
        kicks,
        cap: opts.cap,
        start: opts.start
    });
    if (opts.start) {
        const before = tourCost(cost, size, opts.start);
        if (before <= r.cost)
            return {
                order: [...opts.start],
                cost: before,
                exact: false,
                work: r.kicks + r.moves,
                capped: r.capped
            };
    }
    return {
        order: r.order,
        cost: r.cost,
        exact: false,
        work: r.kicks + r.moves,
        capped: r.capped
    };
}
