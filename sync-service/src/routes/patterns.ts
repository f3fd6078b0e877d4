/**
 * Visit-day patterns of the periodic routing problem (Christofides & Beasley 1984; Cordeau,
 * Gendreau & Laporte 1997): an account visited f times over D days may take any of a list of day
 * sets. Ours are the evenly spread ones: f visits about D ÷ f days apart, from every start day,
 * so twice a week is Mon–Wed/Thu, Tue–Thu/Fri… and never two days running when D ≥ 2f.
 */

/**
 * The spread patterns of `visits` distinct days among `days` (0-based day sets, each sorted; the
 * list sorted lexicographically, no duplicates). `visits` ≥ days gives the one pattern of all days.
 */
export function visitPatterns(visits: number, days: number): number[][] {
    if (visits <= 0) return [[]];
    if (visits >= days) return [Array.from({ length: days }, (_, d) => d)];
    const seen = new Set<string>();
    const out: number[][] = [];
    for (let start = 0; start < days; start++) {
        const set = new Set<number>();
        for (let q = 0; q < visits; q++) set.add((start + Math.round((q * days) / visits)) % days);
        if (set.size !== visits) continue;
        const p = [...set].sort((a, b) => a - b);
        const key = p.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(p);
    }
    return out.sort((a, b) => {
        for (let q = 0; q < a.length; q++) if (a[q] !== b[q]) return a[q]! - b[q]!;
        return 0;
    });
}
