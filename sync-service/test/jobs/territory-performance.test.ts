/**
 * The quarterly performance rows (territory-performance.ts) on inputs small enough to check by
 * hand: quarter arithmetic, deals and activities counted in their account's territory and
 * quarter, pipeline open at each quarter's end, the sales cycle of won deals, quotas and the
 * current quarter's deviation snapshot.
 */
import { describe, expect, it } from 'vitest';
import {
    quarterOf,
    recentQuarters,
    refreshTerritoryPerformance,
    territoryPerformance,
    type PerformanceFacts,
    type TerritoryPerformance
} from '../../src/jobs/territory-performance.js';

const NOW = new Date('2026-08-15T12:00:00Z');

describe('quarters', () => {
    it('names the quarter of a date and of a date-time', () => {
        expect(quarterOf('2026-01-01')).toBe('2026-Q1');
        expect(quarterOf('2026-03-31T23:59:59.000+0000')).toBe('2026-Q1');
        expect(quarterOf('2026-04-01')).toBe('2026-Q2');
        expect(quarterOf('2026-12-31')).toBe('2026-Q4');
        expect(() => quarterOf('Q3 2026')).toThrow('not a date YYYY-MM-DD');
    });

    it('lists the last quarters across a year boundary, oldest first', () => {
        expect(recentQuarters(NOW, 3)).toEqual([
            { quarter: '2026-Q1', start: '2026-01-01', end: '2026-04-01' },
            { quarter: '2026-Q2', start: '2026-04-01', end: '2026-07-01' },
            { quarter: '2026-Q3', start: '2026-07-01', end: '2026-10-01' }
        ]);
        const eight = recentQuarters(new Date('2026-02-01T00:00:00Z'));
        expect(eight.map((q) => q.quarter)).toEqual([
            '2024-Q2',
            '2024-Q3',
            '2024-Q4',
            '2025-Q1',
            '2025-Q2',
            '2025-Q3',
            '2025-Q4',
            '2026-Q1'
        ]);
        expect(eight[6]).toEqual({ quarter: '2025-Q4', start: '2025-10-01', end: '2026-01-01' });
    });
});

describe('territoryPerformance', () => {
    const quarters = recentQuarters(NOW, 2); // 2026-Q2, 2026-Q3 (to 2026-08-15)
    const assignment = new Map([
        ['001A00000000001AAA', 'T1'],
        ['001A00000000002AAA', 'T2'],
        ['001A00000000003AAA', 'T1|T2'] // in two territories of the model: counts for none
    ]);
    const deal = (
        accountId: string,
        amount: number,
        state: 'won' | 'lost' | 'open',
        closeDate: string,
        createdDate: string
    ) => ({
        accountId,
        amount,
        isClosed: state !== 'open',
        isWon: state === 'won',
        closeDate,
        createdDate
    });
    const facts: PerformanceFacts = {
        deals: [
            // T1, 2026-Q2: won after 30 days, lost after 10; both open at no quarter end.
            deal('001A00000000001AAA', 1000, 'won', '2026-05-31', '2026-05-01T09:00:00.000+0000'),
            deal('001A00000000001AAA', 500, 'lost', '2026-06-10', '2026-05-31T00:00:00.000+0000'),
            // T1: created in Q2, won in Q3 after 61 days: open at the end of Q2.
            deal('001A00000000001AAA', 2000, 'won', '2026-07-31', '2026-05-31T00:00:00.000+0000'),
            // T1: closed on the last day of Q2: not open at its end.
            deal('001A00000000001AAA', 300, 'won', '2026-06-30', '2026-06-01T00:00:00.000+0000'),
            // T2: open, created in Q1: open at both snapshots.
            deal('001A00000000002AAA', 700, 'open', '2026-12-01', '2026-03-01T00:00:00.000+0000'),
            // T2: open, created in Q3 before today: open at today's snapshot only.
            deal('001A00000000002AAA', 100, 'open', '2026-12-01', '2026-08-01T00:00:00.000+0000'),
            // An account in two territories, and one in none.
            deal('001A00000000003AAA', 9999, 'won', '2026-05-01', '2026-04-01T00:00:00.000+0000'),
            deal('001A00000000009AAA', 9999, 'won', '2026-05-01', '2026-04-01T00:00:00.000+0000')
        ],
        activities: [
            { accountId: '001A00000000001AAA', kind: 'task', date: '2026-04-02' },
            { accountId: '001A00000000001AAA', kind: 'task', date: '2026-07-02' },
            // 15-character id of the same account.
            { accountId: '001A00000000001', kind: 'event', date: '2026-07-03' },
            { accountId: '001A00000000002AAA', kind: 'event', date: '2026-06-30' },
            { accountId: '001A00000000003AAA', kind: 'task', date: '2026-06-30' }
        ],
        quotas: new Map([['T1', 4000]])
    };

    const rows = territoryPerformance(['T1', 'T2', 'PARENT'], quarters, assignment, facts, NOW, {
        reps: [{ repId: 'T1', deviation: 0.125 } as never]
    });
    const find = (t: string, q: string) =>
        rows.find((r) => r.territoryId === t && r.quarter === q) as TerritoryPerformance;

    it('writes a row per territory holding accounts and quarter, oldest quarter first', () => {
        expect(rows.map((r) => `${r.territoryId} ${r.quarter}`)).toEqual([
            'T1 2026-Q2',
            'T1 2026-Q3',
            'T2 2026-Q2',
            'T2 2026-Q3'
        ]);
    });

    it('counts closed deals in their close quarter, with the cycle of won deals', () => {
        expect(find('T1', '2026-Q2')).toMatchObject({
            sales: 1300,
            wonDeals: 2,
            closedDeals: 3,
            quarterStart: '2026-04-01'
        });
        // (30 + 29) / 2 days: created 09:00 counts from its day.
        expect(find('T1', '2026-Q2').cycleDays).toBe(29.5);
        expect(find('T1', '2026-Q3')).toMatchObject({
            sales: 2000,
            wonDeals: 1,
            closedDeals: 1,
            cycleDays: 61
        });
        expect(find('T2', '2026-Q2').cycleDays).toBeNull();
    });

    it('measures pipeline open at the end of each quarter, today for the current one', () => {
        expect(find('T1', '2026-Q2')).toMatchObject({ openDeals: 1, pipeline: 2000 });
        expect(find('T1', '2026-Q3')).toMatchObject({ openDeals: 0, pipeline: 0 });
        expect(find('T2', '2026-Q2')).toMatchObject({ openDeals: 1, pipeline: 700 });
        expect(find('T2', '2026-Q3')).toMatchObject({ openDeals: 2, pipeline: 800 });
    });

    it('counts tasks and events by activity date', () => {
        expect(find('T1', '2026-Q2')).toMatchObject({ tasks: 1, events: 0 });
        expect(find('T1', '2026-Q3')).toMatchObject({ tasks: 1, events: 1 });
        expect(find('T2', '2026-Q2')).toMatchObject({ tasks: 0, events: 1 });
    });

    it('gives a quarter of the annual quota, and the deviation to the current quarter only', () => {
        expect(find('T1', '2026-Q2').quota).toBe(1000);
        expect(find('T2', '2026-Q2').quota).toBeNull();
        expect(find('T1', '2026-Q3').deviation).toBe(0.125);
        expect('deviation' in find('T1', '2026-Q2')).toBe(false);
        expect('deviation' in find('T2', '2026-Q3')).toBe(false);
    });

    it('reads the facts from the window start and writes the rows', async () => {
        const calls: string[] = [];
        let written: readonly TerritoryPerformance[] = [];
        const result = await refreshTerritoryPerformance(
            {
                performanceFacts: async (modelId, since) => {
                    calls.push(`${modelId} ${since}`);
                    return facts;
                },
                writeTerritoryPerformance: async (_modelId, r) => {
                    written = r;
                }
            },
            '0MA000000000001AAA',
            ['T1', 'T2'],
            assignment,
            undefined,
            NOW
        );
        expect(calls).toEqual(['0MA000000000001AAA 2024-10-01']);
        expect(written).toBe(result);
        expect(result).toHaveLength(16);
    });
});
