/**
 * Improvement within the tolerance: border moves, pair swaps and two-move chains that cut travel
 * (+ disruption) without letting any rep's violation beyond a limit grow; then smoothing of the
 * borders by the accounts' nearest neighbours.
 */
import type { MoveContext } from './moves.js';
import { PlanMoves } from './moves.js';
import type { State } from './state.js';
import type { SubProblem } from './types.js';

/** blocked moves per direction tried for swaps between two reps */
const SWAP_TOP = 24;
/** members per rep with the best ways out, tried as a chain's second move */
const CHAIN_TOP = 48;

/**
 * Border moves and swaps that reduce travel (+ disruption) while keeping every rep's violation
 * beyond `limit` from growing.
 */
export function improve(
    plan: MoveContext,
    limit: number,
    passes: number,
    nb: Int32Array | null = null,
    onPass?: (f: number) => void
): void {
    const problem = plan.problem;
    const n = problem.n;
    const moves = new TravelMoves(plan, limit, nb);
    for (let pass = 0; pass < passes; pass++) {
        if (problem.clock.reached()) return;
        onPass?.(pass / passes);
        // pending swaps: per account, its best blocked improving move
        const blockedTo = new Int32Array(n).fill(-1);
        const blockedGain = new Float64Array(n);
        let moved = moves.borderMoves(blockedTo, blockedGain);
        moved += moves.swaps(blockedTo, blockedGain);
        moved += moves.chains(blockedTo);
        if (moved === 0) return;
    }
}

/** The moves of `improve`, on one plan with one limit. */
class TravelMoves extends PlanMoves {
    private readonly limit: number;
    private readonly nb: Int32Array | null;
    /** account neighbours per account (nb.length / n), 0 without */
    private readonly NB: number;

    constructor(plan: MoveContext, limit: number, nb: Int32Array | null) {
        super(plan);
        this.limit = limit;
        this.nb = nb;
        this.NB = nb ? nb.length / this.problem.n : 0;
    }

    /**
     * With account neighbours: may account i join territory s (one of its neighbours is in it)?
     * No islands: border moves keep territories from interleaving.
     */
    private adj(i: number, s: number): boolean {
        const { nb, NB } = this;
        if (!nb) return true;
        const assign = this.state.assign;
        for (let q = 0; q < NB; q++) {
            const j = nb[i * NB + q]!;
            if (j >= 0 && assign[j] === s) return true;
        }
        return false;
    }

    /** the stay bonus account i loses in rep r */
    private stayCost(i: number, r: number): number {
        const { cur, tw } = this.problem;
        if (!(cur[i]! >= 0 && cur[i] !== r)) return 0;
        return tw ? this.stay * tw[i]! : this.stay;
    }

    /** travel + disruption saved by moving account i from → to */
    private moveGain(i: number, from: number, to: number): number {
        return (
            this.kmOf(i, from) + this.stayCost(i, from) - this.kmOf(i, to) - this.stayCost(i, to)
        );
    }

    /**
     * Each account's best improving move where the balance allows it; where it does not, the
     * best blocked one is noted (blockedTo, blockedGain) for swaps and chains. Returns the moves.
     */
    borderMoves(blockedTo: Int32Array, blockedGain: Float64Array): number {
        const { n, fixed } = this.problem;
        const { K, rep, km } = this.table;
        const { state, limit } = this;
        const assign = state.assign;
        let moved = 0;
        for (let i = 0; i < n; i++) {
            if (fixed[i]! >= 0) continue;
            const r = assign[i]!;
            const base = this.kmOf(i, r) + this.stayCost(i, r);
            let bestS = -1;
            let bestD = -1e-9;
            let blockS = -1;
            let blockD = -1e-9;
            for (let q = 0; q < K; q++) {
                const s = rep[i * K + q]!;
                if (s === r) continue;
                const c = km[i * K + q]! + this.stayCost(i, s) - base;
                if (c < bestD && this.adj(i, s) && state.moveKeeps(i, r, s, limit)) {
                    bestD = c;
                    bestS = s;
                } else if (c < blockD && this.adj(i, s)) {
                    blockD = c;
                    blockS = s;
                }
            }
            if (bestS >= 0) {
                state.move(i, bestS);
                moved++;
            } else if (blockS >= 0) {
                blockedTo[i] = blockS;
                blockedGain[i] = -blockD;
            }
        }
        return moved;
    }

    /** Pairs of blocked moves in opposite directions between two reps, applied together. */
    swaps(blockedTo: Int32Array, blockedGain: Float64Array): number {
        const { n, k } = this.problem;
        const { state, limit } = this;
        const assign = state.assign;
        const byPair = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
            const s = blockedTo[i]!;
            if (s < 0) continue;
            const key = assign[i]! * k + s;
            let list = byPair.get(key);
            if (!list) byPair.set(key, (list = []));
            list.push(i);
        }
        let done = 0;
        const keys = [...byPair.keys()].sort((x, y) => x - y);
        for (const key of keys) {
            const r = Math.floor(key / k);
            const s = key % k;
            if (r > s) continue;
            const A = byPair.get(key);
            const B = byPair.get(s * k + r);
            if (!A || !B) continue;
            A.sort((x, y) => blockedGain[y]! - blockedGain[x]! || x - y);
            B.sort((x, y) => blockedGain[y]! - blockedGain[x]! || x - y);
            const used = new Set<number>();
            for (const i of A.slice(0, SWAP_TOP)) {
                if (assign[i] !== r) continue;
                for (const j of B.slice(0, SWAP_TOP)) {
                    if (used.has(j) || assign[j] !== s) continue;
                    const gain = this.moveGain(i, r, s) + this.moveGain(j, s, r);
                    if (gain <= 1e-9) continue;
                    if (state.trySwap(i, r, j, s, limit)) {
                        used.add(j);
                        done++;
                        break;
                    }
                }
            }
        }
        return done;
    }

    /**
     * Two-move chains for travel: account i's improving move r→s is blocked by balance; some
     * account j of s moves on to t (its own cheapest alternative, or r) so that both moves
     * together gain and no rep's violation beyond `limit` grows.
     */
    chains(blockedTo: Int32Array): number {
        const { n, fixed } = this.problem;
        const state = this.state;
        const assign = state.assign;
        const { bestTo, top } = this.bestExits();
        let done = 0;
        for (let i = 0; i < n; i++) {
            const s = blockedTo[i]!;
            if (s < 0) continue;
            const r = assign[i]!;
            if (r === s || fixed[i]! >= 0) continue;
            const gi = this.moveGain(i, r, s);
            if (gi <= 0) continue;
            let bestJ = -1;
            let bestT = -1;
            let bestTotal = 1e-9;
            for (const j of top[s]!) {
                if (j === i || assign[j] !== s) continue;
                // j's own best way out, then back to r
                for (let option = 0; option < 2; option++) {
                    const t = option === 0 ? bestTo[j]! : r;
                    if (t < 0 || t === s || !this.adj(j, t)) continue;
                    const g = gi + this.moveGain(j, s, t);
                    if (g <= bestTotal) continue;
                    if (this.chainKeeps(i, r, s, j, t)) {
                        bestTotal = g;
                        bestJ = j;
                        bestT = t;
                    }
                }
            }
            if (bestJ >= 0) {
                state.move(i, s);
                state.move(bestJ, bestT);
                blockedTo[i] = -1;
                done++;
            }
        }
        return done;
    }

    /**
     * Every free account's best move out (bestTo, −1 if none) and, per rep, its CHAIN_TOP
     * members with the best ways out, best first.
     */
    private bestExits(): { bestTo: Int32Array; top: number[][] } {
        const { n, k, fixed } = this.problem;
        const { K, rep } = this.table;
        const assign = this.state.assign;
        const bestTo = new Int32Array(n).fill(-1);
        const bestGain = new Float64Array(n).fill(-Infinity);
        for (let i = 0; i < n; i++) {
            if (fixed[i]! >= 0) continue;
            const r = assign[i]!;
            for (let q = 0; q < K; q++) {
                const t = rep[i * K + q]!;
                if (t === r || !this.adj(i, t)) continue;
                const g = this.moveGain(i, r, t);
                if (g > bestGain[i]!) {
                    bestGain[i] = g;
                    bestTo[i] = t;
                }
            }
        }
        const top: number[][] = Array.from({ length: k }, () => []);
        const byRep: number[][] = Array.from({ length: k }, () => []);
        for (let i = 0; i < n; i++) if (bestTo[i]! >= 0) byRep[assign[i]!]!.push(i);
        for (let r = 0; r < k; r++) {
            const list = byRep[r]!;
            list.sort((x, y) => bestGain[y]! - bestGain[x]! || x - y);
            top[r] = list.slice(0, CHAIN_TOP);
        }
        return { bestTo, top };
    }

    /** Would the chain i: r→s, j: s→t keep the touched reps' violation from growing? */
    private chainKeeps(i: number, r: number, s: number, j: number, t: number): boolean {
        const { state, limit } = this;
        const third = t !== r;
        const before =
            state.viol(r, -1, 0, limit) +
            state.viol(s, -1, 0, limit) +
            (third ? state.viol(t, -1, 0, limit) : 0);
        state.move(i, s);
        state.move(j, t);
        const after =
            state.viol(r, -1, 0, limit) +
            state.viol(s, -1, 0, limit) +
            (third ? state.viol(t, -1, 0, limit) : 0);
        state.move(j, s);
        state.move(i, r);
        return after <= before + 1e-18;
    }
}

/**
 * Shape: an account most of whose nearest accounts lie in one other territory joins it (alone
 * when the tolerance allows, else swapped with an account of that territory in the mirror
 * position), so borders run between neighbourhoods instead of through them. With `cost`, only
 * accounts whose move adds at most `cost.cap` km (cost.extra(i, from, to)) take part.
 */
export function smooth(
    problem: SubProblem,
    state: State,
    nb: Int32Array,
    limit: number,
    need: number,
    cost?: { extra: (i: number, from: number, to: number) => number; cap: number }
): void {
    const { n, k, fixed } = problem;
    const assign = state.assign;
    const wants = neighbourhoodPull(assign, nb, need);
    for (let pass = 0; pass < 4; pass++) {
        let moved = 0;
        const pending = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
            if (fixed[i]! >= 0) continue;
            const s = wants(i);
            if (s < 0) continue;
            const r = assign[i]!;
            if (cost && cost.extra(i, r, s) > cost.cap) continue;
            if (state.moveKeeps(i, r, s, limit)) {
                state.move(i, s);
                moved++;
                continue;
            }
            const key = r * k + s;
            const list = pending.get(key);
            if (list) list.push(i);
            else pending.set(key, [i]);
        }
        for (const [key, A] of pending) {
            const r = Math.floor(key / k);
            const s = key % k;
            if (r > s) continue;
            const B = pending.get(s * k + r);
            if (!B) continue;
            let b = 0;
            for (const i of A) {
                while (b < B.length && assign[B[b]!] !== s) b++;
                if (b >= B.length) break;
                if (assign[i] !== r) continue;
                if (state.trySwap(i, r, B[b]!, s, limit)) {
                    moved += 2;
                    b++;
                }
            }
        }
        if (moved === 0) break;
    }
}

/**
 * For account i: the territory holding at least `need` of its nearest accounts (nb, NB per
 * account) and more of them than its own, or −1.
 */
function neighbourhoodPull(
    assign: Int32Array,
    nb: Int32Array,
    need: number
): (i: number) => number {
    const NB = nb.length / assign.length;
    const cnt = new Map<number, number>();
    return (i: number): number => {
        cnt.clear();
        const r = assign[i]!;
        let own = 0;
        for (let q = 0; q < NB; q++) {
            const j = nb[i * NB + q]!;
            if (j < 0) continue;
            const t = assign[j]!;
            if (t === r) own++;
            else cnt.set(t, (cnt.get(t) ?? 0) + 1);
        }
        let best = -1;
        let bc = 0;
        for (const [t, c] of cnt) if (c > bc || (c === bc && t < best)) [best, bc] = [t, c];
        return bc >= need && bc > own ? best : -1;
    };
}
