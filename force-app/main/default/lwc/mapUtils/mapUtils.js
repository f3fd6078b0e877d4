/**
 * Pure data preparation for the territory maps (no Leaflet, no DOM): the map model (territory
 * areas, account or unit dots, rep homes, legend), value scales, the heat layer with its scale, and
 * a grid index for hover hit-testing. The areas themselves come from c/territoryAreas;
 * territoryMap turns the results into Leaflet layers; tests exercise these functions directly.
 */
import { colorTerritories } from 'c/territoryAreas';

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

function hasLocation(account) {
    return Number.isFinite(account.latitude) && Number.isFinite(account.longitude);
}

/** Measures the map can colour by; the key is the account property. */
// Pin colour of a new hire who has no territory yet (SLDS success green).
const HIRE_PIN_COLOR = '#2e844a';

export const COLOR_BY_OPTIONS = [
    { value: 'territory', label: 'Territory' },
    { value: 'potential', label: 'Potential' },
    { value: 'workload', label: 'Workload' }
];

const NO_TERRITORY_COLOR = '#706e6b';

function repNamesOf(territory) {
    return (territory.reps || [])
        .map((r) => r.name)
        .filter(Boolean)
        .join(', ');
}

function toLatLngs(geometry) {
    return geometry.coordinates.map((polygon) =>
        polygon.map((ring) => ring.map(([lon, lat]) => [lat, lon]))
    );
}

function unitLabel(unit) {
    if (unit.postalCode) {
        return `Postal code ${unit.postalCode}${unit.segment ? ` (${unit.segment})` : ''}`;
    }
    return unit.name || 'Account';
}

/**
 * Everything the map draws, as plain data.
 * @param {object} input
 * @param {object[]} [input.accounts] {id,name,latitude,longitude,potential,workload,territoryId}
 * @param {object[]} [input.units] per-unit aggregates (c/territoryAreas buildUnits, or a bounded
 *     payload of them: {key,postalCode,latitude,longitude,accountCount,elsewhereCount?,
 *     approximateCount?,potential,workload,territoryId}); drawn as one dot per unit when there
 *     are no accounts; approximateCount: accounts placed at the postal code's centre
 * @param {object[]} input.territories {id,name,accountCount?,reps:[{name,homeLatitude,homeLongitude}]}
 * @param {object[]} [input.areas] c/territoryAreas computeTerritoryAreas().areas
 * @param {Map<string,Set<string>>} [input.adjacency] territory adjacency, for the colours
 * @param {boolean} [input.partial] the accounts/units are not all of the plan's: legend counts
 *     come from the territories' own accountCount (as they do for unit dots, whose accounts all
 *     count for their unit's majority territory otherwise)
 * @param {Object<string, string>} [input.territoryColors] territory id → colour, instead of the
 *     colours of this map's own adjacency (linked maps that colour a territory alike)
 * @param {string} [input.colorBy] 'territory' | a numeric account property
 * @param {string} [input.selectedTerritoryId]
 * @param {string} [input.highlightAccountId]
 * @param {Set<string>|string[]} [input.movedIds] accounts (or unit keys) a scenario moves: drawn
 *     with a dark ring (compare)
 * @param {object[]} [input.hires] new reps {key,name,lat,lon}: pins of their own (`hire: true`)
 * @param {Set<string>|string[]} [input.leavingRepIds] user ids of reps who leave: their pins are
 *     marked (`leaving: true`)
 * @returns {{points:object[],areas:object[],homes:object[],legend:object[],bounds:number[][]|null,scale:object|null,unitDots:boolean,approximateAccounts:number}}
 *     approximateAccounts: accounts of the unit dots placed at their postal code's centre
 */
export function buildMapModel({
    accounts,
    units,
    territories,
    areas,
    adjacency,
    territoryColors,
    partial = false,
    colorBy = 'territory',
    selectedTerritoryId,
    highlightAccountId,
    movedIds,
    hires,
    leavingRepIds
}) {
    const moved = new Set(movedIds || []);
    const leaving = new Set(leavingRepIds || []);
    const territoryList = territories || [];
    const byName = [...territoryList].sort((a, b) =>
        String(a.name ?? a.id).localeCompare(String(b.name ?? b.id))
    );
    const colors = colorTerritories(
        byName.map((t) => t.id),
        adjacency || new Map()
    );
    for (const [territoryId, color] of Object.entries(territoryColors || {})) {
        colors.set(territoryId, color);
    }
    const located = (accounts || []).filter(hasLocation);
    // Without accounts (a per-unit payload), each unit is one dot.
    const unitDots = located.length === 0 && (units || []).length > 0;
    const items = unitDots
        ? units
              .filter((u) => Number.isFinite(u.latitude) && Number.isFinite(u.longitude))
              .map((u) => ({
                  ...u,
                  id: u.key,
                  name: `${unitLabel(u)} · ${u.accountCount} accounts${
                      u.elsewhereCount > 0 ? ` (${u.elsewhereCount} in other territories)` : ''
                  }${approximateText(u.approximateCount)}`
              }))
        : located;

    const byValue = colorBy !== 'territory';
    const scale = byValue ? valueScale(items.map((a) => a[colorBy])) : null;
    const points = items.map((item) => {
        const selected = !selectedTerritoryId || item.territoryId === selectedTerritoryId;
        const fill = byValue
            ? sequentialColor(scale.normalize(item[colorBy]))
            : colors.get(item.territoryId) || NO_TERRITORY_COLOR;
        const highlighted = item.id === highlightAccountId;
        const isMoved = moved.has(item.id);
        // Thousands of accounts at national zoom: smaller dots let the areas read.
        const accountRadius = items.length > 1000 ? 3 : 4;
        const baseRadius = unitDots
            ? Math.min(9, 2.5 + Math.sqrt(item.accountCount || 1))
            : accountRadius;
        return {
            id: item.id,
            name: item.name,
            territoryId: item.territoryId,
            lat: item.latitude,
            lon: item.longitude,
            fill,
            opacity: selected ? 0.9 : 0.25,
            radius: highlighted ? 9 : isMoved ? baseRadius + 1.5 : baseRadius,
            highlighted,
            moved: isMoved
        };
    });

    const counts = new Map();
    if (unitDots) {
        for (const unit of units) {
            counts.set(
                unit.territoryId,
                (counts.get(unit.territoryId) || 0) + (unit.accountCount || 0)
            );
        }
    } else {
        for (const account of accounts || []) {
            counts.set(account.territoryId, (counts.get(account.territoryId) || 0) + 1);
        }
    }

    const territoryById = new Map(territoryList.map((t) => [t.id, t]));
    const areaModels = (areas || [])
        .filter((area) => territoryById.has(area.territoryId))
        .map((area) => {
            const territory = territoryById.get(area.territoryId);
            const repNames = repNamesOf(territory);
            return {
                territoryId: area.territoryId,
                name: territory.name,
                label: repNames || `${territory.name} (no rep)`,
                title: repNames ? `${territory.name} · ${repNames}` : territory.name,
                color: colors.get(area.territoryId) || NO_TERRITORY_COLOR,
                latlngs: toLatLngs(area.geometry),
                labelAt: area.labelAt,
                selected: area.territoryId === selectedTerritoryId
            };
        });

    const legend = [];
    const homes = [];
    for (const territory of territoryList) {
        const color = colors.get(territory.id);
        const storedCount = Number.isFinite(territory.accountCount) ? territory.accountCount : null;
        legend.push({
            key: territory.id,
            territoryId: territory.id,
            label: territory.name,
            detail: repNamesOf(territory),
            color,
            // A unit dot counts all its accounts for the territory holding most of them: the
            // territory's own figure is exact where it has one.
            count:
                (partial || unitDots) && storedCount !== null
                    ? storedCount
                    : counts.get(territory.id) || 0,
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
                    color,
                    leaving: rep.isActive === false || leaving.has(rep.userId),
                    hire: false
                });
            }
        }
    }
    for (const hire of hires || []) {
        if (Number.isFinite(hire.lat) && Number.isFinite(hire.lon)) {
            homes.push({
                key: `hire:${hire.key || hire.name}`,
                name: hire.name,
                territoryId: hire.territoryId,
                lat: hire.lat,
                lon: hire.lon,
                color: colors.get(hire.territoryId) || HIRE_PIN_COLOR,
                leaving: false,
                hire: true
            });
        }
    }
    // The areas reach a little beyond their dots: fit them whole (the rep card's one territory).
    const corners = areaModels.flatMap((area) =>
        area.latlngs.flatMap((polygon) => polygon[0].map(([lat, lon]) => ({ lat, lon })))
    );
    return {
        points,
        areas: areaModels,
        homes,
        legend,
        bounds: boundsOf([...points, ...corners], homes),
        scale,
        unitDots,
        approximateAccounts: unitDots
            ? units.reduce(
                  (sum, u) => sum + (Number.isFinite(u.approximateCount) ? u.approximateCount : 0),
                  0
              )
            : 0
    };
}

/**
 * Words for the accounts that had no coordinates and were placed at their postal code's centre
 * (the sync service's offline postal reference), or '' when there are none.
 * @param {number} [count]
 * @returns {string}
 */
export function approximateText(count) {
    if (!Number.isFinite(count) || count <= 0) {
        return '';
    }
    return ` · ${count} ${count === 1 ? 'account' : 'accounts'} placed at the ZIP centre`;
}

/**
 * Which territory labels to show so that none covers another: each label is a box of its text's
 * estimated size centred on its anchor (pixels, from `project`); the selected territory and then
 * the territories with most accounts win a place first.
 * @param {{key:string,text:string,lat:number,lon:number,priority:number}[]} labels
 * @param {function} project {lat, lon} → {x, y}
 * @returns {Set<string>} keys of the labels to show
 */
export function placeLabels(labels, project, { charWidth = 6.5, height = 14, gap = 2 } = {}) {
    const boxes = [];
    const shown = new Set();
    const ordered = [...(labels || [])].sort(
        (a, b) => b.priority - a.priority || String(a.key).localeCompare(String(b.key))
    );
    for (const label of ordered) {
        const { x, y } = project(label);
        const halfWidth = (String(label.text).length * charWidth) / 2 + gap;
        const halfHeight = height / 2 + gap;
        const box = [x - halfWidth, y - halfHeight, x + halfWidth, y + halfHeight];
        const overlaps = boxes.some(
            (b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]
        );
        if (!overlaps) {
            boxes.push(box);
            shown.add(label.key);
        }
    }
    return shown;
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

// The heat layer's colours, low to high; the legend draws the same stops.
export const HEAT_GRADIENT = { 0.2: '#fff3b0', 0.45: '#fdb14c', 0.7: '#f0592a', 1: '#a50f15' };

/**
 * Heat layer of a measure summed per postal unit: points [lat, lon, value / max] for
 * leaflet.heat (with `max: 1`) and the value range its legend shows (0 to the largest unit).
 * Units carry sums over all their accounts, so the layer and its scale stay right at any org
 * size; units are built from the accounts when none are given.
 * @param {object[]} units {latitude, longitude, [measure]}
 * @param {string} [measure]
 * @returns {{points:number[][], min:number, max:number, measure:string}}
 */
export function heatLayerData(units, measure = 'potential') {
    const located = (units || []).filter(
        (u) => Number.isFinite(u.latitude) && Number.isFinite(u.longitude)
    );
    const max = located.reduce(
        (m, u) => (Number.isFinite(u[measure]) && u[measure] > m ? u[measure] : m),
        0
    );
    const points = located
        .filter((u) => Number.isFinite(u[measure]) && u[measure] > 0)
        .map((u) => [u.latitude, u.longitude, max > 0 ? u[measure] / max : 0]);
    return { points, min: 0, max, measure };
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
        const styleKey = `${p.fill}|${p.opacity}|${r}|${p.highlighted ? 1 : 0}|${p.moved ? 1 : 0}`;
        let bucket = buckets.get(styleKey);
        if (!bucket) {
            bucket = {
                fill: p.fill,
                opacity: p.opacity,
                radius: r,
                highlighted: !!p.highlighted,
                moved: !!p.moved,
                xy: [],
                cells: new Set()
            };
            buckets.set(styleKey, bucket);
        }
        // Cells are 2 px; +8 keeps dots just off the left/top edge on non-negative indexes.
        const cell = (Math.round(x / 2) + 8) * 65536 + (Math.round(y / 2) + 8);
        if (!p.highlighted && !p.moved && bucket.cells.has(cell)) {
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
        moved: bucket.moved,
        xy: bucket.xy
    }));
    // Moved accounts over the others, the highlighted account last, on top.
    const layer = (b) => 2 * Number(b.highlighted) + Number(b.moved);
    list.sort((a, b) => layer(a) - layer(b));
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
