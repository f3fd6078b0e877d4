import { LightningElement, api } from 'lwc';
import {
    buildBalanceRows,
    sortRows,
    summarizeRows,
    formatNumber,
    formatMeasureShort,
    DEFAULT_TOLERANCE,
    MEASURES
} from 'c/planMath';
import { plural } from 'c/plannerUtils';

const SORT_FIELDS = {
    name: 'name',
    deviation: 'deviation',
    travel: 'travelKm',
    sales: 'sales',
    potential: 'potential'
};
const SKELETON_ROWS = ['s1', 's2', 's3', 's4'];

/**
 * Balance panel: one row per territory with a bar per measure against its target (tolerance
 * band shaded), the deviation as a signed number with an arrow and words, travel and KPIs.
 * Sortable; the worst imbalance is on top by default. Event `territoryselect` { territoryId }.
 */
export default class TerritoryBalancePanel extends LightningElement {
    /** Territories with figures (potential, workload, accountCount, travelKm), reps and kpis. */
    @api territories;
    /** Measure keys to show, default potential, workload, accountCount. */
    @api measures;
    /** Tolerance as a ratio (0.05 = 5 %). */
    @api tolerance = DEFAULT_TOLERANCE;
    /** Highlighted territory. */
    @api selectedTerritoryId;
    /** Accounts moved by the scenario shown (totals row); empty for the current plan. */
    @api accountsMoved;
    /** Shows skeleton rows. */
    @api loading = false;
    /** Any error; shown instead of the rows. */
    @api errors;
    /** Heading of the panel. */
    @api heading = 'Balance';

    sortField = 'deviation';
    sortDirection = 'desc';

    get skeletonRows() {
        return SKELETON_ROWS;
    }

    get hasError() {
        return !!this.errors;
    }

    get measureKeys() {
        return this.measures && this.measures.length ? this.measures : Object.keys(MEASURES);
    }

    get rows() {
        const built = buildBalanceRows(this.territories || [], {
            measures: this.measureKeys,
            tolerance: Number.isFinite(this.tolerance) ? this.tolerance : DEFAULT_TOLERANCE
        });
        return sortRows(built, SORT_FIELDS[this.sortField], this.sortDirection).map((row) => ({
            ...row,
            rowClass:
                row.id === this.selectedTerritoryId
                    ? 'slds-hint-parent row_selected'
                    : 'slds-hint-parent',
            pressed: row.id === this.selectedTerritoryId ? 'true' : 'false',
            worstClass: `deviation deviation_${row.worstStatus}`,
            bars: row.bars.map((bar) => ({
                ...bar,
                shortValueText: formatMeasureShort(
                    bar.value,
                    MEASURES[bar.measure] || { style: 'decimal' }
                ),
                deviationClass: `deviation deviation_${bar.status}`
            }))
        }));
    }

    get isEmpty() {
        return !this.loading && !this.hasError && (this.territories || []).length === 0;
    }

    get hasRows() {
        return !this.loading && !this.hasError && (this.territories || []).length > 0;
    }

    get totals() {
        const summary = summarizeRows(this.rows);
        return {
            ...summary,
            totalsLabel: `Totals (${plural(summary.territoryCount, 'territory', 'territories')})`,
            totalTravelText: summary.totalTravel === null ? '—' : `${summary.totalTravelText} km`,
            toleranceText: formatNumber(this.tolerance, {
                style: 'percent',
                maximumFractionDigits: 1
            }),
            accountsMovedText:
                this.accountsMoved === undefined || this.accountsMoved === null
                    ? '—'
                    : formatNumber(this.accountsMoved)
        };
    }

    /** Every column: territory, one per measure, deviation, travel (the totals row spans them). */
    get allColumnCount() {
        return this.measureKeys.length + 3;
    }

    /** Header cells: territory, one per measure, deviation, travel; all but measures sort. */
    get columns() {
        const sortable = (key, label, cellClass) => {
            const active = this.sortField === key;
            const ascending = this.sortDirection === 'asc';
            return {
                key,
                label,
                cellClass,
                sortable: true,
                ariaSort: active ? (ascending ? 'ascending' : 'descending') : 'none',
                icon: active && ascending ? 'utility:arrowup' : 'utility:arrowdown',
                showIcon: active,
                buttonLabel: `Sort by ${label}`
            };
        };
        const measures = this.measureKeys.map((key) => ({
            key: `measure-${key}`,
            label: (MEASURES[key] || { label: key }).label,
            cellClass: 'col-measure',
            sortable: false
        }));
        return [
            sortable('name', 'Territory', 'col-name'),
            ...measures,
            sortable('deviation', 'Deviation', 'col-deviation'),
            sortable('travel', 'Travel (km)', 'col-travel')
        ];
    }

    handleSort(event) {
        const field = event.currentTarget.dataset.field;
        if (this.sortField === field) {
            this.sortDirection = this.sortDirection === 'asc' ? 'desc' : 'asc';
        } else {
            this.sortField = field;
            // Names read A→Z; figures read largest first.
            this.sortDirection = field === 'name' ? 'asc' : 'desc';
        }
    }

    handleSelect(event) {
        const territoryId = event.currentTarget.dataset.id;
        this.dispatchEvent(
            new CustomEvent('territoryselect', {
                detail: {
                    territoryId: territoryId === this.selectedTerritoryId ? null : territoryId
                }
            })
        );
    }
}
