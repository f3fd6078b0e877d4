/**
 * Market routes (issue 16): import a market layer (CSV or GeoJSON; points, or values per postal
 * code) into the org, list and serve layers for the map (features and the legend's value range),
 * a layer's values and the lead flow per territory of a model. Importing needs the token's `plan`
 * permission (plugins/auth.ts). Schemas follow schemas.ts: validated, nothing coerced.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { LAYER_FORMATS, LAYER_KINDS } from '../../../market/parse-layer.js';
import type { MarketService } from '../../market-service.js';
import { PERMISSIONS } from '../../plugins/auth.js';
import { SfId, errorResponses } from '../../schemas.js';

const tags = ['market'];
const security = [{ bearerAuth: [] }];

const Kind = Type.Union(LAYER_KINDS.map((k) => Type.Literal(k)));
const Format = Type.Union(LAYER_FORMATS.map((f) => Type.Literal(f)));
const DateString = Type.String({
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: 'YYYY-MM-DD (UTC)'
});

export const LayerBody = Type.Object(
    {
        name: Type.String({ minLength: 1, maxLength: 80 }),
        kind: Kind,
        format: Format,
        content: Type.String({
            minLength: 1,
            description:
                'the file: CSV (points: Latitude,Longitude[,Name][,Value]; postal_values: PostalCode,Value) or a GeoJSON FeatureCollection (Point features; postal_values: properties.postalCode and properties.value). The request is bounded by BODY_LIMIT_BYTES.'
        }),
        valueName: Type.Optional(Type.String({ minLength: 1, maxLength: 80 }))
    },
    { additionalProperties: false }
);
type LayerBody = Static<typeof LayerBody>;

const ValueRange = Type.Union([
    Type.Object({ min: Type.Number(), max: Type.Number() }),
    Type.Null()
]);

export const LayerRecordSchema = Type.Object({
    id: Type.String(),
    name: Type.String(),
    kind: Kind,
    format: Format,
    valueName: Type.Union([Type.String(), Type.Null()]),
    featureCount: Type.Integer(),
    valueTotal: Type.Number(),
    valueRange: ValueRange,
    createdAt: Type.Union([Type.String(), Type.Null()])
});

const Feature = Type.Object({
    type: Type.Literal('Feature'),
    geometry: Type.Object({
        type: Type.Literal('Point'),
        coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 })
    }),
    properties: Type.Object({
        name: Type.Optional(Type.String()),
        value: Type.Optional(Type.Number()),
        postalCode: Type.Optional(Type.String())
    })
});

const LayerParams = Type.Object({ id: SfId }, { additionalProperties: false });
const ModelParams = Type.Object({ modelId: SfId }, { additionalProperties: false });
const ModelLayerParams = Type.Object(
    { modelId: SfId, layerId: SfId },
    { additionalProperties: false }
);
const LeadFlowQuery = Type.Object(
    { from: DateString, to: DateString },
    { additionalProperties: false }
);

const Totals = Type.Object({
    byTerritory: Type.Array(
        Type.Object({ territoryId: Type.String(), name: Type.String(), total: Type.Number() })
    ),
    unassigned: Type.Number({
        description: 'in ZIP codes where no territory holds an account'
    }),
    total: Type.Number()
});

export default async function marketRoutes(
    app: FastifyInstance,
    { market }: { market: MarketService }
) {
    app.post<{ Body: LayerBody }>(
        '/v1/layers',
        {
            config: { permission: PERMISSIONS.plan },
            schema: {
                tags,
                security,
                summary: 'Import a market layer (stored in the org as Territory_Layer__c + file)',
                description:
                    "Needs the token's `plan` permission. A file with problems answers 400 naming each problem's line (CSV) or feature (GeoJSON); nothing is stored.",
                body: LayerBody,
                response: {
                    201: LayerRecordSchema,
                    ...errorResponses(400, 401, 403, 413, 429, 503)
                }
            }
        },
        async (request, reply) => reply.code(201).send(await market.importLayer(request.body))
    );

    app.get(
        '/v1/layers',
        {
            schema: {
                tags,
                security,
                summary: 'Market layers of the org, newest first',
                response: {
                    200: Type.Object({ layers: Type.Array(LayerRecordSchema) }),
                    ...errorResponses(401, 429, 503)
                }
            }
        },
        async () => ({ layers: await market.listLayers() })
    );

    app.get<{ Params: Static<typeof LayerParams> }>(
        '/v1/layers/:id',
        {
            schema: {
                tags,
                security,
                summary: "A layer's features for the map, and its legend",
                params: LayerParams,
                response: {
                    200: Type.Object({
                        layer: LayerRecordSchema,
                        featureCollection: Type.Object({
                            type: Type.Literal('FeatureCollection'),
                            features: Type.Array(Feature)
                        })
                    }),
                    ...errorResponses(400, 401, 404, 429, 503)
                }
            }
        },
        async (request) => {
            const { record, features } = await market.layer(request.params.id);
            return { layer: record, featureCollection: { type: 'FeatureCollection', features } };
        }
    );

    app.get<{ Params: Static<typeof ModelLayerParams> }>(
        '/v1/models/:modelId/layers/:layerId/territories',
        {
            schema: {
                tags,
                security,
                summary: 'A postal-values layer summed per territory (e.g. addressable market)',
                params: ModelLayerParams,
                response: { 200: Totals, ...errorResponses(400, 401, 404, 409, 429, 503) }
            }
        },
        async (request) => market.layerByTerritory(request.params.modelId, request.params.layerId)
    );

    app.get<{ Params: Static<typeof ModelParams>; Querystring: Static<typeof LeadFlowQuery> }>(
        '/v1/models/:modelId/lead-flow',
        {
            schema: {
                tags,
                security,
                summary: 'Leads created in [from, to) counted per territory, by postal code',
                params: ModelParams,
                querystring: LeadFlowQuery,
                response: {
                    200: Type.Composite([
                        Totals,
                        Type.Object({
                            withoutPostalCode: Type.Integer({
                                description: 'leads without a readable ZIP code (in total)'
                            })
                        })
                    ]),
                    ...errorResponses(400, 401, 404, 429, 503)
                }
            }
        },
        async (request) =>
            market.leadFlow(request.params.modelId, request.query.from, request.query.to)
    );
}
