/**
 * Salesforce-style record ids: 15 case-sensitive base-62 characters plus the 3-character
 * case-safe suffix (the documented checksum over the upper-case positions of each 5-char chunk).
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/** The 3-character case-safe suffix of a 15-character id. */
export function idSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let flags = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charCodeAt(chunk * 5 + i);
            if (c >= 65 && c <= 90) flags |= 1 << i;
        }
        suffix += SUFFIX_CHARS[flags];
    }
    return suffix;
}

/**
 * Normalises a 15- or 18-character id to its 18-character form; undefined when it is not an id.
 * An 18-character id whose suffix does not match its first 15 characters is rejected, as the
 * platform does (MALFORMED_ID).
 */
export function normalizeId(value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    if (ID_15.test(value)) return value + idSuffix(value);
    if (ID_18.test(value)) {
        const head = value.slice(0, 15);
        return value.slice(15).toUpperCase() === idSuffix(head) ? head + idSuffix(head) : undefined;
    }
    return undefined;
}

/** Issues ids with a fixed key prefix: prefix + pod "5g" + "0" + 2-char zero + 7-char counter. */
export class IdFactory {
    private counters = new Map<string, number>();

    next(prefix: string): string {
        const n = (this.counters.get(prefix) ?? 0) + 1;
        this.counters.set(prefix, n);
        let body = '';
        let rest = n;
        for (let i = 0; i < 7; i++) {
            body = BASE62[rest % 62] + body;
            rest = Math.floor(rest / 62);
        }
        const id15 = `${prefix}5g000${body}`;
        return id15 + idSuffix(id15);
    }
}
