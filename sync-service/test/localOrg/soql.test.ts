import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../src/localOrg/query-engine.js';
import type { SoqlError } from '../../src/localOrg/soql.js';
import { parseSoql } from '../../src/localOrg/soql.js';
import { OrgStore } from '../../src/localOrg/store.js';

function sampleStore(): OrgStore {
    const store = new OrgStore();
    const user = store.load('User', { Username: 'u@x', FirstName: 'Ann', LastName: 'Lee' });
    store.defaultUserId = user.Id;
    const a = store.load('Account', {
        Name: 'Acme',
        Industry: 'Retail',
        AnnualRevenue: 100,
        BillingState: 'CA'
    });
    const b = store.load('Account', {
        Name: 'beta',
        Industry: 'Energy',
        AnnualRevenue: 300,
        BillingState: 'TX',
        OwnerId: user.Id
    });
    store.load('Account', {
        Name: 'Gamma',
        Industry: 'Retail',
        AnnualRevenue: null,
        BillingState: 'CA'
    });
    for (const [acc, amount, stage] of [
        [a, 10, 'Closed Won'],
        [a, 30, 'Prospecting'],
        [b, 5, 'Closed Lost']
    ] as const) {
        store.load('Opportunity', {
            Name: 'o',
            AccountId: acc.Id,
            Amount: amount,
            StageName: stage,
            CloseDate: '2026-01-01'
        });
    }
    return store;
}

function run(store: OrgStore, soql: string): Record<string, unknown>[] {
    const q = compileQuery(store, soql);
    return q.run().map((r) => q.toJson(r, '66.0'));
}

describe('SOQL subset', () => {
    it('filters with AND/OR/NOT, IN, LIKE and null, case-insensitively for strings', () => {
        const store = sampleStore();
        const names = (soql: string): unknown[] => run(store, soql).map((r) => r.Name);
        expect(names("SELECT Name FROM Account WHERE Industry = 'retail' ORDER BY Name")).toEqual([
            'Acme',
            'Gamma'
        ]);
        expect(
            names(
                "SELECT Name FROM Account WHERE Industry = 'Retail' AND NOT (AnnualRevenue = null)"
            )
        ).toEqual(['Acme']);
        expect(
            names(
                "SELECT Name FROM Account WHERE BillingState IN ('TX') OR Name LIKE 'gam%' ORDER BY Name DESC"
            )
        ).toEqual(['Gamma', 'beta']);
        expect(names("SELECT Name FROM Account WHERE BillingState NOT IN ('CA')")).toEqual([
            'beta'
        ]);
        expect(
            names('SELECT Name FROM Account WHERE AnnualRevenue > 50 ORDER BY AnnualRevenue DESC')
        ).toEqual(['beta', 'Acme']);
        expect(
            names('SELECT Name FROM Account ORDER BY AnnualRevenue NULLS LAST LIMIT 2 OFFSET 1')
        ).toEqual(['beta', 'Gamma']);
    });

    it('nests parent relationship fields and answers null for an empty lookup', () => {
        const store = sampleStore();
        const rows = run(
            store,
            "SELECT Name, Owner.Name, Account.Name FROM Opportunity WHERE Account.BillingState = 'TX'"
        );
        expect(rows).toHaveLength(1);
        expect(rows[0]!.Account).toMatchObject({ attributes: { type: 'Account' }, Name: 'beta' });
        expect(rows[0]!.Owner).toMatchObject({ Name: 'Ann Lee' });
        store.table('Opportunity').values().next().value!.AccountId = null;
        const first = run(store, 'SELECT Account.Name FROM Opportunity WHERE Amount = 10');
        expect(first[0]!.Account).toBeNull();
    });

    it('aggregates with GROUP BY, aliases and exprN names', () => {
        const store = sampleStore();
        const rows = run(
            store,
            'SELECT AccountId, Account.Name, COUNT(Id) n, SUM(Amount), MAX(Amount) FROM Opportunity GROUP BY AccountId, Account.Name ORDER BY SUM(Amount) DESC'
        );
        expect(rows.map((r) => [r.Name, r.n, r.expr0, r.expr1])).toEqual([
            ['Acme', 2, 40, 30],
            ['beta', 1, 5, 5]
        ]);
        expect(rows[0]!.attributes).toEqual({ type: 'AggregateResult' });
        const count = compileQuery(store, 'SELECT COUNT() FROM Opportunity WHERE IsWon = true');
        expect(count.countOnly).toBe(true);
        expect(count.run()).toHaveLength(1);
        expect(run(store, 'SELECT AVG(Amount) a, MIN(CloseDate) FROM Opportunity')).toEqual([
            { attributes: { type: 'AggregateResult' }, a: 15, expr0: '2026-01-01' }
        ]);
    });

    it('rejects bad SOQL with MALFORMED_QUERY and unknown fields with INVALID_FIELD at the right column', () => {
        const store = sampleStore();
        const err = (soql: string): SoqlError => {
            try {
                compileQuery(store, soql);
            } catch (e) {
                return e as SoqlError;
            }
            throw new Error(`accepted: ${soql}`);
        };
        expect(err('SELEKT Id FROM Account').errorCode).toBe('MALFORMED_QUERY');
        expect(err('SELECT Id FROM Account WHERE').errorCode).toBe('MALFORMED_QUERY');
        expect(err('SELECT Id, Name FROM Account GROUP BY Id').errorCode).toBe('MALFORMED_QUERY');
        const bad = err('SELECT Bacon__c FROM Account LIMIT 2');
        expect(bad.errorCode).toBe('INVALID_FIELD');
        expect(bad.message).toContain('ERROR at Row:1:Column:8');
        expect(bad.message).toContain("No such column 'Bacon__c' on entity 'Account'");
        expect(err('SELECT Foo.Name FROM Account').errorCode).toBe('INVALID_FIELD');
        expect(err('SELECT Id FROM Nope__c').errorCode).toBe('INVALID_TYPE');
        expect(err('SELECT Id FROM Account OFFSET 2001').errorCode).toBe(
            'NUMBER_OUTSIDE_VALID_RANGE'
        );
    });

    it('parses string escapes, dates and date literals', () => {
        const q = parseSoql(
            "SELECT Id FROM Opportunity WHERE Name = 'O\\'Brien' AND CloseDate > 2025-01-01 AND CreatedDate = LAST_N_DAYS:30"
        );
        expect(q.where).toMatchObject({ kind: 'and' });
        const store = sampleStore();
        expect(
            run(
                store,
                'SELECT Id FROM Opportunity WHERE CloseDate >= 2026-01-01 AND CreatedDate = LAST_N_DAYS:1'
            )
        ).toHaveLength(3);
        expect(run(store, 'SELECT Id FROM Opportunity WHERE CloseDate > 2026-01-01')).toHaveLength(
            0
        );
    });
});
