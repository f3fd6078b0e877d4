// SOQL field references for the Apex gate (scripts/apex-gate.mjs). apex-ls checks the FROM object
// and the bound expressions of inline SOQL, not the fields it names; a misspelt field there fails
// the deploy all the same. So every field path of a query becomes an Apex expression on the queried
// type (`((Account) null).Owner.Name`) in a generated class that apex-ls type-checks with all it
// knows about the objects; its findings on that class map back to the query.
// Only the query literals are parsed, not the whole class: the lexer finds them, and parsing a few
// queries is several times faster than parsing the classes with the full Apex grammar.
import {
    ApexErrorListener,
    ApexLexer,
    ApexParserFactory,
    BoundExpressionContext,
    FieldNameContext,
    FromNameListContext,
    SelectEntryContext,
    SoqlLiteralContext,
    SubFieldEntryContext,
    SubQueryContext,
    TypeOfContext
} from '@apexdevtools/apex-parser';

/**
 * @typedef {object} SoqlFieldRef
 * @property {number} line 1-based line of the field name in the Apex source
 * @property {number} column 1-based column of the field name
 * @property {string} path the field path as written (`Territory2.Potential__c`)
 * @property {string} record Apex expression of the record the path is read from
 */

/** Visits the descendants of ctx depth-first; visit returns false to skip a subtree. */
function walk(ctx, visit) {
    for (const child of ctx.children ?? []) {
        if (visit(child) !== false) walk(child, visit);
    }
}

const recordOf = (objectName) => `((${objectName}) null)`;

const isSelectEntry = (ctx) =>
    ctx instanceof SelectEntryContext || ctx instanceof SubFieldEntryContext;

function reference(fieldName, record, path = fieldName.getText()) {
    return {
        line: fieldName.start.line,
        column: fieldName.start.column + 1,
        path,
        record
    };
}

/** TYPEOF What WHEN Account THEN Name ELSE Subject END: each WHEN list is read from its type. */
function collectTypeOf(typeOf, record, refs) {
    const field = typeOf.fieldName();
    refs.push(reference(field, record));
    for (const when of typeOf.whenClause_list()) {
        const whenRecord = recordOf(when.fieldName().getText());
        for (const name of when.fieldNameList().fieldName_list()) {
            refs.push(reference(name, whenRecord));
        }
    }
    for (const name of typeOf.elseClause()?.fieldNameList().fieldName_list() ?? []) {
        refs.push(reference(name, `${record}.${field.getText()}`));
    }
}

/** Collects the field references of one query or subquery whose rows are `record`. */
function collectQuery(query, record, refs) {
    const fromAlias = query.fromNameList().soqlId(0)?.getText().toLowerCase();
    // Aggregate aliases (SUM(Amount) total) may be used in ORDER BY and HAVING.
    const aliases = new Set();
    walk(query, (ctx) => {
        if (isSelectEntry(ctx) && ctx.soqlId()) aliases.add(ctx.soqlId().getText().toLowerCase());
        return !(ctx instanceof SubQueryContext || ctx instanceof BoundExpressionContext);
    });
    walk(query, (ctx) => {
        if (ctx instanceof FromNameListContext || ctx instanceof BoundExpressionContext) {
            return false;
        }
        if (ctx instanceof SubQueryContext) {
            const from = ctx.fromNameList().fieldName(0).getText();
            // In the select list FROM names a child relationship; in WHERE (semi-join) an object.
            const rows = isSelectEntry(ctx.parentCtx) ? `${record}.${from}[0]` : recordOf(from);
            collectQuery(ctx, rows, refs);
            return false;
        }
        if (ctx instanceof TypeOfContext) {
            collectTypeOf(ctx, record, refs);
            return false;
        }
        if (ctx instanceof FieldNameContext) {
            const segments = ctx.soqlId_list().map((id) => id.getText());
            const isAlias =
                segments.length === 1 &&
                !isSelectEntry(ctx.parentCtx) &&
                aliases.has(segments[0].toLowerCase());
            if (!isAlias) {
                const qualified = segments.length > 1 && segments[0].toLowerCase() === fromAlias;
                refs.push(reference(ctx, record, segments.slice(qualified ? 1 : 0).join('.')));
            }
            return false;
        }
        return true;
    });
}

/** Lexer errors are left to apex-ls, which reports them with the rest. */
class IgnoreErrors extends ApexErrorListener {
    apexSyntaxError() {}
}

/** Each inline SOQL literal (`[SELECT …]`) of a source: its text and the position of its `[`. */
function soqlLiterals(source) {
    const { lexer } = ApexParserFactory.createLexerAndParser(source, new IgnoreErrors());
    const tokens = lexer
        .getAllTokens()
        .filter((token) => token.channel === ApexLexer.DEFAULT_TOKEN_CHANNEL);
    const literals = [];
    for (let i = 0; i + 1 < tokens.length; i++) {
        if (tokens[i].type !== ApexLexer.LBRACK || tokens[i + 1].type !== ApexLexer.SELECT)
            continue;
        let depth = 0;
        let end = i;
        for (; end < tokens.length; end++) {
            if (tokens[end].type === ApexLexer.LBRACK) depth += 1;
            if (tokens[end].type === ApexLexer.RBRACK && --depth === 0) break;
        }
        if (end === tokens.length) break;
        const open = tokens[i];
        literals.push({
            text: source.slice(open.start, tokens[end].stop + 1),
            line: open.line,
            column: open.column
        });
        // A query in a bound expression of this one is collected with it.
        i = end;
    }
    return literals;
}

/**
 * Lists the field references of every inline SOQL query in one Apex class or trigger (select
 * list, WHERE, GROUP BY, HAVING, ORDER BY; subqueries and TYPEOF included). A query that does not
 * parse gives none: apex-ls reports its syntax error.
 * @param {string} source file content
 * @returns {SoqlFieldRef[]}
 */
export function soqlFieldReferences(source) {
    const refs = [];
    for (const literal of soqlLiterals(source)) {
        let tree;
        try {
            tree = ApexParserFactory.createParser(literal.text, true).soqlLiteral();
        } catch {
            continue;
        }
        const found = [];
        // The literal itself, and any query in one of its bound expressions.
        const collect = (ctx) => {
            if (ctx instanceof SoqlLiteralContext) {
                const query = ctx.query();
                collectQuery(query, recordOf(query.fromNameList().fieldName(0).getText()), found);
            }
            return true;
        };
        collect(tree);
        walk(tree, collect);
        // Positions in the literal's text, moved to where the literal starts in the source.
        for (const ref of found) {
            const onFirstLine = ref.line === 1;
            refs.push({
                ...ref,
                line: literal.line + ref.line - 1,
                column: onFirstLine ? literal.column + ref.column : ref.column
            });
        }
    }
    return refs;
}

/**
 * Writes the Apex class that reads every referenced field, one reference per line.
 * @param {string} className name of the generated class
 * @param {{ file: string, ref: SoqlFieldRef }[]} entries the references and their files
 * @returns {{ source: string, lineOf: Map<number, { file: string, ref: SoqlFieldRef }> }}
 *   lineOf maps a line of the generated class to the reference it checks
 */
export function soqlFieldsClass(className, entries) {
    const header = [
        '// Generated by scripts/apex-gate.mjs: each line reads one field that a SOQL query names.',
        `public class ${className} {`,
        '    static void readFields() {'
    ];
    const lineOf = new Map();
    const body = entries.map((entry, index) => {
        lineOf.set(header.length + index + 1, entry);
        return `        Object field${index} = ${entry.ref.record}.${entry.ref.path};`;
    });
    return { source: [...header, ...body, '    }', '}', ''].join('\n'), lineOf };
}
