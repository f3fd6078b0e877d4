import { lookupPostalCode, normalizePostalCode, resetPostalLookup } from 'c/postalLookup';

describe('c-postal-lookup', () => {
    afterEach(() => {
        resetPostalLookup();
        delete global.fetch;
        jest.clearAllMocks();
    });

    it('normalises US ZIP codes', () => {
        expect(normalizePostalCode('02134')).toBe('02134');
        expect(normalizePostalCode(' 2134 ')).toBe('02134');
        expect(normalizePostalCode('02134-1234')).toBe('02134');
        expect(normalizePostalCode('SW1A 1AA')).toBeNull();
        expect(normalizePostalCode('')).toBeNull();
    });

    it('finds a centroid in the static resource, fetched once', async () => {
        global.fetch = jest.fn().mockResolvedValue({
            ok: true,
            json: () => Promise.resolve({ '02134': [42.354, -71.133, 'Allston, MA'] })
        });
        await expect(lookupPostalCode('2134')).resolves.toEqual({
            ok: true,
            postalCode: '02134',
            lat: 42.354,
            lon: -71.133,
            place: 'Allston, MA'
        });
        const missing = await lookupPostalCode('99999');
        expect(missing).toEqual({
            ok: false,
            reason: 'ZIP code 99999 is not in the postal reference.'
        });
        expect(global.fetch).toHaveBeenCalledTimes(1);
        expect(global.fetch.mock.calls[0][0]).toContain('postalCentroids');
    });

    it('says what is wrong with the input, and retries a failed load', async () => {
        await expect(lookupPostalCode('abc')).resolves.toEqual({
            ok: false,
            reason: '"abc" is not a US ZIP code: enter five digits.'
        });
        global.fetch = jest.fn().mockResolvedValueOnce({ ok: false, status: 404 });
        await expect(lookupPostalCode('02134')).rejects.toThrow(
            'The postal codes (postalCentroids static resource) answered 404.'
        );
        global.fetch.mockResolvedValueOnce({ ok: true, json: () => Promise.resolve({}) });
        await expect(lookupPostalCode('02134')).resolves.toMatchObject({ ok: false });
        expect(global.fetch).toHaveBeenCalledTimes(2);
    });
});
