import { LightningElement, api } from 'lwc';
import HAS_APPROVE from '@salesforce/customPermission/Territory_Approve';
import EFFECTIVE_DATE from '@salesforce/label/c.Rollout_Effective_Date';
import EFFECTIVE_HELP from '@salesforce/label/c.Rollout_Effective_Help';
import { formatDateTime, formatNumber, formatPercent } from 'c/planMath';
import { adjacencyFromPairs, stableTerritoryColors } from 'c/territoryAreas';
import {
    changeReportCsv,
    estimateApiCalls,
    localDay,
    moveReasonText,
    movedPage,
    plural,
    stageLabel,
    territoryLabel
} from 'c/plannerUtils';

// Rows per page of the moved-accounts table (all moves are paged through, none dropped).
const MOVED_PAGE_SIZE = 25;
const ALL = '';
// Reason codes of moves (service `reason.code`, or guessed) and how the filter names them.
const REASON_LABELS = {
    unassigned: 'Was unassigned',
    'rep-left': 'Rep left',
    locked: 'Locked',
    'new-rep': 'To a new rep',
    named: 'Named account',
    unit: 'Contiguity',
    'over-target': 'Over target',
    'under-target': 'Under target',
    closer: 'Closer to the rep',
    rebalancing: 'Rebalancing'
};
const MOVED_COLUMNS = [
    { key: 'account', label: 'Account' },
    { key: 'from', label: 'From' },
    { key: 'to', label: 'To' },
    { key: 'why', label: 'Why' }
];
// An Approved scenario waits for its effective date: approving it again moves the date.
const APPROVABLE = ['Ready', 'Proposed', 'Approved'];
// One empty list for the maps' inputs: a new [] on every render would make them redraw.
const NONE = Object.freeze([]);

/**
 * Compare view: two linked maps, figures side by side with the difference, the moved accounts
 * (from → to, why) and the per-rep change report; Approve, apply progress, applied state and
 * CSV downloads. Events: `approve`, `close`.
 */
export default class ScenarioCompare extends LightningElement {
    /** The answer of GET /v1/scenarios/compare (through Apex). */
    @api comparison;
    /**
     * { accounts, territories, units? } drawn on the left and right maps; large models come as
     * postal units (c/territoryAreas unitsFromPayload shape) with no accounts.
     */
    @api planA;
    @api planB;
    /** The scenario on the right (ScenarioSummary), for status, approval and downloads. */
    @api scenario;
    /** True while the apply job runs; applyProgress { percent, stage }. */
    @api applying = false;
    @api applyProgress;
    /**
     * The settings scenario `b` was generated with (the service's stored settings): its new reps
     * (addReps, pinned on the right map in their new territories `new-1`, `new-2`…) and leaving
     * reps (removeRepIds, crossed out on both maps).
     */
    @api scenarioSettings;
    /**
     * The per-rep changes the CSV change report lists, when they are not this comparison's own
     * (after apply the comparison is of the refreshed plan; the rollout report is the write-back's).
     */
    @api changeReport;

    movedQuery = {
        territoryId: ALL,
        reason: ALL,
        text: '',
        sortBy: 'account',
        sortDirection: 'asc',
        page: 1
    };

    /** When the approved plan takes effect (YYYY-MM-DD, the user's today by default). */
    effectiveDate = localDay();
    effectiveDateLabel = EFFECTIVE_DATE;
    effectiveDateHelp = EFFECTIVE_HELP;

    syncing = false;
    /** Territory borders each map found (side → [[id, id]…]), for colours shared by both. */
    adjacencyBySide = {};

    get a() {
        return this.comparison?.a || {};
    }

    get b() {
        return this.comparison?.b || {};
    }

    get heading() {
        return `Compare ${this.a.name} with ${this.b.name}`;
    }

    get assignmentsUrl() {
        return this.scenario?.assignmentsUrl;
    }

    get leftAccounts() {
        return this.planA?.accounts || NONE;
    }

    get leftUnits() {
        return this.planA?.units || NONE;
    }

    get leftTerritories() {
        return this.planA?.territories || NONE;
    }

    get rightAccounts() {
        return this.planB?.accounts || NONE;
    }

    get rightUnits() {
        return this.planB?.units || NONE;
    }

    get rightTerritories() {
        return this.planB?.territories || NONE;
    }

    /**
     * One colour per territory on both maps, keyed by territory id (c/territoryAreas
     * stableTerritoryColors: never by a territory's place in either list), over the borders of
     * both maps: a territory keeps its colour when the other plan has more or fewer territories,
     * and no neighbours on either map share one.
     */
    get sharedColors() {
        const ids = [...this.territoryNames().keys()].sort();
        const adjacency = adjacencyFromPairs(Object.values(this.adjacencyBySide).flat());
        // The same colours as the same object: a new one would make both maps redraw.
        const key = JSON.stringify([ids, [...adjacency].map(([x, set]) => [x, [...set]])]);
        if (key !== this.sharedColorsKey) {
            this.sharedColorsKey = key;
            this.sharedColorsValue = Object.fromEntries(stableTerritoryColors(ids, adjacency));
        }
        return this.sharedColorsValue;
    }

    /** Accounts (or postal units) the scenario moves: ringed on the right map. */
    get movedIds() {
        const perUnit = this.comparison?.unitAssignments;
        if ((this.planB?.units || []).length > 0 && perUnit?.a && perUnit?.b) {
            const ids = Object.keys(perUnit.b).filter((key) => perUnit.a[key] !== perUnit.b[key]);
            return this.cached('movedIdsValue', ids);
        }
        return this.cached(
            'movedIdsValue',
            (this.comparison?.movedAccounts?.items || []).map((m) => m.accountId)
        );
    }

    /** New reps of scenario b, pinned in their new territories (`new-<n>` in addReps order). */
    get hirePins() {
        const pins = (this.scenarioSettings?.addReps || []).map((rep, index) => ({
            key: `new-${index + 1}`,
            territoryId: `new-${index + 1}`,
            name: rep.name,
            lat: rep.lat,
            lon: rep.lon
        }));
        return this.cached('hirePinsValue', pins);
    }

    /** Reps scenario b removes: their pins are crossed out on both maps. */
    get leavingRepIds() {
        return this.cached('leavingValue', [...(this.scenarioSettings?.removeRepIds || [])]);
    }

    get hasPinsNote() {
        return this.hirePins.length > 0 || this.leavingRepIds.length > 0;
    }

    get pinsNote() {
        const parts = [];
        if (this.hirePins.length > 0) {
            parts.push(`${plural(this.hirePins.length, 'new hire', 'new hires')} (star pins)`);
        }
        if (this.leavingRepIds.length > 0) {
            parts.push(
                `${plural(this.leavingRepIds.length, 'leaving rep', 'leaving reps')} (grey crossed pins)`
            );
        }
        return `On the maps: ${parts.join(', ')}; moved accounts have a dark ring on the right.`;
    }

    /** The same array as last time when its content is equal: a new one would redraw the map. */
    cached(name, value) {
        const key = JSON.stringify(value);
        if (this[`${name}Key`] !== key) {
            this[`${name}Key`] = key;
            this[name] = value;
        }
        return this[name];
    }

    handleAdjacency(event) {
        const side = event.currentTarget.dataset.side;
        this.adjacencyBySide = { ...this.adjacencyBySide, [side]: event.detail.pairs || [] };
    }

    get leftLabel() {
        return `Map of ${this.a.name}`;
    }

    get rightLabel() {
        return `Map of ${this.b.name}`;
    }

    get figureRows() {
        const rows = [];
        // `resolution`: the smallest difference the table shows; less reads as "no change".
        const lowerIsBetter = (key, label, format, signed, resolution) => {
            const va = key(this.a);
            const vb = key(this.b);
            const diff = Number.isFinite(va) && Number.isFinite(vb) ? vb - va : NaN;
            rows.push({
                key: label,
                label,
                aText: format(va),
                bText: format(vb),
                diffText: Number.isFinite(diff) ? signed(diff) : '—',
                verdict: !Number.isFinite(diff)
                    ? 'unknown'
                    : isNoChange(diff, resolution)
                      ? 'same'
                      : diff < 0
                        ? 'better'
                        : 'worse'
            });
        };
        const pct = (v) => formatPercent(v);
        // Deviations are percentages: their difference is in percentage points.
        const signedPoints = (v) =>
            `${formatNumber(v * 100, { maximumFractionDigits: 1, signDisplay: 'exceptZero' })} pts`;
        const km = (v) => `${formatNumber(v, { maximumFractionDigits: 0 })} km`;
        const count = (v) => formatNumber(v);
        const signedKm = (v) =>
            `${formatNumber(v, { maximumFractionDigits: 0, signDisplay: 'exceptZero' })} km`;
        const signedCount = (v) => formatNumber(v, { signDisplay: 'exceptZero' });
        // Deviations show to a tenth of a point (0.001), travel to the km, counts exactly.
        lowerIsBetter((f) => f.maxDeviation, 'Max deviation', pct, signedPoints, 0.001);
        for (const measure of this.comparison?.measures || []) {
            lowerIsBetter(
                (f) => f.deviationByMeasure?.[measure],
                `${measure} deviation`,
                pct,
                signedPoints,
                0.001
            );
        }
        lowerIsBetter((f) => f.travelKm, 'Travel', km, signedKm, 1);
        lowerIsBetter((f) => f.accountsMoved, 'Accounts moved', count, signedCount, 1);
        rows.push({
            key: 'Reps',
            label: 'Reps',
            aText: count(this.a.reps),
            bText: count(this.b.reps),
            diffText: signedCount((this.b.reps || 0) - (this.a.reps || 0)),
            // More or fewer reps is a choice, not better or worse.
            verdict: (this.b.reps || 0) === (this.a.reps || 0) ? 'same' : 'unknown'
        });
        return rows.map((row) => ({
            ...row,
            // "no change" rather than "0 pts better": the figure is the same on both sides.
            diffText: row.verdict === 'same' ? 'no change' : row.diffText,
            verdictText: row.verdict === 'better' || row.verdict === 'worse' ? row.verdict : '',
            verdictClass: `verdict verdict_${row.verdict}`
        }));
    }

    /** The engine's notes on scenario b when it was generated (why it misses the tolerance). */
    get engineNotes() {
        const warnings = this.engineWarnings;
        if (warnings.length === 0) return NONE;
        // the engine names accounts by id; the map knows their names
        const names = this.accountNames();
        return warnings.map((text, i) => ({
            key: `note-${i}`,
            text: String(text).replace(/\baccount ([a-zA-Z0-9]{15,18})\b/g, (whole, id) => {
                const name = names.get(id);
                return name ? `account ${name}` : whole;
            })
        }));
    }

    get engineWarnings() {
        return Array.isArray(this.b.warnings) ? this.b.warnings : NONE;
    }

    get hasEngineNotes() {
        return this.engineWarnings.length > 0;
    }

    get engineNotesHeading() {
        return this.b.withinTolerance === false
            ? `Why ${this.b.name} is outside the tolerance`
            : `Notes on ${this.b.name}`;
    }

    /** Account id → name, from the left map's accounts (large models come as units: none). */
    accountNames() {
        return new Map((this.planA?.accounts || []).map((a) => [a.id, a.name]));
    }

    territoryNames() {
        const names = new Map();
        for (const t of [...(this.planA?.territories || []), ...(this.planB?.territories || [])]) {
            names.set(t.id, t.name);
        }
        for (const change of this.comparison?.repChanges || []) {
            names.set(change.territoryId, territoryLabel(change.territoryId, change.territoryName));
        }
        return names;
    }

    get movedTotal() {
        return this.comparison?.movedAccounts?.total || 0;
    }

    get movedRows() {
        const names = this.territoryNames();
        const accountNames = this.accountNames();
        const territories = this.planA?.territories || [];
        const existing = new Set(territories.map((t) => t.id));
        // Territories whose rep left (a listed rep, none active): their accounts had to move.
        const leftBy = new Map(
            territories
                .filter(
                    (t) =>
                        Array.isArray(t.reps) &&
                        t.reps.length > 0 &&
                        t.reps.every((r) => r.isActive === false)
                )
                .map((t) => [t.id, t.reps.map((r) => r.name).join(', ')])
        );
        const vacant = new Set(leftBy.keys());
        const rows = (this.comparison?.movedAccounts?.items || []).map((m) => {
            const guessed = m.reason ? null : movedReason(m, existing, vacant);
            return {
                key: m.accountId,
                account: accountNames.get(m.accountId) || m.accountId,
                fromId: m.from || '',
                toId: m.to,
                from: m.from ? names.get(m.from) || m.from : 'Unassigned',
                to: names.get(m.to) || m.to,
                reason: m.reason ? m.reason.code : guessed.code,
                why: m.reason ? moveReasonText(m, names, leftBy.get(m.from)) : guessed.text
            };
        });
        return this.cached('allMovedValue', rows);
    }

    get movedView() {
        return movedPage(this.movedRows, { ...this.movedQuery, pageSize: MOVED_PAGE_SIZE });
    }

    get movedPageRows() {
        return this.movedView.rows;
    }

    get hasMoved() {
        return this.movedRows.length > 0;
    }

    get hasMovedMatches() {
        return this.movedView.total > 0;
    }

    get movedPageText() {
        const view = this.movedView;
        const first = (view.page - 1) * MOVED_PAGE_SIZE + 1;
        const last = first + view.rows.length - 1;
        const filtered =
            view.total < this.movedRows.length
                ? ` (${plural(view.total, 'match', 'matches')} of ${formatNumber(this.movedRows.length)})`
                : '';
        return view.total > 0
            ? `Rows ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(view.total)}${filtered} · page ${formatNumber(view.page)} of ${formatNumber(view.pages)}`
            : 'No moved account matches the filter.';
    }

    get movedPrevDisabled() {
        return this.movedView.page <= 1;
    }

    get movedNextDisabled() {
        return this.movedView.page >= this.movedView.pages;
    }

    /** The service lists at most its limit of moves; the rest are in the assignments CSV. */
    get movedMoreText() {
        const more = this.movedTotal - this.movedRows.length;
        return more > 0
            ? `The service listed ${formatNumber(this.movedRows.length)} of ${formatNumber(this.movedTotal)} moves; all of them are in the assignments CSV.`
            : '';
    }

    get movedCaption() {
        return `Moved accounts (${formatNumber(this.movedTotal)})`;
    }

    get movedTerritoryOptions() {
        const names = new Map();
        for (const row of this.movedRows) {
            if (row.fromId) names.set(row.fromId, row.from);
            names.set(row.toId, row.to);
        }
        return [
            { label: 'All territories', value: ALL },
            ...[...names]
                .sort((x, y) => String(x[1]).localeCompare(String(y[1])))
                .map(([value, label]) => ({ label, value }))
        ];
    }

    get movedReasonOptions() {
        const codes = [...new Set(this.movedRows.map((row) => row.reason).filter(Boolean))];
        return [
            { label: 'All reasons', value: ALL },
            ...codes.sort().map((code) => ({ label: REASON_LABELS[code] || code, value: code }))
        ];
    }

    get movedColumns() {
        const { sortBy, sortDirection } = this.movedQuery;
        return MOVED_COLUMNS.map((column) => {
            const sorted = column.key === sortBy;
            return {
                ...column,
                ariaSort: sorted ? (sortDirection === 'asc' ? 'ascending' : 'descending') : 'none',
                iconName:
                    sorted && sortDirection === 'desc' ? 'utility:arrowdown' : 'utility:arrowup',
                iconClass: sorted ? 'sort-icon' : 'sort-icon sort-icon_hidden',
                buttonLabel: `Sort by ${column.label.toLowerCase()}`
            };
        });
    }

    setMovedQuery(changes) {
        this.movedQuery = { ...this.movedQuery, page: 1, ...changes };
    }

    handleMovedTerritory(event) {
        this.setMovedQuery({ territoryId: event.detail.value });
    }

    handleMovedReason(event) {
        this.setMovedQuery({ reason: event.detail.value });
    }

    handleMovedText(event) {
        this.setMovedQuery({ text: event.detail.value || '' });
    }

    handleMovedSort(event) {
        const key = event.currentTarget.dataset.key;
        const { sortBy, sortDirection } = this.movedQuery;
        this.setMovedQuery({
            sortBy: key,
            sortDirection: sortBy === key && sortDirection === 'asc' ? 'desc' : 'asc'
        });
    }

    handleMovedPrev() {
        this.movedQuery = { ...this.movedQuery, page: this.movedView.page - 1 };
    }

    handleMovedNext() {
        this.movedQuery = { ...this.movedQuery, page: this.movedView.page + 1 };
    }

    get measures() {
        return this.comparison?.measures || [];
    }

    get measureHeaders() {
        return this.measures.map((m) => ({ key: m, label: `${m} before → after` }));
    }

    get repRows() {
        return (this.comparison?.repChanges || []).map((change) => ({
            key: change.territoryId,
            territory: territoryLabel(change.territoryId, change.territoryName),
            rep: change.repName || '—',
            gained: `+${formatNumber(change.gained)}`,
            lost: `−${formatNumber(change.lost)}`,
            accounts: `${formatNumber(change.accountsBefore)} → ${formatNumber(change.accountsAfter)}`,
            measures: this.measures.map((m) => ({
                key: m,
                text: `${formatNumber(change.before?.[m], { maximumFractionDigits: 0 })} → ${formatNumber(change.after?.[m], { maximumFractionDigits: 0 })}`
            }))
        }));
    }

    get repsAffected() {
        return (this.comparison?.repChanges || []).filter((c) => c.gained > 0 || c.lost > 0).length;
    }

    get changeReportHref() {
        const csv = changeReportCsv(
            this.changeReport || this.comparison?.repChanges,
            this.measures
        );
        return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
    }

    get changeReportFileName() {
        return `change-report-${(this.b.name || 'scenario').replace(/[^A-Za-z0-9_-]+/g, '-')}.csv`;
    }

    get isApprovable() {
        return !!this.scenario && APPROVABLE.includes(this.scenario.status) && !this.applying;
    }

    /** Approve is offered only to users with the Territory_Approve custom permission. */
    get canApprove() {
        return this.isApprovable && HAS_APPROVE === true;
    }

    /** Planners without Territory_Approve are told who approves instead of getting a button. */
    get approveNeedsPermission() {
        return this.isApprovable && HAS_APPROVE !== true;
    }

    get isApplied() {
        return this.scenario?.status === 'Applied';
    }

    get appliedText() {
        return `Applied by ${this.scenario?.appliedByName || 'an unknown user'} on ${formatDateTime(this.scenario?.appliedAt)}`;
    }

    get statusText() {
        if (!this.scenario) return '';
        const effective =
            this.scenario.status === 'Approved' && this.scenario.effectiveDate
                ? `, takes effect on ${this.scenario.effectiveDate}`
                : '';
        return `Status: ${this.scenario.status}${effective}`;
    }

    get approveSummary() {
        return `${plural(this.movedTotal, 'account moves', 'accounts move')}, ${plural(this.repsAffected, 'rep', 'reps')} affected, about ${plural(estimateApiCalls(this.movedTotal), 'API call', 'API calls')}`;
    }

    get applyPercent() {
        return this.applyProgress?.percent || 0;
    }

    get applyStageText() {
        return `${stageLabel(this.applyProgress?.stage || 'writing')} (${formatNumber(this.applyPercent)}%)`;
    }

    handleViewChange(event) {
        if (this.syncing) return;
        const other =
            event.currentTarget.dataset.side === 'a'
                ? this.template.querySelector('c-territory-map[data-side="b"]')
                : this.template.querySelector('c-territory-map[data-side="a"]');
        const { lat, lng, zoom } = event.detail;
        this.syncing = true;
        other.setView(lat, lng, zoom);
        this.syncing = false;
    }

    handleEffectiveDate(event) {
        this.effectiveDate = event.detail.value;
    }

    /** The scenario's own rollout (c-rollout-changes) needs its record id. */
    get rolloutScenarioId() {
        return this.scenario?.id;
    }

    handleApprove() {
        this.dispatchEvent(
            new CustomEvent('approve', {
                detail: {
                    scenarioId: this.scenario.id,
                    accountsMoved: this.movedTotal,
                    repsAffected: this.repsAffected,
                    apiCalls: estimateApiCalls(this.movedTotal),
                    effectiveDate: this.effectiveDate || localDay(),
                    // Where the focus goes back when the confirm dialog closes.
                    returnFocus: this.template.querySelector('.approve')
                }
            })
        );
    }

    handleClose() {
        this.dispatchEvent(new CustomEvent('close'));
    }
}

/** Why an account moved, guessed from the plans when the service gave no reason. */
function movedReason(move, existing, vacant) {
    if (!move.from) {
        return { code: 'unassigned', text: 'was unassigned' };
    }
    if (vacant.has(move.from)) {
        return { code: 'rep-left', text: 'rep left' };
    }
    return existing.has(move.to)
        ? { code: 'rebalancing', text: 'rebalancing' }
        : { code: 'new-rep', text: 'to a new rep' };
}

/** A difference that rounds to zero at the resolution the table shows is no change. */
function isNoChange(diff, resolution) {
    return Math.abs(diff) < resolution / 2;
}
