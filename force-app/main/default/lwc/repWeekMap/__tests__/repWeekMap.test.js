import { createElement } from 'lwc';
import RepWeekMap from 'c/repWeekMap';
import { loadScript } from 'lightning/platformResourceLoader';
import getRoutes from '@salesforce/apex/TerritoryRoutesController.getRoutes';
import planRoutes from '@salesforce/apex/TerritoryRoutesController.planRoutes';
import getJobStatus from '@salesforce/apex/TerritoryPlanController.getJobStatus';
import { routeView, dayLabel, clockTime, weekStart, formatMinutes, DAY_COLORS } from '../routeView';

jest.mock('@salesforce/apex/TerritoryRoutesController.getRoutes', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/TerritoryRoutesController.planRoutes', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/TerritoryPlanController.getJobStatus', () => ({ default: jest.fn() }), {
    virtual: true
});

const MODEL_ID = '0MA000000000001AAA';
const REP = { userId: '005000000000001AAA', name: 'Ada Rep' };
const ACCOUNT_ID = '001000000000002AAA';

/** A two-day plan as GET /v1/models/:modelId/routes/:repId answers it. */
function plan() {
    const stop = (seq, id, name, lat, lon, arrive) => ({
        seq,
        accountId: id,
        accountName: name,
        lat,
        lon,
        arriveMinute: arrive,
        departMinute: arrive + 45,
        legKm: 10
    });
    return {
        modelId: MODEL_ID,
        repId: REP.userId,
        repName: REP.name,
        settings: { days: 2, dayMinutes: 480, visitMinutes: 45, dayStart: '08:00' },
        geometry: 'straight',
        home: { lat: 40, lon: -100 },
        days: [
            {
                day: 1,
                date: '2026-12-07',
                km: 42.4,
                driveMinutes: 50,
                visitMinutes: 90,
                stops: [
                    stop(1, '001000000000001AAA', 'Acme', 40.1, -100.1, 20),
                    stop(2, ACCOUNT_ID, 'Globex', 40.2, -100.2, 80)
                ],
                path: [
                    [40, -100],
                    [40.1, -100.1],
                    [40.2, -100.2],
                    [40, -100]
                ]
            },
            {
                day: 2,
                date: '2026-12-08',
                km: 20,
                driveMinutes: 25,
                visitMinutes: 45,
                stops: [stop(1, '001000000000003AAA', 'Initech', 39.9, -99.9, 15)],
                path: [
                    [40, -100],
                    [39.9, -99.9],
                    [40, -100]
                ]
            }
        ],
        unscheduled: [
            {
                accountId: '001000000000004AAA',
                accountName: 'Far Away Inc',
                visits: 1,
                reason: 'too-far-for-one-day',
                message: 'the round trip alone takes longer than a working day'
            }
        ],
        summary: {
            accounts: 4,
            visitsRequested: 4,
            visitsScheduled: 3,
            km: 62.4,
            driveMinutes: 75,
            visitMinutes: 135
        },
        events: null
    };
}

/** A stand-in for Leaflet that records polylines and markers. */
function fakeLeaflet() {
    const layer = (kind) =>
        jest.fn((...args) => {
            const l = { kind, args };
            for (const name of ['addTo', 'on', 'bindTooltip']) l[name] = jest.fn(() => l);
            return l;
        });
    const map = {
        setView: jest.fn(() => map),
        fitBounds: jest.fn(),
        invalidateSize: jest.fn(),
        remove: jest.fn(),
        getContainer: jest.fn(() => map.container)
    };
    const group = { addTo: jest.fn(() => group), clearLayers: jest.fn(), addLayer: jest.fn() };
    const L = {
        map: jest.fn((container) => {
            map.container = container;
            return map;
        }),
        svg: jest.fn(() => ({ renderer: 'svg' })),
        geoJSON: layer('geojson'),
        layerGroup: jest.fn(() => group),
        polyline: layer('polyline'),
        marker: layer('marker'),
        divIcon: jest.fn((options) => options)
    };
    return { L, map, group };
}

// eslint-disable-next-line @lwc/lwc/no-async-operation
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

function added(group, kind) {
    return group.addLayer.mock.calls.map((c) => c[0]).filter((l) => l.kind === kind);
}

async function createMap(props = {}) {
    const element = createElement('c-rep-week-map', { is: RepWeekMap });
    Object.assign(element, { modelId: MODEL_ID, reps: [REP], ...props });
    document.body.appendChild(element);
    await flush();
    await flush();
    return element;
}

describe('routeView', () => {
    it('labels dated days by weekday and undated ones by number', () => {
        expect(dayLabel({ day: 1, date: '2026-12-07' })).toMatch(/^Mon 7 /);
        expect(dayLabel({ day: 3, date: null })).toBe('Day 3');
    });

    it('turns minutes into clock times and durations', () => {
        expect(clockTime(95, '08:00')).toBe('09:35');
        expect(clockTime(30, '07:45')).toBe('08:15');
        expect(formatMinutes(125)).toBe('2 h 05 min');
        expect(formatMinutes(40)).toBe('40 min');
    });

    it('plans from the Monday of this week, or the next one at a weekend', () => {
        expect(weekStart(new Date(2026, 11, 9))).toBe('2026-12-07');
        expect(weekStart(new Date(2026, 11, 7))).toBe('2026-12-07');
        expect(weekStart(new Date(2026, 11, 5))).toBe('2026-12-07');
        expect(weekStart(new Date(2026, 11, 6))).toBe('2026-12-07');
    });

    it('colours days, numbers stops, filters a day and finds the current account', () => {
        const all = routeView(plan(), { highlightAccountId: ACCOUNT_ID.slice(0, 15) });
        expect(all.days.map((d) => d.color)).toEqual([DAY_COLORS[0], DAY_COLORS[1]]);
        expect(all.stops.map((s) => `${s.day}.${s.seq}`)).toEqual(['1.1', '1.2', '2.1']);
        expect(all.currentStop.accountName).toBe('Globex');
        expect(all.currentStop.arriveText).toBe('09:20');
        expect(all.summaryText).toBe('3 of 4 visits scheduled · 62 km · 1 h 15 min driving');
        expect(all.bounds).toEqual([
            [39.9, -100.2],
            [40.2, -99.9]
        ]);
        const tuesday = routeView(plan(), { selectedDay: 2 });
        expect(tuesday.visibleDays.map((d) => d.day)).toEqual([2]);
        expect(tuesday.stops.map((s) => s.accountName)).toEqual(['Initech']);
        expect(tuesday.days[1].selected).toBe(true);
    });
});

describe('c-rep-week-map', () => {
    let leaflet;

    beforeEach(() => {
        leaflet = fakeLeaflet();
        window.L = leaflet.L;
        global.fetch = jest.fn(() =>
            Promise.resolve({
                ok: true,
                json: () => Promise.resolve({ type: 'FeatureCollection', features: [] })
            })
        );
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        delete window.L;
        delete global.fetch;
        jest.clearAllMocks();
        jest.useRealTimers();
        loadScript.mockResolvedValue();
    });

    it('draws each day in its colour, numbered stops, the home and the current account', async () => {
        getRoutes.mockResolvedValue({ status: 'planned', plan: plan(), canPlan: false });
        const element = await createMap({ highlightAccountId: ACCOUNT_ID });

        expect(getRoutes).toHaveBeenCalledWith({ modelId: MODEL_ID, repId: REP.userId });
        const lines = added(leaflet.group, 'polyline');
        expect(lines).toHaveLength(2);
        expect(lines[0].args[1].color).toBe(DAY_COLORS[0]);
        expect(lines[1].args[1].color).toBe(DAY_COLORS[1]);
        expect(lines[0].args[0]).toHaveLength(4);
        const markers = added(leaflet.group, 'marker');
        const stops = markers.filter((m) => m.args[1].icon.className.startsWith('route-stop'));
        expect(stops).toHaveLength(3);
        expect(stops.map((m) => m.args[1].icon.html.match(/>(\d+)</)[1])).toEqual(['1', '2', '1']);
        expect(stops[1].args[1].icon.className).toBe('route-stop route-stop_current');
        expect(markers.filter((m) => m.args[1].icon.className === 'route-home')).toHaveLength(1);
        expect(leaflet.map.fitBounds).toHaveBeenCalled();

        expect($(element, '.summary').textContent).toBe(
            '3 of 4 visits scheduled · 62 km · 1 h 15 min driving'
        );
        expect($(element, '.current').textContent).toContain('stop 2, 09:20–10:05');
        const legend = $$(element, '.legend-day').map((b) => b.textContent.replace(/\s+/g, ' '));
        expect(legend[1]).toContain('42 km · 2 h 20 min');
        expect($(element, '.unscheduled').textContent).toContain(
            'Far Away Inc: the round trip alone takes longer than a working day'
        );
        expect($(element, '.plan-week')).toBeNull();
        expect($(element, '.route-map').getAttribute('aria-label')).toContain('2 visits, 42 km');
        await expect(element).toBeAccessible();
    });

    it('filters the map to one day from the legend and lists its stops', async () => {
        getRoutes.mockResolvedValue({ status: 'planned', plan: plan(), canPlan: false });
        const element = await createMap();
        const tuesday = $$(element, '.legend-day')[2];
        tuesday.click();
        await flush();

        expect(tuesday.getAttribute('aria-pressed')).toBe('true');
        const lastDraw = leaflet.group.clearLayers.mock.calls.length;
        expect(lastDraw).toBeGreaterThan(1);
        const calls = leaflet.group.addLayer.mock.calls.map((c) => c[0]);
        const sinceClear = calls.slice(calls.length - 3);
        expect(sinceClear.filter((l) => l.kind === 'polyline')).toHaveLength(1);
        expect(sinceClear.filter((l) => l.kind === 'polyline')[0].args[1].color).toBe(
            DAY_COLORS[1]
        );
        expect($$(element, '.stop').map((li) => li.textContent)).toEqual(['08:15–09:00Initech']);
        await expect(element).toBeAccessible();
    });

    it('offers a planner to plan the week, follows the job and shows the result', async () => {
        getRoutes
            .mockResolvedValueOnce({ status: 'none', message: 'No visit plan', canPlan: true })
            .mockResolvedValueOnce({ status: 'planned', plan: plan(), canPlan: true });
        planRoutes.mockResolvedValue({ jobId: 'route-9', runId: 'r' });
        getJobStatus
            .mockResolvedValueOnce({ state: 'active', progress: { percent: 50, stage: 'routing' } })
            .mockResolvedValueOnce({ state: 'completed' });
        const element = await createMap();
        expect($(element, '.no-plan p').textContent).toBe(
            'No visit plan for Ada Rep yet. Plan the week to see the routes, day by day.'
        );
        await expect(element).toBeAccessible();

        jest.useFakeTimers();
        $(element, '.plan-week').click();
        await Promise.resolve();
        await Promise.resolve();
        const args = planRoutes.mock.calls[0][0];
        expect(args).toMatchObject({ modelId: MODEL_ID, repId: REP.userId, days: 5 });
        expect(args.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${args.startDate}T00:00:00Z`).getUTCDay()).toBe(1);
        expect($(element, '.planning')).not.toBeNull();

        jest.advanceTimersByTime(1500);
        await Promise.resolve();
        await Promise.resolve();
        await Promise.resolve();
        expect(getJobStatus).toHaveBeenCalledWith({ jobId: 'route-9' });
        expect($(element, '.planning').textContent).toContain('Routing (50%)');

        jest.advanceTimersByTime(1500);
        jest.useRealTimers();
        await flush();
        await flush();
        expect(getRoutes).toHaveBeenCalledTimes(2);
        expect($(element, '.planning')).toBeNull();
        expect(added(leaflet.group, 'polyline').length).toBeGreaterThanOrEqual(2);
        expect($(element, '.plan-week').label).toBe('Plan again');
    });

    it('lists the first unscheduled visits and the rest on demand; empty days say so', async () => {
        const many = plan();
        many.unscheduled = Array.from({ length: 6 }, (_, i) => ({
            accountId: `00100000000001${i}AAA`,
            accountName: `Far ${i}`,
            visits: 1,
            reason: 'no-room',
            message: 'no day had room left.'
        }));
        many.days[1].stops = [];
        getRoutes.mockResolvedValue({ status: 'planned', plan: many, canPlan: false });
        const element = await createMap({ highlightAccountId: '001000000000010AAA' });

        expect($$(element, '.unscheduled li')).toHaveLength(4);
        expect($(element, '.current').textContent).toBe(
            'This account is not scheduled: no day had room left.'
        );
        expect($$(element, '.legend-day')[2].textContent).toContain('no visits');
        const toggle = $(element, '.toggle-unscheduled');
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        toggle.click();
        await flush();
        expect($$(element, '.unscheduled li')).toHaveLength(6);
        expect(toggle.textContent.trim()).toBe('Show fewer');
        await expect(element).toBeAccessible();
    });

    it('tells a rep without the permission whom to ask', async () => {
        getRoutes.mockResolvedValue({ status: 'none', message: 'none', canPlan: false });
        const element = await createMap();
        expect($(element, '.no-plan').textContent).toContain('Ask your territory planner');
        expect($(element, '.plan-week')).toBeNull();
    });

    it('says the service is unavailable and retries', async () => {
        getRoutes
            .mockResolvedValueOnce({
                status: 'unavailable',
                message: 'The territory service cannot be reached (timeout).',
                canPlan: true
            })
            .mockResolvedValueOnce({ status: 'planned', plan: plan(), canPlan: true });
        const element = await createMap();
        expect($(element, '.unavailable').textContent).toContain('cannot be reached (timeout)');
        await expect(element).toBeAccessible();
        $(element, '.retry').click();
        await flush();
        await flush();
        expect($(element, '.unavailable')).toBeNull();
        expect(added(leaflet.group, 'polyline')).toHaveLength(2);
    });

    it('shows the error of a refused read and of a failed planning job', async () => {
        getRoutes.mockRejectedValueOnce({
            body: { message: 'You can see the visit plan of your own territory only.' }
        });
        const element = await createMap();
        expect($(element, 'c-error-panel')).not.toBeNull();

        getRoutes.mockResolvedValue({ status: 'none', canPlan: true });
        element.reps = [{ userId: '005000000000002AAA', name: 'Bo' }];
        await flush();
        await flush();
        expect($(element, 'c-error-panel')).toBeNull();
        planRoutes.mockResolvedValue({ jobId: 'route-10' });
        getJobStatus.mockResolvedValue({ state: 'failed', failedReason: 'Bo has no home' });
        jest.useFakeTimers();
        $(element, '.plan-week').click();
        await Promise.resolve();
        await Promise.resolve();
        jest.advanceTimersByTime(1500);
        jest.useRealTimers();
        await flush();
        expect($(element, 'c-error-panel').errors.message).toBe(
            'Planning the week failed: Bo has no home.'
        );
    });

    it('says so when no rep is assigned, without calling Apex', async () => {
        const element = await createMap({ reps: [] });
        expect(element.shadowRoot.textContent).toContain('No rep is assigned here');
        expect(getRoutes).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });
});
