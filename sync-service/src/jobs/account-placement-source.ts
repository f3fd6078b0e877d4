/**
 * What the account placement job reads from and writes to the org: accounts changed since a
 * SystemModstamp, every account with its unit fields and model territories, and the association
 * writes (insert the new ObjectTerritory2Association, Territory2Manual, then delete the old one).
 * The Account fields come from the gateway's account field map (postal code, coordinates,
 * segment, lock), so an org with other field names is configuration, not code.
 */
import {
    DEFAULT_ACCOUNT_FIELD_MAP,
    SalesforceInputError,
    type SalesforceGateway
} from '../salesforce/index.js';
import type { UnitAccount } from './account-placement-plan.js';

/** An account's address fields and when it last changed (SystemModstamp, ISO 8601). */
export interface AddressRow {
    id: string;
    postalCode: string | null;
    lat: number | null;
    lon: number | null;
    segment: string | null;
    locked: boolean;
    modstamp: string;
}

export interface PlacementWriteOutcome {
    inserted: number;
    deleted: number;
    failed: { accountId: string; territoryId: string; errorCode: string; message: string }[];
}

export interface PlacementSource {
    /** The active territory model (used when the job names none). */
    activeModelId(): Promise<string>;
    /** Accounts with SystemModstamp at or after `since` (every account without it). */
    changedAccounts(since: string | undefined, signal?: AbortSignal): Promise<AddressRow[]>;
    /** Every account with its unit fields and the territories of the model it is in now. */
    unitAccounts(modelId: string, signal?: AbortSignal): Promise<UnitAccount[]>;
    /** Puts each account in its target territory and out of the model's other territories. */
    assign(
        modelId: string,
        target: ReadonlyMap<string, string>,
        signal?: AbortSignal
    ): Promise<PlacementWriteOutcome>;
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const num = (v: unknown): number | null => {
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : null;
};
const str = (v: unknown): string | null =>
    v === null || v === undefined || v === '' ? null : String(v);

/** A datetime as Salesforce returns it (`…+0000`, or `…Z` in Bulk CSV) in ISO 8601 (`…Z`). */
export function isoDateTime(value: string): string {
    const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isFinite(ms)) throw new Error(`'${value}' is not a datetime`);
    return new Date(ms).toISOString();
}

/** A SOQL datetime literal (whole seconds, UTC) at or before `iso`. */
export function soqlDateTime(iso: string): string {
    return `${new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/**
 * A PlacementSource over the Salesforce gateway `connect` yields (logged in on first use; a
 * failed login is tried again on the next call).
 */
export function salesforcePlacementSource(
    connect: () => Promise<SalesforceGateway>
): PlacementSource {
    const gateway = sharedConnection(connect);
    const fieldsOf = (sf: SalesforceGateway) => {
        const map = sf.config.accountFields ?? DEFAULT_ACCOUNT_FIELD_MAP;
        if (!map.postalCode)
            throw new SalesforceInputError(
                'Account placement needs the postal code field in the account field map.'
            );
        const fields = {
            postalCode: map.postalCode,
            lat: map.latitude,
            lon: map.longitude,
            segment: map.segment,
            locked: map.locked
        };
        for (const f of Object.values(fields))
            if (f !== undefined && !FIELD_NAME.test(f))
                throw new SalesforceInputError(`'${f}' is not an Account field API name.`);
        return fields;
    };
    return {
        activeModelId: async () => (await gateway()).activeModelId(),

        async changedAccounts(since, signal) {
            const sf = await gateway();
            const f = fieldsOf(sf);
            const select = ['Id', f.postalCode, f.lat, f.lon, 'SystemModstamp'];
            if (f.segment) select.push(f.segment);
            if (f.locked) select.push(f.locked);
            const where = since === undefined ? '' : ` WHERE SystemModstamp >= ${since}`;
            const expected = await sf.client.count(`SELECT COUNT() FROM Account${where}`, signal);
            const rows = await sf.client.read(
                `SELECT ${select.join(', ')} FROM Account${where}`,
                expected,
                signal
            );
            return rows.map((r) => ({
                id: String(r.Id),
                postalCode: str(r[f.postalCode]),
                lat: num(r[f.lat]),
                lon: num(r[f.lon]),
                segment: f.segment ? str(r[f.segment]) : null,
                locked: f.locked ? r[f.locked] === true || r[f.locked] === 'true' : false,
                modstamp: isoDateTime(String(r.SystemModstamp))
            }));
        },

        async unitAccounts(modelId, signal) {
            signal?.throwIfAborted();
            const pulled = await (await gateway()).pullAccounts({ modelId });
            return pulled.map((a) => ({
                id: a.id,
                name: a.name,
                lat: a.lat,
                lon: a.lon,
                postalCode: a.postalCode,
                segment: a.segment,
                // Excluded from planning: kept in its territory, like a locked account.
                locked: a.locked || a.excluded,
                territoryIds: a.territoryIds
            }));
        },

        async assign(modelId, target, signal) {
            const result = await (
                await gateway()
            ).applyAssignments(modelId, target, signal ? { signal } : {});
            return {
                inserted: result.inserted,
                deleted: result.deleted,
                failed: result.failed.map((f) => ({
                    accountId: f.accountId,
                    territoryId: f.territoryId,
                    errorCode: f.errorCode,
                    message: f.message
                }))
            };
        }
    };
}

/**
 * One login shared by several users of the org (the planner gateway and the placement source of
 * a worker): the first call connects, later calls reuse it; a failed connect is retried.
 */
export function sharedConnection(
    connect: () => Promise<SalesforceGateway>
): () => Promise<SalesforceGateway> {
    let connecting: Promise<SalesforceGateway> | undefined;
    return () =>
        (connecting ??= connect().catch((error: unknown) => {
            connecting = undefined;
            throw error;
        }));
}
