/**
 * `npm run start:api`: validates the environment, opens the queues and the org connection, and
 * starts the HTTP API. SIGTERM/SIGINT close it gracefully (in-flight requests finish).
 */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/env.js';
import { queueConnection } from './jobs/connection.js';
import { openQueues } from './jobs/queues.js';
import { createPlannerGateway } from './jobs/salesforce-adapter.js';
import * as engine from './engine/index.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
    let config;
    try {
        config = loadConfig();
    } catch (error) {
        if (error instanceof ConfigError) {
            process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
            process.exit(1);
        }
        throw error;
    }
    const logger = createLogger({ level: config.LOG_LEVEL, service: 'api' });
    const queues = openQueues({
        prefix: config.QUEUE_PREFIX,
        connection: queueConnection(config.REDIS_URL),
        attempts: config.JOB_ATTEMPTS,
        backoffMs: config.JOB_BACKOFF_MS,
        // The API answers 503 while Redis is down; log connection trouble instead of crashing.
        onError: (error, queue) => logger.warn({ err: error, queue }, 'queue connection error')
    });
    const gateway = createPlannerGateway(config, logger);
    const app = await buildApp({ config, gateway, queues, engine }, { logger });
    const address = await app.listen({ host: config.HOST, port: config.PORT });
    logger.info({ address }, 'API listening');

    let closing = false;
    const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        logger.info({ signal }, 'shutting down the API');
        const force = setTimeout(() => process.exit(1), 10_000).unref();
        try {
            await app.close();
            await queues.close();
            clearTimeout(force);
            process.exit(0);
        } catch (error) {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
        }
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
    process.stderr.write(
        `API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`
    );
    process.exit(1);
});
