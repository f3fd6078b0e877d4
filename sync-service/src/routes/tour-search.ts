/**
 * Local search for tours too long for the exact programme: 2-opt and Or-opt (segments of 1–3 stops
 * moved, either way round) over nearest-neighbour candidate lists with a work queue ("don't-look
 * bits", Bentley 1992), inside an iterated local search whose kick is the double bridge (Martin,
 * Otto & Felten 1991; Lourenço, Martin & Stützle 2003) on nearby segments. Effort is a number of
 * kicks chosen by the caller; the clock is only a safety cap.
 */
import type { SafetyCap } from '../engine/effort.js';
import type { Tour } from './held-karp.js';

/** Candidate list length: the nearest stops that 2-opt and Or-opt try to connect to. */
const NEIGHBOURS = 10;
/** Longest segment Or-opt moves. */
const OR_OPT_MAX = 3;
/** Longest segment a kick swaps: local kicks keep most of a good tour intact. */
const KICK_SEGMENT_MAX = 30;
/** Float tolerance for "improves". */
const EPS = 1e-9;

export interface TourSearchOptions {
    rng: () => number;
    /** double-bridge kicks after the first local optimum (0 = plain 2-opt + Or-opt) */
    kicks: number;
    cap?: SafetyCap;
    /** a starting order (depot first); default nearest neighbour from the depot */
    start?: readonly number[];
}

export interface TourSearchResult extends Tour {
    /** kicks done (fewer than asked when the safety cap was reached) */
    kicks: number;
    /** improving moves applied */
    moves: number;
    capped: boolean;
}

/**
 * A good tour through `nodes` from and back to `depot` over a symmetric `size`×`size` cost matrix.
 * Deterministic for the same rng stream.
 */
export function searchTour(
    cost: Float64Array,
    size: number,
    depot: number,
    nodes: readonly number[],
    opts: TourSearchOptions
): TourSearchResult {
    const all = [depot, ...nodes];
    const m = all.length;
    const d = new Float64Array(m * m);
    for (let i = 0; i < m; i++)
        for (let j = 0; j < m; j++) d[i * m + j] = cost[all[i]! * size + all[j]!]!;
    const local = new Map<number, number>();
    all.forEach((g, i) => local.set(g, i));
    const start = opts.start
        ? opts.start.map((g) => {
              const l = local.get(g);
              if (l === undefined) throw new RangeError(`start order has node ${g} not in nodes.`);
              return l;
          })
        : nearestNeighbour(d, m);
    if (start.length !== m) throw new RangeError('start order must visit every node once.');
    const t = new LocalTour(d, m, start);
    let moves = t.optimise(Array.from({ length: m }, (_, i) => i));
    let kicks = 0;
    let capped = false;
    if (m >= 8 && opts.kicks > 0) {
        let bestCost = t.cost();
        const bestTour = Int32Array.from(t.tour);
        for (; kicks < opts.kicks; kicks++) {
            if ((kicks & 63) === 0 && opts.cap?.reached()) {
                capped = true;
                break;
            }
            moves += t.optimise(t.doubleBridge(opts.rng));
            const c = t.cost();
            if (c < bestCost - EPS) {
                bestCost = c;
                bestTour.set(t.tour);
            } else if (c > bestCost + EPS) t.load(bestTour);
        }
        t.load(bestTour);
    }
    const order = t.fromDepot().map((l) => all[l]!);
    return { order, cost: t.cost(), kicks, moves, capped };
}

function nearestNeighbour(d: Float64Array, m: number): number[] {
    const used = new Uint8Array(m);
    const order = [0];
    used[0] = 1;
    let at = 0;
    for (let s = 1; s < m; s++) {
        let best = -1;
        let bd = Infinity;
        for (let j = 0; j < m; j++) {
            if (used[j]) continue;
            const c = d[at * m + j]!;
            if (c < bd) {
                bd = c;
                best = j;
            }
        }
        used[best] = 1;
        order.push(best);
        at = best;
    }
    return order;
}

/** A tour as an array with positions, on a local cost matrix (node 0 is the depot). */
class LocalTour {
    private readonly d: Float64Array;
    private readonly m: number;
    readonly tour: Int32Array;
    private readonly pos: Int32Array;
    private readonly nbr: Int32Array;
    private readonly k: number;
    private readonly queued: Uint8Array;
    private readonly scratch: Int32Array;

    constructor(d: Float64Array, m: number, start: readonly number[]) {
        this.d = d;
        this.m = m;
        this.tour = Int32Array.from(start);
        this.pos = new Int32Array(m);
        for (let p = 0; p < m; p++) this.pos[this.tour[p]!] = p;
        this.k = Math.min(NEIGHBOURS, m - 1);
        this.nbr = new Int32Array(m * this.k);
        const idx = Array.from({ length: m }, (_, j) => j);
        for (let i = 0; i < m; i++) {
            const row = i * m;
            const sorted = idx
                .filter((j) => j !== i)
                .sort((a, b) => d[row + a]! - d[row + b]! || a - b);
            for (let q = 0; q < this.k; q++) this.nbr[i * this.k + q] = sorted[q]!;
        }
        this.queued = new Uint8Array(m);
        this.scratch = new Int32Array(m);
    }

    cost(): number {
        let c = 0;
        const { tour, d, m } = this;
        for (let p = 0; p < m; p++) c += d[tour[p]! * m + tour[(p + 1) % m]!]!;
        return c;
    }

    load(order: Int32Array): void {
        this.tour.set(order);
        for (let p = 0; p < this.m; p++) this.pos[this.tour[p]!] = p;
    }

    fromDepot(): number[] {
        const p0 = this.pos[0]!;
        const out: number[] = [];
        for (let s = 0; s < this.m; s++) out.push(this.tour[(p0 + s) % this.m]!);
        return out;
    }

    private next(a: number): number {
        return this.tour[(this.pos[a]! + 1) % this.m]!;
    }

    private prev(a: number): number {
        return this.tour[(this.pos[a]! - 1 + this.m) % this.m]!;
    }

    private c(a: number, b: number): number {
        return this.d[a * this.m + b]!;
    }

    /** Runs 2-opt and Or-opt from the queued nodes until none improves; returns moves applied. */
    optimise(seed: readonly number[]): number {
        const queue: number[] = [];
        let head = 0;
        const push = (x: number): void => {
            if (this.queued[x]) return;
            this.queued[x] = 1;
            queue.push(x);
        };
        for (const x of seed) push(x);
        let moves = 0;
        while (head < queue.length) {
            const a = queue[head++]!;
            this.queued[a] = 0;
            const touched = this.twoOpt(a) ?? this.orOpt(a);
            if (touched) {
                moves++;
                for (const x of touched) push(x);
                push(a);
            }
            if (head > 4096 && head * 2 > queue.length) {
                queue.splice(0, head);
                head = 0;
            }
        }
        return moves;
    }

    /** Best-first 2-opt move at `a` (both tour directions); returns the touched nodes. */
    private twoOpt(a: number): number[] | null {
        for (let dir = 0; dir < 2; dir++) {
            const b = dir === 0 ? this.next(a) : this.prev(a);
            const dab = this.c(a, b);
            for (let q = 0; q < this.k; q++) {
                const c = this.nbr[a * this.k + q]!;
                const dac = this.c(a, c);
                if (dab - dac <= EPS) break;
                const e = dir === 0 ? this.next(c) : this.prev(c);
                if (c === b || e === a) continue;
                const delta = dac + this.c(b, e) - dab - this.c(c, e);
                if (delta < -EPS) {
                    if (dir === 0) this.reverse(this.pos[b]!, this.pos[c]!);
                    else this.reverse(this.pos[c]!, this.pos[b]!);
                    return [a, b, c, e];
                }
            }
        }
        return null;
    }

    /** Reverses the tour from position i forward to position j (or the shorter complement). */
    private reverse(i: number, j: number): void {
        const m = this.m;
        let len = ((j - i + m) % m) + 1;
        if (len * 2 > m) {
            const ni = (j + 1) % m;
            j = (i - 1 + m) % m;
            i = ni;
            len = m - len;
        }
        const { tour, pos } = this;
        for (let s = 0; s < len >> 1; s++) {
            const x = tour[i]!;
            const y = tour[j]!;
            tour[i] = y;
            pos[y] = i;
            tour[j] = x;
            pos[x] = j;
            i = (i + 1) % m;
            j = (j - 1 + m) % m;
        }
    }

    /** First improving Or-opt move of a segment starting at `a`; returns the touched nodes. */
    private orOpt(a: number): number[] | null {
        const m = this.m;
        for (let len = 1; len <= OR_OPT_MAX && len + 3 <= m; len++) {
            const s1 = a;
            const s2 = this.tour[(this.pos[a]! + len - 1) % m]!;
            const p = this.prev(s1);
            const nx = this.next(s2);
            const removeGain = this.c(p, s1) + this.c(s2, nx) - this.c(p, nx);
            if (removeGain <= EPS) continue;
            const inSegment = (x: number): boolean => (this.pos[x]! - this.pos[s1]! + m) % m < len;
            for (let end = 0; end < 2; end++) {
                const s = end === 0 ? s1 : s2;
                for (let q = 0; q < this.k; q++) {
                    const c = this.nbr[s * this.k + q]!;
                    if (removeGain - this.c(s, c) <= EPS) break;
                    if (inSegment(c)) continue;
                    // c next to s: insert after c or before c, turned so s meets c
                    for (let side = 0; side < 2; side++) {
                        const u = side === 0 ? c : this.prev(c);
                        const w = side === 0 ? this.next(c) : c;
                        if (inSegment(u) || inSegment(w)) continue;
                        // s1 first when s1 meets u (s = s1, side 0) or s2 meets w (s = s2, side 1)
                        const forward = (end === 0) === (side === 0);
                        const add = forward
                            ? this.c(u, s1) + this.c(s2, w) - this.c(u, w)
                            : this.c(u, s2) + this.c(s1, w) - this.c(u, w);
                        if (add - removeGain < -EPS) {
                            this.moveSegment(s1, len, u, forward);
                            return [p, nx, s1, s2, u, w];
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Moves the `len` stops from s1 to just after u, reversed unless `forward`. */
    private moveSegment(s1: number, len: number, u: number, forward: boolean): void {
        const m = this.m;
        const { tour, scratch } = this;
        const ps = this.pos[s1]!;
        let w = 0;
        // walk the rest of the tour from just after the segment, dropping the segment in after u
        for (let s = len; s < m; s++) {
            const x = tour[(ps + s) % m]!;
            scratch[w++] = x;
            if (x === u) {
                for (let q = 0; q < len; q++)
                    scratch[w++] = tour[(ps + (forward ? q : len - 1 - q)) % m]!;
            }
        }
        this.load(scratch);
    }

    /** Swaps two adjacent random segments (a double bridge); returns the nodes at its seams. */
    doubleBridge(rng: () => number): number[] {
        const m = this.m;
        const maxLen = Math.max(1, Math.min(KICK_SEGMENT_MAX, Math.floor((m - 2) / 2)));
        const l1 = 1 + Math.floor(rng() * maxLen);
        const l2 = 1 + Math.floor(rng() * maxLen);
        const o = Math.floor(rng() * m);
        const { tour, scratch } = this;
        for (let q = 0; q < l1 + l2; q++) scratch[q] = tour[(o + 1 + q) % m]!;
        // segment C (l2 stops) first, then B (l1 stops)
        for (let q = 0; q < l2; q++) {
            const p = (o + 1 + q) % m;
            tour[p] = scratch[l1 + q]!;
            this.pos[tour[p]!] = p;
        }
        for (let q = 0; q < l1; q++) {
            const p = (o + 1 + l2 + q) % m;
            tour[p] = scratch[q]!;
            this.pos[tour[p]!] = p;
        }
        const at = (q: number): number => tour[(o + q + m) % m]!;
        return [at(0), at(1), at(l2), at(l2 + 1), at(l1 + l2), at(l1 + l2 + 1)];
    }
}
