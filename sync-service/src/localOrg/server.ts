/**
 * The local org's HTTP surface (Fastify), assembled from plugins in ./routes: the request gate
 * (API version, session, fault injection, daily API budget) that every `/services/data` call
 * passes, then OAuth/identity, org resources and limits, REST query, sObjects (incl. upsert by
 * External ID), sObject Collections and Bulk API 2.0.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { BulkJobs } from './bulk.js';
import type { FaultController } from './faults.js';
import type { ConnectedApp, Session } from './oauth.js';
import { actionRoutes, seedNotificationTypes } from './routes/actions.js';
import { bulkRoutes } from './routes/bulk.js';
import { collectionRoutes } from './routes/collections.js';
import { sendError, type Cursor, type OrgContext } from './routes/context.js';
import { gatePlugin } from './routes/gate.js';
import { oauthRoutes } from './routes/oauth.js';
import { queryRoutes } from './routes/query.js';
import { resourceRoutes } from './routes/resources.js';
import { sobjectRoutes } from './routes/sobjects.js';
import { notFound } from './routes/context.js';
import type { OrgStore } from './store.js';

export { LATEST_API_VERSION, OLDEST_API_VERSION } from './routes/context.js';

export interface ServerOptions {
    store: OrgStore;
    faults: FaultController;
    app: ConnectedApp;
    integrationUserId: string;
    /** refresh token → user id */
    refreshTokens: Map<string, string>;
    dailyApiLimit: number;
    /** Default REST query batch size (2,000 on the platform). */
    queryBatchSize: number;
    bulkProcessingDelayMs: number;
    bulkQueryPageSize: number;
    /** Sessions expire this long after issue (ms); 0 = never. */
    sessionTtlMs: number;
    logger: boolean;
}

export interface OrgServer {
    app: FastifyInstance;
    sessions: Map<string, Session>;
    usage: { used: number; limit: number };
    setBaseUrl(url: string): void;
}

/** Builds the Fastify app of the local org. */
export function buildOrgServer(options: ServerOptions): OrgServer {
    const app = Fastify({
        logger: options.logger ? { level: 'info', stream: process.stderr } : false,
        bodyLimit: 160 * 1024 * 1024,
        routerOptions: { ignoreTrailingSlash: true }
    });
    let baseUrl = 'http://127.0.0.1';
    const ctx: OrgContext = {
        store: options.store,
        faults: options.faults,
        app: options.app,
        integrationUserId: options.integrationUserId,
        refreshTokens: options.refreshTokens,
        sessions: new Map<string, Session>(),
        usage: { used: 0, limit: options.dailyApiLimit },
        cursors: new Map<string, Cursor>(),
        bulk: new BulkJobs(options.store, {
            processingDelayMs: options.bulkProcessingDelayMs,
            queryPageSize: options.bulkQueryPageSize
        }),
        queryBatchSize: options.queryBatchSize,
        sessionTtlMs: options.sessionTtlMs,
        baseUrl: () => baseUrl,
        notifications: []
    };
    // The package's notification types, as a deploy of force-app leaves them.
    seedNotificationTypes(options.store);

    app.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_req, body, done) => {
            done(null, Object.fromEntries(new URLSearchParams(String(body))));
        }
    );
    app.addContentTypeParser(
        ['text/csv', 'application/octet-stream'],
        { parseAs: 'string' },
        (_req, body, done) => {
            done(null, body);
        }
    );

    void app.register(gatePlugin, { ctx });
    for (const routes of [
        oauthRoutes,
        resourceRoutes,
        queryRoutes,
        sobjectRoutes,
        collectionRoutes,
        bulkRoutes,
        actionRoutes
    ]) {
        void app.register(routes, { ctx });
    }

    app.setNotFoundHandler((_req, reply) => notFound(reply));
    app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
        const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
        if (status === 500) app.log.error(err);
        const code =
            status === 400
                ? 'JSON_PARSER_ERROR'
                : status === 500
                  ? 'UNKNOWN_EXCEPTION'
                  : `ERROR_HTTP_${status}`;
        return sendError(
            reply,
            status,
            code,
            status === 500 ? 'An unexpected error occurred.' : err.message
        );
    });

    return {
        app,
        sessions: ctx.sessions,
        usage: ctx.usage,
        setBaseUrl: (url) => (baseUrl = url)
    };
}
