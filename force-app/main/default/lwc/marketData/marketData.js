import { LightningElement, api } from 'lwc';
import listLayers from '@salesforce/apex/TerritoryMarketController.listLayers';
import importLayer from '@salesforce/apex/TerritoryMarketController.importLayer';
import getLeadFlow from '@salesforce/apex/TerritoryMarketController.getLeadFlow';
import { formatNumber } from 'c/planMath';
import { dayBefore, lastQuarter, plural } from 'c/plannerUtils';

const KIND_LABELS = { points: 'Points', postal_values: 'Values per postal code' };
// What the service's 400 for a bad file starts its list with (market/parse-layer.ts).
const PROBLEMS_MARKER = /(\d+) problem\(s\) in the layer file: /;

/** The last full calendar quarter (plannerUtils), the lead flow's default period. */
export { lastQuarter };

/** The format of a layer file by its name: .csv or .geojson/.json; undefined otherwise. */
export function formatOfFile(name) {
    const lower = String(name || '').toLowerCase();
    if (lower.endsWith('.csv')) return 'csv';
    if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
    return undefined;
}

/** An import error as a heading and the problems the service named, one per line. */
export function importProblems(message) {
    const text = String(message || '');
    const found = PROBLEMS_MARKER.exec(text);
    if (!found) return { heading: text, problems: [] };
    const problems = text
        .slice(found.index + found[0].length)
        .replace(/\)\.?$/, '')
        .split('; ')
        .map((p) => p.trim())
        .filter((p) => p && p !== '…');
    const count = Number(found[1]);
    return {
        heading: `The file was not imported, nothing was stored: ${plural(count, 'problem', 'problems')} to fix${count > problems.length ? ` (the first ${formatNumber(problems.length)} shown)` : ''}.`,
        problems
    };
}

function messageOf(error) {
    return error?.body?.message || error?.message || String(error);
}

/**
 * The market part of the planner's Data view: the leads of a period counted per territory (the
 * last quarter unless the planner picks dates), the org's market layers, and importing a layer
 * file (CSV or GeoJSON; points or values per postal code) through TerritoryMarketController.
 * A file the service refuses lists every bad line it named. Fires `layerimport` { layer } after
 * an import, so the map's layer picker can list it.
 */
export default class MarketData extends LightningElement {
    _modelId;
    connected = false;
    period = lastQuarter();

    leadFlow;
    leadsLoading = false;
    leadsError;

    layers = [];
    layersError;

    layerName = '';
    layerKind = 'postal_values';
    valueName = '';
    file;
    importing = false;
    importError;
    imported;

    /** The Territory2Model whose territories the leads are counted in. */
    @api
    get modelId() {
        return this._modelId;
    }
    set modelId(value) {
        if (value === this._modelId) return;
        this._modelId = value;
        if (this.connected) this.loadLeadFlow();
    }

    connectedCallback() {
        this.connected = true;
        this.loadLeadFlow();
        this.loadLayers();
    }

    disconnectedCallback() {
        this.connected = false;
    }

    // ----- lead flow -----

    async loadLeadFlow() {
        const modelId = this._modelId;
        const { from, to } = this.period;
        if (!modelId) {
            this.leadFlow = undefined;
            return;
        }
        this.leadsLoading = true;
        this.leadsError = undefined;
        try {
            const answer = await getLeadFlow({ modelId, fromDate: from, toDate: to });
            if (modelId !== this._modelId || from !== this.period.from || to !== this.period.to)
                return;
            this.leadFlow = answer;
        } catch (error) {
            if (modelId !== this._modelId) return;
            this.leadFlow = undefined;
            this.leadsError = error;
        } finally {
            if (modelId === this._modelId) this.leadsLoading = false;
        }
    }

    get fromDate() {
        return this.period.from;
    }

    get toDate() {
        // The period ends before `to`: the planner picks the last day it includes.
        return dayBefore(this.period.to);
    }

    handleFromChange(event) {
        const value = event.detail.value;
        if (!value) return;
        this.period = { ...this.period, from: value };
        this.loadLeadFlow();
    }

    handleToChange(event) {
        const value = event.detail.value;
        if (!value) return;
        const to = new Date(`${value}T00:00:00Z`);
        to.setUTCDate(to.getUTCDate() + 1);
        this.period = { ...this.period, to: to.toISOString().slice(0, 10) };
        this.loadLeadFlow();
    }

    handleLastQuarter() {
        this.period = lastQuarter();
        this.loadLeadFlow();
    }

    get periodText() {
        return `Leads created from ${this.fromDate} to ${this.toDate}, counted in the territory that holds most of each ZIP code's accounts.`;
    }

    get leadRows() {
        const rows = this.leadFlow?.byTerritory || [];
        const max = Math.max(1, ...rows.map((r) => r.total));
        return [...rows]
            .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))
            .map((r) => ({
                key: r.territoryId,
                territoryId: r.territoryId,
                name: r.name,
                leads: formatNumber(r.total),
                barStyle: `width: ${Math.round((r.total / max) * 100)}%`
            }));
    }

    get hasLeadRows() {
        return this.leadRows.length > 0;
    }

    get leadTotalsText() {
        const flow = this.leadFlow;
        if (!flow) return '';
        return `${plural(flow.total, 'lead', 'leads')} in the period: ${formatNumber(flow.unassigned || 0)} in ZIP codes no territory holds, ${formatNumber(flow.withoutPostalCode || 0)} without a postal code.`;
    }

    get showLeadsSpinner() {
        return this.leadsLoading && !this.leadFlow;
    }

    // ----- layers -----

    async loadLayers() {
        try {
            const answer = await listLayers();
            this.layers = answer?.layers || [];
            this.layersError = undefined;
        } catch (error) {
            this.layersError = error;
        }
    }

    get layerRows() {
        return this.layers.map((l) => ({
            key: l.id,
            name: l.name,
            kind: KIND_LABELS[l.kind] || l.kind,
            count: formatNumber(l.featureCount),
            range: l.valueRange
                ? `${formatNumber(l.valueRange.min)} – ${formatNumber(l.valueRange.max)}${l.valueName ? ` ${l.valueName.toLowerCase()}` : ''}`
                : '—'
        }));
    }

    get hasLayers() {
        return this.layers.length > 0;
    }

    // ----- import -----

    get kindOptions() {
        return [
            { label: 'Values per postal code (CSV: PostalCode,Value)', value: 'postal_values' },
            { label: 'Points (CSV: Latitude,Longitude[,Name][,Value])', value: 'points' }
        ];
    }

    get isPostalValues() {
        return this.layerKind === 'postal_values';
    }

    get fileText() {
        return this.file
            ? `${this.file.name} (${formatNumber(Math.ceil(this.file.size / 1024))} KB)`
            : 'No file chosen';
    }

    get importDisabled() {
        return this.importing || !this.file || !this.layerName.trim();
    }

    get importLabel() {
        return this.importing ? 'Importing…' : 'Import layer';
    }

    get importErrorView() {
        return this.importError ? importProblems(this.importError) : undefined;
    }

    handleNameChange(event) {
        this.layerName = event.detail.value || '';
    }

    handleKindChange(event) {
        this.layerKind = event.detail.value;
    }

    handleValueNameChange(event) {
        this.valueName = event.detail.value || '';
    }

    handleFileChange(event) {
        const files = event.detail?.files || event.target?.files || [];
        this.file = files[0];
        this.importError = undefined;
        this.imported = undefined;
        if (this.file && !this.layerName.trim()) {
            this.layerName = this.file.name.replace(/\.[^.]+$/, '').slice(0, 80);
        }
    }

    async handleImport() {
        const file = this.file;
        const format = formatOfFile(file?.name);
        this.importError = undefined;
        this.imported = undefined;
        if (!format) {
            this.importError = `"${file?.name}" is neither a .csv nor a .geojson file: choose one of those.`;
            return;
        }
        this.importing = true;
        try {
            const content = await file.text();
            const layer = await importLayer({
                name: this.layerName.trim(),
                kind: this.layerKind,
                format,
                content,
                valueName: this.isPostalValues ? this.valueName.trim() : ''
            });
            this.imported = `Imported "${layer.name}": ${plural(layer.featureCount, 'feature', 'features')}. Pick it in the map's Market layer list.`;
            this.file = undefined;
            this.layerName = '';
            this.valueName = '';
            await this.loadLayers();
            this.dispatchEvent(new CustomEvent('layerimport', { detail: { layer } }));
        } catch (error) {
            this.importError = messageOf(error);
        } finally {
            this.importing = false;
        }
    }
}
