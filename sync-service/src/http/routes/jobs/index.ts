/** Job routes: status of any queued job, and cancellation (the token's `plan` permission). */
import type { FastifyInstance } from 'fastify';
import type { ScenarioService } from '../../scenario-service.js';
import { Cancelled, JobStatus, errorResponses } from '../../schemas.js';
import { Type, type Static } from '@sinclair/typebox';
import { PERMISSIONS } from '../../plugins/auth.js';

/** Job ids: BullMQ ids of our queues (`generate-…`, `apply-…`, numbers, scheduler ids). */
const JobParams = Type.Object({
    id: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' })
});
type JobParams = Static<typeof JobParams>;

const tags = ['jobs'];
const security = [{ bearerAuth: [] }];

export default async function jobRoutes(
    app: FastifyInstance,
    { scenarios }: { scenarios: ScenarioService }
) {
    app.get<{ Params: JobParams }>(
        '/v1/jobs/:id',
        {
            schema: {
                tags,
                security,
                summary: 'State and progress of a job',
                params: JobParams,
                response: { 200: JobStatus, ...errorResponses(400, 401, 404, 429, 503) }
            }
        },
        async (request) => scenarios.job(request.params.id)
    );

    app.delete<{ Params: JobParams }>(
        '/v1/jobs/:id',
        {
            config: { permission: PERMISSIONS.plan },
            schema: {
                tags,
                security,
                summary: 'Cancel a waiting or running scenario generation',
                description: "Needs the token's `plan` permission.",
                params: JobParams,
                response: { 200: Cancelled, ...errorResponses(400, 401, 403, 404, 409, 429, 503) }
            }
        },
        async (request) => scenarios.cancel(request.params.id)
    );
}
