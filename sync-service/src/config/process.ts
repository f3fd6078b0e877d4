/**
 * What both entry points (server.ts, worker.ts) do around their work: load the configuration or
 * exit with every problem listed, and shut down once on SIGTERM/SIGINT.
 */
import type { Logger } from '../logger.js';
import { ConfigError, loadConfig, type Config } from './env.js';

/** The validated configuration; on a ConfigError prints the problems and exits with 1. */
export function loadConfigOrExit(): Config {
    try {
        return loadConfig();
    } catch (error) {
        if (error instanceof ConfigError) {
            process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
            process.exit(1);
        }
        throw error;
    }
}

/**
 * Runs `close` once on the first SIGTERM or SIGINT, then exits 0 (1 when closing fails, or when it
 * takes longer than `forceAfterMs`).
 */
export function closeOnSignals(
    logger: Logger,
    what: string,
    close: () => Promise<void>,
    forceAfterMs: number
): void {
    let closing = false;
    const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        logger.info({ signal }, `shutting down the ${what}`);
        setTimeout(() => {
            logger.error({ forceAfterMs }, 'shutdown took too long: exiting');
            process.exit(1);
        }, forceAfterMs).unref();
        try {
            await close();
            process.exit(0);
        } catch (error) {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
        }
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Reports a failure to start on stderr and exits with 1. */
export function exitOnStartFailure(what: string) {
    return (error: unknown) => {
        process.stderr.write(
            `${what} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`
        );
        process.exit(1);
    };
}
