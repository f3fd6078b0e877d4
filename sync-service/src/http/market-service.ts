/**
 * What the market routes do: import a layer (parsed strictly, stored in the org), list and serve
 * layers for the map, and sum values per postal code — a layer's, or the leads of a period —
 * into the territories of a model (the territory holding most of a ZIP code's accounts).
 */
import {
    LayerInputError,
    parseLayer,
    type LayerFormat,
    type LayerKind
} from '../market/parse-layer.js';
import { countByZip, totalsByTerritory, type TerritoryTotals } from '../market/zip-measures.js';
import type { PlannerGateway } from '../jobs/gateway.js';
import type { LayerRecord, MarketSource, StoredLayer } from '../jobs/market-source.js';
import { marketMeasureValues } from '../jobs/market-measures.js';
import { ApiError, badRequest, notFound, unavailable } from './errors.js';

export interface LayerImport {
    name: string;
    kind: LayerKind;
    format: LayerFormat;
    content: string;
    valueName?: string;
}

export class MarketService {
    private readonly gateway: PlannerGateway;
    private readonly source: MarketSource | undefined;
    constructor(gateway: PlannerGateway, source: MarketSource | undefined) {
        this.gateway = gateway;
        this.source = source;
    }

    private requireSource(): MarketSource {
        if (!this.source)
            throw unavailable(
                'This API has no market source configured: layers and lead flow need the Salesforce connection (src/server.ts)'
            );
        return this.source;
    }

    private async pull(modelId: string) {
        if (!(await this.gateway.modelOutline(modelId)))
            throw notFound(
                `modelId ${modelId} is not a territory model of the org: check the id (Setup > Territory Models)`
            );
        return this.gateway.pullPlan(modelId);
    }

    /** Parses and stores a layer; bad files answer 400 naming each problem's line or feature. */
    async importLayer(input: LayerImport): Promise<LayerRecord> {
        const source = this.requireSource();
        let parsed;
        try {
            parsed = parseLayer(input.kind, input.format, input.content);
        } catch (error) {
            if (error instanceof LayerInputError) throw badRequest(error.message);
            throw error;
        }
        return source.createLayer({
            name: input.name,
            format: input.format,
            ...(input.valueName ? { valueName: input.valueName } : {}),
            parsed
        });
    }

    async listLayers(): Promise<LayerRecord[]> {
        return this.requireSource().listLayers();
    }

    async layer(id: string): Promise<StoredLayer> {
        const layer = await this.requireSource().loadLayer(id);
        if (!layer) throw notFound(`No layer ${id}: GET /v1/layers lists them`);
        return layer;
    }

    /** A postal-values layer summed into the model's territories. */
    async layerByTerritory(modelId: string, layerId: string): Promise<TerritoryTotals> {
        const source = this.requireSource();
        const layer = await this.layer(layerId);
        if (layer.record.kind !== 'postal_values')
            throw new ApiError(
                409,
                `Layer ${layerId} is a points layer: only values per postal code add up per territory`
            );
        const values = await marketMeasureValues(source, { name: 'layer', layerId });
        return totalsByTerritory(await this.pull(modelId), values);
    }

    /** Leads created in [from, to) counted per territory of the model. */
    async leadFlow(
        modelId: string,
        from: string,
        to: string
    ): Promise<TerritoryTotals & { withoutPostalCode: number }> {
        if (from >= to) throw badRequest(`from (${from}) must be before to (${to})`);
        for (const [name, d] of [
            ['from', from],
            ['to', to]
        ] as const)
            if (Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
                throw badRequest(`querystring/${name} '${d}' is not a date`);
        const source = this.requireSource();
        const [snapshot, codes] = await Promise.all([
            this.pull(modelId),
            source.leadPostalCodes(from, to)
        ]);
        const counts = countByZip(codes);
        const withoutPostalCode = counts.get('') ?? 0;
        counts.delete('');
        const totals = totalsByTerritory(snapshot, counts);
        return { ...totals, total: totals.total + withoutPostalCode, withoutPostalCode };
    }
}
