import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import getAudit from '@salesforce/apex/TerritoryDataQualityController.getAudit';
import runAudit from '@salesforce/apex/TerritoryDataQualityController.runAudit';
import placeAtPostalCode from '@salesforce/apex/TerritoryDataQualityController.placeAtPostalCode';
import setExcluded from '@salesforce/apex/TerritoryDataQualityController.setExcluded';
import getJobStatus from '@salesforce/apex/TerritoryPlanController.getJobStatus';
import { POLL_INTERVAL_MS, plural } from 'c/plannerUtils';
import { formatNumber } from 'c/planMath';

/** Examples per category and duplicate groups the view reads (the service allows up to 50). */
export const EXAMPLES = 10;

/** Readable names of the audit's categories (README "territory audit", "Data quality in the org"). */
const CATEGORY_LABELS = {
    missing_id: 'Missing account id',
    duplicate_id: 'Same id twice',
    missing_coordinates: 'Missing coordinates',
    impossible_coordinates: 'Impossible coordinates',
    swapped_coordinates: 'Latitude and longitude swapped',
    null_island: 'Coordinates at (0, 0)',
    unknown_postal_code: 'Unknown postal code',
    far_from_postal_code: 'Far from its postal code',
    probable_duplicate: 'Probable duplicate',
    missing_measure: 'Missing measure',
    invalid_measure: 'Invalid measure',
    negative_measure: 'Negative measure',
    measure_outlier: 'Measure outlier',
    rep_missing: 'Owner missing',
    rep_inactive: 'Owner inactive',
    excluded_from_planning: 'Excluded from planning',
    approximate_location: 'Approximate location (postal code centre)'
};

/** What the next plan does with an account, as the planner reads it. */
const DISPOSITION_LABELS = {
    placed_by_postal_code: 'Placed by postal code',
    excluded: 'Excluded',
    flagged: 'Flagged'
};

const SKIP_REASONS = {
    has_coordinates: 'already has coordinates',
    no_postal_code: 'no usable postal code'
};

export function categoryLabel(category) {
    return CATEGORY_LABELS[category] || category;
}

/**
 * The Data view of the planner: the model's latest account audit and the actions a planner
 * approves. Nothing is merged here: duplicates open in Salesforce's own merge screen.
 */
export default class DataQuality extends LightningElement {
    /** 'full' (the Data view) or 'summary' (the headline only, for the settings panel). */
    @api variant = 'full';

    _modelId;
    audit;
    noAudit = false;
    loading = false;
    loadError;
    actionError;
    /** The running audit job: { jobId, percent, stage }. */
    job;
    busy = false;
    /** What the last action did: { heading, lines: [{ key, text }] }. */
    outcome;
    /** Selected account ids. */
    selectedIds = new Set();
    pollTimer;
    connected = false;
    /** Number of the last audit read started (see load). */
    loadSeq = 0;

    /** The Territory2Model whose accounts are audited. */
    @api
    get modelId() {
        return this._modelId;
    }
    set modelId(value) {
        if (value === this._modelId) return;
        this._modelId = value;
        this.selectedIds = new Set();
        this.outcome = undefined;
        this.stopPolling();
        this.job = undefined;
        if (this.connected) this.load();
    }

    connectedCallback() {
        this.connected = true;
        this.load();
    }

    disconnectedCallback() {
        this.connected = false;
        this.stopPolling();
    }

    /** Reads the audit again (e.g. after the planner generated). */
    @api
    refresh() {
        return this.load();
    }

    /** Reads the latest audit. Only the last read started is shown: an earlier one that answers
     * later (a refresh from the planner racing the read after a job) would show an older audit. */
    async load() {
        const modelId = this._modelId;
        const seq = ++this.loadSeq;
        if (!modelId) {
            this.audit = undefined;
            this.noAudit = false;
            return;
        }
        const current = () => seq === this.loadSeq && modelId === this._modelId;
        this.loading = true;
        this.loadError = undefined;
        try {
            const answer = await getAudit({
                modelId,
                examples: this.isSummary ? 0 : EXAMPLES
            });
            if (!current()) return;
            // never back in time: an audit of older data than the one shown (of this model)
            // is not shown over it
            const shown = this.audit;
            if (
                shown &&
                !answer?.noAudit &&
                answer?.modelId === shown.modelId &&
                answer?.auditedAt < shown.auditedAt
            ) {
                return;
            }
            this.noAudit = !!answer?.noAudit;
            this.audit = this.noAudit ? undefined : answer;
        } catch (error) {
            if (!current()) return;
            this.audit = undefined;
            this.loadError = error;
        } finally {
            if (current()) this.loading = false;
        }
    }

    // ----- state -----

    get isSummary() {
        return this.variant === 'summary';
    }

    get isFull() {
        return !this.isSummary;
    }

    get showSpinner() {
        return this.loading && !this.audit;
    }

    get hasAudit() {
        return !!this.audit;
    }

    get showEmpty() {
        return this.noAudit && !this.loading && !this.loadError;
    }

    get summaryText() {
        return this.audit?.headline || '';
    }

    get hasSummary() {
        return this.isSummary && !!this.summaryText && this.audit?.coordinates?.missing > 0;
    }

    get auditedText() {
        if (!this.audit?.auditedAt) return '';
        const at = new Date(this.audit.auditedAt);
        return `Audited ${at.toLocaleString()} · ${plural(this.audit.accounts, 'account', 'accounts')}`;
    }

    get planSummary() {
        const plan = this.audit?.plan || {};
        return Object.keys(DISPOSITION_LABELS).map((key) => ({
            key,
            label: DISPOSITION_LABELS[key],
            value: formatNumber(plan[key] || 0)
        }));
    }

    get categories() {
        return (this.audit?.categories || [])
            .filter((c) => c.count > 0)
            .map((c) => {
                const label = categoryLabel(c.category);
                const d = c.dispositions || {};
                const examples = (c.examples || []).map((e) => ({
                    ...e,
                    key: `${c.category}-${e.accountId}`,
                    checked: this.selectedIds.has(e.accountId),
                    checkLabel: `Select ${e.name}`,
                    dispositionLabel: DISPOSITION_LABELS[e.disposition] || 'Planned as it is'
                }));
                return {
                    key: c.category,
                    category: c.category,
                    label,
                    count: formatNumber(c.count),
                    placed: formatNumber(d.placed_by_postal_code || 0),
                    excluded: formatNumber(d.excluded || 0),
                    flagged: formatNumber(d.flagged || 0),
                    suggestion: c.suggestion,
                    examples,
                    hasExamples: examples.length > 0,
                    moreText:
                        c.count > examples.length
                            ? `Showing ${formatNumber(examples.length)} of ${formatNumber(c.count)}.`
                            : '',
                    headingId: `cat-${c.category}`,
                    selectAllLabel: `Select the ${label.toLowerCase()} examples`
                };
            });
    }

    get hasCategories() {
        return this.categories.length > 0;
    }

    get duplicateGroups() {
        return (this.audit?.duplicates?.examples || []).map((g, index) => ({
            key: `dup-${index}`,
            names: g.names.join(' · '),
            count: g.accountIds.length,
            mergeUrl: g.mergeUrl,
            assistiveText: `${g.names.join(', ')} in Salesforce's merge screen (opens a new tab)`
        }));
    }

    get hasDuplicates() {
        return this.duplicateGroups.length > 0;
    }

    get duplicatesText() {
        const groups = this.audit?.duplicates?.groups || 0;
        const shown = this.duplicateGroups.length;
        const text = `${plural(groups, 'group', 'groups')} of probable duplicates.`;
        return shown < groups ? `${text} Showing ${formatNumber(shown)}.` : text;
    }

    get selectedCount() {
        return this.selectedIds.size;
    }

    get selectionText() {
        return this.selectedIds.size === 0
            ? 'Select accounts in the examples below to act on them.'
            : `${plural(this.selectedIds.size, 'account', 'accounts')} selected.`;
    }

    get actionsDisabled() {
        return this.selectedIds.size === 0 || this.busy || !!this.job;
    }

    get runDisabled() {
        return this.busy || !!this.job;
    }

    get runLabel() {
        return this.job ? 'Auditing…' : 'Run audit now';
    }

    get jobPercent() {
        return this.job?.percent || 0;
    }

    get jobText() {
        const stage = this.job?.stage;
        return `${stage ? stage.charAt(0).toUpperCase() + stage.slice(1) : 'Waiting in the queue'} · ${this.jobPercent} %`;
    }

    // ----- selection -----

    handleSelect(event) {
        const id = event.target.dataset.id;
        const next = new Set(this.selectedIds);
        if (event.target.checked) next.add(id);
        else next.delete(id);
        this.selectedIds = next;
    }

    handleSelectCategory(event) {
        const category = (this.audit?.categories || []).find(
            (c) => c.category === event.target.dataset.category
        );
        const next = new Set(this.selectedIds);
        for (const e of category?.examples || []) next.add(e.accountId);
        this.selectedIds = next;
    }

    handleClearSelection() {
        this.selectedIds = new Set();
    }

    // ----- audit job -----

    async handleRunAudit() {
        await this.startAudit();
    }

    async startAudit() {
        this.actionError = undefined;
        try {
            const answer = await runAudit({ modelId: this._modelId });
            this.job = { jobId: answer.jobId, percent: 0, stage: 'queued' };
            this.schedulePoll();
        } catch (error) {
            this.actionError = error;
        }
    }

    schedulePoll() {
        this.stopPolling();
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.pollTimer = setTimeout(() => this.poll(), POLL_INTERVAL_MS);
    }

    stopPolling() {
        if (this.pollTimer) {
            clearTimeout(this.pollTimer);
            this.pollTimer = undefined;
        }
    }

    async poll() {
        this.pollTimer = undefined;
        const job = this.job;
        if (!job) return;
        try {
            const status = await getJobStatus({ jobId: job.jobId });
            if (this.job !== job) return;
            const progress = status.progress || {};
            if (status.state === 'completed') {
                this.job = undefined;
                this.selectedIds = new Set();
                await this.load();
            } else if (status.state === 'failed') {
                this.job = undefined;
                this.actionError = new Error(
                    `The audit failed: ${status.failedReason || 'no reason given'}. Run it again; if it fails again, check the service log.`
                );
            } else {
                this.job = { ...job, percent: progress.percent || 0, stage: progress.stage };
                this.schedulePoll();
            }
        } catch (error) {
            this.job = undefined;
            this.actionError = error;
        }
    }

    // ----- actions -----

    async handlePlace(event) {
        const ids = [...this.selectedIds];
        const opener = event.currentTarget;
        const confirmed = await LightningConfirm.open({
            message: `Write the centre of its postal code to each of ${plural(ids.length, 'account', 'accounts')} that has no coordinates, marked as approximate? Accounts whose coordinates are set are skipped, never overwritten.`,
            label: 'Place at postal code',
            theme: 'warning'
        });
        opener?.focus?.();
        if (!confirmed) return;
        await this.act(async () => {
            const result = await placeAtPostalCode({ modelId: this._modelId, accountIds: ids });
            const written = result.written || [];
            const skipped = result.skipped || [];
            const failed = result.failed || [];
            const names = this.namesById();
            const lines = [
                ...skipped.map((s) => ({
                    key: `s-${s.accountId}`,
                    text: `Skipped ${names.get(s.accountId) || s.accountId}: ${SKIP_REASONS[s.reason] || s.reason}. ${s.message}`
                })),
                ...failed.map((f) => ({
                    key: `f-${f.accountId}`,
                    text: `Not written ${names.get(f.accountId) || f.accountId}: ${f.message}`
                }))
            ];
            return {
                heading: `${plural(written.length, 'account', 'accounts')} placed at their postal code, ${formatNumber(skipped.length)} skipped${failed.length ? `, ${formatNumber(failed.length)} failed` : ''}.`,
                lines,
                changed: written.length > 0
            };
        });
    }

    handleExclude(event) {
        return this.changeExcluded(event, true);
    }

    handleInclude(event) {
        return this.changeExcluded(event, false);
    }

    async changeExcluded(event, excluded) {
        const ids = [...this.selectedIds];
        const opener = event.currentTarget;
        const confirmed = await LightningConfirm.open({
            message: excluded
                ? `Exclude ${plural(ids.length, 'account', 'accounts')} from planning? Generated plans leave them out; they keep their current territory.`
                : `Include ${plural(ids.length, 'account', 'accounts')} in planning again?`,
            label: excluded ? 'Exclude from planning' : 'Include again',
            theme: 'warning'
        });
        opener?.focus?.();
        if (!confirmed) return;
        await this.act(async () => {
            const result = await setExcluded({
                modelId: this._modelId,
                accountIds: ids,
                excluded
            });
            const updated = result.updated || [];
            const failed = result.failed || [];
            const names = this.namesById();
            return {
                heading: `${plural(updated.length, 'account', 'accounts')} ${excluded ? 'excluded from planning' : 'included in planning again'}${failed.length ? `, ${formatNumber(failed.length)} failed` : ''}.`,
                lines: failed.map((f) => ({
                    key: `f-${f.accountId}`,
                    text: `Not changed ${names.get(f.accountId) || f.accountId}: ${f.message}`
                })),
                changed: updated.length > 0
            };
        });
    }

    /** Runs an action; when it changed the org, audits again so the counts follow. */
    async act(action) {
        this.busy = true;
        this.actionError = undefined;
        this.outcome = undefined;
        try {
            const { changed, ...outcome } = await action();
            this.outcome = { ...outcome, hasLines: outcome.lines.length > 0 };
            this.selectedIds = new Set();
            if (changed) await this.startAudit();
        } catch (error) {
            this.actionError = error;
        } finally {
            this.busy = false;
        }
    }

    namesById() {
        const names = new Map();
        for (const c of this.audit?.categories || []) {
            for (const e of c.examples || []) names.set(e.accountId, e.name);
        }
        return names;
    }

    handleDismissOutcome() {
        this.outcome = undefined;
    }
}
