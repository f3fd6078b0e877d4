import { LightningElement, api } from 'lwc';
import { formatNumber } from 'c/planMath';
import {
    ENGINE_MEASURES,
    dayBefore,
    lastQuarter,
    marketMeasure,
    plural,
    withDesign
} from 'c/plannerUtils';
import listLayers from '@salesforce/apex/TerritoryMarketController.listLayers';
import { lookupPostalCode } from 'c/postalLookup';

// Up to this many reps the list starts open; longer lists start collapsed (a summary line).
const REPS_OPEN_UP_TO = 8;
// The service takes at most this many market measures (settings.marketMeasures).
const MAX_MARKET_MEASURES = 5;
const LEADS = 'leads';

/**
 * Left column of the planner: reps in scope with capacity and leaving (a searchable, collapsible
 * list with the territory locks), new hires (name, capacity, segment, home by ZIP code or by a
 * click on the map), measures with weights, tolerance and the compact ↔ fewest-changes trade-off.
 * It never mutates `settings`: every edit fires `settingschange` { settings } with a new copy;
 * "Add" fires `hire` { count }; "Place on map" fires `placehire` { key } (the planner's map
 * then takes the click; `key` null stops placing). Generate lives in the planner's header.
 */
export default class ScenarioSettings extends LightningElement {
    /** The settings (plannerUtils.defaultSettings shape). */
    @api settings;
    /** Territories, for the lock list. */
    @api territories;
    /** Segments of the plan's accounts, offered for a new hire. */
    @api segments;
    /** The hire being placed on the map (its key), if any. */
    @api placingHireKey;
    /** True when the plan assigns accounts now: the admin may rebalance it or start afresh. */
    @api hasCurrentPlan = false;
    /**
     * What the slider costs (plannerUtils.tradeOffView): the chosen point and both ends from
     * generated plans. "Compute both ends" fires `computeends`.
     */
    @api tradeOffCosts;

    hireCount = 1;
    repFilter = '';
    /** null until the user toggles the list: then open or closed as they chose. */
    repsOpen = null;
    /** Hire key → message of its last ZIP code lookup (found place or why not). */
    postalMessages = {};
    /** The org's layers of values per postal code, which can be balanced on. */
    valueLayers = [];
    /** Bumped to reset the "Add a market measure" picker after a choice. */
    marketPickerValue = '';

    connectedCallback() {
        this.loadValueLayers();
    }

    async loadValueLayers() {
        try {
            const answer = await listLayers();
            this.valueLayers = (answer?.layers || []).filter((l) => l.kind === 'postal_values');
        } catch {
            // Without the service the planner cannot generate either: nothing to offer.
            this.valueLayers = [];
        }
    }

    get marketOptions() {
        const measures = this.settings?.measures || [];
        const taken = (test) => measures.some((m) => m.market && test(m.market));
        const options = [];
        if (!taken((source) => source.leads)) {
            const { from, to } = lastQuarter();
            options.push({
                label: `Leads of the last quarter (${from} to ${dayBefore(to)})`,
                value: LEADS
            });
        }
        for (const layer of this.valueLayers) {
            if (!taken((source) => source.layerId === layer.id)) {
                options.push({ label: `${layer.name} (market layer)`, value: layer.id });
            }
        }
        return options;
    }

    get canAddMarketMeasure() {
        const count = (this.settings?.measures || []).filter((m) => m.market).length;
        return count < MAX_MARKET_MEASURES && this.marketOptions.length > 0;
    }

    /** Adds a measure from market data; the service reads the layer or the leads per ZIP code. */
    handleAddMarketMeasure(event) {
        const value = event.detail.value;
        const measures = this.settings?.measures || [];
        const names = new Set(measures.map((m) => m.name));
        let measure;
        if (value === LEADS) {
            const period = lastQuarter();
            measure = marketMeasure(names.has('Leads') ? 'Lead flow' : 'Leads', { leads: period });
        } else {
            const layer = this.valueLayers.find((l) => l.id === value);
            if (!layer) return;
            const reserved =
                names.has(layer.name) || ENGINE_MEASURES.some((m) => m.name === layer.name);
            const name = (reserved ? `Market: ${layer.name}` : layer.name).slice(0, 80);
            measure = marketMeasure(name, { layerId: layer.id }, layer.name);
        }
        // The picker shows its placeholder again once the measure is in the list.
        this.marketPickerValue = value;
        this.emit({ measures: [...measures, measure] });
        Promise.resolve().then(() => {
            this.marketPickerValue = '';
        });
    }

    handleRemoveMarketMeasure(event) {
        const name = event.currentTarget.dataset.name;
        this.emit({ measures: this.settings.measures.filter((m) => m.name !== name) });
    }

    get allReps() {
        return this.settings?.reps || [];
    }

    matchesFilter(...texts) {
        const filter = this.repFilter.trim().toLowerCase();
        return (
            !filter ||
            texts.some((t) =>
                String(t || '')
                    .toLowerCase()
                    .includes(filter)
            )
        );
    }

    get reps() {
        return this.allReps
            .filter((rep) => this.matchesFilter(rep.name, rep.territoryName))
            .map((rep) => ({
                ...rep,
                rowClass: rep.leaving ? 'rep-row rep-row_leaving' : 'rep-row',
                title: rep.territoryName ? `${rep.name} · ${rep.territoryName}` : rep.name,
                capacityLabel: `Capacity of ${rep.name}`,
                leavingLabel: `${rep.name} is leaving`
            }));
    }

    get hasReps() {
        return this.reps.length > 0;
    }

    get noRepsText() {
        return this.allReps.length > 0
            ? `No rep or territory matches "${this.repFilter}".`
            : 'No reps are assigned in this scope.';
    }

    get repsExpanded() {
        return this.repsOpen === null ? this.allReps.length <= REPS_OPEN_UP_TO : this.repsOpen;
    }

    get repsCollapsed() {
        return !this.repsExpanded;
    }

    get repsExpandedText() {
        return this.repsExpanded ? 'true' : 'false';
    }

    get repsSectionClass() {
        return `slds-section slds-m-top_small reps-section${this.repsExpanded ? ' slds-is-open' : ''}`;
    }

    get repsSummary() {
        const leaving = this.allReps.filter((r) => r.leaving).length;
        const locked = this.lockedTerritoryIds.length;
        return `Reps in scope: ${plural(this.allReps.length, 'rep', 'reps')} · ${formatNumber(leaving)} leaving · ${formatNumber(locked)} locked`;
    }

    handleToggleReps() {
        this.repsOpen = !this.repsExpanded;
    }

    handleRepFilter(event) {
        this.repFilter = event.detail.value || '';
    }

    get segmentOptions() {
        return [
            { label: 'Any segment', value: '' },
            ...(this.segments || []).map((segment) => ({ label: segment, value: segment }))
        ];
    }

    get hires() {
        return (this.settings?.hires || []).map((hire) => {
            const placing = hire.key === this.placingHireKey;
            const where = Number.isFinite(hire.lat)
                ? `Home at ${formatNumber(hire.lat, { maximumFractionDigits: 4 })}, ${formatNumber(hire.lon, { maximumFractionDigits: 4 })}${hire.place ? ` (${hire.place})` : ''}`
                : 'No home yet: enter a ZIP code or place it on the map.';
            return {
                ...hire,
                segmentValue: hire.segment || '',
                postalCode: hire.postalCode || '',
                cardClass: placing
                    ? 'hire slds-box slds-box_x-small hire_placing'
                    : 'hire slds-box slds-box_x-small',
                placeLabel: placing ? 'Click the map…' : 'Place on map',
                placeTitle: placing
                    ? `Click the map where ${hire.name} lives, or press this again to stop`
                    : `Place ${hire.name}'s home with a click on the map`,
                placeVariant: placing ? 'brand' : 'neutral',
                locationText: this.postalMessages[hire.key] || where,
                removeLabel: `Remove ${hire.name}`
            };
        });
    }

    get hasHires() {
        return this.hires.length > 0;
    }

    get hireCountText() {
        return formatNumber(this.hires.length);
    }

    get measures() {
        return (this.settings?.measures || []).map((m) => ({
            ...m,
            checkboxLabel: `Balance ${m.label}`,
            weightLabel: `Weight of ${m.label}`,
            weightDisabled: !m.enabled,
            isMarket: !!m.market,
            removeLabel: `Remove ${m.label}`
        }));
    }

    get tolerancePercent() {
        return Math.round((this.settings?.tolerance ?? 0.05) * 100);
    }

    get tradeOff() {
        return Math.round((this.settings?.disruptionWeight ?? 0.5) * 100);
    }

    get designOptions() {
        return [
            { label: 'Rebalance the current plan', value: 'rebalance' },
            { label: 'Start from scratch', value: 'scratch' }
        ];
    }

    get design() {
        return this.settings?.design || 'rebalance';
    }

    get designText() {
        return this.design === 'scratch'
            ? 'A fresh design: the slider starts at most compact, and moves from the current plan are not held back.'
            : 'Rebalancing: the slider starts halfway, so accounts move only where it pays.';
    }

    handleDesignChange(event) {
        const settings = withDesign(this.settings, event.detail.value);
        this.dispatchEvent(new CustomEvent('settingschange', { detail: { settings } }));
    }

    get view() {
        return this.tradeOffCosts || { empty: true, text: '' };
    }

    get hasTradeOffRows() {
        return !this.view.empty;
    }

    get tradeOffRows() {
        return (this.view.rows || []).map((row) => ({
            ...row,
            rowClass: `trade-off-row trade-off-row_${row.key}`
        }));
    }

    get computeEndsDisabled() {
        return !this.view.canCompute;
    }

    handleComputeEnds() {
        this.dispatchEvent(new CustomEvent('computeends'));
    }

    get tradeOffText() {
        const value = this.tradeOff;
        if (value <= 20) return 'Most compact territories; many accounts may move.';
        if (value >= 80) return 'Fewest changes; territories may stay less compact.';
        return 'A balance between compact territories and few changes.';
    }

    get lockOptions() {
        return (this.territories || [])
            .filter((t) => this.matchesFilter(t.name, ...(t.reps || []).map((rep) => rep.name)))
            .map((t) => ({ label: t.name, value: t.id }));
    }

    get hasTerritories() {
        return this.lockOptions.length > 0;
    }

    get locksLabel() {
        return `Lock territories (never changed): ${formatNumber(this.lockedTerritoryIds.length)} of ${plural((this.territories || []).length, 'territory', 'territories')} locked`;
    }

    get lockedTerritoryIds() {
        return this.settings?.lockedTerritoryIds || [];
    }

    get lockedAccountCount() {
        return (this.settings?.lockedAccountIds || []).length;
    }

    get lockedAccountText() {
        return `${formatNumber(this.lockedAccountCount)} accounts locked with the lasso`;
    }

    get hasLockedAccounts() {
        return this.lockedAccountCount > 0;
    }

    handleClearLockedAccounts() {
        this.emit({ lockedAccountIds: [] });
    }

    emit(changes) {
        const settings = { ...this.settings, ...changes };
        this.dispatchEvent(new CustomEvent('settingschange', { detail: { settings } }));
    }

    handleNameChange(event) {
        this.emit({ name: event.detail.value });
    }

    handleCapacityChange(event) {
        const key = event.target.dataset.key;
        const capacity = Number(event.detail.value);
        this.emit({
            reps: this.settings.reps.map((r) => {
                return r.key === key && capacity > 0 ? { ...r, capacity } : r;
            })
        });
    }

    handleLeavingChange(event) {
        const key = event.target.dataset.key;
        const leaving = event.detail.checked;
        this.emit({
            reps: this.settings.reps.map((r) => (r.key === key ? { ...r, leaving } : r))
        });
    }

    handleHireCountChange(event) {
        this.hireCount = Number(event.detail.value);
    }

    handleAddHires() {
        const count = Math.floor(this.hireCount);
        if (count > 0) {
            this.dispatchEvent(new CustomEvent('hire', { detail: { count } }));
        }
    }

    updateHire(key, changes) {
        this.emit({
            hires: this.settings.hires.map((h) => (h.key === key ? { ...h, ...changes } : h))
        });
    }

    handleHireChange(event) {
        const { key, field } = event.target.dataset;
        if (field === 'name') {
            const name = (event.detail.value || '').trim();
            if (name) this.updateHire(key, { name });
            return;
        }
        const value = Number(event.detail.value);
        if (Number.isFinite(value) && value > 0) this.updateHire(key, { [field]: value });
    }

    handleHireSegment(event) {
        this.updateHire(event.target.dataset.key, { segment: event.detail.value || undefined });
    }

    async handleHirePostal(event) {
        const key = event.target.dataset.key;
        const text = (event.detail.value || '').trim();
        if (!/^\d{5}(-\d{4})?$/.test(text)) {
            return;
        }
        let message;
        try {
            const found = await lookupPostalCode(text);
            if (found.ok) {
                this.updateHire(key, {
                    lat: found.lat,
                    lon: found.lon,
                    postalCode: found.postalCode,
                    place: found.place
                });
            } else {
                message = found.reason;
            }
        } catch (error) {
            message = `The ZIP code could not be looked up: ${error.message}`;
        }
        this.postalMessages = { ...this.postalMessages, [key]: message };
    }

    handlePlaceHire(event) {
        const key = event.currentTarget.dataset.key;
        const next = key === this.placingHireKey ? null : key;
        this.dispatchEvent(new CustomEvent('placehire', { detail: { key: next } }));
    }

    handleRemoveHire(event) {
        const key = event.currentTarget.dataset.key;
        this.emit({ hires: this.settings.hires.filter((h) => h.key !== key) });
    }

    handleMeasureToggle(event) {
        const name = event.target.dataset.name;
        const enabled = event.detail.checked;
        this.emit({
            measures: this.settings.measures.map((m) => (m.name === name ? { ...m, enabled } : m))
        });
    }

    handleWeightChange(event) {
        const name = event.target.dataset.name;
        const weight = Number(event.detail.value);
        this.emit({
            measures: this.settings.measures.map((m) => (m.name === name ? { ...m, weight } : m))
        });
    }

    handleToleranceChange(event) {
        this.emit({ tolerance: Number(event.detail.value) / 100 });
    }

    handleTradeOffChange(event) {
        this.emit({ disruptionWeight: Number(event.detail.value) / 100 });
    }

    handleLocksChange(event) {
        // The group lists only the territories the search shows: locks of hidden ones stay.
        const shown = new Set(this.lockOptions.map((o) => o.value));
        const hidden = this.lockedTerritoryIds.filter((id) => !shown.has(id));
        this.emit({ lockedTerritoryIds: [...hidden, ...event.detail.value] });
    }
}
