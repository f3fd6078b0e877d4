/**
 * The keys service tokens are verified with. In production Apex signs each token RS256 with a
 * certificate kept in Salesforce's Certificate and Key Management; the service holds only the
 * public half, from SERVICE_TOKEN_PUBLIC_KEY_FILE: the certificate as Setup downloads it
 * (`-----BEGIN CERTIFICATE-----`) or its public key (`-----BEGIN PUBLIC KEY-----`). The file may
 * hold several blocks, so a certificate can be replaced without downtime: add the new one, switch
 * the org to it, then remove the old one. HS256 with SERVICE_TOKEN_SECRET is for local
 * development and tests; when a public key file is given, HS256 tokens are refused.
 */
import { readFile } from 'node:fs/promises';
import { importSPKI, importX509, type CryptoKey } from 'jose';

/** How tokens are verified: RS256 with one of the org's public keys, or HS256 with a secret. */
export type TokenKeys =
    | { algorithm: 'RS256'; keys: CryptoKey[]; source: string }
    | { algorithm: 'HS256'; keys: [Uint8Array]; source: string };

/** Raised when the key file cannot be used; the message names the file and the fix. */
export class TokenKeyError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'TokenKeyError';
    }
}

/** RFC 7518 §3.3: RS256 keys of 2048 bits or larger. */
const MIN_RSA_BITS = 2048;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * The RS256 public keys in a PEM text: certificates and SPKI public keys, in file order.
 * @param what names the text in error messages (the file path)
 * @throws TokenKeyError when a block is of another kind, does not parse, or is not a 2048-bit or
 *   larger RSA key, or when the text holds no block at all
 */
export async function importPublicKeys(pem: string, what: string): Promise<CryptoKey[]> {
    const blocks = [...pem.matchAll(PEM_BLOCK)];
    if (blocks.length === 0)
        throw new TokenKeyError(
            `${what} holds no PEM block: give the certificate downloaded from Setup > Certificate and Key Management (-----BEGIN CERTIFICATE-----) or its public key (-----BEGIN PUBLIC KEY-----)`
        );
    const keys: CryptoKey[] = [];
    for (const [index, block] of blocks.entries()) {
        const [text, kind] = block as unknown as [string, string];
        const where = `${what}, PEM block ${index + 1} (${kind})`;
        if (kind !== 'CERTIFICATE' && kind !== 'PUBLIC KEY')
            throw new TokenKeyError(
                `${where} is not a certificate or a public key: the service needs only the public half of the signing certificate${kind.includes('PRIVATE') ? '; never give it the private key' : ''}`
            );
        let key: CryptoKey;
        try {
            key =
                kind === 'CERTIFICATE'
                    ? await importX509(text, 'RS256')
                    : await importSPKI(text, 'RS256');
        } catch (error) {
            throw new TokenKeyError(
                `${where} cannot verify RS256 tokens (${(error as Error).message}): use the RSA certificate Apex signs with`
            );
        }
        // RS256 needs 2048 bits or more (RFC 7518 §3.3); jose would refuse shorter keys only at
        // each verification, so every token would fail without saying why.
        const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
        if (bits < MIN_RSA_BITS)
            throw new TokenKeyError(
                `${where} is a ${bits}-bit RSA key: RS256 needs ${MIN_RSA_BITS} bits or more; create a new certificate (Salesforce's default key size is 2048)`
            );
        keys.push(key);
    }
    return keys;
}

/**
 * The verification keys of the configuration: RS256 from SERVICE_TOKEN_PUBLIC_KEY_FILE when it
 * is set (SERVICE_TOKEN_SECRET is then not used), else HS256 with SERVICE_TOKEN_SECRET.
 */
export async function loadTokenKeys(options: {
    publicKeyFile?: string | undefined;
    secret?: string | undefined;
}): Promise<TokenKeys> {
    if (options.publicKeyFile) {
        const file = options.publicKeyFile;
        let pem: string;
        try {
            pem = await readFile(file, 'utf8');
        } catch (error) {
            throw new TokenKeyError(
                `SERVICE_TOKEN_PUBLIC_KEY_FILE '${file}' cannot be read (${(error as Error).message})`
            );
        }
        const keys = await importPublicKeys(pem, `SERVICE_TOKEN_PUBLIC_KEY_FILE '${file}'`);
        return { algorithm: 'RS256', keys, source: 'SERVICE_TOKEN_PUBLIC_KEY_FILE' };
    }
    if (options.secret)
        return {
            algorithm: 'HS256',
            keys: [new TextEncoder().encode(options.secret)],
            source: 'SERVICE_TOKEN_SECRET'
        };
    throw new TokenKeyError(
        'No token verification key: set SERVICE_TOKEN_PUBLIC_KEY_FILE (production) or SERVICE_TOKEN_SECRET (local development)'
    );
}
