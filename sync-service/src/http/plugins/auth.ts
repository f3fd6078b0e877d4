/**
 * Bearer authentication: every route except those marked `config: { public: true }` (/health,
 * /ready, /openapi.json) needs `Authorization: Bearer <token>`, an HS256 JWT signed with
 * SERVICE_TOKEN_SECRET whose `iss` is the org id, `sub` the user id and whose lifetime is at most
 * one hour. Anything else answers 401 with a JSON error saying what is wrong with the token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors, jwtVerify } from 'jose';
import { ApiError } from '../errors.js';

/** Longest accepted token lifetime (ARCHITECTURE.md: exp ≤ 1 h), plus clock skew. */
const MAX_LIFETIME_S = 3600;
const CLOCK_SKEW_S = 60;

export interface Principal {
    orgId: string;
    userId: string;
}

declare module 'fastify' {
    interface FastifyRequest {
        principal?: Principal;
    }
    interface FastifyContextConfig {
        /** Route answers without a token. */
        public?: boolean;
    }
}

export interface AuthOptions {
    secret: string;
    /** When set, tokens must be issued by this org. */
    orgId?: string;
}

const unauthorized = (message: string) => new ApiError(401, message);

async function verify(
    request: FastifyRequest,
    key: Uint8Array,
    orgId?: string
): Promise<Principal> {
    const header = request.headers.authorization;
    if (!header)
        throw unauthorized(
            "Missing Authorization header: send 'Authorization: Bearer <token>' with an HS256 JWT signed with the service token secret"
        );
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized("Authorization header must be 'Bearer <token>'");
    let payload;
    try {
        ({ payload } = await jwtVerify(match[1], key, {
            algorithms: ['HS256'],
            clockTolerance: CLOCK_SKEW_S,
            requiredClaims: ['iss', 'sub', 'exp'],
            ...(orgId ? { issuer: orgId } : {})
        }));
    } catch (error) {
        if (error instanceof errors.JWTExpired)
            throw unauthorized('Token expired: request a new one');
        if (error instanceof errors.JWTClaimValidationFailed)
            throw unauthorized(`Token claim '${error.claim}' is invalid: ${error.reason}`);
        if (error instanceof errors.JOSEAlgNotAllowed)
            throw unauthorized('Token must be signed with HS256');
        throw unauthorized('Token is not a valid JWT signed with the service token secret');
    }
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp ?? 0;
    if (exp - now > MAX_LIFETIME_S + CLOCK_SKEW_S)
        throw unauthorized('Token lifetime is longer than 1 hour: issue tokens with exp ≤ 1 h');
    return { orgId: String(payload.iss), userId: String(payload.sub) };
}

export default fp<AuthOptions>(
    async function auth(app: FastifyInstance, options: AuthOptions) {
        const key = new TextEncoder().encode(options.secret);
        app.decorateRequest('principal', undefined);
        app.addHook('onRequest', async (request, reply) => {
            if (request.routeOptions.config?.public) return;
            try {
                request.principal = await verify(request, key, options.orgId);
            } catch (error) {
                // Answered here rather than thrown: plugins with their own error handler (the
                // dashboard) must not turn a 401 into something else.
                const message = error instanceof ApiError ? error.message : 'Unauthorized';
                request.log.info({ message }, 'unauthenticated request rejected');
                return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message });
            }
        });
    },
    { name: 'auth' }
);
