/**
 * Runs the engine's `balance` in a worker thread. The engine is synchronous and may run for its
 * whole time limit (ENGINE_TIME_LIMIT_MS); on the main thread that would block BullMQ's lock
 * renewal (the job would look stalled and run twice) and hold back progress updates. In a thread
 * the worker keeps its locks and reports the engine's progress live.
 */
import { Worker } from 'node:worker_threads';
import { measurePlan } from '../engine/index.js';
import type { BalanceOptions, BalanceResult, EngineAccount, EngineRep } from '../engine/types.js';
import type { PlannerEngine } from './planner-engine.js';

export type ThreadMessage =
    | { type: 'progress'; stage: string; fraction: number }
    | { type: 'result'; result: BalanceResult }
    | { type: 'error'; name: string; message: string };

/** Same contract as the engine's `balance`, off the main thread. */
export function balanceInThread(
    accounts: EngineAccount[],
    reps: EngineRep[],
    options: BalanceOptions
): Promise<BalanceResult> {
    const { onProgress, ...plain } = options;
    return new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./engine-thread-entry.mjs', import.meta.url), {
            workerData: { accounts, reps, options: plain }
        });
        let settled = false;
        worker.on('message', (message: ThreadMessage) => {
            if (message.type === 'progress') {
                onProgress?.({ stage: message.stage, fraction: message.fraction });
                return;
            }
            settled = true;
            if (message.type === 'result') resolve(message.result);
            else reject(Object.assign(new Error(message.message), { name: message.name }));
        });
        worker.on('error', (error) => {
            settled = true;
            reject(error);
        });
        worker.on('exit', (code) => {
            if (!settled) reject(new Error(`The engine thread stopped (exit code ${code})`));
        });
    });
}

/** The engine the workers use: balance in a thread, measurePlan (fast) in place. */
export const threadedEngine: PlannerEngine = { balance: balanceInThread, measurePlan };
