import { LightningElement, api } from 'lwc';
import { loadScript, loadStyle } from 'lightning/platformResourceLoader';
import LEAFLET from '@salesforce/resourceUrl/leaflet';
import US_STATES from '@salesforce/resourceUrl/usStates';
import getRoutes from '@salesforce/apex/TerritoryRoutesController.getRoutes';
import planRoutes from '@salesforce/apex/TerritoryRoutesController.planRoutes';
import getJobStatus from '@salesforce/apex/TerritoryPlanController.getJobStatus';
import { POLL_INTERVAL_MS, stageLabel } from 'c/plannerUtils';
import { formatLabel } from 'c/ldsUtils';
import { routeView, weekStart } from './routeView';
import LABELS from './labels';

// The week the button plans: five working days from Monday, the service's default day and visit.
const WEEK_DAYS = 5;
const UNSCHEDULED_SHOWN = 4;
const HOME_PIN_HTML =
    '<svg viewBox="0 0 24 32" width="22" height="30" aria-hidden="true"><path d="M12 0C5.4 0 0 5.4 0 12c0 9 12 20 12 20s12-11 12-20C24 5.4 18.6 0 12 0z" fill="#1b2a3a" stroke="#fff" stroke-width="2"/><path d="M7 13l5-5 5 5v5H7z" fill="#fff"/></svg>';

function escapeHtml(text) {
    return String(text).replace(
        /[&<>"']/g,
        (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]
    );
}

/**
 * A rep's week on the map: each day's route in its own colour with a legend (km and minutes per
 * day) that filters the map to one day, numbered stops (the number is the order within the day),
 * the rep's home, the current account highlighted, and the visits that did not fit with the
 * reason. Reads the plan the sync service keeps (TerritoryRoutesController.getRoutes); a planner
 * can plan the week (planRoutes) and the component follows the job like the planner does.
 * States: no rep, loading, no plan yet, planning, service unavailable, error.
 */
export default class RepWeekMap extends LightningElement {
    @api heading = LABELS.HEADING;
    @api highlightAccountId;
    @api height = '260px';

    labels = LABELS;
    answer;
    error;
    loading = false;
    selectedDay = 0;
    showAllUnscheduled = false;
    job;
    mapError;
    leaflet;
    baseMap;
    map;
    needsDraw = false;
    pollTimer;
    requestSeq = 0;
    _modelId;
    _reps = [];
    _repId;

    /** The territory model whose plans to read. */
    @api
    get modelId() {
        return this._modelId;
    }
    set modelId(value) {
        this._modelId = value;
        this.reload();
    }

    /** The reps to choose from: [{ userId, name }]; the first is shown. */
    @api
    get reps() {
        return this._reps;
    }
    set reps(value) {
        this._reps = (Array.isArray(value) ? value : []).filter((r) => r && r.userId);
        if (!this._reps.some((r) => r.userId === this._repId)) {
            this._repId = this._reps[0]?.userId;
            this.reload();
        }
    }

    connectedCallback() {
        this.connected = true;
        this.loadLibraries();
        this.reload();
    }

    disconnectedCallback() {
        this.connected = false;
        this.stopPolling();
        this.removeMap();
    }

    renderedCallback() {
        this.ensureMap();
    }

    /** Creates the map once Leaflet and the plan's container are both there, and draws. */
    ensureMap() {
        const container = this.template.querySelector('.route-map');
        if (this.map && this.map.getContainer() !== container) {
            this.removeMap();
        }
        if (container && this.leaflet && !this.map) {
            this.createMap(container);
        }
        if (this.map && this.needsDraw) {
            this.draw();
        }
    }

    // ---- data ----

    reload() {
        if (!this.connected) return;
        this.answer = undefined;
        this.error = undefined;
        this.selectedDay = 0;
        this.needsDraw = true;
        if (this._modelId && this._repId) {
            this.load();
        }
    }

    async load() {
        const seq = ++this.requestSeq;
        this.loading = true;
        try {
            const answer = await getRoutes({ modelId: this._modelId, repId: this._repId });
            if (seq !== this.requestSeq) return;
            this.answer = answer;
            this.error = undefined;
        } catch (error) {
            if (seq !== this.requestSeq) return;
            this.answer = undefined;
            this.error = error;
        } finally {
            if (seq === this.requestSeq) {
                this.loading = false;
                this.needsDraw = true;
            }
        }
    }

    async handlePlan() {
        this.error = undefined;
        try {
            const started = await planRoutes({
                modelId: this._modelId,
                repId: this._repId,
                days: WEEK_DAYS,
                dayMinutes: null,
                visitMinutes: null,
                startDate: weekStart()
            });
            this.job = { jobId: started.jobId, percent: 0, stage: undefined };
            this.schedulePoll();
        } catch (error) {
            this.error = error;
        }
    }

    schedulePoll() {
        this.stopPolling();
        // Polling is how the planner follows a job (no streaming channel from the service).
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
            if (status.state === 'completed') {
                this.job = undefined;
                await this.load();
            } else if (status.state === 'failed') {
                this.job = undefined;
                this.error = new Error(
                    formatLabel(LABELS.FAILED, status.failedReason || LABELS.NO_REASON)
                );
            } else {
                const progress = status.progress || {};
                this.job = { ...job, percent: progress.percent || 0, stage: progress.stage };
                this.schedulePoll();
            }
        } catch (error) {
            this.job = undefined;
            this.error = error;
        }
    }

    handleRetry() {
        this.load();
    }

    handleRepChange(event) {
        this._repId = event.detail.value;
        this.reload();
    }

    handleDayClick(event) {
        const day = Number(event.currentTarget.dataset.day);
        this.selectedDay = this.selectedDay === day ? 0 : day;
        this.needsDraw = true;
    }

    handleAllDays() {
        this.selectedDay = 0;
        this.needsDraw = true;
    }

    // ---- state for the template ----

    get hasReps() {
        return this._reps.length > 0;
    }

    get hasRepChoice() {
        return this._reps.length > 1;
    }

    get repOptions() {
        return this._reps.map((r) => ({ label: r.name || r.userId, value: r.userId }));
    }

    get repId() {
        return this._repId;
    }

    get repName() {
        return this._reps.find((r) => r.userId === this._repId)?.name || LABELS.THIS_REP;
    }

    get noRep() {
        return !this.hasReps;
    }

    get isLoading() {
        return this.hasReps && this.loading && !this.answer;
    }

    get isPlanning() {
        return !!this.job;
    }

    get planningText() {
        const stage = this.job?.stage ? stageLabel(this.job.stage) : LABELS.QUEUED;
        return formatLabel(LABELS.PLANNING_PROGRESS, this.repName, stage, this.job?.percent || 0);
    }

    get hasPlan() {
        return !this.isPlanning && this.answer?.status === 'planned' && !!this.answer.plan;
    }

    get hasNoPlan() {
        return !this.isPlanning && this.answer?.status === 'none';
    }

    get isUnavailable() {
        return !this.isPlanning && this.answer?.status === 'unavailable';
    }

    get canPlan() {
        return !!this.answer?.canPlan;
    }

    get planLabel() {
        return this.hasPlan ? LABELS.PLAN_AGAIN : LABELS.PLAN;
    }

    get planButtonTitle() {
        return formatLabel(LABELS.PLAN_TITLE, this.repName);
    }

    get view() {
        return this.hasPlan
            ? routeView(this.answer.plan, {
                  selectedDay: this.selectedDay,
                  highlightAccountId: this.highlightAccountId
              })
            : null;
    }

    get legendDays() {
        return (this.view?.days || []).map((day) => ({
            ...day,
            pressed: day.selected ? 'true' : 'false',
            buttonClass: `legend-day${day.selected ? ' legend-day_selected' : ''}`
        }));
    }

    get allDaysPressed() {
        return this.selectedDay === 0 ? 'true' : 'false';
    }

    get allDaysClass() {
        return `legend-day legend-day_all${this.selectedDay === 0 ? ' legend-day_selected' : ''}`;
    }

    get showStopList() {
        return this.selectedDay !== 0 && (this.view?.stops.length || 0) > 0;
    }

    get selectedDayLabel() {
        return this.view?.visibleDays[0]?.label || '';
    }

    get hasUnscheduled() {
        return (this.view?.unscheduled.length || 0) > 0;
    }

    // The first few reasons; the rest behind "Show all" so the map stays in view.
    get unscheduledItems() {
        const items = this.view?.unscheduled || [];
        return this.showAllUnscheduled ? items : items.slice(0, UNSCHEDULED_SHOWN);
    }

    get hasMoreUnscheduled() {
        return (this.view?.unscheduled.length || 0) > UNSCHEDULED_SHOWN;
    }

    get unscheduledToggleLabel() {
        return this.showAllUnscheduled
            ? LABELS.SHOW_FEWER
            : formatLabel(LABELS.SHOW_ALL, this.view?.unscheduled.length || 0);
    }

    get unscheduledExpanded() {
        return this.showAllUnscheduled ? 'true' : 'false';
    }

    handleToggleUnscheduled() {
        this.showAllUnscheduled = !this.showAllUnscheduled;
    }

    get unscheduledHeading() {
        const count = this.view?.unscheduled.length || 0;
        return formatLabel(LABELS.NOT_SCHEDULED, count);
    }

    get currentText() {
        const view = this.view;
        if (!view || !this.highlightAccountId) return '';
        if (view.currentStop) {
            const s = view.currentStop;
            return formatLabel(LABELS.CURRENT_STOP, s.dayLabel, s.seq, s.arriveText, s.departText);
        }
        if (view.currentUnscheduled) {
            const why = String(
                view.currentUnscheduled.message || view.currentUnscheduled.reason
            ).replace(/\.+$/, '');
            return formatLabel(LABELS.CURRENT_UNSCHEDULED, why);
        }
        return LABELS.CURRENT_NONE;
    }

    get mapLabel() {
        const view = this.view;
        if (!view) return '';
        const days = view.visibleDays.map((d) => d.ariaLabel).join('; ');
        return formatLabel(LABELS.MAP_LABEL, this.repName, days);
    }

    get unavailableText() {
        return formatLabel(LABELS.UNAVAILABLE, this.answer?.message);
    }

    get noPlanText() {
        const next = this.canPlan ? LABELS.NO_PLAN_CAN : LABELS.NO_PLAN_ASK;
        return `${formatLabel(LABELS.NO_PLAN, this.repName)} ${next}`;
    }

    get stopsHeading() {
        return formatLabel(LABELS.STOPS_ON, this.selectedDayLabel);
    }

    get mapStyle() {
        return `height:${this.height}`;
    }

    get errorText() {
        return this.mapError ? formatLabel(LABELS.MAP_ERROR, this.mapError.message) : '';
    }

    // ---- map ----

    async loadLibraries() {
        try {
            await Promise.all([
                loadScript(this, `${LEAFLET}/leaflet.js`),
                loadStyle(this, `${LEAFLET}/leaflet.css`)
            ]);
            const L = window.L;
            if (!L) {
                throw new Error(LABELS.LEAFLET_ERROR);
            }
            const response = await fetch(US_STATES);
            if (!response.ok) {
                throw new Error(formatLabel(LABELS.BASE_MAP_ERROR, response.status));
            }
            this.baseMap = await response.json();
            this.leaflet = L;
            this.needsDraw = true;
            this.ensureMap();
        } catch (error) {
            this.mapError = error;
        }
    }

    createMap(container) {
        const L = this.leaflet;
        this.map = L.map(container, {
            zoomSnap: 0.25,
            zoomControl: true,
            attributionControl: false,
            keyboard: true
        }).setView([39.5, -98.35], 4);
        if (this.baseMap) {
            L.geoJSON(this.baseMap, {
                interactive: false,
                style: () => ({ color: '#9fb1c4', weight: 1, fillColor: '#fbfbf8', fillOpacity: 1 })
            }).addTo(this.map);
        }
        // SVG so that every day is one crisp <path> (and countable by the e2e test).
        this.renderer = typeof L.svg === 'function' ? L.svg() : undefined;
        this.layerGroup = L.layerGroup().addTo(this.map);
        this.needsDraw = true;
    }

    removeMap() {
        if (this.map) {
            this.map.remove();
            this.map = undefined;
            this.layerGroup = undefined;
        }
    }

    draw() {
        const L = this.leaflet;
        this.needsDraw = false;
        this.map.invalidateSize();
        this.layerGroup.clearLayers();
        const view = this.view;
        if (!view) return;
        for (const day of view.visibleDays) {
            if (day.path.length > 1) {
                this.layerGroup.addLayer(
                    L.polyline(day.path, {
                        color: day.color,
                        weight: 3.5,
                        opacity: 0.9,
                        renderer: this.renderer,
                        className: `route-line route-line_day${day.day}`,
                        interactive: false
                    })
                );
            }
        }
        if (view.home) {
            this.layerGroup.addLayer(
                L.marker([view.home.lat, view.home.lon], {
                    title: formatLabel(LABELS.HOME, this.repName),
                    alt: formatLabel(LABELS.HOME, this.repName),
                    keyboard: false,
                    zIndexOffset: 500,
                    icon: L.divIcon({
                        className: 'route-home',
                        html: HOME_PIN_HTML,
                        iconSize: [22, 30],
                        iconAnchor: [11, 30]
                    })
                })
            );
        }
        for (const stop of view.stops) {
            const size = stop.isCurrent ? 26 : 20;
            const title = formatLabel(
                LABELS.STOP_TITLE,
                stop.dayLabel,
                stop.seq,
                stop.accountName,
                stop.arriveText
            );
            this.layerGroup.addLayer(
                L.marker([stop.lat, stop.lon], {
                    title,
                    alt: title,
                    keyboard: false,
                    zIndexOffset: stop.isCurrent ? 1000 : 0,
                    icon: L.divIcon({
                        className: `route-stop${stop.isCurrent ? ' route-stop_current' : ''}`,
                        html: `<span class="route-stop-number" style="background:${stop.color};width:${size}px;height:${size}px;line-height:${size}px">${escapeHtml(stop.seq)}</span>`,
                        iconSize: [size, size],
                        iconAnchor: [size / 2, size / 2]
                    })
                })
            );
        }
        if (view.bounds) {
            this.map.fitBounds(view.bounds, { padding: [18, 18], animate: false, maxZoom: 13 });
        }
    }
}
