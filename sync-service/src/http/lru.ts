/**
 * A small least-recently-used map with a maximum entry count: reading an entry makes it the most
 * recent; adding one beyond the limit drops the least recent. Used by the compare caches.
 */
export class Lru<K, V> {
    readonly maxEntries: number;
    private readonly entries = new Map<K, V>();

    constructor(maxEntries: number) {
        this.maxEntries = maxEntries;
        if (!Number.isInteger(maxEntries) || maxEntries < 1)
            throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    }

    get size(): number {
        return this.entries.size;
    }

    get(key: K): V | undefined {
        const value = this.entries.get(key);
        if (value === undefined) return undefined;
        this.entries.delete(key);
        this.entries.set(key, value);
        return value;
    }

    set(key: K, value: V): void {
        this.entries.delete(key);
        this.entries.set(key, value);
        while (this.entries.size > this.maxEntries) {
            const oldest = this.entries.keys().next();
            if (oldest.done) break;
            this.entries.delete(oldest.value);
        }
    }

    /** The values, least recent first, without changing their order. */
    values(): IterableIterator<V> {
        return this.entries.values();
    }

    delete(key: K): boolean {
        return this.entries.delete(key);
    }

    clear(): void {
        this.entries.clear();
    }
}
