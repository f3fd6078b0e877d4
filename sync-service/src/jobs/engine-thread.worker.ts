/** Thread body of engine-thread.ts: one `balance` call, progress and result posted back. */
import { parentPort, workerData } from 'node:worker_threads';
import { balance } from '../engine/index.js';
import type { BalanceOptions, EngineAccount, EngineRep } from '../engine/types.js';
import type { ThreadMessage } from './engine-thread.js';

const { accounts, reps, options } = workerData as {
    accounts: EngineAccount[];
    reps: EngineRep[];
    options: BalanceOptions;
};
const post = (message: ThreadMessage) => parentPort!.postMessage(message);
try {
    const result = balance(accounts, reps, {
        ...options,
        onProgress: (p) => post({ type: 'progress', stage: p.stage, fraction: p.fraction })
    });
    post({ type: 'result', result });
} catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', name: e.name, message: e.message });
}
