import { LightningElement, api } from 'lwc';
import { loadScript, loadStyle } from 'lightning/platformResourceLoader';
import LEAFLET from '@salesforce/resourceUrl/leaflet';
import US_STATES from '@salesforce/resourceUrl/usStates';
import TERRITORY_GEO from '@salesforce/resourceUrl/territoryGeo';
import {
    buildMapModel,
    heatLayerData,
    GridIndex,
    COLOR_BY_OPTIONS,
    HEAT_GRADIENT,
    placeLabels,
    pointsInLasso
} from 'c/mapUtils';
import { buildUnits, computeTerritoryAreas } from 'c/territoryAreas';
import { formatNumber } from 'c/planMath';
import { plural } from 'c/plannerUtils';
import { createBaseLayer, drawMapModel } from './mapRenderer';
import { drawMarketLayer, marketLayerView } from './marketLayer';
import listLayers from '@salesforce/apex/TerritoryMarketController.listLayers';
import getLayer from '@salesforce/apex/TerritoryMarketController.getLayer';

// The continental US: where the bundled base map has shapes; used before data arrives.
const DEFAULT_CENTER = [39.5, -98.35];
const DEFAULT_ZOOM = 4;
// Hover picks the nearest account within this many pixels of the pointer.
const HOVER_PIXELS = 8;
// A unit's area reaches at most about this far where no other unit is near (c/territoryAreas).
const UNIT_REACH_KM = 150;
// Market layers draw on their own pane: above the territory areas and dots (overlayPane, 400),
// below the rep pins (markerPane, 600) and tooltips.
// Leaflet's tile pane is at 200 and its overlay pane at 400.
const BASE_PANE = 'basePane';
const BASE_PANE_Z = 250;
const MARKET_PANE = 'marketPane';
const MARKET_PANE_Z = 450;

/**
 * Territory map: territories as filled areas made of their postal units (each unit's Voronoi cell
 * clipped to the land, dissolved per territory; c/territoryAreas), coloured so that neighbours
 * never share a colour and labelled with the reps' names at their centre; accounts (or per-unit
 * aggregates) as canvas dots coloured by territory or by a measure; a heat layer of potential per
 * unit with its scale; rep homes as pins and a legend. Works offline on a bundled US states base
 * map; `tileUrl` adds a tile layer.
 *
 * Events: `territoryselect` { territoryId } when a territory is clicked (map or legend);
 * `viewchange` { lat, lng, zoom } after the user pans or zooms (for linked compare maps);
 * `adjacency` { pairs } when the areas are computed (see dispatchAdjacency).
 */
export default class TerritoryMap extends LightningElement {
    /** Accounts: { id, name, latitude, longitude, potential, workload, territoryId }. */
    @api
    get accounts() {
        return this._accounts;
    }
    set accounts(value) {
        this._accounts = value || [];
        this.invalidate(true);
    }

    /**
     * Per-unit aggregates instead of accounts, for plans too large to send account by account:
     * { key, postalCode, segment, latitude, longitude, accountCount, elsewhereCount?, potential,
     * workload, territoryId } (c/territoryAreas unitsFromPayload makes them from the planner's
     * payload). Used when `accounts` is empty: the areas, one dot per unit and the heat layer
     * come from them, so they cover every account the units count.
     */
    @api
    get units() {
        return this._units;
    }
    set units(value) {
        this._units = value || [];
        this.invalidate(true);
    }

    /**
     * The accounts (or units) are only part of the plan's: legend counts then come from each
     * territory's own `accountCount` (figures of all its accounts), never from what is drawn.
     */
    @api
    get partial() {
        return this._partial;
    }
    set partial(value) {
        this._partial = !!value;
        this.invalidate(false);
    }

    /**
     * Territories: { id, name, accountCount?, reps: [{ userId, name, homeLatitude,
     * homeLongitude }] }.
     */
    @api
    get territories() {
        return this._territories;
    }
    set territories(value) {
        this._territories = value || [];
        this.invalidate(true);
    }

    /** 'territory' (categorical) or a numeric account property ('potential', 'workload'). */
    @api
    get colorBy() {
        return this._colorBy;
    }
    set colorBy(value) {
        this._colorBy = value || 'territory';
        this.invalidate(false);
    }

    /**
     * Territory id → colour, overriding the colours of this map's own adjacency (the compare
     * view's two maps colour a territory alike). Territories it does not name keep their own.
     */
    @api
    get territoryColors() {
        return this._territoryColors;
    }
    set territoryColors(value) {
        this._territoryColors = value || undefined;
        this.invalidate(false);
    }

    /** Highlights one territory and dims the others. */
    @api
    get selectedTerritoryId() {
        return this._selectedTerritoryId;
    }
    set selectedTerritoryId(value) {
        this._selectedTerritoryId = value;
        this.invalidate(false);
    }

    /** Draws this account larger with a dark outline (rep card). */
    @api highlightAccountId;

    /** Account ids (or unit keys) a scenario moves: drawn with a dark ring (compare). */
    @api
    get movedIds() {
        return this._movedIds;
    }
    set movedIds(value) {
        this._movedIds = value || [];
        this.invalidate(false);
    }

    /** New reps to pin: { key, name, lat, lon, territoryId? } (a star pin each). */
    @api
    get hires() {
        return this._hires;
    }
    set hires(value) {
        this._hires = value || [];
        this.invalidate(false);
    }

    /** User ids of reps who leave: their home pins are grey and crossed out. */
    @api
    get leavingRepIds() {
        return this._leavingRepIds;
    }
    set leavingRepIds(value) {
        this._leavingRepIds = value || [];
        this.invalidate(false);
    }

    /**
     * Placing mode: a click on the map fires `mappoint` { lat, lon } (where a new hire lives)
     * instead of selecting a territory; the pointer is a crosshair.
     */
    @api
    get placing() {
        return this._placing;
    }
    set placing(value) {
        this._placing = !!value;
        const container = this.template.querySelector('.map-container');
        if (container) {
            container.classList.toggle('map-container_placing', this._placing);
        }
    }
    /** Shows the heat layer of potential. */
    @api
    get showHeat() {
        return this._showHeat;
    }
    set showHeat(value) {
        this._showHeat = value;
        this.invalidate(false);
    }

    /** Draws the territory areas with the reps' names. */
    @api
    get showOutlines() {
        return this._showOutlines;
    }
    set showOutlines(value) {
        this._showOutlines = value !== false;
        this.invalidate(false);
    }

    /**
     * Lasso mode: dragging draws a free-hand outline instead of panning; releasing fires
     * `lassoselect` { accountIds } with the accounts inside.
     */
    @api
    get lassoActive() {
        return this._lassoActive;
    }
    set lassoActive(value) {
        this._lassoActive = !!value;
        this.applyLassoMode();
    }

    /** Optional tile server URL template ({z}/{x}/{y}); the bundled base map is used without. */
    @api tileUrl;
    /** Attribution text required by the tile server, if any. */
    @api tileAttribution;
    /** Map height, a CSS length. */
    @api height = '480px';
    /** Accessible name of the map region. */
    @api label = 'Territory map';
    /** Hides the legend and the colour-by control (mini maps). */
    @api compact = false;
    /** Shows the legend even when `compact` (a page that has its own colour-by control). */
    @api withLegend = false;
    /**
     * Offers the org's market layers (TerritoryMarketController): a picker and a show toggle on
     * the map, the chosen layer drawn over the territory areas with its legend and scale.
     */
    @api marketLayers = false;

    _accounts = [];
    _units = [];
    _movedIds = [];
    _hires = [];
    _leavingRepIds = [];
    _placing = false;
    _territoryColors;
    _partial = false;
    _territories = [];
    _colorBy = 'territory';
    _selectedTerritoryId;
    _showHeat = false;
    _showOutlines = true;
    _lassoActive = false;
    lassoRing;
    lassoLine;

    /** The org's layers ({ id, name, kind, valueName, ... }), once listed. */
    layers = [];
    layerId = '';
    layerView;
    layerVisible = true;
    layerLoading = false;
    layerError;
    marketGroup;
    marketRenderer;

    loading = true;
    error;
    hover;
    model = {
        points: [],
        areas: [],
        homes: [],
        legend: [],
        bounds: null,
        scale: null,
        unitDots: false,
        approximateAccounts: 0
    };
    unitList = [];
    territoryAreas = null;
    areasStale = true;
    heat = null;
    geo;
    land;
    svgRenderer;

    map;
    layerGroup;
    labelLayers;
    grid;
    needsDraw = false;
    needsFit = true;
    programmaticMove = false;
    leaflet;
    baseMap;
    tooltip;

    get colorByOptions() {
        return COLOR_BY_OPTIONS;
    }

    get hasControls() {
        return !this.compact && !this.loading && !this.error && this.hasAccounts;
    }

    get frameClass() {
        return this.loading || this.error || !this.hasAccounts
            ? 'map-frame map-frame_hidden'
            : 'map-frame';
    }

    get frameStyle() {
        return `height: ${this.height}`;
    }

    get hasAccounts() {
        return this._accounts.length > 0 || this._units.length > 0;
    }

    get showEmpty() {
        return !this.loading && !this.error && !this.hasAccounts;
    }

    get showLegend() {
        return (
            (!this.compact || this.withLegend) &&
            this.model.legend.length > 0 &&
            this._colorBy === 'territory'
        );
    }

    get showScale() {
        return (
            (!this.compact || this.withLegend) && this._colorBy !== 'territory' && this.model.scale
        );
    }

    get scaleMinText() {
        return formatNumber(this.model.scale?.min, { maximumFractionDigits: 0 });
    }

    get scaleMaxText() {
        return formatNumber(this.model.scale?.max, { maximumFractionDigits: 0 });
    }

    get showHeatScale() {
        return (!this.compact || this.withLegend) && this._showHeat && !!this.heat;
    }

    get heatMinText() {
        return formatNumber(this.heat?.min, { maximumFractionDigits: 0 });
    }

    get heatMaxText() {
        return formatNumber(this.heat?.max, { notation: 'compact', maximumFractionDigits: 1 });
    }

    get heatTitle() {
        if (!this._partial) {
            return 'Potential per postal unit';
        }
        return this.model.unitDots
            ? 'Potential per postal unit (units loaded)'
            : 'Potential per postal unit (accounts loaded)';
    }

    get heatBarStyle() {
        // Object keys like "1" come first in enumeration order: sort the stops by position.
        const stops = Object.entries(HEAT_GRADIENT)
            .sort((a, b) => Number(a[0]) - Number(b[0]))
            .map(([at, color]) => `${color} ${Math.round(Number(at) * 100)}%`)
            .join(', ');
        return `background: linear-gradient(to right, ${stops})`;
    }

    get legendNote() {
        if (this.model.unitDots) {
            const note = this._partial
                ? 'Counts are of all accounts; the map draws the postal units loaded.'
                : 'Counts are of all accounts; the map draws them by postal unit.';
            const approximate = this.model.approximateAccounts;
            if (!(approximate > 0)) {
                return note;
            }
            // Accounts without coordinates: the service placed them at their ZIP code's centre.
            return `${note} ${formatNumber(approximate)} ${
                approximate === 1 ? 'account' : 'accounts'
            } placed at the ZIP centre (no coordinates).`;
        }
        return this._partial
            ? 'Counts are of all accounts; the map draws the accounts loaded.'
            : 'Counts are of all accounts shown.';
    }

    get legendItems() {
        return this.model.legend.map((item) => ({
            ...item,
            swatchStyle: `background-color: ${item.color}`,
            countText: formatNumber(item.count),
            pressed: item.selected ? 'true' : 'false',
            itemClass: item.selected ? 'legend-item legend-item_selected' : 'legend-item'
        }));
    }

    get summary() {
        const total = this.model.legend.reduce((sum, item) => sum + (item.count || 0), 0);
        const count = total || this.model.points.length;
        const areas = this.model.areas.length
            ? ` ${plural(this.model.areas.length, 'territory area', 'territory areas')} drawn.`
            : '';
        return `${this.label}: ${plural(count, 'account', 'accounts')} in ${plural(this._territories.length, 'territory', 'territories')}.${areas}`;
    }

    connectedCallback() {
        this.rebuildModel();
        this.loadLibraries();
        if (this.marketLayers) {
            this.loadLayerList();
        }
    }

    // ----- market layers -----

    get showLayerControls() {
        return this.marketLayers && !this.loading && !this.error && this.hasAccounts;
    }

    get layerOptions() {
        return [
            { label: 'None', value: '' },
            ...this.layers.map((layer) => ({ label: layer.name, value: layer.id }))
        ];
    }

    get layerChosen() {
        return !!this.layerId;
    }

    get showLayerLegend() {
        return this.showLayerControls && this.layerVisible && !!this.layerView;
    }

    get layerLegend() {
        return this.layerView?.legend;
    }

    get layerErrorText() {
        const error = this.layerError;
        if (!error) return '';
        return error.body?.message || error.message || String(error);
    }

    /** Lists the org's layers again (e.g. after an import); keeps the chosen one if it remains. */
    @api
    refreshLayers() {
        return this.loadLayerList();
    }

    async loadLayerList() {
        try {
            const answer = await listLayers();
            this.layers = answer?.layers || [];
            this.layerError = undefined;
            if (this.layerId && !this.layers.some((l) => l.id === this.layerId)) {
                this.chooseLayer('');
            }
        } catch (error) {
            this.layers = [];
            this.layerError = error;
        }
    }

    handleLayerChange(event) {
        this.chooseLayer(event.detail.value || '');
    }

    async chooseLayer(layerId) {
        this.layerId = layerId;
        this.layerView = undefined;
        this.layerError = undefined;
        if (layerId) {
            this.layerLoading = true;
            try {
                const doc = await getLayer({ layerId });
                if (this.layerId !== layerId) return;
                this.layerView = marketLayerView(doc);
                this.layerVisible = true;
            } catch (error) {
                if (this.layerId === layerId) this.layerError = error;
            } finally {
                if (this.layerId === layerId) this.layerLoading = false;
            }
        } else {
            this.layerLoading = false;
        }
        this.drawMarket();
    }

    handleLayerToggle(event) {
        this.layerVisible = event.detail.checked;
        this.drawMarket();
    }

    drawMarket() {
        if (!this.marketGroup) {
            return;
        }
        this.marketGroup.clearLayers();
        if (this.layerVisible && this.layerView) {
            drawMarketLayer(this.leaflet, this.marketGroup, this.layerView, {
                renderer: this.marketRenderer,
                pane: MARKET_PANE
            });
        }
    }

    disconnectedCallback() {
        if (this.map) {
            // Our handlers go first: a zoom that ends after removal must not reach them.
            this.map.off();
            this.map.remove();
            this.map = undefined;
        }
    }

    renderedCallback() {
        if (this.leaflet && !this.map && !this.error) {
            this.createMap();
        }
        if (this.map && this.needsDraw) {
            this.draw();
        }
    }

    /**
     * Moves the map without emitting `viewchange` (the other map of a linked pair calls this).
     */
    @api
    setView(lat, lng, zoom) {
        if (this.map) {
            this.programmaticMove = true;
            this.map.setView([lat, lng], zoom, { animate: false });
            this.programmaticMove = false;
        }
    }

    async loadLibraries() {
        try {
            await Promise.all([
                loadScript(this, `${LEAFLET}/leaflet.js`),
                loadStyle(this, `${LEAFLET}/leaflet.css`)
            ]);
            await loadScript(this, `${LEAFLET}/leaflet-heat.js`);
            // leaflet.js defines the global L (as Leaflet's own docs use it).
            const L = window.L;
            if (!L) {
                throw new Error('Leaflet did not load from the "leaflet" static resource.');
            }
            const [baseMap] = await Promise.all([this.loadBaseMap(), this.loadTerritoryGeo()]);
            this.baseMap = baseMap;
            this.leaflet = L;
            this.invalidate(false);
        } catch (error) {
            this.error = error;
        } finally {
            this.loading = false;
        }
    }

    async loadBaseMap() {
        if (this.tileUrl) {
            return null;
        }
        const response = await fetch(US_STATES);
        if (!response.ok) {
            throw new Error(`The base map (usStates static resource) answered ${response.status}.`);
        }
        return response.json();
    }

    /**
     * The territory geometry (territoryGeo static resource: territory-geo.js defines the global
     * `territoryGeo`, land.json is the land outline the areas are clipped to).
     */
    async loadTerritoryGeo() {
        await loadScript(this, `${TERRITORY_GEO}/territory-geo.js`);
        const geo = window.territoryGeo;
        if (!geo) {
            throw new Error(
                'The territory geometry did not load from the "territoryGeo" static resource.'
            );
        }
        const response = await fetch(`${TERRITORY_GEO}/land.json`);
        if (!response.ok) {
            throw new Error(
                `The land outline (territoryGeo static resource) answered ${response.status}.`
            );
        }
        this.land = await response.json();
        this.geo = geo;
    }

    invalidate(dataChanged) {
        if (dataChanged) {
            this.areasStale = true;
        }
        this.rebuildModel();
        this.needsDraw = true;
        if (dataChanged) {
            this.needsFit = true;
        }
    }

    rebuildModel() {
        if (this.areasStale) {
            // Units, areas and adjacency depend on the data only, not on colouring or selection.
            this.unitList =
                this._accounts.length > 0 ? buildUnits(this._accounts).units : this._units;
            this.heat = this.unitList.length > 0 ? heatLayerData(this.unitList, 'potential') : null;
            if (this.geo) {
                this.territoryAreas = computeTerritoryAreas({
                    units: this.unitList,
                    land: this.land,
                    geo: this.geo,
                    reachKm: UNIT_REACH_KM
                });
                this.areasStale = false;
                this.dispatchAdjacency();
            }
        }
        this.model = buildMapModel({
            accounts: this._accounts,
            units: this._units,
            territories: this._territories,
            areas: this.territoryAreas?.areas,
            adjacency: this.territoryAreas?.adjacency,
            territoryColors: this._territoryColors,
            partial: this._partial,
            colorBy: this._colorBy,
            selectedTerritoryId: this._selectedTerritoryId,
            highlightAccountId: this.highlightAccountId,
            movedIds: this._movedIds,
            hires: this._hires,
            leavingRepIds: this._leavingRepIds
        });
        this.grid = new GridIndex(this.model.points);
    }

    /**
     * `adjacency` { pairs: [[territoryId, territoryId]…] } once the areas are computed: which
     * territories border each other here (a page colouring linked maps alike needs both maps').
     */
    dispatchAdjacency() {
        const pairs = [];
        for (const [a, set] of this.territoryAreas?.adjacency || []) {
            for (const b of set) {
                if (a < b) {
                    pairs.push([a, b]);
                }
            }
        }
        // Reported only when the borders changed: the page may hand new inputs back.
        const signature = JSON.stringify(pairs.sort());
        if (signature === this.adjacencySignature) {
            return;
        }
        this.adjacencySignature = signature;
        // After the current render: the page's handler changes its own state.
        Promise.resolve().then(() => {
            this.dispatchEvent(new CustomEvent('adjacency', { detail: { pairs } }));
        });
    }

    createMap() {
        const L = this.leaflet;
        const container = this.template.querySelector('.map-container');
        if (!container) {
            return;
        }
        container.classList.toggle('map-container_placing', this._placing);
        // Every vector layer is SVG (the account dots are our own canvas layer). Leaflet's canvas
        // renderer can run a redraw after map.remove() has dropped its context ("reading
        // 'clearRect'", Leaflet issues 6030 and 9575), which a quick switch of views hit in CI.
        this.map = L.map(container, {
            // Quarter zoom steps let fitBounds use the space instead of jumping a whole level.
            zoomSnap: 0.25,
            zoomControl: true,
            attributionControl: !!this.tileUrl
        }).setView(DEFAULT_CENTER, DEFAULT_ZOOM);
        if (this.tileUrl) {
            L.tileLayer(this.tileUrl, { attribution: this.tileAttribution || '' }).addTo(this.map);
        } else if (this.baseMap) {
            // Its own pane under the overlays: the opaque land must stay below the account dots.
            const pane = this.map.createPane(BASE_PANE);
            pane.style.zIndex = BASE_PANE_Z;
            createBaseLayer(L, this.baseMap, {
                pane: BASE_PANE,
                renderer: L.svg({ pane: BASE_PANE })
            }).addTo(this.map);
        }
        // Territory areas as SVG paths (crisp borders, one element per territory); dots stay on
        // the canvas.
        this.svgRenderer = typeof L.svg === 'function' ? L.svg() : undefined;
        this.layerGroup = L.layerGroup().addTo(this.map);
        if (this.marketLayers) {
            const pane = this.map.createPane(MARKET_PANE);
            pane.style.zIndex = MARKET_PANE_Z;
            this.marketRenderer = L.svg({ pane: MARKET_PANE });
            this.marketGroup = L.layerGroup().addTo(this.map);
            this.drawMarket();
        }
        this.map.on('mousemove', (event) => this.handleMapHover(event));
        this.map.on('mouseout', () => this.clearHover());
        this.map.on('click', (event) => this.handleMapClick(event));
        this.map.on('moveend', () => this.handleMoveEnd());
        this.map.on('zoomend', () => this.layoutLabels());
        this.map.on('mousedown', (event) => this.handleLassoStart(event));
        this.map.on('mouseup', () => this.handleLassoEnd());
        this.applyLassoMode();
        this.needsDraw = true;
    }

    draw() {
        const L = this.leaflet;
        this.needsDraw = false;
        // The container may just have become visible (it is hidden while empty or loading).
        this.map.invalidateSize();
        this.layerGroup.clearLayers();
        const drawn = drawMapModel(L, this.layerGroup, this.model, {
            showAreas: this._showOutlines,
            showHomes: true,
            // Mini maps (rep card) already name their territory beside the map.
            showLabels: !this.compact || this.withLegend,
            renderer: this.svgRenderer,
            heat: this._showHeat && this.heat ? this.heat.points : null,
            onTerritoryClick: (territoryId, latlng) => this.handleOutlineClick(territoryId, latlng)
        });
        this.labelLayers = drawn.labelLayers;
        if (this.needsFit && this.model.bounds) {
            this.needsFit = false;
            this.programmaticMove = true;
            this.map.fitBounds(this.model.bounds, { padding: [16, 16], animate: false });
            this.programmaticMove = false;
        }
        this.layoutLabels();
    }

    /** Shows the rep-name labels that fit at this zoom without covering one another. */
    layoutLabels() {
        if (!this.map || !this.labelLayers || this.labelLayers.length === 0) {
            return;
        }
        const counts = new Map(this.model.legend.map((item) => [item.territoryId, item.count]));
        const shown = placeLabels(
            this.labelLayers.map(({ area }) => ({
                key: area.territoryId,
                text: area.label,
                lat: area.labelAt[0],
                lon: area.labelAt[1],
                priority: area.selected ? Infinity : counts.get(area.territoryId) || 0
            })),
            (p) => this.map.latLngToContainerPoint([p.lat, p.lon])
        );
        for (const { area, layer } of this.labelLayers) {
            const element = typeof layer.getElement === 'function' ? layer.getElement() : null;
            if (element) {
                // Hidden, not transparent: a covered label is not read out either.
                element.style.display = shown.has(area.territoryId) ? '' : 'none';
            }
        }
    }

    accountNear(latlng) {
        const zoom = this.map.getZoom();
        // Degrees per pixel at this zoom (Web Mercator at the equator: 360° / 256 px / 2^zoom).
        const degrees = (HOVER_PIXELS * 360) / (256 * 2 ** zoom);
        return this.grid.nearest(latlng.lat, latlng.lng, degrees);
    }

    applyLassoMode() {
        if (!this.map) {
            return;
        }
        if (this._lassoActive) {
            this.map.dragging.disable();
        } else {
            this.map.dragging.enable();
            this.clearLasso();
        }
    }

    handleLassoStart(event) {
        if (!this._lassoActive) {
            return;
        }
        this.lassoRing = [[event.latlng.lat, event.latlng.lng]];
        this.lassoLine = this.leaflet
            .polyline(this.lassoRing, { color: '#032d60', weight: 2, dashArray: '4 4' })
            .addTo(this.map);
    }

    handleLassoMove(event) {
        this.lassoRing.push([event.latlng.lat, event.latlng.lng]);
        this.lassoLine.setLatLngs(this.lassoRing);
    }

    handleLassoEnd() {
        if (!this.lassoRing) {
            return;
        }
        // Unit dots are postal units, not accounts: a lasso over them selects no account.
        const accountIds = this.model.unitDots
            ? []
            : pointsInLasso(this.model.points, this.lassoRing);
        this.clearLasso();
        this.dispatchEvent(new CustomEvent('lassoselect', { detail: { accountIds } }));
    }

    clearLasso() {
        if (this.lassoLine && this.map) {
            this.map.removeLayer(this.lassoLine);
        }
        this.lassoLine = undefined;
        this.lassoRing = undefined;
    }

    handleMapHover(event) {
        if (this.lassoRing) {
            this.handleLassoMove(event);
            return;
        }
        const point = this.accountNear(event.latlng);
        if (!point) {
            this.clearHover();
            return;
        }
        if (this.hover?.id === point.id) {
            return;
        }
        const territory = this._territories.find((t) => t.id === point.territoryId);
        this.hover = { id: point.id };
        if (!this.tooltip) {
            this.tooltip = this.leaflet.tooltip({ direction: 'top', offset: [0, -6] });
        }
        this.tooltip
            .setLatLng([point.lat, point.lon])
            .setContent(territory ? `${point.name} · ${territory.name}` : point.name || '')
            .addTo(this.map);
    }

    clearHover() {
        this.hover = undefined;
        if (this.tooltip && this.map) {
            this.map.removeLayer(this.tooltip);
        }
    }

    handleMapClick(event) {
        if (this._placing && event.latlng) {
            const round = (v) => Math.round(v * 1e4) / 1e4;
            this.dispatchEvent(
                new CustomEvent('mappoint', {
                    detail: { lat: round(event.latlng.lat), lon: round(event.latlng.lng) }
                })
            );
            return;
        }
        if (this._lassoActive || (event.latlng && event.latlng === this.outlineClickLatLng)) {
            return;
        }
        const point = this.accountNear(event.latlng);
        if (point && point.territoryId) {
            this.selectTerritory(point.territoryId);
        }
    }

    /** A click inside an outline: an account dot under the pointer wins over the outline. */
    handleOutlineClick(territoryId, latlng) {
        if (this._placing) {
            // Placing a hire: the map's own click handler takes the point.
            return;
        }
        // Leaflet passes the same click on to the map: handleMapClick must not toggle it back.
        this.outlineClickLatLng = latlng;
        if (this._lassoActive) {
            return;
        }
        const point = latlng ? this.accountNear(latlng) : null;
        this.selectTerritory(point && point.territoryId ? point.territoryId : territoryId);
    }

    handleMoveEnd() {
        if (this.programmaticMove || !this.map) {
            return;
        }
        const center = this.map.getCenter();
        this.dispatchEvent(
            new CustomEvent('viewchange', {
                detail: { lat: center.lat, lng: center.lng, zoom: this.map.getZoom() }
            })
        );
    }

    handleLegendClick(event) {
        this.selectTerritory(event.currentTarget.dataset.id);
    }

    handleColorByChange(event) {
        this._colorBy = event.detail.value;
        this.invalidate(false);
    }

    selectTerritory(territoryId) {
        const next = territoryId === this._selectedTerritoryId ? null : territoryId;
        this._selectedTerritoryId = next;
        this.invalidate(false);
        this.dispatchEvent(new CustomEvent('territoryselect', { detail: { territoryId: next } }));
    }
}
