/**
 * REST query: `GET query?q=`, `queryAll?q=` (deleted rows too) and `query/<locator>` /
 * `queryAll/<locator>` for the next pages. Pages of 2,000 rows (`Sforce-Query-Options:
 * batchSize=N`, clamped to 200..2000); cursors expire after 15 minutes unused, at most 50 open.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { compileQuery, type CompiledQuery } from '../query-engine.js';
import { QUERY_LOCATOR_PREFIX } from '../schema.js';
import { SoqlError } from '../soql.js';
import { sendError, sendJson, V, version, type Cursor, type OrgContext } from './context.js';

const MAX_CURSORS = 50;
const CURSOR_TTL_MS = 15 * 60_000;

export const queryRoutes: FastifyPluginAsync<{ ctx: OrgContext }> = async (app, { ctx }) => {
    const { store, cursors } = ctx;

    const sendPage = (
        req: FastifyRequest,
        reply: FastifyReply,
        cursor: Cursor,
        cursorId: string,
        offset: number
    ): FastifyReply => {
        const v = version(req);
        const end = Math.min(cursor.rows.length, offset + cursor.batchSize);
        const records = cursor.rows.slice(offset, end).map((r) => cursor.compiled.toJson(r, v));
        const body: Record<string, unknown> = {
            totalSize: cursor.rows.length,
            done: end >= cursor.rows.length
        };
        if (end < cursor.rows.length) {
            // Re-inserting keeps the Map in least-recently-used order. Locators expire after 15
            // minutes unused (as documented for query locators), and at most 50 stay open: each
            // holds its full result list.
            cursor.lastUsed = Date.now();
            cursors.delete(cursorId);
            cursors.set(cursorId, cursor);
            for (const [id, c] of cursors) {
                if (cursors.size <= MAX_CURSORS && Date.now() - c.lastUsed < CURSOR_TTL_MS) break;
                cursors.delete(id);
            }
            body.nextRecordsUrl = `/services/data/v${v}/query/${cursorId}-${end}`;
        } else cursors.delete(cursorId);
        body.records = records;
        return sendJson(reply, 200, body);
    };

    const runQuery = (req: FastifyRequest, reply: FastifyReply, all: boolean): FastifyReply => {
        const q = (req.query as Record<string, string | undefined>).q;
        if (!q) return sendError(reply, 400, 'MALFORMED_QUERY', 'SOQL query is required');
        let compiled: CompiledQuery;
        let rows: unknown[];
        try {
            compiled = compileQuery(store, q);
            rows = compiled.run(all);
        } catch (err) {
            if (err instanceof SoqlError) return sendError(reply, 400, err.errorCode, err.message);
            throw err;
        }
        if (compiled.countOnly)
            return sendJson(reply, 200, { totalSize: rows.length, done: true, records: [] });
        const header = String(req.headers['sforce-query-options'] ?? '');
        const m = /batchSize=(\d+)/i.exec(header);
        const batchSize = m ? Math.min(2000, Math.max(200, Number(m[1]))) : ctx.queryBatchSize;
        const cursor: Cursor = { compiled, rows, batchSize, lastUsed: Date.now() };
        return sendPage(req, reply, cursor, store.ids.next(QUERY_LOCATOR_PREFIX), 0);
    };

    const more = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
        const locator = (req.params as { locator: string }).locator;
        const m = /^([A-Za-z0-9]{18})-(\d+)$/.exec(locator);
        const cursor = m ? cursors.get(m[1]!) : undefined;
        if (!m || !cursor)
            return sendError(reply, 400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
        if (cursor.compiled.isAggregate) {
            return sendError(
                reply,
                400,
                'MALFORMED_QUERY',
                'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch'
            );
        }
        return sendPage(req, reply, cursor, m[1]!, Number(m[2]));
    };

    app.get(`${V}/query`, async (req, reply) => runQuery(req, reply, false));
    app.get(`${V}/queryAll`, async (req, reply) => runQuery(req, reply, true));
    app.get(`${V}/query/:locator`, more);
    app.get(`${V}/queryAll/:locator`, more);
};
