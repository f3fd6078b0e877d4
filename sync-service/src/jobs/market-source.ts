/**
 * Market data in the org (issue 16): market layers as Territory_Layer__c records with the layer
 * as a GeoJSON file attached (ContentVersion, as scenarios keep their assignments: the record
 * carries what lists and legends need, the file the features), and leads by postal code over a
 * period (lead flow).
 */
import {
    SalesforceError,
    SalesforceInputError,
    type SalesforceGateway
} from '../salesforce/index.js';
import { numberOrNull as num } from '../salesforce/field-values.js';
import type { LayerFeature, LayerFormat, LayerKind, ParsedLayer } from '../market/parse-layer.js';

export const LAYER_OBJECT = 'Territory_Layer__c';
const LAYER_FIELDS = [
    'Id',
    'Name',
    'Kind__c',
    'Source_Format__c',
    'Value_Name__c',
    'Feature_Count__c',
    'Value_Total__c',
    'Value_Min__c',
    'Value_Max__c',
    'CreatedDate'
];
const SF_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface LayerRecord {
    id: string;
    name: string;
    kind: LayerKind;
    format: LayerFormat;
    valueName: string | null;
    featureCount: number;
    valueTotal: number;
    valueRange: { min: number; max: number } | null;
    createdAt: string | null;
}

export interface StoredLayer {
    record: LayerRecord;
    features: LayerFeature[];
}

export interface NewLayer {
    name: string;
    format: LayerFormat;
    valueName?: string;
    parsed: ParsedLayer;
}

export interface MarketSource {
    /** Postal codes of the leads created on or after `from` and before `to` (YYYY-MM-DD, UTC). */
    leadPostalCodes(from: string, to: string): Promise<(string | null)[]>;
    createLayer(layer: NewLayer): Promise<LayerRecord>;
    listLayers(): Promise<LayerRecord[]>;
    /** The layer with its features, or undefined when there is no such record. */
    loadLayer(id: string): Promise<StoredLayer | undefined>;
}

function fromRow(r: Record<string, unknown>): LayerRecord {
    const min = num(r.Value_Min__c);
    const max = num(r.Value_Max__c);
    return {
        id: String(r.Id),
        name: String(r.Name),
        kind: String(r.Kind__c) as LayerKind,
        format: String(r.Source_Format__c) as LayerFormat,
        valueName: r.Value_Name__c ? String(r.Value_Name__c) : null,
        featureCount: num(r.Feature_Count__c) ?? 0,
        valueTotal: num(r.Value_Total__c) ?? 0,
        valueRange: min !== null && max !== null ? { min, max } : null,
        createdAt: r.CreatedDate ? String(r.CreatedDate) : null
    };
}

/** A MarketSource over the Salesforce gateway `connect` yields (shared login). */
export function salesforceMarketSource(connect: () => Promise<SalesforceGateway>): MarketSource {
    const insertOne = async (
        sf: SalesforceGateway,
        object: string,
        fields: Record<string, unknown>
    ) => {
        const [outcome] = await sf.client.dml('insert', object, [fields], { forceMode: 'rest' });
        if (!outcome?.ok)
            throw new SalesforceError(
                `${object} could not be saved: ${outcome?.errorCode} ${outcome?.message}`,
                outcome?.errorCode ?? 'UNKNOWN',
                400
            );
        return outcome.id;
    };
    return {
        async leadPostalCodes(from, to) {
            if (!DATE.test(from) || !DATE.test(to))
                throw new SalesforceInputError('from and to must be dates YYYY-MM-DD');
            const sf = await connect();
            const where = `WHERE CreatedDate >= ${from}T00:00:00Z AND CreatedDate < ${to}T00:00:00Z`;
            const expected = await sf.client.count(`SELECT COUNT() FROM Lead ${where}`);
            const rows = await sf.client.read(`SELECT PostalCode FROM Lead ${where}`, expected);
            return rows.map((r) => (r.PostalCode ? String(r.PostalCode) : null));
        },

        async createLayer(layer) {
            const sf = await connect();
            const range = layer.parsed.valueRange;
            const id = await insertOne(sf, LAYER_OBJECT, {
                Name: layer.name,
                Kind__c: layer.parsed.kind,
                Source_Format__c: layer.format,
                Value_Name__c: layer.valueName ?? null,
                Feature_Count__c: layer.parsed.features.length,
                Value_Total__c: layer.parsed.valueTotal,
                Value_Min__c: range?.min ?? null,
                Value_Max__c: range?.max ?? null
            });
            const geojson = JSON.stringify({
                type: 'FeatureCollection',
                features: layer.parsed.features
            });
            await insertOne(sf, 'ContentVersion', {
                Title: layer.name,
                PathOnClient: 'layer.geojson',
                VersionData: Buffer.from(geojson, 'utf8').toString('base64'),
                FirstPublishLocationId: id
            });
            const [row] = await sf.client.queryRest(
                `SELECT ${LAYER_FIELDS.join(', ')} FROM ${LAYER_OBJECT} WHERE Id = '${id}'`
            );
            return fromRow(row!);
        },

        async listLayers() {
            const sf = await connect();
            const rows = await sf.client.queryRest(
                `SELECT ${LAYER_FIELDS.join(', ')} FROM ${LAYER_OBJECT} ORDER BY CreatedDate DESC`
            );
            return rows.map(fromRow);
        },

        async loadLayer(id) {
            if (!SF_ID.test(id)) return undefined;
            const sf = await connect();
            const [row] = await sf.client.queryRest(
                `SELECT ${LAYER_FIELDS.join(', ')} FROM ${LAYER_OBJECT} WHERE Id = '${id}'`
            );
            if (!row) return undefined;
            const [version] = await sf.client.queryRest(
                `SELECT Id FROM ContentVersion WHERE FirstPublishLocationId = '${String(row.Id)}' AND IsLatest = true ORDER BY CreatedDate DESC LIMIT 1`
            );
            if (!version)
                throw new SalesforceError(
                    `Layer ${id} has no file attached: import it again`,
                    'NOT_FOUND',
                    404
                );
            const { body } = await sf.client.call(() =>
                sf.client.fetchRaw(
                    `/sobjects/ContentVersion/${String(version.Id)}/VersionData`,
                    'application/octet-stream'
                )
            );
            const doc = JSON.parse(body) as { features: LayerFeature[] };
            return { record: fromRow(row), features: doc.features };
        }
    };
}
