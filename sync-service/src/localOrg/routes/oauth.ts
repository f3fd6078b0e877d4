/**
 * OAuth and identity: `POST /services/oauth2/token` (client_credentials, JWT bearer,
 * refresh_token; see ../oauth.ts), the identity URL `GET /id/{orgId}/{userId}` that every token
 * answer names (jsforce `conn.identity()`), and `GET /services/oauth2/userinfo`.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { handleTokenRequest } from '../oauth.js';
import { bearer, sendJson, sessionOf, type OrgContext } from './context.js';
import { LATEST_API_VERSION } from './context.js';

export const oauthRoutes: FastifyPluginAsync<{ ctx: OrgContext }> = async (app, { ctx }) => {
    const { store } = ctx;
    app.post('/services/oauth2/token', async (req, reply) => {
        const form = (req.body ?? {}) as Record<string, string | undefined>;
        const answer = await handleTokenRequest(
            {
                app: ctx.app,
                orgId: store.orgId,
                baseUrl: () => ctx.baseUrl(),
                integrationUserId: ctx.integrationUserId,
                userIdByUsername: (username) => {
                    for (const u of store.all('User')) {
                        if (
                            String(u.Username).toLowerCase() === username.toLowerCase() &&
                            u.IsActive
                        )
                            return u.Id;
                    }
                    return undefined;
                },
                refreshTokens: ctx.refreshTokens,
                sessions: ctx.sessions
            },
            form
        );
        return sendJson(reply, answer.status, answer.body);
    });

    /** The session of a Bearer header or an `oauth_token` parameter (as jsforce sends it). */
    const session = (req: FastifyRequest) =>
        sessionOf(
            ctx,
            bearer(req) ?? (req.query as { oauth_token?: string } | undefined)?.oauth_token
        );
    const forbidden = (reply: FastifyReply): FastifyReply =>
        reply.code(403).type('text/plain').send('Bad_OAuth_Token');

    const identity = (userId: string): Record<string, unknown> | undefined => {
        const user = store.get(userId);
        if (!user || !String(userId).startsWith('005')) return undefined;
        const base = ctx.baseUrl();
        const v = `${LATEST_API_VERSION}.0`;
        const url = (path: string): string => `${base}/services/data/v${v}/${path}`;
        return {
            id: `${base}/id/${store.orgId}/${user.Id}`,
            asserted_user: true,
            user_id: user.Id,
            organization_id: store.orgId,
            username: user.Username,
            nick_name: String(user.Username).split('@')[0],
            display_name: user.Name,
            email: user.Email,
            email_verified: true,
            first_name: user.FirstName,
            last_name: user.LastName,
            timezone: 'GMT',
            active: user.IsActive,
            user_type: 'STANDARD',
            language: 'en_US',
            locale: 'en_US',
            utcOffset: 0,
            last_modified_date: user.LastModifiedDate,
            urls: {
                rest: url(''),
                sobjects: url('sobjects/'),
                query: url('query/'),
                limits: url('limits/'),
                profile: `${base}/${user.Id}`
            }
        };
    };

    app.get('/id/:orgId/:userId', async (req, reply) => {
        const s = session(req);
        if (!s) return forbidden(reply);
        const { orgId, userId } = req.params as { orgId: string; userId: string };
        const info = orgId === store.orgId ? identity(userId) : undefined;
        if (!info) return reply.code(404).type('text/plain').send('Bad_Id');
        return sendJson(reply, 200, info);
    });

    app.get('/services/oauth2/userinfo', async (req, reply) => {
        const s = session(req);
        if (!s) return forbidden(reply);
        const info = identity(s.userId)!;
        return sendJson(reply, 200, {
            sub: info.id,
            user_id: info.user_id,
            organization_id: info.organization_id,
            preferred_username: info.username,
            nickname: info.nick_name,
            name: info.display_name,
            email: info.email,
            email_verified: true,
            given_name: info.first_name,
            family_name: info.last_name,
            zoneinfo: 'GMT',
            active: info.active,
            user_type: info.user_type,
            language: info.language,
            locale: info.locale,
            utcOffset: 0,
            updated_at: info.last_modified_date,
            urls: info.urls
        });
    });
};
