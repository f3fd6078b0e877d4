/**
 * Scenario routes: create, list, read, assignments page by page, compare, approve. Creating needs
 * the token's `plan` permission, approving its `approve` permission (plugins/auth.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ScenarioService } from '../../scenario-service.js';
import {
    ApproveBody,
    AssignmentsPage,
    AssignmentsQuery,
    CompareQuery,
    CompareResult,
    CreateScenarioBody,
    IdParams,
    JobAccepted,
    ListQuery,
    ModelIdParams,
    PendingRolloutQuery,
    PendingRolloutResult,
    RolloutQuery,
    RolloutResult,
    ScenarioDetail,
    ScenarioSummary,
    TradeOffResult,
    errorResponses,
    parseAssignmentsQuery
} from '../../schemas.js';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../../errors.js';
import { PERMISSIONS, sameSalesforceId } from '../../plugins/auth.js';

const tags = ['scenarios'];
const security = [{ bearerAuth: [] }];

export default async function scenarioRoutes(
    app: FastifyInstance,
    { scenarios }: { scenarios: ScenarioService }
) {
    app.post<{ Body: CreateScenarioBody }>(
        '/v1/scenarios',
        {
            config: { permission: PERMISSIONS.plan },
            schema: {
                tags,
                security,
                summary: 'Generate a what-if scenario (runs the scenario-generate job)',
                description: "Needs the token's `plan` permission.",
                body: CreateScenarioBody,
                response: {
                    202: JobAccepted,
                    ...errorResponses(400, 401, 403, 404, 413, 429, 503)
                }
            }
        },
        async (request, reply) => reply.code(202).send(await scenarios.create(request.body))
    );

    app.get<{ Querystring: ListQuery }>(
        '/v1/scenarios',
        {
            schema: {
                tags,
                security,
                summary: 'Scenarios of a territory model',
                querystring: ListQuery,
                response: {
                    200: Type.Object({ scenarios: Type.Array(ScenarioSummary) }),
                    ...errorResponses(400, 401, 429)
                }
            }
        },
        async (request) => ({ scenarios: await scenarios.list(request.query.modelId) })
    );

    // Registered before /v1/scenarios/:id so "compare" is not read as an id.
    app.get<{ Querystring: CompareQuery }>(
        '/v1/scenarios/compare',
        {
            schema: {
                tags,
                security,
                summary: 'Two plans side by side: figures, diff, moved accounts, per-rep changes',
                querystring: CompareQuery,
                response: { 200: CompareResult, ...errorResponses(400, 401, 404, 409, 429) }
            }
        },
        async (request) => scenarios.compare(request.query)
    );

    app.get<{ Params: IdParams }>(
        '/v1/scenarios/:id',
        {
            schema: {
                tags,
                security,
                summary: 'A scenario: status, progress, settings, metrics',
                params: IdParams,
                response: { 200: ScenarioDetail, ...errorResponses(400, 401, 404, 429) }
            }
        },
        async (request) => scenarios.get(request.params.id)
    );

    app.get<{ Params: IdParams; Querystring: AssignmentsQuery }>(
        '/v1/scenarios/:id/assignments',
        {
            schema: {
                tags,
                security,
                summary: "A page of the scenario's account assignments",
                params: IdParams,
                querystring: AssignmentsQuery,
                response: { 200: AssignmentsPage, ...errorResponses(400, 401, 404, 429) }
            }
        },
        async (request) =>
            scenarios.assignments(request.params.id, parseAssignmentsQuery(request.query))
    );

    app.get<{ Params: IdParams; Querystring: RolloutQuery }>(
        '/v1/scenarios/:id/rollout',
        {
            schema: {
                tags,
                security,
                summary:
                    '"What changes for me": per rep, the accounts gained and lost and potential, workload, accounts and travel before → after',
                description:
                    'Reps whose territory gains or loses accounts, most changes first, against the plan the scenario was generated from. `territoryId` keeps that territory only. Account lists are cut at 2,000 per rep and direction (`truncated`); the counts are whole.',
                params: IdParams,
                querystring: RolloutQuery,
                response: { 200: RolloutResult, ...errorResponses(400, 401, 404, 409, 429) }
            }
        },
        async (request) => scenarios.rollout(request.params.id, request.query.territoryId)
    );

    app.get<{ Params: ModelIdParams; Querystring: PendingRolloutQuery }>(
        '/v1/models/:modelId/rollout',
        {
            schema: {
                tags,
                security,
                summary:
                    "The change a territory's rep is waiting for (the account card): approved and not yet effective, or applied in the last 14 days",
                params: ModelIdParams,
                querystring: PendingRolloutQuery,
                response: { 200: PendingRolloutResult, ...errorResponses(400, 401, 429) }
            }
        },
        async (request) =>
            scenarios.pendingRollout(request.params.modelId, request.query.territoryId)
    );

    app.get<{ Params: IdParams }>(
        '/v1/scenarios/:id/trade-off',
        {
            schema: {
                tags,
                security,
                summary:
                    'What the compact ↔ fewest-changes slider costs: the scenario and both ends',
                params: IdParams,
                response: { 200: TradeOffResult, ...errorResponses(400, 401, 404, 429) }
            }
        },
        async (request) => scenarios.tradeOff(request.params.id)
    );

    app.post<{ Params: IdParams }>(
        '/v1/scenarios/:id/trade-off',
        {
            config: { permission: PERMISSIONS.plan },
            schema: {
                tags,
                security,
                summary:
                    "Generate both ends of the slider with the scenario's settings (runs a trade-off job)",
                description:
                    "Needs the token's `plan` permission. One pull, two engine runs; the figures are stored on the scenario.",
                params: IdParams,
                response: {
                    202: Type.Object({ jobId: Type.String() }),
                    ...errorResponses(400, 401, 403, 404, 409, 429, 503)
                }
            }
        },
        async (request, reply) =>
            reply.code(202).send(await scenarios.computeTradeOff(request.params.id))
    );

    app.post<{ Params: IdParams; Body: ApproveBody }>(
        '/v1/scenarios/:id/approve',
        {
            config: { permission: PERMISSIONS.approve },
            // The body is optional: nothing in it is needed (the approver is the token's subject).
            preValidation: async (request) => {
                request.body ??= {};
            },
            schema: {
                tags,
                security,
                summary: 'Approve a scenario and write it to ETM (runs the scenario-apply job)',
                description:
                    "Needs the token's `approve` permission. The approver recorded on the scenario (Applied By) is the token's subject.",
                params: IdParams,
                body: ApproveBody,
                response: {
                    202: Type.Object({
                        jobId: Type.String(),
                        effectiveDate: Type.String(),
                        applyAt: Type.String({
                            description: 'when the apply starts: now, or 00:00 UTC of effectiveDate'
                        })
                    }),
                    ...errorResponses(400, 401, 403, 404, 409, 429, 503)
                }
            }
        },
        async (request, reply) => {
            // Who approves is who signed in: never a user id the caller chose.
            const approver = request.principal!.userId;
            const named = request.body?.approvedBy;
            if (named !== undefined && !sameSalesforceId(named, approver))
                throw new ApiError(
                    403,
                    `approvedBy ${named} is not the caller (${approver}): the approver is the token's subject; leave approvedBy out`
                );
            return reply
                .code(202)
                .send(
                    await scenarios.approve(
                        request.params.id,
                        approver,
                        request.body?.effectiveDate
                    )
                );
        }
    );
}
