/**
 * Service configuration from environment variables (12-factor): one TypeBox schema with defaults,
 * validated once at start; every problem is reported together, naming the variable, the value and
 * the fix. `.env.example` at the repository root lists the same variables.
 */
import { accessSync, constants } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { SALESFORCE_API_VERSION } from '../salesforce/types.js';

const Int = (def: number, min: number, max: number, description: string) =>
    Type.Integer({ default: def, minimum: min, maximum: max, description });

export const EnvSchema = Type.Object({
    NODE_ENV: Type.String({
        default: 'development',
        description: 'development | production | test'
    }),
    HOST: Type.String({ default: '127.0.0.1', description: 'interface the API listens on' }),
    PORT: Int(3000, 0, 65535, 'API port (0: any free port)'),
    LOG_LEVEL: Type.Union(
        [
            Type.Literal('fatal'),
            Type.Literal('error'),
            Type.Literal('warn'),
            Type.Literal('info'),
            Type.Literal('debug'),
            Type.Literal('trace'),
            Type.Literal('silent')
        ],
        { default: 'info', description: 'pino log level' }
    ),
    SERVICE_TOKEN_PUBLIC_KEY_FILE: Type.String({
        default: '',
        description:
            'PEM file with the certificate (or its public key) Apex signs service tokens with, from Setup > Certificate and Key Management; when set, only RS256 tokens it verifies are accepted'
    }),
    SERVICE_TOKEN_SECRET: Type.Optional(
        Type.String({
            minLength: 32,
            description:
                'HS256 secret for local development and tests (at least 32 characters); not used when SERVICE_TOKEN_PUBLIC_KEY_FILE is set'
        })
    ),
    REDIS_URL: Type.String({
        default: 'redis://127.0.0.1:6379',
        pattern: '^rediss?://',
        description: 'Redis holding the BullMQ queues'
    }),
    QUEUE_PREFIX: Type.String({
        default: 'territory',
        minLength: 1,
        description: 'Redis key prefix of every queue'
    }),
    SF_LOGIN_URL: Type.String({
        default: 'http://127.0.0.1:6100',
        pattern: '^https?://',
        description: 'Salesforce login URL (client-credentials flow)'
    }),
    SF_INSTANCE_URL: Type.Optional(
        Type.String({
            pattern: '^https?://',
            description: 'informational: the instance URL comes from the token response'
        })
    ),
    SF_CLIENT_ID: Type.String({ default: '', description: 'connected app consumer key' }),
    SF_CLIENT_SECRET: Type.String({ default: '', description: 'connected app consumer secret' }),
    SF_AUTH_FLOW: Type.Union([Type.Literal('client_credentials'), Type.Literal('jwt')], {
        default: 'client_credentials',
        description:
            'OAuth flow: client_credentials (consumer key + secret) or jwt (JWT bearer: consumer key, SF_USERNAME, SF_PRIVATE_KEY_FILE)'
    }),
    SF_USERNAME: Type.String({
        default: '',
        description: 'JWT bearer: the integration user the service runs as'
    }),
    SF_PRIVATE_KEY_FILE: Type.String({
        default: '',
        description:
            'JWT bearer: path of the PKCS#8 PEM private key whose certificate is on the connected app'
    }),
    SF_API_VERSION: Type.String({
        default: SALESFORCE_API_VERSION,
        pattern: '^\\d+\\.0$',
        description: 'REST API version'
    }),
    SF_BULK_THRESHOLD: Int(
        10_000,
        1,
        100_000_000,
        'reads and writes above this many records use Bulk API 2.0'
    ),
    SF_API_RESERVE: Int(
        0,
        0,
        100_000_000,
        'daily API requests left to other integrations: jobs pause below this many remaining'
    ),
    SF_ORG_ID: Type.String({
        default: '',
        description:
            'optional check (15 or 18 characters): tokens must always come from the org the API logs in to, learned at login; when set, this must name that same org, else every token is refused with a 503'
    }),
    BODY_LIMIT_BYTES: Int(1_048_576, 1024, 104_857_600, 'largest accepted request body'),
    RATE_LIMIT_MAX: Int(600, 1, 1_000_000, 'requests per window per caller'),
    RATE_LIMIT_WINDOW_MS: Int(60_000, 1000, 3_600_000, 'rate-limit window'),
    COMPARE_CACHE_TTL_MS: Int(
        15_000,
        0,
        3_600_000,
        "how long GET /v1/scenarios/compare reuses a model's current plan pulled from the org; 0: pull on every call"
    ),
    ROUTING_URL: Type.String({
        default: '',
        pattern: '^(https?://[^\\s]+)?$',
        description:
            "OSRM server for visit routes' travel times and road geometry (its table and route services, e.g. http://127.0.0.1:5000); empty: the offline model (great-circle km × 1.3 at 50 km/h)"
    }),
    ROUTING_MAX_TABLE_SIZE: Int(
        100,
        2,
        100_000,
        "the OSRM server's --max-table-size: larger travel tables are asked for in blocks"
    ),
    WORKER_CONCURRENCY: Int(2, 1, 64, 'jobs a worker process runs at once per queue'),
    JOB_ATTEMPTS: Int(6, 1, 50, 'attempts for transient Salesforce faults'),
    JOB_BACKOFF_MS: Int(2000, 10, 600_000, 'first retry delay, doubled each attempt'),
    SF_LIMIT_PAUSE_MS: Int(
        900_000,
        100,
        86_400_000,
        'queue pause after REQUEST_LIMIT_EXCEEDED when the org gives no reset time'
    ),
    JOB_LOCK_MS: Int(
        30_000,
        500,
        600_000,
        'worker lock per job; a job whose worker died is resumed by another after this long'
    ),
    ENGINE_TIME_LIMIT_MS: Int(60_000, 100, 3_600_000, 'engine time limit per run'),
    FANOUT_MIN_ACCOUNTS: Int(
        20_000,
        1,
        100_000_000,
        'plans with at least this many accounts and 2+ segments run one child job per segment'
    ),
    DRIFT_REVIEW_CRON: Type.String({
        default: '0 6 1 1,4,7,10 *',
        minLength: 3,
        description: 'drift review schedule, UTC (default: quarterly, 06:00 on the 1st); off: none'
    }),
    DRIFT_THRESHOLD: Type.Number({
        default: 0.1,
        exclusiveMinimum: 0,
        maximum: 10,
        description: 'propose a rebalance when max deviation exceeds this'
    }),
    DRIFT_MEASURES: Type.String({
        default: 'Potential,Workload,Count',
        description: 'measures the drift review and turnover balance on'
    }),
    TURNOVER_CRON: Type.String({
        default: '*/30 * * * *',
        minLength: 3,
        description: 'turnover detection schedule, UTC; off: none'
    }),
    TURNOVER_POLICY: Type.Union([Type.Literal('propose'), Type.Literal('auto-apply')], {
        default: 'propose',
        description: 'propose: create a Proposed scenario; auto-apply: write it to ETM'
    }),
    PLACEMENT_CRON: Type.String({
        default: '*/15 * * * *',
        minLength: 3,
        description:
            'account placement schedule, UTC: accounts created or re-addressed since the last run go to the territory of their postal unit; off: none'
    }),
    PLACEMENT_OVERLAP_SECONDS: Int(
        120,
        0,
        86_400,
        'account placement reads this many seconds before its SystemModstamp high-water mark again, for records committed late'
    ),
    SCHEDULE_MODEL_ID: Type.String({
        default: '',
        description: 'territory model reviewed by the schedules; empty: the active model'
    })
});

export type Config = Static<typeof EnvSchema>;

/** Raised when the environment does not satisfy the schema; the message lists every problem. */
export class ConfigError extends Error {
    readonly problems: string[];
    constructor(problems: string[]) {
        super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
        this.problems = problems;
        this.name = 'ConfigError';
    }
}

/**
 * Reads, converts (strings to numbers), defaults and validates the configuration.
 * @throws ConfigError naming each variable that is missing or wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
    const raw: Record<string, unknown> = {};
    for (const key of Object.keys(EnvSchema.properties)) {
        const value = env[key];
        // An empty variable means "use the default", as in most .env loaders.
        if (value !== undefined && value !== '') raw[key] = value;
    }
    const withDefaults = Value.Default(EnvSchema, Value.Convert(EnvSchema, { ...raw }));
    // TypeBox reports a missing variable twice (required, then wrong type): one message per name.
    const seen = new Set<string>();
    const errors = [...Value.Errors(EnvSchema, withDefaults)].filter((e) => {
        const name = e.path.replace(/^\//, '');
        if (seen.has(name)) return false;
        seen.add(name);
        return true;
    });
    const problems = errors.map((e) => {
        const name = e.path.replace(/^\//, '');
        const given = raw[name];
        const shown =
            given === undefined
                ? 'is not set'
                : name.includes('SECRET')
                  ? 'is invalid'
                  : `is ${JSON.stringify(given)}`;
        const description = (EnvSchema.properties as Record<string, { description?: string }>)[name]
            ?.description;
        const choices = (e.schema as { anyOf?: { const?: unknown }[] }).anyOf?.map((c) => c.const);
        const why = choices ? `must be one of ${choices.join(', ')}` : e.message;
        return `${name} ${shown}: ${why}${description ? ` (${description})` : ''}`;
    });
    const config = withDefaults as Config;
    if (!config.SERVICE_TOKEN_PUBLIC_KEY_FILE && config.SERVICE_TOKEN_SECRET === undefined)
        problems.push(
            'SERVICE_TOKEN_SECRET is not set, and neither is SERVICE_TOKEN_PUBLIC_KEY_FILE: set SERVICE_TOKEN_PUBLIC_KEY_FILE to the PEM certificate Apex signs tokens with (production), or SERVICE_TOKEN_SECRET to an HS256 secret of at least 32 characters (local development and tests)'
        );
    if (config.SERVICE_TOKEN_PUBLIC_KEY_FILE && !isReadable(config.SERVICE_TOKEN_PUBLIC_KEY_FILE))
        problems.push(
            `SERVICE_TOKEN_PUBLIC_KEY_FILE is '${config.SERVICE_TOKEN_PUBLIC_KEY_FILE}' but that file cannot be read: give the path of the certificate downloaded from Setup > Certificate and Key Management (PEM)`
        );
    if (config.SF_AUTH_FLOW === 'jwt') {
        for (const name of ['SF_CLIENT_ID', 'SF_USERNAME', 'SF_PRIVATE_KEY_FILE'] as const)
            if (!config[name]) problems.push(`${name} is not set: SF_AUTH_FLOW=jwt needs it`);
        if (config.SF_PRIVATE_KEY_FILE && !isReadable(config.SF_PRIVATE_KEY_FILE))
            problems.push(
                `SF_PRIVATE_KEY_FILE is '${config.SF_PRIVATE_KEY_FILE}' but that file cannot be read: give the path of the connected app's PKCS#8 PEM private key`
            );
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
}

/** The measures named by DRIFT_MEASURES, trimmed. */
export function measureList(config: Pick<Config, 'DRIFT_MEASURES'>): string[] {
    return config.DRIFT_MEASURES.split(',')
        .map((m) => m.trim())
        .filter((m) => m.length > 0);
}

function isReadable(file: string): boolean {
    try {
        accessSync(file, constants.R_OK);
        return true;
    } catch {
        return false;
    }
}
