// Static checks on Apex sources: syntax (the platform compiler cannot run here) and the habits
// CONVENTIONS.md asks for (with sharing, WITH USER_MODE on every query, no dynamic SOQL).
import {
    ApexErrorListener,
    ApexParserFactory,
    ApexParserListener,
    ApexParseTreeWalker
} from '@apexdevtools/apex-parser';

class CollectingErrorListener extends ApexErrorListener {
    constructor() {
        super();
        this.errors = [];
    }

    apexSyntaxError(line, column, msg) {
        this.errors.push({ line, column, message: msg });
    }
}

class SoqlCollector extends ApexParserListener {
    constructor(source) {
        super();
        this.source = source;
        this.queries = [];
        // Assigned here, not as a method: the generated base listener declares its hooks as
        // instance fields, which would shadow a prototype method.
        this.enterSoqlLiteral = (ctx) => {
            this.queries.push({
                line: ctx.start.line,
                text: this.source.slice(ctx.start.start, ctx.stop.stop + 1)
            });
        };
    }
}

/**
 * Parses one Apex class or trigger.
 * @param {string} source file content
 * @param {boolean} isTrigger parse as a trigger unit
 * @returns {{ errors: {line:number,column:number,message:string}[], queries: {line:number,text:string}[] }}
 */
export function parseApex(source, isTrigger = false) {
    const listener = new CollectingErrorListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    const tree = isTrigger ? parser.triggerUnit() : parser.compilationUnit();
    const collector = new SoqlCollector(source);
    if (listener.errors.length === 0) {
        ApexParseTreeWalker.DEFAULT.walk(collector, tree);
    }
    return { errors: listener.errors, queries: collector.queries };
}

/**
 * Checks one Apex file; returns human-readable problems ("file:line:col message").
 * @param {string} file path for messages
 * @param {string} source file content
 */
export function checkApexFile(file, source) {
    const isTrigger = file.endsWith('.trigger');
    const { errors, queries } = parseApex(source, isTrigger);
    // ANTLR lists every token it would have accepted; the count is enough to read the error.
    const shorten = (message) =>
        message.replace(
            /expecting \{(.*)\}$/,
            (_, list) => `expecting one of ${list.split(', ').length} tokens`
        );
    const problems = errors.map(
        (e) => `${file}:${e.line}:${e.column} syntax error: ${shorten(e.message)}`
    );
    if (errors.length > 0) {
        return problems;
    }
    const isTest = /@IsTest\b/i.test(source.slice(0, source.search(/\bclass\b/i) + 1));
    if (!isTrigger && !isTest && !/\b(with|inherited) sharing\b/i.test(source)) {
        problems.push(`${file}: production classes must declare "with sharing".`);
    }
    for (const query of queries) {
        if (!isTest && !/\bWITH\s+(USER_MODE|SECURITY_ENFORCED)\b/i.test(query.text)) {
            problems.push(
                `${file}:${query.line} SOQL without WITH USER_MODE: ${query.text.slice(0, 80)}`
            );
        }
    }
    const dynamic = source.match(
        /\bDatabase\.(query|queryWithBinds|countQuery|getQueryLocator)\s*\(\s*[^'\s]/i
    );
    if (!isTest && dynamic) {
        problems.push(
            `${file}: dynamic SOQL (${dynamic[0]}) is not allowed; use inline SOQL with binds.`
        );
    }
    return problems;
}
