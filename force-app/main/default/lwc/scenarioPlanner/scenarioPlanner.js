import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import getModels from '@salesforce/apex/TerritoryPlanController.getModels';
import getPlanOverview from '@salesforce/apex/TerritoryPlanController.getPlanOverview';
import getScenarios from '@salesforce/apex/TerritoryPlanController.getScenarios';
import getServiceStatus from '@salesforce/apex/TerritoryPlanController.getServiceStatus';
import generateScenario from '@salesforce/apex/TerritoryPlanController.generateScenario';
import getJobStatus from '@salesforce/apex/TerritoryPlanController.getJobStatus';
import cancelJob from '@salesforce/apex/TerritoryPlanController.cancelJob';
import compareScenarios from '@salesforce/apex/TerritoryPlanController.compareScenarios';
import approveScenario from '@salesforce/apex/TerritoryPlanController.approveScenario';
import getTradeOff from '@salesforce/apex/TerritoryPlanController.getTradeOff';
import computeTradeOff from '@salesforce/apex/TerritoryPlanController.computeTradeOff';
import { reduceErrors } from 'c/ldsUtils';
import { formatNumber, formatPercent } from 'c/planMath';
import { COLOR_BY_OPTIONS } from 'c/mapUtils';
import { adjacencyFromPairs, stableTerritoryColors, unitsFromPayload } from 'c/territoryAreas';
import {
    ENGINE_MEASURES,
    POLL_INTERVAL_MS,
    applyMoves,
    buildScenarioRequest,
    defaultSettings,
    freshnessText,
    hasCurrentPlan,
    placeHires,
    plural,
    settingsFromScenario,
    stageLabel,
    tradeOffView,
    unitsOfPlan
} from 'c/plannerUtils';

const ALL = '';
const COMPARABLE = ['Ready', 'Proposed', 'Approved', 'Applying', 'Applied'];
/** How the service says a scenario's base plan changed (sync-service/src/jobs/plan-base.ts). */
const BASE_CHANGED = /generate it again/i;

/** The Pending badge's words for screen readers: proposals and reps' change requests. */
function pendingWord(proposals, requests) {
    if (requests === 0) return proposals === 1 ? 'proposal' : 'proposals';
    const total = proposals + requests;
    return total === 1 ? 'pending item' : 'pending items';
}
// Scenarios whose slider costs the settings show: generated and not applied yet.
const TRADE_OFF_STATUSES = ['Ready', 'Proposed'];
// The workspace's views (UX.md "The workspace, not a long page"). Performance and Data come
// with their own components.
const VIEWS = [
    { name: 'plan', label: 'Plan' },
    { name: 'compare', label: 'Compare' },
    { name: 'pending', label: 'Pending' },
    { name: 'data', label: 'Data' }
];
// Each segment's figures are summed from these account (or unit) fields.
const SEGMENT_FIGURES = ['potential', 'workload'];
const BADGE_CLASSES = {
    Ready: 'slds-badge slds-theme_success',
    Proposed: 'slds-badge slds-theme_warning',
    Applied: 'slds-badge slds-badge_inverse',
    Failed: 'slds-badge slds-theme_error'
};

/**
 * The territory planner workspace (app page "Territory Planner"): header with model, scope,
 * freshness and API budget; settings; the map; the balance panel; scenarios and background
 * proposals; generate with progress and cancel; compare; approve and apply.
 * Reads the current plan through Apex, so it still shows it when the service is unreachable.
 */
// An apply that starts within this time is followed with its progress bar; a later one is waiting
// for its effective date.
const APPLY_SOON_MS = 60_000;

export default class ScenarioPlanner extends LightningElement {
    /** Optional tile server for the maps ({z}/{x}/{y}); the bundled base map otherwise. */
    @api tileUrl;

    models = [];
    modelsLoading = true;
    modelsError;
    modelId;

    plan;
    /** The plan's postal units in the map's shape (large models: instead of accounts). */
    planUnits = [];
    planLoading = false;
    planError;

    scenarios = [];
    scenariosError;
    serviceStatus;

    settings = defaultSettings(null);
    scope = { parentTerritoryId: ALL, segment: ALL };
    initialReps = 5;

    colorBy = 'territory';
    showHeat = false;
    showOutlines = true;
    lassoActive = false;
    lassoSelection = [];
    selectedTerritoryId;

    job;
    actionError;
    /** A scenario refused because its base plan changed: { scenarioId, name } to generate again. */
    regenerate;

    compare;
    compareLoading = false;
    compareError;
    compareBaseline = 'current';

    pollTimer;

    /** GET /v1/scenarios/:id/trade-off of the scenario the slider's costs come from. */
    tradeOffAnswer;

    /** The view shown: 'plan', 'compare', 'pending' or 'data'. */
    activeView = 'plan';
    /** What just finished (shown in the action bar, where Generate is). */
    notice;
    /** The new hire whose home the next map click places. */
    placingHireKey = null;
    /** Territory borders of the plan map, for colours keyed by territory. */
    planAdjacency = [];
    /** Where the settings came from, when a scenario's settings were restored. */
    settingsSource;

    connectedCallback() {
        this.loadModels();
    }

    disconnectedCallback() {
        this.stopPolling();
    }

    // ----- loading -----

    async loadModels() {
        this.modelsLoading = true;
        try {
            this.models = (await getModels()) || [];
            this.modelsError = undefined;
            if (this.models.length > 0) {
                await this.selectModel(this.models[0].id);
            }
        } catch (error) {
            this.modelsError = error;
        } finally {
            this.modelsLoading = false;
        }
    }

    async selectModel(modelId) {
        this.modelId = modelId;
        this.compare = undefined;
        this.selectedTerritoryId = undefined;
        this.scope = { parentTerritoryId: ALL, segment: ALL };
        await Promise.all([this.loadPlan(), this.loadScenarios(), this.loadServiceStatus()]);
        await this.restoreAppliedSettings();
        await this.refreshTradeOff();
    }

    /**
     * Settings persist with the scenario they produced: the planner starts from the settings of
     * the newest applied scenario (its tolerance, measures, weights, slider and locks), read
     * from the service (GET /v1/scenarios/:id/trade-off answers with the stored settings).
     * @param {string} [scenarioId] the applied scenario; the newest applied one otherwise
     */
    async restoreAppliedSettings(scenarioId) {
        const applied = scenarioId
            ? this.scenarios.find((s) => s.id === scenarioId)
            : this.scenarios.find((s) => s.status === 'Applied');
        if (!applied || this.serviceUnavailable || !this.plan) return;
        try {
            const answer = await getTradeOff({ scenarioId: applied.id });
            this.settings = {
                ...settingsFromScenario(answer?.settings, this.settings),
                name: this.settings.name
            };
            this.settingsSource = `Settings of "${applied.name}", the applied plan.`;
        } catch {
            // Without the stored settings the planner starts from the defaults.
            this.settingsSource = undefined;
        }
    }

    async loadPlan() {
        this.planLoading = true;
        try {
            this.plan = await getPlanOverview({ modelId: this.modelId });
            this.planUnits = unitsFromPayload(this.plan?.units);
            this.planError = undefined;
            this.settings = { ...defaultSettings(this.plan), name: this.settings.name };
            this.settingsSource = undefined;
        } catch (error) {
            this.plan = undefined;
            this.planUnits = [];
            this.planError = error;
        } finally {
            this.planLoading = false;
        }
    }

    async loadScenarios() {
        try {
            this.scenarios = (await getScenarios({ modelId: this.modelId })) || [];
            this.scenariosError = undefined;
        } catch (error) {
            this.scenarios = [];
            this.scenariosError = error;
        }
    }

    async loadServiceStatus() {
        try {
            this.serviceStatus = await getServiceStatus();
        } catch (error) {
            this.serviceStatus = { reachable: false, message: reduceErrors(error).join(' ') };
        }
    }

    // ----- header -----

    get modelOptions() {
        return this.models.map((m) => ({ label: `${m.name} (${m.state})`, value: m.id }));
    }

    get hasModels() {
        return !this.modelsLoading && !this.modelsError && this.models.length > 0;
    }

    get noModels() {
        return !this.modelsLoading && !this.modelsError && this.models.length === 0;
    }

    get modelState() {
        return this.models.find((m) => m.id === this.modelId)?.state;
    }

    get parentOptions() {
        const territories = this.plan?.territories || [];
        const parents = new Set(territories.map((t) => t.parentId).filter(Boolean));
        return [
            { label: 'All territories', value: ALL },
            ...territories
                .filter((t) => parents.has(t.id))
                .map((t) => ({ label: t.name, value: t.id }))
        ];
    }

    get segmentOptions() {
        const segments = new Set(
            [...(this.plan?.accounts || []), ...(this.plan?.units || [])]
                .map((a) => a.segment)
                .filter(Boolean)
        );
        return [
            { label: 'All segments', value: ALL },
            ...[...segments].sort().map((s) => ({ label: s, value: s }))
        ];
    }

    get segmentNames() {
        return this.segmentOptions.filter((o) => o.value).map((o) => o.value);
    }

    get scopeText() {
        const parent = this.parentOptions.find((o) => o.value === this.scope.parentTerritoryId);
        const parts = [this.scope.parentTerritoryId ? parent?.label : 'All territories'];
        parts.push(this.scope.segment ? `${this.scope.segment} segment` : 'all segments');
        return `Scope: ${parts.join(', ')}`;
    }

    // ----- views -----

    // ----- reps' change requests (c-change-requests) -----

    /** Open requests (counted in the Pending badge). */
    openChangeRequests = 0;
    /** Accepted requests not honoured yet: the next scenario's `pinnedAccounts`. */
    pinnedAccounts = {};

    handleChangeRequests(event) {
        this.openChangeRequests = event.detail.openCount;
        this.pinnedAccounts = event.detail.pinnedAccounts;
    }

    get changeRequestsClass() {
        return this.showPendingView ? 'change-requests' : 'change-requests slds-hide';
    }

    get views() {
        const proposals = this.pendingProposals.length;
        const pending = proposals + this.openChangeRequests;
        return VIEWS.map((view) => {
            const selected = view.name === this.activeView;
            return {
                ...view,
                tabId: `tab-${view.name}`,
                selectedText: selected ? 'true' : 'false',
                tabIndex: selected ? '0' : '-1',
                itemClass: selected
                    ? 'slds-tabs_default__item slds-is-active'
                    : 'slds-tabs_default__item',
                badge: view.name === 'pending' && pending > 0 ? String(pending) : '',
                badgeWord: pendingWord(proposals, this.openChangeRequests)
            };
        });
    }

    get activeViewLabel() {
        return VIEWS.find((v) => v.name === this.activeView).label;
    }

    get showPlanView() {
        return this.activeView === 'plan' && this.showWorkspace;
    }

    get showCompareView() {
        return this.activeView === 'compare' && this.hasModels;
    }

    get showPendingView() {
        return this.activeView === 'pending' && this.hasModels;
    }

    get showDataView() {
        return this.activeView === 'data' && this.hasModels && !!this.modelId;
    }

    showView(name) {
        this.activeView = name;
        if (name !== 'plan') {
            this.placingHireKey = null;
        }
    }

    handleViewClick(event) {
        this.showView(event.currentTarget.dataset.name);
    }

    /** Arrow keys, Home and End move between the tabs (WAI-ARIA tabs, automatic activation). */
    handleTabKeydown(event) {
        const names = VIEWS.map((v) => v.name);
        const at = names.indexOf(this.activeView);
        const next = {
            ArrowRight: (at + 1) % names.length,
            ArrowLeft: (at - 1 + names.length) % names.length,
            Home: 0,
            End: names.length - 1
        }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        this.showView(names[next]);
        // After the render: the new tab is the focusable one.
        Promise.resolve().then(() => {
            this.template.querySelector(`button[data-name="${names[next]}"]`)?.focus();
        });
    }

    handleSkip(event) {
        event.preventDefault();
        this.template.querySelector('.view-panel')?.focus();
    }

    get freshness() {
        return freshnessText(this.plan?.readAt);
    }

    get apiBudgetText() {
        const status = this.serviceStatus;
        if (!status || !Number.isFinite(status.apiRequestsLimit)) {
            return 'API budget unknown';
        }
        const left = status.apiRequestsLimit - (status.apiRequestsUsed || 0);
        return `${formatNumber(left)} of ${formatNumber(status.apiRequestsLimit)} API calls left today`;
    }

    get serviceUnavailable() {
        return !!this.serviceStatus && this.serviceStatus.reachable === false;
    }

    get serviceMessage() {
        return this.serviceStatus?.message || 'The territory service did not answer.';
    }

    // ----- plan in scope -----

    /** The reps of the territory selected on the map or in the balance panel: their week. */
    get selectedTerritoryReps() {
        const territory = this.selectedTerritoryId
            ? (this.plan?.territories || []).find((t) => t.id === this.selectedTerritoryId)
            : undefined;
        return territory
            ? (territory.reps || []).map((r) => ({ userId: r.userId, name: r.name }))
            : null;
    }

    get scopedPlan() {
        const plan = this.plan || { territories: [], accounts: [] };
        const all = plan.territories || [];
        // Large models come as postal units (one per postal code and segment), not accounts.
        let units = this.planUnits;
        // Parent territories (regions) hold no accounts of their own: plan the leaves.
        const parents = new Set(all.map((t) => t.parentId).filter(Boolean));
        let territories = all.filter((t) => !parents.has(t.id));
        let accounts = plan.accounts || [];
        const { parentTerritoryId, segment } = this.scope;
        if (parentTerritoryId) {
            const inScope = new Set([parentTerritoryId]);
            let grew = true;
            while (grew) {
                grew = false;
                for (const t of all) {
                    if (inScope.has(t.parentId) && !inScope.has(t.id)) {
                        inScope.add(t.id);
                        grew = true;
                    }
                }
            }
            territories = territories.filter((t) => inScope.has(t.id));
        }
        if (segment) {
            accounts = accounts.filter((a) => a.segment === segment);
            units = units.filter((u) => u.segment === segment);
            const used = new Set([...accounts, ...units].map((a) => a.territoryId));
            territories = segmentFigures(
                territories.filter((t) => used.has(t.id)),
                units.length > 0 ? units : accounts
            );
        }
        const ids = new Set(territories.map((t) => t.id));
        return {
            territories,
            accounts: accounts.filter((a) => ids.has(a.territoryId)),
            units: units.filter((u) => ids.has(u.territoryId))
        };
    }

    /** Under a segment filter: what the figures are of, and what they cannot split. */
    get segmentNote() {
        if (!this.scope.segment) return '';
        const partial = this.plan?.truncated && !this.hasUnits;
        return partial
            ? `Figures of the ${this.scope.segment} segment, from the ${formatNumber(this.plan.accountLimit)} accounts loaded; travel and KPIs are of all segments.`
            : `Figures of the ${this.scope.segment} segment only; travel and KPIs are of all segments.`;
    }

    /** The plan came as postal units: the map cannot select or lock single accounts. */
    get hasUnits() {
        return (this.plan?.units || []).length > 0;
    }

    get showWorkspace() {
        return this.hasModels && !this.planError && !this.isEmptyModel;
    }

    /** Skeletons on the first load only; a refresh keeps the map mounted and redraws it. */
    get showPlanSkeleton() {
        return this.planLoading && !this.plan;
    }

    get isEmptyModel() {
        return !this.planLoading && !!this.plan && (this.plan.territories || []).length === 0;
    }

    get truncatedText() {
        if (this.plan?.unitsTruncated) {
            const drawn = (this.plan.units || []).reduce((s, u) => s + (u.accountCount || 0), 0);
            return `The map draws the ${formatNumber(this.plan.unitLimit)} postal units with most accounts (${formatNumber(drawn)} accounts); legend counts and figures are of all accounts.`;
        }
        if (this.hasUnits) {
            const accounts = this.plan.units.reduce((s, u) => s + (u.accountCount || 0), 0);
            return `Areas, dots and heat are drawn from all ${formatNumber(accounts)} accounts as ${formatNumber(this.plan.units.length)} postal units (stored by the territory service, ${freshnessText(this.plan.unitsAt)}).`;
        }
        return this.plan?.truncated
            ? `The map's dots and areas are drawn from the first ${formatNumber(this.plan.accountLimit)} accounts; legend counts and figures are of all accounts.`
            : '';
    }

    /** The map gets only part of the plan's accounts: its legend counts come from the figures. */
    get mapPartial() {
        return !!this.plan?.truncated || !!this.plan?.unitsTruncated;
    }

    get colorByOptions() {
        return COLOR_BY_OPTIONS;
    }

    get mapHeight() {
        // The map and its legend (.main-map, about 7 rem) fill the view below the workspace
        // header: at 1440 × 900 the map is about 28 rem and the legend's first rows show
        // without scrolling the column.
        return 'calc(100vh - 28rem)';
    }

    get leavingRepIds() {
        return this.settings.reps.filter((r) => r.leaving).map((r) => r.userId);
    }

    /** Colours keyed by territory id (the same territory, the same colour in Compare). */
    get planColors() {
        const ids = (this.plan?.territories || []).map((t) => t.id);
        const adjacency = adjacencyFromPairs(this.planAdjacency);
        const key = JSON.stringify([ids, this.planAdjacency]);
        if (key !== this.planColorsKey) {
            this.planColorsKey = key;
            this.planColorsValue = Object.fromEntries(stableTerritoryColors(ids, adjacency));
        }
        return this.planColorsValue;
    }

    handlePlanAdjacency(event) {
        this.planAdjacency = event.detail.pairs || [];
    }

    get placingHire() {
        return this.settings.hires.find((h) => h.key === this.placingHireKey);
    }

    get placingText() {
        return `Click the map where ${this.placingHire?.name} lives. The pin moves to each click.`;
    }

    handlePlaceHire(event) {
        this.placingHireKey = event.detail.key;
        this.lassoActive = false;
    }

    handleStopPlacing() {
        this.placingHireKey = null;
    }

    handleMapPoint(event) {
        const key = this.placingHireKey;
        if (!key) return;
        const { lat, lon } = event.detail;
        this.settings = {
            ...this.settings,
            hires: this.settings.hires.map((h) => {
                return h.key === key ? { ...h, lat, lon, postalCode: '', place: '' } : h;
            })
        };
    }

    get balanceMeasures() {
        return ENGINE_MEASURES.filter(
            (m) => m.figure && this.settings.measures.some((s) => s.name === m.name && s.enabled)
        ).map((m) => m.figure);
    }

    // ----- generate -----

    get generateDisabled() {
        return this.serviceUnavailable || !!this.job || this.planLoading || !this.plan;
    }

    get generateDisabledReason() {
        if (this.serviceUnavailable) {
            return 'Generating is unavailable while the territory service cannot be reached.';
        }
        return '';
    }

    get isGenerating() {
        return this.job?.kind === 'generate';
    }

    get isApplying() {
        return this.job?.kind === 'apply';
    }

    get jobPercent() {
        return this.job?.percent || 0;
    }

    get jobStageText() {
        return `${stageLabel(this.job?.stage)} (${formatNumber(this.jobPercent)}%)`;
    }

    get actionErrorMessages() {
        return this.actionError;
    }

    // ----- what the slider costs -----

    get planHasAssignments() {
        return hasCurrentPlan(this.plan);
    }

    /**
     * The scenario whose figures the slider shows: one generated with the planner's settings
     * (not a turnover or drift proposal) and not applied yet; the one open in compare, else the
     * newest.
     */
    get tradeOffScenarioId() {
        const fits = (s) => s?.source === 'Planner' && TRADE_OFF_STATUSES.includes(s.status);
        const open = this.compare?.scenario;
        return fits(open) ? open.id : this.scenarios.find(fits)?.id;
    }

    async refreshTradeOff() {
        const scenarioId = this.tradeOffScenarioId;
        if (!scenarioId || this.serviceUnavailable) {
            this.tradeOffAnswer = undefined;
            return;
        }
        try {
            this.tradeOffAnswer = await getTradeOff({ scenarioId });
        } catch {
            // The costs are extra figures: the planner works without them.
            this.tradeOffAnswer = undefined;
        }
    }

    get tradeOffCosts() {
        return tradeOffView(this.tradeOffAnswer, this.settings, this.scope, {
            busy: !!this.job,
            unavailable: this.serviceUnavailable
        });
    }

    async handleComputeEnds() {
        const scenarioId = this.tradeOffAnswer?.scenarioId;
        if (!scenarioId) return;
        this.actionError = undefined;
        try {
            const answer = await computeTradeOff({ scenarioId });
            this.job = {
                kind: 'ends',
                jobId: answer.jobId,
                scenarioId,
                percent: 0,
                stage: 'queued'
            };
            this.schedulePoll();
        } catch (error) {
            this.actionError = error;
        }
    }

    get isComputingEnds() {
        return this.job?.kind === 'ends';
    }

    get canCancelJob() {
        return this.isGenerating || this.isComputingEnds;
    }

    // ----- scenarios -----

    get scenarioRows() {
        return this.scenarios.map((s) => ({
            ...s,
            badgeClass: BADGE_CLASSES[s.status] || 'slds-badge',
            deviationText: formatPercent(
                Number.isFinite(s.maxDeviation) ? s.maxDeviation / 100 : undefined
            ),
            movedText: formatNumber(s.accountsMoved),
            compareDisabled: !COMPARABLE.includes(s.status) || this.serviceUnavailable,
            compareLabel: `Compare ${s.name}`
        }));
    }

    get hasScenarios() {
        return this.scenarios.length > 0;
    }

    get pendingProposals() {
        return this.scenarioRows.filter((s) => s.status === 'Proposed');
    }

    get hasPending() {
        return this.pendingProposals.length > 0;
    }

    get baselineOptions() {
        return [
            { label: 'Current plan', value: 'current' },
            ...this.scenarios
                .filter((s) => COMPARABLE.includes(s.status))
                .map((s) => ({ label: s.name, value: s.id }))
        ];
    }

    // ----- handlers -----

    handleModelChange(event) {
        this.selectModel(event.detail.value);
    }

    handleParentScopeChange(event) {
        this.scope = { ...this.scope, parentTerritoryId: event.detail.value };
    }

    handleSegmentScopeChange(event) {
        this.scope = { ...this.scope, segment: event.detail.value };
    }

    async handleRefresh() {
        await Promise.all([this.loadPlan(), this.loadScenarios(), this.loadServiceStatus()]);
        await this.refreshTradeOff();
    }

    handleColorByChange(event) {
        this.colorBy = event.detail.value;
    }

    get mapToggles() {
        return [
            { name: 'showHeat', label: 'Heat of potential' },
            { name: 'showOutlines', label: 'Territory areas' },
            // The lasso locks accounts: a map of postal units has none to pick.
            ...(this.hasUnits ? [] : [{ name: 'lassoActive', label: 'Lasso to lock' }])
        ].map((toggle) => ({
            ...toggle,
            checked: this[toggle.name],
            cssClass: `toggle-${toggle.name} map-toggle`
        }));
    }

    handleMapToggle(event) {
        const name = event.target.dataset.name;
        this[name] = event.detail.checked;
        if (name === 'lassoActive') {
            this.lassoSelection = [];
        }
    }

    handleLassoSelect(event) {
        this.lassoSelection = event.detail.accountIds;
    }

    get hasLassoSelection() {
        return this.lassoSelection.length > 0;
    }

    get lassoSelectionText() {
        return `${formatNumber(this.lassoSelection.length)} accounts selected on the map.`;
    }

    handleLockSelection() {
        const locked = new Set([...(this.settings.lockedAccountIds || []), ...this.lassoSelection]);
        this.settings = { ...this.settings, lockedAccountIds: [...locked] };
        this.lassoSelection = [];
    }

    handleClearSelection() {
        this.lassoSelection = [];
    }

    handleTerritorySelect(event) {
        this.selectedTerritoryId = event.detail.territoryId || undefined;
    }

    handleSettingsChange(event) {
        this.settings = event.detail.settings;
    }

    handleHire(event) {
        const hires = placeHires(this.plan, event.detail.count, this.settings.hires.length);
        this.settings = { ...this.settings, hires: [...this.settings.hires, ...hires] };
    }

    handleInitialRepsChange(event) {
        this.initialReps = Number(event.detail.value);
    }

    handleCreateTerritories() {
        const count = Math.max(1, Math.floor(this.initialReps) || 1);
        this.settings = {
            ...defaultSettings(this.plan),
            name: `Initial territories for ${count} reps`,
            hires: placeHires(this.plan, count)
        };
        return this.handleGenerate();
    }

    async handleGenerate() {
        this.actionError = undefined;
        this.notice = undefined;
        this.placingHireKey = null;
        let request;
        try {
            const settings = this.settings.name
                ? this.settings
                : { ...this.settings, name: `Scenario ${new Date().toLocaleString()}` };
            request = buildScenarioRequest(this.modelId, this.scope, settings);
            if (Object.keys(this.pinnedAccounts).length > 0) {
                // Accepted change requests: the scenario puts each account where the rep asked.
                request.settings.pinnedAccounts = { ...this.pinnedAccounts };
            }
        } catch (error) {
            this.actionError = error;
            return;
        }
        try {
            const answer = await generateScenario({ requestJson: JSON.stringify(request) });
            this.job = {
                kind: 'generate',
                jobId: answer.jobId,
                scenarioId: answer.scenarioId,
                percent: 0,
                stage: 'queued'
            };
            this.schedulePoll();
            await this.loadScenarios();
        } catch (error) {
            this.actionError = error;
        }
    }

    async handleCancel() {
        const job = this.job;
        if (!job) return;
        this.stopPolling();
        try {
            await cancelJob({ jobId: job.jobId });
            if (job.kind === 'ends') {
                this.toast('Computing the ends cancelled', 'The scenario is unchanged.', 'info');
            } else {
                this.toast('Generation cancelled', 'The scenario was discarded.', 'info');
            }
        } catch (error) {
            this.actionError = error;
        }
        this.job = undefined;
        await this.loadScenarios();
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
            const progress = status.progress || {};
            this.job = { ...job, percent: progress.percent || 0, stage: progress.stage };
            if (status.state === 'completed') {
                await this.finishJob(job);
            } else if (status.state === 'failed') {
                this.job = undefined;
                const what = {
                    apply: 'write-back',
                    ends: 'computation of the ends'
                }[job.kind];
                this.actionError = new Error(
                    `The ${what || 'generation'} failed: ${status.failedReason || 'no reason given'}.`
                );
                if (job.kind === 'apply') this.offerRegenerate(job.scenarioId, this.actionError);
                await this.loadScenarios();
                await this.refreshTradeOff();
            } else {
                this.schedulePoll();
            }
        } catch (error) {
            this.job = undefined;
            this.actionError = error;
        }
    }

    async finishJob(job) {
        this.job = undefined;
        if (job.kind === 'ends') {
            await this.refreshTradeOff();
            this.toast(
                'Both ends computed',
                'The settings show what the most compact and the fewest-changes plans cost.',
                'success'
            );
            return;
        }
        await this.loadScenarios();
        const scenario = this.scenarios.find((s) => s.id === job.scenarioId);
        if (job.kind === 'generate') {
            // No toast: it would cover Approve. The action bar says it, and Compare opens.
            this.notice = `"${scenario?.name || 'The scenario'}" is ready and open in Compare.`;
            this.showView('compare');
            await this.openCompare('current', job.scenarioId);
        } else {
            this.toast(
                'Scenario applied',
                'The territory model now has the new assignments.',
                'success'
            );
            this.notice = `"${scenario?.name || 'The scenario'}" is applied: the current plan is refreshed.`;
            // Accepted change requests the apply honoured stop being pinned.
            this.template.querySelector('c-change-requests')?.refresh();
            const before = this.compare;
            // The current plan as the org holds it now, with the settings that produced it.
            await this.loadPlan();
            await this.restoreAppliedSettings(job.scenarioId);
            if (before) {
                // The left map and figures show the refreshed current plan; the change report
                // of the rollout stays the one of the write-back.
                await this.openCompare('current', job.scenarioId);
                if (this.compare) {
                    this.compare = {
                        ...this.compare,
                        changeReport: before.comparison?.repChanges
                    };
                }
            }
        }
    }

    handleBaselineChange(event) {
        this.compareBaseline = event.detail.value;
    }

    handleCompareClick(event) {
        const scenarioId = event.currentTarget.dataset.id;
        const baseline = this.compareBaseline === scenarioId ? 'current' : this.compareBaseline;
        this.showView('compare');
        return this.openCompare(baseline, scenarioId);
    }

    async openCompare(a, b) {
        this.compareLoading = true;
        this.compareError = undefined;
        try {
            const comparison = await compareScenarios({ a, b });
            const current = {
                accounts: this.plan?.accounts || [],
                territories: this.plan?.territories || []
            };
            let planA = { ...current };
            if (a !== 'current') {
                const base = await compareScenarios({ a: 'current', b: a });
                planA = applyMoves(current, base.movedAccounts?.items, base.repChanges);
            }
            const planB = applyMoves(planA, comparison.movedAccounts?.items, comparison.repChanges);
            // Large models: the maps draw the stored postal units; the current plan's are as
            // stored, a scenario's as the service placed them (unit → territory).
            if (this.planUnits.length > 0) {
                const perUnit = comparison.unitAssignments;
                planA.units =
                    a === 'current' ? this.planUnits : unitsOfPlan(this.planUnits, perUnit?.a);
                planB.units = unitsOfPlan(this.planUnits, perUnit?.b);
            }
            // New reps and leaving reps of the scenario, for their pins (its stored settings).
            let scenarioSettings;
            try {
                scenarioSettings = (await getTradeOff({ scenarioId: b }))?.settings;
            } catch {
                // The pins are extra: compare works without them.
                scenarioSettings = undefined;
            }
            this.compare = {
                comparison,
                planA,
                planB,
                scenarioSettings,
                scenario: this.scenarios.find((s) => s.id === b)
            };
            await this.refreshTradeOff();
        } catch (error) {
            this.compare = undefined;
            this.compareError = error;
        } finally {
            this.compareLoading = false;
        }
    }

    handleCloseCompare() {
        this.compare = undefined;
        this.compareError = undefined;
    }

    async handleApprove(event) {
        const { scenarioId, accountsMoved, repsAffected, apiCalls, effectiveDate } = event.detail;
        const scenario = this.scenarios.find((s) => s.id === scenarioId);
        // The element that opened the dialog gets the focus back when it closes (WAI-ARIA dialog).
        const opener = event.detail.returnFocus;
        const confirmed = await LightningConfirm.open({
            message: `${plural(accountsMoved, 'account moves', 'accounts move')}, ${plural(repsAffected, 'rep', 'reps')} affected, about ${plural(apiCalls, 'API call', 'API calls')}. Approve "${scenario?.name || scenarioId}" and write it to the territory model${effectiveDate ? ` on ${effectiveDate}` : ''}? Each affected rep is notified.`,
            label: 'Approve scenario',
            theme: 'warning'
        });
        if (opener && typeof opener.focus === 'function') {
            opener.focus();
        }
        if (!confirmed) return;
        this.actionError = undefined;
        this.regenerate = undefined;
        try {
            const answer = await approveScenario({
                scenarioId,
                effectiveDate: effectiveDate || null
            });
            // Waiting for its effective date (the service starts it at 00:00 UTC that day).
            if (answer.applyAt && Date.parse(answer.applyAt) > Date.now() + APPLY_SOON_MS) {
                // The service writes it on its effective date: nothing to follow until then.
                await this.loadScenarios();
                const approved = this.scenarios.find((s) => s.id === scenarioId);
                if (this.compare && approved)
                    this.compare = {
                        ...this.compare,
                        scenario: { ...this.compare.scenario, ...approved }
                    };
                this.notice = `"${scenario?.name || scenarioId}" is approved for ${answer.effectiveDate}: the service writes it to the territory model then, and its reps see the pending change on their account card until then.`;
                return;
            }
            this.job = {
                kind: 'apply',
                jobId: answer.jobId,
                scenarioId,
                percent: 0,
                stage: 'queued'
            };
            this.schedulePoll();
        } catch (error) {
            this.actionError = error;
            this.offerRegenerate(scenarioId, error);
        }
    }

    /**
     * The service refuses to approve or apply a scenario whose base plan changed since it was
     * generated (another apply, a hand edit, account placement) and says to generate it again:
     * then the planner offers exactly that, with the scenario's own settings.
     */
    offerRegenerate(scenarioId, error) {
        const said = reduceErrors(error).join(' ');
        if (!BASE_CHANGED.test(said)) return;
        const scenario = this.scenarios.find((s) => s.id === scenarioId);
        this.regenerate = { scenarioId, name: scenario?.name || scenarioId };
    }

    get regenerateLabel() {
        return this.regenerate
            ? `Generate "${this.regenerate.name}" again on the current plan`
            : undefined;
    }

    /** One click: the stale scenario's stored settings, generated again on today's plan. */
    async handleRegenerate() {
        const offer = this.regenerate;
        if (!offer) return;
        this.regenerate = undefined;
        try {
            const answer = await getTradeOff({ scenarioId: offer.scenarioId });
            this.settings = {
                ...settingsFromScenario(answer?.settings, this.settings),
                name: `${offer.name} (again)`
            };
        } catch (error) {
            this.actionError = error;
            return;
        }
        await this.handleGenerate();
    }

    toast(title, message, variant) {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
    }
}

/**
 * The territories' figures of one segment: potential, workload and account count summed from
 * the segment's accounts (or postal units, which carry their account count); travel and KPIs
 * are not split by segment and are left out rather than shown for all segments.
 */
function segmentFigures(territories, items) {
    const sums = new Map();
    for (const item of items) {
        const sum = sums.get(item.territoryId) || { accountCount: 0, potential: 0, workload: 0 };
        sum.accountCount += Number.isFinite(item.accountCount) ? item.accountCount : 1;
        for (const field of SEGMENT_FIGURES) {
            sum[field] += Number(item[field]) || 0;
        }
        sums.set(item.territoryId, sum);
    }
    return territories.map((t) => ({
        ...t,
        ...(sums.get(t.id) || { accountCount: 0, potential: 0, workload: 0 }),
        travelKm: undefined,
        kpis: undefined
    }));
}
