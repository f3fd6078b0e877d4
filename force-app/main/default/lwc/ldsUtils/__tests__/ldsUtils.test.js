import { reduceErrors } from 'c/ldsUtils';

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
