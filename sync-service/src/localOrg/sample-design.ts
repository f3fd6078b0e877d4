/**
 * The sample org's territory design, as a sales-ops team would have drawn it: postal units split
 * into compact, contiguous areas of equal business (recursive bisection of the units' weight, in
 * proportion to the reps' capacities), each rep living where the business of their area is (the
 * weighted medoid of its units).
 */

/** Postal units (ZIPs) with a centroid, measures to balance and a design weight (their sum). */
export interface DesignUnits {
    lat: Float64Array;
    lon: Float64Array;
    /** per measure, each unit's share of the total (each column sums to 1) */
    measures: Float64Array[];
    weight: Float64Array;
}

/** Approximate km between two points (equirectangular; fine for generation). */
export function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
    const dx = (lon1 - lon2) * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180)) * 111.32;
    const dy = (lat1 - lat2) * 110.57;
    return Math.sqrt(dx * dx + dy * dy);
}

/**
 * Splits the units with weight > 0 among reps in proportion to `capacity`: the units of an area are
 * cut across their longer spread at the capacity-weighted quantile, recursively. Returns the area
 * (rep index) of each unit, −1 for units of weight 0.
 */
export function bisectUnits(units: DesignUnits, capacity: readonly number[]): Int32Array {
    const n = units.weight.length;
    const area = new Int32Array(n).fill(-1);
    const ids: number[] = [];
    for (let u = 0; u < n; u++) if (units.weight[u]! > 0) ids.push(u);
    const reps = capacity.map((_, r) => r);
    split(ids, reps);
    return area;

    function split(us: number[], rs: number[]): void {
        if (rs.length === 1) {
            for (const u of us) area[u] = rs[0]!;
            return;
        }
        const half = rs.length >> 1;
        const left = rs.slice(0, half);
        const right = rs.slice(half);
        const capLeft = left.reduce((s, r) => s + capacity[r]!, 0);
        const capAll = capLeft + right.reduce((s, r) => s + capacity[r]!, 0);
        // The longer weighted spread, in km (longitude shrunk by the cosine of the mean latitude).
        let w = 0;
        let mLat = 0;
        let mLon = 0;
        for (const u of us) {
            const x = units.weight[u]!;
            w += x;
            mLat += x * units.lat[u]!;
            mLon += x * units.lon[u]!;
        }
        mLat /= w || 1;
        mLon /= w || 1;
        const shrink = Math.cos(mLat * (Math.PI / 180));
        let vLat = 0;
        let vLon = 0;
        for (const u of us) {
            const x = units.weight[u]!;
            vLat += x * (units.lat[u]! - mLat) ** 2;
            vLon += x * ((units.lon[u]! - mLon) * shrink) ** 2;
        }
        const key = vLon > vLat ? units.lon : units.lat;
        const sorted = [...us].sort((a, b) => key[a]! - key[b]! || a - b);
        const need = (w * capLeft) / capAll;
        let acc = 0;
        let cut = 0;
        // Cut where the running weight comes closest to the left reps' share.
        while (cut < sorted.length) {
            const next = acc + units.weight[sorted[cut]!]!;
            if (Math.abs(next - need) > Math.abs(acc - need)) break;
            acc = next;
            cut++;
        }
        split(sorted.slice(0, cut), left);
        split(sorted.slice(cut), right);
    }
}

/**
 * The unit of an area that minimises the weighted km to the area's units (among its heaviest
 * `candidates`), i.e. where a rep serving the area should live; −1 for an empty area.
 */
export function areaMedoid(
    units: DesignUnits,
    area: Int32Array,
    rep: number,
    candidates = 48
): number {
    const members: number[] = [];
    for (let u = 0; u < area.length; u++) if (area[u] === rep) members.push(u);
    if (members.length === 0) return -1;
    const heaviest = [...members]
        .sort((a, b) => units.weight[b]! - units.weight[a]! || a - b)
        .slice(0, candidates);
    let best = heaviest[0]!;
    let bestCost = Infinity;
    for (const c of heaviest) {
        let cost = 0;
        for (const u of members)
            cost +=
                units.weight[u]! * km(units.lat[u]!, units.lon[u]!, units.lat[c]!, units.lon[c]!);
        if (cost < bestCost) {
            bestCost = cost;
            best = c;
        }
    }
    return best;
}

/** Index of the nearest of `homes` (skipping `skip`), by km. */
export function nearestHome(
    lat: number,
    lon: number,
    homes: readonly { lat: number; lon: number }[],
    skip = -1
): number {
    let best = -1;
    let bestKm = Infinity;
    for (let r = 0; r < homes.length; r++) {
        if (r === skip) continue;
        const d = km(lat, lon, homes[r]!.lat, homes[r]!.lon);
        if (d < bestKm) {
            bestKm = d;
            best = r;
        }
    }
    return best;
}

/**
 * Refines areas into compact areas of equal business around the reps' homes, in rounds: each unit
 * goes to the home minimising km + the rep's prices (one per measure, raised where an area is over
 * its share), the most balanced assignment is kept and repaired by border moves, and each home
 * moves to the medoid of its new area. Every rep ends living where the business of their area is.
 * Returns the areas and the home unit of each rep.
 */
export function balanceAreas(
    units: DesignUnits,
    capacity: readonly number[],
    start: Int32Array,
    rounds = 4
): { area: Int32Array; home: Int32Array } {
    const n = units.weight.length;
    const k = capacity.length;
    let area = Int32Array.from(start);
    const home = new Int32Array(k);
    const M = units.measures.length;
    const capSum = capacity.reduce((s, c) => s + c, 0);
    const target = new Float64Array(k * M);
    for (let m = 0; m < M; m++) {
        let total = 0;
        for (let u = 0; u < n; u++) if (area[u]! >= 0) total += units.measures[m]![u]!;
        for (let r = 0; r < k; r++) target[r * M + m] = (total * capacity[r]!) / capSum;
    }
    const C = Math.min(k, 10);
    const cand = new Int32Array(n * C);
    const candKm = new Float64Array(n * C);
    const price = new Float64Array(k * M);
    const load = new Float64Array(k * M);
    let scale = 0;
    const order = new Int32Array(k);
    const dist = new Float64Array(k);
    for (let round = 0; round <= rounds; round++) {
        for (let r = 0; r < k; r++) home[r] = areaMedoid(units, area, r);
        if (round === rounds || k === 1) break;
        // Each unit's nearest homes, and a km scale: the weighted km to the second nearest.
        scale = 0;
        for (let u = 0; u < n; u++) {
            if (area[u]! < 0) continue;
            for (let r = 0; r < k; r++) {
                order[r] = r;
                const h = home[r]!;
                dist[r] =
                    h < 0
                        ? Infinity
                        : km(units.lat[u]!, units.lon[u]!, units.lat[h]!, units.lon[h]!);
            }
            const sorted = Array.from(order).sort((a, b) => dist[a]! - dist[b]! || a - b);
            for (let c = 0; c < C; c++) {
                cand[u * C + c] = sorted[c]!;
                candKm[u * C + c] = dist[sorted[c]!]!;
            }
            scale += (units.weight[u]! * candKm[u * C + Math.min(1, C - 1)]!) / M;
        }
        // Prices per measure by a damped, decaying proportional rule; keep the most balanced.
        let best = Infinity;
        let bestArea = area;
        const next = Int32Array.from(area);
        price.fill(0);
        const iterations = 120;
        for (let t = 0; t < iterations; t++) {
            load.fill(0);
            for (let u = 0; u < n; u++) {
                if (area[u]! < 0) continue;
                let b = -1;
                let bc = Infinity;
                for (let c = 0; c < C; c++) {
                    const r = cand[u * C + c]!;
                    let cost = candKm[u * C + c]!;
                    for (let m = 0; m < M; m++)
                        cost += price[r * M + m]! * units.measures[m]![u]! * n;
                    if (cost < bc) {
                        bc = cost;
                        b = r;
                    }
                }
                next[u] = b;
                for (let m = 0; m < M; m++) load[b * M + m]! += units.measures[m]![u]!;
            }
            let dev = 0;
            for (let r = 0; r < k; r++)
                for (let m = 0; m < M; m++)
                    dev = Math.max(dev, Math.abs(load[r * M + m]! / target[r * M + m]! - 1));
            if (dev < best) {
                best = dev;
                bestArea = Int32Array.from(next);
            }
            // A price is km for a unit of average size.
            const step = scale * (1 - t / iterations);
            for (let r = 0; r < k; r++)
                for (let m = 0; m < M; m++)
                    price[r * M + m]! += step * (load[r * M + m]! / target[r * M + m]! - 1);
        }
        area = bestArea;
        if (round === rounds - 1) repair();
    }
    return { area, home };

    /**
     * Moves border units (units that have the rep among their six nearest homes) between areas:
     * out of the area furthest above its share, to the nearby rep that costs the fewest extra km
     * without ending more loaded than that area; or into the area furthest below its share, from
     * a neighbour that stays less short. Until every area is within `REPAIR_BAND` or no such move
     * is left.
     */
    function repair(): void {
        load.fill(0);
        for (let u = 0; u < n; u++)
            if (area[u]! >= 0)
                for (let m = 0; m < M; m++) load[area[u]! * M + m]! += units.measures[m]![u]!;
        // Units that may go to each rep: those having it among their few nearest homes.
        const near: number[][] = Array.from({ length: k }, () => []);
        const reach = Math.min(C, 6);
        for (let u = 0; u < n; u++)
            if (area[u]! >= 0) for (let c = 0; c < reach; c++) near[cand[u * C + c]!]!.push(u);
        const kmTo = (u: number, r: number): number => {
            for (let c = 0; c < C; c++) if (cand[u * C + c] === r) return candKm[u * C + c]!;
            const h = home[r]!;
            return km(units.lat[u]!, units.lon[u]!, units.lat[h]!, units.lon[h]!);
        };
        const devOf = (r: number, u: number, sign: number): [number, number] => {
            let hi = -Infinity;
            let lo = Infinity;
            for (let m = 0; m < M; m++) {
                const d =
                    (load[r * M + m]! + sign * units.measures[m]![u]!) / target[r * M + m]! - 1;
                hi = Math.max(hi, d);
                lo = Math.min(lo, d);
            }
            return [hi, lo];
        };
        const stuck = new Uint8Array(k);
        for (let step = 0; step < 3 * n; step++) {
            // The rep furthest outside the band, over or under.
            let worst = -1;
            let worstGap = REPAIR_BAND;
            let pushing = true;
            for (let r = 0; r < k; r++) {
                if (stuck[r]) continue;
                for (let m = 0; m < M; m++) {
                    const d = load[r * M + m]! / target[r * M + m]! - 1;
                    if (Math.abs(d) > worstGap) {
                        worstGap = Math.abs(d);
                        worst = r;
                        pushing = d > 0;
                    }
                }
            }
            if (worst < 0) return;
            let bestU = -1;
            let bestTo = -1;
            let bestCost = Infinity;
            if (pushing) {
                // A unit of this area to a nearby rep that stays below this rep's excess.
                for (const u of near[worst]!) {
                    if (area[u] !== worst) continue;
                    const here = kmTo(u, worst);
                    for (let c = 0; c < reach; c++) {
                        const to = cand[u * C + c]!;
                        if (to === worst || devOf(to, u, 1)[0] >= worstGap) continue;
                        const cost = candKm[u * C + c]! - here;
                        if (cost < bestCost) {
                            bestCost = cost;
                            bestU = u;
                            bestTo = to;
                        }
                    }
                }
            } else {
                // A nearby unit of another area that stays above this rep's shortfall.
                for (const u of near[worst]!) {
                    const from = area[u]!;
                    if (from === worst || devOf(from, u, -1)[1] <= -worstGap) continue;
                    const cost = kmTo(u, worst) - kmTo(u, from);
                    if (cost < bestCost) {
                        bestCost = cost;
                        bestU = u;
                        bestTo = worst;
                    }
                }
            }
            if (bestU < 0) {
                stuck[worst] = 1;
                continue;
            }
            const from = area[bestU]!;
            area[bestU] = bestTo;
            for (let m = 0; m < M; m++) {
                load[from * M + m]! -= units.measures[m]![bestU]!;
                load[bestTo * M + m]! += units.measures[m]![bestU]!;
            }
            stuck.fill(0);
        }
    }
}

/** The design's balance band: areas within 3 % of their share on every measure. */
const REPAIR_BAND = 0.03;

/**
 * The design as many sales-ops teams draw it: on 3-digit ZIP prefixes (sectional centres), the
 * coarse units territory rules are written with ("postal code starts with 303"), rather than on
 * ZIP codes. The prefixes' business is split by `bisectUnits` and refined by `balanceAreas`;
 * every ZIP then belongs to its prefix's area and each rep lives at the weighted medoid of their
 * area's ZIPs. `prefix[u]` is the prefix of ZIP unit u; returns the area of each ZIP unit (−1
 * for a prefix without business) and each rep's home unit.
 */
export function designByPrefix(
    units: DesignUnits,
    prefix: readonly string[],
    capacity: readonly number[]
): { area: Int32Array; home: Int32Array } {
    const index = new Map<string, number>();
    const of = Int32Array.from(prefix, (p) => {
        let i = index.get(p);
        if (i === undefined) {
            i = index.size;
            index.set(p, i);
        }
        return i;
    });
    const m = index.size;
    const grouped: DesignUnits = {
        lat: new Float64Array(m),
        lon: new Float64Array(m),
        measures: units.measures.map(() => new Float64Array(m)),
        weight: new Float64Array(m)
    };
    // a prefix sits at the business-weighted centre of its ZIPs (a tiny floor keeps prefixes
    // whose ZIPs have no business yet at their plain centre)
    const mass = new Float64Array(m);
    for (let u = 0; u < of.length; u++) {
        const a = of[u]!;
        const w = units.weight[u]! + 1e-9;
        grouped.lat[a]! += units.lat[u]! * w;
        grouped.lon[a]! += units.lon[u]! * w;
        mass[a]! += w;
        grouped.weight[a]! += units.weight[u]!;
        units.measures.forEach((col, j) => (grouped.measures[j]![a]! += col[u]!));
    }
    for (let a = 0; a < m; a++) {
        grouped.lat[a]! /= mass[a]!;
        grouped.lon[a]! /= mass[a]!;
    }
    const design = balanceAreas(grouped, capacity, bisectUnits(grouped, capacity));
    const area = Int32Array.from(of, (a) => design.area[a]!);
    const home = Int32Array.from(capacity, (_, r) => areaMedoid(units, area, r));
    return { area, home };
}
