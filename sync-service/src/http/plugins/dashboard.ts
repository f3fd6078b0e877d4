/**
 * Queue dashboard (bull-board) at /admin/queues, behind the same bearer auth as the API and the
 * `approve` permission: from it, a failed apply job can be retried, which writes to ETM.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { PERMISSIONS, requirePermission } from './auth.js';

export const DASHBOARD_PATH = '/admin/queues';

export default async function dashboard(app: FastifyInstance, { queues }: { queues: Queue[] }) {
    app.addHook('onRequest', requirePermission(PERMISSIONS.approve));
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
        queues: queues.map((q) => new BullMQAdapter(q)),
        serverAdapter
    });
    await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
}
