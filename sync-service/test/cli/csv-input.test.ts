import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readTable } from '../../src/cli/csv-input.js';

/** The source line of each row as csv-parse counts it (the slow path readTable avoids). */
function parserLines(text: string): number[] {
    const lines: number[] = [];
    parse(text, {
        bom: true,
        skip_empty_lines: true,
        trim: true,
        on_record: (record: string[], context: { lines: number }) => {
            lines.push(context.lines);
            return record;
        }
    });
    return lines.slice(1);
}

describe('readTable line numbers', () => {
    const cases: [string, string][] = [
        ['plain', 'Id,Latitude\na,1\nb,2\n'],
        ['blank lines and CRLF', '\ufeffId,Latitude\r\n\r\na,1\r\n\r\n\r\nb,2\r\n'],
        ['no final newline', 'Id,Latitude\na,1\n\nb,2'],
        ['a quoted field over two lines', 'Id,Name\na,"two\nlines"\n\nb,x\n'],
        ['a whitespace-only line', 'Id,Name\na,x\n   \nb,y\n'],
        ['bare CR line ends', 'Id,Name\ra,x\r\rb,y\r']
    ];
    for (const [name, text] of cases) {
        it(`matches the parser's own count: ${name}`, () => {
            const table = readTable('t.csv', text);
            expect(table.lines).toEqual(parserLines(text));
            expect(table.lines.length).toBe(table.rows.length);
        });
    }

    it('names the right line in a problem after blank lines', () => {
        const table = readTable('t.csv', 'Id,Latitude\n\na,1\n\n\nb,2\n');
        expect(table.rows.map((r) => r[0])).toEqual(['a', 'b']);
        expect(table.lines).toEqual([3, 6]);
    });
});
