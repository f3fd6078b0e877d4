import { planDots, HEAT_GRADIENT } from 'c/mapUtils';

/**
 * Turns the plain map model (mapUtils.buildMapModel) into Leaflet layers. Leaflet is passed in
 * (`L` from the static resource), so this file holds no global and tests can hand in a fake.
 */

// Territory borders: dark and thin, so neighbouring fills read as separate areas.
const AREA_BORDER = '#2b3a4a';
// Outline colour of account dots, so neighbouring territories' colours never blur together.
const DOT_OUTLINE = '#ffffff';
// Ring of a highlighted or moved dot.
const MOVED_OUTLINE = '#000000';
// A leaving rep's pin: grey, crossed out.
const LEAVING_PIN_COLOR = '#747474';
const LEAVING_PIN_HTML =
    '<svg viewBox="0 0 24 32" width="22" height="30" aria-hidden="true"><path d="M12 0C5.4 0 0 5.4 0 12c0 9 12 20 12 20s12-11 12-20C24 5.4 18.6 0 12 0z" fill="currentColor" stroke="#fff" stroke-width="2"/><path d="M8 8l8 8M16 8l-8 8" stroke="#fff" stroke-width="2.5"/></svg>';
// A new hire's pin: a star inside, larger.
const HIRE_PIN_HTML =
    '<svg viewBox="0 0 24 32" width="26" height="34" aria-hidden="true"><path d="M12 0C5.4 0 0 5.4 0 12c0 9 12 20 12 20s12-11 12-20C24 5.4 18.6 0 12 0z" fill="currentColor" stroke="#000" stroke-width="1.5"/><path d="M12 5l2 4.5 5 .5-3.8 3.3 1.1 4.9L12 15.7 7.7 18.2l1.1-4.9L5 10l5-.5z" fill="#fff"/></svg>';
const HOME_PIN_HTML =
    '<svg viewBox="0 0 24 32" width="22" height="30" aria-hidden="true"><path d="M12 0C5.4 0 0 5.4 0 12c0 9 12 20 12 20s12-11 12-20C24 5.4 18.6 0 12 0z" fill="currentColor" stroke="#fff" stroke-width="2"/><circle cx="12" cy="12" r="4.5" fill="#fff"/></svg>';

/**
 * The offline base map: US states from the bundled GeoJSON, drawn as light shapes.
 * @param {object} [options]
 * @param {string} [options.pane] Leaflet pane to draw in (one under the overlays)
 * @param {object} [options.renderer] Leaflet renderer of the shapes
 */
export function createBaseLayer(L, geojson, { pane, renderer } = {}) {
    return L.geoJSON(geojson, {
        interactive: false,
        ...(pane ? { pane } : {}),
        ...(renderer ? { renderer } : {}),
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
export function createDotLayer(L, points, { opacityScale = 1 } = {}) {
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
                context.globalAlpha = bucket.opacity * opacityScale;
                context.fillStyle = bucket.fill;
                context.fill();
                // Highlighted and moved dots get a dark ring (not colour alone: a shape cue).
                context.lineWidth = bucket.highlighted ? 3 : bucket.moved ? 2 : 0.75;
                context.strokeStyle =
                    bucket.highlighted || bucket.moved ? MOVED_OUTLINE : DOT_OUTLINE;
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
 * Area style: filled in the territory's colour with a crisp border; a selected territory is drawn
 * stronger with a thick border while the others fade. Under the heat layer the fills fade too, so
 * the heat reads while the borders still show the territories.
 */
export function areaStyle(area, anySelected, underHeat = false) {
    if (area.selected) {
        return { color: AREA_BORDER, weight: 3, opacity: 1, fillOpacity: underHeat ? 0.3 : 0.6 };
    }
    if (anySelected || underHeat) {
        return { color: AREA_BORDER, weight: 0.75, opacity: 0.5, fillOpacity: 0.12 };
    }
    return { color: AREA_BORDER, weight: 1, opacity: 0.85, fillOpacity: 0.45 };
}

/**
 * Adds the layers of one map model to `group` (an L.LayerGroup the caller clears between draws).
 * @param {object} L Leaflet
 * @param {object} group L.LayerGroup
 * @param {object} model from buildMapModel
 * @param {object} options
 * @param {boolean} [options.showAreas] territory areas (default true)
 * @param {boolean} [options.showHomes]
 * @param {boolean} [options.showLabels] rep names at each territory's centre
 * @param {object} [options.renderer] Leaflet renderer of the areas (an L.svg() for paths)
 * @param {Array|null} [options.heat] heat points [lat, lon, intensity 0..1], or null for none
 * @param {function} [options.onTerritoryClick] called with a territory id
 * @returns {{dots:number, areas:number, labels:number, homes:number, heat:boolean}} what was
 *     drawn (and, not enumerable, `labelLayers`: [{ area, layer }] of the labels)
 */
export function drawMapModel(L, group, model, options) {
    const drawn = { dots: 0, areas: 0, labels: 0, homes: 0, heat: false };
    const heatOn = !!(options.heat && options.heat.length > 0 && typeof L.heatLayer === 'function');
    // The label layers, for the caller to hide those that would overlap at the current zoom.
    const labelLayers = [];
    if (options.showAreas !== false) {
        const anySelected = model.areas.some((area) => area.selected);
        // The selected area last, so its thick border is drawn on top of its neighbours'.
        const areas = [...model.areas].sort((a, b) => Number(a.selected) - Number(b.selected));
        for (const area of areas) {
            const polygon = L.polygon(area.latlngs, {
                ...areaStyle(area, anySelected, heatOn),
                fillColor: area.color,
                className: 'territory-area',
                interactive: true,
                ...(options.renderer ? { renderer: options.renderer } : {})
            });
            polygon.bindTooltip(area.title, { sticky: true });
            if (options.onTerritoryClick) {
                polygon.on('click', (event) =>
                    options.onTerritoryClick(area.territoryId, event && event.latlng)
                );
            }
            group.addLayer(polygon);
            drawn.areas += 1;
        }
    }
    if (heatOn) {
        group.addLayer(
            L.heatLayer(options.heat, {
                radius: 22,
                blur: 18,
                max: 1,
                minOpacity: 0.25,
                gradient: HEAT_GRADIENT
            })
        );
        drawn.heat = true;
    }
    if (model.points.length > 0) {
        // Under the heat layer the dots step back: the heat is the same accounts' potential.
        group.addLayer(createDotLayer(L, model.points, { opacityScale: heatOn ? 0.35 : 1 }));
        drawn.dots = model.points.length;
    }
    if (options.showLabels && options.showAreas !== false && typeof L.tooltip === 'function') {
        const anySelected = model.areas.some((area) => area.selected);
        for (const area of model.areas) {
            if (!area.labelAt || (anySelected && !area.selected)) {
                continue;
            }
            // Rep names at the territory's centre (a point inside its largest part).
            const label = L.tooltip({
                permanent: true,
                direction: 'center',
                className: area.selected
                    ? 'territory-area-label territory-area-label_selected'
                    : 'territory-area-label',
                interactive: false
            })
                .setLatLng(area.labelAt)
                .setContent(area.label);
            group.addLayer(label);
            labelLayers.push({ area, layer: label });
            drawn.labels += 1;
        }
    }
    if (options.showHomes !== false) {
        for (const home of model.homes) {
            const pin = pinOf(home);
            const marker = L.marker([home.lat, home.lon], {
                title: pin.title,
                alt: pin.title,
                keyboard: true,
                zIndexOffset: home.hire ? 1000 : 0,
                icon: L.divIcon({
                    className: pin.className,
                    html: `<span style="color:${pin.color}">${pin.html}</span>`,
                    iconSize: pin.size,
                    iconAnchor: [pin.size[0] / 2, pin.size[1]]
                })
            });
            if (options.onTerritoryClick) {
                marker.on('click', () => options.onTerritoryClick(home.territoryId));
            }
            group.addLayer(marker);
            drawn.homes += 1;
        }
    }
    Object.defineProperty(drawn, 'labelLayers', { value: labelLayers, enumerable: false });
    return drawn;
}

/** How a home pin looks and reads: a new hire's, a leaving rep's, or a rep's home. */
export function pinOf(home) {
    if (home.hire) {
        return {
            title: `New hire: ${home.name}`,
            className: 'territory-home-pin territory-home-pin_hire',
            color: home.color,
            html: HIRE_PIN_HTML,
            size: [26, 34]
        };
    }
    if (home.leaving) {
        return {
            title: `Home of ${home.name} (leaving)`,
            className: 'territory-home-pin territory-home-pin_leaving',
            color: LEAVING_PIN_COLOR,
            html: LEAVING_PIN_HTML,
            size: [22, 30]
        };
    }
    return {
        title: `Home of ${home.name}`,
        className: 'territory-home-pin',
        color: home.color,
        html: HOME_PIN_HTML,
        size: [22, 30]
    };
}
