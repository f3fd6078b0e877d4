/**
 * OAuth 2.0 token endpoint of the local org: client_credentials, JWT bearer (RS256, verified with
 * a configured public key or certificate) and refresh_token. Responses follow CONTRACT.md §1.1:
 * every answer carries `id` (jsforce parses orgId/userId from it); client_credentials and JWT
 * answers have no refresh_token.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { importSPKI, importX509, jwtVerify, type CryptoKey, type KeyObject } from 'jose';

export interface ConnectedApp {
    clientId: string;
    clientSecret: string;
    /** PEM public key (SPKI) or X.509 certificate the JWT bearer flow verifies assertions with. */
    jwtPublicKey?: string;
}

export interface Session {
    token: string;
    userId: string;
    issuedAt: number;
}

export interface TokenContext {
    app: ConnectedApp;
    orgId: string;
    baseUrl: () => string;
    /** The integration user the client-credentials flow runs as. */
    integrationUserId: string;
    /** Active user id for a username (JWT `sub`), undefined when unknown or inactive. */
    userIdByUsername: (username: string) => string | undefined;
    refreshTokens: Map<string, string>;
    sessions: Map<string, Session>;
}

type TokenAnswer = { status: number; body: Record<string, unknown> };

function oauthError(status: number, error: string, description: string): TokenAnswer {
    return { status, body: { error, error_description: description } };
}

let verifyKeyCache: { pem: string; key: CryptoKey | KeyObject } | undefined;

async function verifyKey(pem: string): Promise<CryptoKey | KeyObject> {
    if (verifyKeyCache?.pem === pem) return verifyKeyCache.key;
    const key = pem.includes('BEGIN CERTIFICATE')
        ? await importX509(pem, 'RS256')
        : await importSPKI(pem, 'RS256');
    verifyKeyCache = { pem, key };
    return key;
}

function issue(ctx: TokenContext, userId: string, refreshToken?: string): TokenAnswer {
    const token = `${ctx.orgId.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
    const issuedAt = Date.now();
    ctx.sessions.set(token, { token, userId, issuedAt });
    const base = ctx.baseUrl();
    const id = `${base}/id/${ctx.orgId}/${userId}`;
    const signature = createHmac('sha256', ctx.app.clientSecret)
        .update(id + String(issuedAt))
        .digest('base64');
    const body: Record<string, unknown> = {
        access_token: token,
        signature,
        scope: 'api',
        instance_url: base,
        id,
        token_type: 'Bearer',
        issued_at: String(issuedAt)
    };
    if (refreshToken) body.refresh_token = refreshToken;
    return { status: 200, body };
}

/** Handles one POST /services/oauth2/token form. */
export async function handleTokenRequest(
    ctx: TokenContext,
    form: Record<string, string | undefined>
): Promise<TokenAnswer> {
    const grant = form.grant_type;
    const clientId = form.client_id;
    switch (grant) {
        case 'client_credentials': {
            if (clientId !== ctx.app.clientId)
                return oauthError(400, 'invalid_client_id', 'client identifier invalid');
            if (form.client_secret !== ctx.app.clientSecret) {
                return oauthError(400, 'invalid_client', 'invalid client credentials');
            }
            return issue(ctx, ctx.integrationUserId);
        }
        case 'urn:ietf:params:oauth:grant-type:jwt-bearer': {
            if (!ctx.app.jwtPublicKey) {
                return oauthError(
                    400,
                    'invalid_grant',
                    'invalid assertion: no certificate is registered for this app'
                );
            }
            if (!form.assertion) return oauthError(400, 'invalid_grant', 'invalid assertion');
            try {
                const { payload } = await jwtVerify(
                    form.assertion,
                    await verifyKey(ctx.app.jwtPublicKey),
                    {
                        algorithms: ['RS256']
                    }
                );
                if (payload.iss !== ctx.app.clientId)
                    return oauthError(400, 'invalid_client_id', 'client identifier invalid');
                const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
                const allowed = [
                    ctx.baseUrl(),
                    'https://login.salesforce.com',
                    'https://test.salesforce.com'
                ];
                if (
                    !audiences.some(
                        (a) => typeof a === 'string' && allowed.includes(a.replace(/\/$/, ''))
                    )
                ) {
                    return oauthError(400, 'invalid_grant', 'audience is invalid');
                }
                if (typeof payload.exp !== 'number')
                    return oauthError(400, 'invalid_grant', 'expired authorization code');
                const userId =
                    typeof payload.sub === 'string' ? ctx.userIdByUsername(payload.sub) : undefined;
                if (!userId)
                    return oauthError(400, 'invalid_grant', "user hasn't approved this consumer");
                return issue(ctx, userId);
            } catch (err) {
                const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
                return oauthError(
                    400,
                    'invalid_grant',
                    expired ? 'expired authorization code' : 'invalid assertion'
                );
            }
        }
        case 'refresh_token': {
            if (clientId !== ctx.app.clientId)
                return oauthError(400, 'invalid_client_id', 'client identifier invalid');
            if (form.client_secret !== undefined && form.client_secret !== ctx.app.clientSecret) {
                return oauthError(400, 'invalid_client', 'invalid client credentials');
            }
            const userId = form.refresh_token
                ? ctx.refreshTokens.get(form.refresh_token)
                : undefined;
            if (!userId) return oauthError(400, 'invalid_grant', 'expired access/refresh token');
            return issue(ctx, userId);
        }
        default:
            return oauthError(400, 'unsupported_grant_type', 'grant type not supported');
    }
}
