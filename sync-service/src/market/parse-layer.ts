/**
 * Market layers (issue 16): a CSV or GeoJSON file a planner imports — points (competitor sites,
 * branches) or values per postal code (addressable companies, growth) — read strictly into one
 * GeoJSON FeatureCollection of points, the form the org stores and the map draws. Values per
 * postal code become points at the ZIP code's centre (offline postal reference) with
 * `{ postalCode, value }`. Every problem names the line (CSV) or feature (GeoJSON) and what to do.
 * Pure: no I/O.
 */
import { parse } from 'csv-parse/sync';
import { lookupPostal, normaliseUsZip } from '../geo/postal-reference.js';

export const LAYER_KINDS = ['points', 'postal_values'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];
export const LAYER_FORMATS = ['csv', 'geojson'] as const;
export type LayerFormat = (typeof LAYER_FORMATS)[number];

/** Most features a layer holds: a value for every US ZIP code (about 41,000) fits. */
export const MAX_LAYER_FEATURES = 50_000;
/** Most problems listed in one error message. */
const MAX_PROBLEMS = 10;

export interface LayerFeature {
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: { name?: string; value?: number; postalCode?: string };
}

export interface ParsedLayer {
    kind: LayerKind;
    features: LayerFeature[];
    /** the range of `value`, for the legend's colour scale (null when no feature has one) */
    valueRange: { min: number; max: number } | null;
    valueTotal: number;
}

/** Bad layer input: the message names each problem's line or feature. */
export class LayerInputError extends Error {
    constructor(problems: string[]) {
        const shown = problems.slice(0, MAX_PROBLEMS);
        super(
            `${problems.length} problem(s) in the layer file: ${shown.join('; ')}${problems.length > MAX_PROBLEMS ? '; …' : ''}`
        );
        this.name = 'LayerInputError';
    }
}

const point = (lat: number, lon: number, properties: LayerFeature['properties']): LayerFeature => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties
});

/** A number written as digits (no thousands separators, units or blanks). */
function numberOf(text: string): number | undefined {
    const t = text.trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
    return Number(t);
}

/** Reads a layer file (see the file comment); throws LayerInputError. */
export function parseLayer(kind: LayerKind, format: LayerFormat, content: string): ParsedLayer {
    const features = format === 'csv' ? fromCsv(kind, content) : fromGeoJson(kind, content);
    if (features.length === 0) throw new LayerInputError(['the file has no feature']);
    if (features.length > MAX_LAYER_FEATURES)
        throw new LayerInputError([
            `${features.length} features; at most ${MAX_LAYER_FEATURES} per layer`
        ]);
    if (kind === 'postal_values') {
        const seen = new Map<string, number>();
        const problems: string[] = [];
        features.forEach((f, k) => {
            const code = f.properties.postalCode!;
            const first = seen.get(code);
            if (first !== undefined)
                problems.push(
                    `${where(format, k)}: postal code ${code} is also at ${where(format, first)}`
                );
            else seen.set(code, k);
        });
        if (problems.length) throw new LayerInputError(problems);
    }
    let min = Infinity;
    let max = -Infinity;
    let total = 0;
    for (const f of features) {
        const v = f.properties.value;
        if (v === undefined) continue;
        min = Math.min(min, v);
        max = Math.max(max, v);
        total += v;
    }
    return {
        kind,
        features,
        valueRange: Number.isFinite(min) ? { min, max } : null,
        valueTotal: total
    };
}

/** Line of a CSV data row (the header is line 1) or index of a GeoJSON feature. */
function where(format: LayerFormat, k: number): string {
    return format === 'csv' ? `line ${k + 2}` : `feature ${k}`;
}

function fromCsv(kind: LayerKind, content: string): LayerFeature[] {
    let rows: string[][];
    try {
        rows = parse(content, { bom: true, skip_empty_lines: true, trim: true }) as string[][];
    } catch (error) {
        throw new LayerInputError([`not CSV: ${(error as Error).message}`]);
    }
    const header = rows[0] ?? [];
    const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    const need = kind === 'points' ? ['Latitude', 'Longitude'] : ['PostalCode', 'Value'];
    const missing = need.filter((c) => col(c) < 0);
    if (missing.length)
        throw new LayerInputError([
            `line 1: the header needs ${missing.join(' and ')} (found: ${header.join(', ') || 'nothing'})`
        ]);
    const problems: string[] = [];
    const features: LayerFeature[] = [];
    const [latC, lonC, nameC, valueC, postalC] = [
        col('Latitude'),
        col('Longitude'),
        col('Name'),
        col('Value'),
        col('PostalCode')
    ];
    rows.slice(1).forEach((row, k) => {
        const line = `line ${k + 2}`;
        const cell = (c: number) => (c >= 0 ? (row[c] ?? '') : '');
        let value: number | undefined;
        if (valueC >= 0 && cell(valueC) !== '') {
            value = numberOf(cell(valueC));
            if (value === undefined) {
                problems.push(`${line}, column Value: '${cell(valueC)}' is not a number`);
                return;
            }
        } else if (kind === 'postal_values') {
            problems.push(`${line}, column Value: empty (write 0 for none)`);
            return;
        }
        if (kind === 'points') {
            const lat = numberOf(cell(latC));
            const lon = numberOf(cell(lonC));
            const bad = checkPoint(lat, lon, cell(latC), cell(lonC));
            if (bad) {
                problems.push(`${line}: ${bad}`);
                return;
            }
            const name = cell(nameC);
            features.push(
                point(lat!, lon!, {
                    ...(name ? { name } : {}),
                    ...(value !== undefined ? { value } : {})
                })
            );
            return;
        }
        const f = postalFeature(cell(postalC), value!);
        if (typeof f === 'string') problems.push(`${line}, column PostalCode: ${f}`);
        else features.push(f);
    });
    if (problems.length) throw new LayerInputError(problems);
    return features;
}

function checkPoint(
    lat: number | undefined,
    lon: number | undefined,
    latText: string,
    lonText: string
): string | undefined {
    if (lat === undefined || lat < -90 || lat > 90)
        return `Latitude '${latText}' must be a number from -90 to 90`;
    if (lon === undefined || lon < -180 || lon > 180)
        return `Longitude '${lonText}' must be a number from -180 to 180`;
    return undefined;
}

/** A value per postal code as a point at the ZIP code's centre, or why it cannot be one. */
function postalFeature(code: string, value: number): LayerFeature | string {
    const zip = normaliseUsZip(code);
    const centre = zip ? lookupPostal(zip) : undefined;
    if (!zip || !centre) return `'${code}' is not a US ZIP code of the offline postal reference`;
    return point(centre.lat, centre.lon, { postalCode: zip, value });
}

function fromGeoJson(kind: LayerKind, content: string): LayerFeature[] {
    let doc: unknown;
    try {
        doc = JSON.parse(content);
    } catch (error) {
        throw new LayerInputError([`not JSON: ${(error as Error).message}`]);
    }
    const collection = doc as { type?: unknown; features?: unknown };
    if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features))
        throw new LayerInputError([
            'a GeoJSON layer is a FeatureCollection: { "type": "FeatureCollection", "features": [...] }'
        ]);
    const problems: string[] = [];
    const features: LayerFeature[] = [];
    (collection.features as unknown[]).forEach((raw, k) => {
        const at = `feature ${k}`;
        const f = raw as {
            type?: unknown;
            geometry?: { type?: unknown; coordinates?: unknown };
            properties?: Record<string, unknown> | null;
        };
        if (f?.type !== 'Feature') {
            problems.push(`${at}: not a Feature`);
            return;
        }
        const props = f.properties ?? {};
        const rawValue = props.value;
        if (
            rawValue !== undefined &&
            (typeof rawValue !== 'number' || !Number.isFinite(rawValue))
        ) {
            problems.push(
                `${at}: properties.value must be a number (got ${JSON.stringify(rawValue)})`
            );
            return;
        }
        const value = rawValue as number | undefined;
        if (kind === 'postal_values') {
            if (typeof props.postalCode !== 'string' || value === undefined) {
                problems.push(`${at}: needs properties.postalCode (a string) and properties.value`);
                return;
            }
            const pf = postalFeature(props.postalCode, value);
            if (typeof pf === 'string') problems.push(`${at}: properties.postalCode ${pf}`);
            else features.push(pf);
            return;
        }
        const c = f.geometry?.coordinates;
        if (f.geometry?.type !== 'Point' || !Array.isArray(c) || c.length < 2) {
            problems.push(`${at}: a points layer needs Point geometries ([longitude, latitude])`);
            return;
        }
        const [lon, lat] = c as unknown[];
        const bad =
            typeof lat === 'number' && typeof lon === 'number'
                ? checkPoint(lat, lon, String(lat), String(lon))
                : 'coordinates must be numbers';
        if (bad) {
            problems.push(`${at}: ${bad}`);
            return;
        }
        const name = typeof props.name === 'string' ? props.name : undefined;
        features.push(
            point(lat as number, lon as number, {
                ...(name ? { name } : {}),
                ...(value !== undefined ? { value } : {})
            })
        );
    });
    if (problems.length) throw new LayerInputError(problems);
    return features;
}
