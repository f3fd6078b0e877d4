/**
 * The local org where unmodified jsforce looks (issue 14 part 5): upsert by External ID (REST,
 * Collections, Bulk API 2.0), Account's standard fields, Contact, describe childRelationships and
 * parent-to-child subqueries (jsforce `Query.include`), describeGlobal labels, and custom objects
 * declared with `objects` (the `--objects OBJECTS.json` of `territory org`). Cases follow jsforce's
 * own live-org tests (connection-crud, sobject, bulk2) and Salesforce's REST/Bulk documentation.
 */
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    startLocalOrg,
    type CustomObjectDeclaration,
    type LocalOrg
} from '../../src/localOrg/index.js';

const OBJECTS: CustomObjectDeclaration[] = [
    {
        name: 'Thing__c',
        fields: [
            { name: 'Code__c', type: 'string', length: 40, externalId: true },
            { name: 'Serial__c', type: 'int', externalId: true, unique: true },
            { name: 'Weight__c', type: 'double' },
            { name: 'Price__c', type: 'currency' },
            { name: 'Share__c', type: 'percent' },
            { name: 'Active__c', type: 'boolean' },
            { name: 'Due__c', type: 'date' },
            { name: 'Seen__c', type: 'datetime' },
            { name: 'Notes__c', type: 'textarea' },
            { name: 'Colour__c', type: 'picklist', values: ['Red', 'Green'], restricted: true },
            { name: 'Account__c', type: 'reference', referenceTo: 'Account' },
            { name: 'Plain__c', type: 'string' }
        ]
    },
    {
        name: 'Thing_Part__c',
        label: 'Thing Part',
        fields: [
            {
                name: 'Thing__c',
                type: 'reference',
                referenceTo: 'Thing__c',
                childRelationshipName: 'Parts__r'
            },
            { name: 'Qty__c', type: 'int', required: true }
        ]
    }
];

let org: LocalOrg;
let conn: Connection;

type Rec = Record<string, unknown>;
type Err = Error & { errorCode?: string; data?: unknown };

async function caught(p: PromiseLike<unknown>): Promise<Err> {
    try {
        await p;
    } catch (err) {
        return err as Err;
    }
    throw new Error('expected a rejection');
}

beforeAll(async () => {
    org = await startLocalOrg({
        accounts: 60,
        reps: 20,
        seed: 3,
        bulkProcessingDelayMs: 5,
        objects: OBJECTS
    });
    const c = org.credentials;
    conn = new Connection({
        oauth2: { clientId: c.clientId, clientSecret: c.clientSecret, loginUrl: c.loginUrl },
        version: c.apiVersion
    });
    await conn.authorize({ grant_type: 'client_credentials' });
});
afterAll(async () => {
    await org.close();
});

describe('upsert by External ID through jsforce', () => {
    const code = `UP-${Date.now()}`;
    let id = '';

    it('creates when nothing matches (REST, 201, created: true)', async () => {
        const ret = await conn
            .sobject('Thing__c')
            .upsert({ Name: 'New', Code__c: code }, 'Code__c');
        expect(ret.success).toBe(true);
        expect(ret.created).toBe(true);
        expect(ret.id).toMatch(/^a1\w{16}$/);
        id = ret.id!;
        expect(org.store.get(id)).toMatchObject({ Name: 'New', Code__c: code });
    });

    it('updates the one match (200, created: false), matching text case-insensitively', async () => {
        const ret = await conn
            .sobject('Thing__c')
            .upsert({ Name: 'Updated', Code__c: code.toLowerCase() }, 'Code__c');
        expect(ret).toMatchObject({ id, success: true, created: false });
        const rec = (await conn.sobject('Thing__c').retrieve(id)) as Rec;
        expect(rec.Name).toBe('Updated');
    });

    it('answers 300 MULTIPLE_CHOICES with the matching record URLs when several match', async () => {
        const dup = await conn.sobject('Thing__c').create({ Name: 'Dup', Code__c: code });
        const err = await caught(
            conn.sobject('Thing__c').upsert({ Name: 'Twice', Code__c: code }, 'Code__c')
        );
        expect(err.name).toBe('MULTIPLE_CHOICES');
        const urls = err.data as string[];
        expect(urls.map((u) => u.split('/').pop()).sort()).toEqual([id, dup.id].sort());
        expect(urls[0]).toMatch(/^\/services\/data\/v\d+\.0\/sobjects\/Thing__c\/a1/);
        expect(org.store.get(id)!.Name).toBe('Updated');
    });

    it('answers 204 on update before API 46 and 404 on a field that is not an External ID', async () => {
        const serial = 424242;
        const created = await conn.sobject('Thing__c').upsert({ Serial__c: serial }, 'Serial__c');
        expect(created.created).toBe(true);
        const old = new Connection({
            instanceUrl: conn.instanceUrl,
            accessToken: conn.accessToken!,
            version: '45.0'
        });
        const updated = await old
            .sobject('Thing__c')
            .upsert({ Serial__c: serial, Weight__c: 2 }, 'Serial__c');
        // jsforce substitutes {success, errors} for the 204 of old versions.
        expect(updated).toEqual({ success: true, errors: [] });
        expect(org.store.get(created.id!)!.Weight__c).toBe(2);
        const err = await caught(conn.sobject('Thing__c').upsert({ Plain__c: 'x' }, 'Plain__c'));
        expect(err.errorCode).toBe('NOT_FOUND');
    });

    it('upserts a collection in order with created per record (API ≥ 46)', async () => {
        const fresh = `C-${Date.now()}`;
        const results = await conn.sobject('Thing__c').upsert(
            [
                { Name: 'Again', Code__c: `${code}-solo` },
                { Name: 'Brand new', Code__c: fresh }
            ],
            'Code__c'
        );
        expect(results.map((r) => [r.success, r.created])).toEqual([
            [true, true],
            [true, true]
        ]);
        const again = await conn.sobject('Thing__c').upsert(
            [
                { Name: 'Renamed', Code__c: fresh },
                { Name: 'Third', Code__c: `${fresh}-3` }
            ],
            'Code__c'
        );
        expect(again.map((r) => r.created)).toEqual([false, true]);
        expect(again[0]!.id).toBe(results[1]!.id);
        expect(org.store.get(results[1]!.id!)!.Name).toBe('Renamed');
        // Several matches fail that record only.
        const mixed = await conn
            .sobject('Thing__c')
            .upsert([{ Code__c: code }, { Code__c: fresh }], 'Code__c');
        expect(mixed[0]).toMatchObject({ success: false, created: false });
        expect(mixed[0]!.errors[0]).toMatchObject({ statusCode: 'DUPLICATE_EXTERNAL_ID' });
        expect(mixed[1]).toMatchObject({ success: true, created: false });
    });

    it('rolls a collection back with allOrNone, every result still carrying created', async () => {
        const prefix = `AON-${Date.now()}`;
        const records: Rec[] = [0, 1, 2, 3].map((i) => ({
            Name: `#${i}`,
            Code__c: `${prefix}-${i}`
        }));
        records[2]!.OwnerId = 'INVALID_OWNER';
        const results = await conn
            .sobject('Thing__c')
            .upsert(records, 'Code__c', { allOrNone: true });
        results.forEach((r, i) => {
            expect(r.success).toBe(false);
            expect(r.created).toBe(true);
            const codes = (r.errors as unknown as { statusCode: string }[]).map(
                (e) => e.statusCode
            );
            expect(codes).toEqual([i === 2 ? 'MALFORMED_ID' : 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);
        });
        const found = await conn.sobject('Thing__c').find({ Code__c: { $like: `${prefix}%` } });
        expect(found).toHaveLength(0);
    });
});

describe('Bulk API 2.0 upsert', () => {
    it('inserts rows without a match and updates matched ones (sf__Created)', async () => {
        const base = `BULK-${Date.now()}`;
        const existing = await conn
            .sobject('Thing__c')
            .create({ Name: 'Before', Code__c: `${base}-0` });
        // jsforce sends an (empty) Id column with every upsert row.
        const res = await conn.bulk2.loadAndWaitForResults({
            object: 'Thing__c',
            operation: 'upsert',
            externalIdFieldName: 'Code__c',
            input: [0, 1, 2].map((i) => ({
                Name: `Bulk ${i}`,
                Code__c: `${base}-${i}`,
                Weight__c: i
            })),
            pollInterval: 20
        });
        expect(res.failedResults).toEqual([]);
        const byCode = new Map(res.successfulResults.map((r) => [String((r as Rec).Code__c), r]));
        expect(byCode.get(`${base}-0`)).toMatchObject({
            sf__Id: existing.id,
            sf__Created: 'false'
        });
        expect(byCode.get(`${base}-1`)!.sf__Created).toBe('true');
        expect(byCode.get(`${base}-2`)!.sf__Created).toBe('true');
        expect(org.store.get(existing.id!)).toMatchObject({ Name: 'Bulk 0', Weight__c: 0 });
        expect(org.store.get(String(byCode.get(`${base}-2`)!.sf__Id))).toMatchObject({
            Name: 'Bulk 2',
            Weight__c: 2
        });
    });

    it('upserts on Id: a CSV without Id inserts every row (jsforce bulk2 test)', async () => {
        const csv = [
            'NAME`TYPE`PHONE`ANNUALREVENUE',
            'acme #0`Prospect`415-555-0000`0',
            'acme #1`Other`415-555-0001`1000',
            ''
        ].join('\n');
        const res = await conn.bulk2.loadAndWaitForResults({
            object: 'Account',
            operation: 'upsert',
            columnDelimiter: 'BACKQUOTE',
            externalIdFieldName: 'Id',
            input: csv,
            pollInterval: 20
        });
        expect(res.successfulResults.map((r) => r.sf__Created)).toEqual(['true', 'true']);
        const again = await conn.bulk2.loadAndWaitForResults({
            object: 'Account',
            operation: 'upsert',
            externalIdFieldName: 'Id',
            input: res.successfulResults.map((r) => ({ Id: r.sf__Id, Rating: 'Hot' })),
            pollInterval: 20
        });
        expect(again.successfulResults.map((r) => r.sf__Created)).toEqual(['false', 'false']);
        expect(org.store.get(String(res.successfulResults[0]!.sf__Id))!.Rating).toBe('Hot');
    });

    it('rejects an upsert job on a field that is not an External ID', async () => {
        const err = await caught(
            conn.bulk2.loadAndWaitForResults({
                object: 'Thing__c',
                operation: 'upsert',
                externalIdFieldName: 'Plain__c',
                input: [{ Plain__c: 'x' }],
                pollInterval: 20
            })
        );
        expect(err.message).toMatch(/Plain__c does not match an External ID/);
    });
});

describe('Account and Contact', () => {
    it('describes the standard Account fields with their types and picklists', async () => {
        const d = await conn.sobject('Account').describe();
        const f = new Map(d.fields.map((x) => [x.name, x]));
        expect(f.get('ParentId')).toMatchObject({
            type: 'reference',
            referenceTo: ['Account'],
            relationshipName: 'Parent'
        });
        for (const n of [
            'ShippingStreet',
            'ShippingCity',
            'ShippingState',
            'ShippingPostalCode',
            'ShippingCountry'
        ])
            expect(f.get(n)?.type).toMatch(/^(string|textarea)$/);
        expect(f.get('ShippingLatitude')?.type).toBe('double');
        expect(f.get('Fax')?.type).toBe('phone');
        expect(f.get('Website')?.type).toBe('url');
        expect((f.get('Ownership')?.picklistValues ?? []).map((p) => p.value)).toEqual([
            'Public',
            'Private',
            'Subsidiary',
            'Other'
        ]);
        expect((f.get('Rating')?.picklistValues ?? []).map((p) => p.value)).toEqual([
            'Hot',
            'Warm',
            'Cold'
        ]);
        expect(f.get('AccountSource')?.type).toBe('picklist');
        for (const n of ['Sic', 'SicDesc', 'TickerSymbol', 'Site', 'Jigsaw'])
            expect(f.get(n)?.createable).toBe(true);
        expect(f.get('JigsawCompanyId')).toMatchObject({ createable: false, updateable: false });
        expect(f.get('Name')).toMatchObject({
            nameField: true,
            nillable: false,
            label: 'Account Name'
        });
        expect(d).toMatchObject({ label: 'Account', labelPlural: 'Accounts', keyPrefix: '001' });
    });

    it('writes and reads the new Account fields, Parent included', async () => {
        const parent = await conn.sobject('Account').create({ Name: 'Parent Co' });
        const child = await conn.sobject('Account').create({
            Name: 'Child Co',
            ParentId: parent.id,
            ShippingStreet: '1 Main St',
            ShippingCity: 'Austin',
            ShippingState: 'TX',
            ShippingPostalCode: '78701',
            ShippingCountry: 'US',
            ShippingLatitude: 30.27,
            ShippingLongitude: -97.74,
            Fax: '512-555-0100',
            Sic: '7372',
            SicDesc: 'Software',
            Ownership: 'Private',
            TickerSymbol: 'CHLD',
            Rating: 'Warm',
            Site: 'HQ',
            Jigsaw: 'J1',
            AccountSource: 'Web'
        });
        const res = await conn.query<Rec>(
            `SELECT Parent.Name, ShippingCity, ShippingLatitude, Rating, Ownership FROM Account WHERE Id = '${child.id}'`
        );
        expect(res.records[0]).toMatchObject({
            Parent: { Name: 'Parent Co' },
            ShippingCity: 'Austin',
            ShippingLatitude: 30.27,
            Rating: 'Warm',
            Ownership: 'Private'
        });
        const err = await caught(
            conn.sobject('Account').update({ Id: child.id!, JigsawCompanyId: 'x' })
        );
        expect(err.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
        const bad = await caught(
            conn.sobject('Account').create({ Name: 'x', ParentId: org.sample!.integrationUserId })
        );
        expect(bad.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    });

    it('creates, reads, updates and deletes Contacts, with Name derived and read-only', async () => {
        const account = await conn.sobject('Account').create({ Name: 'Contact Holder' });
        const created = await conn.sobject('Contact').create({
            FirstName: 'Ada',
            LastName: 'Lovelace',
            AccountId: account.id,
            Email: 'ada@example.com',
            Phone: '555-0101',
            Title: 'Analyst',
            MailingStreet: '12 St James Sq',
            MailingCity: 'London',
            MailingPostalCode: 'SW1Y',
            MailingCountry: 'UK'
        });
        expect(created.id).toMatch(/^003/);
        const rec = (await conn.sobject('Contact').retrieve(created.id!)) as Rec;
        expect(rec).toMatchObject({
            Name: 'Ada Lovelace',
            Email: 'ada@example.com',
            MailingCity: 'London'
        });
        await conn.sobject('Contact').update({ Id: created.id!, LastName: 'King' });
        const q = await conn.query<Rec>(
            `SELECT Name, Account.Name FROM Contact WHERE Id = '${created.id}'`
        );
        expect(q.records[0]).toMatchObject({
            Name: 'Ada King',
            Account: { Name: 'Contact Holder' }
        });
        const missing = await caught(conn.sobject('Contact').create({ FirstName: 'No' }));
        expect(missing.errorCode).toBe('REQUIRED_FIELD_MISSING');
        const named = await caught(conn.sobject('Contact').create({ LastName: 'X', Name: 'X' }));
        expect(named.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
        const d = await conn.sobject('Contact').describe();
        const f = new Map(d.fields.map((x) => [x.name, x]));
        expect(f.get('LastName')).toMatchObject({ nillable: false, createable: true });
        expect(f.get('Name')).toMatchObject({
            createable: false,
            updateable: false,
            nameField: true
        });
        expect(f.get('AccountId')).toMatchObject({ type: 'reference', referenceTo: ['Account'] });
        expect(f.get('Email')?.type).toBe('email');
        await conn.sobject('Contact').destroy(created.id!);
        const gone = await caught(conn.sobject('Contact').retrieve(created.id!));
        expect(gone.errorCode).toBe('ENTITY_IS_DELETED');
    });

    it('deletes an Account with its Contacts and Opportunities (cascadeDelete)', async () => {
        const account = await conn.sobject('Account').create({ Name: 'Doomed' });
        const contact = await conn
            .sobject('Contact')
            .create({ LastName: 'Gone', AccountId: account.id });
        const opp = await conn.sobject('Opportunity').create({
            Name: 'Gone too',
            AccountId: account.id,
            StageName: 'Prospecting',
            CloseDate: '2027-01-01'
        });
        const keep = await conn.sobject('Contact').create({ LastName: 'Stays' });
        await conn.sobject('Account').destroy(account.id!);
        expect(org.store.isDeleted(contact.id!)).toBe(true);
        expect(org.store.isDeleted(opp.id!)).toBe(true);
        expect(org.store.get(keep.id!)).toBeDefined();
    });
});

describe('describe and parent-to-child queries', () => {
    let withContacts = '';
    let without = '';

    beforeAll(async () => {
        withContacts = (await conn.sobject('Account').create({ Name: 'Has contacts' })).id!;
        without = (await conn.sobject('Account').create({ Name: 'Has none' })).id!;
        await conn.sobject('Contact').create(
            ['Cole', 'Abel', 'Baker'].map((LastName) => ({
                FirstName: 'F',
                LastName,
                AccountId: withContacts
            }))
        );
    });

    it('lists childRelationships and describeGlobal labels', async () => {
        const d = await conn.sobject('Account').describe();
        const rel = (name: string) => d.childRelationships.find((c) => c.relationshipName === name);
        expect(rel('Contacts')).toMatchObject({
            childSObject: 'Contact',
            field: 'AccountId',
            cascadeDelete: true
        });
        expect(rel('Opportunities')).toMatchObject({
            childSObject: 'Opportunity',
            field: 'AccountId',
            cascadeDelete: true
        });
        expect(rel('ChildAccounts')).toMatchObject({
            childSObject: 'Account',
            field: 'ParentId',
            cascadeDelete: false
        });
        expect(rel('Things__r')).toMatchObject({ childSObject: 'Thing__c', field: 'Account__c' });
        const g = await conn.describeGlobal();
        const byName = new Map(g.sobjects.map((s) => [s.name, s]));
        expect(byName.get('Opportunity')).toMatchObject({
            label: 'Opportunity',
            labelPlural: 'Opportunities'
        });
        expect(byName.get('Contact')).toMatchObject({
            label: 'Contact',
            labelPlural: 'Contacts',
            keyPrefix: '003'
        });
        expect(byName.get('Thing_Part__c')).toMatchObject({
            label: 'Thing Part',
            labelPlural: 'Thing Parts',
            custom: true
        });
    });

    it("serves jsforce's Query.include with nested {totalSize, done, records}, null when empty", async () => {
        const records = await conn
            .sobject('Account')
            .find({ Id: { $in: [withContacts, without] } }, 'Id')
            .include('Contacts')
            .select('*')
            .sort('LastName' as never)
            .limit(2)
            .end()
            .include('Opportunities', null, 'Id, Name', { limit: 2 })
            .end()
            .sort('Name')
            .execute();
        expect(records.map((r) => r.Id)).toEqual([withContacts, without]);
        const contacts = records[0]!.Contacts as {
            totalSize: number;
            done: boolean;
            records: Rec[];
        };
        expect(contacts.totalSize).toBe(2);
        expect(contacts.done).toBe(true);
        expect(contacts.records.map((c) => c.LastName)).toEqual(['Abel', 'Baker']);
        expect(contacts.records[0]).toMatchObject({
            attributes: { type: 'Contact' },
            FirstName: 'F'
        });
        expect(records[0]!.Name).toBeUndefined();
        expect(records[0]!.Opportunities).toBeNull();
        expect(records[1]!.Contacts).toBeNull();
    });

    it('filters subqueries and rejects unknown relationships and subqueries in Bulk', async () => {
        const res = await conn.query<Rec>(
            `SELECT Name, (SELECT LastName FROM Contacts WHERE LastName LIKE 'C%') FROM Account WHERE Id = '${withContacts}'`
        );
        expect(
            (res.records[0]!.Contacts as { records: Rec[] }).records.map((c) => c.LastName)
        ).toEqual(['Cole']);
        const bad = await caught(conn.query('SELECT Id, (SELECT Id FROM Contactz) FROM Account'));
        expect(bad.errorCode).toBe('INVALID_TYPE');
        expect(bad.message).toContain("Didn't understand relationship 'Contactz'");
        const bulk = await caught(
            conn.bulk2.query('SELECT Id, (SELECT Id FROM Contacts) FROM Account', {
                pollInterval: 20
            })
        );
        expect(bulk.message).toMatch(/nested/);
    });
});

describe('identity', () => {
    it("answers jsforce's identity() at the id URL of the token answer", async () => {
        const info = await conn.identity();
        expect(info).toMatchObject({
            user_id: org.sample!.integrationUserId,
            organization_id: org.store.orgId,
            username: org.credentials.username
        });
        const res = await fetch(
            `${org.url}/id/${org.store.orgId}/${org.sample!.integrationUserId}`
        );
        expect(res.status).toBe(403);
    });
});

describe('custom objects declared with `objects`', () => {
    it('behave like built-in objects for REST, query and Collections', async () => {
        const account = await conn.sobject('Account').create({ Name: 'Owner of things' });
        const thing = await conn.sobject('Thing__c').create({
            Code__c: 'T-1',
            Weight__c: 1.5,
            Price__c: 9.99,
            Share__c: 12.5,
            Active__c: true,
            Due__c: '2027-03-01',
            Seen__c: '2026-12-01T10:00:00.000Z',
            Notes__c: 'long text',
            Colour__c: 'Red',
            Account__c: account.id
        });
        const rec = (await conn.sobject('Thing__c').retrieve(thing.id!)) as Rec;
        // A custom record saved without a Name is named by its id; booleans default to false.
        expect(rec).toMatchObject({
            Name: thing.id,
            Weight__c: 1.5,
            Active__c: true,
            Due__c: '2027-03-01'
        });
        expect(rec.Seen__c).toBe('2026-12-01T10:00:00.000+0000');
        const parts = await conn
            .sobject('Thing_Part__c')
            .create([
                { Thing__c: thing.id, Qty__c: 2 },
                { Thing__c: thing.id, Qty__c: 3 },
                { Thing__c: thing.id }
            ]);
        expect(parts.map((p) => p.success)).toEqual([true, true, false]);
        expect(parts[2]!.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING' });
        const q = await conn.query<Rec>(
            `SELECT Code__c, Account__r.Name, (SELECT Qty__c FROM Parts__r ORDER BY Qty__c DESC) FROM Thing__c WHERE Id = '${thing.id}'`
        );
        expect(q.records[0]).toMatchObject({
            Code__c: 'T-1',
            Account__r: { Name: 'Owner of things' }
        });
        expect((q.records[0]!.Parts__r as { records: Rec[] }).records.map((p) => p.Qty__c)).toEqual(
            [3, 2]
        );
        const sums = await conn.query<Rec>(
            `SELECT SUM(Qty__c) total FROM Thing_Part__c WHERE Thing__r.Code__c = 'T-1'`
        );
        expect(sums.records[0]!.total).toBe(5);
        await conn
            .sobject('Thing__c')
            .update({ Id: thing.id!, Colour__c: 'Green', Active__c: false });
        expect(org.store.get(thing.id!)).toMatchObject({ Colour__c: 'Green', Active__c: false });
        const restricted = await caught(
            conn.sobject('Thing__c').update({ Id: thing.id!, Colour__c: 'Blue' })
        );
        expect(restricted.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
        const typed = await caught(conn.sobject('Thing__c').create({ Weight__c: 'heavy' }));
        expect(typed.errorCode).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
        const unique1 = await conn.sobject('Thing__c').create({ Serial__c: 77 });
        const unique2 = await caught(conn.sobject('Thing__c').create({ Serial__c: 77 }));
        expect(unique2.errorCode).toBe('DUPLICATE_VALUE');
        expect(unique2.message).toContain(unique1.id);
        await conn.sobject('Thing__c').destroy(thing.id!);
        expect(org.store.isDeleted(thing.id!)).toBe(true);
        const f = new Map(
            (await conn.sobject('Thing__c').describe()).fields.map((x) => [x.name, x])
        );
        expect(f.get('Code__c')).toMatchObject({
            externalId: true,
            idLookup: true,
            custom: true,
            length: 40
        });
        expect(f.get('Account__c')).toMatchObject({
            relationshipName: 'Account__r',
            referenceTo: ['Account']
        });
        expect(f.get('Colour__c')).toMatchObject({ restrictedPicklist: true });
        expect(f.get('OwnerId')?.type).toBe('reference');
    });

    it('behave like built-in objects in Bulk API 2.0 ingest and query', async () => {
        const ins = await conn.bulk2.loadAndWaitForResults({
            object: 'Thing__c',
            operation: 'insert',
            input: [1, 2, 3].map((i) => ({
                Code__c: `BQ-${i}`,
                Weight__c: i,
                Active__c: i % 2 === 1
            })),
            pollInterval: 20
        });
        expect(ins.successfulResults).toHaveLength(3);
        const rows: Rec[] = [];
        const out = await conn.bulk2.query(
            `SELECT Code__c, Weight__c, Active__c FROM Thing__c WHERE Code__c LIKE 'BQ-%' ORDER BY Code__c`,
            { pollInterval: 20 }
        );
        for await (const r of out) rows.push(r as Rec);
        expect(rows).toEqual([
            { Code__c: 'BQ-1', Weight__c: '1', Active__c: 'true' },
            { Code__c: 'BQ-2', Weight__c: '2', Active__c: 'false' },
            { Code__c: 'BQ-3', Weight__c: '3', Active__c: 'true' }
        ]);
    });
});
