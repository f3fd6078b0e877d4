import { LightningElement, api, wire } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { NavigationMixin } from 'lightning/navigation';
import CHARTJS from '@salesforce/resourceUrl/chartJs';
import getPerformance from '@salesforce/apex/TerritoryPerformanceController.getPerformance';
import getModels from '@salesforce/apex/TerritoryPlanController.getModels';
import { formatCurrency, formatPercent, formatSignedPercent } from 'c/planMath';
import LABELS from './labels';
import {
    MISSED_QUARTERS_FLAG,
    isComplete,
    periodQuarters,
    quarterSeries,
    quartersOf,
    sortRows,
    teamSummary,
    territoryRows
} from './performanceMath';

const TEAM = '';
const VIEW_QUARTER = 'quarter';
const VIEW_YEAR = 'year';
// Chart colours: SLDS brand blue, a neutral grey for the quota, teal for pipeline; attainment
// bars say met/missed in their label too (not by colour alone).
const COLOURS = {
    sales: '#0176d3',
    quota: '#706e6b',
    pipeline: '#06a59a',
    met: '#2e844a',
    missed: '#ba0517',
    drift: '#dd7a01'
};

// Height of the attainment chart: per territory bar, plus axis and legend, at least a trend's.
const BAR_REM = 1.1;
const AXIS_REM = 4;
const MIN_CHART_REM = 16;

const format = (template, ...values) =>
    values.reduce((text, value, i) => text.replace(`{${i}}`, value), template);

const COLUMNS = [
    { key: 'name', label: LABELS.TERRITORY, type: 'text' },
    { key: 'sales', label: LABELS.SALES, type: 'currency' },
    { key: 'quota', label: LABELS.QUOTA, type: 'currency' },
    { key: 'attainment', label: LABELS.ATTAINMENT, type: 'percent' },
    { key: 'pipeline', label: LABELS.PIPELINE, type: 'currency' },
    { key: 'winRate', label: LABELS.WIN_RATE, type: 'percent' },
    { key: 'averageDeal', label: LABELS.AVERAGE_DEAL, type: 'currency' },
    { key: 'cycleDays', label: LABELS.SALES_CYCLE, type: 'days' },
    { key: 'velocityPerMonth', label: LABELS.VELOCITY, type: 'currency' },
    { key: 'tasks', label: LABELS.TASKS, type: 'number' },
    { key: 'events', label: LABELS.EVENTS, type: 'number' },
    { key: 'deviation', label: LABELS.DEVIATION, type: 'percent' },
    { key: 'missedStreak', label: LABELS.STATUS, type: 'flag' }
];

/**
 * The Performance dashboard: per territory and for the team, one quarter (quarterly review) or
 * four (annual deep-dive), with KPI tiles, a sortable table, trend, attainment and drift charts
 * (Chart.js from the `chartJs` static resource, as lwc-recipes' libsChartjs loads it), the
 * territories that keep missing quota flagged, and a link to the proposal that would rebalance.
 * Reads only the rows the sync service stores (TerritoryPerformanceController).
 *
 * Host it with `<c-territory-performance model-id={modelId}></c-territory-performance>`; without
 * a model id it shows the first model of TerritoryPlanController.getModels (the Active one).
 * Fires `proposalselect` ({ scenarioId }, cancelable) before it navigates to the proposal.
 */
export default class TerritoryPerformance extends NavigationMixin(LightningElement) {
    /** The Territory2Model to show; empty: the first model the user can plan (Active first). */
    @api modelId;
    /** The quarter to open on (YYYY-Qn); default the newest stored one. */
    @api quarter;

    labels = LABELS;
    data;
    error;
    defaultModelId;
    selectedQuarter;
    scope = TEAM;
    view = VIEW_QUARTER;
    sortField = 'attainment';
    sortDirection = 'asc';
    chartError;

    chartJsRequested = false;
    chartJsReady = false;
    charts = {};
    chartsDrawnFor;

    connectedCallback() {
        // Without a host's model: the first the user may plan in (getModels lists Active first).
        if (this.modelId) return;
        getModels()
            .then((models) => {
                if (models && models.length) this.defaultModelId = models[0].id;
                else this.data = { territories: [], rows: [] };
            })
            .catch((error) => {
                this.error = error;
            });
    }

    @wire(getPerformance, { modelId: '$effectiveModelId', fromQuarter: '', toQuarter: '' })
    wiredPerformance({ data, error }) {
        if (data) {
            this.data = data;
            this.error = undefined;
            const quarters = quartersOf(data.rows);
            if (!quarters.includes(this.selectedQuarter)) {
                this.selectedQuarter = quarters.includes(this.quarter)
                    ? this.quarter
                    : quarters[quarters.length - 1];
            }
        } else if (error) {
            this.data = undefined;
            this.error = error;
        }
    }

    get effectiveModelId() {
        return this.modelId || this.defaultModelId;
    }

    get isLoading() {
        return !this.data && !this.error;
    }

    get quarters() {
        return this.data ? quartersOf(this.data.rows) : [];
    }

    get isEmpty() {
        return !!this.data && this.quarters.length === 0;
    }

    get hasData() {
        return !!this.data && this.quarters.length > 0;
    }

    get isAnnual() {
        return this.view === VIEW_YEAR;
    }

    get quarterOptions() {
        const complete = new Map();
        for (const row of this.data ? this.data.rows : []) {
            complete.set(row.quarter, (complete.get(row.quarter) ?? true) && isComplete(row));
        }
        return [...this.quarters].reverse().map((q) => ({
            label: complete.get(q) ? q : format(LABELS.TO_DATE, q),
            value: q
        }));
    }

    get scopeOptions() {
        return [
            { label: LABELS.TEAM, value: TEAM },
            ...(this.data ? this.data.territories : []).map((t) => ({
                label: t.name,
                value: t.id
            }))
        ];
    }

    get viewOptions() {
        return [
            { label: LABELS.QUARTERLY_REVIEW, value: VIEW_QUARTER },
            { label: LABELS.ANNUAL_DEEP_DIVE, value: VIEW_YEAR }
        ];
    }

    get periodQuarters() {
        return periodQuarters(this.quarters, this.selectedQuarter, this.isAnnual);
    }

    get tableData() {
        return territoryRows(this.data, this.quarters, this.selectedQuarter, this.isAnnual);
    }

    get summary() {
        const period = this.periodQuarters;
        const rows = this.data.rows.filter(
            (r) => period.includes(r.quarter) && (!this.scope || r.territoryId === this.scope)
        );
        return teamSummary(rows, this.tableData);
    }

    get tiles() {
        const s = this.summary;
        const scopeRow = this.scope && this.tableData.find((r) => r.id === this.scope);
        const change = scopeRow ? scopeRow.salesChange : this.teamSalesChange;
        return [
            {
                key: 'sales',
                label: LABELS.SALES,
                value: s.sales,
                kind: 'currency',
                detail:
                    change === null || change === undefined
                        ? ''
                        : format(LABELS.VS_PREVIOUS, formatSignedPercent(change))
            },
            {
                key: 'attainment',
                label: LABELS.ATTAINMENT,
                value: s.attainment,
                kind: 'percent',
                detail: s.quota === null ? '' : `${LABELS.QUOTA} ${formatCurrency(s.quota)}`
            },
            { key: 'pipeline', label: LABELS.PIPELINE, value: s.pipeline, kind: 'currency' },
            { key: 'winRate', label: LABELS.WIN_RATE, value: s.winRate, kind: 'percent' },
            {
                key: 'averageDeal',
                label: LABELS.AVERAGE_DEAL,
                value: s.averageDeal,
                kind: 'currency'
            },
            {
                key: 'cycle',
                label: LABELS.SALES_CYCLE,
                value: s.cycleDays,
                kind: 'number',
                unit: LABELS.DAYS
            },
            {
                key: 'velocity',
                label: LABELS.VELOCITY,
                value: s.velocityPerMonth,
                kind: 'currency',
                detail: LABELS.PER_MONTH
            },
            {
                key: 'activity',
                label: LABELS.ACTIVITY,
                value: s.activities,
                kind: 'number',
                detail: format(LABELS.TASKS_EVENTS, s.tasks, s.events)
            }
        ];
    }

    get teamSalesChange() {
        const rows = this.tableData;
        const before = rows.filter((r) => r.salesChange !== null);
        if (!before.length) return null;
        const now = before.reduce((sum, r) => sum + r.sales, 0);
        const then = before.reduce((sum, r) => sum + r.sales / (1 + r.salesChange), 0);
        return then > 0 ? now / then - 1 : null;
    }

    get flagSummary() {
        const rows = this.tableData;
        const flagged = rows.filter((r) => r.flagged).length;
        return flagged
            ? format(LABELS.FLAGGED_COUNT, flagged, rows.length, MISSED_QUARTERS_FLAG)
            : format(LABELS.NONE_FLAGGED, MISSED_QUARTERS_FLAG);
    }

    get hasFlagged() {
        return this.tableData.some((r) => r.flagged);
    }

    get columns() {
        return COLUMNS.map((c) => {
            const sorted = c.key === this.sortField;
            return {
                ...c,
                ariaSort: sorted
                    ? this.sortDirection === 'asc'
                        ? 'ascending'
                        : 'descending'
                    : 'none',
                buttonTitle: format(LABELS.SORT_BY, c.label),
                iconName: sorted
                    ? this.sortDirection === 'asc'
                        ? 'utility:arrowup'
                        : 'utility:arrowdown'
                    : undefined
            };
        });
    }

    get rows() {
        return sortRows(this.tableData, this.sortField, this.sortDirection).map((row) => ({
            ...row,
            rowClass: row.id === this.scope ? 'slds-is-selected' : '',
            missedText: row.flagged ? format(LABELS.MISSED_QUOTA, row.missedStreak) : '',
            cells: COLUMNS.slice(1, -1).map((c) => ({
                key: c.key,
                value: row[c.key],
                kind: c.type === 'days' ? 'number' : c.type,
                digits: c.type === 'days' ? 1 : 0
            }))
        }));
    }

    get series() {
        return quarterSeries(this.data.rows, this.quarters, this.scope);
    }

    get trendSummary() {
        const last = this.series.find((s) => s.quarter === this.selectedQuarter);
        return last
            ? format(
                  LABELS.TREND_SUMMARY,
                  formatCurrency(last.sales),
                  last.quarter,
                  last.quota === null ? '—' : formatCurrency(last.quota)
              )
            : '';
    }

    get attainmentSummary() {
        const rows = this.tableData;
        const met = rows.filter((r) => r.attainment !== null && r.attainment >= 1).length;
        return format(
            LABELS.ATTAINMENT_SUMMARY,
            met,
            rows.length,
            this.periodQuarters.join('–') || ''
        );
    }

    /** One bar per territory with its label: the chart grows with the team. */
    get attainmentStyle() {
        const bars = this.data ? this.tableData.length : 0;
        return `height: ${Math.max(MIN_CHART_REM, bars * BAR_REM + AXIS_REM)}rem`;
    }

    get driftSeries() {
        return this.series.filter(
            (s) => this.periodQuarters.includes(s.quarter) && s.maxDeviation !== null
        );
    }

    get driftSummary() {
        const drift = this.driftSeries;
        if (!drift.length) return LABELS.DRIFT_UNKNOWN;
        const first = drift[0];
        const last = drift[drift.length - 1];
        if (drift.length === 1)
            return format(LABELS.DRIFT_SINGLE, formatPercent(last.maxDeviation), last.quarter);
        return format(
            LABELS.DRIFT_SUMMARY,
            formatPercent(first.maxDeviation),
            first.quarter,
            formatPercent(last.maxDeviation),
            last.quarter
        );
    }

    get proposal() {
        return this.data && this.data.proposal;
    }

    get proposalText() {
        return this.proposal ? format(LABELS.PROPOSAL, this.proposal.name) : '';
    }

    get truncatedText() {
        return this.data && this.data.truncated ? format(LABELS.TRUNCATED, this.data.rowLimit) : '';
    }

    handleQuarterChange(event) {
        this.selectedQuarter = event.detail.value;
    }

    handleScopeChange(event) {
        this.scope = event.detail.value;
    }

    handleViewChange(event) {
        this.view = event.detail.value;
    }

    handleSort(event) {
        const field = event.currentTarget.dataset.field;
        if (field === this.sortField) {
            this.sortDirection = this.sortDirection === 'asc' ? 'desc' : 'asc';
        } else {
            this.sortField = field;
            this.sortDirection = field === 'name' ? 'asc' : 'desc';
        }
    }

    handleSelectTerritory(event) {
        this.scope = event.currentTarget.dataset.id;
    }

    handleOpenProposal() {
        const scenarioId = this.proposal.id;
        const select = new CustomEvent('proposalselect', {
            detail: { scenarioId },
            bubbles: true,
            composed: true,
            cancelable: true
        });
        if (!this.dispatchEvent(select)) return;
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: {
                recordId: scenarioId,
                objectApiName: 'Territory_Scenario__c',
                actionName: 'view'
            }
        });
    }

    renderedCallback() {
        if (!this.chartJsRequested) {
            this.chartJsRequested = true;
            loadScript(this, CHARTJS)
                .then(() => {
                    this.chartJsReady = true;
                    this.drawCharts();
                })
                .catch((error) => {
                    this.chartError = error;
                    this.dispatchEvent(
                        new ShowToastEvent({
                            title: LABELS.CHART_ERROR,
                            message: error && error.message ? error.message : String(error),
                            variant: 'error'
                        })
                    );
                });
            return;
        }
        this.drawCharts();
    }

    disconnectedCallback() {
        this.destroyCharts();
    }

    destroyCharts() {
        for (const chart of Object.values(this.charts)) chart.destroy();
        this.charts = {};
        this.chartsDrawnFor = undefined;
    }

    /** Builds the charts again when what they show changed (Chart.js draws into its canvas). */
    drawCharts() {
        if (!this.chartJsReady || !this.hasData || !window.Chart) return;
        const key = [
            this.data.rows.length,
            this.data.modelId,
            this.selectedQuarter,
            this.scope,
            this.view
        ].join('|');
        if (key === this.chartsDrawnFor && this.template.querySelector('.chart-trend canvas')) {
            return;
        }
        this.destroyCharts();
        this.chartsDrawnFor = key;
        this.charts.trend = this.newChart('.chart-trend', this.trendConfig());
        this.charts.attainment = this.newChart('.chart-attainment', this.attainmentConfig());
        if (this.isAnnual) this.charts.drift = this.newChart('.chart-drift', this.driftConfig());
    }

    newChart(selector, config) {
        const container = this.template.querySelector(selector);
        if (!container) return { destroy() {} };
        container.replaceChildren();
        const canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', container.dataset.label);
        container.appendChild(canvas);
        return new window.Chart(canvas, config);
    }

    trendConfig() {
        const series = this.series;
        const period = this.periodQuarters;
        return {
            type: 'bar',
            data: {
                labels: series.map(quarterLabel),
                datasets: [
                    {
                        type: 'bar',
                        label: LABELS.SALES,
                        data: series.map((s) => s.sales),
                        // Quarters outside the period are lighter.
                        backgroundColor: series.map(
                            (s) => `${COLOURS.sales}${period.includes(s.quarter) ? '' : '80'}`
                        ),
                        order: 2
                    },
                    {
                        type: 'line',
                        label: LABELS.QUOTA,
                        data: series.map((s) => s.quota),
                        borderColor: COLOURS.quota,
                        borderDash: [6, 4],
                        pointStyle: 'rectRot',
                        order: 1
                    },
                    {
                        type: 'line',
                        label: LABELS.PIPELINE,
                        data: series.map((s) => s.pipeline),
                        borderColor: COLOURS.pipeline,
                        yAxisID: 'pipeline',
                        pointStyle: 'triangle',
                        order: 0
                    }
                ]
            },
            options: chartOptions({
                y: { beginAtZero: true, ticks: { callback: (v) => formatCurrency(v) } },
                pipeline: {
                    position: 'right',
                    beginAtZero: true,
                    grid: { drawOnChartArea: false },
                    ticks: { callback: (v) => formatCurrency(v) },
                    title: { display: true, text: LABELS.PIPELINE }
                }
            })
        };
    }

    attainmentConfig() {
        const rows = sortRows(this.tableData, 'attainment', 'desc');
        return {
            type: 'bar',
            data: {
                labels: rows.map((r) => (r.flagged ? `⚠ ${r.name}` : r.name)),
                datasets: [
                    {
                        label: LABELS.ATTAINMENT,
                        data: rows.map((r) => percentOrNull(r.attainment)),
                        backgroundColor: rows.map((r) => COLOURS[metOrMissed(r)])
                    }
                ]
            },
            options: {
                ...chartOptions({
                    x: { beginAtZero: true, ticks: { callback: (v) => `${v}%` } },
                    y: { ticks: { autoSkip: false } }
                }),
                indexAxis: 'y'
            }
        };
    }

    driftConfig() {
        const series = this.series.filter((s) => this.periodQuarters.includes(s.quarter));
        return {
            type: 'line',
            data: {
                labels: series.map((s) => s.quarter),
                datasets: [
                    {
                        label: LABELS.DEVIATION,
                        data: series.map((s) => percentOrNull(s.maxDeviation)),
                        borderColor: COLOURS.drift,
                        backgroundColor: COLOURS.drift,
                        spanGaps: true
                    }
                ]
            },
            options: chartOptions({
                // Points off the edges: a new org has one snapshot.
                x: { offset: true },
                y: { beginAtZero: true, ticks: { callback: (v) => `${v}%` } }
            })
        };
    }
}

/** Options every chart shares: fills its box, no animation (a redraw is instant). */
function chartOptions(scales) {
    return {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: 'bottom' } },
        scales
    };
}

/** A ratio as a chart value in percent (null stays a gap). */
function percentOrNull(ratio) {
    return ratio === null || ratio === undefined ? null : ratio * 100;
}

/** A quarter's axis label: "2026-Q4 (to date)" while it runs. */
function quarterLabel(s) {
    return s.complete ? s.quarter : format(LABELS.TO_DATE, s.quarter);
}

/** Whether a table row reached its quota ('met') or not ('missed'). */
function metOrMissed(row) {
    return row.attainment !== null && row.attainment >= 1 ? 'met' : 'missed';
}
