/**
 * Pure data preparation for the territory maps (no Leaflet, no DOM): colours, convex hulls,
 * value scales, heat points and a grid index for hover hit-testing. territoryMap turns the
 * results into Leaflet layers; tests exercise these functions directly.
 */

// Golden-angle hue steps give consecutive territories hues ~137.5° apart, so any 30+ colours stay
// distinguishable; three lightness tiers separate colours whose hues come round again.
const GOLDEN_ANGLE = 137.508;
const LIGHTNESS_TIERS = [42, 58, 32];
const SATURATION_TIERS = [70, 62, 78];

/**
 * The categorical colour of the index-th territory (HSL string, accepted by canvas and SVG).
 * @param {number} index 0-based
 * @returns {string}
 */
export function categoricalColor(index) {
    const hue = Math.round((index * GOLDEN_ANGLE) % 360);
    const tier = Math.floor(index / 12) % LIGHTNESS_TIERS.length;
    return `hsl(${hue}, ${SATURATION_TIERS[tier]}%, ${LIGHTNESS_TIERS[tier]}%)`;
}

/**
 * A stable colour per territory: territories sorted by name, then coloured in that order, so the
 * same plan always gets the same colours in both compare maps.
 * @param {{id:string,name?:string}[]} territories
 * @returns {Map<string,string>} territory id → colour
 */
export function assignTerritoryColors(territories) {
    const sorted = [...(territories || [])].sort((a, b) =>
        String(a.name ?? a.id).localeCompare(String(b.name ?? b.id))
    );
    const colors = new Map();
    sorted.forEach((territory, index) => colors.set(territory.id, categoricalColor(index)));
    return colors;
}

// Viridis stops (perceptually uniform, readable in grey and for colour-blind readers).
const SEQUENTIAL_STOPS = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37]
];

/**
 * Colour on the sequential scale for t in [0, 1] (clamped).
 * @param {number} t
 * @returns {string} rgb() string
 */
export function sequentialColor(t) {
    const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
    const position = clamped * (SEQUENTIAL_STOPS.length - 1);
    const low = Math.floor(position);
    const high = Math.min(low + 1, SEQUENTIAL_STOPS.length - 1);
    const f = position - low;
    const rgb = SEQUENTIAL_STOPS[low].map((c, i) =>
        Math.round(c + (SEQUENTIAL_STOPS[high][i] - c) * f)
    );
    return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
}

/**
 * A linear scale between the 5th and 95th percentile of the values, so one huge account does
 * not wash out every other colour.
 * @param {number[]} values
 * @returns {{min:number,max:number,normalize:(v:number)=>number}}
 */
export function valueScale(values) {
    const finite = (values || []).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    if (finite.length === 0) {
        return { min: 0, max: 0, normalize: () => 0 };
    }
    const pick = (q) => finite[Math.min(finite.length - 1, Math.floor(q * (finite.length - 1)))];
    const min = pick(0.05);
    const max = pick(0.95);
    const span = max - min;
    return {
        min,
        max,
        normalize: (v) => (span > 0 ? Math.min(1, Math.max(0, (v - min) / span)) : 0.5)
    };
}

function cross(o, a, b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/**
 * Convex hull (Andrew's monotone chain) of [x, y] points, counter-clockwise, not closed.
 * Fewer than three distinct points come back as they are.
 * @param {number[][]} points
 * @returns {number[][]}
 */
export function convexHull(points) {
    const unique = [];
    const seen = new Set();
    for (const p of points || []) {
        const key = `${p[0]},${p[1]}`;
        if (!seen.has(key) && Number.isFinite(p[0]) && Number.isFinite(p[1])) {
            seen.add(key);
            unique.push([p[0], p[1]]);
        }
    }
    if (unique.length < 3) {
        return unique;
    }
    unique.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const lower = [];
    for (const p of unique) {
        while (
            lower.length >= 2 &&
            cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0
        ) {
            lower.pop();
        }
        lower.push(p);
    }
    const upper = [];
    for (let i = unique.length - 1; i >= 0; i--) {
        const p = unique[i];
        while (
            upper.length >= 2 &&
            cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0
        ) {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    return lower.concat(upper);
}

function hasLocation(account) {
    return Number.isFinite(account.latitude) && Number.isFinite(account.longitude);
}

/** Measures the map can colour by; the key is the account property. */
export const COLOR_BY_OPTIONS = [
    { value: 'territory', label: 'Territory' },
    { value: 'potential', label: 'Potential' },
    { value: 'workload', label: 'Workload' }
];

/**
 * Everything the map draws, as plain data.
 * @param {object} input
 * @param {object[]} input.accounts {id,name,latitude,longitude,potential,workload,territoryId}
 * @param {object[]} input.territories {id,name,reps:[{name,homeLatitude,homeLongitude}]}
 * @param {string} [input.colorBy] 'territory' | a numeric account property
 * @param {string} [input.selectedTerritoryId]
 * @param {string} [input.highlightAccountId]
 * @returns {{points:object[],hulls:object[],homes:object[],legend:object[],bounds:number[][]|null,scale:object|null}}
 */
export function buildMapModel({
    accounts,
    territories,
    colorBy = 'territory',
    selectedTerritoryId,
    highlightAccountId
}) {
    const located = (accounts || []).filter(hasLocation);
    const territoryList = territories || [];
    const colors = assignTerritoryColors(territoryList);
    const byTerritory = new Map();
    for (const account of located) {
        if (!byTerritory.has(account.territoryId)) {
            byTerritory.set(account.territoryId, []);
        }
        byTerritory.get(account.territoryId).push(account);
    }

    const byValue = colorBy !== 'territory';
    const scale = byValue ? valueScale(located.map((a) => a[colorBy])) : null;
    const points = located.map((account) => {
        const selected = !selectedTerritoryId || account.territoryId === selectedTerritoryId;
        const fill = byValue
            ? sequentialColor(scale.normalize(account[colorBy]))
            : colors.get(account.territoryId) || '#706e6b';
        return {
            id: account.id,
            name: account.name,
            territoryId: account.territoryId,
            lat: account.latitude,
            lon: account.longitude,
            fill,
            opacity: selected ? 0.9 : 0.25,
            radius: account.id === highlightAccountId ? 9 : 4,
            highlighted: account.id === highlightAccountId
        };
    });

    const hulls = [];
    const legend = [];
    const homes = [];
    for (const territory of territoryList) {
        const members = byTerritory.get(territory.id) || [];
        const color = colors.get(territory.id);
        const ring = convexHull(members.map((a) => [a.longitude, a.latitude])).map(([lon, lat]) => [
            lat,
            lon
        ]);
        const repNames = (territory.reps || []).map((r) => r.name).join(', ');
        if (ring.length >= 3) {
            const label = centroid(members);
            hulls.push({
                territoryId: territory.id,
                name: territory.name,
                label: repNames ? `${territory.name} · ${repNames}` : territory.name,
                color,
                ring,
                labelAt: label,
                selected: territory.id === selectedTerritoryId
            });
        }
        legend.push({
            key: territory.id,
            territoryId: territory.id,
            label: territory.name,
            detail: repNames,
            color,
            count: members.length,
            selected: territory.id === selectedTerritoryId
        });
        for (const rep of territory.reps || []) {
            if (Number.isFinite(rep.homeLatitude) && Number.isFinite(rep.homeLongitude)) {
                homes.push({
                    key: `${territory.id}:${rep.userId || rep.name}`,
                    name: rep.name,
                    territoryId: territory.id,
                    lat: rep.homeLatitude,
                    lon: rep.homeLongitude,
                    color
                });
            }
        }
    }
    return { points, hulls, homes, legend, bounds: boundsOf(points, homes), scale };
}

function centroid(accounts) {
    const n = accounts.length || 1;
    return [
        accounts.reduce((s, a) => s + a.latitude, 0) / n,
        accounts.reduce((s, a) => s + a.longitude, 0) / n
    ];
}

/**
 * [[south, west], [north, east]] around all points and homes, or null when there are none.
 */
export function boundsOf(points, homes = []) {
    const all = [...points, ...homes];
    if (all.length === 0) {
        return null;
    }
    let south = Infinity;
    let west = Infinity;
    let north = -Infinity;
    let east = -Infinity;
    for (const p of all) {
        south = Math.min(south, p.lat);
        north = Math.max(north, p.lat);
        west = Math.min(west, p.lon);
        east = Math.max(east, p.lon);
    }
    return [
        [south, west],
        [north, east]
    ];
}

/**
 * Heat layer input: [lat, lon, intensity 0..1] weighted by a measure (potential by default).
 */
export function heatPoints(accounts, measure = 'potential') {
    const located = (accounts || []).filter(hasLocation);
    const scale = valueScale(located.map((a) => a[measure]));
    return located.map((a) => [
        a.latitude,
        a.longitude,
        Number.isFinite(a[measure]) ? 0.1 + 0.9 * scale.normalize(a[measure]) : 0.1
    ]);
}

/**
 * A uniform grid over lat/lon for "which account is under the mouse" in O(1) per move, instead
 * of scanning 50k markers.
 */
export class GridIndex {
    /**
     * @param {{lat:number,lon:number}[]} points
     * @param {number} cellDegrees cell size in degrees
     */
    constructor(points, cellDegrees = 0.25) {
        this.cell = cellDegrees;
        this.cells = new Map();
        for (const p of points || []) {
            const key = this.keyOf(p.lat, p.lon);
            if (!this.cells.has(key)) {
                this.cells.set(key, []);
            }
            this.cells.get(key).push(p);
        }
    }

    keyOf(lat, lon) {
        return `${Math.floor(lat / this.cell)}:${Math.floor(lon / this.cell)}`;
    }

    /**
     * The point nearest to (lat, lon) within maxDegrees (planar distance in degrees, longitude
     * scaled by cos(lat)), or null.
     */
    nearest(lat, lon, maxDegrees) {
        const reach = Math.ceil(maxDegrees / this.cell);
        const row = Math.floor(lat / this.cell);
        const col = Math.floor(lon / this.cell);
        const lonScale = Math.cos((lat * Math.PI) / 180);
        let best = null;
        let bestDistance = maxDegrees * maxDegrees;
        for (let r = row - reach; r <= row + reach; r++) {
            for (let c = col - reach; c <= col + reach; c++) {
                for (const p of this.cells.get(`${r}:${c}`) || []) {
                    const dLat = p.lat - lat;
                    const dLon = (p.lon - lon) * lonScale;
                    const d = dLat * dLat + dLon * dLon;
                    if (d <= bestDistance) {
                        bestDistance = d;
                        best = p;
                    }
                }
            }
        }
        return best;
    }
}

/**
 * What the dot canvas draws for one view: the visible points grouped by style (one canvas path
 * per colour), keeping one dot per 2-px cell and style. Zoomed out, thousands of accounts share
 * a pixel; drawing each would cost time and show nothing more.
 * @param {object[]} points from buildMapModel
 * @param {function} project point → { x, y } in container pixels
 * @param {number} width view width in px
 * @param {number} height view height in px
 * @returns {{buckets:{fill:string,opacity:number,radius:number,highlighted:boolean,xy:number[]}[],drawn:number,merged:number}}
 */
export function planDots(points, project, width, height) {
    const buckets = new Map();
    let drawn = 0;
    let merged = 0;
    for (const p of points || []) {
        const { x, y } = project(p);
        const r = p.radius;
        if (x < -r || y < -r || x > width + r || y > height + r) {
            continue;
        }
        const styleKey = `${p.fill}|${p.opacity}|${r}|${p.highlighted ? 1 : 0}`;
        let bucket = buckets.get(styleKey);
        if (!bucket) {
            bucket = {
                fill: p.fill,
                opacity: p.opacity,
                radius: r,
                highlighted: !!p.highlighted,
                xy: [],
                cells: new Set()
            };
            buckets.set(styleKey, bucket);
        }
        // Cells are 2 px; +8 keeps dots just off the left/top edge on non-negative indexes.
        const cell = (Math.round(x / 2) + 8) * 65536 + (Math.round(y / 2) + 8);
        if (!p.highlighted && bucket.cells.has(cell)) {
            merged += 1;
            continue;
        }
        bucket.cells.add(cell);
        bucket.xy.push(x, y);
        drawn += 1;
    }
    const list = [...buckets.values()].map((bucket) => ({
        fill: bucket.fill,
        opacity: bucket.opacity,
        radius: bucket.radius,
        highlighted: bucket.highlighted,
        xy: bucket.xy
    }));
    // The highlighted account is drawn last, on top.
    list.sort((a, b) => Number(a.highlighted) - Number(b.highlighted));
    return { buckets: list, drawn, merged };
}

/**
 * Whether (lat, lon) lies inside the polygon ring [[lat, lon], …] (even-odd ray casting).
 */
export function pointInPolygon(lat, lon, ring) {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [latI, lonI] = ring[i];
        const [latJ, lonJ] = ring[j];
        const crosses =
            latI > lat !== latJ > lat &&
            lon < ((lonJ - lonI) * (lat - latI)) / (latJ - latI) + lonI;
        if (crosses) {
            inside = !inside;
        }
    }
    return inside;
}

/**
 * Ids of the map points inside a lasso ring; a ring of fewer than three corners selects nothing.
 */
export function pointsInLasso(points, ring) {
    if (!ring || ring.length < 3) {
        return [];
    }
    const lats = ring.map((p) => p[0]);
    const lons = ring.map((p) => p[1]);
    const [south, north] = [Math.min(...lats), Math.max(...lats)];
    const [west, east] = [Math.min(...lons), Math.max(...lons)];
    return (points || [])
        .filter(
            (p) =>
                p.lat >= south &&
                p.lat <= north &&
                p.lon >= west &&
                p.lon <= east &&
                pointInPolygon(p.lat, p.lon, ring)
        )
        .map((p) => p.id);
}
