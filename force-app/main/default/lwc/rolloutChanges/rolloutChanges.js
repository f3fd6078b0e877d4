import { LightningElement, api, wire } from 'lwc';
import { CurrentPageReference } from 'lightning/navigation';
import getRollout from '@salesforce/apex/TerritoryRolloutController.getRollout';
import { MEASURES, formatMeasure, formatNumber } from 'c/planMath';
import { rolloutCsv } from 'c/plannerUtils';
import LABELS from './labels';

export { LABELS };

/** Fills {0}, {1}… of a label. */
export const format = (template, ...values) =>
    String(template).replace(/\{(\d+)\}/g, (m, i) => (values[i] === undefined ? m : values[i]));

const LIST_LIMIT = 2000;

function signed(before, after, text) {
    const delta = (Number(after) || 0) - (Number(before) || 0);
    if (Math.abs(delta) < 1e-9) return '—';
    return `${delta > 0 ? '+' : '−'}${text(Math.abs(delta))}`;
}

/**
 * "What changes for me" (issue 17, rollout): for one rep of a scenario, the accounts gained and
 * lost by name (with potential and workload, and where they come from or go to) and the rep's
 * accounts, potential, workload and travel before → after, with a CSV export. Used in the
 * planner's Compare view (a rep picker over every affected rep), on the account card (one
 * territory) and as the Territory Rollout tab a rollout notification opens (c__scenarioId,
 * c__territoryId in the URL). Reads TerritoryRolloutController.getRollout.
 */
export default class RolloutChanges extends LightningElement {
    labels = LABELS;
    _scenarioId;
    _territoryId;
    fromPage = {};
    rollout;
    error;
    loading = false;
    selectedTerritoryId;

    /** The scenario (Territory_Scenario__c id). */
    @api
    get scenarioId() {
        return this._scenarioId;
    }
    set scenarioId(value) {
        const changed = value !== this._scenarioId;
        this._scenarioId = value;
        if (changed) this.load();
    }

    /** One territory (its rep's view); empty: every affected rep with a picker (planners). */
    @api
    get territoryId() {
        return this._territoryId;
    }
    set territoryId(value) {
        const changed = value !== this._territoryId;
        this._territoryId = value;
        if (changed) this.load();
    }

    /** Narrow places (the account card): the gained and lost lists stack instead of side by side. */
    @api compact = false;

    get listClass() {
        return this.compact
            ? 'slds-col slds-size_1-of-1 slds-m-bottom_x-small'
            : 'slds-col slds-size_1-of-1 slds-large-size_1-of-2';
    }

    /** The tab a notification opens carries its scenario and territory in the URL state. */
    @wire(CurrentPageReference)
    pageReference(reference) {
        const state = reference?.state || {};
        const next = { scenarioId: state.c__scenarioId, territoryId: state.c__territoryId };
        if (
            next.scenarioId === this.fromPage.scenarioId &&
            next.territoryId === this.fromPage.territoryId
        )
            return;
        this.fromPage = next;
        if (!this._scenarioId && next.scenarioId) this.load();
    }

    get effectiveScenarioId() {
        return this._scenarioId || this.fromPage.scenarioId;
    }

    get effectiveTerritoryId() {
        return this._scenarioId
            ? this._territoryId
            : this._territoryId || this.fromPage.territoryId;
    }

    connectedCallback() {
        if (!this.rollout && !this.loading) this.load();
    }

    async load() {
        const scenarioId = this.effectiveScenarioId;
        const territoryId = this.effectiveTerritoryId || null;
        if (!scenarioId) return;
        this.loading = true;
        try {
            const rollout = await getRollout({ scenarioId, territoryId });
            if (scenarioId !== this.effectiveScenarioId) return;
            this.rollout = rollout;
            this.error = undefined;
            const reps = rollout?.reps || [];
            if (!reps.some((r) => r.territoryId === this.selectedTerritoryId))
                this.selectedTerritoryId = reps[0]?.territoryId;
        } catch (error) {
            this.rollout = undefined;
            this.error = error;
        } finally {
            this.loading = false;
        }
    }

    get noScenario() {
        return !this.effectiveScenarioId;
    }

    get reps() {
        return this.rollout?.reps || [];
    }

    get showPicker() {
        return !this.effectiveTerritoryId && this.reps.length > 1;
    }

    get repOptions() {
        return this.reps.map((r) => ({
            label: r.repName ? `${r.repName} — ${r.territoryName}` : r.territoryName,
            value: r.territoryId
        }));
    }

    handleRepChange(event) {
        this.selectedTerritoryId = event.detail.value;
    }

    get rep() {
        return this.reps.find((r) => r.territoryId === this.selectedTerritoryId) || this.reps[0];
    }

    get hasRep() {
        return !!this.rep;
    }

    get isEmpty() {
        return !!this.rollout && !this.rep;
    }

    get emptyText() {
        return this.effectiveTerritoryId ? LABELS.NOTHING : LABELS.NO_REPS;
    }

    get heading() {
        const rep = this.rep;
        return rep ? format(LABELS.FOR, rep.repName || rep.territoryName) : LABELS.TITLE;
    }

    get scenarioText() {
        const r = this.rollout;
        if (!r) return '';
        const day = r.effectiveDate || (r.appliedAt ? String(r.appliedAt).slice(0, 10) : '');
        // A scenario not approved yet has no effective date to show.
        return day
            ? format(LABELS.SCENARIO_EFFECTIVE, r.name, r.status, day)
            : `${r.name} · ${r.status}`;
    }

    get figures() {
        const rep = this.rep;
        if (!rep) return [];
        const count = (v) => formatNumber(v, { maximumFractionDigits: 0 });
        const money = (v) => formatMeasure(v, MEASURES.potential);
        const hours = (v) => formatMeasure(v, MEASURES.workload);
        const km = (v) => format(LABELS.KM, formatNumber(v, { maximumFractionDigits: 0 }));
        const row = (key, label, before, after, text) => ({
            key,
            label,
            before: text(before),
            after: text(after),
            change: signed(before, after, text)
        });
        return [
            row('accounts', LABELS.ACCOUNTS, rep.accountsBefore, rep.accountsAfter, count),
            row('potential', LABELS.POTENTIAL, rep.before?.Potential, rep.after?.Potential, money),
            row('workload', LABELS.WORKLOAD, rep.before?.Workload, rep.after?.Workload, hours),
            row('travel', LABELS.TRAVEL, rep.travelKmBefore, rep.travelKmAfter, km)
        ];
    }

    accountRows(list) {
        return (list || []).map((a) => ({
            key: a.accountId,
            name: a.name || format(LABELS.HIDDEN_ACCOUNT, a.accountId),
            url: `/lightning/r/Account/${a.accountId}/view`,
            potential: formatMeasure(a.potential, MEASURES.potential),
            workload: formatMeasure(a.workload, MEASURES.workload),
            other: a.otherTerritoryName || LABELS.NO_TERRITORY
        }));
    }

    /** The two account lists, gained (with where each comes from) and lost (where each goes). */
    get lists() {
        return [
            this.accountList('gained', LABELS.GAINED, LABELS.FROM, this.rep?.gainedAccounts),
            this.accountList('lost', LABELS.LOST, LABELS.TO, this.rep?.lostAccounts)
        ];
    }

    accountList(key, caption, otherLabel, accounts) {
        const rows = this.accountRows(accounts);
        return {
            key,
            tableClass: `slds-table slds-table_bordered slds-table_cell-buffer slds-table_striped ${key}`,
            caption: format(caption, this.rep?.[key] ?? 0),
            otherLabel,
            rows,
            none: rows.length === 0
        };
    }

    get truncatedText() {
        return this.rep?.truncated ? format(LABELS.TRUNCATED, formatNumber(LIST_LIMIT)) : '';
    }

    get csvHref() {
        const csv = rolloutCsv(this.rep, {
            account: LABELS.ACCOUNT,
            potential: LABELS.POTENTIAL,
            workload: LABELS.WORKLOAD,
            accounts: LABELS.ACCOUNTS,
            before: LABELS.BEFORE,
            after: LABELS.AFTER,
            travel: format(LABELS.KM, LABELS.TRAVEL)
        });
        return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
    }

    get csvFileName() {
        const name = `${this.rollout?.name || 'scenario'}-${this.rep?.repName || this.rep?.territoryName || 'rep'}`;
        return `what-changes-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}.csv`;
    }
}
