import { LightningElement, api } from 'lwc';
import { loadScript, loadStyle } from 'lightning/platformResourceLoader';
import LEAFLET from '@salesforce/resourceUrl/leaflet';
import US_STATES from '@salesforce/resourceUrl/usStates';
import { buildMapModel, heatPoints, GridIndex, COLOR_BY_OPTIONS, pointsInLasso } from 'c/mapUtils';
import { formatNumber } from 'c/planMath';
import { createBaseLayer, drawMapModel } from './mapRenderer';

// The continental US: where the bundled base map has shapes; used before data arrives.
const DEFAULT_CENTER = [39.5, -98.35];
const DEFAULT_ZOOM = 4;
// Hover picks the nearest account within this many pixels of the pointer.
const HOVER_PIXELS = 8;

/**
 * Territory map: accounts as canvas dots coloured by territory or by a measure, territory
 * outlines (convex hulls) labelled with the reps, a heat layer of potential, rep homes as pins and
 * a legend. Works offline on a bundled US states base map; `tileUrl` adds a tile layer.
 *
 * Events: `territoryselect` { territoryId } when a territory is clicked (map or legend);
 * `viewchange` { lat, lng, zoom } after the user pans or zooms (for linked compare maps).
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

    /** Territories: { id, name, reps: [{ userId, name, homeLatitude, homeLongitude }] }. */
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
    /** Shows the heat layer of potential. */
    @api
    get showHeat() {
        return this._showHeat;
    }
    set showHeat(value) {
        this._showHeat = value;
        this.invalidate(false);
    }

    /** Draws territory outlines (convex hulls) with the reps' names. */
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

    _accounts = [];
    _territories = [];
    _colorBy = 'territory';
    _selectedTerritoryId;
    _showHeat = false;
    _showOutlines = true;
    _lassoActive = false;
    lassoRing;
    lassoLine;

    loading = true;
    error;
    hover;
    model = { points: [], hulls: [], homes: [], legend: [], bounds: null, scale: null };

    map;
    layerGroup;
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
        return this._accounts.length > 0;
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
        const accounts = formatNumber(this.model.points.length);
        const territories = formatNumber(this._territories.length);
        return `${this.label}: ${accounts} accounts in ${territories} territories.`;
    }

    connectedCallback() {
        this.rebuildModel();
        this.loadLibraries();
    }

    disconnectedCallback() {
        if (this.map) {
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
            this.baseMap = await this.loadBaseMap();
            this.leaflet = L;
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

    invalidate(refit) {
        this.rebuildModel();
        this.needsDraw = true;
        if (refit) {
            this.needsFit = true;
        }
    }

    rebuildModel() {
        this.model = buildMapModel({
            accounts: this._accounts,
            territories: this._territories,
            colorBy: this._colorBy,
            selectedTerritoryId: this._selectedTerritoryId,
            highlightAccountId: this.highlightAccountId
        });
        this.grid = new GridIndex(this.model.points);
    }

    createMap() {
        const L = this.leaflet;
        const container = this.template.querySelector('.map-container');
        if (!container) {
            return;
        }
        this.map = L.map(container, {
            preferCanvas: true,
            // Quarter zoom steps let fitBounds use the space instead of jumping a whole level.
            zoomSnap: 0.25,
            zoomControl: true,
            attributionControl: !!this.tileUrl
        }).setView(DEFAULT_CENTER, DEFAULT_ZOOM);
        if (this.tileUrl) {
            L.tileLayer(this.tileUrl, { attribution: this.tileAttribution || '' }).addTo(this.map);
        } else if (this.baseMap) {
            createBaseLayer(L, this.baseMap).addTo(this.map);
        }
        this.layerGroup = L.layerGroup().addTo(this.map);
        this.map.on('mousemove', (event) => this.handleMapHover(event));
        this.map.on('mouseout', () => this.clearHover());
        this.map.on('click', (event) => this.handleMapClick(event));
        this.map.on('moveend', () => this.handleMoveEnd());
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
        drawMapModel(L, this.layerGroup, this.model, {
            showOutlines: this._showOutlines,
            showHomes: true,
            // Mini maps (rep card) already name their territory beside the map.
            labelSelected: !this.compact || this.withLegend,
            heat: this._showHeat ? heatPoints(this._accounts, 'potential') : null,
            onTerritoryClick: (territoryId, latlng) => this.handleOutlineClick(territoryId, latlng)
        });
        if (this.needsFit && this.model.bounds) {
            this.needsFit = false;
            this.programmaticMove = true;
            this.map.fitBounds(this.model.bounds, { padding: [16, 16], animate: false });
            this.programmaticMove = false;
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
        const accountIds = pointsInLasso(this.model.points, this.lassoRing);
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
