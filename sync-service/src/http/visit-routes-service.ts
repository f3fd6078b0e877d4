/**
 * What the visit-routes routes do: check the model and its team, queue one `visit-routes` job per
 * rep, and read a rep's stored plan (jobs/visit-routes.ts).
 */
import {
    addRouteJobs,
    type RoutePlan,
    type RoutePlanStore,
    type RouteSettings
} from '../jobs/visit-routes.js';
import type { PlannerGateway } from '../jobs/gateway.js';
import type { ServiceQueues } from '../jobs/queues.js';
import { badRequest, conflict, notFound } from './errors.js';
import { redis } from './scenario-service.js';

const id15 = (id: string) => id.slice(0, 15);

export class VisitRoutesService {
    private readonly gateway: PlannerGateway;
    private readonly queues: ServiceQueues;
    private readonly store: RoutePlanStore;
    constructor(gateway: PlannerGateway, queues: ServiceQueues, store: RoutePlanStore) {
        this.gateway = gateway;
        this.queues = queues;
        this.store = store;
    }

    /** Queues a plan for every rep of the model (or the reps named), one job each. */
    async plan(
        modelId: string,
        settings: RouteSettings,
        repIds?: readonly string[]
    ): Promise<{ modelId: string; runId: string; jobs: { repId: string; jobId: string }[] }> {
        const outline = await this.gateway.modelOutline(modelId, { territories: true });
        if (!outline)
            throw notFound(
                `modelId ${modelId} is not a territory model of the org: check the id (Setup > Territory Models)`
            );
        const team = new Map<string, string>();
        for (const t of outline.territories ?? [])
            for (const u of t.userIds) if (!team.has(id15(u))) team.set(id15(u), u);
        if (team.size === 0)
            throw conflict(
                `model ${modelId} has no users assigned to its territories: assign reps (User Territory Associations) first`
            );
        let reps: string[];
        if (repIds) {
            const missing = repIds.filter((r) => !team.has(id15(r)));
            if (missing.length > 0)
                throw badRequest(
                    `body/repIds: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not assigned to any territory of model ${modelId}`
                );
            reps = [...repIds];
        } else reps = [...team.values()].sort();
        const run = await redis('queueing visit routes', () =>
            addRouteJobs(this.queues.routes, modelId, reps, settings)
        );
        return { modelId, ...run };
    }

    /** The rep's latest plan in the model. */
    async result(modelId: string, repId: string): Promise<RoutePlan> {
        const plan = await redis('reading the visit plan', () => this.store.load(modelId, repId));
        if (!plan)
            throw notFound(
                `No visit plan for rep ${repId} in model ${modelId} (plans are kept 14 days): POST /v1/models/${modelId}/routes plans the team, then poll GET /v1/jobs/{jobId}`
            );
        return plan;
    }
}
