/**
 * Child processes of the demo: started with a prefix on their output, stopped with SIGTERM and,
 * if they do not exit in time, SIGKILL.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import net from 'node:net';

export interface ManagedProcess {
    name: string;
    child: ChildProcess;
    /** Resolves with the exit code (or the signal name) once the process has exited. */
    exited: Promise<number | string>;
    stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts `command args`; each output line goes to `log` as `[name] line`, except stdout lines
 * consumed by `onStdoutLine` returning true.
 */
export function startProcess(
    name: string,
    command: string,
    args: string[],
    options: SpawnOptions & {
        log: (line: string) => void;
        onStdoutLine?: (line: string) => boolean;
    }
): ManagedProcess {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | string>((resolve) => {
        child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
        child.once('error', (error) => {
            options.log(`[${name}] could not start: ${error.message}`);
            resolve('error');
        });
    });
    if (child.stdout) {
        createInterface({ input: child.stdout }).on('line', (line) => {
            if (!options.onStdoutLine?.(line)) options.log(`[${name}] ${line}`);
        });
    }
    if (child.stderr) {
        createInterface({ input: child.stderr }).on('line', (line) =>
            options.log(`[${name}] ${line}`)
        );
    }
    return {
        name,
        child,
        exited,
        async stop(timeoutMs = 10_000) {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
            await exited;
            clearTimeout(timer);
        }
    };
}

/** A TCP port that was free a moment ago (for child processes that need a port up front). */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() =>
                typeof address === 'object' && address
                    ? resolve(address.port)
                    : reject(new Error('no port'))
            );
        });
    });
}

/** Polls `check` every 100 ms until it resolves true, or fails after `timeoutMs` with `what`. */
export async function waitFor(
    what: string,
    check: () => Promise<boolean>,
    timeoutMs: number,
    abort?: Promise<unknown>
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let aborted = false;
    void abort?.then(() => {
        aborted = true;
    });
    while (Date.now() < deadline) {
        if (aborted) throw new Error(`${what}: the process exited before it was ready`);
        if (await check().catch(() => false)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)} s`);
}
