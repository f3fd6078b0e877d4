/** Queue dashboard (bull-board) at /admin/queues, behind the same bearer auth as the API. */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_PATH = '/admin/queues';

export default async function dashboard(app: FastifyInstance, { queues }: { queues: Queue[] }) {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(DASHBOARD_PATH);
    createBullBoard({
        queues: queues.map((q) => new BullMQAdapter(q)),
        serverAdapter
    });
    await app.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
}
