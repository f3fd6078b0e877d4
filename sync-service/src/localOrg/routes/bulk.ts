/**
 * Bulk API 2.0 (`/jobs/ingest`, `/jobs/query`) over the job engine in ../bulk.ts. Errors are
 * `[{errorCode, message}]` with the job engine's status.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { BulkError } from '../bulk.js';
import { JSON_TYPE, sendJson, V, version, type OrgContext } from './context.js';

export const bulkRoutes: FastifyPluginAsync<{ ctx: OrgContext }> = async (app, { ctx }) => {
    const { bulk } = ctx;
    const bulkError = (reply: FastifyReply, err: unknown): FastifyReply => {
        if (err instanceof BulkError)
            return reply
                .code(err.status)
                .type(JSON_TYPE)
                .send(JSON.stringify([{ errorCode: err.errorCode, message: err.message }]));
        throw err;
    };
    const jobId = (req: FastifyRequest): string => (req.params as { id: string }).id;
    const guard =
        (fn: (req: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>) =>
        async (req: FastifyRequest, reply: FastifyReply) => {
            try {
                return await fn(req, reply);
            } catch (err) {
                return bulkError(reply, err);
            }
        };

    app.post(
        `${V}/jobs/ingest`,
        guard((req, reply) =>
            sendJson(
                reply,
                200,
                bulk.createIngest((req.body ?? {}) as Record<string, unknown>, version(req))
            )
        )
    );
    app.put(
        `${V}/jobs/ingest/:id/batches`,
        guard((req, reply) => {
            bulk.upload(jobId(req), typeof req.body === 'string' ? req.body : '');
            return reply.code(201).send();
        })
    );
    app.patch(
        `${V}/jobs/ingest/:id`,
        guard((req, reply) => {
            const state = ((req.body ?? {}) as { state?: unknown }).state;
            return sendJson(
                reply,
                200,
                bulk.setState(
                    jobId(req),
                    'ingest',
                    state,
                    version(req),
                    req.sfFault?.kind === 'lockRow' ? (req.sfFault.records ?? Infinity) : 0
                )
            );
        })
    );
    app.get(
        `${V}/jobs/ingest/:id`,
        guard((req, reply) => sendJson(reply, 200, bulk.status(jobId(req), 'ingest', version(req))))
    );
    app.delete(
        `${V}/jobs/ingest/:id`,
        guard((req, reply) => {
            bulk.delete(jobId(req), 'ingest');
            return reply.code(204).send();
        })
    );
    for (const [path, which] of [
        ['successfulResults', 'successful'],
        ['failedResults', 'failed'],
        ['unprocessedrecords', 'unprocessed']
    ] as const) {
        app.get(
            `${V}/jobs/ingest/:id/${path}`,
            guard((req, reply) =>
                reply
                    .code(200)
                    .type('text/csv')
                    .send(bulk.ingestResults(jobId(req), which))
            )
        );
    }

    app.post(
        `${V}/jobs/query`,
        guard((req, reply) =>
            sendJson(
                reply,
                200,
                bulk.createQuery((req.body ?? {}) as Record<string, unknown>, version(req))
            )
        )
    );
    app.get(
        `${V}/jobs/query/:id`,
        guard((req, reply) => sendJson(reply, 200, bulk.status(jobId(req), 'query', version(req))))
    );
    app.patch(
        `${V}/jobs/query/:id`,
        guard((req, reply) => {
            const state = ((req.body ?? {}) as { state?: unknown }).state;
            return sendJson(reply, 200, bulk.setState(jobId(req), 'query', state, version(req)));
        })
    );
    app.delete(
        `${V}/jobs/query/:id`,
        guard((req, reply) => {
            bulk.delete(jobId(req), 'query');
            return reply.code(204).send();
        })
    );
    app.get(
        `${V}/jobs/query/:id/results`,
        guard((req, reply) => {
            const q = req.query as { locator?: string; maxRecords?: string };
            const page = bulk.queryResults(
                jobId(req),
                version(req),
                q.locator || undefined,
                q.maxRecords ? Number(q.maxRecords) : undefined
            );
            return reply
                .code(200)
                .type('text/csv')
                .header('Sforce-NumberOfRecords', String(page.count))
                .header('Sforce-Locator', page.next)
                .send(page.csv);
        })
    );
};
