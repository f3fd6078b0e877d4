/**
 * Data-quality routes (issue 16): run the account audit of a model, read it (counts by category,
 * examples, what the plan does with each, duplicate groups with Salesforce's merge link), and the
 * actions a planner approves: write approximate coordinates, exclude accounts from planning.
 * Running and the actions need the token's `plan` permission (plugins/auth.ts); reading does not.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { MAX_EXAMPLES } from '../../../audit/org-audit.js';
import {
    AuditAccepted,
    AuditQuery,
    AuditResultSchema,
    ExcludeBody,
    ExcludeResult,
    GeocodeBody,
    GeocodeResult,
    ModelParams
} from '../../data-quality-schemas.js';
import { DEFAULT_EXAMPLES, type DataQualityService } from '../../data-quality-service.js';
import { badRequest } from '../../errors.js';
import { PERMISSIONS } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';

const tags = ['data quality'];
const security = [{ bearerAuth: [] }];

export default async function dataQualityRoutes(
    app: FastifyInstance,
    { dataQuality }: { dataQuality: DataQualityService }
) {
    app.post<{ Params: ModelParams; Body: Record<string, never> }>(
        '/v1/models/:modelId/audit',
        {
            config: { permission: PERMISSIONS.plan },
            // Nothing in the body is needed; an empty one is allowed, anything else is a 400.
            preValidation: async (request) => {
                request.body ??= {};
            },
            schema: {
                tags,
                security,
                summary: "Audit the model's accounts (runs the data-audit job)",
                description:
                    "Needs the token's `plan` permission. Poll GET /v1/jobs/{jobId}; the result is then at GET /v1/models/{modelId}/audit. The same audit also runs before every scenario generation.",
                params: ModelParams,
                body: Type.Object({}, { additionalProperties: false }),
                response: {
                    202: AuditAccepted,
                    ...errorResponses(400, 401, 403, 404, 429, 503)
                }
            }
        },
        async (request, reply) =>
            reply.code(202).send(await dataQuality.run(request.params.modelId))
    );

    app.get<{ Params: ModelParams; Querystring: AuditQuery }>(
        '/v1/models/:modelId/audit',
        {
            schema: {
                tags,
                security,
                summary: "The model's latest account audit",
                description:
                    "Counts by category, up to `examples` accounts per category, what the next plan does with each (placed by postal code, excluded, flagged), and probable duplicate groups with the link to Salesforce's merge screen. With `scenarioId`, the audit run before that scenario's generation. 404 when none was run in the last 7 days.",
                params: ModelParams,
                querystring: AuditQuery,
                response: { 200: AuditResultSchema, ...errorResponses(400, 401, 404, 429, 503) }
            }
        },
        async (request) => {
            const raw = request.query.examples;
            const examples = raw === undefined ? DEFAULT_EXAMPLES : Number(raw);
            if (examples > MAX_EXAMPLES)
                throw badRequest(`querystring/examples must be <= ${MAX_EXAMPLES}`);
            return dataQuality.result(request.params.modelId, {
                examples,
                ...(request.query.scenarioId ? { scenarioId: request.query.scenarioId } : {})
            });
        }
    );

    app.post<{ Params: ModelParams; Body: GeocodeBody }>(
        '/v1/models/:modelId/audit/geocode',
        {
            config: { permission: PERMISSIONS.plan },
            schema: {
                tags,
                security,
                summary:
                    'Write approximate coordinates (postal code centre) to accounts without any',
                description:
                    "Needs the token's `plan` permission. For each account: read again; if Billing Latitude or Longitude is set by now it is skipped (never overwritten); otherwise the centre of its billing ZIP code is written with Approximate Location checked. Unknown ids answer 404 before anything is written.",
                params: ModelParams,
                body: GeocodeBody,
                response: {
                    200: GeocodeResult,
                    ...errorResponses(400, 401, 403, 404, 413, 429, 503)
                }
            }
        },
        async (request) => {
            const result = await dataQuality.geocode(
                request.params.modelId,
                request.body.accountIds
            );
            // Who approved the write, for the record (the org sees the integration user).
            request.log.info(
                {
                    approvedBy: request.principal!.userId,
                    written: result.written.map((w) => w.accountId)
                },
                'approximate locations written'
            );
            return result;
        }
    );

    app.post<{ Params: ModelParams; Body: ExcludeBody }>(
        '/v1/models/:modelId/audit/exclude',
        {
            config: { permission: PERMISSIONS.plan },
            schema: {
                tags,
                security,
                summary: 'Exclude accounts from planning (or include them again)',
                description:
                    "Needs the token's `plan` permission. Sets Territory_Excluded__c: excluded accounts take no part in generated plans and keep their current territory.",
                params: ModelParams,
                body: ExcludeBody,
                response: {
                    200: ExcludeResult,
                    ...errorResponses(400, 401, 403, 404, 413, 429, 503)
                }
            }
        },
        async (request) => {
            const result = await dataQuality.exclude(
                request.params.modelId,
                request.body.accountIds,
                request.body.excluded
            );
            request.log.info(
                {
                    approvedBy: request.principal!.userId,
                    excluded: request.body.excluded,
                    updated: result.updated
                },
                'accounts excluded from planning changed'
            );
            return result;
        }
    );
}
