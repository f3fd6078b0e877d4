/**
 * `connectSalesforce(config)` and the SalesforceGateway: pulls for the planner, assignment deltas
 * written to ObjectTerritory2Association (insert the new row before deleting the old one, so no
 * account is ever without a territory; idempotent because the delta is computed from the org's
 * current state), territory creation, scenario storage and API usage.
 */
import { SalesforceClient, type Row } from './client.js';
import { SalesforceInputError } from './errors.js';
import { ScenarioStore } from './scenarios.js';
import {
    DEFAULT_ACCOUNT_FIELD_MAP,
    DEFAULT_REP_FIELD_MAP,
    type AccountFieldMap,
    type ApiUsage,
    type ApplyOptions,
    type ApplyResult,
    type AssignmentTarget,
    type CreatedTerritory,
    type FailedAssignment,
    type NewTerritoryInput,
    type OpportunityAggregate,
    type OrgLimits,
    type PullAccountsOptions,
    type PulledAccount,
    type PulledAssociation,
    type PulledRep,
    type PulledTerritory,
    type SalesforceConfig,
    type ScenarioAssignment,
    type ScenarioInput,
    type ScenarioPatch,
    type ScenarioRecord,
    type TerritoryModel
} from './types.js';

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
const SF_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
/** Rows of one REST query page: an aggregate result must fit in it (no queryMore). */
const AGGREGATE_PAGE = 2000;

/** Quotes a value for a SOQL string literal. */
export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function soqlId(id: string, what: string): string {
    if (!SF_ID.test(id))
        throw new SalesforceInputError(
            `${what} '${id}' is not a Salesforce id (15 or 18 letters and digits).`
        );
    return `'${id}'`;
}

function checkField(name: string, where: string): string {
    if (!FIELD_NAME.test(name)) {
        throw new SalesforceInputError(
            `${where}: '${name}' is not a field API name (letters, digits, underscores, dots).`
        );
    }
    return name;
}

const num = (v: unknown): number | null => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : null;
};
const str = (v: unknown): string | null =>
    v === null || v === undefined || v === '' ? null : String(v);
const bool = (v: unknown): boolean => v === true || v === 'true';

/** Compares ids by their case-sensitive 15-character form. */
const id15 = (id: string): string => id.slice(0, 15);

export class SalesforceGateway {
    readonly config: SalesforceConfig;
    readonly client: SalesforceClient;
    private readonly scenarios: ScenarioStore;
    private readonly accountFields: AccountFieldMap;

    constructor(config: SalesforceConfig) {
        this.config = config;
        this.client = new SalesforceClient(config);
        this.scenarios = new ScenarioStore(this.client);
        this.accountFields = config.accountFields ?? DEFAULT_ACCOUNT_FIELD_MAP;
    }

    /** The jsforce connection (authenticated). */
    get connection(): SalesforceClient['conn'] {
        return this.client.conn;
    }

    /** Cheap authenticated call (GET /limits). */
    async ping(): Promise<void> {
        await this.limits();
    }

    async limits(): Promise<OrgLimits> {
        const raw = await this.client.call(() =>
            this.client.request<OrgLimits['raw']>('GET', '/limits')
        );
        const daily = raw.DailyApiRequests ?? { Max: 0, Remaining: 0 };
        return { dailyApiRequests: { max: daily.Max, remaining: daily.Remaining }, raw };
    }

    apiUsage(): ApiUsage {
        return this.client.usage();
    }

    async pullModels(): Promise<TerritoryModel[]> {
        const rows = await this.client.queryRest(
            'SELECT Id, Name, DeveloperName, State, ActivatedDate FROM Territory2Model ORDER BY Name'
        );
        return rows.map((r) => ({
            id: String(r.Id),
            name: String(r.Name),
            developerName: String(r.DeveloperName),
            state: String(r.State),
            activatedDate: str(r.ActivatedDate)
        }));
    }

    /** Id of the Active model (only one can be Active). */
    async activeModelId(): Promise<string> {
        const active = (await this.pullModels()).find((m) => m.state === 'Active');
        if (!active)
            throw new SalesforceInputError(
                'The org has no Active territory model; activate one in Setup > Territory Models.'
            );
        return active.id;
    }

    async pullAccounts(options: PullAccountsOptions = {}): Promise<PulledAccount[]> {
        const map = options.fieldMap ?? this.accountFields;
        const where = 'Account field map';
        const fields = new Set(['Id', 'OwnerId']);
        fields.add(checkField(map.latitude, where));
        fields.add(checkField(map.longitude, where));
        for (const f of Object.values(map.measures)) fields.add(checkField(f, where));
        for (const f of [
            map.segment,
            map.locked,
            map.named,
            map.excluded,
            map.postalCode,
            map.name ?? 'Name',
            map.type
        ])
            if (f) fields.add(checkField(f, where));
        const conditions: string[] = [];
        if (options.scope?.segment !== undefined) {
            if (!map.segment)
                throw new SalesforceInputError(
                    'scope.segment needs fieldMap.segment (the Account field that holds the segment).'
                );
            conditions.push(`${map.segment} = ${soqlString(options.scope.segment)}`);
        }
        const whereClause = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
        const expected = await this.client.count(`SELECT COUNT() FROM Account${whereClause}`);
        const rows = await this.client.read(
            `SELECT ${[...fields].join(', ')} FROM Account${whereClause}`,
            expected
        );

        let territoriesOf: Map<string, string[]> | undefined;
        let allowed: Set<string> | undefined;
        if (options.modelId) {
            territoriesOf = new Map();
            for (const a of await this.pullAssociations(options.modelId)) {
                const list = territoriesOf.get(id15(a.accountId));
                if (list) list.push(a.territoryId);
                else territoriesOf.set(id15(a.accountId), [a.territoryId]);
            }
            const scope = options.scope;
            if (scope?.parentTerritoryId || scope?.territoryIds) {
                const territories = await this.pullTerritories(options.modelId);
                allowed = new Set((scope.territoryIds ?? []).map(id15));
                if (scope.parentTerritoryId) {
                    const root = id15(scope.parentTerritoryId);
                    const children = new Map<string, string[]>();
                    for (const t of territories) {
                        if (!t.parentId) continue;
                        const k = id15(t.parentId);
                        children.set(k, [...(children.get(k) ?? []), id15(t.id)]);
                    }
                    const stack = [root];
                    while (stack.length) {
                        const t = stack.pop()!;
                        if (allowed.has(t) && t !== root) continue;
                        allowed.add(t);
                        stack.push(...(children.get(t) ?? []));
                    }
                }
            }
        } else if (options.scope?.parentTerritoryId || options.scope?.territoryIds) {
            throw new SalesforceInputError('A territory scope needs modelId.');
        }
        const out: PulledAccount[] = [];
        for (const r of rows) {
            const id = String(r.Id);
            const territoryIds = territoriesOf?.get(id15(id)) ?? [];
            if (allowed && !territoryIds.some((t) => allowed.has(id15(t)))) continue;
            const measures: Record<string, number> = {};
            for (const [m, f] of Object.entries(map.measures)) measures[m] = num(r[f]) ?? 0;
            out.push({
                id,
                name: str(r[map.name ?? 'Name']) ?? id,
                lat: num(r[map.latitude]),
                lon: num(r[map.longitude]),
                postalCode: map.postalCode ? str(r[map.postalCode]) : null,
                measures,
                segment: map.segment ? str(r[map.segment]) : null,
                locked: map.locked ? bool(r[map.locked]) : false,
                named: map.named ? bool(r[map.named]) : false,
                excluded: map.excluded ? bool(r[map.excluded]) : false,
                type: map.type ? str(r[map.type]) : null,
                ownerId: str(r.OwnerId),
                territoryId: territoryIds[0] ?? null,
                territoryIds
            });
        }
        return out;
    }

    async pullReps(): Promise<PulledRep[]> {
        const map = this.config.repFields ?? DEFAULT_REP_FIELD_MAP;
        const extra = [map.homeLatitude, map.homeLongitude, map.capacity, map.segment]
            .filter((f): f is string => !!f)
            .map((f) => checkField(f, 'Rep field map'));
        const rows = await this.client.queryRest(
            `SELECT Id, Name, Username, IsActive, ${extra.join(', ')} FROM User ORDER BY Name`
        );
        return rows.map((r) => ({
            id: String(r.Id),
            name: String(r.Name),
            username: String(r.Username),
            isActive: bool(r.IsActive),
            lat: num(r[map.homeLatitude]),
            lon: num(r[map.homeLongitude]),
            capacity: (map.capacity ? num(r[map.capacity]) : null) ?? 1,
            segment: map.segment ? str(r[map.segment]) : null
        }));
    }

    async pullTerritories(modelId: string): Promise<PulledTerritory[]> {
        const model = soqlId(modelId, 'modelId');
        const territories = await this.client.queryRest(
            `SELECT Id, Name, DeveloperName, ParentTerritory2Id, Territory2TypeId FROM Territory2 WHERE Territory2ModelId = ${model} ORDER BY Name`
        );
        const users = await this.client.queryRest(
            `SELECT Id, UserId, Territory2Id, RoleInTerritory2, User.Name, User.IsActive FROM UserTerritory2Association WHERE Territory2.Territory2ModelId = ${model}`
        );
        const byTerritory = new Map<string, PulledTerritory['users']>();
        for (const u of users) {
            const k = id15(String(u.Territory2Id));
            const list = byTerritory.get(k) ?? [];
            list.push({
                associationId: String(u.Id),
                userId: String(u.UserId),
                userName: str(u['User.Name']),
                userIsActive: bool(u['User.IsActive']),
                role: str(u.RoleInTerritory2)
            });
            byTerritory.set(k, list);
        }
        return territories.map((t) => ({
            id: String(t.Id),
            name: String(t.Name),
            developerName: String(t.DeveloperName),
            parentId: str(t.ParentTerritory2Id),
            typeId: String(t.Territory2TypeId),
            users: byTerritory.get(id15(String(t.Id))) ?? []
        }));
    }

    async pullAssociations(modelId: string, signal?: AbortSignal): Promise<PulledAssociation[]> {
        const where = `WHERE Territory2.Territory2ModelId = ${soqlId(modelId, 'modelId')} AND SobjectType = 'Account'`;
        const expected = await this.client.count(
            `SELECT COUNT() FROM ObjectTerritory2Association ${where}`,
            signal
        );
        const rows = await this.client.read(
            `SELECT Id, ObjectId, Territory2Id, AssociationCause FROM ObjectTerritory2Association ${where}`,
            expected,
            signal
        );
        return rows.map((r) => ({
            id: String(r.Id),
            accountId: String(r.ObjectId),
            territoryId: String(r.Territory2Id),
            cause: String(r.AssociationCause)
        }));
    }

    /**
     * Opportunity figures per account. One REST aggregate (GROUP BY) query when the rows fit one
     * page (aggregate queries do not support queryMore); otherwise the raw rows are read (REST or,
     * above the bulk threshold, Bulk API 2.0, which has no aggregates) and summed here.
     * `closedSince` (YYYY-MM-DD) keeps only opportunities closed on or after that date.
     */
    async pullOpportunityAggregates(
        options: { closedSince?: string } = {}
    ): Promise<OpportunityAggregate[]> {
        let where = 'WHERE AccountId != null';
        if (options.closedSince !== undefined) {
            if (!/^\d{4}-\d{2}-\d{2}$/.test(options.closedSince))
                throw new SalesforceInputError(
                    `closedSince must be a date YYYY-MM-DD, got '${options.closedSince}'`
                );
            where += ` AND IsClosed = true AND CloseDate >= ${options.closedSince}`;
        }
        const expected = await this.client.count(`SELECT COUNT() FROM Opportunity ${where}`);
        const byAccount = new Map<string, OpportunityAggregate>();
        const add = (
            accountId: string,
            isWon: boolean,
            isClosed: boolean,
            count: number,
            amount: number
        ): void => {
            let a = byAccount.get(accountId);
            if (!a)
                byAccount.set(
                    accountId,
                    (a = {
                        accountId,
                        count: 0,
                        amount: 0,
                        openCount: 0,
                        openAmount: 0,
                        wonCount: 0,
                        wonAmount: 0
                    })
                );
            a.count += count;
            a.amount += amount;
            if (!isClosed) {
                a.openCount += count;
                a.openAmount += amount;
            }
            if (isWon) {
                a.wonCount += count;
                a.wonAmount += amount;
            }
        };
        const raw = `SELECT AccountId, Amount, IsWon, IsClosed FROM Opportunity ${where}`;
        if (expected <= AGGREGATE_PAGE) {
            // Few enough rows that the groups fit one page: aggregate queries have no queryMore.
            const rows = await this.client.queryRest(
                `SELECT AccountId, IsWon, IsClosed, COUNT(Id) n, SUM(Amount) amount FROM Opportunity ${where} GROUP BY AccountId, IsWon, IsClosed`
            );
            for (const r of rows) {
                add(
                    String(r.AccountId),
                    bool(r.IsWon),
                    bool(r.IsClosed),
                    num(r.n) ?? 0,
                    num(r.amount) ?? 0
                );
            }
        } else {
            const rows = await this.client.read(raw, expected);
            for (const r of rows) {
                add(String(r.AccountId), bool(r.IsWon), bool(r.IsClosed), 1, num(r.Amount) ?? 0);
            }
        }
        return [...byAccount.values()];
    }

    /**
     * Writes the target plan as a delta. For every target pair missing in the org, inserts an
     * ObjectTerritory2Association (Territory2Manual) first; only once the new row is confirmed are
     * the account's other associations in this model deleted. A failed insert leaves the account
     * where it was. Re-running after any failure finishes the job (the delta is recomputed from
     * the org), and a failed insert whose pair now exists counts as done, whatever its error code.
     */
    async applyAssignments(
        modelId: string,
        target: Iterable<AssignmentTarget> | ReadonlyMap<string, string>,
        options: ApplyOptions = {}
    ): Promise<ApplyResult> {
        const { signal, onProgress } = options;
        const callsBefore = this.client.usage().calls;
        const wanted = new Map<string, AssignmentTarget>();
        if (target instanceof Map) {
            for (const [accountId, territoryId] of target as ReadonlyMap<string, string>)
                wanted.set(id15(accountId), { accountId, territoryId });
        } else {
            for (const t of target as Iterable<AssignmentTarget>) wanted.set(id15(t.accountId), t);
        }
        const territories = await this.pullTerritories(modelId);
        const known = new Set(territories.map((t) => id15(t.id)));
        const unknown = [...wanted.values()].filter((t) => !known.has(id15(t.territoryId)));
        if (unknown.length > 0) {
            const sample = unknown.slice(0, 3).map((t) => `${t.accountId} → ${t.territoryId}`);
            throw new SalesforceInputError(
                `${unknown.length} target territories are not in model ${modelId} (e.g. ${sample.join(', ')}); create them first with createTerritories().`
            );
        }
        signal?.throwIfAborted();
        const current = await this.pullAssociations(modelId, signal);
        const byAccount = new Map<string, PulledAssociation[]>();
        for (const a of current) {
            const k = id15(a.accountId);
            const list = byAccount.get(k);
            if (list) list.push(a);
            else byAccount.set(k, [a]);
        }
        const inserts: AssignmentTarget[] = [];
        let unchanged = 0;
        for (const [k, t] of wanted) {
            const existing = byAccount.get(k) ?? [];
            if (existing.some((a) => id15(a.territoryId) === id15(t.territoryId))) {
                if (existing.length === 1) unchanged++;
            } else inserts.push(t);
        }
        const plannedDeletes = (): number => {
            let n = 0;
            for (const [k, t] of wanted)
                n += (byAccount.get(k) ?? []).filter(
                    (a) => id15(a.territoryId) !== id15(t.territoryId)
                ).length;
            return n;
        };
        let total = inserts.length + plannedDeletes();
        onProgress?.({ stage: 'plan', done: 0, total });
        const mode =
            Math.max(inserts.length, total - inserts.length) > this.client.bulkThreshold
                ? 'bulk'
                : 'rest';

        // 1. Insert the new associations.
        const failed: FailedAssignment[] = [];
        const confirmed = new Set<string>();
        const insertOutcomes = await this.client.dml(
            'insert',
            'ObjectTerritory2Association',
            inserts.map((t) => ({
                ObjectId: t.accountId,
                Territory2Id: t.territoryId,
                AssociationCause: 'Territory2Manual'
            })),
            {
                ...(signal ? { signal } : {}),
                onBatch: (done) => onProgress?.({ stage: 'insert', done, total })
            }
        );
        const doubtful: AssignmentTarget[] = [];
        insertOutcomes.forEach((o, i) => {
            const t = inserts[i]!;
            if (o.ok) confirmed.add(id15(t.accountId));
            else doubtful.push(t);
        });
        // A failed insert may be a duplicate (any error code): check the org before giving up.
        if (doubtful.length > 0) {
            const present = await this.existingPairs(doubtful, signal);
            insertOutcomes.forEach((o, i) => {
                const t = inserts[i]!;
                if (o.ok) return;
                if (present.has(`${id15(t.accountId)}|${id15(t.territoryId)}`))
                    confirmed.add(id15(t.accountId));
                else
                    failed.push({
                        accountId: t.accountId,
                        territoryId: t.territoryId,
                        stage: 'insert',
                        errorCode: o.errorCode,
                        message: o.message
                    });
            });
        }
        const inserted = inserts.length - failed.length;

        // 2. Delete the old associations of accounts whose target row is in place.
        signal?.throwIfAborted();
        const deletes: { assoc: PulledAssociation; target: AssignmentTarget }[] = [];
        for (const [k, t] of wanted) {
            const inPlace =
                confirmed.has(k) ||
                (byAccount.get(k) ?? []).some((a) => id15(a.territoryId) === id15(t.territoryId));
            if (!inPlace) continue;
            for (const a of byAccount.get(k) ?? [])
                if (id15(a.territoryId) !== id15(t.territoryId))
                    deletes.push({ assoc: a, target: t });
        }
        total = inserts.length + deletes.length;
        const deleteOutcomes = await this.client.dml(
            'delete',
            'ObjectTerritory2Association',
            deletes.map((d) => ({ Id: d.assoc.id })),
            {
                ...(signal ? { signal } : {}),
                onBatch: (done) =>
                    onProgress?.({ stage: 'delete', done: inserts.length + done, total })
            }
        );
        let deleted = 0;
        deleteOutcomes.forEach((o, i) => {
            const d = deletes[i]!;
            if (o.ok || SalesforceClient.isGone(o.errorCode)) deleted++;
            else
                failed.push({
                    accountId: d.target.accountId,
                    territoryId: d.target.territoryId,
                    stage: 'delete',
                    errorCode: o.errorCode,
                    message: o.message
                });
        });
        onProgress?.({ stage: 'delete', done: total, total });
        return {
            inserted,
            deleted,
            unchanged,
            failed,
            mode,
            apiCalls: this.client.usage().calls - callsBefore
        };
    }

    /** Which of these (account, territory) pairs exist in the org now. */
    private async existingPairs(
        pairs: AssignmentTarget[],
        signal?: AbortSignal
    ): Promise<Set<string>> {
        const present = new Set<string>();
        const accounts = [...new Set(pairs.map((p) => p.accountId))];
        // Above the bulk threshold a full pull is cheaper than thousands of IN (...) queries.
        if (accounts.length > this.client.bulkThreshold) {
            const territories = new Set(pairs.map((p) => id15(p.territoryId)));
            const rows = await this.client.queryBulk(
                "SELECT ObjectId, Territory2Id FROM ObjectTerritory2Association WHERE SobjectType = 'Account'",
                signal
            );
            for (const r of rows)
                if (territories.has(id15(String(r.Territory2Id))))
                    present.add(`${id15(String(r.ObjectId))}|${id15(String(r.Territory2Id))}`);
            return present;
        }
        for (let s = 0; s < accounts.length; s += 300) {
            const ids = accounts.slice(s, s + 300).map((a) => soqlId(a, 'accountId'));
            const rows = await this.client.queryRest(
                `SELECT ObjectId, Territory2Id FROM ObjectTerritory2Association WHERE ObjectId IN (${ids.join(',')})`,
                signal
            );
            for (const r of rows)
                present.add(`${id15(String(r.ObjectId))}|${id15(String(r.Territory2Id))}`);
        }
        return present;
    }

    /**
     * Creates territories (and the rep's UserTerritory2Association) in a model; existing ones with
     * the same DeveloperName are reused, so a re-run creates nothing twice.
     */
    async createTerritories(
        modelId: string,
        items: NewTerritoryInput[]
    ): Promise<CreatedTerritory[]> {
        if (items.length === 0) return [];
        const existing = await this.pullTerritories(modelId);
        const allNames = new Set(
            (await this.client.queryRest('SELECT DeveloperName FROM Territory2')).map((r) =>
                String(r.DeveloperName).toLowerCase()
            )
        );
        let typeId = items.find((i) => i.typeId)?.typeId;
        if (!typeId) {
            const counts = new Map<string, number>();
            for (const t of existing)
                if (t.users.length > 0) counts.set(t.typeId, (counts.get(t.typeId) ?? 0) + 1);
            typeId = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
            if (!typeId) {
                const types = await this.client.queryRest(
                    'SELECT Id FROM Territory2Type ORDER BY Priority LIMIT 1'
                );
                typeId = types[0] ? String(types[0].Id) : undefined;
            }
            if (!typeId)
                throw new SalesforceInputError(
                    'The org has no Territory2Type; create one in Setup > Territory Types.'
                );
        }
        const byDevName = new Map(existing.map((t) => [t.developerName.toLowerCase(), t]));
        const plans = items.map((item) => {
            let dev = item.developerName;
            if (dev && byDevName.has(dev.toLowerCase()))
                return { item, dev, found: byDevName.get(dev.toLowerCase()) };
            if (!dev) {
                const base = (
                    item.name
                        .replace(/[^A-Za-z0-9]+/g, '_')
                        .replace(/^[^A-Za-z]+/, '')
                        .replace(/_+$/, '') || 'Territory'
                ).slice(0, 70);
                dev = base;
                for (let n = 2; allNames.has(dev.toLowerCase()); n++) dev = `${base}_${n}`;
            }
            allNames.add(dev.toLowerCase());
            return { item, dev, found: undefined as PulledTerritory | undefined };
        });
        const toCreate = plans.filter((p) => !p.found);
        const outcomes = await this.client.dml(
            'insert',
            'Territory2',
            toCreate.map((p) => ({
                Name: p.item.name.slice(0, 80),
                DeveloperName: p.dev,
                Territory2ModelId: modelId,
                Territory2TypeId: p.item.typeId ?? typeId,
                ...(p.item.parentId ? { ParentTerritory2Id: p.item.parentId } : {}),
                ...(p.item.userId ? { ForecastUserId: p.item.userId } : {}),
                AccountAccessLevel: 'Edit',
                OpportunityAccessLevel: 'Edit',
                CaseAccessLevel: 'Read'
            })),
            { forceMode: 'rest' }
        );
        const createdIds = new Map<string, string>();
        outcomes.forEach((o, i) => {
            const p = toCreate[i]!;
            if (!o.ok)
                throw new SalesforceInputError(
                    `Territory '${p.item.name}' (${p.dev}) could not be created: ${o.errorCode} ${o.message}`
                );
            createdIds.set(p.dev, o.id);
        });
        const userRows: Row[] = [];
        const result = plans.map((p): CreatedTerritory => {
            const id = p.found?.id ?? createdIds.get(p.dev)!;
            const hasUser =
                p.item.userId &&
                p.found?.users.some((u) => id15(u.userId) === id15(p.item.userId!));
            if (p.item.userId && !hasUser)
                userRows.push({
                    UserId: p.item.userId,
                    Territory2Id: id,
                    RoleInTerritory2: p.item.role ?? 'Owner'
                });
            return {
                id,
                name: p.item.name,
                developerName: p.found?.developerName ?? p.dev,
                userId: p.item.userId ?? null,
                created: !p.found
            };
        });
        const userOutcomes = await this.client.dml(
            'insert',
            'UserTerritory2Association',
            userRows,
            { forceMode: 'rest' }
        );
        userOutcomes.forEach((o, i) => {
            if (!o.ok)
                throw new SalesforceInputError(
                    `User ${String(userRows[i]!.UserId)} could not be added to territory ${String(userRows[i]!.Territory2Id)}: ${o.errorCode} ${o.message}`
                );
        });
        return result;
    }

    saveScenario(record: ScenarioInput, assignments?: ScenarioAssignment[]): Promise<string> {
        return this.scenarios.save(record, assignments);
    }
    updateScenario(
        id: string,
        patch: ScenarioPatch,
        assignments?: ScenarioAssignment[]
    ): Promise<void> {
        return this.scenarios.update(id, patch, assignments);
    }
    loadScenario(id: string): Promise<ScenarioRecord | undefined> {
        return this.scenarios.load(id);
    }
    loadAssignments(id: string): Promise<ScenarioAssignment[]> {
        return this.scenarios.loadAssignments(id);
    }
    listScenarios(modelId?: string): Promise<ScenarioRecord[]> {
        return this.scenarios.list(modelId);
    }
}

/** Logs in (client credentials or JWT bearer) and returns the gateway. */
export async function connectSalesforce(config: SalesforceConfig): Promise<SalesforceGateway> {
    const gateway = new SalesforceGateway(config);
    await gateway.client.authenticate();
    return gateway;
}
