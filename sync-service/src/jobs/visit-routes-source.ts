/**
 * What a visit-routes job reads from and writes to the org: the rep's accounts in a territory
 * model (through the rep's UserTerritory2Associations and the territories' account
 * associations), the rep's home from the User record (the rep field map), and the rep's Events
 * (read in a window, inserted, deleted). Field names come from the gateway's field maps.
 */
import { hasUsableCoordinates } from '../audit/org-audit.js';
import { lookupPostal } from '../geo/postal-reference.js';
import {
    DEFAULT_ACCOUNT_FIELD_MAP,
    DEFAULT_REP_FIELD_MAP,
    SalesforceInputError,
    soqlString,
    type SalesforceGateway
} from '../salesforce/index.js';
import { sharedConnection } from './account-placement-source.js';
import type { RepVisitData, VisitAccount, VisitEvent } from './visit-routes.js';

/** Ids per `WHERE Id IN (…)` query: keeps the SOQL well under its 100,000-character limit. */
const IDS_PER_QUERY = 500;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const SF_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

export interface EventRow {
    Id: string;
    OwnerId?: unknown;
    WhatId?: unknown;
    Subject?: unknown;
    Description?: unknown;
    StartDateTime?: unknown;
}

export type WriteOutcome =
    { ok: true; id: string } | { ok: false; errorCode: string; message: string };

export interface VisitSource {
    /** The rep's name, home and accounts in the model (with the frequency field's raw value). */
    repVisits(
        modelId: string,
        repId: string,
        frequencyField: string | undefined,
        signal?: AbortSignal
    ): Promise<RepVisitData>;
    /** The rep's Events starting in [from, to) whose Subject starts with "Visit: ". */
    visitEvents(repId: string, from: string, to: string, signal?: AbortSignal): Promise<EventRow[]>;
    insertEvents(events: readonly VisitEvent[], signal?: AbortSignal): Promise<WriteOutcome[]>;
    deleteEvents(ids: readonly string[], signal?: AbortSignal): Promise<WriteOutcome[]>;
}

const num = (v: unknown): number | null => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : null;
};
const str = (v: unknown): string | null =>
    v === null || v === undefined || v === '' ? null : String(v);

function checkId(id: string, what: string): string {
    if (!SF_ID.test(id)) throw new SalesforceInputError(`${what} '${id}' is not a Salesforce id.`);
    return `'${id}'`;
}

function checkField(f: string): string {
    if (!FIELD_NAME.test(f)) throw new SalesforceInputError(`'${f}' is not a field API name.`);
    return f;
}

/** A SOQL datetime literal (whole seconds, UTC). */
const soqlDateTime = (iso: string) =>
    `${new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().slice(0, 19)}Z`;

/** A VisitSource over the Salesforce gateway `connect` yields (shared login). */
export function salesforceVisitSource(connect: () => Promise<SalesforceGateway>): VisitSource {
    const gateway = sharedConnection(connect);
    return {
        async repVisits(modelId, repId, frequencyField, signal) {
            const sf = await gateway();
            const model = checkId(modelId, 'modelId');
            const rep = checkId(repId, 'repId');
            const accountMap = sf.config.accountFields ?? DEFAULT_ACCOUNT_FIELD_MAP;
            const repMap = sf.config.repFields ?? DEFAULT_REP_FIELD_MAP;
            const users = await sf.client.queryRest(
                `SELECT Id, Name, ${checkField(repMap.homeLatitude)}, ${checkField(repMap.homeLongitude)} FROM User WHERE Id = ${rep}`,
                signal
            );
            const user = users[0];
            if (!user) throw new SalesforceInputError(`No user ${repId} in the org.`);
            const lat = num(user[repMap.homeLatitude]);
            const lon = num(user[repMap.homeLongitude]);
            const territories = await sf.client.queryRest(
                `SELECT Territory2Id FROM UserTerritory2Association WHERE UserId = ${rep} AND Territory2.Territory2ModelId = ${model}`,
                signal
            );
            const territoryIds = [...new Set(territories.map((t) => String(t.Territory2Id)))];
            const accountIds = new Set<string>();
            for (let s = 0; s < territoryIds.length; s += IDS_PER_QUERY) {
                const ids = territoryIds.slice(s, s + IDS_PER_QUERY).map((t) => `'${t}'`);
                const where = `WHERE Territory2Id IN (${ids.join(', ')}) AND SobjectType = 'Account'`;
                const expected = await sf.client.count(
                    `SELECT COUNT() FROM ObjectTerritory2Association ${where}`,
                    signal
                );
                const rows = await sf.client.read(
                    `SELECT ObjectId FROM ObjectTerritory2Association ${where}`,
                    expected,
                    signal
                );
                for (const r of rows) accountIds.add(String(r.ObjectId));
            }
            const name = checkField(accountMap.name ?? 'Name');
            const fields = new Set([
                'Id',
                name,
                checkField(accountMap.latitude),
                checkField(accountMap.longitude)
            ]);
            if (accountMap.postalCode) fields.add(checkField(accountMap.postalCode));
            if (frequencyField) fields.add(checkField(frequencyField));
            const ids = [...accountIds].sort();
            const accounts: VisitAccount[] = [];
            for (let s = 0; s < ids.length; s += IDS_PER_QUERY) {
                const chunk = ids.slice(s, s + IDS_PER_QUERY).map((i) => `'${i}'`);
                const rows = await sf.client.queryRest(
                    `SELECT ${[...fields].join(', ')} FROM Account WHERE Id IN (${chunk.join(', ')})`,
                    signal
                );
                for (const r of rows) {
                    let aLat = num(r[accountMap.latitude]);
                    let aLon = num(r[accountMap.longitude]);
                    let approximate = false;
                    if (!hasUsableCoordinates(aLat, aLon)) {
                        const code = accountMap.postalCode ? str(r[accountMap.postalCode]) : null;
                        const c = code ? lookupPostal(code) : undefined;
                        aLat = c ? c.lat : null;
                        aLon = c ? c.lon : null;
                        approximate = c !== undefined;
                    }
                    accounts.push({
                        id: String(r.Id),
                        name: str(r[name]) ?? String(r.Id),
                        lat: aLat,
                        lon: aLon,
                        ...(approximate ? { approximate } : {}),
                        ...(frequencyField ? { frequencyValue: r[frequencyField] ?? null } : {})
                    });
                }
            }
            accounts.sort((a, b) => a.id.localeCompare(b.id));
            return {
                repId,
                repName: str(user.Name),
                home: lat !== null && lon !== null ? { lat, lon } : null,
                accounts
            };
        },

        async visitEvents(repId, from, to, signal) {
            const sf = await gateway();
            const rows = await sf.client.queryRest(
                `SELECT Id, OwnerId, WhatId, Subject, Description, StartDateTime FROM Event WHERE OwnerId = ${checkId(repId, 'repId')} AND StartDateTime >= ${soqlDateTime(from)} AND StartDateTime < ${soqlDateTime(to)} AND Subject LIKE ${soqlString('Visit: %')}`,
                signal
            );
            return rows.map((r) => ({ ...r, Id: String(r.Id) }));
        },

        async insertEvents(events, signal) {
            if (events.length === 0) return [];
            const sf = await gateway();
            return sf.client.dml(
                'insert',
                'Event',
                events.map((e) => ({ ...e })),
                signal ? { signal } : {}
            );
        },

        async deleteEvents(ids, signal) {
            if (ids.length === 0) return [];
            const sf = await gateway();
            return sf.client.dml(
                'delete',
                'Event',
                ids.map((Id) => ({ Id })),
                signal ? { signal } : {}
            );
        }
    };
}
