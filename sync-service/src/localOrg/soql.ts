/**
 * Parser for the SOQL subset the local org understands:
 *   SELECT field | Parent.Field | (SELECT … FROM ChildRelationship …) | COUNT() | COUNT(f) |
 *          COUNT_DISTINCT(f) | SUM/AVG/MIN/MAX(f) [alias], …
 *   FROM Object [WHERE cond] [GROUP BY f, …] [ORDER BY f|agg(f) [ASC|DESC] [NULLS FIRST|LAST], …]
 *   [LIMIT n] [OFFSET n]
 * cond: AND / OR / NOT, parentheses, = != <> < <= > >=, [NOT] IN (…), LIKE, null, true/false,
 * numbers, 'strings', dates, datetimes, TODAY / YESTERDAY / TOMORROW / LAST_N_DAYS:n / NEXT_N_DAYS:n.
 * Parse errors carry the platform's "ERROR at Row:1:Column:N" message format.
 */

export class SoqlError extends Error {
    readonly errorCode:
        'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'NUMBER_OUTSIDE_VALID_RANGE';
    constructor(
        errorCode:
            'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'NUMBER_OUTSIDE_VALID_RANGE',
        message: string
    ) {
        super(message);
        this.errorCode = errorCode;
    }
}

export type Literal =
    | { kind: 'string'; value: string }
    | { kind: 'number'; value: number }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'null' }
    | { kind: 'date'; value: string }
    | { kind: 'datetime'; value: number }
    | { kind: 'dateLiteral'; name: string; n: number };

export interface FieldRef {
    path: string[];
    pos: number;
}

export type AggregateFn = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

export type SelectItem =
    | { kind: 'field'; field: FieldRef; alias?: string }
    | { kind: 'agg'; fn: AggregateFn; field?: FieldRef; alias?: string; pos: number }
    /** A parent-to-child subquery: its `object` is the child relationship name. */
    | { kind: 'subquery'; query: SoqlQuery; pos: number };

export type Condition =
    | { kind: 'and' | 'or'; items: Condition[] }
    | { kind: 'not'; item: Condition }
    | { kind: 'cmp'; field: FieldRef; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Literal }
    | { kind: 'in'; field: FieldRef; not: boolean; values: Literal[] }
    | { kind: 'like'; field: FieldRef; pattern: string };

export interface OrderItem {
    field?: FieldRef;
    agg?: { fn: AggregateFn; field?: FieldRef };
    desc: boolean;
    nullsLast: boolean;
}

export interface SoqlQuery {
    text: string;
    select: SelectItem[];
    object: string;
    objectPos: number;
    where?: Condition;
    groupBy?: FieldRef[];
    orderBy?: OrderItem[];
    limit?: number;
    offset?: number;
}

type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';
interface Token {
    kind: TokenKind;
    text: string;
    pos: number;
    value?: string | number;
}

const AGGREGATES = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);
const RESERVED = new Set([
    'SELECT',
    'FROM',
    'WHERE',
    'AND',
    'OR',
    'NOT',
    'IN',
    'LIKE',
    'GROUP',
    'BY',
    'ORDER',
    'ASC',
    'DESC',
    'NULLS',
    'FIRST',
    'LAST',
    'LIMIT',
    'OFFSET',
    'NULL',
    'TRUE',
    'FALSE',
    'HAVING',
    'WITH',
    'FOR',
    'USING',
    'INCLUDES',
    'EXCLUDES'
]);
const DATE_LITERALS = new Set(['TODAY', 'YESTERDAY', 'TOMORROW']);
const N_DATE_LITERALS = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS']);

/** Formats a message the way the platform points at a column of a one-line query. */
export function errorAt(text: string, pos: number, message: string): string {
    return `\n${text}\n${' '.repeat(Math.max(0, pos))}^\nERROR at Row:1:Column:${pos + 1}\n${message}`;
}

function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    const fail = (pos: number, msg: string): never => {
        throw new SoqlError('MALFORMED_QUERY', errorAt(text, pos, msg));
    };
    while (i < text.length) {
        const c = text[i]!;
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        const start = i;
        if (c === "'") {
            let value = '';
            i++;
            for (;;) {
                if (i >= text.length) fail(start, 'unterminated string literal');
                const ch = text[i]!;
                if (ch === '\\') {
                    const next = text[i + 1];
                    const map: Record<string, string> = {
                        n: '\n',
                        t: '\t',
                        r: '\r',
                        b: '\b',
                        f: '\f'
                    };
                    value += next === undefined ? '' : (map[next] ?? next);
                    i += 2;
                } else if (ch === "'") {
                    i++;
                    break;
                } else {
                    value += ch;
                    i++;
                }
            }
            tokens.push({ kind: 'string', text: text.slice(start, i), pos: start, value });
            continue;
        }
        const dt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})/.exec(
            text.slice(i)
        );
        if (dt) {
            const iso = dt[0].replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
            tokens.push({ kind: 'datetime', text: dt[0], pos: start, value: Date.parse(iso) });
            i += dt[0].length;
            continue;
        }
        const d = /^\d{4}-\d{2}-\d{2}(?![\d])/.exec(text.slice(i));
        if (d) {
            tokens.push({ kind: 'date', text: d[0], pos: start, value: d[0] });
            i += d[0].length;
            continue;
        }
        const num = /^[-+]?\d+(\.\d+)?/.exec(text.slice(i));
        if (num && (c !== '-' && c !== '+' ? true : /\d/.test(text[i + 1] ?? ''))) {
            tokens.push({ kind: 'number', text: num[0], pos: start, value: Number(num[0]) });
            i += num[0].length;
            continue;
        }
        const ident = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i));
        if (ident) {
            tokens.push({ kind: 'ident', text: ident[0], pos: start });
            i += ident[0].length;
            continue;
        }
        const op = /^(!=|<>|<=|>=|=|<|>)/.exec(text.slice(i));
        if (op) {
            tokens.push({ kind: 'op', text: op[0] === '<>' ? '!=' : op[0], pos: start });
            i += op[0].length;
            continue;
        }
        if ('(),:'.includes(c)) {
            tokens.push({ kind: 'punct', text: c, pos: start });
            i++;
            continue;
        }
        fail(start, `unexpected token: '${c}'`);
    }
    tokens.push({ kind: 'eof', text: '', pos: text.length });
    return tokens;
}

class Parser {
    private text: string;
    private tokens: Token[];
    private i = 0;
    constructor(text: string, tokens: Token[]) {
        this.text = text;
        this.tokens = tokens;
    }

    private peek(offset = 0): Token {
        return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
    }
    private next(): Token {
        const t = this.peek();
        if (this.i < this.tokens.length - 1) this.i++;
        return t;
    }
    private isKeyword(word: string, offset = 0): boolean {
        const t = this.peek(offset);
        return t.kind === 'ident' && t.text.toUpperCase() === word;
    }
    private acceptKeyword(word: string): boolean {
        if (this.isKeyword(word)) {
            this.i++;
            return true;
        }
        return false;
    }
    fail(t: Token, message?: string): never {
        const msg =
            message ??
            (t.kind === 'eof' ? 'unexpected token: <EOF>' : `unexpected token: '${t.text}'`);
        throw new SoqlError('MALFORMED_QUERY', errorAt(this.text, t.pos, msg));
    }
    private expectKeyword(word: string): void {
        if (!this.acceptKeyword(word)) this.fail(this.peek());
    }
    private expectPunct(p: string): void {
        const t = this.next();
        if (t.kind !== 'punct' || t.text !== p) this.fail(t);
    }
    private field(): FieldRef {
        const t = this.next();
        if (t.kind !== 'ident' || RESERVED.has(t.text.toUpperCase())) this.fail(t);
        return { path: t.text.split('.'), pos: t.pos };
    }
    private aliasOpt(): string | undefined {
        const t = this.peek();
        if (t.kind === 'ident' && !RESERVED.has(t.text.toUpperCase()) && !t.text.includes('.')) {
            this.i++;
            return t.text;
        }
        return undefined;
    }
    private aggregate(): { fn: AggregateFn; field?: FieldRef; pos: number } {
        const t = this.next();
        const fn = t.text.toUpperCase() as AggregateFn;
        this.expectPunct('(');
        let field: FieldRef | undefined;
        if (!(this.peek().kind === 'punct' && this.peek().text === ')')) field = this.field();
        else if (fn !== 'COUNT') this.fail(this.peek());
        this.expectPunct(')');
        return field ? { fn, field, pos: t.pos } : { fn, pos: t.pos };
    }
    private isAggregateStart(): boolean {
        const t = this.peek();
        const n = this.peek(1);
        return (
            t.kind === 'ident' &&
            AGGREGATES.has(t.text.toUpperCase()) &&
            n.kind === 'punct' &&
            n.text === '('
        );
    }

    parse(nested = false): SoqlQuery {
        this.expectKeyword('SELECT');
        const select: SelectItem[] = [];
        for (;;) {
            if (this.peek().kind === 'punct' && this.peek().text === '(') {
                const open = this.next();
                if (nested) this.fail(open, 'nested subqueries are not supported');
                const query = this.parse(true);
                select.push({ kind: 'subquery', query, pos: open.pos });
            } else if (this.isAggregateStart()) {
                if (nested)
                    this.fail(this.peek(), 'aggregate functions are not supported in a subquery');
                const agg = this.aggregate();
                const alias = this.aliasOpt();
                select.push({ kind: 'agg', ...agg, ...(alias ? { alias } : {}) });
            } else {
                const field = this.field();
                const alias = this.aliasOpt();
                select.push({ kind: 'field', field, ...(alias ? { alias } : {}) });
            }
            if (this.peek().kind === 'punct' && this.peek().text === ',') {
                this.i++;
                continue;
            }
            break;
        }
        this.expectKeyword('FROM');
        const objTok = this.next();
        if (objTok.kind !== 'ident' || objTok.text.includes('.')) this.fail(objTok);
        const query: SoqlQuery = {
            text: this.text,
            select,
            object: objTok.text,
            objectPos: objTok.pos
        };
        if (this.acceptKeyword('WHERE')) query.where = this.orCond();
        if (nested && this.isKeyword('GROUP')) this.fail(this.peek());
        if (this.acceptKeyword('GROUP')) {
            this.expectKeyword('BY');
            query.groupBy = [this.field()];
            while (this.peek().kind === 'punct' && this.peek().text === ',') {
                this.i++;
                query.groupBy.push(this.field());
            }
        }
        if (this.acceptKeyword('ORDER')) {
            this.expectKeyword('BY');
            query.orderBy = [];
            for (;;) {
                const item: OrderItem = { desc: false, nullsLast: false };
                if (this.isAggregateStart()) {
                    const a = this.aggregate();
                    item.agg = a.field ? { fn: a.fn, field: a.field } : { fn: a.fn };
                } else item.field = this.field();
                if (this.acceptKeyword('DESC')) item.desc = true;
                else this.acceptKeyword('ASC');
                if (this.acceptKeyword('NULLS')) {
                    if (this.acceptKeyword('LAST')) item.nullsLast = true;
                    else this.expectKeyword('FIRST');
                }
                query.orderBy.push(item);
                if (this.peek().kind === 'punct' && this.peek().text === ',') {
                    this.i++;
                    continue;
                }
                break;
            }
        }
        if (this.acceptKeyword('LIMIT')) query.limit = this.nonNegativeInt();
        if (this.acceptKeyword('OFFSET')) {
            const t = this.peek();
            query.offset = this.nonNegativeInt();
            if (query.offset > 2000) {
                throw new SoqlError(
                    'NUMBER_OUTSIDE_VALID_RANGE',
                    errorAt(this.text, t.pos, `Maximum SOQL offset allowed is 2000`)
                );
            }
        }
        if (nested) this.expectPunct(')');
        else if (this.peek().kind !== 'eof') this.fail(this.peek());
        return query;
    }

    private nonNegativeInt(): number {
        const t = this.next();
        if (t.kind !== 'number' || !Number.isInteger(t.value) || Number(t.value) < 0) this.fail(t);
        return Number(t.value);
    }

    private orCond(): Condition {
        const items = [this.andCond()];
        while (this.acceptKeyword('OR')) items.push(this.andCond());
        return items.length === 1 ? items[0]! : { kind: 'or', items };
    }
    private andCond(): Condition {
        const items = [this.notCond()];
        while (this.acceptKeyword('AND')) items.push(this.notCond());
        return items.length === 1 ? items[0]! : { kind: 'and', items };
    }
    private notCond(): Condition {
        if (this.acceptKeyword('NOT')) return { kind: 'not', item: this.notCond() };
        if (this.peek().kind === 'punct' && this.peek().text === '(') {
            this.i++;
            const c = this.orCond();
            this.expectPunct(')');
            return c;
        }
        return this.simpleCond();
    }
    private simpleCond(): Condition {
        const field = this.field();
        if (this.isKeyword('NOT') && this.isKeyword('IN', 1)) {
            this.i += 2;
            return { kind: 'in', field, not: true, values: this.literalList() };
        }
        if (this.acceptKeyword('IN'))
            return { kind: 'in', field, not: false, values: this.literalList() };
        if (this.acceptKeyword('LIKE')) {
            const t = this.next();
            if (t.kind !== 'string') this.fail(t);
            return { kind: 'like', field, pattern: String(t.value) };
        }
        const op = this.next();
        if (op.kind !== 'op') this.fail(op);
        return { kind: 'cmp', field, op: op.text as '=', value: this.literal() };
    }
    private literalList(): Literal[] {
        this.expectPunct('(');
        const values = [this.literal()];
        while (this.peek().kind === 'punct' && this.peek().text === ',') {
            this.i++;
            values.push(this.literal());
        }
        this.expectPunct(')');
        return values;
    }
    private literal(): Literal {
        const t = this.next();
        switch (t.kind) {
            case 'string':
                return { kind: 'string', value: String(t.value) };
            case 'number':
                return { kind: 'number', value: Number(t.value) };
            case 'date':
                return { kind: 'date', value: String(t.value) };
            case 'datetime':
                return { kind: 'datetime', value: Number(t.value) };
            case 'ident': {
                const word = t.text.toUpperCase();
                if (word === 'NULL') return { kind: 'null' };
                if (word === 'TRUE' || word === 'FALSE')
                    return { kind: 'boolean', value: word === 'TRUE' };
                if (DATE_LITERALS.has(word)) return { kind: 'dateLiteral', name: word, n: 0 };
                if (N_DATE_LITERALS.has(word)) {
                    this.expectPunct(':');
                    return { kind: 'dateLiteral', name: word, n: this.nonNegativeInt() };
                }
                return this.fail(t);
            }
            default:
                return this.fail(t);
        }
    }
}

/** Parses one SOQL statement; throws SoqlError(MALFORMED_QUERY) on a syntax error. */
export function parseSoql(text: string): SoqlQuery {
    const trimmed = text.trim();
    return new Parser(trimmed, tokenize(trimmed)).parse();
}
