/**
 * The Fastify application as a plugin (fastify/demo layout): cross-cutting plugins (errors,
 * rate limit, auth, OpenAPI, dashboard), then the routes. `server.ts` starts it; tests build it
 * with `buildApp()` and call `app.inject()`.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Config } from './config/env.js';
import type { PlannerGateway } from './jobs/gateway.js';
import type { PlannerEngine } from './jobs/planner-engine.js';
import type { ServiceQueues } from './jobs/queues.js';
import { ApiError } from './http/errors.js';
import auth, { sameSalesforceId } from './http/plugins/auth.js';
import dashboard from './http/plugins/dashboard.js';
import errorHandler from './http/plugins/error-handler.js';
import openapi from './http/plugins/swagger.js';
import healthRoutes, { type ReadinessChecks } from './http/routes/health/index.js';
import jobRoutes from './http/routes/jobs/index.js';
import scenarioRoutes from './http/routes/scenarios/index.js';
import dataQualityRoutes from './http/routes/data-quality/index.js';
import { DataQualityService } from './http/data-quality-service.js';
import { AuditStore } from './jobs/data-audit.js';
import type { DataQualitySource } from './jobs/data-quality-source.js';
import marketRoutes from './http/routes/market/index.js';
import { MarketService } from './http/market-service.js';
import type { MarketSource } from './jobs/market-source.js';
import { ScenarioService } from './http/scenario-service.js';
import visitRoutes from './http/routes/visit-routes/index.js';
import { VisitRoutesService } from './http/visit-routes-service.js';
import { RoutePlanStore } from './jobs/visit-routes.js';
import { loadTokenKeys } from './http/token-keys.js';
import type { Logger } from './logger.js';

export type AppConfig = Pick<
    Config,
    'SF_ORG_ID' | 'BODY_LIMIT_BYTES' | 'RATE_LIMIT_MAX' | 'RATE_LIMIT_WINDOW_MS'
> &
    Partial<
        Pick<
            Config,
            'SERVICE_TOKEN_SECRET' | 'SERVICE_TOKEN_PUBLIC_KEY_FILE' | 'COMPARE_CACHE_TTL_MS'
        >
    >;

export interface AppDeps {
    config: AppConfig;
    gateway: PlannerGateway;
    queues: ServiceQueues;
    engine: PlannerEngine;
    /** Readiness checks; by default Redis is pinged through the queues and the org through the gateway. */
    checks?: ReadinessChecks;
    /**
     * The org the service is connected to, learned at login; tokens must be issued by it
     * (default: the gateway's `orgId()`, from the identity URL of its OAuth token answer). When
     * SF_ORG_ID is set it must name the same org.
     */
    connectedOrgId?: () => Promise<string>;
    /** Where the data-quality actions read and write (without it they answer 503). */
    dataQuality?: DataQualitySource;
    /** Where market layers and leads are read and stored (without it those routes answer 503). */
    market?: MarketSource;
}

/**
 * The org tokens must come from: always the org the service logged in to. SF_ORG_ID, when set,
 * is a check on the configuration (a service pointed at the wrong org refuses every token with
 * a 503 that says so) and is not trusted on its own. 15- and 18-character ids compare equal.
 */
export function boundOrg(configured: string, learn: () => Promise<string>): () => Promise<string> {
    return async () => {
        const learned = await learn();
        if (configured && !sameSalesforceId(configured, learned))
            throw new ApiError(
                503,
                `SF_ORG_ID is ${configured} but the service is logged in to org ${learned}: fix SF_ORG_ID or the Salesforce credentials`
            );
        return learned;
    };
}

/** Default readiness: a PING on the queues' Redis connection and a cheap org call. */
export function defaultChecks(queues: ServiceQueues, gateway: PlannerGateway): ReadinessChecks {
    return {
        async redis() {
            const client = await queues.generate.backend.client;
            await client.runCommand('ping', []);
        },
        org: () => gateway.ping()
    };
}

/** Registers everything on `app`. */
export default async function serviceApp(app: FastifyInstance, deps: AppDeps): Promise<void> {
    const { config } = deps;
    await app.register(errorHandler);
    // Auth first (onRequest), then the rate limit (preHandler): the budget is per org user, as
    // Apex mints a new token for every call.
    const keys = await loadTokenKeys({
        publicKeyFile: config.SERVICE_TOKEN_PUBLIC_KEY_FILE,
        secret: config.SERVICE_TOKEN_SECRET
    });
    const orgId = boundOrg(config.SF_ORG_ID, deps.connectedOrgId ?? (() => deps.gateway.orgId()));
    await app.register(auth, { keys, orgId });
    await app.register(rateLimit, {
        global: true,
        hook: 'preHandler',
        max: config.RATE_LIMIT_MAX,
        timeWindow: config.RATE_LIMIT_WINDOW_MS,
        keyGenerator: (request) =>
            request.principal
                ? `${request.principal.orgId}/${request.principal.userId}`
                : request.ip,
        errorResponseBuilder: (_request, context) => ({
            statusCode: context.statusCode,
            error: 'Too Many Requests',
            message: `Rate limit of ${context.max} requests per ${context.after} exceeded; retry in ${context.after}`
        })
    });
    await app.register(openapi);
    const ttlMs = deps.config.COMPARE_CACHE_TTL_MS;
    const scenarios = new ScenarioService(
        deps.gateway,
        deps.queues,
        deps.engine,
        ttlMs !== undefined ? { ttlMs } : {},
        deps.market
    );
    await app.register(healthRoutes, {
        checks: deps.checks ?? defaultChecks(deps.queues, deps.gateway)
    });
    await app.register(scenarioRoutes, { scenarios });
    await app.register(jobRoutes, { scenarios });
    await app.register(dataQualityRoutes, {
        dataQuality: new DataQualityService(
            deps.gateway,
            deps.queues,
            new AuditStore(() => deps.queues.audit.backend.client, deps.queues.prefix),
            deps.dataQuality
        )
    });
    await app.register(marketRoutes, { market: new MarketService(deps.gateway, deps.market) });
    await app.register(visitRoutes, {
        routes: new VisitRoutesService(
            deps.gateway,
            deps.queues,
            new RoutePlanStore(() => deps.queues.routes.backend.client, deps.queues.prefix)
        )
    });
    await app.register(dashboard, { queues: deps.queues.all() });
}

/** Builds a ready-to-listen (or inject) Fastify instance. */
export async function buildApp(
    deps: AppDeps,
    options: { logger?: Logger | false } = {}
): Promise<FastifyInstance> {
    const fastifyOptions: FastifyServerOptions = {
        bodyLimit: deps.config.BODY_LIMIT_BYTES,
        // Apex sends X-Request-Id when it has one; otherwise we make one.
        requestIdHeader: 'x-request-id',
        genReqId: () => randomUUID(),
        // Nothing is coerced (DESIGN.md "The service"): a number where a string is expected is a
        // 400, and query strings are validated as strings (schemas.ts).
        ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } }
    };
    const app = Fastify({
        ...fastifyOptions,
        ...(options.logger ? { loggerInstance: options.logger } : { logger: false })
    }) as unknown as FastifyInstance;
    await app.register(serviceApp, deps);
    await app.ready();
    return app;
}
