/**
 * TerritoryChangeRequestController.cls in JS, for the sandbox: a rep asks from the card to move
 * an account to another territory of its model with a reason; planners list the model's requests
 * and accept them (the next scenario pins the account there) or decline them with a reply. The
 * same checks, messages, bounded queries and honoured flag as the Apex.
 */
import type { OrgConnection } from '../org-client.js';
import { queryAll, soqlString } from '../org-client.js';
import { AuraHandledException, type AuraMethod } from './aura.js';
import { territoryPermissions } from './permissions.js';
import { datetime, isIdOf, queryByIds } from './soql-helpers.js';

// The limits of the Apex class (see TerritoryChangeRequestController.cls for their reasons).
const MAX_TEXT = 4000;
const MAX_REQUESTS = 200;
const MAX_TERRITORIES = 1000;
const OBJECT = 'Territory_Change_Request__c';
const REQUEST_FIELDS =
    'Id, Account__c, Account__r.Name, Territory_Model_Id__c, From_Territory_Id__c, ' +
    'Requested_Territory_Id__c, Reason__c, Status__c, Reply__c, CreatedBy.Name, CreatedDate, ' +
    'Decided_At__c';

type Row = Record<string, unknown>;

export interface ChangeRequestControllerContext {
    org: OrgConnection;
    customPermissions: ReadonlySet<string>;
    /** The running user (UserInfo.getUserId()). */
    userId?: string;
}

export interface ChangeRequest {
    id: string;
    accountId: string | null;
    accountName: string | null;
    fromTerritoryId: string | null;
    fromTerritoryName: string | null;
    requestedTerritoryId: string | null;
    requestedTerritoryName: string | null;
    reason: string | null;
    status: string | null;
    honoured: boolean;
    reply: string | null;
    requestedBy: string | null;
    requestedAt: string | null;
    decidedAt: string | null;
}

const uiError = (message: string) => new AuraHandledException(message);
const text = (value: unknown) =>
    value === null || value === undefined || value === '' ? null : String(value);
const related = (row: Row, name: string) => (row[name] ?? {}) as Row;
const same = (a: unknown, b: unknown) =>
    typeof a === 'string' && typeof b === 'string' && a.slice(0, 15) === b.slice(0, 15);

function requireAccountId(accountId: unknown): string {
    if (!isIdOf(accountId, 'Account'))
        throw uiError(
            `Open this card on an Account record page (got record id "${String(accountId ?? 'null')}").`
        );
    return String(accountId);
}

/** The `@AuraEnabled` methods of TerritoryChangeRequestController. */
export function territoryChangeRequestController(
    context: ChangeRequestControllerContext
): Record<string, AuraMethod> {
    const { org } = context;
    const permissions = territoryPermissions(context.customPermissions);

    // The account's territory in the model (or, with no model, in the Active model first).
    async function currentLink(accountId: string, modelId: string | null): Promise<Row | null> {
        const links = await queryAll<Row>(
            org,
            'SELECT Territory2Id, Territory2.Territory2ModelId, Territory2.Territory2Model.State ' +
                `FROM ObjectTerritory2Association WHERE ObjectId = ${soqlString(accountId)} ` +
                'ORDER BY Territory2.Name LIMIT 20'
        );
        const modelOf = (link: Row) => related(link, 'Territory2').Territory2ModelId;
        const stateOf = (link: Row) =>
            related(related(link, 'Territory2'), 'Territory2Model').State;
        if (modelId !== null) return links.find((l) => same(modelOf(l), modelId)) ?? null;
        return links.find((l) => stateOf(l) === 'Active') ?? links[0] ?? null;
    }

    async function describe(records: Row[]): Promise<ChangeRequest[]> {
        const territoryIds = new Set<string>();
        const accountIds = new Set<string>();
        for (const r of records) {
            for (const id of [r.From_Territory_Id__c, r.Requested_Territory_Id__c])
                if (typeof id === 'string' && id) territoryIds.add(id);
            if (r.Status__c === 'Accepted' && typeof r.Account__c === 'string')
                accountIds.add(r.Account__c);
        }
        const names = new Map<string, string>();
        const territories = await queryByIds<Row>(
            org,
            [...territoryIds],
            (ids) => `SELECT Id, Name FROM Territory2 WHERE Id IN (${ids}) LIMIT ${MAX_TERRITORIES}`
        );
        for (const t of territories) names.set(String(t.Id).slice(0, 15), String(t.Name));
        const links = await queryByIds<Row>(
            org,
            [...accountIds],
            (ids) =>
                'SELECT ObjectId, Territory2Id FROM ObjectTerritory2Association ' +
                `WHERE ObjectId IN (${ids}) LIMIT 5000`
        );
        const placed = new Set(
            links.map(
                (l) => `${String(l.ObjectId).slice(0, 15)}/${String(l.Territory2Id).slice(0, 15)}`
            )
        );
        const nameOf = (id: unknown) =>
            typeof id === 'string' && id ? (names.get(id.slice(0, 15)) ?? null) : null;
        return records.map((r) => ({
            id: String(r.Id),
            accountId: text(r.Account__c),
            accountName: text(related(r, 'Account__r').Name),
            fromTerritoryId: text(r.From_Territory_Id__c),
            fromTerritoryName: nameOf(r.From_Territory_Id__c),
            requestedTerritoryId: text(r.Requested_Territory_Id__c),
            requestedTerritoryName: nameOf(r.Requested_Territory_Id__c),
            reason: text(r.Reason__c),
            status: text(r.Status__c),
            honoured:
                r.Status__c === 'Accepted' &&
                placed.has(
                    `${String(r.Account__c).slice(0, 15)}/${String(r.Requested_Territory_Id__c).slice(0, 15)}`
                ),
            reply: text(r.Reply__c),
            requestedBy: text(related(r, 'CreatedBy').Name),
            requestedAt: datetime(r.CreatedDate),
            decidedAt: datetime(r.Decided_At__c)
        }));
    }

    const load = (requestId: string) =>
        queryAll<Row>(
            org,
            `SELECT ${REQUEST_FIELDS} FROM ${OBJECT} WHERE Id = ${soqlString(requestId)} LIMIT 1`
        );

    return {
        async getAccountRequests({ accountId }) {
            const account = requireAccountId(accountId);
            const result = {
                modelId: null as string | null,
                territoryId: null as string | null,
                territories: [] as { id: string; name: string }[],
                requests: [] as ChangeRequest[]
            };
            const link = await currentLink(account, null);
            if (!link) return result;
            result.modelId = text(related(link, 'Territory2').Territory2ModelId);
            result.territoryId = text(link.Territory2Id);
            const territories = await queryAll<Row>(
                org,
                'SELECT Id, Name FROM Territory2 ' +
                    `WHERE Territory2ModelId = ${soqlString(result.modelId ?? '')} ` +
                    `AND Id != ${soqlString(result.territoryId ?? '')} ` +
                    `ORDER BY Name LIMIT ${MAX_TERRITORIES}`
            );
            result.territories = territories.map((t) => ({
                id: String(t.Id),
                name: String(t.Name)
            }));
            result.requests = await describe(
                await queryAll<Row>(
                    org,
                    `SELECT ${REQUEST_FIELDS} FROM ${OBJECT} WHERE Account__c = ${soqlString(account)} ` +
                        `ORDER BY CreatedDate DESC LIMIT ${MAX_REQUESTS}`
                )
            );
            return result;
        },

        async requestChange({ accountId, territoryId, reason }) {
            const account = requireAccountId(accountId);
            if (!isIdOf(territoryId, 'Territory2'))
                throw uiError('Choose the territory this account should move to.');
            const target = String(territoryId);
            const why = typeof reason === 'string' ? reason.trim() : '';
            if (!why)
                throw uiError(
                    'Say why the account should move: the planner decides on the reason.'
                );
            if (why.length > MAX_TEXT)
                throw uiError(`Keep the reason under ${MAX_TEXT} characters.`);
            const targets = await queryAll<Row>(
                org,
                `SELECT Id, Territory2ModelId FROM Territory2 WHERE Id = ${soqlString(target)} LIMIT 1`
            );
            if (!targets[0])
                throw uiError(`Territory ${target} was not found or you cannot see it.`);
            const modelId = String(targets[0].Territory2ModelId);
            const link = await currentLink(account, modelId);
            if (!link)
                throw uiError(
                    'The account has no territory in this model: a planner assigns it first.'
                );
            if (same(link.Territory2Id, target))
                throw uiError('The account is already in that territory.');
            if (context.userId) {
                const waiting = await queryAll<Row>(
                    org,
                    `SELECT Id FROM ${OBJECT} WHERE Account__c = ${soqlString(account)} ` +
                        `AND Status__c = 'Open' AND CreatedById = ${soqlString(context.userId)} LIMIT 1`
                );
                if (waiting.length > 0)
                    throw uiError(
                        "You already asked to move this account; wait for the planner's answer."
                    );
            }
            let id: string;
            try {
                const saved = await org.sobject(OBJECT).create({
                    Account__c: account,
                    Territory_Model_Id__c: modelId,
                    From_Territory_Id__c: String(link.Territory2Id),
                    Requested_Territory_Id__c: target,
                    Reason__c: why
                });
                if (!saved.success || !saved.id) throw new Error(JSON.stringify(saved.errors));
                id = saved.id;
            } catch (error) {
                throw uiError(
                    `Your request could not be saved (${(error as Error).message}). Ask your admin for the Territory Rep permission set.`
                );
            }
            return (await describe(await load(id)))[0];
        },

        async getRequests({ modelId }) {
            permissions.requirePlannerAccess();
            if (!isIdOf(modelId, 'Territory2Model'))
                throw uiError(`Choose a territory model (got "${String(modelId ?? 'null')}").`);
            return describe(
                await queryAll<Row>(
                    org,
                    `SELECT ${REQUEST_FIELDS} FROM ${OBJECT} ` +
                        `WHERE Territory_Model_Id__c = ${soqlString(String(modelId))} ` +
                        `ORDER BY CreatedDate DESC LIMIT ${MAX_REQUESTS}`
                )
            );
        },

        async decide({ requestId, accept, reply }) {
            permissions.requirePlan();
            if (!isIdOf(requestId, OBJECT))
                throw uiError(`Choose a change request (got "${String(requestId ?? 'null')}").`);
            if (typeof accept !== 'boolean')
                throw uiError('Say whether to accept or decline the request.');
            const answer = typeof reply === 'string' ? reply.trim() : '';
            if (!accept && !answer)
                throw uiError(
                    'Write a reply when you decline: the rep reads it on the account card.'
                );
            if (answer.length > MAX_TEXT)
                throw uiError(`Keep the reply under ${MAX_TEXT} characters.`);
            const id = String(requestId);
            const record = (await load(id))[0];
            if (!record) throw uiError(`Change request ${id} was not found or you cannot see it.`);
            if (record.Status__c !== 'Open')
                throw uiError(
                    `This request was already ${String(record.Status__c).toLowerCase()}.`
                );
            await org.sobject(OBJECT).update({
                Id: id,
                Status__c: accept ? 'Accepted' : 'Declined',
                Reply__c: answer || null,
                ...(context.userId ? { Decided_By__c: context.userId } : {}),
                Decided_At__c: new Date().toISOString()
            });
            return (await describe(await load(id)))[0];
        }
    };
}
