import { LightningElement, api } from 'lwc';
import HAS_APPROVE from '@salesforce/customPermission/Territory_Approve';
import { formatDateTime, formatNumber, formatPercent } from 'c/planMath';
import { colorTerritories } from 'c/territoryAreas';
import {
    changeReportCsv,
    estimateApiCalls,
    moveReasonText,
    stageLabel,
    territoryLabel
} from 'c/plannerUtils';

// The moved-accounts table shows this many rows; the rest are in the CSV.
const MOVED_ROWS_SHOWN = 50;
const APPROVABLE = ['Ready', 'Proposed'];
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
     * One colour per territory on both maps: the territories of both plans coloured over the
     * borders of both, so a territory keeps its colour across the maps and no neighbours on
     * either map share one.
     */
    get sharedColors() {
        const names = this.territoryNames();
        const ids = [...names.keys()].sort((x, y) =>
            String(names.get(x) ?? x).localeCompare(String(names.get(y) ?? y))
        );
        const adjacency = new Map();
        for (const pairs of Object.values(this.adjacencyBySide)) {
            for (const [x, y] of pairs) {
                if (!adjacency.has(x)) {
                    adjacency.set(x, new Set());
                }
                adjacency.get(x).add(y);
            }
        }
        // The same colours as the same object: a new one would make both maps redraw.
        const key = JSON.stringify([ids, [...adjacency].map(([x, set]) => [x, [...set]])]);
        if (key !== this.sharedColorsKey) {
            this.sharedColorsKey = key;
            this.sharedColorsValue = Object.fromEntries(colorTerritories(ids, adjacency));
        }
        return this.sharedColorsValue;
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
        const lowerIsBetter = (key, label, format, signed) => {
            const va = key(this.a);
            const vb = key(this.b);
            const diff = Number.isFinite(va) && Number.isFinite(vb) ? vb - va : NaN;
            rows.push({
                key: label,
                label,
                aText: format(va),
                bText: format(vb),
                diffText: Number.isFinite(diff) ? signed(diff) : '—',
                verdict:
                    !Number.isFinite(diff) || diff === 0 ? 'same' : diff < 0 ? 'better' : 'worse'
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
        lowerIsBetter((f) => f.maxDeviation, 'Max deviation', pct, signedPoints);
        for (const measure of this.comparison?.measures || []) {
            lowerIsBetter(
                (f) => f.deviationByMeasure?.[measure],
                `${measure} deviation`,
                pct,
                signedPoints
            );
        }
        lowerIsBetter((f) => f.travelKm, 'Travel', km, signedKm);
        lowerIsBetter((f) => f.accountsMoved, 'Accounts moved', count, signedCount);
        rows.push({
            key: 'Reps',
            label: 'Reps',
            aText: count(this.a.reps),
            bText: count(this.b.reps),
            diffText: signedCount((this.b.reps || 0) - (this.a.reps || 0)),
            verdict: 'same'
        });
        return rows.map((row) => ({
            ...row,
            verdictText: row.verdict === 'same' ? '' : row.verdict,
            verdictClass: `verdict verdict_${row.verdict}`
        }));
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
        const accountNames = new Map((this.planA?.accounts || []).map((a) => [a.id, a.name]));
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
        return (this.comparison?.movedAccounts?.items || [])
            .slice(0, MOVED_ROWS_SHOWN)
            .map((m) => ({
                key: m.accountId,
                account: accountNames.get(m.accountId) || m.accountId,
                from: m.from ? names.get(m.from) || m.from : 'Unassigned',
                to: names.get(m.to) || m.to,
                why: m.reason
                    ? moveReasonText(m, names, leftBy.get(m.from))
                    : movedReason(m, existing, vacant)
            }));
    }

    get hasMoved() {
        return this.movedRows.length > 0;
    }

    get movedMoreText() {
        const more = this.movedTotal - this.movedRows.length;
        return more > 0 ? `and ${formatNumber(more)} more (in the assignments CSV)` : '';
    }

    get movedCaption() {
        return `Moved accounts (${formatNumber(this.movedTotal)})`;
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
        const csv = changeReportCsv(this.comparison?.repChanges, this.measures);
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
        return this.scenario ? `Status: ${this.scenario.status}` : '';
    }

    get approveSummary() {
        return `${formatNumber(this.movedTotal)} accounts move, ${formatNumber(this.repsAffected)} reps affected, about ${formatNumber(estimateApiCalls(this.movedTotal))} API calls`;
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

    handleApprove() {
        this.dispatchEvent(
            new CustomEvent('approve', {
                detail: {
                    scenarioId: this.scenario.id,
                    accountsMoved: this.movedTotal,
                    repsAffected: this.repsAffected,
                    apiCalls: estimateApiCalls(this.movedTotal)
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
        return 'was unassigned';
    }
    if (vacant.has(move.from)) {
        return 'rep left';
    }
    return existing.has(move.to) ? 'rebalancing' : 'to a new rep';
}
