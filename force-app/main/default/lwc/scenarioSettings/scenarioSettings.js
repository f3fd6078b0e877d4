import { LightningElement, api } from 'lwc';
import { formatNumber } from 'c/planMath';
import { withDesign } from 'c/plannerUtils';

/**
 * Left column of the planner: reps in scope with capacity, leaving reps, new hires, measures
 * with weights, tolerance, the compact ↔ fewest-changes trade-off and territory locks.
 * It never mutates `settings`: every edit fires `settingschange` { settings } with a new copy;
 * the Generate button fires `generate`; "Add" fires `hire` { count }.
 */
export default class ScenarioSettings extends LightningElement {
    /** The settings (plannerUtils.defaultSettings shape). */
    @api settings;
    /** Territories, for the lock list. */
    @api territories;
    /** Disables Generate, with the reason shown beside it. */
    @api generateDisabled = false;
    @api disabledReason;
    /** True when the plan assigns accounts now: the admin may rebalance it or start afresh. */
    @api hasCurrentPlan = false;
    /**
     * What the slider costs (plannerUtils.tradeOffView): the chosen point and both ends from
     * generated plans. "Compute both ends" fires `computeends`.
     */
    @api tradeOffCosts;

    hireCount = 1;

    get reps() {
        return (this.settings?.reps || []).map((rep) => ({
            ...rep,
            title: rep.territoryName ? `${rep.name} · ${rep.territoryName}` : rep.name,
            capacityLabel: `Capacity of ${rep.name}`,
            leavingLabel: `${rep.name} is leaving`
        }));
    }

    get hasReps() {
        return this.reps.length > 0;
    }

    get hires() {
        return (this.settings?.hires || []).map((hire) => ({
            ...hire,
            latLabel: `Home latitude of ${hire.name}`,
            lonLabel: `Home longitude of ${hire.name}`,
            removeLabel: `Remove ${hire.name}`
        }));
    }

    get hasHires() {
        return this.hires.length > 0;
    }

    get measures() {
        return (this.settings?.measures || []).map((m) => ({
            ...m,
            checkboxLabel: `Balance ${m.label}`,
            weightLabel: `Weight of ${m.label}`,
            weightDisabled: !m.enabled
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
        return (this.territories || []).map((t) => ({ label: t.name, value: t.id }));
    }

    get hasTerritories() {
        return this.lockOptions.length > 0;
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

    get leavingSummary() {
        const leaving = (this.settings?.reps || []).filter((r) => r.leaving).length;
        const hires = (this.settings?.hires || []).length;
        return `${formatNumber(leaving)} leaving, ${formatNumber(hires)} new`;
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

    handleHireChange(event) {
        const { key, field } = event.target.dataset;
        const value = Number(event.detail.value);
        if (!Number.isFinite(value)) return;
        this.emit({
            hires: this.settings.hires.map((h) => (h.key === key ? { ...h, [field]: value } : h))
        });
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
        this.emit({ lockedTerritoryIds: [...event.detail.value] });
    }

    handleGenerate() {
        this.dispatchEvent(new CustomEvent('generate'));
    }
}
