/**
 * `startLocalOrg(options)`: starts the emulator on 127.0.0.1 with (by default) the sample org.
 * Used by `territory org`, the service's tests and the demo.
 */
import { randomBytes } from 'node:crypto';
import { parseCustomObjects, schemaWith, type CustomObjectDeclaration } from './custom-objects.js';
import { FaultController } from './faults.js';
import type { ObjectDef } from './schema.js';
import { generateSampleActivity } from './sample-activity.js';
import { addSampleDirt } from './sample-dirt.js';
import { addSampleLeads } from './sample-leads.js';
import { importSampleLayers, sampleLayerFiles } from './sample-layers.js';
import { salesforceMarketSource } from '../jobs/market-source.js';
import { connectSalesforce } from '../salesforce/index.js';
import { generateSampleOrg, type SampleOrg } from './sample-org.js';
import { buildOrgServer } from './server.js';
import { OrgStore } from './store.js';
import { SALESFORCE_API_VERSION } from '../salesforce/types.js';

/** The API version the local org advertises in its ready line (and the gateway pins). */
export const LOCAL_ORG_API_VERSION = SALESFORCE_API_VERSION;

export interface LocalOrgOptions {
    /** 0 (default) picks a free port. */
    port?: number;
    host?: string;
    /** Sample-org size; ignored when `sample` is false. */
    accounts?: number;
    reps?: number;
    seed?: number;
    /** Seed the sample org (default true). Without it the org holds only the integration user. */
    sample?: boolean;
    opportunitiesPerAccount?: number;
    /**
     * Add the sample org's sales history (sample-activity.ts: opportunity creation dates, closed
     * deals over the last eight quarters, tasks and events) for the Performance dashboard.
     */
    activity?: boolean;
    /**
     * Add realistic dirt to the sample org (sample-dirt.ts: accounts without coordinates, some
     * entered twice under a name variant). Off by default: tests rely on the clean sample.
     */
    dirt?: boolean;
    /** Add sample leads for lead flow (sample-leads.ts: a year of leads by postal code). */
    market?: boolean;
    /**
     * Import the sample market layers once the org listens (sample-layers.ts: addressable
     * companies per ZIP code, competitor sites), through the market source over the org's own
     * REST API as POST /v1/layers stores them. Off by default: tests import their own layers.
     */
    marketLayers?: boolean;
    apiVersion?: string;
    clientId?: string;
    clientSecret?: string;
    /** PEM public key or X.509 certificate accepted for the JWT bearer flow. */
    jwtPublicKey?: string;
    /** Daily API request budget (DailyApiRequests.Max). */
    dailyApiLimit?: number;
    queryBatchSize?: number;
    bulkProcessingDelayMs?: number;
    bulkQueryPageSize?: number;
    /** Sessions expire this long after issue (ms); 0 = never (default). */
    sessionTtlMs?: number;
    /** Fastify request logging to stderr. */
    logger?: boolean;
    /**
     * Extra custom objects (the `--objects OBJECTS.json` declarations, or definitions already read
     * with readCustomObjectsFile). Invalid declarations throw ObjectsFileError.
     */
    objects?: readonly CustomObjectDeclaration[] | readonly ObjectDef[];
}

export interface LocalOrgCredentials {
    instanceUrl: string;
    loginUrl: string;
    clientId: string;
    clientSecret: string;
    apiVersion: string;
    /** Username of the integration user (JWT `sub`). */
    username: string;
    /** A refresh token for the integration user (refresh_token grant). */
    refreshToken: string;
}

export interface LocalOrg {
    url: string;
    credentials: LocalOrgCredentials;
    store: OrgStore;
    faults: FaultController;
    /** The sample org's ids (undefined when started without one). */
    sample: SampleOrg | undefined;
    /** API usage counter; tests may set `used` to exhaust the budget. */
    usage: { used: number; limit: number };
    /** Revokes every issued access token (the next call answers 401 INVALID_SESSION_ID). */
    expireSessions(): void;
    close(): Promise<void>;
}

/** Starts the local org and resolves once it listens. */
export async function startLocalOrg(options: LocalOrgOptions = {}): Promise<LocalOrg> {
    const declared = options.objects ?? [];
    const custom: ObjectDef[] = declared.every(isObjectDef)
        ? [...(declared as readonly ObjectDef[])]
        : parseCustomObjects(declared, 'objects');
    const store = new OrgStore({ schema: schemaWith(custom) });
    let sample: SampleOrg | undefined;
    if (options.sample ?? true) {
        sample = generateSampleOrg(store, {
            accounts: options.accounts ?? 5000,
            reps: options.reps ?? 30,
            seed: options.seed ?? 1,
            ...(options.opportunitiesPerAccount !== undefined
                ? { opportunitiesPerAccount: options.opportunitiesPerAccount }
                : {})
        });
        if (options.activity) generateSampleActivity(store, sample, { seed: options.seed ?? 1 });
        if (options.dirt) addSampleDirt(store, sample, { seed: options.seed ?? 1 });
        if (options.market) addSampleLeads(store, sample, { seed: options.seed ?? 1 });
    } else {
        const user = store.load('User', {
            Username: 'integration@territory.local',
            FirstName: 'Integration',
            LastName: 'User',
            Email: 'integration@territory.local'
        });
        store.defaultUserId = user.Id;
    }
    const integrationUserId = store.defaultUserId;
    const integrationUser = store.get(integrationUserId)!;
    const faults = new FaultController();
    const clientId = options.clientId ?? `3MVG9${randomBytes(30).toString('base64url')}`;
    const clientSecret = options.clientSecret ?? randomBytes(32).toString('hex').toUpperCase();
    const refreshToken = `5Aep8${randomBytes(40).toString('base64url')}`;
    const refreshTokens = new Map([[refreshToken, integrationUserId]]);
    const server = buildOrgServer({
        store,
        faults,
        app: {
            clientId,
            clientSecret,
            ...(options.jwtPublicKey ? { jwtPublicKey: options.jwtPublicKey } : {})
        },
        integrationUserId,
        refreshTokens,
        dailyApiLimit: options.dailyApiLimit ?? 100_000,
        queryBatchSize: options.queryBatchSize ?? 2000,
        bulkProcessingDelayMs: options.bulkProcessingDelayMs ?? 50,
        bulkQueryPageSize: options.bulkQueryPageSize ?? 50_000,
        sessionTtlMs: options.sessionTtlMs ?? 0,
        logger: options.logger ?? false
    });
    const host = options.host ?? '127.0.0.1';
    await server.app.listen({ port: options.port ?? 0, host });
    const address = server.app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = `http://${host}:${port}`;
    server.setBaseUrl(url);
    const apiVersion = options.apiVersion ?? LOCAL_ORG_API_VERSION;
    if (options.marketLayers && sample) {
        const files = sampleLayerFiles(store, sample, { seed: options.seed ?? 1 });
        const source = salesforceMarketSource(() =>
            connectSalesforce({ loginUrl: url, clientId, clientSecret, apiVersion })
        );
        try {
            await importSampleLayers(source, files);
        } catch (error) {
            await server.app.close();
            throw error;
        }
    }
    return {
        url,
        credentials: {
            instanceUrl: url,
            loginUrl: url,
            clientId,
            clientSecret,
            apiVersion,
            username: String(integrationUser.Username),
            refreshToken
        },
        store,
        faults,
        sample,
        usage: server.usage,
        expireSessions: () => server.sessions.clear(),
        close: async () => {
            await server.app.close();
        }
    };
}

function isObjectDef(o: unknown): o is ObjectDef {
    return typeof o === 'object' && o !== null && (o as ObjectDef).byLower instanceof Map;
}
