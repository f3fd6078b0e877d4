/**
 * Coordinate checks of one account row against itself and its own postal code: missing, not a
 * number or out of range, latitude and longitude swapped, (0, 0), and far from the postal code's
 * centroid. The fixes that need no judgement (placing a row without coordinates at its postal
 * code's centroid, swapping swapped coordinates back) are returned for FIXED.csv.
 */
import { haversineKm } from '../engine/geo.js';
import { normaliseCountry } from '../geo/postal-reference.js';
import type { PostalCentroid, PostalResolution } from '../geo/postal-reference.js';
import { AUDIT_CATEGORY } from './types.js';
import type { AuditAccountsInput, AuditCategory, AuditFix, AuditIssue } from './types.js';

/**
 * Default distance from the postal code's centroid beyond which coordinates are flagged, in km.
 * The reference's centroids are within 23 km of the Census ZCTA point for 99 % of ZIP codes
 * (geo/README.md), and a ZIP code of 50 km radius covers about 7,900 km², larger than all but a
 * few hundred rural western and Alaskan ZIP codes; 50 km is past both, so a flag means the point
 * or the postal code is wrong, yet it is small next to a territory (a rep's drive of an hour).
 */
export const DEFAULT_POSTAL_KM = 50;

/** Both coordinates within this many degrees of 0 (about 11 m): a placeholder for "unknown". */
const NULL_ISLAND_DEGREES = 1e-4;

export interface CoordinateFindings {
    issues: AuditIssue[];
    fixes: AuditFix[];
    /** new Latitude/Longitude text for FIXED.csv, when a fix applies */
    fixed?: { latitude: string; longitude: string };
}

/** Looks postal codes up once per distinct (code, country). */
export class PostalLookup {
    private readonly resolve: (code: string, country?: string | null) => PostalResolution;
    private readonly cache = new Map<string, PostalResolution>();
    /** rows whose country the reference does not cover */
    uncovered = 0;
    constructor(resolve: (code: string, country?: string | null) => PostalResolution) {
        this.resolve = resolve;
    }

    /** The row's postal code resolution, or null when it has no postal code. */
    forRow(input: AuditAccountsInput, i: number): PostalResolution | null {
        const code = (input.postalCode?.[i] ?? '').trim();
        if (code === '') return null;
        const country = input.country?.[i] ?? null;
        const key = `${code}\u0000${country ?? ''}`;
        let r = this.cache.get(key);
        if (!r) {
            r = this.resolve(code, country);
            this.cache.set(key, r);
        }
        return r;
    }
}

/** Checks one row's coordinates (see the file comment). */
export function auditCoordinates(
    input: AuditAccountsInput,
    i: number,
    postal: PostalLookup,
    postalKm: number
): CoordinateFindings {
    const out: CoordinateFindings = { issues: [], fixes: [] };
    const accountId = input.ids[i]!;
    const line = input.lines[i]!;
    const issue = (
        category: AuditCategory,
        message: string,
        suggestion: string,
        column?: string
    ): void => {
        out.issues.push({ accountId, category, message, suggestion, line, column });
    };
    const rawLat = input.latitudeRaw[i]!;
    const rawLon = input.longitudeRaw[i]!;
    const lat = input.latitude[i]!;
    const lon = input.longitude[i]!;
    const resolution = postal.forRow(input, i);
    const centroid = resolution?.ok ? resolution.centroid : undefined;
    const postalText = (input.postalCode?.[i] ?? '').trim();

    if (resolution && !resolution.ok) {
        if (normaliseCountry(input.country?.[i]) === 'US') {
            issue(
                AUDIT_CATEGORY.UNKNOWN_POSTAL_CODE,
                `PostalCode '${postalText}' cannot be checked: ${resolution.reason}`,
                'Correct the postal code (a 5-digit US ZIP code, or ZIP+4).',
                'PostalCode'
            );
        } else postal.uncovered++;
    }
    const fix = (
        field: string,
        from: string,
        to: string,
        reason: string,
        approximate: boolean
    ): AuditFix => ({ accountId, line, field, from, to, reason, approximate });
    const geocode = (reason: string): void => {
        if (!centroid) return;
        const to = { latitude: String(centroid.lat), longitude: String(centroid.lon) };
        out.fixed = to;
        out.fixes.push(
            fix('Latitude', rawLat, to.latitude, reason, true),
            fix('Longitude', rawLon, to.longitude, reason, true)
        );
    };
    const geocodeSuggestion = (what: string): string =>
        centroid
            ? `${what}FIXED.csv places it at the centroid of ${centroid.postalCode} (${centroid.place}), an approximate location: geocode the street address for a precise one.`
            : `Geocode the account's address${postalText === '' ? ' or add a PostalCode' : ' or correct its PostalCode'} (no usable postal code to place it by).`;

    if (rawLat === '' || rawLon === '') {
        const which =
            rawLat === '' && rawLon === ''
                ? 'Latitude and Longitude are empty'
                : `${rawLat === '' ? 'Latitude' : 'Longitude'} is empty`;
        issue(
            AUDIT_CATEGORY.MISSING_COORDINATES,
            `${which}: the account cannot be placed on the map or in a territory.`,
            geocodeSuggestion(''),
            rawLat === '' ? 'Latitude' : 'Longitude'
        );
        geocode(`${which}; placed at the centroid of postal code ${centroid?.postalCode}.`);
        return out;
    }
    if (Number.isNaN(lat) || Number.isNaN(lon)) {
        const bad = Number.isNaN(lat) ? 'Latitude' : 'Longitude';
        issue(
            AUDIT_CATEGORY.IMPOSSIBLE_COORDINATES,
            `${bad} '${bad === 'Latitude' ? rawLat : rawLon}' is not a number.`,
            correctSuggestion(centroid),
            bad
        );
        return out;
    }
    if (Math.abs(lat) < NULL_ISLAND_DEGREES && Math.abs(lon) < NULL_ISLAND_DEGREES) {
        issue(
            AUDIT_CATEGORY.NULL_ISLAND,
            `Coordinates (${rawLat}, ${rawLon}) are the point (0, 0) in the Gulf of Guinea: a placeholder for unknown coordinates.`,
            geocodeSuggestion('Treat them as missing: '),
            'Latitude'
        );
        geocode(
            `(0, 0) stands for unknown coordinates; placed at the centroid of postal code ${centroid?.postalCode}.`
        );
        return out;
    }
    const swappedValid = Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
    const swap = (reason: string): void => {
        out.fixed = { latitude: rawLon, longitude: rawLat };
        out.fixes.push(
            fix('Latitude', rawLat, rawLon, reason, false),
            fix('Longitude', rawLon, rawLat, reason, false)
        );
    };
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
        const bad = Math.abs(lat) > 90 ? 'Latitude' : 'Longitude';
        const range = bad === 'Latitude' ? '−90 to 90' : '−180 to 180';
        const value = bad === 'Latitude' ? rawLat : rawLon;
        const swappedKm = centroid ? haversineKm(lon, lat, centroid.lat, centroid.lon) : NaN;
        if (swappedValid && !(swappedKm > postalKm)) {
            issue(
                AUDIT_CATEGORY.SWAPPED_COORDINATES,
                `${bad} ${value} is out of range (${range}); swapped, (${rawLon}, ${rawLat}) is a valid point${centroid ? ` ${fmtKm(swappedKm)} from the centroid of ${centroid.postalCode}` : ''}.`,
                'Swap Latitude and Longitude at the source (FIXED.csv has them swapped back).',
                bad
            );
            swap(`Latitude ${rawLat} is out of range and the swapped pair is a valid point.`);
            return out;
        }
        issue(
            AUDIT_CATEGORY.IMPOSSIBLE_COORDINATES,
            `${bad} ${value} is out of range (${range})${swappedValid ? `; swapped it would be ${fmtKm(swappedKm)} from the centroid of ${centroid?.postalCode}, so it is not just swapped` : ''}.`,
            correctSuggestion(centroid),
            bad
        );
        return out;
    }
    if (!centroid) return out;
    const km = haversineKm(lat, lon, centroid.lat, centroid.lon);
    if (km <= postalKm) return out;
    const swappedKm = swappedValid ? haversineKm(lon, lat, centroid.lat, centroid.lon) : Infinity;
    if (swappedKm <= postalKm) {
        issue(
            AUDIT_CATEGORY.SWAPPED_COORDINATES,
            `(${rawLat}, ${rawLon}) is ${fmtKm(km)} from the centroid of postal code ${centroid.postalCode} (${centroid.place}); swapped, it is ${fmtKm(swappedKm)} from it.`,
            'Swap Latitude and Longitude at the source (FIXED.csv has them swapped back).',
            'Latitude'
        );
        swap(
            `Latitude and Longitude are swapped: swapped back, the point is ${fmtKm(swappedKm)} from the centroid of postal code ${centroid.postalCode}.`
        );
        return out;
    }
    issue(
        AUDIT_CATEGORY.FAR_FROM_POSTAL_CODE,
        `(${rawLat}, ${rawLon}) is ${fmtKm(km)} from the centroid of the account's postal code ${centroid.postalCode} (${centroid.place}, ${centroid.lat}, ${centroid.lon}); more than ${postalKm} km.`,
        farSuggestion(lat, lon, centroid, postalKm),
        'Latitude'
    );
    return out;
}

/** What to do about coordinates that are wrong in a way no rule can repair. */
function correctSuggestion(centroid: PostalCentroid | undefined): string {
    return centroid
        ? `Correct the coordinates (the postal code ${centroid.postalCode}, ${centroid.place}, is centred at ${centroid.lat}, ${centroid.lon}).`
        : 'Correct the coordinates: geocode the account address.';
}

/** Names a flipped sign when that explains the distance; otherwise asks which value is wrong. */
function farSuggestion(
    lat: number,
    lon: number,
    centroid: PostalCentroid,
    postalKm: number
): string {
    const flips: [string, number, number][] = [
        ['Longitude', lat, -lon],
        ['Latitude', -lat, lon]
    ];
    for (const [name, la, lo] of flips) {
        const km = haversineKm(la, lo, centroid.lat, centroid.lon);
        if (km <= postalKm)
            return `${name} looks like it lost (or gained) its minus sign: with the sign flipped the point is ${fmtKm(km)} from the postal code's centroid. Correct the coordinates at the source.`;
    }
    return 'Check whether the coordinates or the postal code are wrong (geocode the street address, or correct the PostalCode).';
}

function fmtKm(km: number): string {
    return `${km < 10 ? km.toFixed(1) : Math.round(km).toString()} km`;
}
