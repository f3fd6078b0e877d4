/**
 * DML with the platform's result semantics, shared by single-record calls, sObject Collections
 * and Bulk API 2.0 ingest: per-record SaveResults, allOrNone rollback, injected row locks.
 */
import { RecordError, type OrgStore, type SaveError, type SaveResult } from './store.js';

export type DmlOp = 'insert' | 'update' | 'delete';

export interface DmlItem {
    object: string;
    /** Update/delete target. */
    id?: unknown;
    values: Record<string, unknown>;
}

const ROLLED_BACK: SaveError = {
    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    message:
        'Record rolled back because not all records were valid and the request was using AllOrNone header',
    fields: []
};

class RollBack extends Error {}

function toSaveError(err: unknown): SaveError {
    if (err instanceof RecordError) return err.toSaveError();
    return { statusCode: 'UNKNOWN_EXCEPTION', message: (err as Error).message, fields: [] };
}

function applyOne(store: OrgStore, op: DmlOp, item: DmlItem): string {
    if (op === 'insert') {
        if (item.values.Id !== undefined && item.values.Id !== null) {
            throw new RecordError(
                'INVALID_FIELD_FOR_INSERT_UPDATE',
                'cannot specify Id in an insert call',
                ['Id']
            );
        }
        return store.insert(item.object, item.values).Id;
    }
    if (op === 'update') return store.update(item.object, item.id, item.values).Id;
    return store.delete(item.id, item.object || undefined).Id;
}

function lockError(item: DmlItem): SaveError {
    return {
        statusCode: 'UNABLE_TO_LOCK_ROW',
        message: `unable to obtain exclusive access to this record or 1 records: ${String(item.id ?? '')}`,
        fields: []
    };
}

/**
 * Applies `items` in order. Without allOrNone every record stands alone; with it, any failure
 * rolls every write back and the valid records report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 * `lockedRecords` makes the first N records fail with UNABLE_TO_LOCK_ROW (fault injection).
 */
export function saveMany(
    store: OrgStore,
    op: DmlOp,
    items: DmlItem[],
    allOrNone: boolean,
    lockedRecords = 0
): SaveResult[] {
    const idOf = (item: DmlItem): string | undefined =>
        typeof item.id === 'string' ? item.id : undefined;
    if (!allOrNone) {
        return items.map((item, i): SaveResult => {
            if (i < lockedRecords)
                return withId({ success: false, errors: [lockError(item)] }, idOf(item));
            try {
                const id = store.transaction(() => applyOne(store, op, item));
                return { id, success: true, errors: [] };
            } catch (err) {
                return withId({ success: false, errors: [toSaveError(err)] }, idOf(item));
            }
        });
    }
    const results: SaveResult[] = [];
    let failed = false;
    try {
        store.transaction(() => {
            items.forEach((item, i) => {
                if (i < lockedRecords) {
                    failed = true;
                    results.push(withId({ success: false, errors: [lockError(item)] }, idOf(item)));
                    return;
                }
                try {
                    const id = store.transaction(() => applyOne(store, op, item));
                    results.push({ id, success: true, errors: [] });
                } catch (err) {
                    failed = true;
                    results.push(
                        withId({ success: false, errors: [toSaveError(err)] }, idOf(item))
                    );
                }
            });
            if (failed) throw new RollBack();
        });
    } catch (err) {
        if (!(err instanceof RollBack)) throw err;
        return results.map((r, i) =>
            r.success
                ? withId(
                      { success: false, errors: [ROLLED_BACK] },
                      op === 'insert' ? undefined : idOf(items[i]!)
                  )
                : r
        );
    }
    return results;
}

function withId(
    result: { success: false; errors: SaveError[] },
    id: string | undefined
): SaveResult {
    return id ? { id, ...result } : result;
}
