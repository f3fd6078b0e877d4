/**
 * Evaluates parsed SOQL against the store: field resolution (with parent relationships), WHERE,
 * ORDER BY, LIMIT/OFFSET, aggregates with GROUP BY, and the two output forms — REST JSON records
 * and Bulk API 2.0 CSV rows.
 */
import { normalizeId } from './ids.js';
import {
    errorAt,
    parseSoql,
    SoqlError,
    type AggregateFn,
    type Condition,
    type FieldRef,
    type Literal,
    type SoqlQuery
} from './soql.js';
import type { FieldDef, ObjectDef } from './schema.js';
import type { OrgStore, SfRecord } from './store.js';

type Getter = (rec: SfRecord) => unknown;

interface ResolvedField {
    /** Canonical path, e.g. ['Territory2', 'Name']. */
    path: string[];
    field: FieldDef;
    get: Getter;
    /** Objects along the path (for nested JSON attributes). */
    objects: ObjectDef[];
}

export interface CompiledQuery {
    object: ObjectDef;
    isAggregate: boolean;
    /** Has parent-to-child subqueries (not allowed in Bulk API 2.0). */
    hasSubqueries: boolean;
    /** COUNT() without GROUP BY: only totalSize is answered. */
    countOnly: boolean;
    /** Column headers for CSV output (Bulk API 2.0), in SELECT order. */
    columns: string[];
    /** Runs the query: matching records (or aggregate rows) in output order. */
    run(includeDeleted?: boolean): unknown[];
    /** REST JSON form of one row. */
    toJson(row: unknown, version: string): Record<string, unknown>;
    /** CSV cell values of one row. */
    toCsv(row: unknown): unknown[];
}

function invalidField(q: SoqlQuery, ref: FieldRef, name: string, entity: string): never {
    throw new SoqlError(
        'INVALID_FIELD',
        errorAt(
            q.text,
            ref.pos,
            `No such column '${name}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
        )
    );
}

function resolve(store: OrgStore, q: SoqlQuery, root: ObjectDef, ref: FieldRef): ResolvedField {
    const segments =
        ref.path[0]?.toLowerCase() === root.name.toLowerCase() && ref.path.length > 1
            ? ref.path.slice(1)
            : ref.path;
    let def = root;
    const path: string[] = [];
    const objects: ObjectDef[] = [root];
    const hops: FieldDef[] = [];
    for (let i = 0; i < segments.length - 1; i++) {
        const rel = def.relationships.get(segments[i]!.toLowerCase());
        const target = rel?.referenceTo?.[0] ? store.schema.find(rel.referenceTo[0]) : undefined;
        if (!rel || !target) {
            throw new SoqlError(
                'INVALID_FIELD',
                errorAt(
                    q.text,
                    ref.pos,
                    `Didn't understand relationship '${segments[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
                )
            );
        }
        hops.push(rel);
        path.push(rel.relationshipName!);
        def = target;
        objects.push(def);
    }
    const last = segments[segments.length - 1]!;
    const field = def.byLower.get(last.toLowerCase());
    if (!field) invalidField(q, ref, last, def.name);
    path.push(field.name);
    const name = field.name;
    let get: Getter;
    if (hops.length === 0) get = (rec) => rec[name];
    else {
        get = (rec) => {
            let cur: SfRecord | undefined = rec;
            for (const hop of hops) {
                const id: unknown = cur[hop.name];
                cur = typeof id === 'string' ? store.get(id) : undefined;
                if (!cur) return null;
            }
            return cur[name];
        };
    }
    return { path, field, get, objects };
}

const DAY = 86_400_000;

function literalValue(lit: Literal, field: FieldDef): unknown {
    switch (lit.kind) {
        case 'null':
            return null;
        case 'dateLiteral': {
            const today = Math.floor(Date.now() / DAY) * DAY;
            const offset = lit.name === 'YESTERDAY' ? -1 : lit.name === 'TOMORROW' ? 1 : 0;
            return today + offset * DAY;
        }
        case 'date':
            return field.type === 'datetime' ? Date.parse(`${lit.value}T00:00:00Z`) : lit.value;
        case 'datetime':
            return field.type === 'date'
                ? new Date(lit.value).toISOString().slice(0, 10)
                : lit.value;
        case 'string':
            if (field.type === 'id' || field.type === 'reference')
                return normalizeId(lit.value) ?? lit.value;
            return lit.value;
        default:
            return lit.value;
    }
}

/** Normalises a stored value for comparison (dates to epoch ms, strings to lower case). */
function comparable(field: FieldDef, v: unknown): unknown {
    if (v === null || v === undefined) return null;
    if (field.type === 'datetime')
        return typeof v === 'number' ? v : Date.parse(String(v).replace(/\+0000$/, 'Z'));
    if (field.type === 'date')
        return typeof v === 'number' ? new Date(v).toISOString().slice(0, 10) : v;
    if (typeof v === 'string' && field.type !== 'id' && field.type !== 'reference')
        return v.toLowerCase();
    return v;
}

function compile(
    store: OrgStore,
    q: SoqlQuery,
    root: ObjectDef,
    cond: Condition
): (r: SfRecord) => boolean {
    switch (cond.kind) {
        case 'and': {
            const parts = cond.items.map((c) => compile(store, q, root, c));
            return (r) => parts.every((p) => p(r));
        }
        case 'or': {
            const parts = cond.items.map((c) => compile(store, q, root, c));
            return (r) => parts.some((p) => p(r));
        }
        case 'not': {
            const inner = compile(store, q, root, cond.item);
            return (r) => !inner(r);
        }
        case 'like': {
            const f = resolve(store, q, root, cond.field);
            const escaped = cond.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            const re = new RegExp(`^${escaped.replace(/%/g, '.*').replace(/_/g, '.')}$`, 'is');
            return (r) => {
                const v = f.get(r);
                return v !== null && v !== undefined && re.test(String(v));
            };
        }
        case 'in': {
            const f = resolve(store, q, root, cond.field);
            const set = new Set(
                cond.values.map((l) => comparable(f.field, literalValue(l, f.field)))
            );
            return cond.not
                ? (r) => !set.has(comparable(f.field, f.get(r)))
                : (r) => set.has(comparable(f.field, f.get(r)));
        }
        case 'cmp': {
            const f = resolve(store, q, root, cond.field);
            if (cond.value.kind === 'dateLiteral' && N_DAYS.has(cond.value.name)) {
                return nDaysPredicate(f, cond.value, cond.op);
            }
            const target = comparable(f.field, literalValue(cond.value, f.field));
            const op = cond.op;
            return (r) => {
                const v = comparable(f.field, f.get(r));
                switch (op) {
                    case '=':
                        return v === target;
                    case '!=':
                        return v !== target;
                    default: {
                        if (v === null || target === null) return false;
                        const a = v as number | string;
                        const b = target as number | string;
                        return op === '<'
                            ? a < b
                            : op === '<='
                              ? a <= b
                              : op === '>'
                                ? a > b
                                : a >= b;
                    }
                }
            };
        }
    }
}

const N_DAYS = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS']);

function nDaysPredicate(
    f: ResolvedField,
    lit: { name: string; n: number },
    op: string
): (r: SfRecord) => boolean {
    const today = Math.floor(Date.now() / DAY) * DAY;
    const [from, to] =
        lit.name === 'LAST_N_DAYS'
            ? [today - lit.n * DAY, today + DAY]
            : [today + DAY, today + (lit.n + 1) * DAY];
    return (r) => {
        const raw = f.get(r);
        if (raw === null || raw === undefined) return false;
        const ms = Date.parse(String(raw).replace(/\+0000$/, 'Z'));
        const inside = ms >= from && ms < to;
        if (op === '=') return inside;
        if (op === '!=') return !inside;
        if (op === '<') return ms < from;
        if (op === '>') return ms >= to;
        if (op === '<=') return ms < to;
        return ms >= from;
    };
}

function compareValues(a: unknown, b: unknown, desc: boolean, nullsLast: boolean): number {
    const an = a === null || a === undefined;
    const bn = b === null || b === undefined;
    if (an || bn) {
        if (an && bn) return 0;
        return (an ? -1 : 1) * (nullsLast ? -1 : 1);
    }
    const x = typeof a === 'string' ? a.toLowerCase() : (a as number);
    const y = typeof b === 'string' ? b.toLowerCase() : (b as number);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return desc ? -c : c;
}

/** Sorts items by several keys (SOQL ORDER BY semantics), keeping the input order on ties. */
function sortByKeys<T>(
    items: T[],
    order: { key: (item: T) => unknown; desc: boolean; nullsLast: boolean }[]
): T[] {
    return items
        .map((item) => ({ item, keys: order.map((o) => o.key(item)) }))
        .sort((a, b) => {
            for (let i = 0; i < order.length; i++) {
                const o = order[i]!;
                const c = compareValues(a.keys[i], b.keys[i], o.desc, o.nullsLast);
                if (c !== 0) return c;
            }
            return 0;
        })
        .map((x) => x.item);
}

function toCsvCell(v: unknown): unknown {
    return v === null || v === undefined ? '' : v;
}

function recordUrl(version: string, type: string, id: string): string {
    return `/services/data/v${version}/sobjects/${type}/${id}`;
}

/** Parses and compiles a SOQL query against the store. */
export function compileQuery(store: OrgStore, text: string): CompiledQuery {
    const q = parseSoql(text);
    const root = store.schema.find(q.object);
    if (!root) {
        throw new SoqlError(
            'INVALID_TYPE',
            errorAt(
                q.text,
                q.objectPos,
                `sObject type '${q.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
            )
        );
    }
    const where = q.where ? compile(store, q, root, q.where) : undefined;
    const hasAgg = q.select.some((s) => s.kind === 'agg');
    const isAggregate = hasAgg || (q.groupBy?.length ?? 0) > 0;
    const select = (includeDeleted: boolean): SfRecord[] => {
        const out: SfRecord[] = [];
        for (const r of store.all(root.name)) if (!where || where(r)) out.push(r);
        if (includeDeleted)
            for (const r of store.deletedRecords(root.name)) if (!where || where(r)) out.push(r);
        return out;
    };
    if (!isAggregate) return compileSelect(store, q, root, where, select);
    const sub = q.select.find((s) => s.kind === 'subquery');
    if (sub) {
        throw new SoqlError(
            'MALFORMED_QUERY',
            errorAt(q.text, sub.pos, 'Aggregate queries do not support subqueries')
        );
    }
    return compileAggregate(store, q, root, select);
}

interface Subquery {
    relationshipName: string;
    field: string;
    compiled: ReturnType<typeof compileSelect>;
    where: ((r: SfRecord) => boolean) | undefined;
    /** parent id → matching children, in insertion order (filled by the parent's run). */
    groups: Map<string, SfRecord[]>;
}

/** A non-aggregate SELECT over `root`: fields, parent paths, child subqueries, ORDER BY, paging. */
function compileSelect(
    store: OrgStore,
    q: SoqlQuery,
    root: ObjectDef,
    where: ((r: SfRecord) => boolean) | undefined,
    select: (includeDeleted: boolean) => SfRecord[]
): CompiledQuery & { arrange(rows: SfRecord[]): SfRecord[] } {
    const fields: ResolvedField[] = [];
    const subqueries: Subquery[] = [];
    for (const s of q.select) {
        if (s.kind === 'field') fields.push(resolve(store, q, root, s.field));
        else if (s.kind === 'subquery') subqueries.push(compileSubquery(store, root, s.query));
        else throw new Error('unreachable');
    }
    const order = (q.orderBy ?? []).map((o) => {
        if (!o.field) {
            throw new SoqlError(
                'MALFORMED_QUERY',
                errorAt(q.text, 0, 'Ordered field must be grouped or aggregated')
            );
        }
        return { f: resolve(store, q, root, o.field), desc: o.desc, nullsLast: o.nullsLast };
    });
    const arrange = (input: SfRecord[]): SfRecord[] => {
        let rows = input;
        if (order.length > 0) {
            rows = sortByKeys(
                rows,
                order.map((o) => ({ key: o.f.get, desc: o.desc, nullsLast: o.nullsLast }))
            );
        }
        const offset = q.offset ?? 0;
        const end = q.limit !== undefined ? offset + q.limit : undefined;
        return offset > 0 || end !== undefined ? rows.slice(offset, end) : rows;
    };
    return {
        object: root,
        isAggregate: false,
        hasSubqueries: subqueries.length > 0,
        countOnly: false,
        columns: fields.map((f) => f.path.join('.')),
        arrange,
        run(includeDeleted = false) {
            const rows = arrange(select(includeDeleted));
            if (subqueries.length > 0) {
                const parents = new Set(rows.map((r) => r.Id));
                for (const sq of subqueries) {
                    sq.groups = new Map();
                    for (const c of store.all(sq.compiled.object.name)) {
                        const parent = c[sq.field];
                        if (typeof parent !== 'string' || !parents.has(parent)) continue;
                        if (sq.where && !sq.where(c)) continue;
                        const list = sq.groups.get(parent);
                        if (list) list.push(c);
                        else sq.groups.set(parent, [c]);
                    }
                }
            }
            return rows;
        },
        toJson(row, version) {
            const rec = row as SfRecord;
            const out: Record<string, unknown> = {
                attributes: { type: root.name, url: recordUrl(version, root.name, rec.Id) }
            };
            for (const f of fields) setNested(store, out, rec, f, version);
            for (const sq of subqueries) {
                const children = sq.compiled.arrange(sq.groups.get(rec.Id) ?? []);
                out[sq.relationshipName] =
                    children.length === 0
                        ? null
                        : {
                              totalSize: children.length,
                              done: true,
                              records: children.map((c) => sq.compiled.toJson(c, version))
                          };
            }
            return out;
        },
        toCsv(row) {
            return fields.map((f) => toCsvCell(f.get(row as SfRecord)));
        }
    };
}

/** Compiles `(SELECT … FROM ChildRelationship …)` against the child object of `parent`. */
function compileSubquery(store: OrgStore, parent: ObjectDef, q: SoqlQuery): Subquery {
    const rel = store.schema.childRelationship(parent.name, q.object);
    const child = rel ? store.schema.find(rel.childSObject) : undefined;
    if (!rel || !child) {
        throw new SoqlError(
            'INVALID_TYPE',
            errorAt(
                q.text,
                q.objectPos,
                `Didn't understand relationship '${q.object}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
            )
        );
    }
    const where = q.where ? compile(store, q, child, q.where) : undefined;
    const compiled = compileSelect(store, q, child, where, () => []);
    return {
        relationshipName: rel.relationshipName!,
        field: rel.field,
        compiled,
        where,
        groups: new Map()
    };
}

/** Writes one (possibly relationship) field into a REST record, nesting parent records. */
function setNested(
    store: OrgStore,
    out: Record<string, unknown>,
    rec: SfRecord,
    f: ResolvedField,
    version: string
): void {
    let target = out;
    let cur: SfRecord | undefined = rec;
    for (let i = 0; i < f.path.length - 1; i++) {
        const relName = f.path[i]!;
        const def = f.objects[i]!;
        const refField = def.relationships.get(relName.toLowerCase())!;
        const parentId: unknown = cur?.[refField.name];
        cur = typeof parentId === 'string' ? store.get(parentId) : undefined;
        if (!cur) {
            target[relName] = null;
            return;
        }
        let child = target[relName] as Record<string, unknown> | null | undefined;
        if (!child) {
            const type = store.schema.forId(cur.Id)?.name ?? f.objects[i + 1]!.name;
            child = { attributes: { type, url: recordUrl(version, type, cur.Id) } };
            target[relName] = child;
        }
        target = child;
    }
    target[f.path[f.path.length - 1]!] = cur ? cur[f.field.name] : null;
}

function compileAggregate(
    store: OrgStore,
    q: SoqlQuery,
    root: ObjectDef,
    select: (includeDeleted: boolean) => SfRecord[]
): CompiledQuery {
    const groups = (q.groupBy ?? []).map((g) => resolve(store, q, root, g));
    const groupKeys = groups.map((g) => g.path.join('.').toLowerCase());
    /** A field of an aggregate query must be one of the GROUP BY fields. */
    const grouped = (ref: FieldRef, message: string): { f: ResolvedField; gi: number } => {
        const f = resolve(store, q, root, ref);
        const gi = groupKeys.indexOf(f.path.join('.').toLowerCase());
        if (gi < 0) {
            throw new SoqlError(
                'MALFORMED_QUERY',
                errorAt(q.text, ref.pos, `${message}: ${f.path.join('.')}`)
            );
        }
        return { f, gi };
    };
    let expr = 0;
    const items = q.select.map((s) => {
        if (s.kind === 'field') {
            const { f, gi } = grouped(s.field, 'Field must be grouped or aggregated');
            return { name: s.alias ?? f.path[f.path.length - 1]!, group: gi };
        }
        if (s.kind === 'subquery') throw new Error('unreachable: rejected by compileQuery');
        const f = s.field ? resolve(store, q, root, s.field) : undefined;
        if (
            (s.fn === 'SUM' || s.fn === 'AVG') &&
            f &&
            !['double', 'currency', 'percent', 'int'].includes(f.field.type)
        ) {
            throw new SoqlError(
                'MALFORMED_QUERY',
                errorAt(
                    q.text,
                    s.pos,
                    `field ${f.field.name} does not support aggregate operator ${s.fn}`
                )
            );
        }
        return { name: s.alias ?? `expr${expr++}`, fn: s.fn, field: f };
    });
    const countOnly =
        groups.length === 0 &&
        q.select.length === 1 &&
        q.select[0]!.kind === 'agg' &&
        !q.select[0]!.field &&
        q.select[0]!.fn === 'COUNT' &&
        !q.select[0]!.alias;

    const aggregate = (
        fn: AggregateFn,
        f: ResolvedField | undefined,
        rows: SfRecord[]
    ): unknown => {
        if (fn === 'COUNT')
            return f
                ? rows.filter((r) => f.get(r) !== null && f.get(r) !== undefined).length
                : rows.length;
        const values = rows.map((r) => f!.get(r)).filter((v) => v !== null && v !== undefined);
        if (fn === 'COUNT_DISTINCT')
            return new Set(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))).size;
        if (values.length === 0) return null;
        if (fn === 'SUM') return values.reduce((a: number, v) => a + Number(v), 0);
        if (fn === 'AVG') return values.reduce((a: number, v) => a + Number(v), 0) / values.length;
        let best = values[0];
        for (const v of values) if (compareValues(v, best, fn === 'MAX', false) < 0) best = v;
        return best;
    };

    return {
        object: root,
        isAggregate: true,
        hasSubqueries: false,
        countOnly,
        columns: items.map((i) => i.name),
        run(includeDeleted = false) {
            const rows = select(includeDeleted);
            if (countOnly) return rows;
            const buckets = new Map<string, { keys: unknown[]; rows: SfRecord[] }>();
            for (const r of rows) {
                const keys = groups.map((g) => g.get(r));
                const k = JSON.stringify(
                    keys.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))
                );
                let b = buckets.get(k);
                if (!b) buckets.set(k, (b = { keys, rows: [] }));
                b.rows.push(r);
            }
            if (groups.length === 0 && buckets.size === 0)
                buckets.set('[]', { keys: [], rows: [] });
            let out = [...buckets.values()].map((b) => {
                const row: Record<string, unknown> = {};
                for (const item of items) {
                    row[item.name] =
                        'group' in item
                            ? b.keys[item.group!]
                            : aggregate(item.fn!, item.field, b.rows);
                }
                return { row, b };
            });
            if (q.orderBy) {
                const order = q.orderBy.map((o) => {
                    if (o.field) {
                        const { gi } = grouped(
                            o.field,
                            'Ordered field must be grouped or aggregated'
                        );
                        return { key: (x: (typeof out)[number]) => x.b.keys[gi], o };
                    }
                    const f = o.agg!.field ? resolve(store, q, root, o.agg!.field) : undefined;
                    return {
                        key: (x: (typeof out)[number]) => aggregate(o.agg!.fn, f, x.b.rows),
                        o
                    };
                });
                out = sortByKeys(
                    out,
                    order.map((ord) => ({
                        key: ord.key,
                        desc: ord.o.desc,
                        nullsLast: ord.o.nullsLast
                    }))
                );
            }
            const offset = q.offset ?? 0;
            const end = q.limit !== undefined ? offset + q.limit : undefined;
            return out.slice(offset, end).map((x) => x.row);
        },
        toJson(row) {
            return { attributes: { type: 'AggregateResult' }, ...(row as Record<string, unknown>) };
        },
        toCsv(row) {
            return Object.values(row as Record<string, unknown>).map(toCsvCell);
        }
    };
}
