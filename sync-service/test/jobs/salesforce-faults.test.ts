import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { pino } from 'pino';
import { withFaultPolicy, type JobContext } from '../../src/jobs/context.js';
import { afterEach, describe, expect, it } from 'vitest';
import { queueConnection, workerConnection } from '../../src/jobs/connection.js';
import { defaultJobOptions, QueueName } from '../../src/jobs/queues.js';
import {
    BadInputError,
    classifyFault,
    rethrowForQueue,
    retryAfterMs
} from '../../src/jobs/salesforce-faults.js';
import { ORG_LIMIT_AWARE_LIMITER } from '../../src/jobs/workers.js';
import { freshQueues, REDIS_URL } from '../http/helpers.js';

describe('classifyFault', () => {
    it.each([
        [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', statusCode: 403 }, 'request-limit'],
        [{ name: 'SalesforceRequestLimitError' }, 'request-limit'],
        [{ errorCode: 'UNABLE_TO_LOCK_ROW', statusCode: 400 }, 'transient'],
        [{ errorCode: 'SERVER_UNAVAILABLE', statusCode: 503 }, 'transient'],
        [{ statusCode: 502 }, 'transient'],
        [{ code: 'ECONNRESET' }, 'transient'],
        [{ message: 'x', cause: { code: 'ECONNREFUSED' } }, 'transient'],
        [{ errorCode: 'INVALID_FIELD', statusCode: 400 }, 'permanent'],
        [{ name: 'EngineInputError' }, 'permanent'],
        [new BadInputError('no'), 'permanent']
    ])('%o is %s', (error, kind) => {
        expect(classifyFault(error)).toBe(kind);
    });

    it('reads the reset time the org gives', () => {
        const now = Date.parse('2026-01-01T00:00:00Z');
        expect(retryAfterMs({ retryAfterMs: 1234 }, 9, now)).toBe(1234);
        expect(retryAfterMs({ resetAt: '2026-01-01T00:01:00Z' }, 9, now)).toBe(60_000);
        expect(retryAfterMs({}, 9, now)).toBe(9);
    });
});

describe('fault policy on a real queue', () => {
    let queue: Queue;
    let worker: Worker | undefined;
    afterEach(async () => {
        await worker?.close(true);
        await queue.obliterate({ force: true });
        await queue.close();
    });

    function setup(processor: (job: Job) => Promise<unknown>) {
        const prefix = `test-${randomUUID()}`;
        queue = new Queue('faults', {
            prefix,
            connection: queueConnection(REDIS_URL),
            defaultJobOptions: defaultJobOptions(3, 20)
        });
        worker = new Worker('faults', processor, {
            prefix,
            connection: workerConnection(REDIS_URL),
            limiter: ORG_LIMIT_AWARE_LIMITER
        });
        return queue;
    }

    it('REQUEST_LIMIT_EXCEEDED pauses the queue and requeues the job without spending an attempt', async () => {
        const calls: number[] = [];
        const pauses: number[] = [];
        setup(async (job) => {
            calls.push(Date.now());
            if (calls.length === 1)
                await rethrowForQueue(
                    Object.assign(new Error('TotalRequests Limit exceeded.'), {
                        errorCode: 'REQUEST_LIMIT_EXCEEDED',
                        statusCode: 403
                    }),
                    queue,
                    600,
                    (ms) => pauses.push(ms)
                );
            return { attemptsMade: job.attemptsMade };
        });
        const job = await queue.add('x', {});
        const done = await new Promise<Job>((resolve, reject) => {
            worker!.on('completed', resolve);
            worker!.on('failed', (_j, e) => reject(e));
        });
        expect(done.id).toBe(job.id);
        expect(pauses).toEqual([600]);
        expect(calls).toHaveLength(2);
        // The second call waited for the pause, and the limit did not count as an attempt.
        expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(550);
        expect(done.returnvalue).toEqual({ attemptsMade: 0 });
    });

    it('REQUEST_LIMIT_EXCEEDED on one queue pauses every queue given, and they resume together', async () => {
        const prefix = `test-${randomUUID()}`;
        const open = (name: string) =>
            new Queue(name, { prefix, connection: queueConnection(REDIS_URL) });
        const other = open('other');
        const started: Record<string, number> = {};
        let limitedAt = 0;
        const setupOther = () =>
            new Worker(
                'other',
                async () => {
                    started.other = Date.now();
                },
                {
                    prefix,
                    connection: workerConnection(REDIS_URL),
                    limiter: ORG_LIMIT_AWARE_LIMITER
                }
            );
        let otherWorker: Worker | undefined;
        try {
            const q = setup(async () => {
                if (limitedAt === 0) {
                    limitedAt = Date.now();
                    await rethrowForQueue(
                        Object.assign(new Error('TotalRequests Limit exceeded.'), {
                            errorCode: 'REQUEST_LIMIT_EXCEEDED',
                            statusCode: 403
                        }),
                        [queue, other],
                        800
                    );
                }
                started.faults = Date.now();
            });
            otherWorker = setupOther();
            await otherWorker.waitUntilReady();
            const done = new Promise((resolve) => worker!.on('completed', resolve));
            const otherDone = new Promise((resolve) => otherWorker!.on('completed', resolve));
            await q.add('x', {});
            // Once the limit was hit, the other queue is paused as well...
            while (limitedAt === 0 || (await other.getRateLimitTtl()) <= 0)
                await new Promise((r) => setTimeout(r, 5));
            expect(Date.now() - limitedAt).toBeLessThan(300);
            // ... so its job, added during the pause, waits for it too.
            await other.add('y', {});
            await Promise.all([done, otherDone]);
            expect(started.other! - limitedAt).toBeGreaterThanOrEqual(700);
            expect(started.faults! - limitedAt).toBeGreaterThanOrEqual(700);
            expect(Math.abs(started.other! - started.faults!)).toBeLessThan(500);
        } finally {
            await otherWorker?.close(true);
            await other.obliterate({ force: true });
            await other.close();
        }
    });

    it('retries a transient fault with backoff, then succeeds', async () => {
        let n = 0;
        setup(async () => {
            n += 1;
            if (n < 3)
                await rethrowForQueue(
                    Object.assign(new Error('Server unavailable'), { statusCode: 503 }),
                    queue,
                    1000
                );
            return 'ok';
        });
        await queue.add('x', {});
        const done = await new Promise<Job>((resolve) => worker!.on('completed', resolve));
        expect(done.attemptsMade).toBe(3); // two failed attempts and the one that completed
        expect(n).toBe(3);
    });

    it('fails a permanent fault at once and keeps the reason', async () => {
        let n = 0;
        setup(async () => {
            n += 1;
            return rethrowForQueue(
                Object.assign(new Error("No such column 'Foo__c' on entity 'Account'"), {
                    errorCode: 'INVALID_FIELD',
                    statusCode: 400
                }),
                queue,
                1000
            );
        });
        const job = await queue.add('x', {});
        await new Promise((resolve) => worker!.on('failed', resolve));
        const failed = await queue.getJob(String(job.id));
        expect(n).toBe(1);
        expect(await failed?.getState()).toBe('failed');
        expect(failed?.failedReason).toBe("No such column 'Foo__c' on entity 'Account'");
    });
});

describe('the fault policy of the processors', () => {
    it('a request limit in one queue rate-limits every queue of the service, for the same time', async () => {
        const queues = freshQueues();
        try {
            const ctx = {
                queues,
                logger: pino({ level: 'silent' }),
                settings: { limitPauseMs: 5000 }
            } as unknown as JobContext;
            const job = { id: '1', queueName: queues.apply.name, attemptsMade: 0, opts: {} } as Job;
            const limit = Object.assign(new Error('TotalRequests Limit exceeded.'), {
                errorCode: 'REQUEST_LIMIT_EXCEEDED',
                statusCode: 403
            });
            await expect(
                withFaultPolicy(ctx, queues.apply, job, () => Promise.reject(limit))
            ).rejects.toMatchObject({ name: 'RateLimitError' });
            const ttls = await Promise.all(queues.all().map((q) => q.getRateLimitTtl()));
            expect(ttls).toHaveLength(Object.keys(QueueName).length);
            for (const ttl of ttls) expect(ttl).toBeGreaterThan(4000);
            expect(Math.max(...ttls) - Math.min(...ttls)).toBeLessThan(500);
        } finally {
            await queues.dispose();
        }
    });
});
