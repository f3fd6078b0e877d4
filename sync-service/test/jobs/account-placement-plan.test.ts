import { describe, expect, it } from 'vitest';
import {
    normalizePostalCode,
    planPlacements,
    type CandidateKind,
    type UnitAccount
} from '../../src/jobs/account-placement-plan.js';

const acct = (
    id: string,
    postalCode: string | null,
    territoryIds: string[],
    extra: Partial<UnitAccount> = {}
): UnitAccount => ({
    id,
    lat: 40,
    lon: -100,
    postalCode,
    segment: 'SMB',
    locked: false,
    territoryIds,
    ...extra
});

const decide = (accounts: UnitAccount[], candidates: Record<string, CandidateKind>) =>
    planPlacements(accounts, new Map(Object.entries(candidates)));

describe('account placement plan', () => {
    it('normalises postal codes into unit keys', () => {
        expect(normalizePostalCode(' 55401-1234 ')).toBe('55401');
        expect(normalizePostalCode('sw1a   1aa')).toBe('SW1A 1AA');
        expect(normalizePostalCode('  ')).toBeNull();
        expect(normalizePostalCode(null)).toBeNull();
        // the same key the engine, the CLI and the Salesforce adapter give it (postalUnitCode):
        // nine digits are a ZIP+4 without its dash, three or four a ZIP whose zeros were lost
        expect(normalizePostalCode('123456789')).toBe('12345');
        expect(normalizePostalCode('2134')).toBe('02134');
        expect(normalizePostalCode('02134')).toBe(normalizePostalCode(' 2134-0001 '));
    });

    it("places a new account in the territory holding most of its unit's other accounts", () => {
        const accounts = [
            acct('a1', '55401', ['T1']),
            acct('a2', '55401', ['T1']),
            acct('a3', '55401', ['T2']),
            acct('a4', '55402', ['T2']),
            acct('new', '55401-0001', [])
        ];
        expect(decide(accounts, { new: 'new' })).toEqual([
            {
                accountId: 'new',
                kind: 'new',
                unit: 'SMB/55401',
                from: [],
                action: 'assign',
                territoryId: 'T1',
                via: 'unit'
            }
        ]);
    });

    it('breaks a tie by territory id and does not let moving accounts vote', () => {
        const accounts = [
            acct('a1', '100', ['T2']),
            acct('a2', '100', ['T1']),
            // re-addressed into unit 100 from T3: its own territory does not count
            acct('moved', '100', ['T3']),
            acct('m2', '100', ['T3'])
        ];
        const out = decide(accounts, { moved: 'readdressed', m2: 'readdressed' });
        expect(out.map((d) => (d.action === 'assign' ? d.territoryId : d.action))).toEqual([
            'T1',
            'T1'
        ]);
    });

    it('keeps to the segment: the same postal code in another segment is another unit', () => {
        const accounts = [
            acct('e1', '100', ['TE'], { segment: 'Enterprise' }),
            acct('s1', '100', ['TS']),
            acct('new', '100', [], { segment: 'Enterprise' })
        ];
        const [d] = decide(accounts, { new: 'new' });
        expect(d).toMatchObject({ action: 'assign', territoryId: 'TE', via: 'unit' });
    });

    it('takes the territory of the nearest unit of the same segment when the unit has none', () => {
        const accounts = [
            acct('near', '200', ['TN'], { lat: 41, lon: -100 }),
            acct('far', '300', ['TF'], { lat: 45, lon: -100 }),
            // nearer, but another segment
            acct('other', '400', ['TO'], { lat: 40.1, lon: -100, segment: 'Enterprise' }),
            acct('new', '999', [], { lat: 40, lon: -100 }),
            // no postal code: placed from its own point
            acct('nozip', null, [], { lat: 44.9, lon: -100 })
        ];
        const out = decide(accounts, { new: 'new', nozip: 'new' });
        expect(out[0]).toMatchObject({
            accountId: 'new',
            action: 'assign',
            territoryId: 'TN',
            via: 'nearest',
            // '200' reads as a ZIP code whose leading zeros were lost
            nearestUnit: 'SMB/00200'
        });
        expect((out[0] as { km: number }).km).toBeCloseTo(111.2, 0);
        expect(out[1]).toMatchObject({ accountId: 'nozip', territoryId: 'TF', via: 'nearest' });
    });

    it('reports accounts it cannot place, with the reason', () => {
        const accounts = [
            acct('a1', '100', ['T1']),
            acct('lonely', '500', [], { segment: 'Public' }),
            acct('nowhere', null, [], { lat: null, lon: null }),
            acct('unlocated', '600', [], { lat: null, lon: null })
        ];
        const out = decide(accounts, { lonely: 'new', nowhere: 'new', unlocated: 'new' });
        expect(out.map((d) => [d.accountId, d.action, 'reason' in d ? d.reason : ''])).toEqual([
            ['lonely', 'unplaced', 'no unit of segment Public has a territory'],
            ['nowhere', 'unplaced', 'no postal code and no coordinates'],
            ['unlocated', 'unplaced', 'no account of its unit has a territory or coordinates']
        ]);
    });

    it('never moves locked accounts; locked accounts vote only where no other account does', () => {
        const accounts = [
            acct('l1', '100', ['TL'], { locked: true }),
            acct('a1', '100', ['T1']),
            acct('l2', '200', ['TL'], { locked: true }),
            acct('lockedMover', '100', ['TX'], { locked: true }),
            acct('new100', '100', []),
            acct('new200', '200', [])
        ];
        const out = decide(accounts, {
            lockedMover: 'readdressed',
            new100: 'new',
            new200: 'new'
        });
        expect(
            out.map((d) => [d.accountId, d.action === 'assign' ? d.territoryId : d.action])
        ).toEqual([
            ['lockedMover', 'keep'],
            ['new100', 'T1'],
            ['new200', 'TL']
        ]);
        expect(out[0]).toMatchObject({ reason: 'locked' });
    });

    it('leaves a new account that is already in a territory, and a re-addressed one in place', () => {
        const accounts = [
            acct('a1', '100', ['T1']),
            acct('placed', '100', ['T9']),
            acct('same', '100', ['T1'])
        ];
        const out = decide(accounts, { placed: 'new', same: 'readdressed' });
        expect(out).toMatchObject([
            { accountId: 'placed', action: 'keep', reason: 'assigned' },
            { accountId: 'same', action: 'keep', reason: 'in-place' }
        ]);
    });

    it('counts the vote of a new account that someone already placed', () => {
        const accounts = [
            acct('placed', '100', ['T9']),
            acct('new', '100', []),
            acct('newNear', '101', [], { lat: 40.01 })
        ];
        const out = decide(accounts, { placed: 'new', new: 'new', newNear: 'new' });
        expect(out.map((d) => (d.action === 'assign' ? d.territoryId : d.action))).toEqual([
            'keep',
            'T9',
            'T9'
        ]);
    });

    it('moves a re-addressed account out of every other territory of the model', () => {
        const accounts = [acct('a1', '100', ['T1']), acct('twice', '100', ['T1', 'T2'])];
        const [d] = decide(accounts, { twice: 'readdressed' });
        expect(d).toMatchObject({ action: 'assign', territoryId: 'T1', from: ['T1', 'T2'] });
    });

    it('matches candidates by their 15-character id', () => {
        const accounts = [acct('001000000000001AAA', '100', []), acct('a1', '100', ['T1'])];
        const [d] = decide(accounts, { '001000000000001': 'new' });
        expect(d).toMatchObject({ accountId: '001000000000001AAA', territoryId: 'T1' });
    });
});
