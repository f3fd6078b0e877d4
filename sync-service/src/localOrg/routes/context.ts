/**
 * What the route plugins of the local org share: the org's state (store, sessions, API usage,
 * query cursors, Bulk jobs, fault rules) and the helpers that write answers the way the platform
 * does (JSON arrays of `{message, errorCode[, fields]}` for errors).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BulkJobs } from '../bulk.js';
import type { FaultController, FaultRule } from '../faults.js';
import type { ConnectedApp, Session } from '../oauth.js';
import type { CompiledQuery } from '../query-engine.js';
import { RecordError, type OrgStore } from '../store.js';

/** Highest API version the emulator serves (the current release, CONTRACT.md §0). */
export const LATEST_API_VERSION = 68;
/** Lowest API version the emulator serves. */
export const OLDEST_API_VERSION = 31;
export const JSON_TYPE = 'application/json;charset=UTF-8';
/** sObject Collections limit (CONTRACT.md §2.3). */
export const MAX_COLLECTION = 200;
/** Route prefix of every versioned REST resource. */
export const V = '/services/data/:version';

export interface Cursor {
    compiled: CompiledQuery;
    rows: unknown[];
    batchSize: number;
    lastUsed: number;
}

export interface OrgContext {
    store: OrgStore;
    faults: FaultController;
    app: ConnectedApp;
    integrationUserId: string;
    /** refresh token → user id */
    refreshTokens: Map<string, string>;
    sessions: Map<string, Session>;
    usage: { used: number; limit: number };
    /** Open query cursors by locator id. */
    cursors: Map<string, Cursor>;
    bulk: BulkJobs;
    queryBatchSize: number;
    /** Sessions expire this long after issue (ms); 0 = never. */
    sessionTtlMs: number;
    baseUrl(): string;
    /** Custom notifications sent through customNotificationAction (routes/actions.ts). */
    notifications: SentNotification[];
}

import type { SentNotification } from './actions.js';

declare module 'fastify' {
    interface FastifyRequest {
        sfVersion?: string;
        sfFault?: FaultRule;
    }
}

/** The API version of a request (set by the gate), e.g. "68.0". */
export function version(req: FastifyRequest): string {
    return req.sfVersion ?? `${LATEST_API_VERSION}.0`;
}

/** How many records of a DML request an injected lockRow fault makes fail. */
export function lockedCount(req: FastifyRequest, total: number): number {
    return req.sfFault?.kind === 'lockRow' ? Math.min(total, req.sfFault.records ?? total) : 0;
}

/** The live session of a Bearer token (undefined when missing, unknown or expired). */
export function sessionOf(ctx: OrgContext, token: string | undefined): Session | undefined {
    const session = token ? ctx.sessions.get(token) : undefined;
    if (!session) return undefined;
    if (ctx.sessionTtlMs > 0 && Date.now() - session.issuedAt > ctx.sessionTtlMs) return undefined;
    return session;
}

export function bearer(req: FastifyRequest): string | undefined {
    const auth = req.headers.authorization;
    return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

export function errorBody(errorCode: string, message: string, fields?: string[]): string {
    const e: Record<string, unknown> = { message, errorCode };
    if (fields !== undefined) e.fields = fields;
    return JSON.stringify([e]);
}

export function sendError(
    reply: FastifyReply,
    status: number,
    errorCode: string,
    message: string,
    fields?: string[]
): FastifyReply {
    return reply
        .code(status)
        .type(JSON_TYPE)
        .send(errorBody(errorCode, message, fields));
}

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
    return reply.code(status).type(JSON_TYPE).send(JSON.stringify(body));
}

export function notFound(reply: FastifyReply): FastifyReply {
    return reply
        .code(404)
        .type(JSON_TYPE)
        .send(
            JSON.stringify([
                { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }
            ])
        );
}

/** A single-record DML failure as an HTTP error (ENTITY_IS_DELETED is 404, the rest 400). */
export function recordError(reply: FastifyReply, err: unknown): FastifyReply {
    if (err instanceof RecordError) {
        const status = err.statusCode === 'ENTITY_IS_DELETED' ? 404 : 400;
        return sendError(
            reply,
            status,
            err.statusCode,
            err.message,
            err.statusCode === 'INVALID_FIELD' ? undefined : err.fields
        );
    }
    throw err;
}
