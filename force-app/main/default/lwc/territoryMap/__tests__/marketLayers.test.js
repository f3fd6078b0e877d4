import { createElement } from 'lwc';
import TerritoryMap from 'c/territoryMap';
import listLayers from '@salesforce/apex/TerritoryMarketController.listLayers';
import getLayer from '@salesforce/apex/TerritoryMarketController.getLayer';
import { marketLayerView, drawMarketLayer, VALUE_SCALE, POINT_COLOR } from '../marketLayer';

jest.mock('@salesforce/apex/TerritoryMarketController.listLayers', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/TerritoryMarketController.getLayer', () => ({ default: jest.fn() }), {
    virtual: true
});

const MAP_DATA = require('./data/mapData.json');
const GEO = require('../../../staticresources/territoryGeo/territory-geo.js');
const LAND = require('../../../staticresources/territoryGeo/land.json');
const STATES = { type: 'FeatureCollection', features: [] };

const VALUES_ID = 'a0L000000000001AAA';
const POINTS_ID = 'a0L000000000002AAA';
const LAYERS = [
    {
        id: VALUES_ID,
        name: 'Addressable companies',
        kind: 'postal_values',
        valueName: 'Companies',
        featureCount: 3,
        valueRange: { min: 4, max: 100 }
    },
    { id: POINTS_ID, name: 'Competitor sites', kind: 'points', featureCount: 2, valueRange: null }
];
const feature = (lon, lat, properties) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties
});
const VALUES_DOC = {
    layer: LAYERS[0],
    featureCollection: {
        type: 'FeatureCollection',
        features: [
            feature(-73.99, 40.75, { postalCode: '10001', value: 100 }),
            feature(-87.63, 41.88, { postalCode: '60601', value: 25 }),
            feature(-118.24, 34.05, { postalCode: '90012', value: 4 })
        ]
    }
};
const POINTS_DOC = {
    layer: LAYERS[1],
    featureCollection: {
        type: 'FeatureCollection',
        features: [
            feature(-95.37, 29.76, { name: 'Tailspin Houston' }),
            feature(-104.99, 39.74, { name: 'Fabrikam Direct Denver' })
        ]
    }
};

/** A Leaflet stand-in recording what is drawn; `groups` in creation order (areas, market). */
function fakeLeaflet() {
    const layer = (kind) =>
        jest.fn((...args) => {
            const l = { kind, args };
            for (const name of ['addTo', 'on', 'bindTooltip', 'setLatLng', 'setContent']) {
                l[name] = jest.fn(() => l);
            }
            return l;
        });
    const pane = { style: {} };
    const map = {
        setView: jest.fn(() => map),
        on: jest.fn(() => map),
        fitBounds: jest.fn(),
        invalidateSize: jest.fn(),
        getZoom: jest.fn(() => 5),
        latLngToContainerPoint: jest.fn(([lat, lon]) => ({ x: lon * 10, y: -lat * 10 })),
        getCenter: jest.fn(() => ({ lat: 40, lng: -100 })),
        removeLayer: jest.fn(),
        remove: jest.fn(),
        off: jest.fn(),
        createPane: jest.fn(() => pane),
        dragging: { enable: jest.fn(), disable: jest.fn() }
    };
    const groups = [];
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
            create: jest.fn(() => ({ style: {}, getContext: () => ({}) })),
            setPosition: jest.fn(),
            remove: jest.fn()
        },
        map: jest.fn(() => map),
        svg: jest.fn((options) => ({ renderer: 'svg', ...options })),
        geoJSON: jest.fn(layer('geoJSON')),
        layerGroup: jest.fn(() => {
            const group = {
                layers: [],
                addTo: jest.fn(() => group),
                clearLayers: jest.fn(() => {
                    group.layers = [];
                }),
                addLayer: jest.fn((l) => group.layers.push(l))
            };
            groups.push(group);
            return group;
        }),
        polygon: jest.fn(layer('polygon')),
        marker: jest.fn(layer('marker')),
        circleMarker: jest.fn(layer('circleMarker')),
        divIcon: jest.fn((options) => options),
        heatLayer: jest.fn(layer('heat')),
        tooltip: jest.fn(layer('tooltip')),
        polyline: jest.fn(layer('polyline'))
    };
    return { L, map, pane, groups };
}

// eslint-disable-next-line @lwc/lwc/no-async-operation
const flushPromises = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('c-territory-map market layers', () => {
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
        listLayers.mockResolvedValue({ layers: LAYERS });
        getLayer.mockImplementation(({ layerId }) =>
            Promise.resolve(layerId === VALUES_ID ? VALUES_DOC : POINTS_DOC)
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
    });

    async function createMap(props = {}) {
        const element = createElement('c-territory-map', { is: TerritoryMap });
        Object.assign(element, {
            accounts: MAP_DATA.accounts,
            territories: MAP_DATA.territories,
            compact: true,
            withLegend: true,
            ...props
        });
        document.body.appendChild(element);
        await flushPromises();
        await flushPromises();
        return element;
    }

    const picker = (element) => element.shadowRoot.querySelector('.market-layer-picker');
    const marketGroup = () => leaflet.groups[leaflet.groups.length - 1];

    async function choose(element, layerId) {
        picker(element).dispatchEvent(new CustomEvent('change', { detail: { value: layerId } }));
        await flushPromises();
    }

    it('offers nothing and asks nothing without market-layers', async () => {
        const element = await createMap();
        expect(picker(element)).toBeNull();
        expect(listLayers).not.toHaveBeenCalled();
        expect(leaflet.map.createPane).not.toHaveBeenCalledWith('marketPane');
    });

    it("lists the org's layers in a picker, None first", async () => {
        const element = await createMap({ marketLayers: true });
        expect(listLayers).toHaveBeenCalledTimes(1);
        expect(picker(element).options).toEqual([
            { label: 'None', value: '' },
            { label: 'Addressable companies', value: VALUES_ID },
            { label: 'Competitor sites', value: POINTS_ID }
        ]);
        // Its own pane above the territory areas (overlayPane 400), below the pins (600).
        expect(leaflet.map.createPane).toHaveBeenCalledWith('marketPane');
        expect(leaflet.pane.style.zIndex).toBe(450);
        expect(element.shadowRoot.querySelector('.market-legend')).toBeNull();
        // No layer, no toggle to show or hide it.
        expect(element.shadowRoot.querySelector('.market-layer-toggle')).toBeNull();
    });

    it('draws a values layer as graduated circles with a legend, and hides it', async () => {
        const element = await createMap({ marketLayers: true });
        const areas = leaflet.L.polygon.mock.calls.length;
        await choose(element, VALUES_ID);

        expect(getLayer).toHaveBeenCalledWith({ layerId: VALUES_ID });
        const circles = marketGroup().layers;
        expect(circles).toHaveLength(3);
        const radii = circles.map((c) => c.args[1].radius);
        // Biggest first (small ones stay on top), area proportional to the value.
        expect(radii[0]).toBeGreaterThan(radii[1]);
        expect(radii[1]).toBeGreaterThan(radii[2]);
        expect(circles[0].args[1]).toMatchObject({
            className: 'market-circle',
            fillColor: VALUE_SCALE[VALUE_SCALE.length - 1],
            pane: 'marketPane',
            renderer: { renderer: 'svg', pane: 'marketPane' }
        });
        expect(circles[2].args[1].fillColor).toBe(VALUE_SCALE[0]);
        expect(circles[0].bindTooltip).toHaveBeenCalledWith('ZIP 10001: 100 companies', {
            direction: 'top'
        });
        // The territory areas are not redrawn or removed by the layer.
        expect(leaflet.L.polygon.mock.calls.length).toBe(areas);

        const legend = element.shadowRoot.querySelector('.market-legend');
        expect(legend.querySelector('.market-legend-title').textContent).toBe(
            'Addressable companies'
        );
        expect(legend.querySelector('.market-min').textContent).toBe('4');
        expect(legend.querySelector('.market-max').textContent).toBe('100');
        expect(legend.querySelector('.market-unit').textContent).toBe('Companies');
        // jsdom drops gradients from style; the attribute is what the browser gets.
        expect(legend.querySelector('.market-scale-bar').getAttribute('style')).toBe(
            `background: linear-gradient(to right, ${VALUE_SCALE.join(', ')})`
        );

        const toggle = element.shadowRoot.querySelector('.market-layer-toggle');
        expect(toggle.checked).toBe(true);
        toggle.dispatchEvent(new CustomEvent('change', { detail: { checked: false } }));
        await flushPromises();
        expect(marketGroup().layers).toHaveLength(0);
        expect(element.shadowRoot.querySelector('.market-legend')).toBeNull();
        toggle.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        await flushPromises();
        expect(marketGroup().layers).toHaveLength(3);
    });

    it('draws a points layer as diamond markers, and None clears it', async () => {
        const element = await createMap({ marketLayers: true });
        await choose(element, POINTS_ID);
        const markers = marketGroup().layers;
        expect(markers).toHaveLength(2);
        expect(markers.every((m) => m.kind === 'marker')).toBe(true);
        expect(markers[0].args[1].icon.className).toBe('market-point');
        expect(markers[0].bindTooltip).toHaveBeenCalledWith('Tailspin Houston', {
            direction: 'top'
        });
        expect(element.shadowRoot.querySelector('.market-legend-points').textContent).toContain(
            '2 sites'
        );
        expect(element.shadowRoot.querySelector('.market-scale')).toBeNull();

        await choose(element, '');
        expect(marketGroup().layers).toHaveLength(0);
        expect(element.shadowRoot.querySelector('.market-legend')).toBeNull();
    });

    it('says why when a layer cannot be read', async () => {
        getLayer.mockRejectedValue({
            body: { message: 'No layer a0L…: GET /v1/layers lists them' }
        });
        const element = await createMap({ marketLayers: true });
        await choose(element, VALUES_ID);
        expect(element.shadowRoot.querySelector('.market-error').textContent).toContain('No layer');
        expect(marketGroup().layers).toHaveLength(0);
    });
});

describe('c-territory-map marketLayerView', () => {
    it('skips features without coordinates and gives a flat range the top colour', () => {
        const view = marketLayerView({
            layer: { ...LAYERS[0], valueRange: { min: 5, max: 5 } },
            featureCollection: {
                features: [
                    feature(-73.99, 40.75, { postalCode: '10001', value: 5 }),
                    {
                        type: 'Feature',
                        geometry: { type: 'Point', coordinates: [] },
                        properties: {}
                    }
                ]
            }
        });
        expect(view.markers).toHaveLength(1);
        expect(view.markers[0].color).toBe(VALUE_SCALE[VALUE_SCALE.length - 1]);
        expect(view.legend.hasScale).toBe(true);
    });

    it('draws points in the point colour', () => {
        const L = fakeLeaflet().L;
        const group = { addLayer: jest.fn() };
        const view = marketLayerView(POINTS_DOC);
        expect(drawMarketLayer(L, group, view)).toBe(2);
        expect(L.divIcon.mock.calls[0][0].html).toContain(POINT_COLOR);
    });
});
