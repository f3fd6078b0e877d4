import { formatNumber } from 'c/planMath';

/**
 * A market layer on the territory map (README "Market layers and lead flow"): the service's
 * `{ layer, featureCollection }` turned into what the map draws and what its legend says.
 * Points (competitor sites) are small red diamonds; values per postal code are graduated circles
 * at the ZIP code's centre, their area and colour growing with the value on a sequential purple
 * scale that stands apart from the pastel territory areas, which stay visible under them.
 */

/** The sequential scale of values, low → high (ColorBrewer "Purples", 5 classes). */
export const VALUE_SCALE = ['#dadaeb', '#bcbddc', '#9e9ac8', '#756bb1', '#54278f'];
export const POINT_COLOR = '#c23934';
// Circle radii in pixels: the largest value gets MAX_RADIUS, area proportional to the value.
const MIN_RADIUS = 2.5;
const MAX_RADIUS = 13;
const DIAMOND_PX = 9;

function colorOf(value, min, max) {
    if (!(max > min)) return VALUE_SCALE[VALUE_SCALE.length - 1];
    const at = Math.min(1, Math.max(0, (value - min) / (max - min)));
    return VALUE_SCALE[Math.min(VALUE_SCALE.length - 1, Math.floor(at * VALUE_SCALE.length))];
}

/**
 * What the map draws for a layer document, and its legend.
 * @param {{ layer: object, featureCollection: { features: object[] } }} doc
 * @returns {{ kind, markers: object[], legend: object }}
 */
export function marketLayerView(doc) {
    const layer = doc?.layer || {};
    const features = doc?.featureCollection?.features || [];
    const unit = layer.valueName || 'Value';
    const range = layer.valueRange;
    const min = Number.isFinite(range?.min) ? range.min : 0;
    const max = Number.isFinite(range?.max) ? range.max : 0;
    const markers = [];
    for (const f of features) {
        const [lon, lat] = f?.geometry?.coordinates || [];
        if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
        const p = f.properties || {};
        const value = Number.isFinite(p.value) ? p.value : undefined;
        const valueText = value === undefined ? '' : `${formatNumber(value)} ${unit.toLowerCase()}`;
        const place = p.postalCode ? `ZIP ${p.postalCode}` : p.name || layer.name || '';
        const title = [place, valueText].filter(Boolean).join(': ');
        if (layer.kind === 'postal_values') {
            const share = max > 0 && value > 0 ? Math.sqrt(value / max) : 0;
            markers.push({
                lat,
                lon,
                title,
                radius: Math.max(MIN_RADIUS, Math.round(share * MAX_RADIUS * 10) / 10),
                color: colorOf(value ?? min, min, max),
                value
            });
        } else {
            markers.push({ lat, lon, title, color: POINT_COLOR, value });
        }
    }
    // Big circles first, so small ones stay on top and can be hovered.
    if (layer.kind === 'postal_values') markers.sort((a, b) => b.radius - a.radius);
    const hasScale = layer.kind === 'postal_values' || !!range;
    return {
        kind: layer.kind,
        markers,
        legend: {
            title: layer.name || '',
            kindText:
                layer.kind === 'postal_values'
                    ? `${unit} per ZIP code: circle area and colour grow with the value`
                    : `${formatNumber(markers.length)} ${markers.length === 1 ? 'site' : 'sites'}`,
            hasScale,
            unit,
            minText: formatNumber(min, { maximumFractionDigits: 1 }),
            maxText: formatNumber(max, { maximumFractionDigits: 1 }),
            scaleStyle: `background: linear-gradient(to right, ${VALUE_SCALE.join(', ')})`,
            isPoints: layer.kind !== 'postal_values',
            swatchStyle: `background-color: ${POINT_COLOR}`
        }
    };
}

/**
 * Draws a layer view into a Leaflet layer group: circles with `renderer` (an SVG renderer on a
 * pane above the territory areas) and points as diamond markers.
 * @returns {number} the markers drawn
 */
export function drawMarketLayer(L, group, view, options = {}) {
    let drawn = 0;
    for (const m of view?.markers || []) {
        let layer;
        if (view.kind === 'postal_values') {
            layer = L.circleMarker([m.lat, m.lon], {
                radius: m.radius,
                color: '#3f007d',
                weight: 0.75,
                opacity: 0.6,
                fillColor: m.color,
                fillOpacity: 0.65,
                className: 'market-circle',
                ...(options.renderer ? { renderer: options.renderer } : {}),
                ...(options.pane ? { pane: options.pane } : {})
            });
        } else {
            layer = L.marker([m.lat, m.lon], {
                keyboard: false,
                icon: L.divIcon({
                    className: 'market-point',
                    html: `<span style="display:block;width:${DIAMOND_PX}px;height:${DIAMOND_PX}px;background:${m.color};border:1.5px solid #fff;box-shadow:0 0 0 1px #5c1f1c;transform:rotate(45deg)"></span>`,
                    iconSize: [DIAMOND_PX + 3, DIAMOND_PX + 3],
                    iconAnchor: [(DIAMOND_PX + 3) / 2, (DIAMOND_PX + 3) / 2]
                })
            });
        }
        if (m.title) layer.bindTooltip(m.title, { direction: 'top' });
        group.addLayer(layer);
        drawn += 1;
    }
    return drawn;
}
