/**
 * What the data-quality audit and its approved actions read from and write to the org: every
 * Account with the fields the audit checks, the users (active or not), and two writes a planner
 * approves — approximate coordinates for accounts that have none, and the "excluded from
 * planning" checkbox. Field names come from the gateway's account field map (configuration).
 */
import {
    DEFAULT_ACCOUNT_FIELD_MAP,
    SalesforceInputError,
    type SalesforceGateway
} from '../salesforce/index.js';
import type { OrgAccountRow, OrgUser } from '../audit/org-audit.js';
import {
    checked as bool,
    numberOrNull as num,
    textOrNull as str
} from '../salesforce/field-values.js';

/** Package field: the coordinates are a postal code centroid written on a planner's approval. */
export const APPROXIMATE_FIELD = 'Territory_Approximate_Location__c';
/** Records per sObject Collections request (the platform's limit). */
const COLLECTION_SIZE = 200;
/** Ids per `WHERE Id IN (…)` re-read: keeps the SOQL well under its 100,000-character limit. */
const IDS_PER_QUERY = 500;

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const SF_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

export interface LocationWrite {
    id: string;
    lat: number;
    lon: number;
}

export interface WriteOutcome {
    id: string;
    ok: boolean;
    errorCode?: string;
    message?: string;
}

export interface DataQualitySource {
    /** The measure names of the account field map, in order (e.g. Potential, Workload). */
    measureNames(): Promise<string[]>;
    /** Every account with the audited fields, and every user. */
    auditRows(signal?: AbortSignal): Promise<{ accounts: OrgAccountRow[]; users: OrgUser[] }>;
    /** The accounts with these ids as they are now (ids not found are left out). */
    accountsById(ids: readonly string[]): Promise<OrgAccountRow[]>;
    /** Writes the coordinates and checks Territory_Approximate_Location__c, per record. */
    writeApproximateLocations(writes: readonly LocationWrite[]): Promise<WriteOutcome[]>;
    /** Sets Territory_Excluded__c on the accounts, per record. */
    setExcluded(ids: readonly string[], excluded: boolean): Promise<WriteOutcome[]>;
}

/** A DataQualitySource over the Salesforce gateway `connect` yields (shared login). */
export function salesforceDataQualitySource(
    connect: () => Promise<SalesforceGateway>
): DataQualitySource {
    const fieldsOf = (sf: SalesforceGateway) => {
        const map = sf.config.accountFields ?? DEFAULT_ACCOUNT_FIELD_MAP;
        if (!map.excluded)
            throw new SalesforceInputError(
                'The data-quality actions need the excluded field in the account field map (Territory_Excluded__c).'
            );
        const fields = {
            lat: map.latitude,
            lon: map.longitude,
            postalCode: map.postalCode ?? 'BillingPostalCode',
            name: map.name ?? 'Name',
            excluded: map.excluded,
            measures: map.measures
        };
        for (const f of [
            fields.lat,
            fields.lon,
            fields.postalCode,
            fields.name,
            fields.excluded,
            ...Object.values(fields.measures)
        ])
            if (!FIELD_NAME.test(f))
                throw new SalesforceInputError(`'${f}' is not an Account field API name.`);
        return fields;
    };
    const select = (f: ReturnType<typeof fieldsOf>) =>
        [
            ...new Set([
                'Id',
                'OwnerId',
                f.name,
                f.lat,
                f.lon,
                f.postalCode,
                'BillingCity',
                'BillingState',
                'BillingCountry',
                f.excluded,
                APPROXIMATE_FIELD,
                ...Object.values(f.measures)
            ])
        ].join(', ');
    const toRow = (f: ReturnType<typeof fieldsOf>, r: Record<string, unknown>): OrgAccountRow => ({
        id: String(r.Id),
        name: str(r[f.name]),
        lat: num(r[f.lat]),
        lon: num(r[f.lon]),
        postalCode: str(r[f.postalCode]),
        city: str(r.BillingCity),
        state: str(r.BillingState),
        country: str(r.BillingCountry),
        ownerId: str(r.OwnerId),
        measures: Object.fromEntries(
            Object.entries(f.measures).map(([m, field]) => [m, num(r[field])])
        ),
        excluded: bool(r[f.excluded]),
        approximate: bool(r[APPROXIMATE_FIELD])
    });
    const update = async (
        sf: SalesforceGateway,
        records: Record<string, unknown>[]
    ): Promise<WriteOutcome[]> => {
        const out: WriteOutcome[] = [];
        for (let i = 0; i < records.length; i += COLLECTION_SIZE) {
            const chunk = records.slice(i, i + COLLECTION_SIZE);
            const results = await sf.client.call(() =>
                sf.connection.sobject('Account').update(chunk as { Id: string }[], {
                    allOrNone: false
                })
            );
            results.forEach((r, k) => {
                const id = String(chunk[k]!.Id);
                if (r.success) out.push({ id, ok: true });
                else {
                    const error = (r as { errors?: { errorCode?: string; message?: string }[] })
                        .errors?.[0];
                    out.push({
                        id,
                        ok: false,
                        errorCode: error?.errorCode ?? 'UNKNOWN',
                        message: error?.message ?? 'not written'
                    });
                }
            });
        }
        return out;
    };
    return {
        async measureNames() {
            return Object.keys(fieldsOf(await connect()).measures);
        },

        async auditRows(signal) {
            const sf = await connect();
            const f = fieldsOf(sf);
            const expected = await sf.client.count('SELECT COUNT() FROM Account', signal);
            const rows = await sf.client.read(
                `SELECT ${select(f)} FROM Account ORDER BY Id`,
                expected,
                signal
            );
            const users = await sf.client.queryRest('SELECT Id, IsActive FROM User', signal);
            return {
                accounts: rows.map((r) => toRow(f, r)),
                users: users.map((u) => ({ id: String(u.Id), isActive: bool(u.IsActive) }))
            };
        },

        async accountsById(ids) {
            for (const id of ids)
                if (!SF_ID.test(id))
                    throw new SalesforceInputError(`'${id}' is not a Salesforce id.`);
            const sf = await connect();
            const f = fieldsOf(sf);
            const out: OrgAccountRow[] = [];
            for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
                const list = ids
                    .slice(i, i + IDS_PER_QUERY)
                    .map((id) => `'${id}'`)
                    .join(', ');
                const rows = await sf.client.queryRest(
                    `SELECT ${select(f)} FROM Account WHERE Id IN (${list})`
                );
                out.push(...rows.map((r) => toRow(f, r)));
            }
            return out;
        },

        async writeApproximateLocations(writes) {
            const sf = await connect();
            const f = fieldsOf(sf);
            return update(
                sf,
                writes.map((w) => ({
                    Id: w.id,
                    [f.lat]: w.lat,
                    [f.lon]: w.lon,
                    [APPROXIMATE_FIELD]: true
                }))
            );
        },

        async setExcluded(ids, excluded) {
            const sf = await connect();
            const f = fieldsOf(sf);
            return update(
                sf,
                ids.map((id) => ({ Id: id, [f.excluded]: excluded }))
            );
        }
    };
}
