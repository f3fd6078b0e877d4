import { createElement } from 'lwc';
import TerritoryMap from 'c/territoryMap';
import { loadScript, loadStyle } from 'lightning/platformResourceLoader';
import { sequentialColor, buildMapModel } from 'c/mapUtils';
import {
    AREA_PALETTE,
    buildUnits,
    computeTerritoryAreas,
    unitsFromPayload
} from 'c/territoryAreas';
import { drawMapModel, createDotLayer } from '../mapRenderer';

const MAP_DATA = require('./data/mapData.json');
const STATES = { type: 'FeatureCollection', features: [] };
// The territoryGeo static resource as the org serves it.
const GEO = require('../../../staticresources/territoryGeo/territory-geo.js');
const LAND = require('../../../staticresources/territoryGeo/land.json');

/** The map model with territory areas, as the component builds it. */
function modelWithAreas(extra = {}) {
    const { units } = buildUnits(MAP_DATA.accounts);
    const { areas, adjacency } = computeTerritoryAreas({ units, land: LAND, geo: GEO });
    return buildMapModel({ ...MAP_DATA, areas, adjacency, ...extra });
}

/** A canvas whose 2-D context records the calls. */
function fakeCanvas() {
    const context = {
        setTransform: jest.fn(),
        beginPath: jest.fn(),
        moveTo: jest.fn(),
        arc: jest.fn(),
        fill: jest.fn(),
        stroke: jest.fn()
    };
    return { style: {}, context, getContext: () => context };
}

/** The dot layers the component added to the layer group, last one last. */
function dotLayers(group) {
    return group.addLayer.mock.calls.map((call) => call[0]).filter((layer) => layer.points);
}

/** A stand-in for Leaflet that records what the component asks it to draw. */
function fakeLeaflet() {
    const handlers = {};
    const layer = () => {
        const l = {};
        for (const name of [
            'addTo',
            'on',
            'bindTooltip',
            'setLatLng',
            'setContent',
            'setLatLngs'
        ]) {
            l[name] = jest.fn(() => l);
        }
        return l;
    };
    const map = {
        setView: jest.fn(() => map),
        on: jest.fn((name, fn) => {
            handlers[name] = fn;
            return map;
        }),
        fitBounds: jest.fn(),
        invalidateSize: jest.fn(),
        getZoom: jest.fn(() => 6),
        // 20 px per degree around (40, -100).
        latLngToContainerPoint: jest.fn(([lat, lon]) => ({
            x: (lon + 110) * 20,
            y: (50 - lat) * 20
        })),
        getCenter: jest.fn(() => ({ lat: 40, lng: -100 })),
        removeLayer: jest.fn(),
        remove: jest.fn(),
        off: jest.fn(),
        createPane: jest.fn(() => ({ style: {} })),
        dragging: { enable: jest.fn(), disable: jest.fn() }
    };
    const group = { addTo: jest.fn(() => group), clearLayers: jest.fn(), addLayer: jest.fn() };
    const L = {
        Layer: {
            extend: (proto) =>
                class {
                    constructor() {
                        Object.assign(this, proto);
                    }
                }
        },
        DomUtil: {
            create: jest.fn(() => fakeCanvas()),
            setPosition: jest.fn(),
            remove: jest.fn()
        },
        map: jest.fn(() => map),
        svg: jest.fn(() => ({ renderer: 'svg' })),
        tileLayer: jest.fn(layer),
        geoJSON: jest.fn(layer),
        layerGroup: jest.fn(() => group),
        polygon: jest.fn(layer),
        marker: jest.fn(layer),
        divIcon: jest.fn((options) => options),
        heatLayer: jest.fn(layer),
        tooltip: jest.fn(layer),
        polyline: jest.fn(layer)
    };
    return { L, map, group, handlers };
}

// Leaflet loading chains several promises; a macrotask lets all of them settle.
// eslint-disable-next-line @lwc/lwc/no-async-operation
const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));

function createMap(props = {}) {
    const element = createElement('c-territory-map', { is: TerritoryMap });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-territory-map', () => {
    let leaflet;

    beforeEach(() => {
        leaflet = fakeLeaflet();
        window.L = leaflet.L;
        window.territoryGeo = GEO;
        global.fetch = jest.fn((url) =>
            Promise.resolve({
                ok: true,
                json: () => Promise.resolve(url === 'territoryGeo/land.json' ? LAND : STATES)
            })
        );
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        delete window.L;
        delete window.territoryGeo;
        delete global.fetch;
        jest.clearAllMocks();
        loadScript.mockResolvedValue();
    });

    it('shows a spinner while Leaflet loads', async () => {
        loadScript.mockReturnValue(new Promise(() => {}));
        const element = createMap({ accounts: MAP_DATA.accounts });
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
        expect(loadScript).toHaveBeenCalledWith(expect.anything(), 'leaflet/leaflet.js');
        expect(loadStyle).toHaveBeenCalledWith(expect.anything(), 'leaflet/leaflet.css');
        await expect(element).toBeAccessible();
    });

    it('shows the error panel when the static resource fails to load', async () => {
        loadScript.mockRejectedValue(new Error('Could not load leaflet.js'));
        const element = createMap({ accounts: MAP_DATA.accounts });
        await flushPromises();

        const panel = element.shadowRoot.querySelector('c-error-panel');
        expect(panel).not.toBeNull();
        expect(panel.errors.message).toBe('Could not load leaflet.js');
        expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
        expect(leaflet.L.map).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('says what to do when there are no accounts with coordinates', async () => {
        const element = createMap({ accounts: [], territories: [] });
        await flushPromises();

        expect(element.shadowRoot.textContent).toContain('No accounts with billing coordinates');
        expect(element.shadowRoot.querySelector('.legend')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('draws the base map, filled territory areas with rep names, dots, homes and a legend', async () => {
        const element = createMap({
            accounts: MAP_DATA.accounts,
            territories: MAP_DATA.territories
        });
        await flushPromises();

        expect(global.fetch).toHaveBeenCalledWith('usStates');
        expect(loadScript).toHaveBeenCalledWith(expect.anything(), 'territoryGeo/territory-geo.js');
        expect(global.fetch).toHaveBeenCalledWith('territoryGeo/land.json');
        expect(leaflet.L.geoJSON).toHaveBeenCalledWith(STATES, expect.any(Object));
        // No Leaflet canvas renderer: its redraw can outlive map.remove() (Leaflet issue 6030).
        expect(leaflet.L.map.mock.calls[0][1].preferCanvas).toBeUndefined();
        const dots = dotLayers(leaflet.group);
        expect(dots).toHaveLength(1);
        expect(dots[0].points).toHaveLength(6);
        expect(AREA_PALETTE).toContain(dots[0].points[0].fill);
        // One filled area per territory, as SVG paths, in the territory's colour.
        expect(leaflet.L.polygon).toHaveBeenCalledTimes(2);
        const [northArea, northStyle] = leaflet.L.polygon.mock.calls[0];
        expect(northStyle).toMatchObject({
            fillColor: dots[0].points[0].fill,
            renderer: { renderer: 'svg' }
        });
        expect(northStyle.fillOpacity).toBeGreaterThan(0.3);
        // A multi-polygon of latitude/longitude rings around North's accounts.
        const lats = northArea.flat(2).map(([lat]) => lat);
        expect(Math.min(...lats)).toBeGreaterThan(42);
        expect(Math.max(...lats)).toBeLessThan(48);
        // Rep names at the centre of each area.
        const labels = leaflet.L.tooltip.mock.results.map((r) => r.value);
        expect(labels.map((l) => l.setContent.mock.calls[0][0])).toEqual([
            'Dana Ortiz',
            'Lee Park'
        ]);
        expect(leaflet.L.marker).toHaveBeenCalledTimes(2);
        expect(leaflet.L.marker.mock.calls[0][1].title).toBe('Home of Dana Ortiz');
        // Fitted to the accounts (29.5…46 N, 101…95 W) and the areas around them.
        const [[south, west], [north, east]] = leaflet.map.fitBounds.mock.calls[0][0];
        expect(south).toBeLessThan(29.5);
        expect(south).toBeGreaterThan(27);
        expect(north).toBeGreaterThan(46);
        expect(north).toBeLessThan(48.5);
        expect(west).toBeLessThan(-101);
        expect(west).toBeGreaterThan(-104);
        expect(east).toBeGreaterThan(-95);
        expect(east).toBeLessThan(-92);
        expect(leaflet.L.heatLayer).not.toHaveBeenCalled();
        const legend = [...element.shadowRoot.querySelectorAll('.legend-item')];
        expect(legend.map((b) => b.textContent)).toEqual(['North3', 'South3']);
        expect(element.shadowRoot.querySelector('.slds-assistive-text').textContent).toBe(
            'Territory map: 6 accounts in 2 territories. 2 territory areas drawn.'
        );
        expect(element.shadowRoot.querySelector('.legend-note').textContent).toBe(
            'Counts are of all accounts shown.'
        );
        await expect(element).toBeAccessible();
    });

    it('reports the borders of its areas and colours territories as told', async () => {
        // A South account beside North's: the two areas border each other.
        const south = MAP_DATA.accounts.find((a) => a.territoryId === MAP_DATA.territories[1].id);
        const element = createMap({
            accounts: [
                ...MAP_DATA.accounts,
                { ...south, id: 'S-near', latitude: 43, longitude: -100 }
            ],
            territories: MAP_DATA.territories
        });
        const adjacency = jest.fn();
        element.addEventListener('adjacency', adjacency);
        await flushPromises();
        // North and South border each other: one pair, reported once.
        expect(adjacency).toHaveBeenCalledTimes(1);
        const ids = MAP_DATA.territories.map((t) => t.id).sort();
        expect(adjacency.mock.calls[0][0].detail.pairs).toEqual([ids]);

        leaflet.L.polygon.mockClear();
        element.territoryColors = { [MAP_DATA.territories[0].id]: '#123456' };
        await flushPromises();
        const fills = leaflet.L.polygon.mock.calls.map(([, style]) => style.fillColor);
        expect(fills).toHaveLength(2);
        expect(fills).toContain('#123456');
        expect(AREA_PALETTE).toContain(fills.find((f) => f !== '#123456'));
        // New colours are not new areas, and the same borders are not news: no second report.
        element.accounts = [...element.accounts];
        await flushPromises();
        expect(adjacency).toHaveBeenCalledTimes(1);
    });

    it('says how many accounts of the postal units are placed at the ZIP centre', async () => {
        const unit = (postalCode, latitude, longitude, territoryId, approximateCount) => ({
            postalCode,
            segment: null,
            latitude,
            longitude,
            accountCount: 10,
            elsewhereCount: 0,
            approximateCount,
            potential: 1000,
            workload: 10,
            territoryId
        });
        const element = createMap({
            units: unitsFromPayload([
                unit('57501', 45, -101, '0MI000000000001', 2),
                unit('58501', 46, -100, '0MI000000000001', 0),
                unit('77001', 30, -95, '0MI000000000002', 1)
            ]),
            territories: MAP_DATA.territories.map((t) => ({ ...t, accountCount: 15 }))
        });
        await flushPromises();

        expect(element.shadowRoot.querySelector('.legend-note').textContent).toBe(
            'Counts are of all accounts; the map draws them by postal unit. ' +
                '3 accounts placed at the ZIP centre (no coordinates).'
        );
        const names = dotLayers(leaflet.group)
            .pop()
            .points.map((p) => p.name);
        expect(names).toContain(
            'Postal code 57501 · 10 accounts · 2 accounts placed at the ZIP centre'
        );
        expect(names).toContain('Postal code 58501 · 10 accounts');
        await expect(element).toBeAccessible();
    });

    it('counts all accounts in the legend when it is given only part of them', async () => {
        const element = createMap({
            accounts: MAP_DATA.accounts,
            territories: MAP_DATA.territories.map((t, i) => ({ ...t, accountCount: 20000 + i })),
            partial: true,
            showHeat: true
        });
        await flushPromises();

        const legend = [...element.shadowRoot.querySelectorAll('.legend-item')];
        expect(legend.map((b) => b.textContent)).toEqual(['North20,000', 'South20,001']);
        expect(element.shadowRoot.querySelector('.legend-note').textContent).toBe(
            'Counts are of all accounts; the map draws the accounts loaded.'
        );
        expect(element.shadowRoot.querySelector('.heat-scale').textContent).toContain(
            '(accounts loaded)'
        );
        expect(element.shadowRoot.querySelector('.slds-assistive-text').textContent).toContain(
            '40,001 accounts in 2 territories'
        );
    });

    it('selects a territory from the legend and reports it', async () => {
        const element = createMap({
            accounts: MAP_DATA.accounts,
            territories: MAP_DATA.territories
        });
        const handler = jest.fn();
        element.addEventListener('territoryselect', handler);
        await flushPromises();

        element.shadowRoot.querySelectorAll('.legend-item')[1].click();
        await flushPromises();

        expect(handler).toHaveBeenCalledTimes(1);
        expect(handler.mock.calls[0][0].detail).toEqual({ territoryId: '0MI000000000002' });
        const buttons = element.shadowRoot.querySelectorAll('.legend-item');
        expect(buttons[1].getAttribute('aria-pressed')).toBe('true');
        expect(buttons[0].getAttribute('aria-pressed')).toBe('false');
        // Redrawn with the other territory dimmed.
        const lastDraw = dotLayers(leaflet.group).pop().points;
        expect(lastDraw[0].opacity).toBeLessThan(lastDraw[3].opacity);
        await expect(element).toBeAccessible();
    });

    it('shows the hovered account and selects its territory on click', async () => {
        const element = createMap({
            accounts: MAP_DATA.accounts,
            territories: MAP_DATA.territories
        });
        const handler = jest.fn();
        element.addEventListener('territoryselect', handler);
        await flushPromises();

        const labels = leaflet.L.tooltip.mock.results.length;
        leaflet.handlers.mousemove({ latlng: { lat: 45.01, lng: -101.01 } });
        const tooltip = leaflet.L.tooltip.mock.results[labels].value;
        expect(tooltip.setContent).toHaveBeenCalledWith('Acme · North');
        leaflet.handlers.mousemove({ latlng: { lat: 10, lng: 10 } });
        expect(leaflet.map.removeLayer).toHaveBeenCalledWith(tooltip);

        leaflet.handlers.click({ latlng: { lat: 30.01, lng: -95.01 } });
        expect(handler.mock.calls[0][0].detail).toEqual({ territoryId: '0MI000000000002' });
    });

    it('selects once when an outline is clicked, and a dot under the pointer wins', async () => {
        const element = createMap({
            accounts: MAP_DATA.accounts,
            territories: MAP_DATA.territories
        });
        const handler = jest.fn();
        element.addEventListener('territoryselect', handler);
        await flushPromises();

        // North's outline, clicked far from any dot: Leaflet then hands the same click to the map.
        const northOutline = leaflet.L.polygon.mock.results[0].value;
        const clickOutline = northOutline.on.mock.calls.find(([name]) => name === 'click')[1];
        const empty = { latlng: { lat: 38, lng: -99 } };
        clickOutline(empty);
        leaflet.handlers.click(empty);
        expect(handler).toHaveBeenCalledTimes(1);
        expect(handler.mock.calls[0][0].detail).toEqual({ territoryId: '0MI000000000001' });

        // Inside North's outline but on a South dot: the dot's territory is selected.
        const onSouthDot = { latlng: { lat: 30.01, lng: -95.01 } };
        clickOutline(onSouthDot);
        leaflet.handlers.click(onSouthDot);
        expect(handler).toHaveBeenCalledTimes(2);
        expect(handler.mock.calls[1][0].detail).toEqual({ territoryId: '0MI000000000002' });
    });

    it('colours by potential with a scale and adds the heat layer', async () => {
        const element = createMap({
            accounts: MAP_DATA.accounts,
            territories: MAP_DATA.territories,
            showHeat: true
        });
        await flushPromises();
        expect(leaflet.L.heatLayer).toHaveBeenCalledTimes(1);
        // One point per unit (accounts without postal codes are their own units).
        expect(leaflet.L.heatLayer.mock.calls[0][0]).toHaveLength(6);
        expect(leaflet.L.heatLayer.mock.calls[0][1]).toMatchObject({ max: 1 });
        const heatScale = element.shadowRoot.querySelector('.heat-scale');
        expect(heatScale.textContent).toContain('Potential per postal unit');
        expect(heatScale.textContent).toContain('0');
        // The bar runs from the lowest gradient stop to the highest, as the layer does.
        const bar = heatScale.querySelector('.scale-bar').getAttribute('style');
        expect(bar.indexOf('20%')).toBeGreaterThan(0);
        expect(bar.indexOf('20%')).toBeLessThan(bar.indexOf('100%'));

        const combobox = element.shadowRoot.querySelector('lightning-combobox');
        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'potential' } }));
        await flushPromises();

        const lastDraw = dotLayers(leaflet.group).pop().points;
        // Delta has the highest potential: the top of the sequential scale.
        expect(lastDraw[3].fill).toBe(sequentialColor(1));
        expect(element.shadowRoot.querySelector('.scale')).not.toBeNull();
        expect(element.shadowRoot.querySelector('.legend')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('reports user pans for linked maps but not programmatic ones', async () => {
        const element = createMap({ accounts: MAP_DATA.accounts, territories: [] });
        const handler = jest.fn();
        element.addEventListener('viewchange', handler);
        await flushPromises();

        leaflet.handlers.moveend();
        expect(handler.mock.calls[0][0].detail).toEqual({ lat: 40, lng: -100, zoom: 6 });
        leaflet.map.setView.mockImplementation(() => {
            leaflet.handlers.moveend();
            return leaflet.map;
        });
        element.setView(41, -99, 7);
        expect(leaflet.map.setView).toHaveBeenLastCalledWith([41, -99], 7, { animate: false });
        expect(handler).toHaveBeenCalledTimes(1);
    });

    it('selects the accounts inside a lasso instead of panning', async () => {
        const element = createMap({
            accounts: MAP_DATA.accounts,
            territories: MAP_DATA.territories,
            lassoActive: true
        });
        const lasso = jest.fn();
        const select = jest.fn();
        element.addEventListener('lassoselect', lasso);
        element.addEventListener('territoryselect', select);
        await flushPromises();
        expect(leaflet.map.dragging.disable).toHaveBeenCalled();

        // A box around the three northern accounts (lat 44–46, lon −101…−99).
        leaflet.handlers.mousedown({ latlng: { lat: 47, lng: -102 } });
        for (const [lat, lng] of [
            [47, -98],
            [43, -98],
            [43, -102]
        ]) {
            leaflet.handlers.mousemove({ latlng: { lat, lng } });
        }
        const line = leaflet.L.polyline.mock.results[0].value;
        expect(line.setLatLngs).toHaveBeenCalledTimes(3);
        leaflet.handlers.mouseup();
        leaflet.handlers.click({ latlng: { lat: 45, lng: -101 } });

        expect(lasso.mock.calls[0][0].detail.accountIds).toEqual([
            '001000000000001',
            '001000000000002',
            '001000000000003'
        ]);
        expect(leaflet.map.removeLayer).toHaveBeenCalledWith(line);
        expect(select).not.toHaveBeenCalled();

        element.lassoActive = false;
        expect(leaflet.map.dragging.enable).toHaveBeenCalled();
    });

    it('uses a tile server instead of the bundled base map when configured', async () => {
        createMap({
            accounts: MAP_DATA.accounts,
            tileUrl: 'https://tiles.example.com/{z}/{x}/{y}.png',
            tileAttribution: '© Example'
        });
        await flushPromises();

        expect(global.fetch).not.toHaveBeenCalledWith('usStates');
        expect(leaflet.L.tileLayer).toHaveBeenCalledWith(
            'https://tiles.example.com/{z}/{x}/{y}.png',
            { attribution: '© Example' }
        );
    });
});

describe('c-territory-map mapRenderer', () => {
    it('draws one layer per area, label, home, one dot canvas, and heat only when asked', () => {
        const { L, group } = fakeLeaflet();
        const model = modelWithAreas();
        const onTerritoryClick = jest.fn();

        const drawn = drawMapModel(L, group, model, {
            heat: [[1, 2, 0.5]],
            showLabels: true,
            onTerritoryClick
        });

        expect(drawn).toEqual({ dots: 6, areas: 2, labels: 2, homes: 2, heat: true });
        // Two areas, heat, one dot canvas for all accounts, two labels, two homes.
        expect(group.addLayer).toHaveBeenCalledTimes(8);
        expect(L.heatLayer.mock.calls[0][1]).toMatchObject({
            max: 1,
            gradient: expect.any(Object)
        });
        const polygon = L.polygon.mock.results[0].value;
        const clickHandler = polygon.on.mock.calls.find(([name]) => name === 'click')[1];
        clickHandler({ latlng: { lat: 40, lng: -100 } });
        expect(onTerritoryClick).toHaveBeenCalledWith('0MI000000000001', { lat: 40, lng: -100 });
        expect(polygon.bindTooltip).toHaveBeenCalledWith('North · Dana Ortiz', { sticky: true });
        // Under the heat layer the fills fade, the borders stay.
        const [north, south] = L.polygon.mock.calls.map((call) => call[1]);
        expect(north.fillOpacity).toBeLessThan(0.2);
        expect(north.opacity).toBeGreaterThan(0.3);
        expect(north.fillColor).not.toBe(south.fillColor);
        // Without heat, nothing selected: filled areas with a crisp border.
        L.polygon.mockClear();
        drawMapModel(L, group, model, { heat: null });
        const filled = L.polygon.mock.calls[0][1];
        expect(filled.fillOpacity).toBeGreaterThan(0.3);
        expect(filled.weight).toBeGreaterThanOrEqual(1);
        // Labels sit at the area's label point, inside it.
        const label = L.tooltip.mock.results[0].value;
        expect(L.tooltip.mock.calls[0][0]).toMatchObject({ permanent: true, direction: 'center' });
        expect(label.setLatLng).toHaveBeenCalledWith(model.areas[0].labelAt);
    });

    it('draws the selected area strong on top, labels only it, and fades the others', () => {
        const { L, group } = fakeLeaflet();
        const model = modelWithAreas({ selectedTerritoryId: '0MI000000000001' });

        drawMapModel(L, group, model, { heat: null, showHomes: false, showLabels: true });

        expect(L.polygon).toHaveBeenCalledTimes(2);
        const [faded, selected] = L.polygon.mock.calls.map((call) => call[1]);
        expect(selected.weight).toBeGreaterThan(faded.weight);
        expect(selected.fillOpacity).toBeGreaterThan(faded.fillOpacity);
        expect(faded.fillOpacity).toBeLessThan(0.2);
        expect(L.tooltip).toHaveBeenCalledTimes(1);
        expect(L.tooltip.mock.results[0].value.setContent).toHaveBeenCalledWith('Dana Ortiz');
    });

    it('skips areas, labels and homes when turned off', () => {
        const { L, group } = fakeLeaflet();
        const drawn = drawMapModel(L, group, modelWithAreas(), {
            showAreas: false,
            showHomes: false,
            showLabels: true,
            heat: null
        });
        expect(drawn).toEqual({ dots: 6, areas: 0, labels: 0, homes: 0, heat: false });
    });
});

describe('c-territory-map dot layer', () => {
    it('draws every visible dot on one canvas, one path per colour, and cleans up', () => {
        const { L } = fakeLeaflet();
        const model = buildMapModel(MAP_DATA);
        const layer = createDotLayer(L, model.points);
        const pane = { appendChild: jest.fn() };
        const map = {
            getSize: () => ({ x: 200, y: 100 }),
            // Longitude −102…−94 maps to x 0…200, latitude 29…47 to y 100…0.
            latLngToContainerPoint: ([lat, lon]) => ({ x: (lon + 102) * 25, y: (47 - lat) * 5.5 }),
            containerPointToLayerPoint: () => ({ x: 0, y: 0 }),
            getPane: jest.fn(() => pane),
            on: jest.fn(),
            off: jest.fn()
        };
        layer._map = map;
        layer.onAdd(map);

        const canvas = pane.appendChild.mock.calls[0][0];
        expect(map.getPane).toHaveBeenCalledWith('overlayPane');
        expect(canvas.style.width).toBe('200px');
        // All six accounts are inside the view; two territories: two paths.
        expect(canvas.context.arc).toHaveBeenCalledTimes(6);
        expect(canvas.context.fill).toHaveBeenCalledTimes(2);
        expect(layer.lastPlan.drawn).toBe(6);
        expect(map.on).toHaveBeenCalledWith(
            'moveend zoomend resize viewreset',
            layer.redraw,
            layer
        );

        layer.hide();
        expect(canvas.style.visibility).toBe('hidden');
        layer.onRemove(map);
        expect(map.off).toHaveBeenCalledWith(
            'moveend zoomend resize viewreset',
            layer.redraw,
            layer
        );
        expect(L.DomUtil.remove).toHaveBeenCalledWith(canvas);
    });
});
