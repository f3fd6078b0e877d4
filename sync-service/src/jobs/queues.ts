/**
 * The service's queues by name, and the one place that opens them. Each queue's own module
 * (scenario-generate.ts, scenario-apply.ts, …) holds its job data type and `add…` helper.
 */
import { Queue, type DefaultJobOptions, type Job, type RedisOptions } from 'bullmq';

/** Queue names (Redis keys are `<prefix>:<name>:…`). */
export const QueueName = {
    generate: 'scenario-generate',
    apply: 'scenario-apply',
    turnover: 'turnover-redistribute',
    drift: 'review-drift',
    placement: 'account-placement',
    audit: 'data-audit',
    routes: 'visit-routes'
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface QueueSettings {
    prefix: string;
    /** Connection errors (Redis down) are reported here instead of as unhandled events. */
    onError?: (error: Error, queue: string) => void;
    connection: RedisOptions;
    attempts: number;
    backoffMs: number;
}

export type ServiceQueues = Record<keyof typeof QueueName, Queue> & {
    prefix: string;
    all(): Queue[];
    /** Finds a job by id in any of the queues. */
    findJob(id: string): Promise<Job | undefined>;
    close(): Promise<void>;
};

/** Retries with exponential backoff; failed jobs are kept (with their reason) for a week. */
export function defaultJobOptions(attempts: number, backoffMs: number): DefaultJobOptions {
    return {
        attempts,
        backoff: { type: 'exponential', delay: backoffMs },
        removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
        removeOnFail: { age: 30 * 24 * 3600 }
    };
}

/** Opens the service's queues on one Redis. */
export function openQueues(settings: QueueSettings): ServiceQueues {
    const open = (name: QueueName) => {
        const queue = new Queue(name, {
            prefix: settings.prefix,
            connection: settings.connection,
            defaultJobOptions: defaultJobOptions(settings.attempts, settings.backoffMs)
        });
        queue.on('error', (error) => settings.onError?.(error, name));
        return queue;
    };
    const queues = {
        generate: open(QueueName.generate),
        apply: open(QueueName.apply),
        turnover: open(QueueName.turnover),
        drift: open(QueueName.drift),
        placement: open(QueueName.placement),
        audit: open(QueueName.audit),
        routes: open(QueueName.routes)
    };
    const all = () => Object.values(queues);
    return {
        ...queues,
        prefix: settings.prefix,
        all,
        async findJob(id: string) {
            for (const queue of all()) {
                const job = await queue.getJob(id);
                if (job) return job;
            }
            return undefined;
        },
        async close() {
            await Promise.all(all().map((q) => q.close()));
        }
    };
}
