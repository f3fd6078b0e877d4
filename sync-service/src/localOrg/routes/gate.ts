/**
 * The gate every `/services/data/vNN.0/…` call passes before its route: API version (31–68, else
 * 404 NOT_FOUND), a live Bearer session (else 401 INVALID_SESSION_ID), fault injection, and the
 * daily API budget (403 REQUEST_LIMIT_EXCEEDED once used up; `Sforce-Limit-Info` on every answer).
 * Registered with fastify-plugin so the hook covers the routes of every other plugin.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import {
    bearer,
    LATEST_API_VERSION,
    notFound,
    OLDEST_API_VERSION,
    sendError,
    sessionOf,
    type OrgContext
} from './context.js';

const gate: FastifyPluginAsync<{ ctx: OrgContext }> = async (app, { ctx }) => {
    const { faults, usage, sessions } = ctx;
    const limitInfo = (): string => `api-usage=${usage.used}/${usage.limit}`;
    app.addHook('onRequest', async (req, reply) => {
        const path = req.url.split('?')[0]!;
        if (!path.startsWith('/services/data/') || path === '/services/data/') return;
        const m = /^\/services\/data\/v(\d+)\.0(\/|$)/.exec(path);
        const n = m ? Number(m[1]) : NaN;
        if (!m || n < OLDEST_API_VERSION || n > LATEST_API_VERSION) return notFound(reply);
        req.sfVersion = `${n}.0`;
        if (!sessionOf(ctx, bearer(req))) {
            return sendError(reply, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
        }
        const fault = faults.match(req.method, path);
        if (fault) {
            await fault.run?.();
            switch (fault.kind) {
                case 'expireSession':
                    sessions.clear();
                    return sendError(
                        reply,
                        401,
                        'INVALID_SESSION_ID',
                        'Session expired or invalid'
                    );
                case 'limitExceeded':
                    reply.header('Sforce-Limit-Info', limitInfo());
                    return sendError(
                        reply,
                        403,
                        'REQUEST_LIMIT_EXCEEDED',
                        'TotalRequests Limit exceeded.'
                    );
                case 'unavailable':
                    return sendError(
                        reply,
                        503,
                        'SERVER_UNAVAILABLE',
                        'Server temporarily unavailable. Please try again later.'
                    );
                case 'drop':
                    req.raw.socket.destroy();
                    return reply.hijack();
                case 'slow':
                    await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
                    break;
                case 'lockRow':
                    req.sfFault = fault;
                    break;
            }
        }
        if (usage.used >= usage.limit) {
            reply.header('Sforce-Limit-Info', limitInfo());
            return sendError(reply, 403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
        }
        usage.used++;
        reply.header('Sforce-Limit-Info', limitInfo());
    });
};

/** The request gate (not encapsulated: its hook applies to the whole app). */
export const gatePlugin = fp(gate, { name: 'local-org-gate' });
