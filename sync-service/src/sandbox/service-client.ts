/**
 * The sandbox's Named Credential: calls the territory service with the bearer token Apex mints
 * (TerritoryServiceClient.cls: an RS256 JWT with iss = org id, sub = running user, iat, a short
 * exp and perms = the user's custom permissions), and turns failures into the sentences
 * TerritoryServiceClient.describeError produces. Apex signs with a certificate of Certificate and
 * Key Management; the sandbox signs with a key pair the demo generates, and the service verifies
 * with its public half exactly as in production (SERVICE_TOKEN_PUBLIC_KEY_FILE).
 */
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { territoryPermissions } from './apex/permissions.js';

/** The service call failed; statusCode 0 when no HTTP answer came back. */
export class ServiceCallError extends Error {
    readonly statusCode: number;
    constructor(message: string, statusCode: number) {
        super(message);
        this.statusCode = statusCode;
        this.name = 'ServiceCallError';
    }
}

export interface ServiceClientOptions {
    /** Service root, e.g. http://127.0.0.1:3000 */
    baseUrl: string;
    /** The private key of the signing certificate (in an org it never leaves Salesforce). */
    signingKey: KeyObject;
    orgId: string;
    userId: string;
    /** The running user's custom permissions: the token's `perms`. */
    customPermissions: ReadonlySet<string>;
}

export type ServiceClient = (
    method: string,
    pathAndQuery: string,
    body?: unknown
) => Promise<unknown>;

// As TerritoryServiceClient: tokens live 5 minutes; reads answer well within 20 s; the
// certificate's default unique name.
const TOKEN_SECONDS = 300;
const TIMEOUT_MS = 20_000;
const DEFAULT_SIGNING_KEY_NAME = 'Territory_Service_Token';

function describeError(status: number, text: string): string {
    let detail: string | undefined;
    try {
        const parsed: unknown = JSON.parse(text);
        if (parsed !== null && typeof parsed === 'object' && 'message' in parsed) {
            detail = String((parsed as { message: unknown }).message);
        }
    } catch {
        detail = undefined;
    }
    if (!detail) detail = text.trim() === '' ? 'no details' : text.slice(0, 200);
    if (status === 401) {
        return `The territory service refused the token (401: ${detail}). Check that the service SERVICE_TOKEN_PUBLIC_KEY_FILE holds the certificate Apex signs with (Territory Service Settings > Certificate Name, default ${DEFAULT_SIGNING_KEY_NAME}) and that the service is connected to this org.`;
    }
    if (status === 403) {
        return `The territory service refused the request (403: ${detail}). Ask your admin for the permission set it names.`;
    }
    if (status >= 500) {
        return `The territory service failed (${status}: ${detail}). Try again in a minute.`;
    }
    return `The territory service rejected the request (${status}: ${detail}).`;
}

/** A function that sends one JSON request to the service and resolves to the parsed answer. */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
    const permissions = territoryPermissions(options.customPermissions);
    return async (method, pathAndQuery, body) => {
        const token = await new SignJWT({ perms: permissions.tokenClaims() })
            .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
            .setIssuer(options.orgId)
            .setSubject(options.userId)
            .setIssuedAt()
            .setExpirationTime(`${TOKEN_SECONDS}s`)
            .sign(options.signingKey);
        let response: Response;
        try {
            response = await fetch(new URL(pathAndQuery, options.baseUrl), {
                method,
                headers: {
                    accept: 'application/json',
                    authorization: `Bearer ${token}`,
                    ...(body === undefined ? {} : { 'content-type': 'application/json' })
                },
                ...(body === undefined ? {} : { body: JSON.stringify(body) }),
                signal: AbortSignal.timeout(TIMEOUT_MS)
            });
        } catch (error) {
            throw new ServiceCallError(
                `The territory service cannot be reached (${(error as Error).message}). Check that it is running and that the Territory_Sync_Service Named Credential points to it.`,
                0
            );
        }
        const text = await response.text();
        if (response.ok) return text.trim() === '' ? null : (JSON.parse(text) as unknown);
        throw new ServiceCallError(describeError(response.status, text), response.status);
    };
}
