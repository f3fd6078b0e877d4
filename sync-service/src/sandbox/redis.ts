/**
 * Redis for the demo: the one on 127.0.0.1:6379 (or REDIS_URL) when it answers, otherwise a
 * private redis-server on a free port, otherwise a message that says how to install one.
 */
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { freePort, startProcess, waitFor, type ManagedProcess } from './processes.js';

export interface DemoRedis {
    url: string;
    /** The redis-server the demo started, if it had to start one. */
    process?: ManagedProcess;
}

/** Sends PING and resolves true on +PONG (or -NOAUTH: a server is there). */
export function redisAnswers(url: string, timeoutMs = 500): Promise<boolean> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
        const socket = net.connect({ host: hostname, port: Number(port || 6379) });
        const done = (answer: boolean) => {
            socket.destroy();
            resolve(answer);
        };
        socket.setTimeout(timeoutMs, () => done(false));
        socket.once('error', () => done(false));
        socket.once('connect', () => socket.write('PING\r\n'));
        socket.once('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
    });
}

export class RedisUnavailableError extends Error {}

/** Finds or starts Redis; `log` receives progress lines. */
export async function ensureRedis(
    preferredUrl: string,
    log: (line: string) => void
): Promise<DemoRedis> {
    if (await redisAnswers(preferredUrl)) return { url: preferredUrl };
    const installed = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
    if (!installed) {
        throw new RedisUnavailableError(
            `Redis is not answering at ${preferredUrl} and redis-server is not installed.\n` +
                'Install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)\n' +
                'or point REDIS_URL at a running Redis, then run npm run demo again.'
        );
    }
    const port = await freePort();
    log(`demo: Redis is not answering at ${preferredUrl}; starting redis-server on port ${port}`);
    const server = startProcess(
        'redis',
        'redis-server',
        ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
        { log: () => {} }
    );
    const url = `redis://127.0.0.1:${port}`;
    await waitFor('redis-server', () => redisAnswers(url), 10_000, server.exited);
    return { url, process: server };
}
