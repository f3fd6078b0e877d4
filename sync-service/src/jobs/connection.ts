/**
 * Redis connection options for BullMQ. Queues (the API side) fail fast when Redis is down, so an
 * HTTP request answers 503 at once instead of hanging; workers wait for Redis to come back
 * (`maxRetriesPerRequest: null`, as BullMQ requires for blocking commands).
 */
import type { RedisOptions } from 'bullmq';

function parseRedisUrl(url: string): RedisOptions {
    const u = new URL(url);
    const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
    return {
        host: u.hostname,
        port: u.port ? Number(u.port) : 6379,
        ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
        ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
        ...(Number.isFinite(db) && db > 0 ? { db } : {}),
        ...(u.protocol === 'rediss:' ? { tls: {} } : {})
    };
}

/** Producer side (API): commands fail instead of queueing while Redis is unreachable. */
export function queueConnection(url: string): RedisOptions {
    return {
        ...parseRedisUrl(url),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        // Keep reconnecting in the background, so the API recovers when Redis is back.
        retryStrategy: (times: number) => Math.min(times * 200, 2000)
    };
}

/** Consumer side (workers): wait for Redis as long as it takes. */
export function workerConnection(url: string): RedisOptions {
    return {
        ...parseRedisUrl(url),
        maxRetriesPerRequest: null,
        retryStrategy: (times: number) => Math.min(times * 200, 2000)
    };
}
