import { formatNumber } from 'c/planMath';

/**
 * Pure helpers of the scenario planner: the settings it edits, the POST /v1/scenarios request
 * it sends, the compare view's data, and small texts (freshness, API estimate, CSV).
 */

/** Engine measure names (service contract) and the territory figure each one reads. */
export const ENGINE_MEASURES = [
    { name: 'Potential', figure: 'potential', label: 'Potential' },
    { name: 'Workload', figure: 'workload', label: 'Workload' },
    { name: 'Count', figure: 'accountCount', label: 'Account count' },
    // windshield time: the service estimates it per account (minutes of driving a month on the
    // routes through it); the current plan's stored figures do not carry it (figure null), so the
    // balance panel leaves it out and compare shows it
    { name: 'DriveTime', figure: null, label: 'Drive time (est.)' }
];

// REST sObject Collections take 200 records per call; a move is an insert plus a delete.
const RECORDS_PER_CALL = 200;
// How often the planner asks for job progress while a job runs.
export const POLL_INTERVAL_MS = 1500;
// A rough box around the contiguous US, where placeholder homes for new reps go.
const US_BOX = { south: 30, north: 47, west: -120, east: -75 };

/**
 * Where the compact ↔ fewest-changes slider starts: a fresh design (no current plan, or the
 * admin starts from scratch) is most compact; rebalancing a current plan weighs moves halfway.
 */
export const DESIGN_WEIGHTS = { scratch: 0, rebalance: 0.5 };

/** True when the plan assigns accounts to territories now (a plan to rebalance). */
export function hasCurrentPlan(plan) {
    return (
        (plan?.accounts || []).some((a) => a.territoryId) ||
        (plan?.units || []).some((u) => u.territoryId) ||
        (plan?.territories || []).some((t) => Number(t.accountCount) > 0)
    );
}

/** The settings for a design ('scratch' or 'rebalance'), the slider at that design's default. */
export function withDesign(settings, design) {
    return { ...settings, design, disruptionWeight: DESIGN_WEIGHTS[design] };
}

/**
 * The settings the planner starts with for a plan: every rep in scope with its capacity,
 * potential and workload balanced with equal weights, 5 % tolerance; the slider halfway between
 * compact and few changes when a current plan is rebalanced, most compact for a fresh design.
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
    const design = hasCurrentPlan(plan) ? 'rebalance' : 'scratch';
    return {
        name: '',
        design,
        reps,
        hires: [],
        measures: ENGINE_MEASURES.map((m) => ({
            ...m,
            enabled: m.name !== 'Count' && m.name !== 'DriveTime',
            weight: 1
        })),
        tolerance: 0.05,
        disruptionWeight: DESIGN_WEIGHTS[design],
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
    const requestSettings = scenarioSettingsOf(settings);
    if (requestSettings.balance.length === 0) {
        throw new Error('Choose at least one measure to balance.');
    }
    const name = (settings.name || '').trim();
    if (!name) {
        throw new Error('Give the scenario a name.');
    }
    const request = {
        modelId,
        name: name.slice(0, 80),
        settings: requestSettings
    };
    if (scope && (scope.parentTerritoryId || scope.segment)) {
        request.scope = {};
        if (scope.parentTerritoryId) request.scope.parentTerritoryId = scope.parentTerritoryId;
        if (scope.segment) request.scope.segment = scope.segment;
    }
    return request;
}

/** The last full calendar quarter before `now` (UTC): { from, to } as YYYY-MM-DD, `to` excluded. */
export function lastQuarter(now = new Date()) {
    const start = Math.floor(now.getUTCMonth() / 3) * 3;
    const day = (month) => {
        const d = new Date(Date.UTC(now.getUTCFullYear(), month, 1));
        return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
    };
    return { from: day(start - 3), to: day(start) };
}

/** The day before a YYYY-MM-DD date: the last day a period that ends before it includes. */
export function dayBefore(date) {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
}

/**
 * A balancing measure from market data (settings.marketMeasures of the service): `source` is
 * `{ leads: { from, to } }` (the leads created in the period, counted by ZIP code) or
 * `{ layerId }` (a layer's values per ZIP code). Enabled with weight 1; no account figure.
 */
export function marketMeasure(name, source, label) {
    const text =
        label ||
        (source.leads ? `Leads ${source.leads.from} to ${dayBefore(source.leads.to)}` : name);
    return { name, label: text, figure: null, market: source, enabled: true, weight: 1 };
}

/** The `settings` of POST /v1/scenarios for the planner's settings. */
export function scenarioSettingsOf(settings) {
    const measures = settings.measures.filter((m) => m.enabled);
    const weights = {};
    for (const m of measures) {
        weights[m.name] = Number(m.weight) > 0 ? Number(m.weight) : 1;
    }
    // Measures from market data (a layer's values per ZIP code, or the leads of a period).
    const marketMeasures = measures
        .filter((m) => m.market)
        .map((m) => ({ name: m.name, ...m.market }));
    return {
        balance: measures.map((m) => m.name),
        weights,
        ...(marketMeasures.length > 0 ? { marketMeasures } : {}),
        tolerance: settings.tolerance,
        disruptionWeight: settings.disruptionWeight,
        addReps: settings.hires.map((h) => ({
            name: h.name,
            lat: h.lat,
            lon: h.lon,
            capacity: h.capacity,
            ...(h.segment ? { segment: h.segment } : {})
        })),
        removeRepIds: settings.reps.filter((r) => r.leaving).map((r) => r.userId),
        lockedTerritoryIds: [...settings.lockedTerritoryIds],
        lockedAccountIds: [...(settings.lockedAccountIds || [])]
    };
}

// What a scenario's stored settings and the planner's settings are compared on (all but the
// slider and the seed), with the words that name each in the planner.
const COMPARED_SETTINGS = [
    ['balance', 'measures', (v) => [...(v || [])].sort()],
    ['weights', 'weights', (v) => Object.entries(v || {}).sort()],
    ['tolerance', 'tolerance', (v) => v ?? 0.05],
    ['addReps', 'new reps', (v) => (v || []).map((r) => [r.name, r.lat, r.lon, r.capacity ?? 1])],
    ['removeRepIds', 'leaving reps', (v) => [...(v || [])].sort()],
    ['lockedTerritoryIds', 'locked territories', (v) => [...(v || [])].sort()],
    ['lockedAccountIds', 'locked accounts', (v) => [...(v || [])].sort()],
    ['scope', 'scope', (v) => [v?.parentTerritoryId || '', v?.segment || '']]
];

/**
 * The settings in which a generated scenario differs from the planner's (the slider aside), in
 * the planner's words: empty when its figures are those of the current settings.
 */
export function settingsDifferences(stored, current) {
    return COMPARED_SETTINGS.filter(
        ([key, , norm]) =>
            JSON.stringify(norm(stored?.[key])) !== JSON.stringify(norm(current?.[key]))
    ).map(([, label]) => label);
}

function costTexts(point) {
    return {
        travelText: `${formatNumber(point.travelKm, { maximumFractionDigits: 0 })} km`,
        movedText: `${formatNumber(point.accountsMoved)} moved`,
        deviationText: `${formatNumber(point.maxDeviation * 100, { maximumFractionDigits: 1 })} % max dev.`
    };
}

/**
 * What the trade-off slider shows: for the chosen point and both ends, travel, accounts moved
 * against the current plan and max deviation, only from plans the service generated (GET
 * /v1/scenarios/:id/trade-off); what is not generated yet says so.
 * @param answer the service's answer, or undefined when no scenario was generated
 * @param settings the planner's settings; scope the planner's scope
 * @param options { busy: a job runs, unavailable: the service cannot be reached }
 */
export function tradeOffView(answer, settings, scope, options = {}) {
    const weight = Math.round((settings?.disruptionWeight ?? 0.5) * 100);
    if (!answer || !answer.point) {
        return {
            empty: true,
            text: options.unavailable
                ? 'The territory service cannot be reached: what each end costs cannot be read.'
                : 'Generate a scenario to see what this point costs in travel and moves; both ends can then be computed from it.'
        };
    }
    const point = answer.point;
    const pointWeight = Math.round(point.disruptionWeight * 100);
    const ends = answer.ends;
    const job = answer.job;
    const running = !!job && !['completed', 'failed'].includes(job.state);
    const missing = running ? 'Being computed…' : 'Not computed yet: compute both ends to see it.';
    const end = (key, label, value, figures) => ({
        key,
        label: `${label} (${value})`,
        computed: !!figures,
        ...(figures ? costTexts(figures) : { missingText: missing })
    });
    const chosen =
        pointWeight === weight
            ? { key: 'point', label: `Your point (${weight})`, computed: true, ...costTexts(point) }
            : {
                  key: 'point',
                  label: `Your point (${weight})`,
                  computed: false,
                  missingText: `Not generated at ${weight} yet ("${answer.name}" was generated at ${pointWeight}): generate to see it.`
              };
    const stored = { ...(answer.settings || {}) };
    const current = { ...scenarioSettingsOf(settings), scope: scopeOf(scope) };
    const differences = settingsDifferences(stored, current);
    return {
        empty: false,
        source: `From "${answer.name}", generated at ${pointWeight}; moves are counted against the current plan.`,
        note:
            differences.length > 0
                ? `"${answer.name}" was generated with other ${differences.join(', ')} than set here: generate again to see the costs of these settings.`
                : '',
        rows: [
            end('compact', 'Most compact', 0, ends?.compact),
            chosen,
            end('fewest', 'Fewest changes', 100, ends?.fewestChanges)
        ],
        currentText: ends
            ? `Current plan on the same data: ${formatNumber(ends.current.travelKm, { maximumFractionDigits: 0 })} km, ${formatNumber(ends.current.maxDeviation * 100, { maximumFractionDigits: 1 })} % max dev.`
            : '',
        canCompute: !running && !options.busy && !options.unavailable,
        computeLabel: ends ? 'Compute the ends again' : 'Compute both ends',
        failedText:
            job?.state === 'failed'
                ? `Computing the ends failed: ${job.failedReason || 'no reason given'}.`
                : ''
    };
}

function scopeOf(scope) {
    if (!scope || (!scope.parentTerritoryId && !scope.segment)) return undefined;
    const out = {};
    if (scope.parentTerritoryId) out.parentTerritoryId = scope.parentTerritoryId;
    if (scope.segment) out.segment = scope.segment;
    return out;
}

/**
 * "1 territory", "2 territories": a count with the word in the number it needs (the count in
 * the user's locale).
 */
export function plural(count, one, many) {
    const n = Number(count) || 0;
    return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/**
 * The planner's settings as a scenario stored them (its `settings`, from the service): the
 * measures, weights, tolerance, slider, new reps, leaving reps and locks it was generated with,
 * over `base` (the settings of the plan as loaded). Reps the scenario removed are marked leaving;
 * settings it does not name keep their `base` value.
 */
export function settingsFromScenario(stored, base) {
    if (!stored || typeof stored !== 'object') return base;
    const next = { ...base };
    if (Array.isArray(stored.balance) && stored.balance.length > 0) {
        const weights = stored.weights || {};
        const market = (stored.marketMeasures || [])
            .filter((m) => m && !base.measures.some((b) => b.name === m.name))
            .map(({ name, ...source }) => marketMeasure(name, source));
        next.measures = [...base.measures, ...market].map((m) => ({
            ...m,
            enabled: stored.balance.includes(m.name),
            weight: Number(weights[m.name]) > 0 ? Number(weights[m.name]) : m.weight
        }));
    }
    if (Number.isFinite(stored.tolerance)) next.tolerance = stored.tolerance;
    if (Number.isFinite(stored.disruptionWeight)) {
        next.disruptionWeight = stored.disruptionWeight;
    }
    if (Array.isArray(stored.lockedTerritoryIds)) {
        next.lockedTerritoryIds = [...stored.lockedTerritoryIds];
    }
    if (Array.isArray(stored.lockedAccountIds)) {
        next.lockedAccountIds = [...stored.lockedAccountIds];
    }
    return next;
}

/**
 * The moved-accounts table of compare: rows filtered by territory (from or to), reason and text,
 * sorted by a column, one page of them.
 * @param {object[]} rows { key, account, from, to, fromId, toId, why, reason }
 * @param {object} query { territoryId, reason, text, sortBy ('account'|'from'|'to'|'why'),
 *     sortDirection ('asc'|'desc'), page (1-based), pageSize }
 * @returns {{rows:object[], total:number, page:number, pages:number}} total: rows that match
 */
export function movedPage(rows, query = {}) {
    const text = (query.text || '').trim().toLowerCase();
    const matching = (rows || []).filter(
        (row) =>
            (!query.territoryId ||
                row.fromId === query.territoryId ||
                row.toId === query.territoryId) &&
            (!query.reason || row.reason === query.reason) &&
            (!text ||
                [row.account, row.from, row.to, row.why].some((v) =>
                    String(v || '')
                        .toLowerCase()
                        .includes(text)
                ))
    );
    const by = query.sortBy || 'account';
    const sign = query.sortDirection === 'desc' ? -1 : 1;
    const sorted = [...matching].sort(
        (a, b) =>
            sign * String(a[by] ?? '').localeCompare(String(b[by] ?? '')) ||
            String(a.key).localeCompare(String(b.key))
    );
    const pageSize = Math.max(1, query.pageSize || 25);
    const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
    const page = Math.min(Math.max(1, query.page || 1), pages);
    return {
        rows: sorted.slice((page - 1) * pageSize, page * pageSize),
        total: sorted.length,
        page,
        pages
    };
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
        'most compact end': 'Generating the most compact end',
        'fewest changes end': 'Generating the fewest-changes end',
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

/**
 * The map's postal units (c/territoryAreas unitsFromPayload) as a plan of a comparison places them:
 * `assignment` (the compare answer's unitAssignments.a or .b: unit key → territory) gives each
 * unit its territory; units it does not name are left out rather than drawn in a territory they
 * may not be in. Whether a unit's accounts are split is not known per plan: none is flagged.
 * @param {object[]} units
 * @param {Object<string, string>} [assignment]
 * @returns {object[]}
 */
export function unitsOfPlan(units, assignment) {
    if (!assignment) {
        return [];
    }
    return (units || [])
        .filter((u) => Object.prototype.hasOwnProperty.call(assignment, u.key))
        .map((u) => ({ ...u, territoryId: assignment[u.key], elsewhereCount: 0, split: false }));
}

function measureLabel(name) {
    return ENGINE_MEASURES.find((m) => m.name === name)?.label.toLowerCase() || name;
}

/**
 * Why an account moved, in words, from the reason the service gives for it (GET
 * /v1/scenarios/compare: movedAccounts.items[].reason). `names` maps territory ids to names;
 * `repLeft` names the rep who left the account's territory, when known.
 */
export function moveReasonText(move, names = new Map(), repLeft) {
    const reason = move?.reason;
    const from = names.get(move?.from) || move?.from;
    const to = names.get(move?.to) || move?.to;
    const percent = (v) =>
        `${formatNumber(v * 100, { maximumFractionDigits: 0, signDisplay: 'exceptZero' })} %`;
    const withUnit =
        reason?.unitAccounts > 1
            ? `; moved with its postal unit ${reason.postalCode} (${formatNumber(reason.unitAccounts)} accounts)`
            : '';
    switch (reason?.code) {
        case 'unassigned':
            return 'was unassigned';
        case 'rep-left':
            return repLeft ? `rep left (${repLeft})` : 'rep left';
        case 'locked':
            return `locked to ${to}`;
        case 'new-rep':
            return 'to a new rep';
        case 'named':
            return 'named account, placed on its own';
        case 'unit':
            return `contiguity: its postal unit ${reason.postalCode} was split and now lies whole in ${to}`;
        case 'over-target':
            return `${from} over target on ${measureLabel(reason.measure)} (${percent(reason.deviation)})${withUnit}`;
        case 'under-target':
            return `${to} under target on ${measureLabel(reason.measure)} (${percent(reason.deviation)})${withUnit}`;
        case 'closer':
            return `closer to its new rep's home (${formatNumber(reason.toKm)} km instead of ${formatNumber(reason.fromKm)} km)${withUnit}`;
        case 'rebalancing':
            return `rebalancing${withUnit}`;
        default:
            return '';
    }
}

// A spreadsheet reads a cell that starts with one of these as a formula (also in their
// full-width forms): CSV injection, OWASP.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A text cell: a leading formula character is neutralised with a single quote (OWASP CSV
 * injection), and a cell holding a quote, comma, CR or LF is quoted.
 */
function csvText(value) {
    let text = value === null || value === undefined ? '' : String(value);
    if (FORMULA_START.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A number cell: a finite number stays a number (a negative figure is a value, not a formula);
 * anything else in a number column is written as text.
 */
function csvNumber(value) {
    // Sums of currency carry float noise (105069937.36000003): two decimals, as money is written.
    return typeof value === 'number' && Number.isFinite(value)
        ? String(Math.round(value * 100) / 100)
        : csvText(value);
}

/**
 * The per-rep change report as CSV, for rollout. Territory and rep names and the header (measure
 * names come from the settings) are text cells, neutralised against formulas; the counts and
 * measures are number cells, kept numeric.
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
    const lines = [header.map(csvText).join(',')];
    for (const change of repChanges || []) {
        lines.push(
            [
                csvText(change.territoryName),
                csvText(change.repName || ''),
                ...[
                    change.accountsBefore,
                    change.accountsAfter,
                    change.gained,
                    change.lost,
                    ...measures.flatMap((m) => [change.before?.[m] ?? 0, change.after?.[m] ?? 0])
                ].map(csvNumber)
            ].join(',')
        );
    }
    return `${lines.join('\n')}\n`;
}

/** Today in the user's time zone, YYYY-MM-DD (a date input's value format). */
export function localDay(now = new Date()) {
    const pad = (n) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * One rep's "what changes for me" as CSV: a row per account gained or lost (direction, account,
 * the territory it comes from or goes to, potential, workload), then the rep's figures before and
 * after. Names are text cells, neutralised against formulas; figures are number cells, rounded.
 */
export function rolloutCsv(rep, labels = {}) {
    const t = {
        direction: 'Direction',
        account: 'Account',
        accountId: 'Account Id',
        otherTerritory: 'From / to territory',
        potential: 'Potential',
        workload: 'Workload',
        gained: 'Gained',
        lost: 'Lost',
        figure: 'Figure',
        before: 'Before',
        after: 'After',
        accounts: 'Accounts',
        travel: 'Travel (km)',
        ...labels
    };
    const lines = [
        [t.direction, t.account, t.accountId, t.otherTerritory, t.potential, t.workload]
            .map(csvText)
            .join(',')
    ];
    const accountRow = (direction, a) =>
        [
            csvText(direction),
            csvText(a.name || ''),
            csvText(a.accountId),
            csvText(a.otherTerritoryName || ''),
            csvNumber(a.potential),
            csvNumber(a.workload)
        ].join(',');
    for (const a of rep?.gainedAccounts || []) lines.push(accountRow(t.gained, a));
    for (const a of rep?.lostAccounts || []) lines.push(accountRow(t.lost, a));
    lines.push('');
    lines.push([t.figure, t.before, t.after].map(csvText).join(','));
    const figure = (label, before, after) =>
        lines.push([csvText(label), csvNumber(before), csvNumber(after)].join(','));
    figure(t.accounts, rep?.accountsBefore, rep?.accountsAfter);
    figure(t.potential, rep?.before?.Potential, rep?.after?.Potential);
    figure(t.workload, rep?.before?.Workload, rep?.after?.Workload);
    figure(t.travel, rep?.travelKmBefore, rep?.travelKmAfter);
    return `${lines.join('\n')}\n`;
}
