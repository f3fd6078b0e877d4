import { formatLabel, pluralLabel, reduceErrors } from 'c/ldsUtils';

describe('c-lds-utils reduceErrors', () => {
    it('reads Apex AuraHandledException bodies', () => {
        expect(reduceErrors({ body: { message: 'Choose a territory model.' } })).toEqual([
            'Choose a territory model.'
        ]);
    });

    it('reads UI API page and field errors and body arrays', () => {
        expect(reduceErrors({ body: { pageErrors: [{ message: 'Page' }] } })).toEqual(['Page']);
        expect(
            reduceErrors({ body: { fieldErrors: { Name: [{ message: 'Name is required' }] } } })
        ).toEqual(['Name is required']);
        expect(reduceErrors({ body: [{ message: 'a' }, { message: 'b' }] })).toEqual(['a', 'b']);
    });

    it('reads JS errors, strings and status texts, skipping empties', () => {
        expect(
            reduceErrors([new Error('boom'), 'plain', { statusText: 'Bad Gateway' }, null, {}])
        ).toEqual(['boom', 'plain', 'Bad Gateway']);
        expect(reduceErrors(undefined)).toEqual([]);
    });
});

describe('c-lds-utils formatLabel', () => {
    it('fills numbered placeholders in any order and keeps the unknown ones', () => {
        expect(formatLabel('Changed on {1} for {0}; {2}', 'Ann', '2026-01-05')).toBe(
            'Changed on 2026-01-05 for Ann; {2}'
        );
        expect(formatLabel('{0} and {0}', 0)).toBe('0 and 0');
        expect(formatLabel(undefined)).toBe('');
    });

    it('picks the singular or the plural label by the count', () => {
        expect(pluralLabel(1, '{0} account', '{0} accounts')).toBe('1 account');
        expect(pluralLabel(2, '{0} account', '{0} accounts')).toBe('2 accounts');
        expect(pluralLabel(0, '{0} account', '{0} accounts')).toBe('0 accounts');
        expect(pluralLabel(1200, '{0} account', '{0} accounts', '1,200')).toBe('1,200 accounts');
    });
});
