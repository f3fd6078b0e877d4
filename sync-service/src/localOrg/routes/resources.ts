/**
 * The org-level REST resources: the unauthenticated versions list `GET /services/data`, the
 * resources of one version, `/limits` and `/limits/recordCount`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ObjectDef } from '../schema.js';
import {
    bearer,
    sessionOf,
    LATEST_API_VERSION,
    OLDEST_API_VERSION,
    sendJson,
    V,
    version,
    type OrgContext
} from './context.js';

export const resourceRoutes: FastifyPluginAsync<{ ctx: OrgContext }> = async (app, { ctx }) => {
    const { store, usage } = ctx;

    // The versions list needs no session and carries no Sforce-Limit-Info (REST guide).
    app.get('/services/data', async (_req, reply) => {
        const versions = [];
        for (let n = OLDEST_API_VERSION; n <= LATEST_API_VERSION; n++) {
            versions.push({ label: `v${n}.0`, url: `/services/data/v${n}.0`, version: `${n}.0` });
        }
        return sendJson(reply, 200, versions);
    });

    app.get(`${V}`, async (req, reply) => {
        const base = `/services/data/v${version(req)}`;
        const userId = sessionOf(ctx, bearer(req))?.userId ?? ctx.integrationUserId;
        return sendJson(reply, 200, {
            limits: `${base}/limits`,
            query: `${base}/query`,
            queryAll: `${base}/queryAll`,
            sobjects: `${base}/sobjects`,
            composite: `${base}/composite`,
            jobs: `${base}/jobs`,
            identity: `${ctx.baseUrl()}/id/${store.orgId}/${userId}`
        });
    });

    app.get(`${V}/limits`, async (_req, reply) =>
        sendJson(reply, 200, {
            DailyApiRequests: {
                Max: usage.limit,
                Remaining: Math.max(0, usage.limit - usage.used)
            },
            DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
            DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
            DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
            DataStorageMB: { Max: 1024, Remaining: 1024 },
            FileStorageMB: { Max: 10240, Remaining: 10240 }
        })
    );

    app.get(`${V}/limits/recordCount`, async (req, reply) => {
        const names = String((req.query as { sObjects?: string }).sObjects ?? '')
            .split(',')
            .filter(Boolean);
        const defs = names.length
            ? names.map((n) => store.schema.find(n)).filter((d): d is ObjectDef => !!d)
            : [...store.schema.objects.values()];
        return sendJson(reply, 200, {
            sObjects: defs.map((d) => ({ count: store.count(d.name), name: d.name }))
        });
    });
};
