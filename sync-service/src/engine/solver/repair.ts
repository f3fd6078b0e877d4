/**
 * Repair toward a band around the targets: single moves that reduce the violation, cheapest per
 * unit of violation first, then two-move ejection chains when single moves stall.
 */
import { WorkBudget } from '../effort.js';
import { lowerWorstStepwise } from '../worst-deviation.js';
import type { MoveContext } from './moves.js';
import { PlanMoves } from './moves.js';
import { ScoreHeap } from './score-heap.js';

/** two-move evaluations one ejection-chain call may spend */
const EJECTION_WORK = 20_000_000;
/** ejection chains: candidates tried per move, and members per rep tried as a chain's first move */
const EJECTION_KQ = 8;
const EJECTION_TOP = 32;

/**
 * Repair: accept only moves that reduce the violation beyond `band`; among them prefer the
 * cheapest per unit of violation removed. Then two-move ejection chains for what is left.
 */
export function repair(
    plan: MoveContext,
    band: number,
    newReps: Uint8Array | null = null,
    fewest = false,
    limits: RepairLimits = {}
): void {
    new Repair(plan, band, newReps, fewest, limits).run();
}

/** What one repair call may spend beyond its own per-call limits. */
export interface RepairLimits {
    /** a budget shared across calls: each pass spends the number of accounts; stops when spent */
    passes?: WorkBudget;
}

/**
 * repairWorst stops once its repair passes have visited this many accounts in all (200 passes at
 * 100k accounts, every pass it needs below ~10k): a rep with an oversized account zig-zags between
 * its measures, one or two moves a pass, and at 100k × 100 the steps took 10 s unbounded
 */
const WORST_WORK = 20_000_000;

/**
 * For a plan still out of tolerance after repair (mostly one the tolerance cannot hold: an
 * account above its rep's whole target, too much locked): lowers the worst deviation step by
 * step (lowerWorstStepwise), each step a repair toward a band just under it. Repair alone
 * minimises the squared excess summed over measures, which leaves the rep with an oversized
 * account high on that measure so that its other measures stay near target.
 */
export function repairWorst(
    plan: MoveContext,
    tolerance: number,
    newReps: Uint8Array | null
): void {
    const { state } = plan;
    const passes = new WorkBudget(WORST_WORK);
    lowerWorstStepwise(
        {
            assign: state.assign,
            worst: () => state.maxDeviation(),
            step: (band) => repair(plan, band, newReps, false, { passes }),
            mayStep: () => !plan.problem.clock.reached() && !passes.exhausted,
            reload: () => state.recompute()
        },
        tolerance
    );
}

/** Every account's index grouped by rep: members[mStart[r], mStart[r + 1]) are r's accounts. */
function groupByRep(assign: Int32Array, k: number, members: Int32Array, mStart: Int32Array): void {
    const n = assign.length;
    mStart.fill(0);
    for (let i = 0; i < n; i++) mStart[assign[i]! + 1]!++;
    for (let r = 0; r < k; r++) mStart[r + 1]! += mStart[r]!;
    const fill = mStart.slice(0, k);
    for (let i = 0; i < n; i++) members[fill[assign[i]!]!++] = i;
}

class Repair extends PlanMoves {
    private readonly band: number;
    private readonly fewest: boolean;
    /** a rep new to the current plan grows its patch around its home: nearest accounts first */
    private readonly isNew: Uint8Array;
    private readonly members: Int32Array;
    private readonly mStart: Int32Array;
    /** the improving moves found for one rep: account, target rep, score (lowest first) */
    private readonly movesI: number[] = [];
    private readonly movesS: number[] = [];
    private readonly movesScore: number[] = [];
    /** every rep's violation while one rep's moves are collected (the loads do not change then) */
    private readonly vNow: Float64Array;
    /**
     * Skipping reps with nothing to do: moves made so far (`tick`), when each rep last gained or
     * lost an account, and, for a rep whose last collection found no move, when that was and the
     * reps its moves would have involved. Whether a move helps depends only on the loads of its
     * two reps, so until one of those changes the rep still has no move and is not collected.
     */
    private tick = 0;
    private readonly changedAt: Int32Array;
    private readonly emptyAt: Int32Array;
    private readonly involved: Int32Array[];
    private readonly mark: Int32Array;
    private markStamp = 0;
    private heapBuffer: Int32Array | undefined;

    private readonly passes: WorkBudget | undefined;
    constructor(
        plan: MoveContext,
        band: number,
        newReps: Uint8Array | null,
        fewest: boolean,
        limits: RepairLimits
    ) {
        super(plan);
        this.passes = limits.passes;
        this.band = band;
        this.fewest = fewest;
        const { n, k } = this.problem;
        this.isNew = newReps ?? new Uint8Array(k);
        this.members = new Int32Array(n);
        this.mStart = new Int32Array(k + 1);
        this.vNow = new Float64Array(k);
        this.changedAt = new Int32Array(k);
        this.emptyAt = new Int32Array(k).fill(-1);
        this.involved = new Array<Int32Array>(k);
        this.mark = new Int32Array(k).fill(-1);
    }

    run(): void {
        const { problem, state, band } = this;
        const k = problem.k;
        for (let pass = 0; pass < 200; pass++) {
            if (problem.clock.reached()) return;
            if (this.passes && !this.passes.spend(problem.n)) return;
            groupByRep(state.assign, k, this.members, this.mStart);
            const viol = new Float64Array(k);
            const order: number[] = [];
            for (let r = 0; r < k; r++) {
                viol[r] = state.viol(r, -1, 0, band);
                if (viol[r]! > 0) order.push(r);
            }
            if (order.length === 0) return;
            order.sort((x, y) => viol[y]! - viol[x]! || x - y);
            let moved = 0;
            for (const r of order) {
                if (state.viol(r, -1, 0, band) === 0 || this.stillNothingToDo(r)) continue;
                this.collectMoves(r);
                if (this.movesI.length === 0) this.noteNothingToDo(r);
                else this.emptyAt[r] = -1;
                moved += this.applyMoves(r);
            }
            if (moved === 0 && !this.ejectionChains()) return;
        }
    }

    /** Moves account i to rep `to`, noting when both reps changed. */
    private moveAccount(i: number, to: number): void {
        const from = this.state.assign[i]!;
        this.state.move(i, to);
        this.tick++;
        this.changedAt[from] = this.tick;
        this.changedAt[to] = this.tick;
    }

    /** Rep r's last collection found no move and none of the reps involved has changed since. */
    private stillNothingToDo(r: number): boolean {
        const since = this.emptyAt[r]!;
        if (since < 0 || this.changedAt[r]! > since) return false;
        for (const s of this.involved[r]!) if (this.changedAt[s]! > since) return false;
        return true;
    }

    /** Notes that rep r has no move now, and the reps its moves involve (out of r and into r). */
    private noteNothingToDo(r: number): void {
        const { problem, table, members, mStart, mark } = this;
        const { fixed } = problem;
        const { K, rep, revStart, rev } = table;
        const assign = this.state.assign;
        const list: number[] = [];
        const stamp = ++this.markStamp;
        const add = (s: number): void => {
            if (mark[s] !== stamp) {
                mark[s] = stamp;
                list.push(s);
            }
        };
        for (let p = mStart[r]!; p < mStart[r + 1]!; p++) {
            const i = members[p]!;
            if (fixed[i]! >= 0 || assign[i] !== r) continue;
            for (let q = 0; q < K; q++) add(rep[i * K + q]!);
        }
        for (let p = revStart[r]!; p < revStart[r + 1]!; p++) {
            const j = rev[p]!;
            if (fixed[j]! < 0) add(assign[j]!);
        }
        this.involved[r] = Int32Array.from(list);
        this.emptyAt[r] = this.tick;
    }

    /** The stay bonus of account i (a postal unit's counts once per account it holds). */
    private stayOf(i: number): number {
        const tw = this.problem.tw;
        return tw ? this.stay * tw[i]! : this.stay;
    }

    /** Travel and stay bonus that moving account i from → to costs. */
    private moveCost(i: number, from: number, to: number): number {
        return this.exitCost(i, this.kmOf(i, from), from, to);
    }

    /** moveCost with the km from i to `from` given (a scan of i's candidate row, read once). */
    private exitCost(i: number, kmFrom: number, from: number, to: number): number {
        const cur = this.problem.cur;
        const stay = this.stayOf(i);
        return (
            this.kmOf(i, to) - kmFrom + (cur[i] === from ? stay : 0) - (cur[i] === to ? stay : 0)
        );
    }

    /** Change of the violation beyond the band if account i moved from → to. */
    private delta(i: number, from: number, to: number): number {
        const { state, band } = this;
        return (
            state.viol(from, i, -1, band) +
            state.viol(to, i, 1, band) -
            state.viol(from, -1, 0, band) -
            state.viol(to, -1, 0, band)
        );
    }

    /** The moves out of and into rep r that reduce the violation. */
    private collectMoves(r: number): void {
        const { problem, state, table, band, members, mStart } = this;
        const { k, fixed } = problem;
        const { K, rep, revStart, rev } = table;
        const assign = state.assign;
        this.movesI.length = 0;
        this.movesS.length = 0;
        this.movesScore.length = 0;
        for (let s = 0; s < k; s++) this.vNow[s] = state.viol(s, -1, 0, band);
        // moves out of r
        for (let p = mStart[r]!; p < mStart[r + 1]!; p++) {
            const i = members[p]!;
            if (fixed[i]! >= 0 || assign[i] !== r) continue;
            const vFrom = state.viol(r, i, -1, band);
            for (let q = 0; q < K; q++) {
                const s = rep[i * K + q]!;
                if (s !== r) this.consider(i, r, s, vFrom);
            }
        }
        // moves into r
        for (let p = revStart[r]!; p < revStart[r + 1]!; p++) {
            const j = rev[p]!;
            const from = assign[j]!;
            if (fixed[j]! >= 0 || from === r) continue;
            this.consider(j, from, r, state.viol(from, j, -1, band));
        }
    }

    /** `delta` with the violation of `from` without i given (`vFrom`), the rest cached */
    private consider(i: number, from: number, to: number, vFrom: number): void {
        const vNow = this.vNow;
        const dv = vFrom + this.state.viol(to, i, 1, this.band) - vNow[from]! - vNow[to]!;
        if (dv >= -1e-18) return;
        this.movesI.push(i);
        this.movesS.push(to);
        // fewest moves: the move removing the most violation first
        this.movesScore.push(
            this.isNew[to]
                ? this.kmOf(i, to) - 1e12
                : this.fewest
                  ? dv
                  : this.moveCost(i, from, to) / -dv
        );
    }

    /** Applies rep r's collected moves, best first, while each still helps; returns the count. */
    private applyMoves(r: number): number {
        const { state, band, movesI, movesS, movesScore, isNew } = this;
        const assign = state.assign;
        let moved = 0;
        // best first; most reps stop after a few moves, so popped one by one, not sorted
        const order = new ScoreHeap(movesScore, movesScore.length, this.heapBuffer);
        this.heapBuffer = order.buffer;
        for (let q = order.pop(); q >= 0; q = order.pop()) {
            const i = movesI[q]!;
            const to = movesS[q]!;
            const from = assign[i]!;
            if (from === to || (from !== r && to !== r)) continue;
            if (this.delta(i, from, to) < -1e-18) {
                this.moveAccount(i, to);
                moved++;
                // fewest moves: re-rank after each move (the next best may have changed)
                if (state.viol(r, -1, 0, band) === 0 || (this.fewest && !isNew[to])) break;
            }
        }
        return moved;
    }

    /**
     * Two-move ejection chains i: r→s, j: s→t whose combined effect reduces the violation, for
     * violating reps where no single move does. Only each rep's cheapest ways out are tried.
     */
    private ejectionChains(): boolean {
        const { problem, state, band } = this;
        // effort: at most EJECTION_WORK two-move evaluations per call
        const work = new WorkBudget(EJECTION_WORK);
        const cache = new Map<number, number[]>();
        const top = (r: number): number[] => {
            let t = cache.get(r);
            if (!t) cache.set(r, (t = this.cheapestExits(r)));
            return t;
        };
        let improved = false;
        for (let r = 0; r < problem.k; r++) {
            if (work.exhausted || problem.clock.reached()) break;
            if (state.viol(r, -1, 0, band) === 0) continue;
            const chain = this.bestChain(r, top, work);
            if (chain) {
                const [i, s, j, t] = chain;
                this.moveAccount(i, s);
                this.moveAccount(j, t);
                cache.delete(r);
                cache.delete(s);
                cache.delete(t);
                improved = true;
            }
        }
        return improved;
    }

    /** the EJECTION_TOP members of r with the cheapest move out (to one of their first KQ reps) */
    private cheapestExits(r: number): number[] {
        const { members, mStart } = this;
        const fixed = this.problem.fixed;
        const { K, rep } = this.table;
        const assign = this.state.assign;
        const KQ = Math.min(K, EJECTION_KQ);
        const list: { i: number; c: number }[] = [];
        for (let p = mStart[r]!; p < mStart[r + 1]!; p++) {
            const i = members[p]!;
            if (fixed[i]! >= 0 || assign[i] !== r) continue;
            const kmR = this.kmOf(i, r);
            let c = Infinity;
            for (let q = 0; q < KQ; q++) {
                const t = rep[i * K + q]!;
                if (t !== r) c = Math.min(c, this.exitCost(i, kmR, r, t));
            }
            list.push({ i, c });
        }
        list.sort((x, y) => x.c - y.c || x.i - y.i);
        return list.slice(0, EJECTION_TOP).map((e) => e.i);
    }

    /**
     * The two-move chain i: r→s, j: s→t that removes the most violation of violating rep r
     * (the cheapest among nearly equal ones), or null when none removes any.
     */
    private bestChain(
        r: number,
        top: (r: number) => number[],
        work: WorkBudget
    ): [number, number, number, number] | null {
        const { state, band } = this;
        const { K, rep } = this.table;
        const assign = state.assign;
        const KQ = Math.min(K, EJECTION_KQ);
        let bestGain = 0;
        let bestCost = Infinity;
        let best: [number, number, number, number] | null = null;
        // only r and s change load below (i moves between them and back): every other rep's
        // violation is read once here
        const vNow = this.vNow;
        for (let t = 0; t < this.problem.k; t++) vNow[t] = state.viol(t, -1, 0, band);
        for (const i of top(r)) {
            for (let q = 0; q < KQ; q++) {
                const s = rep[i * K + q]!;
                if (s === r) continue;
                const g1 =
                    state.viol(r, -1, 0, band) +
                    state.viol(s, -1, 0, band) -
                    state.viol(r, i, -1, band) -
                    state.viol(s, i, 1, band);
                state.move(i, s);
                // s's violation with i, and without j, do not depend on the second move's target
                const vS = state.viol(s, -1, 0, band);
                const vR = state.viol(r, -1, 0, band);
                const tops = top(s);
                work.spend(tops.length * KQ);
                for (const j of tops) {
                    if (j === i || assign[j] !== s) continue;
                    const vSj = state.viol(s, j, -1, band);
                    for (let q2 = 0; q2 < KQ; q2++) {
                        const t = rep[j * K + q2]!;
                        if (t === s) continue;
                        const g2 = vS + (t === r ? vR : vNow[t]!) - vSj - state.viol(t, j, 1, band);
                        const gain = g1 + g2;
                        if (gain <= 1e-18) continue;
                        const c = this.moveCost(i, r, s) + this.moveCost(j, s, t);
                        if (
                            gain > bestGain * 1.000001 ||
                            (gain >= bestGain * 0.999999 && c < bestCost)
                        ) {
                            bestGain = gain;
                            bestCost = c;
                            best = [i, s, j, t];
                        }
                    }
                }
                state.move(i, r);
            }
        }
        return best;
    }
}
