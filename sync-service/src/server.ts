/**
 * `npm run start:api`: validates the environment, opens the queues and the org connection, and
 * starts the HTTP API. SIGTERM/SIGINT close it gracefully (in-flight requests finish).
 */
import { boundOrg, buildApp } from './app.js';
import { closeOnSignals, exitOnStartFailure, loadConfigOrExit } from './config/process.js';
import * as engine from './engine/index.js';
import { queueConnection } from './jobs/connection.js';
import { openQueues } from './jobs/queues.js';
import { createPlannerGateway, salesforceConfig } from './jobs/salesforce-adapter.js';
import { createLogger } from './logger.js';
import { sharedConnection } from './jobs/account-placement-source.js';
import { salesforceDataQualitySource } from './jobs/data-quality-source.js';
import { salesforceMarketSource } from './jobs/market-source.js';
import { connectSalesforce } from './salesforce/index.js';

/** In-flight requests get this long to finish on SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
    const config = loadConfigOrExit();
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
    // Tokens must come from the org the gateway logs in to (one login, shared with the routes; no
    // API call); SF_ORG_ID, when set, must name the same org (app.ts boundOrg).
    // Data quality and market layers log in on their first call (a second session of the user).
    const salesforce = sharedConnection(() => connectSalesforce(salesforceConfig(config)));
    const dataQuality = salesforceDataQualitySource(salesforce);
    const market = salesforceMarketSource(salesforce);
    const app = await buildApp(
        { config, gateway, queues, engine, dataQuality, market },
        { logger }
    );
    if (config.SERVICE_TOKEN_PUBLIC_KEY_FILE)
        logger.info(
            { file: config.SERVICE_TOKEN_PUBLIC_KEY_FILE },
            'service tokens: RS256, verified with the public key file; HS256 is refused'
        );
    else if (config.NODE_ENV === 'production')
        logger.warn(
            'service tokens: HS256 with SERVICE_TOKEN_SECRET, meant for local development; set SERVICE_TOKEN_PUBLIC_KEY_FILE to the certificate Apex signs with'
        );
    const address = await app.listen({ host: config.HOST, port: config.PORT });
    logger.info({ address }, 'API listening');
    // Say at start which org tokens must come from (or why it is not known yet).
    boundOrg(config.SF_ORG_ID, () => gateway.orgId())().then(
        (orgId) => logger.info({ orgId }, 'service tokens must be issued by this org'),
        (error: unknown) =>
            logger.warn(
                { err: error },
                'the org tokens must come from is not known yet: every token is refused until the service logs in to Salesforce'
            )
    );
    closeOnSignals(
        logger,
        'API',
        async () => {
            await app.close();
            await queues.close();
        },
        SHUTDOWN_GRACE_MS
    );
}

main().catch(exitOnStartFailure('API'));
