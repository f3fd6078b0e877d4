/**
 * The adjacency of postal units: the Delaunay triangulation of the unit centroids (DESIGN.md,
 * "Territories made of places"), in the plane x = longitude × cos(φ₀), y = latitude, φ₀ the mean
 * latitude of the centroids. Built per segment; returned as a compressed adjacency list.
 */
import Delaunator from 'delaunator';

export interface UnitGraph {
    /** n + 1 offsets into `adj` */
    start: Int32Array;
    /** neighbours of unit u: adj[start[u] .. start[u + 1]) */
    adj: Int32Array;
}

/**
 * Delaunay neighbours of n points given in degrees. Units sharing one centroid are chained to
 * each other (Delaunator keeps one of them); fewer than three distinct points, or all on one
 * line, give the path through them in order along the line, which is their triangulation's limit.
 */
export function unitAdjacency(lat: Float64Array, lon: Float64Array): UnitGraph {
    const n = lat.length;
    let meanLat = 0;
    for (let u = 0; u < n; u++) meanLat += lat[u]!;
    meanLat = n > 0 ? meanLat / n : 0;
    const cl = Math.cos((meanLat * Math.PI) / 180);
    // one representative per distinct point; the others hang off it
    const rep = new Int32Array(n);
    const seen = new Map<string, number>();
    const distinct: number[] = [];
    for (let u = 0; u < n; u++) {
        const key = `${lon[u]},${lat[u]}`;
        const r = seen.get(key);
        if (r === undefined) {
            seen.set(key, u);
            rep[u] = u;
            distinct.push(u);
        } else rep[u] = r;
    }
    const edges: number[] = [];
    const m = distinct.length;
    const coords = new Float64Array(2 * m);
    for (let j = 0; j < m; j++) {
        coords[2 * j] = lon[distinct[j]!]! * cl;
        coords[2 * j + 1] = lat[distinct[j]!]!;
    }
    let triangulated = false;
    if (m >= 3) {
        const d = new Delaunator(coords);
        if (d.triangles.length > 0) {
            triangulated = true;
            const t = d.triangles;
            for (let e = 0; e < t.length; e++) {
                // each undirected edge once: from its half-edge with the larger twin, or a hull edge
                const twin = d.halfedges[e]!;
                if (twin !== -1 && twin < e) continue;
                const next = e % 3 === 2 ? e - 2 : e + 1;
                edges.push(distinct[t[e]!]!, distinct[t[next]!]!);
            }
        }
    }
    if (!triangulated && m >= 2) {
        // collinear (or two points): the path along the line
        const order = Array.from({ length: m }, (_, j) => j).sort(
            (a, b) =>
                coords[2 * a]! - coords[2 * b]! || coords[2 * a + 1]! - coords[2 * b + 1]! || a - b
        );
        for (let j = 1; j < m; j++) edges.push(distinct[order[j - 1]!]!, distinct[order[j]!]!);
    }
    for (let u = 0; u < n; u++) if (rep[u] !== u) edges.push(u, rep[u]!);
    const start = new Int32Array(n + 1);
    for (let e = 0; e < edges.length; e++) start[edges[e]! + 1]!++;
    for (let u = 0; u < n; u++) start[u + 1]! += start[u]!;
    const fill = start.slice(0, n);
    const adj = new Int32Array(edges.length);
    for (let e = 0; e < edges.length; e += 2) {
        const a = edges[e]!;
        const b = edges[e + 1]!;
        adj[fill[a]!++] = b;
        adj[fill[b]!++] = a;
    }
    return { start, adj };
}

/** Connected components of the units with `owner[u] === r` for each r (−1 owners ignored). */
export function componentsByOwner(
    graph: UnitGraph,
    owner: Int32Array
): { comp: Int32Array; compOwner: number[]; compSize: number[] } {
    const n = owner.length;
    const comp = new Int32Array(n).fill(-1);
    const compOwner: number[] = [];
    const compSize: number[] = [];
    const stack: number[] = [];
    for (let s = 0; s < n; s++) {
        if (comp[s] !== -1 || owner[s]! < 0) continue;
        const c = compOwner.length;
        const r = owner[s]!;
        compOwner.push(r);
        let size = 0;
        comp[s] = c;
        stack.push(s);
        while (stack.length > 0) {
            const u = stack.pop()!;
            size++;
            for (let e = graph.start[u]!; e < graph.start[u + 1]!; e++) {
                const v = graph.adj[e]!;
                if (comp[v] === -1 && owner[v] === r) {
                    comp[v] = c;
                    stack.push(v);
                }
            }
        }
        compSize.push(size);
    }
    return { comp, compOwner, compSize };
}
