import { formatNumber } from 'c/planMath';

/**
 * Pure helpers of the scenario planner: the settings it edits, the POST /v1/scenarios request
 * it sends, the compare view's data, and small texts (freshness, API estimate, CSV).
 */

/** Engine measure names (service contract) and the territory figure each one reads. */
export const ENGINE_MEASURES = [
    { name: 'Potential', figure: 'potential', label: 'Potential' },
    { name: 'Workload', figure: 'workload', label: 'Workload' },
    { name: 'Count', figure: 'accountCount', label: 'Account count' }
];

// REST sObject Collections take 200 records per call; a move is an insert plus a delete.
const RECORDS_PER_CALL = 200;
// How often the planner asks for job progress while a job runs.
export const POLL_INTERVAL_MS = 1500;
// A rough box around the contiguous US, where placeholder homes for new reps go.
const US_BOX = { south: 30, north: 47, west: -120, east: -75 };

/**
 * The settings the planner starts with for a plan: every rep in scope with its capacity,
 * potential and workload balanced with equal weights, 5 % tolerance, halfway compact/changes.
 */
export function defaultSettings(plan) {
    const reps = [];
    for (const territory of plan?.territories || []) {
        for (const rep of territory.reps || []) {
            reps.push({
                key: `${territory.id}:${rep.userId}`,
                userId: rep.userId,
                name: rep.name,
                territoryId: territory.id,
                territoryName: territory.name,
                capacity: Number.isFinite(rep.capacity) ? rep.capacity : 1,
                leaving: rep.isActive === false
            });
        }
    }
    return {
        name: '',
        reps,
        hires: [],
        measures: ENGINE_MEASURES.map((m) => ({
            ...m,
            enabled: m.name !== 'Count',
            weight: 1
        })),
        tolerance: 0.05,
        disruptionWeight: 0.5,
        lockedTerritoryIds: [],
        lockedAccountIds: []
    };
}

/**
 * Places n new reps: at the centres of the most overloaded territories first (where help is
 * needed), then spread over the map.
 */
export function placeHires(plan, n, existing = 0) {
    const byTerritory = new Map();
    for (const account of plan?.accounts || []) {
        if (!Number.isFinite(account.latitude) || !Number.isFinite(account.longitude)) continue;
        const entry = byTerritory.get(account.territoryId) || { lat: 0, lon: 0, n: 0, load: 0 };
        entry.lat += account.latitude;
        entry.lon += account.longitude;
        entry.n += 1;
        entry.load += Number(account.potential) || 0;
        byTerritory.set(account.territoryId, entry);
    }
    const centres = [...byTerritory.values()]
        .sort((a, b) => b.load - a.load)
        .map((e) => ({ lat: e.lat / e.n, lon: e.lon / e.n }));
    const hires = [];
    for (let i = 0; i < n; i++) {
        const index = existing + i;
        const centre = centres[index] || {
            lat: US_BOX.south + ((index * 0.37) % 1) * (US_BOX.north - US_BOX.south),
            lon: US_BOX.west + ((index * 0.61) % 1) * (US_BOX.east - US_BOX.west)
        };
        hires.push({
            key: `hire-${index + 1}`,
            name: `New rep ${index + 1}`,
            lat: Math.round(centre.lat * 1e4) / 1e4,
            lon: Math.round(centre.lon * 1e4) / 1e4,
            capacity: 1
        });
    }
    return hires;
}

/**
 * The body of POST /v1/scenarios (ARCHITECTURE.md) from the planner settings.
 * @throws {Error} with a message that says what to fix
 */
export function buildScenarioRequest(modelId, scope, settings) {
    const measures = settings.measures.filter((m) => m.enabled);
    if (measures.length === 0) {
        throw new Error('Choose at least one measure to balance.');
    }
    const name = (settings.name || '').trim();
    if (!name) {
        throw new Error('Give the scenario a name.');
    }
    const weights = {};
    for (const m of measures) {
        weights[m.name] = Number(m.weight) > 0 ? Number(m.weight) : 1;
    }
    const request = {
        modelId,
        name: name.slice(0, 80),
        settings: {
            balance: measures.map((m) => m.name),
            weights,
            tolerance: settings.tolerance,
            disruptionWeight: settings.disruptionWeight,
            addReps: settings.hires.map((h) => ({
                name: h.name,
                lat: h.lat,
                lon: h.lon,
                capacity: h.capacity
            })),
            removeRepIds: settings.reps.filter((r) => r.leaving).map((r) => r.userId),
            lockedTerritoryIds: [...settings.lockedTerritoryIds],
            lockedAccountIds: [...(settings.lockedAccountIds || [])]
        }
    };
    if (scope && (scope.parentTerritoryId || scope.segment)) {
        request.scope = {};
        if (scope.parentTerritoryId) request.scope.parentTerritoryId = scope.parentTerritoryId;
        if (scope.segment) request.scope.segment = scope.segment;
    }
    return request;
}

/** "about N API calls" for writing `moved` account moves (insert + delete per move). */
export function estimateApiCalls(moved) {
    const n = Number(moved) || 0;
    return n === 0 ? 0 : 2 * Math.ceil(n / RECORDS_PER_CALL);
}

/** "pulled 3 min ago" for a timestamp, relative to now. */
export function freshnessText(readAt, now = Date.now()) {
    if (!readAt) return 'not pulled yet';
    const seconds = Math.max(0, Math.round((now - new Date(readAt).getTime()) / 1000));
    if (seconds < 60) return 'pulled just now';
    const minutes = Math.round(seconds / 60);
    if (minutes < 60) return `pulled ${minutes} min ago`;
    return `pulled ${formatNumber(Math.round(minutes / 60))} h ago`;
}

/** Human stage names of the generate and apply jobs. */
export function stageLabel(stage) {
    const labels = {
        queued: 'Waiting in the queue',
        pulling: 'Pulling accounts and reps',
        balancing: 'Balancing territories',
        measuring: 'Measuring the plan',
        saving: 'Saving the scenario',
        writing: 'Writing assignments',
        applying: 'Writing assignments'
    };
    return labels[stage] || (stage ? stage.charAt(0).toUpperCase() + stage.slice(1) : 'Working');
}

/**
 * A readable name for a territory of a comparison: the service keys territories of new reps
 * `new-1`, `new-2`… (in the order of settings.addReps) and names them so too.
 */
export function territoryLabel(id, name) {
    const match = /^new-(\d+)$/.exec(id || '');
    if (match && (!name || name === id)) {
        return `New rep ${match[1]}`;
    }
    return name || id;
}

/**
 * The territory map of scenario `b` (or `a`) in a comparison: the current plan's accounts with
 * the moved ones reassigned, plus territories the scenario adds (new reps).
 */
export function applyMoves(plan, moves, repChanges = []) {
    const target = new Map((moves || []).map((m) => [m.accountId, m.to]));
    const accounts = (plan?.accounts || []).map((a) => {
        return target.has(a.id) ? { ...a, territoryId: target.get(a.id) } : a;
    });
    const known = new Set((plan?.territories || []).map((t) => t.id));
    const territories = [...(plan?.territories || [])];
    for (const change of repChanges) {
        if (!known.has(change.territoryId)) {
            known.add(change.territoryId);
            territories.push({
                id: change.territoryId,
                name: territoryLabel(change.territoryId, change.territoryName),
                reps: change.repName ? [{ name: change.repName }] : []
            });
        }
    }
    return { accounts, territories };
}

function escapeCsv(value) {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The per-rep change report as CSV, for rollout.
 */
export function changeReportCsv(repChanges, measures) {
    const header = [
        'Territory',
        'Rep',
        'Accounts before',
        'Accounts after',
        'Gained',
        'Lost',
        ...measures.flatMap((m) => [`${m} before`, `${m} after`])
    ];
    const lines = [header.map(escapeCsv).join(',')];
    for (const change of repChanges || []) {
        lines.push(
            [
                change.territoryName,
                change.repName || '',
                change.accountsBefore,
                change.accountsAfter,
                change.gained,
                change.lost,
                ...measures.flatMap((m) => [change.before?.[m] ?? 0, change.after?.[m] ?? 0])
            ]
                .map(escapeCsv)
                .join(',')
        );
    }
    return `${lines.join('\n')}\n`;
}
