import { planDots } from 'c/mapUtils';

/**
 * Turns the plain map model (mapUtils.buildMapModel) into Leaflet layers. Leaflet is passed in
 * (`L` from the static resource), so this file holds no global and tests can hand in a fake.
 */

// Above this many territories the default outlines are drawn lighter still.
const MANY_OUTLINES = 12;
// Outline colour of account dots, so neighbouring territories' colours never blur together.
const DOT_OUTLINE = '#ffffff';
const HOME_PIN_HTML =
    '<svg viewBox="0 0 24 32" width="22" height="30" aria-hidden="true"><path d="M12 0C5.4 0 0 5.4 0 12c0 9 12 20 12 20s12-11 12-20C24 5.4 18.6 0 12 0z" fill="currentColor" stroke="#fff" stroke-width="2"/><circle cx="12" cy="12" r="4.5" fill="#fff"/></svg>';

/**
 * The offline base map: US states from the bundled GeoJSON, drawn as light shapes.
 */
export function createBaseLayer(L, geojson) {
    return L.geoJSON(geojson, {
        interactive: false,
        style: () => ({
            color: '#9fb1c4',
            weight: 1,
            fillColor: '#fbfbf8',
            fillOpacity: 1
        })
    });
}

/**
 * One canvas with every account dot, redrawn after each pan or zoom. Much lighter than one
 * L.circleMarker per account: 50k markers cost ~0.5 s per redraw, this layer a few dozen ms.
 * Dots are not interactive; hover and click use mapUtils.GridIndex instead.
 */
export function createDotLayer(L, points) {
    const DotLayer = L.Layer.extend({
        onAdd(map) {
            this.canvas = L.DomUtil.create('canvas', 'territory-dots');
            this.canvas.style.position = 'absolute';
            this.canvas.style.pointerEvents = 'none';
            map.getPane('overlayPane').appendChild(this.canvas);
            map.on('moveend zoomend resize viewreset', this.redraw, this);
            map.on('zoomstart', this.hide, this);
            this.redraw();
        },

        onRemove(map) {
            map.off('moveend zoomend resize viewreset', this.redraw, this);
            map.off('zoomstart', this.hide, this);
            L.DomUtil.remove(this.canvas);
        },

        hide() {
            // Between zoom levels the old pixels would be misplaced; the redraw follows at zoomend.
            this.canvas.style.visibility = 'hidden';
        },

        redraw() {
            const map = this._map;
            const size = map.getSize();
            const canvas = this.canvas;
            const ratio = window.devicePixelRatio || 1;
            L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
            canvas.width = size.x * ratio;
            canvas.height = size.y * ratio;
            canvas.style.width = `${size.x}px`;
            canvas.style.height = `${size.y}px`;
            canvas.style.visibility = 'visible';
            const context = canvas.getContext('2d');
            context.setTransform(ratio, 0, 0, ratio, 0, 0);
            const plan = planDots(
                points,
                (p) => map.latLngToContainerPoint([p.lat, p.lon]),
                size.x,
                size.y
            );
            for (const bucket of plan.buckets) {
                const r = bucket.radius;
                context.beginPath();
                for (let i = 0; i < bucket.xy.length; i += 2) {
                    context.moveTo(bucket.xy[i] + r, bucket.xy[i + 1]);
                    context.arc(bucket.xy[i], bucket.xy[i + 1], r, 0, 2 * Math.PI);
                }
                context.globalAlpha = bucket.opacity;
                context.fillStyle = bucket.fill;
                context.fill();
                context.lineWidth = bucket.highlighted ? 3 : 0.75;
                context.strokeStyle = bucket.highlighted ? '#000000' : DOT_OUTLINE;
                context.stroke();
            }
            context.globalAlpha = 1;
            this.lastPlan = plan;
        }
    });
    const layer = new DotLayer();
    layer.points = points;
    return layer;
}

/**
 * Outline style. With 30+ scattered territories the convex hulls overlap across the whole map,
 * so by default they are thin, translucent lines with a faint fill; a selected territory's outline
 * is drawn bold and filled while the others fade almost away. The more outlines, the lighter each.
 */
export function hullStyle(hull, anySelected, count = 1) {
    if (hull.selected) {
        return { color: hull.color, weight: 3, opacity: 1, fillOpacity: 0.16 };
    }
    if (anySelected) {
        return { color: hull.color, weight: 1, opacity: 0.15, fillOpacity: 0 };
    }
    if (count > MANY_OUTLINES) {
        return { color: hull.color, weight: 1, opacity: 0.4, fillOpacity: 0.015 };
    }
    return { color: hull.color, weight: 1.5, opacity: 0.7, fillOpacity: 0.05 };
}

/**
 * Adds the layers of one map model to `group` (an L.LayerGroup the caller clears between draws).
 * @param {object} L Leaflet
 * @param {object} group L.LayerGroup
 * @param {object} model from buildMapModel
 * @param {object} options
 * @param {boolean} [options.showOutlines]
 * @param {boolean} [options.showHomes]
 * @param {boolean} [options.labelSelected] names the selected territory on the map
 * @param {Array|null} [options.heat] heat points [lat, lon, intensity], or null for no heat layer
 * @param {function} [options.onTerritoryClick] called with a territory id
 * @returns {{dots:number, hulls:number, homes:number, heat:boolean}} what was drawn
 */
export function drawMapModel(L, group, model, options) {
    const drawn = { dots: 0, hulls: 0, homes: 0, heat: false };
    if (options.heat && options.heat.length > 0 && typeof L.heatLayer === 'function') {
        group.addLayer(L.heatLayer(options.heat, { radius: 18, blur: 22, maxZoom: 9 }));
        drawn.heat = true;
    }
    if (options.showOutlines !== false) {
        const anySelected = model.hulls.some((hull) => hull.selected);
        // The selected outline last, so it is drawn on top of the faded ones.
        const hulls = [...model.hulls].sort((a, b) => Number(a.selected) - Number(b.selected));
        for (const hull of hulls) {
            const polygon = L.polygon(hull.ring, {
                ...hullStyle(hull, anySelected, hulls.length),
                fillColor: hull.color,
                interactive: true
            });
            polygon.bindTooltip(hull.label, { sticky: true });
            if (options.onTerritoryClick) {
                polygon.on('click', (event) =>
                    options.onTerritoryClick(hull.territoryId, event && event.latlng)
                );
            }
            group.addLayer(polygon);
            drawn.hulls += 1;
            if (options.labelSelected && hull.selected && typeof L.tooltip === 'function') {
                // The selected territory names its rep(s) on the map itself, just above its
                // outline so the label never covers the territory's own accounts.
                const top = hull.ring.reduce((a, b) => (b[0] > a[0] ? b : a));
                group.addLayer(
                    L.tooltip({
                        permanent: true,
                        direction: 'top',
                        offset: [0, -4],
                        className: 'territory-hull-label',
                        interactive: false
                    })
                        .setLatLng(top)
                        .setContent(hull.label)
                );
            }
        }
    }
    if (model.points.length > 0) {
        group.addLayer(createDotLayer(L, model.points));
        drawn.dots = model.points.length;
    }
    if (options.showHomes !== false) {
        for (const home of model.homes) {
            const marker = L.marker([home.lat, home.lon], {
                title: `Home of ${home.name}`,
                alt: `Home of ${home.name}`,
                keyboard: true,
                icon: L.divIcon({
                    className: 'territory-home-pin',
                    html: `<span style="color:${home.color}">${HOME_PIN_HTML}</span>`,
                    iconSize: [22, 30],
                    iconAnchor: [11, 30]
                })
            });
            if (options.onTerritoryClick) {
                marker.on('click', () => options.onTerritoryClick(home.territoryId));
            }
            group.addLayer(marker);
            drawn.homes += 1;
        }
    }
    return drawn;
}
