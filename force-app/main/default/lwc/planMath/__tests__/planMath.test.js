import {
    territoryCapacity,
    computeTargets,
    deviationStatus,
    buildBalanceRows,
    sortRows,
    summarizeRows,
    formatCurrency,
    formatPercent,
    formatSignedPercent,
    formatMeasure,
    formatDateTime,
    MEASURES
} from 'c/planMath';

const territories = [
    {
        id: 'T1',
        name: 'North',
        potential: 150,
        workload: 10,
        accountCount: 3,
        travelKm: 120.4,
        quota: 20000,
        reps: [{ name: 'Dana', capacity: 1 }],
        kpis: { sales: 5000, wonDeals: 1, closedDeals: 2 }
    },
    {
        id: 'T2',
        name: 'South',
        potential: 50,
        workload: 10,
        accountCount: 1,
        travelKm: 80,
        reps: [{ name: 'Lee', capacity: 1 }]
    }
];

describe('c-plan-math targets', () => {
    it('uses the sum of active rep capacities, 1 without reps', () => {
        expect(territoryCapacity({ reps: [{ capacity: 0.5 }, { capacity: 1 }] })).toBe(1.5);
        expect(
            territoryCapacity({ reps: [{ capacity: 2, isActive: false }], accountCount: 3 })
        ).toBe(1);
        // Vacant and empty (its rep left, the accounts moved on): no target.
        expect(territoryCapacity({ reps: [{ capacity: 2, isActive: false }] })).toBe(0);
        expect(territoryCapacity({ reps: [], accountCount: 0 })).toBe(0);
        expect(territoryCapacity({})).toBe(1);
    });

    it('splits totals by capacity share', () => {
        const targets = computeTargets(
            [
                { id: 'a', potential: 300, reps: [{ capacity: 2 }] },
                { id: 'b', potential: 0, reps: [{ capacity: 1 }] }
            ],
            ['potential']
        );
        expect(targets.get('a').potential).toBe(200);
        expect(targets.get('b').potential).toBe(100);
    });

    it('reads deviations with words and icons, not colour alone', () => {
        expect(deviationStatus(0.1, 0.05)).toEqual({
            status: 'over',
            label: 'over target',
            icon: 'utility:arrowup'
        });
        expect(deviationStatus(-0.1, 0.05).label).toBe('under target');
        expect(deviationStatus(0.05, 0.05).status).toBe('ok');
        expect(deviationStatus(NaN, 0.05).status).toBe('none');
    });
});

describe('c-plan-math rows', () => {
    it('computes per-measure deviation against the target and the worst one', () => {
        const rows = buildBalanceRows(territories, { tolerance: 0.05 });
        const north = rows.find((r) => r.id === 'T1');
        const potential = north.bars.find((b) => b.measure === 'potential');
        expect(potential.target).toBe(100);
        expect(potential.deviation).toBeCloseTo(0.5);
        expect(potential.status).toBe('over');
        expect(potential.deviationText).toBe('+50%');
        // 1.5 × target on a 0..2 × target axis: 75 % of the bar width.
        expect(potential.barStyle).toBe('width: 75%');
        expect(potential.bandStyle).toBe('left: 47.5%; width: 5%');
        expect(north.bars.find((b) => b.measure === 'workload').status).toBe('ok');
        expect(north.maxDeviation).toBeCloseTo(0.5);
        expect(north.worstLabel).toBe('over target');
        expect(north.repNames).toBe('Dana');
        expect(north.salesText).toBe('$5,000');
        expect(north.quotaAttainmentText).toBe('25%');
        const south = rows.find((r) => r.id === 'T2');
        expect(south.maxDeviation).toBeCloseTo(-0.5);
        expect(south.salesText).toBe('—');
    });

    it('balances only the chosen measures', () => {
        const rows = buildBalanceRows(territories, { measures: ['workload'] });
        expect(rows[0].bars.map((b) => b.measure)).toEqual(['workload']);
        expect(rows[0].maxDeviation).toBe(0);
    });

    it('gives an empty territory whose rep left no target, so it adds no deviation', () => {
        const rows = buildBalanceRows(
            [
                { id: 'A', name: 'A', potential: 100, workload: 10, accountCount: 2, reps: [{}] },
                { id: 'B', name: 'B', potential: 100, workload: 10, accountCount: 2, reps: [{}] },
                {
                    id: 'V',
                    name: 'Vacant',
                    potential: 0,
                    workload: 0,
                    accountCount: 0,
                    reps: [{ isActive: false }]
                }
            ],
            {}
        );
        expect(rows.map((r) => r.maxDeviation)).toEqual([0, 0, 0]);
        expect(rows[2].worstLabel).toBe('no target');
        expect(summarizeRows(rows).maxDeviation).toBe(0);
    });

    it('sorts worst deviation first, then by name, and by other fields', () => {
        const rows = buildBalanceRows(
            [
                ...territories,
                { id: 'T3', name: 'Even', potential: 100, workload: 10, accountCount: 2 }
            ],
            {}
        );
        expect(sortRows(rows).map((r) => r.name)).toEqual(['North', 'South', 'Even']);
        expect(sortRows(rows, 'name', 'asc').map((r) => r.name)).toEqual([
            'Even',
            'North',
            'South'
        ]);
        expect(sortRows(rows, 'travelKm', 'asc').map((r) => r.name)).toEqual([
            'Even',
            'South',
            'North'
        ]);
    });

    it('summarises max deviation and total travel', () => {
        const summary = summarizeRows(buildBalanceRows(territories, {}));
        expect(summary.maxDeviation).toBeCloseTo(0.5);
        expect(summary.maxDeviationText).toBe('50%');
        expect(summary.totalTravelText).toBe('200');
        expect(summary.territoryCount).toBe(2);
    });

    it('leaves total travel unknown when a territory with accounts has no travel figure', () => {
        const unknown = territories.map((t) => ({ ...t, travelKm: null }));
        expect(summarizeRows(buildBalanceRows(unknown, {})).totalTravel).toBeNull();
        expect(summarizeRows(buildBalanceRows(unknown, {})).totalTravelText).toBe('—');
        const partial = [territories[0], { ...territories[1], travelKm: undefined }];
        expect(summarizeRows(buildBalanceRows(partial, {})).totalTravel).toBeNull();
        // A territory without accounts (a region) and without travel does not hide the total.
        const region = { id: 'R', name: 'Region', accountCount: null, travelKm: null, reps: [] };
        const withRegion = summarizeRows(buildBalanceRows([...territories, region], {}));
        expect(withRegion.totalTravel).toBeCloseTo(200.4);
        // Zero is a known figure.
        const zero = territories.map((t) => ({ ...t, travelKm: 0 }));
        expect(summarizeRows(buildBalanceRows(zero, {})).totalTravelText).toBe('0');
    });
});

describe('c-plan-math formatting', () => {
    it('formats for the user locale and currency', () => {
        expect(formatCurrency(1234567.8)).toBe('$1,234,568');
        expect(formatPercent(0.123)).toBe('12.3%');
        expect(formatSignedPercent(-0.03)).toBe('-3%');
        expect(formatSignedPercent(0)).toBe('0%');
        expect(formatMeasure(1200, MEASURES.workload)).toBe('1,200 h');
        expect(formatMeasure(undefined, MEASURES.workload)).toBe('—');
        expect(formatDateTime('2026-11-28T17:09:00')).toBe('Nov 28, 2026, 5:09 PM');
        expect(formatDateTime(undefined)).toBe('—');
        expect(formatDateTime('not a date')).toBe('—');
    });
});
