/**
 * A self-signed X.509 certificate in PEM, like the one Setup > Certificate and Key Management
 * downloads, built with node:crypto alone (Node can read certificates but not make them): the
 * DER of RFC 5280's Certificate, signed sha256WithRSAEncryption by the key pair's private key.
 */
import { X509Certificate, sign, type KeyObject } from 'node:crypto';

const der = (tag: number, ...parts: Buffer[]): Buffer => {
    const body = Buffer.concat(parts);
    const length =
        body.length < 0x80
            ? Buffer.from([body.length])
            : body.length < 0x100
              ? Buffer.from([0x81, body.length])
              : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
    return Buffer.concat([Buffer.from([tag]), length, body]);
};
const sequence = (...parts: Buffer[]) => der(0x30, ...parts);
const oid = (hex: string) => der(0x06, Buffer.from(hex, 'hex'));
/** 1.2.840.113549.1.1.11 sha256WithRSAEncryption, with its NULL parameters. */
const SHA256_WITH_RSA = sequence(oid('2a864886f70d01010b'), der(0x05));
/** CN = name (2.5.4.3). */
const commonName = (name: string) =>
    sequence(der(0x31, sequence(oid('550403'), der(0x0c, Buffer.from(name, 'utf8')))));
/** UTCTime YYMMDDHHMMSSZ. */
const utcTime = (date: Date) =>
    der(0x17, Buffer.from(date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));

/** A PEM certificate for the key pair, valid from an hour ago for a year. */
export function selfSignedCertificate(
    keys: { publicKey: KeyObject; privateKey: KeyObject },
    name = 'Territory_Service_Token'
): string {
    const now = Date.now();
    const tbs = sequence(
        der(0xa0, der(0x02, Buffer.from([2]))), // [0] version v3
        der(0x02, Buffer.from([0x01, 0x23, 0x45, 0x67])), // serial number
        SHA256_WITH_RSA,
        commonName(name),
        sequence(utcTime(new Date(now - 3600_000)), utcTime(new Date(now + 365 * 86400_000))),
        commonName(name),
        keys.publicKey.export({ type: 'spki', format: 'der' })
    );
    const signature = sign('sha256', tbs, keys.privateKey);
    const certificate = sequence(tbs, SHA256_WITH_RSA, der(0x03, Buffer.from([0]), signature));
    const base64 = certificate.toString('base64').replace(/.{1,64}/g, '$&\n');
    const pem = `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`;
    // Node parses and checks it, so a broken encoding fails here rather than in the test.
    if (!new X509Certificate(pem).verify(keys.publicKey))
        throw new Error('self-signed certificate does not verify');
    return pem;
}
