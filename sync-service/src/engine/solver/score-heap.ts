/**
 * A binary min-heap of the indices 0 … m−1 keyed by `score[q]`, ties by the smaller index: pops
 * them in the order a stable sort by score would give, but builds in O(m) and pays O(log m) only
 * per index popped, for callers that stop after a few.
 */
export class ScoreHeap {
    private readonly score: ArrayLike<number>;
    private heap: Int32Array;
    private size = 0;

    constructor(score: ArrayLike<number>, m: number, reuse?: Int32Array) {
        this.score = score;
        this.heap = reuse && reuse.length >= m ? reuse : new Int32Array(Math.max(m, 16));
        for (let q = 0; q < m; q++) this.heap[q] = q;
        this.size = m;
        for (let p = (m >> 1) - 1; p >= 0; p--) this.down(p);
    }

    /** The storage, to hand to the next heap (avoids an allocation per use). */
    get buffer(): Int32Array {
        return this.heap;
    }

    /** The index with the lowest score (ties: the lowest index), or −1 when empty. */
    pop(): number {
        if (this.size === 0) return -1;
        const top = this.heap[0]!;
        this.size--;
        if (this.size > 0) {
            this.heap[0] = this.heap[this.size]!;
            this.down(0);
        }
        return top;
    }

    private less(a: number, b: number): boolean {
        const sa = this.score[a]!;
        const sb = this.score[b]!;
        return sa < sb || (sa === sb && a < b);
    }

    private down(p: number): void {
        const heap = this.heap;
        const size = this.size;
        const x = heap[p]!;
        for (;;) {
            let c = 2 * p + 1;
            if (c >= size) break;
            if (c + 1 < size && this.less(heap[c + 1]!, heap[c]!)) c++;
            if (!this.less(heap[c]!, x)) break;
            heap[p] = heap[c]!;
            p = c;
        }
        heap[p] = x;
    }
}
