/**
 * Bearer authentication and permissions. Every route except those marked
 * `config: { public: true }` (/health, /ready, /openapi.json) needs `Authorization: Bearer <token>`,
 * a JWT that Apex mints per call (TerritoryServiceClient.cls):
 *  - signed RS256 with the org's certificate and verified with its public key
 *    (SERVICE_TOKEN_PUBLIC_KEY_FILE; HS256 tokens are then refused, so no algorithm confusion),
 *    or HS256 with SERVICE_TOKEN_SECRET for local development and tests;
 *  - `iss`: the org the service is connected to (15- and 18-character ids name the same org);
 *  - `sub`: the calling user, who is also who approves (never a request body);
 *  - `iat` not in the future beyond a minute of clock skew; `exp` not passed and at most one hour
 *    after `iat`;
 *  - `perms` (optional): what the caller may do, from the custom permissions Apex checked —
 *    'plan' (Territory_Plan), 'approve' (Territory_Approve) and 'admin' (Territory_Admin: the
 *    queue dashboard's actions).
 * A bad token answers 401, a route whose `config.permission` the token lacks answers 403; both
 * with a JSON error that says what is wrong.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { ApiError } from '../errors.js';
import type { TokenKeys } from '../token-keys.js';

/** Longest accepted token lifetime, exp − iat (DESIGN.md: exp at most one hour after iat). */
const MAX_LIFETIME_S = 3600;
/** Clock skew allowed between the org and the service (DESIGN.md: a minute). */
const CLOCK_SKEW_S = 60;

/** What a token may allow, in its `perms` claim. */
export const PERMISSIONS = { plan: 'plan', approve: 'approve', admin: 'admin' } as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

/** Where each permission comes from in the org, so a 403 tells the admin what to assign. */
const GRANTED_BY: Record<Permission, string> = {
    plan: 'custom permission Territory_Plan, in the Territory_Planner permission set',
    approve: 'custom permission Territory_Approve, in the Territory_Approver permission set',
    admin: 'custom permission Territory_Admin, in the Territory_Admin permission set'
};

export interface Principal {
    orgId: string;
    userId: string;
    /** The token's `perms` (unknown values are kept but grant nothing). */
    permissions: ReadonlySet<string>;
}

declare module 'fastify' {
    interface FastifyRequest {
        principal?: Principal;
    }
    interface FastifyContextConfig {
        /** Route answers without a token. */
        public?: boolean;
        /** Route answers 403 unless the token's `perms` hold this permission. */
        permission?: Permission;
    }
}

export interface AuthOptions {
    keys: TokenKeys;
    /**
     * The org tokens must be issued by: a function that learns it (the org the gateway logged in
     * to, checked against SF_ORG_ID when that is set; app.ts), or a fixed id. Always required:
     * there is no mode that accepts any issuer.
     */
    orgId: string | (() => Promise<string>);
}

/**
 * Whether two Salesforce ids name the same record: an 18-character id is the case-sensitive
 * 15-character id plus a checksum suffix. Anything that is not an id is compared exactly.
 */
export function sameSalesforceId(a: string, b: string): boolean {
    const id = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
    if (!id.test(a) || !id.test(b)) return a === b;
    return a.slice(0, 15) === b.slice(0, 15);
}

const unauthorized = (message: string) => new ApiError(401, message);

function keyHint(keys: TokenKeys): string {
    return keys.algorithm === 'RS256'
        ? "an RS256 JWT signed with the org's certificate (SERVICE_TOKEN_PUBLIC_KEY_FILE)"
        : 'an HS256 JWT signed with the service token secret';
}

/** The jose error of a rejected token, as a 401 that says what is wrong. */
function rejection(error: unknown, keys: TokenKeys): ApiError {
    if (error instanceof errors.JWTExpired) return unauthorized('Token expired: request a new one');
    if (error instanceof errors.JWTClaimValidationFailed)
        return unauthorized(`Token claim '${error.claim}' is invalid: ${error.message}`);
    if (error instanceof errors.JOSEAlgNotAllowed)
        return unauthorized(
            keys.algorithm === 'RS256'
                ? "Token must be signed with RS256 by the org's certificate: this service verifies tokens with SERVICE_TOKEN_PUBLIC_KEY_FILE and refuses HS256"
                : 'Token must be signed with HS256'
        );
    return unauthorized(`Token is not a valid JWT: send ${keyHint(keys)}`);
}

/** The verified claims; each key of the file is tried (a certificate may be being replaced). */
async function verifySignature(token: string, keys: TokenKeys): Promise<JWTPayload> {
    let failure: unknown;
    for (const key of keys.keys as (CryptoKey | Uint8Array)[]) {
        try {
            const { payload } = await jwtVerify(token, key, {
                algorithms: [keys.algorithm],
                clockTolerance: CLOCK_SKEW_S,
                requiredClaims: ['iss', 'sub', 'iat', 'exp']
            });
            return payload;
        } catch (error) {
            failure = error;
            if (!(error instanceof errors.JWSSignatureVerificationFailed)) break;
        }
    }
    throw rejection(failure, keys);
}

async function verify(request: FastifyRequest, options: AuthOptions): Promise<Principal> {
    const header = request.headers.authorization;
    if (!header)
        throw unauthorized(
            `Missing Authorization header: send 'Authorization: Bearer <token>' with ${keyHint(options.keys)}`
        );
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized("Authorization header must be 'Bearer <token>'");
    const payload = await verifySignature(match[1], options.keys);
    const now = Math.floor(Date.now() / 1000);
    const iat = payload.iat!;
    const exp = payload.exp!;
    if (iat > now + CLOCK_SKEW_S)
        throw unauthorized(
            `Token claim 'iat' is in the future (${iat}, now ${now}): check the clock of the system that signs tokens`
        );
    if (exp - iat > MAX_LIFETIME_S)
        throw unauthorized(
            `Token lifetime is longer than 1 hour (exp - iat = ${exp - iat} s): issue tokens with exp ≤ iat + ${MAX_LIFETIME_S}`
        );
    const perms: unknown = payload.perms;
    if (perms !== undefined && !(Array.isArray(perms) && perms.every((p) => typeof p === 'string')))
        throw unauthorized(
            `Token claim 'perms' must be an array of strings such as ["plan", "approve"]`
        );
    const issuer = String(payload.iss);
    const expected = await expectedOrg(options);
    if (!sameSalesforceId(issuer, expected))
        throw unauthorized(
            `Token claim 'iss' is invalid: tokens must be issued by org ${expected}, the org this service is connected to (got ${issuer})`
        );
    return {
        orgId: issuer,
        userId: String(payload.sub),
        permissions: new Set((perms as string[] | undefined) ?? [])
    };
}

async function expectedOrg(options: AuthOptions): Promise<string> {
    if (typeof options.orgId !== 'function') return options.orgId;
    try {
        return await options.orgId();
    } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError(
            503,
            `Cannot check the token issuer: the service has not logged in to Salesforce yet (${(error as Error).message}); retry when GET /ready answers ready, or set SF_ORG_ID`
        );
    }
}

/** Answers with the error's JSON body: 401 for a bad token, 503 when the org cannot be learned. */
function deny(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    const statusCode = error instanceof ApiError ? error.statusCode : 401;
    const message = error instanceof ApiError ? error.message : 'Unauthorized';
    request.log.info({ statusCode, message }, 'request rejected by authentication');
    return reply.code(statusCode).send({
        statusCode,
        error: statusCode === 503 ? 'Service Unavailable' : 'Unauthorized',
        message
    });
}

/**
 * An onRequest hook that answers 403 unless the authenticated caller's token grants
 * `permission`; for plugins whose routes cannot carry `config.permission` (the dashboard).
 */
export function requirePermission(permission: Permission) {
    return async function checkPermission(request: FastifyRequest, reply: FastifyReply) {
        const granted = request.principal?.permissions ?? new Set<string>();
        if (granted.has(permission)) return;
        const message = `This needs the '${permission}' permission (${GRANTED_BY[permission]}); the token's perms are [${[...granted].join(', ')}]`;
        request.log.info({ permission }, 'request refused: missing permission');
        return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message });
    };
}

export default fp<AuthOptions>(
    async function auth(app: FastifyInstance, options: AuthOptions) {
        app.decorateRequest('principal', undefined);
        const checks = new Map(
            Object.values(PERMISSIONS).map((p) => [p, requirePermission(p)] as const)
        );
        app.addHook('onRequest', async (request, reply) => {
            const config = request.routeOptions.config;
            if (config?.public) return;
            try {
                request.principal = await verify(request, options);
            } catch (error) {
                // Answered here rather than thrown: plugins with their own error handler (the
                // dashboard) must not turn a 401 into something else.
                return deny(request, reply, error);
            }
            if (config?.permission) return checks.get(config.permission)!(request, reply);
        });
    },
    { name: 'auth' }
);
