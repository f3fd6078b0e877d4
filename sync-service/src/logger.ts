/**
 * pino JSON logger shared by the API and the workers. Secrets never reach the log: the
 * Authorization header and anything named like a secret are redacted.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/** Paths pino replaces with "[redacted]" wherever they appear in a log line. */
const REDACT = [
    'req.headers.authorization',
    'headers.authorization',
    '*.clientSecret',
    '*.password',
    '*.accessToken',
    '*.SERVICE_TOKEN_SECRET',
    '*.SF_CLIENT_SECRET'
];

/** Creates the process logger: JSON lines on stdout, `service` names the process. */
export function createLogger(options: {
    level: LevelWithSilent;
    service: 'api' | 'worker';
}): Logger {
    return pino({
        level: options.level,
        base: { service: options.service, pid: process.pid },
        redact: { paths: REDACT, censor: '[redacted]' },
        timestamp: pino.stdTimeFunctions.isoTime
    });
}
