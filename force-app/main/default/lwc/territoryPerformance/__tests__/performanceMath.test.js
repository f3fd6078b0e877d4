import {
    isComplete,
    missedStreak,
    nextQuarter,
    periodQuarters,
    quarterSeries,
    ratios,
    sortRows,
    territoryRows,
    totals
} from '../performanceMath';

const row = (quarter, values = {}) => ({
    territoryId: 'T1',
    quarter,
    sales: 0,
    wonDeals: 0,
    closedDeals: 0,
    openDeals: 0,
    pipeline: 0,
    cycleDays: null,
    tasks: 0,
    events: 0,
    quota: 100,
    deviation: null,
    // Written after every quarter below has ended.
    writtenAt: '2027-01-05T00:00:00.000Z',
    ...values
});

describe('performanceMath', () => {
    it('steps quarters across a year', () => {
        expect(nextQuarter('2026-Q3')).toBe('2026-Q4');
        expect(nextQuarter('2026-Q4')).toBe('2027-Q1');
    });

    it('calls a quarter complete once the row was written after it ended', () => {
        expect(isComplete(row('2026-Q4', { writtenAt: '2026-12-31T23:59:59.000Z' }))).toBe(false);
        expect(isComplete(row('2026-Q4', { writtenAt: '2027-01-01T00:00:00.000Z' }))).toBe(true);
        expect(isComplete(row('2026-Q4', { writtenAt: null }))).toBe(false);
    });

    it('sums a period, pipeline at its last quarter, cycle weighted by won deals', () => {
        const t = totals([
            row('2026-Q1', { sales: 100, wonDeals: 1, closedDeals: 2, cycleDays: 30 }),
            row('2026-Q2', { sales: 300, wonDeals: 3, closedDeals: 4, cycleDays: 70 }),
            row('2026-Q2', { territoryId: 'T2', pipeline: 50, openDeals: 2, quota: null }),
            row('2026-Q1', { pipeline: 999, openDeals: 9, tasks: 4, events: 1 })
        ]);
        expect(t).toMatchObject({
            sales: 400,
            wonDeals: 4,
            closedDeals: 6,
            quota: 300,
            pipeline: 50,
            openDeals: 2,
            activities: 5
        });
        expect(t.cycleDays).toBeCloseTo((30 + 3 * 70) / 4);
    });

    it('has no quota when no row has one, and then no attainment', () => {
        const t = totals([row('2026-Q1', { quota: null, sales: 10 })]);
        expect(t.quota).toBeNull();
        expect(ratios(t).attainment).toBeNull();
    });

    it('computes velocity per month from open deals, win rate, average deal and cycle', () => {
        const r = ratios({
            sales: 400,
            wonDeals: 4,
            closedDeals: 8,
            openDeals: 10,
            cycleDays: 365 / 12,
            quota: 800
        });
        expect(r.attainment).toBe(0.5);
        expect(r.winRate).toBe(0.5);
        expect(r.averageDeal).toBe(100);
        // 10 × 0.5 × 100 per cycle of one month.
        expect(r.velocityPerMonth).toBeCloseTo(500);
        expect(ratios({ sales: 0, wonDeals: 0, closedDeals: 0, openDeals: 3 })).toEqual({
            attainment: null,
            winRate: null,
            averageDeal: null,
            velocityPerMonth: null
        });
    });

    it('counts missed complete quarters in a row, skipping the running one', () => {
        const rows = [
            row('2026-Q1', { sales: 50 }),
            row('2026-Q2', { sales: 150 }),
            row('2026-Q3', { sales: 90 }),
            row('2026-Q4', { sales: 10 }),
            row('2027-Q1', { sales: 0, writtenAt: '2027-01-05T00:00:00.000Z' })
        ];
        expect(missedStreak(rows, '2026-Q4')).toBe(2);
        expect(missedStreak(rows, '2027-Q1')).toBe(2);
        expect(missedStreak(rows, '2026-Q2')).toBe(0);
        expect(missedStreak(rows, '2026-Q1')).toBe(1);
        // Without a quota nothing was missed.
        expect(missedStreak([row('2026-Q1', { quota: null })], '2026-Q1')).toBe(0);
    });

    it('takes the selected quarter or the four up to it', () => {
        const quarters = ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'];
        expect(periodQuarters(quarters, '2026-Q2', false)).toEqual(['2026-Q2']);
        expect(periodQuarters(quarters, '2026-Q2', true)).toEqual([
            '2025-Q3',
            '2025-Q4',
            '2026-Q1',
            '2026-Q2'
        ]);
        expect(periodQuarters(quarters, '2025-Q4', true)).toEqual(['2025-Q3', '2025-Q4']);
        expect(periodQuarters(quarters, '2030-Q1', false)).toEqual([]);
    });

    it('compares a territory with the period before only when it is as long', () => {
        const data = {
            territories: [{ id: 'T1', name: 'North' }],
            rows: [row('2026-Q1', { sales: 100 }), row('2026-Q2', { sales: 150, deviation: 7.5 })]
        };
        const quarters = ['2026-Q1', '2026-Q2'];
        const [quarter] = territoryRows(data, quarters, '2026-Q2', false);
        expect(quarter.salesChange).toBeCloseTo(0.5);
        expect(quarter.deviation).toBeCloseTo(0.075);
        const [year] = territoryRows(data, quarters, '2026-Q2', true);
        expect(year.sales).toBe(250);
        expect(year.salesChange).toBeNull();
    });

    it('gives the drift series the largest absolute deviation per quarter', () => {
        const rows = [
            row('2026-Q1', { deviation: -9 }),
            row('2026-Q1', { territoryId: 'T2', deviation: 4 }),
            row('2026-Q2', { deviation: null })
        ];
        const series = quarterSeries(rows, ['2026-Q1', '2026-Q2'], '');
        expect(series.map((s) => s.maxDeviation)).toEqual([0.09, null]);
        expect(quarterSeries(rows, ['2026-Q1'], 'T2')[0].maxDeviation).toBe(0.04);
    });

    it('sorts numbers either way with missing values last, then by name', () => {
        const rows = [
            { name: 'b', attainment: 0.5 },
            { name: 'a', attainment: null },
            { name: 'c', attainment: 1.2 },
            { name: 'd', attainment: 0.5 }
        ];
        expect(sortRows(rows, 'attainment', 'asc').map((r) => r.name)).toEqual([
            'b',
            'd',
            'c',
            'a'
        ]);
        expect(sortRows(rows, 'attainment', 'desc').map((r) => r.name)).toEqual([
            'c',
            'b',
            'd',
            'a'
        ]);
        expect(sortRows(rows, 'name', 'desc').map((r) => r.name)).toEqual(['d', 'c', 'b', 'a']);
    });
});
