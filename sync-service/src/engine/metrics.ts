/**
 * Plan metrics exactly as DESIGN.md defines them: per-rep loads and targets
 * (target = total · cap / Σcap, within the rep's segment), deviation, travel (great-circle km to the
 * home, or to the territory centroid = mean of its accounts' coordinates), disruption versus the
 * current assignment, and convex-hull overlaps between territories of the same segment.
 */
import { haversineKm } from './geo.js';
import { clipConvex, convexHull, polygonArea, projectKm } from './hulls.js';
import type {
    EngineAccount,
    EngineRep,
    HullOverlapMetrics,
    NewRepPatch,
    PlanMetrics,
    RepMetrics
} from './types.js';

/**
 * A plan is within the tolerance when every rep's deviation is at most tolerance + WITHIN_EPS.
 * The margin is floating point's, not the user's: a rep at exactly the edge (105 accounts for a
 * target of 100 at 5 %) reads 105 / 100 − 1 = 0.050000000000000044. The report
 * (`withinTolerance`) and the solver (its sub-problems' tolerance) use the same bound.
 */
export const WITHIN_EPS = 1e-9;

/** Columnar accounts, as the CLI reads them (no per-account objects). */
export interface ColumnarAccounts {
    ids: string[];
    lat: Float64Array;
    lon: Float64Array;
    /** names of the measure columns in `measures` */
    measureNames: string[];
    measures: Float64Array[];
    /** segment label per account, or null when no account has one */
    segment: string[] | null;
    locked: Uint8Array | null;
    /** current rep: index into reps.ids, k + j for reps.leftIds[j], or −1 */
    currentRep: Int32Array | null;
    /**
     * The account's Type as customer (1), prospect (0) or neither (−1); absent or null when the
     * accounts carry no Type (see accountKind).
     */
    kind?: Int8Array | null;
}

/** An account's Type as a kind: 'Customer - Direct' and the like 1, 'Prospect' 0, else −1. */
export function accountKind(type: string | undefined | null): -1 | 0 | 1 {
    const t = (type ?? '').trim().toLowerCase();
    if (t.startsWith('customer')) return 1;
    if (t.startsWith('prospect')) return 0;
    return -1;
}

export interface ColumnarReps {
    ids: string[];
    /** NaN where the rep has no home base */
    lat: Float64Array;
    lon: Float64Array;
    capacity: Float64Array;
    segment: string[] | null;
    /** reps that appear in the current assignment but not among the reps (they left) */
    leftIds: string[];
}

/** Values of a measure ('Count' is implicit: 1 per account, unless a column has that name). */
export function measureColumn(acc: ColumnarAccounts, name: string): Float64Array | null {
    const j = acc.measureNames.indexOf(name);
    if (j >= 0) return acc.measures[j]!;
    if (name === 'Count') return new Float64Array(acc.ids.length).fill(1);
    return null;
}

/** Segment keys used for grouping: '' for all when no account carries a segment. */
export function segmentGroups(
    acc: ColumnarAccounts,
    reps: ColumnarReps
): { names: string[]; accountGroup: Int32Array; repGroup: Int32Array } {
    const n = acc.ids.length;
    const k = reps.ids.length;
    const accountGroup = new Int32Array(n);
    const repGroup = new Int32Array(k);
    const useSegments = acc.segment !== null && acc.segment.some((s) => s !== '');
    if (!useSegments) return { names: [''], accountGroup, repGroup };
    const names: string[] = [];
    const index = new Map<string, number>();
    const key = (s: string): number => {
        let g = index.get(s);
        if (g === undefined) {
            g = names.length;
            names.push(s);
            index.set(s, g);
        }
        return g;
    };
    for (let i = 0; i < n; i++) accountGroup[i] = key(acc.segment![i] ?? '');
    for (let r = 0; r < k; r++) repGroup[r] = key(reps.segment?.[r] ?? '');
    return { names, accountGroup, repGroup };
}

export function measureColumnar(
    acc: ColumnarAccounts,
    reps: ColumnarReps,
    assign: Int32Array,
    measures: string[],
    tolerance = 0.05
): PlanMetrics {
    const n = acc.ids.length;
    const k = reps.ids.length;
    const M = measures.length;
    const cols = measures.map((m) => {
        const c = measureColumn(acc, m);
        if (!c)
            throw new Error(`Unknown measure '${m}': not among ${acc.measureNames.join(', ')}.`);
        return c;
    });
    const { names, accountGroup, repGroup } = segmentGroups(acc, reps);
    const G = names.length;
    const groupTotal = new Float64Array(G * M);
    const groupCap = new Float64Array(G);
    for (let r = 0; r < k; r++) groupCap[repGroup[r]!]! += reps.capacity[r]!;
    const load = new Float64Array(k * M);
    const count = new Int32Array(k);
    const sumLat = new Float64Array(k);
    const sumLon = new Float64Array(k);
    let unassigned = 0;
    for (let i = 0; i < n; i++) {
        const g = accountGroup[i]!;
        for (let m = 0; m < M; m++) groupTotal[g * M + m]! += cols[m]![i]!;
        const r = assign[i]!;
        if (r < 0 || r >= k) {
            unassigned++;
            continue;
        }
        count[r]!++;
        sumLat[r]! += acc.lat[i]!;
        sumLon[r]! += acc.lon[i]!;
        for (let m = 0; m < M; m++) load[r * M + m]! += cols[m]![i]!;
    }
    const travel = new Float64Array(k);
    let moved = 0;
    let withCurrent = 0;
    for (let i = 0; i < n; i++) {
        const r = assign[i]!;
        const c = acc.currentRep ? acc.currentRep[i]! : -1;
        if (c >= 0) {
            withCurrent++;
            if (c !== r) moved++;
        }
        if (r < 0 || r >= k) continue;
        const hasHome = !Number.isNaN(reps.lat[r]!);
        const tl = hasHome ? reps.lat[r]! : sumLat[r]! / count[r]!;
        const tn = hasHome ? reps.lon[r]! : sumLon[r]! / count[r]!;
        travel[r]! += haversineKm(acc.lat[i]!, acc.lon[i]!, tl, tn);
    }
    const repMetrics: RepMetrics[] = [];
    const deviationByMeasure: Record<string, number> = {};
    for (const m of measures) deviationByMeasure[m] = 0;
    let maxDeviation = 0;
    let travelKm = 0;
    for (let r = 0; r < k; r++) {
        const g = repGroup[r]!;
        const loads: Record<string, number> = {};
        const targets: Record<string, number> = {};
        let dev = 0;
        for (let m = 0; m < M; m++) {
            const name = measures[m]!;
            const target = (groupTotal[g * M + m]! * reps.capacity[r]!) / groupCap[g]!;
            const l = load[r * M + m]!;
            loads[name] = l;
            targets[name] = target;
            const d = target > 0 ? Math.abs(l / target - 1) : l > 0 ? Infinity : 0;
            if (d > dev) dev = d;
            if (d > deviationByMeasure[name]!) deviationByMeasure[name] = d;
        }
        if (dev > maxDeviation) maxDeviation = dev;
        travelKm += travel[r]!;
        repMetrics.push({
            repId: reps.ids[r]!,
            segment: names.length > 1 || names[0] !== '' ? names[g]! : (reps.segment?.[r] ?? ''),
            accounts: count[r]!,
            loads,
            targets,
            deviation: dev,
            travelKm: travel[r]!,
            travelTo: Number.isNaN(reps.lat[r]!) ? 'centroid' : 'home'
        });
    }
    const newReps = newRepPatches(acc, reps, assign, repMetrics, accountGroup, repGroup);
    return {
        measures,
        tolerance,
        reps: repMetrics,
        maxDeviation,
        deviationByMeasure,
        withinTolerance: maxDeviation <= tolerance + WITHIN_EPS && unassigned === 0,
        travelKm,
        disruption: { moved, withCurrent, share: withCurrent > 0 ? moved / withCurrent : 0 },
        hullOverlaps: hullOverlaps(acc, reps, assign, repGroup),
        unassigned,
        ...(newReps.length > 0 ? { newReps } : {})
    };
}

/**
 * Reps new to the current plan (no account's current rep, in a segment where accounts have
 * current reps) and what they got: how many accounts, and with account Types, how many customers
 * and prospects against the segment's own shares.
 */
function newRepPatches(
    acc: ColumnarAccounts,
    reps: ColumnarReps,
    assign: Int32Array,
    repMetrics: RepMetrics[],
    accountGroup: Int32Array,
    repGroup: Int32Array
): NewRepPatch[] {
    const cur = acc.currentRep;
    if (!cur) return [];
    const n = acc.ids.length;
    const k = reps.ids.length;
    // new: holds no account now, in a segment where some account has a current rep
    let G = 0;
    for (let i = 0; i < n; i++) G = Math.max(G, accountGroup[i]! + 1);
    for (let r = 0; r < k; r++) G = Math.max(G, repGroup[r]! + 1);
    const planned = new Uint8Array(G);
    const holds = new Uint8Array(k);
    for (let i = 0; i < n; i++) {
        if (cur[i]! >= 0 && cur[i]! < k) {
            holds[cur[i]!] = 1;
            planned[accountGroup[i]!] = 1;
        }
    }
    const isNew = Uint8Array.from(holds, (h, r) => (!h && planned[repGroup[r]!] ? 1 : 0));
    if (!isNew.includes(1)) return [];
    const kind = acc.kind ?? null;
    const groupKinds = new Float64Array(3 * G);
    const repKinds = new Float64Array(3 * k);
    for (let i = 0; i < n; i++) {
        const x = kind ? kind[i]! + 1 : 0;
        groupKinds[3 * accountGroup[i]! + x]!++;
        const r = assign[i]!;
        if (r >= 0 && r < k && isNew[r]) repKinds[3 * r + x]!++;
    }
    const out: NewRepPatch[] = [];
    for (let r = 0; r < k; r++) {
        if (!isNew[r]) continue;
        const m = repMetrics[r]!;
        const patch: NewRepPatch = { repId: m.repId, segment: m.segment, accounts: m.accounts };
        if (kind) {
            const g = repGroup[r]!;
            const share = (c: number, p: number): number | null => (c + p > 0 ? c / (c + p) : null);
            patch.customers = repKinds[3 * r + 2]!;
            patch.prospects = repKinds[3 * r + 1]!;
            patch.customerShare = share(patch.customers, patch.prospects);
            patch.segmentCustomerShare = share(groupKinds[3 * g + 2]!, groupKinds[3 * g + 1]!);
        }
        out.push(patch);
    }
    return out;
}

function hullOverlaps(
    acc: ColumnarAccounts,
    reps: ColumnarReps,
    assign: Int32Array,
    repGroup: Int32Array
): HullOverlapMetrics {
    const n = acc.ids.length;
    const k = reps.ids.length;
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const { xs, ys } = projectKm(acc.lat, acc.lon, all);
    const start = new Int32Array(k + 1);
    for (let i = 0; i < n; i++) if (assign[i]! >= 0 && assign[i]! < k) start[assign[i]! + 1]!++;
    for (let r = 0; r < k; r++) start[r + 1]! += start[r]!;
    const fill = start.slice(0, k);
    const members = new Int32Array(start[k]!);
    for (let i = 0; i < n; i++)
        if (assign[i]! >= 0 && assign[i]! < k) members[fill[assign[i]!]!++] = i;
    const hulls: Float64Array[] = [];
    const box = new Float64Array(4 * k);
    let areaSum = 0;
    for (let r = 0; r < k; r++) {
        const h = convexHull(xs, ys, members.subarray(start[r]!, start[r + 1]!));
        hulls.push(h);
        areaSum += h.length >= 6 ? polygonArea(h) : 0;
        let x0 = Infinity;
        let y0 = Infinity;
        let x1 = -Infinity;
        let y1 = -Infinity;
        for (let j = 0; j < h.length; j += 2) {
            x0 = Math.min(x0, h[j]!);
            x1 = Math.max(x1, h[j]!);
            y0 = Math.min(y0, h[j + 1]!);
            y1 = Math.max(y1, h[j + 1]!);
        }
        box.set([x0, y0, x1, y1], 4 * r);
    }
    // sweep over x to find overlapping boxes
    const order = Array.from({ length: k }, (_, r) => r).sort(
        (a, b) => box[4 * a]! - box[4 * b]! || a - b
    );
    let pairs = 0;
    let overlap = 0;
    const worst: { repA: string; repB: string; areaKm2: number }[] = [];
    for (let p = 0; p < k; p++) {
        const a = order[p]!;
        const ha = hulls[a]!;
        if (ha.length < 6) continue;
        for (let q = p + 1; q < k; q++) {
            const b = order[q]!;
            if (box[4 * b]! > box[4 * a + 2]!) break;
            if (repGroup[a] !== repGroup[b]) continue;
            const hb = hulls[b]!;
            if (hb.length < 6) continue;
            if (box[4 * b + 1]! > box[4 * a + 3]! || box[4 * a + 1]! > box[4 * b + 3]!) continue;
            const inter = clipConvex(ha, hb);
            const area = inter.length >= 6 ? polygonArea(inter) : 0;
            if (area > 1e-9) {
                pairs++;
                overlap += area;
                worst.push({ repA: reps.ids[a]!, repB: reps.ids[b]!, areaKm2: area });
            }
        }
    }
    worst.sort((x, y) => y.areaKm2 - x.areaKm2);
    return { pairs, areaShare: areaSum > 0 ? overlap / areaSum : 0, worst: worst.slice(0, 10) };
}

/** Converts the object form to columns (shared by `balance` and `measurePlan`). */
export function toColumnar(
    accounts: EngineAccount[],
    reps: EngineRep[],
    measureNames: string[]
): { acc: ColumnarAccounts; reps: ColumnarReps } {
    const n = accounts.length;
    const k = reps.length;
    const repIndex = new Map<string, number>();
    reps.forEach((r, j) => repIndex.set(r.id, j));
    const leftIds: string[] = [];
    const leftIndex = new Map<string, number>();
    const names = measureNames.filter(
        (m) => m !== 'Count' || accounts.some((a) => 'Count' in a.measures)
    );
    const measures = names.map((m) => Float64Array.from(accounts, (a) => a.measures[m] ?? 0));
    const hasSeg = accounts.some((a) => a.segment !== undefined && a.segment !== '');
    const hasCur = accounts.some((a) => a.currentRepId !== undefined);
    const currentRep = hasCur ? new Int32Array(n) : null;
    if (currentRep) {
        accounts.forEach((a, i) => {
            if (a.currentRepId === undefined) {
                currentRep[i] = -1;
                return;
            }
            let r = repIndex.get(a.currentRepId);
            if (r === undefined) {
                r = leftIndex.get(a.currentRepId);
                if (r === undefined) {
                    r = k + leftIds.length;
                    leftIndex.set(a.currentRepId, r);
                    leftIds.push(a.currentRepId);
                }
            }
            currentRep[i] = r;
        });
    }
    return {
        acc: {
            ids: accounts.map((a) => a.id),
            lat: Float64Array.from(accounts, (a) => a.lat),
            lon: Float64Array.from(accounts, (a) => a.lon),
            measureNames: names,
            measures,
            segment: hasSeg ? accounts.map((a) => a.segment ?? '') : null,
            locked: accounts.some((a) => a.locked)
                ? Uint8Array.from(accounts, (a) => (a.locked ? 1 : 0))
                : null,
            currentRep,
            kind: accounts.some((a) => a.type !== undefined)
                ? Int8Array.from(accounts, (a) => accountKind(a.type))
                : null
        },
        reps: {
            ids: reps.map((r) => r.id),
            lat: Float64Array.from(reps, (r) =>
                r.lat === undefined || r.lon === undefined ? NaN : r.lat
            ),
            lon: Float64Array.from(reps, (r) =>
                r.lat === undefined || r.lon === undefined ? NaN : r.lon
            ),
            capacity: Float64Array.from(reps, (r) => r.capacity ?? 1),
            segment: reps.some((r) => r.segment !== undefined)
                ? reps.map((r) => r.segment ?? '')
                : null,
            leftIds
        }
    };
}
