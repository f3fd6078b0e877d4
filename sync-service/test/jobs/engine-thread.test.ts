import { describe, expect, it } from 'vitest';
import { balance } from '../../src/engine/index.js';
import type { EngineAccount, EngineRep } from '../../src/engine/types.js';
import { balanceInThread } from '../../src/jobs/engine-thread.js';
import { classifyFault } from '../../src/jobs/salesforce-faults.js';

/** A deterministic instance: accounts on a grid, reps on a coarser one. */
function instance(accounts: number, reps: number): { a: EngineAccount[]; r: EngineRep[] } {
    const side = Math.ceil(Math.sqrt(accounts));
    const a = Array.from({ length: accounts }, (_, i) => ({
        id: `A${i}`,
        lat: 30 + (Math.floor(i / side) / side) * 10,
        lon: -100 + ((i % side) / side) * 20,
        measures: { Workload: 1 + (i % 7) }
    }));
    const r = Array.from({ length: reps }, (_, j) => ({
        id: `R${j}`,
        lat: 30 + ((j * 7) % 10),
        lon: -100 + ((j * 13) % 20)
    }));
    return { a, r };
}

describe('balanceInThread', () => {
    it('returns what the engine returns on the main thread', async () => {
        const { a, r } = instance(400, 5);
        const options = { balance: ['Workload', 'Count'], seed: 3, timeLimitMs: 2000 };
        const inThread = await balanceInThread(a, r, options);
        const inPlace = balance(a, r, options);
        expect(inThread.assignments).toEqual(inPlace.assignments);
        expect(inThread.report.maxDeviation).toBe(inPlace.report.maxDeviation);
    });

    it('keeps the event loop free (locks renewed) and reports progress while it runs', async () => {
        const { a, r } = instance(60_000, 60);
        let last = Date.now();
        let longestGap = 0;
        const ticker = setInterval(() => {
            const now = Date.now();
            longestGap = Math.max(longestGap, now - last);
            last = now;
        }, 20);
        const progress: number[] = [];
        const started = Date.now();
        await balanceInThread(a, r, {
            balance: ['Workload'],
            seed: 1,
            timeLimitMs: 3000,
            onProgress: (p) => progress.push(p.fraction)
        });
        clearInterval(ticker);
        const elapsed = Date.now() - started;
        expect(elapsed).toBeGreaterThan(300);
        expect(longestGap).toBeLessThan(Math.max(250, elapsed / 4));
        expect(progress.length).toBeGreaterThan(0);
    });

    it('passes engine input errors through as permanent faults', async () => {
        const { a, r } = instance(10, 2);
        const error = await balanceInThread(a, r, { balance: ['Revenue'] }).catch((e: Error) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).name).toBe('EngineInputError');
        expect((error as Error).message).toContain("Unknown measure 'Revenue'");
        expect(classifyFault(error)).toBe('permanent');
    });
});
