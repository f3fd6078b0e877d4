import { createElement } from 'lwc';
import ScenarioPlanner from 'c/scenarioPlanner';
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

const MODELS = require('./data/getModels.json');
const PLAN = require('./data/getPlanOverview.json');
const SCENARIOS = require('./data/getScenarios.json');
const STATUS = require('./data/getServiceStatus.json');
const COMPARISON = require('../../scenarioCompare/__tests__/data/compare.json');

// Imperative Apex methods as jest functions (jest.mock calls must be literal to be hoisted).
jest.mock('@salesforce/apex/TerritoryPlanController.getModels', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock(
    '@salesforce/apex/TerritoryPlanController.getPlanOverview',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);
jest.mock('@salesforce/apex/TerritoryPlanController.getScenarios', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock(
    '@salesforce/apex/TerritoryPlanController.getServiceStatus',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/apex/TerritoryPlanController.generateScenario',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);
// The selected territory's week (c-rep-week-map): no plan yet.
jest.mock(
    '@salesforce/apex/TerritoryRoutesController.getRoutes',
    () => ({ default: jest.fn(() => Promise.resolve({ status: 'none', canPlan: true })) }),
    { virtual: true }
);
jest.mock('@salesforce/apex/TerritoryPlanController.getJobStatus', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/TerritoryPlanController.cancelJob', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock(
    '@salesforce/apex/TerritoryPlanController.compareScenarios',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/apex/TerritoryPlanController.approveScenario',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);

jest.mock('@salesforce/apex/TerritoryPlanController.getTradeOff', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock(
    '@salesforce/apex/TerritoryPlanController.computeTradeOff',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);

// Apex calls chain a few promises; this lets them all settle (works with fake timers too).
async function flush() {
    for (let i = 0; i < 12; i++) {
        // eslint-disable-next-line no-await-in-loop
        await Promise.resolve();
    }
}

function mockOrg({ models = MODELS, plan = PLAN, status = STATUS } = {}) {
    getModels.mockResolvedValue(models);
    getPlanOverview.mockResolvedValue(plan);
    getScenarios.mockResolvedValue(SCENARIOS);
    getServiceStatus.mockResolvedValue(status);
}

async function createPlanner() {
    const element = createElement('c-scenario-planner', { is: ScenarioPlanner });
    document.body.appendChild(element);
    await flush();
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

/** Opens a view of the workspace by its tab ('plan', 'compare', 'pending'). */
async function showView(element, name) {
    $(element, `.view-tab[data-name="${name}"]`).click();
    await flush();
}

describe('c-scenario-planner', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
        LightningConfirm.open.mockResolvedValue(true);
    });

    it('shows a skeleton while the models load', async () => {
        getModels.mockReturnValue(new Promise(() => {}));
        const element = await createPlanner();

        expect($(element, '.skeleton').getAttribute('aria-busy')).toBe('true');
        expect($(element, 'c-scenario-settings')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('explains a failure to read models', async () => {
        getModels.mockRejectedValue({ body: { message: 'You cannot read territory models.' } });
        const element = await createPlanner();

        const panel = $(element, 'c-error-panel');
        expect(panel.errors.body.message).toBe('You cannot read territory models.');
        expect(panel.friendlyMessage).toContain('Territory Planner permission set');
        await expect(element).toBeAccessible();
    });

    it('says what to do without a territory model', async () => {
        mockOrg({ models: [] });
        const element = await createPlanner();

        expect($(element, '.empty-models').textContent).toContain('No territory model yet');
        expect(getPlanOverview).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('shows the current plan: header, settings, map, balance, scenarios and proposals', async () => {
        mockOrg();
        const element = await createPlanner();

        expect(getPlanOverview).toHaveBeenCalledWith({ modelId: '0MA000000000001' });
        expect($(element, '.model').value).toBe('0MA000000000001');
        expect($(element, '.freshness').textContent).toContain(
            '14,200 of 15,000 API calls left today'
        );
        const map = $(element, 'c-territory-map');
        expect(map.accounts).toHaveLength(3);
        expect(map.territories).toHaveLength(2);
        const panel = $(element, 'c-territory-balance-panel');
        expect(panel.measures).toEqual(['potential', 'workload']);
        expect(panel.tolerance).toBe(0.05);
        expect($(element, 'c-scenario-settings').settings.reps).toHaveLength(2);
        await expect(element).toBeAccessible();
        await showView(element, 'compare');
        const rows = element.shadowRoot.querySelectorAll('.scenario-table tbody tr');
        expect(rows).toHaveLength(2);
        expect(rows[0].textContent).toContain('Hire one');
        expect(rows[0].textContent).toContain('4%');
        await showView(element, 'pending');
        expect($(element, '.pending').textContent).toContain('Rep Lee Park was deactivated');
        expect($(element, '.service-alert')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('keeps showing the plan and says why generating is unavailable when the service is down', async () => {
        mockOrg({
            status: {
                reachable: false,
                message: 'The territory service cannot be reached (Read timed out).'
            }
        });
        const element = await createPlanner();

        expect($(element, '.service-alert').textContent).toContain(
            'Generating scenarios is unavailable: The territory service cannot be reached (Read timed out).'
        );
        expect($(element, 'c-territory-map').accounts).toHaveLength(3);
        expect($(element, '.generate').disabled).toBe(true);
        expect($(element, '.disabled-reason').textContent).toContain('cannot be reached');
        expect($(element, '.freshness').textContent).toContain('API budget unknown');
        await expect(element).toBeAccessible();
    });

    it('refreshes the plan without unmounting the map', async () => {
        mockOrg();
        const element = await createPlanner();
        const map = $(element, 'c-territory-map');
        let resolvePlan;
        getPlanOverview.mockReturnValue(new Promise((resolve) => (resolvePlan = resolve)));

        $(element, '.refresh').click();
        await flush();
        expect($(element, 'c-territory-map')).toBe(map);
        expect($(element, '.skeleton')).toBeNull();

        resolvePlan({ ...PLAN, accounts: PLAN.accounts.slice(0, 2) });
        await flush();
        expect($(element, 'c-territory-map')).toBe(map);
        expect(map.accounts).toHaveLength(2);
        expect(getPlanOverview).toHaveBeenCalledTimes(2);
    });

    it('filters the map and balance by segment and follows the selected territory', async () => {
        mockOrg();
        const element = await createPlanner();

        $(element, '.scope-segment').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'Enterprise' } })
        );
        await flush();
        expect($(element, 'c-territory-map').accounts.map((a) => a.name)).toEqual(['Core']);
        expect($(element, 'c-territory-balance-panel').territories.map((t) => t.id)).toEqual([
            'T2'
        ]);

        $(element, 'c-territory-map').dispatchEvent(
            new CustomEvent('territoryselect', { detail: { territoryId: 'T2' } })
        );
        await flush();
        expect($(element, 'c-territory-balance-panel').selectedTerritoryId).toBe('T2');
        expect($(element, 'c-territory-map').selectedTerritoryId).toBe('T2');
        // The selected territory's reps get their week beside the balance panel.
        expect($(element, 'c-rep-week-map').modelId).toBe('0MA000000000001');
        expect($(element, 'c-rep-week-map').reps.map((r) => r.userId)).toEqual(
            PLAN.territories.find((t) => t.id === 'T2').reps.map((r) => r.userId)
        );

        $(element, '.toggle-showHeat').dispatchEvent(
            new CustomEvent('change', { detail: { checked: true } })
        );
        $(element, '.toggle-showOutlines').dispatchEvent(
            new CustomEvent('change', { detail: { checked: false } })
        );
        $(element, '.color-by').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'workload' } })
        );
        await flush();
        const map = $(element, 'c-territory-map');
        expect([map.showHeat, map.showOutlines, map.colorBy]).toEqual([true, false, 'workload']);
    });

    it('draws a large model from its postal units, with no lasso over them', async () => {
        const units = [
            {
                postalCode: '80202',
                segment: 'SMB',
                latitude: 39.75,
                longitude: -104.99,
                accountCount: 900,
                elsewhereCount: 3,
                potential: 50000,
                workload: 700,
                territoryId: 'T1'
            },
            {
                postalCode: '02134',
                segment: 'Enterprise',
                latitude: 42.35,
                longitude: -71.13,
                accountCount: 300,
                elsewhereCount: 0,
                potential: 90000,
                workload: 400,
                territoryId: 'T2'
            },
            {
                postalCode: '10001',
                segment: 'SMB',
                latitude: 40.75,
                longitude: -73.99,
                accountCount: 34,
                elsewhereCount: 0,
                potential: 1000,
                workload: 20,
                territoryId: 'T2'
            }
        ];
        mockOrg({
            plan: {
                ...PLAN,
                accounts: [],
                units,
                unitsTruncated: false,
                unitLimit: 20000,
                unitsAt: '2026-11-28T12:00:00.000Z'
            }
        });
        const element = await createPlanner();

        const map = $(element, 'c-territory-map');
        expect(map.accounts).toEqual([]);
        expect(map.units.map((u) => [u.key, u.accountCount, u.split])).toEqual([
            ['SMB|80202', 900, true],
            ['Enterprise|02134', 300, false],
            ['SMB|10001', 34, false]
        ]);
        expect(map.partial).toBe(false);
        expect($(element, '.map-note').textContent).toContain(
            'drawn from all 1,234 accounts as 3 postal units'
        );
        expect($(element, '.map-note').textContent).not.toContain('first');
        expect($(element, '.toggle-lassoActive')).toBeNull();

        $(element, '.scope-segment').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'Enterprise' } })
        );
        await flush();
        expect($(element, 'c-territory-map').units.map((u) => u.key)).toEqual(['Enterprise|02134']);
        expect($(element, 'c-territory-balance-panel').territories.map((t) => t.id)).toEqual([
            'T2'
        ]);
        await expect(element).toBeAccessible();
    });

    it('says when the map draws only the most populous postal units', async () => {
        const units = [
            {
                postalCode: '80202',
                latitude: 39.75,
                longitude: -104.99,
                accountCount: 900,
                potential: 1,
                workload: 1,
                territoryId: 'T1'
            }
        ];
        mockOrg({ plan: { ...PLAN, accounts: [], units, unitsTruncated: true, unitLimit: 1 } });
        const element = await createPlanner();

        expect($(element, 'c-territory-map').partial).toBe(true);
        expect($(element, '.map-note').textContent).toBe(
            'The map draws the 1 postal units with most accounts (900 accounts); legend counts and figures are of all accounts.'
        );
    });

    it('locks the accounts selected with the lasso for the next scenario', async () => {
        mockOrg();
        generateScenario.mockResolvedValue({ scenarioId: 'a01000000000011', jobId: '60' });
        const element = await createPlanner();

        $(element, '.toggle-lassoActive').dispatchEvent(
            new CustomEvent('change', { detail: { checked: true } })
        );
        await flush();
        expect($(element, 'c-territory-map').lassoActive).toBe(true);
        $(element, 'c-territory-map').dispatchEvent(
            new CustomEvent('lassoselect', {
                detail: { accountIds: ['001000000000001', '001000000000002'] }
            })
        );
        await flush();
        expect($(element, '.lasso-selection').textContent).toContain(
            '2 accounts selected on the map.'
        );
        await expect(element).toBeAccessible();

        $(element, '.lock-selection').click();
        await flush();
        expect($(element, '.lasso-selection')).toBeNull();
        const settings = $(element, 'c-scenario-settings');
        expect(settings.settings.lockedAccountIds).toEqual(['001000000000001', '001000000000002']);
        settings.dispatchEvent(
            new CustomEvent('settingschange', {
                detail: { settings: { ...settings.settings, name: 'Locked' } }
            })
        );
        $(element, '.generate').click();
        await flush();
        const request = JSON.parse(generateScenario.mock.calls[0][0].requestJson);
        expect(request.settings.lockedAccountIds).toEqual(['001000000000001', '001000000000002']);
    });

    it('generates a scenario, shows progress and opens the comparison', async () => {
        mockOrg();
        generateScenario.mockResolvedValue({ scenarioId: 'a01000000000009', jobId: '42' });
        getJobStatus
            .mockResolvedValueOnce({
                state: 'active',
                progress: { percent: 40, stage: 'balancing' }
            })
            .mockResolvedValueOnce({
                state: 'completed',
                progress: { percent: 100, stage: 'measuring' }
            });
        compareScenarios.mockResolvedValue(COMPARISON);
        const element = await createPlanner();
        jest.useFakeTimers();

        const settings = $(element, 'c-scenario-settings');
        settings.dispatchEvent(
            new CustomEvent('settingschange', {
                detail: { settings: { ...settings.settings, name: 'Hire one' } }
            })
        );
        $(element, '.generate').click();
        await flush();

        const request = JSON.parse(generateScenario.mock.calls[0][0].requestJson);
        expect(request.modelId).toBe('0MA000000000001');
        expect(request.name).toBe('Hire one');
        expect(request.settings.balance).toEqual(['Potential', 'Workload']);
        expect($(element, '.job-progress').textContent).toContain('Generating scenario');
        expect($(element, '.generate').disabled).toBe(true);

        jest.advanceTimersByTime(1500);
        await flush();
        expect(getJobStatus).toHaveBeenCalledWith({ jobId: '42' });
        expect($(element, '.job-progress lightning-progress-bar').value).toBe(40);
        expect($(element, '.stage').textContent).toBe('Balancing territories (40%)');

        jest.advanceTimersByTime(1500);
        await flush();
        expect($(element, '.job-progress')).toBeNull();
        expect(compareScenarios).toHaveBeenCalledWith({ a: 'current', b: 'a01000000000009' });
        const compare = $(element, 'c-scenario-compare');
        expect(compare.comparison).toEqual(COMPARISON);
        expect(compare.planB.accounts.find((a) => a.id === '001000000000003').territoryId).toBe(
            'new-rep-1'
        );
    });

    it('cancels a running generation', async () => {
        mockOrg();
        generateScenario.mockResolvedValue({ scenarioId: 'a01000000000009', jobId: '42' });
        cancelJob.mockResolvedValue({ id: '42', state: 'cancelling' });
        const element = await createPlanner();
        jest.useFakeTimers();

        const settings = $(element, 'c-scenario-settings');
        settings.dispatchEvent(
            new CustomEvent('settingschange', {
                detail: { settings: { ...settings.settings, name: 'Try' } }
            })
        );
        $(element, '.generate').click();
        await flush();
        $(element, '.cancel').click();
        await flush();

        expect(cancelJob).toHaveBeenCalledWith({ jobId: '42' });
        expect($(element, '.job-progress')).toBeNull();
        jest.advanceTimersByTime(5000);
        await flush();
        expect(getJobStatus).not.toHaveBeenCalled();
    });

    it('shows why a generate request failed', async () => {
        mockOrg();
        generateScenario.mockRejectedValue({
            body: {
                message:
                    'The territory service failed (500: Internal Server Error). Try again in a minute.'
            }
        });
        const element = await createPlanner();

        const settings = $(element, 'c-scenario-settings');
        settings.dispatchEvent(
            new CustomEvent('settingschange', {
                detail: { settings: { ...settings.settings, name: 'Try' } }
            })
        );
        $(element, '.generate').click();
        await flush();

        const panels = [...element.shadowRoot.querySelectorAll('c-error-panel')];
        expect(panels.map((p) => p.friendlyMessage)).toContain('The request did not go through.');
        expect($(element, '.job-progress')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('offers to create territories when the model has none', async () => {
        mockOrg({ plan: { ...PLAN, territories: [], accounts: [] } });
        generateScenario.mockResolvedValue({ scenarioId: 'a01000000000010', jobId: '50' });
        const element = await createPlanner();

        expect($(element, '.empty-territories').textContent).toContain(
            'This model has no territories yet'
        );
        $(element, '.initial-reps').dispatchEvent(
            new CustomEvent('change', { detail: { value: '4' } })
        );
        $(element, '.create-territories').click();
        await flush();

        const request = JSON.parse(generateScenario.mock.calls[0][0].requestJson);
        expect(request.name).toBe('Initial territories for 4 reps');
        expect(request.settings.addReps).toHaveLength(4);
        await expect(element).toBeAccessible();
    });

    it('compares a scenario, confirms the approval with counts and follows the write-back', async () => {
        mockOrg();
        compareScenarios.mockResolvedValue(COMPARISON);
        approveScenario.mockResolvedValue({ jobId: 'apply-a01000000000001' });
        getJobStatus.mockResolvedValue({
            state: 'completed',
            progress: { percent: 100, stage: 'writing' }
        });
        const element = await createPlanner();

        await showView(element, 'compare');
        element.shadowRoot
            .querySelector('.scenario-table lightning-button[data-id="a01000000000001"]')
            .click();
        await flush();
        const compare = $(element, 'c-scenario-compare');
        expect(compare.scenario.name).toBe('Hire one');

        jest.useFakeTimers();
        compare.dispatchEvent(
            new CustomEvent('approve', {
                detail: {
                    scenarioId: 'a01000000000001',
                    accountsMoved: 1204,
                    repsAffected: 12,
                    apiCalls: 14,
                    effectiveDate: '2026-12-20'
                }
            })
        );
        await flush();
        expect(LightningConfirm.open).toHaveBeenCalledWith(
            expect.objectContaining({
                label: 'Approve scenario',
                message:
                    '1,204 accounts move, 12 reps affected, about 14 API calls. Approve "Hire one" and write it to the territory model on 2026-12-20? Each affected rep is notified.'
            })
        );
        expect(approveScenario).toHaveBeenCalledWith({
            scenarioId: 'a01000000000001',
            effectiveDate: '2026-12-20'
        });
        expect($(element, 'c-scenario-compare').applying).toBe(true);

        jest.advanceTimersByTime(1500);
        await flush();
        expect(getJobStatus).toHaveBeenCalledWith({ jobId: 'apply-a01000000000001' });
        expect(getPlanOverview).toHaveBeenCalledTimes(2);
        expect($(element, 'c-scenario-compare').applying).toBe(false);
    });

    it('approves for a later effective date without following a job that waits for it', async () => {
        mockOrg();
        compareScenarios.mockResolvedValue(COMPARISON);
        approveScenario.mockResolvedValue({
            jobId: 'apply-a01000000000001',
            effectiveDate: '2099-01-15',
            applyAt: '2099-01-15T00:00:00.000Z'
        });
        const element = await createPlanner();
        await showView(element, 'compare');
        $(element, '.scenario-table lightning-button[data-id="a01000000000001"]').click();
        await flush();
        $(element, 'c-scenario-compare').dispatchEvent(
            new CustomEvent('approve', {
                detail: {
                    scenarioId: 'a01000000000001',
                    accountsMoved: 2,
                    repsAffected: 1,
                    effectiveDate: '2099-01-15'
                }
            })
        );
        await flush();
        expect(approveScenario).toHaveBeenCalledWith({
            scenarioId: 'a01000000000001',
            effectiveDate: '2099-01-15'
        });
        expect($(element, 'c-scenario-compare').applying).toBe(false);
        expect(getJobStatus).not.toHaveBeenCalled();
        expect($(element, '.notice').textContent).toContain('is approved for 2099-01-15');
    });

    it('offers to generate a scenario again with its own settings when its base plan changed', async () => {
        mockOrg();
        compareScenarios.mockResolvedValue(COMPARISON);
        approveScenario.mockRejectedValue({
            body: {
                message:
                    'Scenario a01000000000001 was generated from a plan that has changed since: West 1 (0MI000000000001) holds 12 accounts instead of 10. Nothing was written: generate it again.'
            }
        });
        getTradeOff.mockResolvedValue({
            scenarioId: 'a01000000000001',
            name: 'Hire one',
            status: 'Ready',
            settings: { balance: ['Workload'], weights: { Workload: 3 }, tolerance: 0.07 },
            point: null,
            ends: null
        });
        generateScenario.mockResolvedValue({ jobId: 'gen-2', scenarioId: 'a01000000000009' });
        const element = await createPlanner();
        await showView(element, 'compare');
        $(element, '.scenario-table lightning-button[data-id="a01000000000001"]').click();
        await flush();
        $(element, 'c-scenario-compare').dispatchEvent(
            new CustomEvent('approve', {
                detail: { scenarioId: 'a01000000000001', accountsMoved: 2, repsAffected: 1 }
            })
        );
        await flush();

        const again = $(element, 'lightning-button.regenerate');
        expect(again).not.toBeNull();
        expect(again.label).toBe('Generate "Hire one" again on the current plan');
        again.click();
        await flush();
        expect(getTradeOff).toHaveBeenLastCalledWith({ scenarioId: 'a01000000000001' });
        expect(generateScenario).toHaveBeenCalledTimes(1);
        const request = JSON.parse(generateScenario.mock.calls[0][0].requestJson);
        expect(request.name).toBe('Hire one (again)');
        expect(request.settings.balance).toEqual(['Workload']);
        expect(request.settings.tolerance).toBe(0.07);
        expect($(element, 'lightning-button.regenerate')).toBeNull();
    });

    it('offers no regeneration for other approval errors', async () => {
        mockOrg();
        compareScenarios.mockResolvedValue(COMPARISON);
        approveScenario.mockRejectedValue({ body: { message: 'The service is unreachable.' } });
        const element = await createPlanner();
        await showView(element, 'compare');
        $(element, '.scenario-table lightning-button[data-id="a01000000000001"]').click();
        await flush();
        $(element, 'c-scenario-compare').dispatchEvent(
            new CustomEvent('approve', {
                detail: { scenarioId: 'a01000000000001', accountsMoved: 2, repsAffected: 1 }
            })
        );
        await flush();
        expect($(element, 'c-error-panel')).not.toBeNull();
        expect($(element, 'lightning-button.regenerate')).toBeNull();
    });

    it('does not approve when the dialog is cancelled', async () => {
        mockOrg();
        compareScenarios.mockResolvedValue(COMPARISON);
        LightningConfirm.open.mockResolvedValue(false);
        const element = await createPlanner();

        await showView(element, 'compare');
        element.shadowRoot
            .querySelector('.scenario-table lightning-button[data-id="a01000000000001"]')
            .click();
        await flush();
        $(element, 'c-scenario-compare').dispatchEvent(
            new CustomEvent('approve', {
                detail: {
                    scenarioId: 'a01000000000001',
                    accountsMoved: 2,
                    repsAffected: 3,
                    apiCalls: 2
                }
            })
        );
        await flush();

        expect(approveScenario).not.toHaveBeenCalled();
        $(element, 'c-scenario-compare').dispatchEvent(new CustomEvent('close'));
        await flush();
        expect($(element, 'c-scenario-compare')).toBeNull();
    });

    it('compares a large model on its postal units, the scenario placed per unit by the service', async () => {
        const unit = (postalCode, latitude, longitude, accountCount, territoryId) => ({
            postalCode,
            segment: 'SMB',
            latitude,
            longitude,
            accountCount,
            elsewhereCount: 0,
            potential: 1000,
            workload: 10,
            territoryId
        });
        mockOrg({
            plan: {
                ...PLAN,
                accounts: [],
                units: [
                    unit('80202', 39.75, -104.99, 900, 'T1'),
                    unit('02134', 42.35, -71.13, 300, 'T2'),
                    unit('10001', 40.75, -73.99, 34, 'T2')
                ],
                unitsTruncated: false,
                unitLimit: 20000,
                unitsAt: '2026-11-28T12:00:00.000Z'
            }
        });
        compareScenarios.mockImplementation(async ({ a }) => ({
            ...COMPARISON,
            unitAssignments: {
                limit: 20000,
                truncated: false,
                ...(a === 'current' ? {} : { a: { 'SMB|80202': 'T2', 'SMB|02134': 'T2' } }),
                b: { 'SMB|80202': 'T1', 'SMB|02134': 'T1', 'SMB|10001': 'T2' }
            }
        }));
        const element = await createPlanner();

        await showView(element, 'compare');
        element.shadowRoot
            .querySelector('.scenario-table lightning-button[data-id="a01000000000001"]')
            .click();
        await flush();
        let compare = $(element, 'c-scenario-compare');
        const placed = (plan) => plan.units.map((u) => [u.key, u.territoryId]);
        expect(placed(compare.planA)).toEqual([
            ['SMB|80202', 'T1'],
            ['SMB|02134', 'T2'],
            ['SMB|10001', 'T2']
        ]);
        expect(placed(compare.planB)).toEqual([
            ['SMB|80202', 'T1'],
            ['SMB|02134', 'T1'],
            ['SMB|10001', 'T2']
        ]);

        // Against another scenario, plan A is that scenario's, per unit (10001 not named: left out).
        await showView(element, 'compare');
        $(element, '.baseline').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'a01000000000002' } })
        );
        await flush();
        await showView(element, 'compare');
        element.shadowRoot
            .querySelector('.scenario-table lightning-button[data-id="a01000000000001"]')
            .click();
        await flush();
        compare = $(element, 'c-scenario-compare');
        expect(placed(compare.planA)).toEqual([
            ['SMB|80202', 'T2'],
            ['SMB|02134', 'T2']
        ]);
        expect(placed(compare.planB)).toHaveLength(3);
    });

    it('compares two scenarios by reading the baseline scenario first', async () => {
        mockOrg();
        compareScenarios.mockResolvedValue(COMPARISON);
        const element = await createPlanner();

        await showView(element, 'compare');
        $(element, '.baseline').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'a01000000000002' } })
        );
        await flush();
        await showView(element, 'compare');
        element.shadowRoot
            .querySelector('.scenario-table lightning-button[data-id="a01000000000001"]')
            .click();
        await flush();

        expect(compareScenarios.mock.calls.map((c) => c[0])).toEqual([
            { a: 'a01000000000002', b: 'a01000000000001' },
            { a: 'current', b: 'a01000000000002' }
        ]);
    });

    it('shows a comparison error with what to do', async () => {
        mockOrg();
        compareScenarios.mockRejectedValue({
            body: { message: 'Scenario is Generating and has no assignments yet' }
        });
        const element = await createPlanner();

        await showView(element, 'compare');
        element.shadowRoot
            .querySelector('.scenario-table lightning-button[data-id="a01000000000001"]')
            .click();
        await flush();

        const panels = [...element.shadowRoot.querySelectorAll('c-error-panel')];
        expect(panels.map((p) => p.friendlyMessage).join()).toContain(
            'comparison could not be loaded'
        );
        expect($(element, 'c-scenario-compare')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows what the slider costs from the newest planner scenario, and computes the ends', async () => {
        mockOrg();
        const point = {
            disruptionWeight: 0.5,
            travelKm: 11000,
            accountsMoved: 2,
            maxDeviation: 0.04
        };
        const ends = {
            computedAt: '2026-11-28T12:00:00.000Z',
            current: { travelKm: 12000, maxDeviation: 0.18 },
            compact: { disruptionWeight: 0, travelKm: 10500, accountsMoved: 3, maxDeviation: 0.03 },
            fewestChanges: {
                disruptionWeight: 1,
                travelKm: 11800,
                accountsMoved: 1,
                maxDeviation: 0.05
            }
        };
        const answer = {
            scenarioId: 'a01000000000001',
            name: 'Hire one',
            status: 'Ready',
            settings: { balance: ['Potential', 'Workload'] },
            point,
            ends: null
        };
        getTradeOff.mockResolvedValueOnce(answer).mockResolvedValueOnce({ ...answer, ends });
        computeTradeOff.mockResolvedValue({ jobId: 'trade-off-a01000000000001' });
        getJobStatus.mockResolvedValue({
            state: 'completed',
            progress: { percent: 100, stage: 'done' }
        });
        const element = await createPlanner();

        // "Hire one" is the newest scenario generated in the planner (the turnover one is not).
        expect(getTradeOff).toHaveBeenCalledWith({ scenarioId: 'a01000000000001' });
        const settings = $(element, 'c-scenario-settings');
        expect(settings.hasCurrentPlan).toBe(true);
        expect(settings.settings.disruptionWeight).toBe(0.5);
        expect(settings.tradeOffCosts.rows.map((r) => r.computed)).toEqual([false, true, false]);

        jest.useFakeTimers();
        settings.dispatchEvent(new CustomEvent('computeends'));
        await flush();
        expect(computeTradeOff).toHaveBeenCalledWith({ scenarioId: 'a01000000000001' });
        expect($(element, '.job-progress').textContent).toContain(
            'Computing both ends of the slider'
        );
        expect($(element, 'c-scenario-settings').tradeOffCosts.canCompute).toBe(false);

        jest.advanceTimersByTime(1500);
        await flush();
        expect($(element, '.job-progress')).toBeNull();
        expect(getTradeOff).toHaveBeenCalledTimes(2);
        expect(
            $(element, 'c-scenario-settings').tradeOffCosts.rows.map((r) => r.travelText)
        ).toEqual(['10,500 km', '11,000 km', '11,800 km']);
        // Computing the ends changes no scenario: the list is not read again.
        expect(getScenarios).toHaveBeenCalledTimes(1);

        // A turnover proposal open in compare was not made with the planner's settings: the
        // slider keeps showing the planner's own scenario.
        jest.useRealTimers();
        compareScenarios.mockResolvedValue(COMPARISON);
        getTradeOff.mockResolvedValue({ ...answer, ends });
        await showView(element, 'compare');
        element.shadowRoot.querySelector('lightning-button[data-id="a01000000000002"]').click();
        await flush();
        expect(compareScenarios).toHaveBeenCalledWith({ a: 'current', b: 'a01000000000002' });
        expect(getTradeOff).toHaveBeenLastCalledWith({ scenarioId: 'a01000000000001' });
    });

    it('starts a fresh design at most compact when no account is in a territory', async () => {
        mockOrg({
            plan: {
                ...PLAN,
                accounts: PLAN.accounts.map((a) => ({ ...a, territoryId: undefined })),
                territories: PLAN.territories.map((t) => ({ ...t, accountCount: 0 }))
            }
        });
        const element = await createPlanner();

        const settings = $(element, 'c-scenario-settings');
        expect(settings.hasCurrentPlan).toBe(false);
        expect(settings.settings).toMatchObject({ design: 'scratch', disruptionWeight: 0 });
    });

    it('lays the planner out as a workspace: views, a pending badge, Generate in the header', async () => {
        mockOrg();
        const element = await createPlanner();

        const tabs = [...element.shadowRoot.querySelectorAll('.view-tab')];
        expect(tabs.map((t) => [t.dataset.name, t.getAttribute('aria-selected')])).toEqual([
            ['plan', 'true'],
            ['compare', 'false'],
            ['pending', 'false'],
            ['data', 'false']
        ]);
        // Only the selected tab is in the Tab order (arrow keys move between tabs).
        expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1']);
        expect($(element, '.view-badge').textContent).toBe('1\u00a0proposal');
        // Generate sits in the header's action bar, not below the settings.
        expect($(element, 'header .action-bar .generate')).not.toBeNull();
        expect($(element, 'c-scenario-settings .generate')).toBeNull();
        expect($(element, 'c-territory-map')).not.toBeNull();

        // The settings panel carries the audit's headline; the Data view the audit of the model.
        expect($(element, 'c-data-quality.data-summary').variant).toBe('summary');
        expect($(element, 'c-data-quality.data-summary').modelId).toBe('0MA000000000001');
        tabs[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
        await flush();
        expect($(element, '.view-tab[aria-selected="true"]').dataset.name).toBe('data');
        expect($(element, 'c-data-quality.data-view').modelId).toBe('0MA000000000001');
        expect($(element, 'c-territory-map')).toBeNull();
        $(element, '.view-tab[data-name="data"]').dispatchEvent(
            new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true })
        );
        await flush();
        expect($(element, '.view-tab[aria-selected="true"]').dataset.name).toBe('pending');
        expect($(element, 'c-territory-map')).toBeNull();
        expect($(element, '.view-panel').getAttribute('aria-label')).toBe('Pending');

        // A proposal opens in Compare.
        compareScenarios.mockResolvedValue(COMPARISON);
        $(element, '.pending lightning-button[data-id="a01000000000002"]').click();
        await flush();
        expect($(element, '.view-tab[aria-selected="true"]').dataset.name).toBe('compare');
        expect(compareScenarios).toHaveBeenCalledWith({ a: 'current', b: 'a01000000000002' });
        expect($(element, 'c-scenario-compare')).not.toBeNull();
        await expect(element).toBeAccessible();
        // axe over the whole workspace takes seconds on a busy 2-core machine
    }, 20_000);

    it('places a new hire with a click on the map and pins the hire and the leavers', async () => {
        mockOrg();
        const element = await createPlanner();
        const settings = $(element, 'c-scenario-settings');
        settings.dispatchEvent(new CustomEvent('hire', { detail: { count: 1 } }));
        await flush();
        const key = $(element, 'c-scenario-settings').settings.hires[0].key;

        settings.dispatchEvent(new CustomEvent('placehire', { detail: { key } }));
        await flush();
        const map = $(element, 'c-territory-map');
        expect(map.placing).toBe(true);
        expect($(element, '.placing-note').textContent).toContain('Click the map where New rep 1');
        map.dispatchEvent(new CustomEvent('mappoint', { detail: { lat: 36.5, lon: -88.25 } }));
        await flush();
        expect($(element, 'c-scenario-settings').settings.hires[0]).toMatchObject({
            lat: 36.5,
            lon: -88.25
        });
        expect(map.hires[0]).toMatchObject({ name: 'New rep 1', lat: 36.5, lon: -88.25 });

        $(element, '.stop-placing').click();
        await flush();
        expect(map.placing).toBe(false);

        // A rep marked leaving is crossed out on the map.
        const current = $(element, 'c-scenario-settings').settings;
        settings.dispatchEvent(
            new CustomEvent('settingschange', {
                detail: {
                    settings: {
                        ...current,
                        reps: current.reps.map((r, i) => ({ ...r, leaving: i === 1 }))
                    }
                }
            })
        );
        await flush();
        expect(map.leavingRepIds).toEqual(['005000000000002']);
        generateScenario.mockResolvedValue({ scenarioId: 'a01000000000012', jobId: '70' });
        $(element, '.generate').click();
        await flush();
        const request = JSON.parse(generateScenario.mock.calls[0][0].requestJson);
        expect(request.settings.addReps[0]).toMatchObject({ lat: 36.5, lon: -88.25 });
        expect(request.settings.removeRepIds).toEqual(['005000000000002']);
    });

    it('sums the figures of the chosen segment only', async () => {
        mockOrg();
        const element = await createPlanner();

        $(element, '.scope-segment').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'SMB' } })
        );
        await flush();
        const [north] = $(element, 'c-territory-balance-panel').territories;
        // North holds Acme and Beta (both SMB): 300 potential, 30 workload; the plan's own
        // figures are of all segments.
        expect([north.id, north.accountCount, north.potential, north.workload]).toEqual([
            'T1',
            2,
            300,
            30
        ]);
        $(element, '.scope-segment').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'Enterprise' } })
        );
        await flush();
        const [south] = $(element, 'c-territory-balance-panel').territories;
        expect([south.id, south.accountCount, south.potential, south.travelKm]).toEqual([
            'T2',
            1,
            100,
            undefined
        ]);
        expect($(element, '.segment-note').textContent).toContain('Enterprise segment only');
        expect($(element, '.freshness').textContent).toContain('Enterprise segment');
    });

    it('keeps the settings of the applied scenario (tolerance 8 % stays 8 %)', async () => {
        mockOrg();
        getScenarios.mockResolvedValue([
            { ...SCENARIOS[0], status: 'Applied', name: 'Applied at 8 %' },
            SCENARIOS[1]
        ]);
        getTradeOff.mockResolvedValue({
            scenarioId: 'a01000000000001',
            name: 'Applied at 8 %',
            status: 'Applied',
            settings: {
                balance: ['Potential'],
                weights: { Potential: 2 },
                tolerance: 0.08,
                disruptionWeight: 0.7
            },
            point: null,
            ends: null
        });
        const element = await createPlanner();

        expect(getTradeOff).toHaveBeenCalledWith({ scenarioId: 'a01000000000001' });
        const settings = $(element, 'c-scenario-settings').settings;
        expect(settings.tolerance).toBe(0.08);
        expect(settings.disruptionWeight).toBe(0.7);
        expect(settings.measures.map((m) => [m.name, m.enabled, m.weight])).toEqual([
            ['Potential', true, 2],
            ['Workload', false, 1],
            ['Count', false, 1],
            ['DriveTime', false, 1]
        ]);
        expect($(element, 'c-territory-balance-panel').tolerance).toBe(0.08);
        expect($(element, '.settings-source').textContent).toContain('Applied at 8 %');
    });

    it('refreshes the current plan in compare after apply and keeps the rollout report', async () => {
        mockOrg();
        compareScenarios.mockResolvedValue(COMPARISON);
        approveScenario.mockResolvedValue({ jobId: 'apply-1' });
        getJobStatus.mockResolvedValue({ state: 'completed', progress: { percent: 100 } });
        const element = await createPlanner();
        await showView(element, 'compare');
        $(element, '.scenario-table lightning-button[data-id="a01000000000001"]').click();
        await flush();

        jest.useFakeTimers();
        const applied = { ...PLAN, accounts: PLAN.accounts.slice(0, 2) };
        getPlanOverview.mockResolvedValue(applied);
        const noMoves = { ...COMPARISON, movedAccounts: { total: 0, items: [] }, repChanges: [] };
        compareScenarios.mockResolvedValue(noMoves);
        $(element, 'c-scenario-compare').dispatchEvent(
            new CustomEvent('approve', {
                detail: { scenarioId: 'a01000000000001', accountsMoved: 2, repsAffected: 3 }
            })
        );
        await flush();
        jest.advanceTimersByTime(1500);
        await flush();
        await flush();

        const compare = $(element, 'c-scenario-compare');
        // The left side is the refreshed plan, not the one before apply.
        expect(compare.planA.accounts).toHaveLength(2);
        expect(compare.comparison).toEqual(noMoves);
        expect(compare.changeReport).toEqual(COMPARISON.repChanges);
        expect($(element, '.notice').textContent).toContain('the current plan is refreshed');
    });

    it("counts reps' open change requests in the Pending badge and pins accepted ones in Generate", async () => {
        mockOrg();
        generateScenario.mockResolvedValue({ scenarioId: 'a01000000000013', jobId: '80' });
        const element = await createPlanner();
        const requests = $(element, 'c-change-requests');
        expect(requests.modelId).toBe('0MA000000000001');
        expect(requests.classList.contains('slds-hide')).toBe(true);
        requests.dispatchEvent(
            new CustomEvent('requestschange', {
                detail: {
                    openCount: 2,
                    pinnedAccounts: { '001000000000001AAA': '0MI000000000002AAA' }
                }
            })
        );
        await flush();
        expect($(element, '.view-badge').textContent).toBe('3\u00a0pending items');

        const settings = $(element, 'c-scenario-settings');
        settings.dispatchEvent(
            new CustomEvent('settingschange', {
                detail: { settings: { ...settings.settings, name: 'With requests' } }
            })
        );
        $(element, '.generate').click();
        await flush();
        const request = JSON.parse(generateScenario.mock.calls[0][0].requestJson);
        expect(request.settings.pinnedAccounts).toEqual({
            '001000000000001AAA': '0MI000000000002AAA'
        });
    });
});
