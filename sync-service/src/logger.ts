/**
 * pino JSON logger shared by the API and the workers. Secrets never reach the log: every finished
 * log line is walked to any depth (pino's `redact` paths reach fixed depths only), and
 *  - the value of any key named like a secret (case and `_`/`-` ignored: `clientSecret`,
 *    `client_secret`, `SF_CLIENT_SECRET`, `access_token`, `Authorization`, `password`,
 *    `privateKey`, any key ending in `secret`, `token` or `password`…) becomes "[redacted]";
 *  - inside strings (error messages, URLs), `Bearer <token>`, Salesforce session ids
 *    (`00D…!…`) and `access_token=…`-style query parameters are replaced too.
 * The line is walked after pino's serializers ran (errors: message, stack and their own fields;
 * Fastify's request: method, url, host), so whatever they produce is covered.
 */
import { pino, type Logger, type LevelWithSilent, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export const REDACTED = '[redacted]';

/** Secret key names, lower case without `_` and `-`. */
const SECRET_KEYS = new Set([
    'authorization',
    'proxyauthorization',
    'cookie',
    'setcookie',
    'password',
    'passwd',
    'secret',
    'clientsecret',
    'accesstoken',
    'refreshtoken',
    'idtoken',
    'token',
    'bearer',
    'assertion',
    'privatekey',
    'apikey',
    'sessionid',
    'signature'
]);
const SECRET_SUFFIXES = ['secret', 'token', 'password', 'privatekey', 'apikey'];

/** Whether a key names a secret: `clientSecret`, `CLIENT_SECRET`, `x-api-key`, `SF_CLIENT_SECRET`… */
export function isSecretKey(key: string): boolean {
    const k = key.toLowerCase().replace(/[_-]/g, '');
    return SECRET_KEYS.has(k) || SECRET_SUFFIXES.some((s) => k.endsWith(s));
}

const IN_TEXT: [RegExp, string][] = [
    [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
    // Salesforce access tokens are the org id, '!', and the session.
    [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g, REDACTED],
    [
        /\b(access_token|refresh_token|id_token|client_secret|password|assertion|token)=[^&\s"']+/gi,
        `$1=${REDACTED}`
    ]
];

function scrubText(text: string): string {
    let out = text;
    for (const [pattern, replacement] of IN_TEXT) out = out.replace(pattern, replacement);
    return out;
}

const MAX_DEPTH = 32;

function isPlain(value: object): boolean {
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` with secrets replaced, at any depth. Plain objects, arrays and errors are
 * walked; other objects are returned as they are (their own serializers log them).
 */
export function redactSecrets(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
    if (typeof value === 'string') return scrubText(value);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return '[circular]';
    if (depth > MAX_DEPTH) return '[too deep]';
    if (value instanceof Error) {
        seen.add(value);
        return redactSecrets(pino.stdSerializers.err(value), seen, depth + 1);
    }
    if (Array.isArray(value)) {
        seen.add(value);
        return value.map((v) => redactSecrets(v, seen, depth + 1));
    }
    if (!isPlain(value)) return value;
    seen.add(value);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value))
        out[key] =
            isSecretKey(key) && v !== undefined && v !== null
                ? REDACTED
                : redactSecrets(v, seen, depth + 1);
    return out;
}

/**
 * A finished JSON log line with secrets replaced. Working on the line itself catches everything
 * pino puts in it: the message, serialised errors, child bindings, Fastify's request fields.
 */
export function redactLine(line: string): string {
    const end = line.endsWith('\n') ? '\n' : '';
    try {
        return JSON.stringify(redactSecrets(JSON.parse(line))) + end;
    } catch {
        return scrubText(line);
    }
}

/** pino options that keep secrets out of every line (also for tests' own loggers). */
export function redactingOptions(): Pick<LoggerOptions, 'hooks'> {
    return { hooks: { streamWrite: redactLine } };
}

/** Creates the process logger: JSON lines on stdout, `service` names the process. */
export function createLogger(
    options: {
        level: LevelWithSilent;
        service: 'api' | 'worker';
    },
    destination?: pino.DestinationStream
): Logger {
    const settings: LoggerOptions = {
        level: options.level,
        base: { service: options.service, pid: process.pid },
        ...redactingOptions(),
        timestamp: pino.stdTimeFunctions.isoTime
    };
    return destination ? pino(settings, destination) : pino(settings);
}
