/**
 * `territory org --objects OBJECTS.json`: the declarations are validated with messages that name
 * the entry and key, a bad file stops the command with exit code 1, and a good one gives an org
 * where unmodified jsforce writes and reads the declared objects.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import {
    ObjectsFileError,
    parseCustomObjects,
    readCustomObjectsFile
} from '../../src/localOrg/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'territory-objects-'));

function problem(input: unknown): string {
    try {
        parseCustomObjects(input, 'OBJECTS.json');
    } catch (err) {
        expect(err).toBeInstanceOf(ObjectsFileError);
        return (err as Error).message;
    }
    throw new Error('expected the declarations to be rejected');
}

const field = (extra: Record<string, unknown>) => [
    { name: 'Thing__c', fields: [{ name: 'F__c', type: 'string', ...extra }] }
];

describe('OBJECTS.json validation', () => {
    it.each([
        [{}, 'OBJECTS.json: expected an array of objects, got {}'],
        [
            [{ name: 'Thing', fields: [] }],
            'OBJECTS.json: [0].name: must be a custom object API name'
        ],
        [[{ name: 'Bad__Name__c', fields: [] }], '[0].name: must be a custom object API name'],
        [
            [{ name: 'Territory_Scenario__c', fields: [] }],
            '[0].name: "Territory_Scenario__c" is a built-in object'
        ],
        [
            [
                { name: 'A__c', fields: [] },
                { name: 'a__c', fields: [] }
            ],
            '[1].name: "a__c" is declared twice'
        ],
        [[{ name: 'A__c' }], '[0].fields: must be an array of fields, got nothing'],
        [[{ name: 'A__c', fields: [], colour: 'red' }], '[0]: unknown key "colour"'],
        [
            [{ name: 'A__c', fields: [{ name: 'Code', type: 'string' }] }],
            '[0].fields[0].name: must be a custom field API name'
        ],
        [
            [{ name: 'A__c', fields: [{ name: 'X__c', type: 'text' }] }],
            '[0].fields[0].type: must be one of string, textarea, double, int, currency, percent, boolean, date, datetime, reference, picklist, got "text"'
        ],
        [
            [
                {
                    name: 'A__c',
                    fields: [
                        { name: 'X__c', type: 'int' },
                        { name: 'x__c', type: 'int' }
                    ]
                }
            ],
            '[0].fields[1].name: "x__c" is declared twice on A__c'
        ],
        [field({ length: 300 }), '[0].fields[0].length: must be an integer from 1 to 255, got 300'],
        [
            field({ type: 'boolean', externalId: true }),
            'only string, int and double fields can be External IDs, not boolean'
        ],
        [
            field({ externalId: 'yes' }),
            '[0].fields[0].externalId: must be true or false, got "yes"'
        ],
        [
            field({ type: 'picklist' }),
            '[0].fields[0].values: a picklist needs a non-empty array of non-empty strings'
        ],
        [
            field({ type: 'picklist', values: ['A', 'a'] }),
            '[0].fields[0].values: "a" is listed twice'
        ],
        [field({ values: ['A'] }), '[0].fields[0].values: only picklist fields take "values"'],
        [
            field({ type: 'reference' }),
            '[0].fields[0].referenceTo: a reference needs the object it points to'
        ],
        [
            field({ type: 'reference', referenceTo: 'Nope__c' }),
            '"Nope__c" is neither a built-in object nor declared in this file'
        ],
        [field({ type: 'boolean', required: true }), 'a boolean field is never empty'],
        [
            field({ type: 'int', defaultValue: 1.5 }),
            '[0].fields[0].defaultValue: 1.5 is not a valid default for a int field'
        ],
        [
            [
                {
                    name: 'Thing__c',
                    fields: [
                        { name: 'A__c', type: 'reference', referenceTo: 'Account' },
                        { name: 'B__c', type: 'reference', referenceTo: 'Account' }
                    ]
                }
            ],
            '[0].fields[1].childRelationshipName: Account already has a child relationship "Things__r" (from Thing__c.A__c)'
        ]
    ])('rejects %j', (input, message) => {
        expect(problem(input)).toContain(message);
    });

    it('accepts references to objects declared later, and defaults labels and relationships', () => {
        const [a, b] = parseCustomObjects([
            {
                name: 'Order_Line__c',
                fields: [{ name: 'Order__c', type: 'reference', referenceTo: 'order__c' }]
            },
            { name: 'Order__c', labelPlural: 'Orders!', fields: [] }
        ]);
        expect(a!.fields.get('Order__c')).toMatchObject({
            referenceTo: ['Order__c'],
            relationshipName: 'Order__r',
            childRelationshipName: 'Order_Lines__r'
        });
        expect(a!.label).toBe('Order Line');
        expect(b).toMatchObject({ label: 'Order', labelPlural: 'Orders!', custom: true });
        expect(a!.keyPrefix).not.toBe(b!.keyPrefix);
        expect([...b!.fields.keys()]).toEqual(
            expect.arrayContaining(['Id', 'Name', 'OwnerId', 'CreatedDate'])
        );
    });

    it('names the file when it cannot be read or parsed', async () => {
        const bad = join(dir, 'broken.json');
        writeFileSync(bad, '[{"name": "A__c",');
        await expect(readCustomObjectsFile(bad)).rejects.toThrow(`${bad}: not valid JSON`);
        await expect(readCustomObjectsFile(join(dir, 'missing.json'))).rejects.toThrow(
            'cannot read the file'
        );
    });
});

function run(args: string[]): {
    child: ReturnType<typeof spawn>;
    exited: Promise<number | null>;
    stderr: () => string;
    firstLine: Promise<string>;
} {
    const child = spawn(process.execPath, ['sync-service/bin/territory.mjs', 'org', ...args], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe']
    });
    let err = '';
    let out = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const firstLine = new Promise<string>((res, rej) => {
        child.stdout!.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('\n')) res(out.split('\n')[0]!);
        });
        child.on('exit', () => rej(new Error(`exited early: ${err}`)));
    });
    firstLine.catch(() => undefined);
    return { child, exited, stderr: () => err, firstLine };
}

describe('territory org --objects', () => {
    it('stops with exit code 1 and the problem on a bad file', async () => {
        const file = join(dir, 'bad.json');
        writeFileSync(
            file,
            JSON.stringify([{ name: 'Thing__c', fields: [{ name: 'X__c', type: 'blob' }] }])
        );
        const p = run(['--accounts', '10', '--reps', '20', '--objects', file]);
        expect(await p.exited).toBe(1);
        expect(p.stderr()).toContain(
            `territory org: --objects ${file}: [0].fields[0].type: must be one of`
        );
    });

    it('serves the declared objects to jsforce', async () => {
        const file = join(dir, 'objects.json');
        writeFileSync(
            file,
            JSON.stringify([
                {
                    name: 'Widget__c',
                    fields: [{ name: 'Sku__c', type: 'string', externalId: true }]
                }
            ])
        );
        const p = run(['--accounts', '10', '--reps', '20', '--objects', file]);
        try {
            const ready = JSON.parse(await p.firstLine) as Record<string, string>;
            const conn = new Connection({
                oauth2: {
                    clientId: ready.clientId!,
                    clientSecret: ready.clientSecret!,
                    loginUrl: ready.loginUrl!
                },
                version: ready.apiVersion!
            });
            await conn.authorize({ grant_type: 'client_credentials' });
            const up = await conn
                .sobject('Widget__c')
                .upsert({ Name: 'W', Sku__c: 'S-1' }, 'Sku__c');
            expect(up.created).toBe(true);
            const res = await conn.query<{ Sku__c: string; Name: string }>(
                'SELECT Name, Sku__c FROM Widget__c'
            );
            expect(res.records.map((r) => [r.Name, r.Sku__c])).toEqual([['W', 'S-1']]);
            expect(p.stderr()).toContain('custom objects Widget__c');
        } finally {
            p.child.kill('SIGTERM');
            await p.exited;
        }
    });
});
