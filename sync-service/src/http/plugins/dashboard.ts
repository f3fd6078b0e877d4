/**
 * Queue dashboard (bull-board) at /admin/queues, behind the same bearer auth as the API. Any valid
 * token may look (GET and HEAD: queues, jobs, their progress and failures; job data carries ids,
 * never secrets); every action (pause, resume, retry, clean, promote, add, remove, obliterate…,
 * all PUT/POST/PATCH/DELETE in bull-board) needs the token's `admin` permission: a retried apply
 * writes to ETM, and a paused or cleaned queue stops every planner.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS, requirePermission } from './auth.js';

export const DASHBOARD_PATH = '/admin/queues';

/** Methods that only read. */
const READ_METHODS = new Set(['GET', 'HEAD']);

export default async function dashboard(app: FastifyInstance, { queues }: { queues: Queue[] }) {
    const requireAdmin = requirePermission(PERMISSIONS.admin);
    // Runs after the auth plugin's onRequest hook, which has already refused a bad token.
    app.addHook('onRequest', async (request, reply) => {
        if (READ_METHODS.has(request.method)) return;
        return requireAdmin(request, reply);
    });
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
        queues: queues.map((q) => new BullMQAdapter(q)),
        serverAdapter
    });
    await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
}
