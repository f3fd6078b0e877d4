import { describe, expect, it } from 'vitest';
import { measurePlan } from '../../src/engine/index.js';
import { haversineKm } from '../../src/engine/geo.js';
import { generateSampleOrg, METROS, OrgStore } from '../../src/localOrg/index.js';
import { zipPlaces } from '../../src/localOrg/zip-places.js';
import { currentPlan } from './sample-plan-helpers.js';

function build(
    accounts: number,
    reps: number,
    seed: number
): { store: OrgStore; sample: ReturnType<typeof generateSampleOrg> } {
    const store = new OrgStore();
    return { store, sample: generateSampleOrg(store, { accounts, reps, seed }) };
}

const strip = (r: Record<string, unknown>): Record<string, unknown> => {
    const { CreatedDate: _c, LastModifiedDate: _l, SystemModstamp: _s, ...rest } = r;
    return rest;
};

describe('sample org generator', () => {
    it('is deterministic for a seed and differs across seeds', () => {
        const a = build(2000, 25, 42);
        const b = build(2000, 25, 42);
        const c = build(2000, 25, 43);
        const accounts = (s: OrgStore): Record<string, unknown>[] =>
            [...s.all('Account')].map(strip);
        expect(accounts(a.store)).toEqual(accounts(b.store));
        expect([...a.store.all('ObjectTerritory2Association')].map(strip)).toEqual(
            [...b.store.all('ObjectTerritory2Association')].map(strip)
        );
        expect(accounts(a.store)).not.toEqual(accounts(c.store));
    });

    it('builds an Active model with one territory and one owner per rep and every account assigned once', () => {
        const { store, sample } = build(3000, 30, 1);
        expect(store.count('Account')).toBe(3000);
        expect(sample.repIds).toHaveLength(30);
        const models = [...store.all('Territory2Model')];
        expect(models.filter((m) => m.State === 'Active')).toHaveLength(1);
        expect(sample.territoryByRep.size).toBe(30);
        const owners = [...store.all('UserTerritory2Association')];
        expect(new Set(owners.map((u) => u.UserId))).toEqual(new Set(sample.repIds));
        for (const id of sample.accountIds) expect(store.associationsOf(id)).toHaveLength(1);
        expect(store.count('Opportunity')).toBeGreaterThan(2000);
        const stages = new Set([...store.all('Opportunity')].map((o) => o.StageName));
        expect(stages.has('Closed Won') && stages.has('Prospecting')).toBe(true);
    });

    it('clusters accounts around metros with a rural spread, and skews size and potential', () => {
        const { store } = build(5000, 30, 3);
        const accounts = [...store.all('Account')];
        const nearMetro = accounts.filter((a) =>
            METROS.some(
                (m) =>
                    Math.abs(Number(a.BillingLatitude) - m.lat) < 0.75 &&
                    Math.abs(Number(a.BillingLongitude) - m.lon) < 0.9
            )
        ).length;
        expect(nearMetro / accounts.length).toBeGreaterThan(0.6);
        expect(nearMetro / accounts.length).toBeLessThan(0.97);
        const segments = new Map<string, number>();
        for (const a of accounts)
            segments.set(
                String(a.Territory_Segment__c),
                (segments.get(String(a.Territory_Segment__c)) ?? 0) + 1
            );
        expect(segments.get('SMB')! / accounts.length).toBeGreaterThan(0.65);
        expect(segments.get('Enterprise')! / accounts.length).toBeLessThan(0.08);
        const potential = accounts
            .map((a) => Number(a.Territory_Potential__c))
            .sort((x, y) => y - x);
        const total = potential.reduce((s, v) => s + v, 0);
        const top10 = potential.slice(0, 500).reduce((s, v) => s + v, 0);
        expect(top10 / total).toBeGreaterThan(0.4); // top 10 % of accounts hold most potential
        for (const a of accounts) expect(String(a.BillingPostalCode)).toMatch(/^\d{5}$/);
    });

    it('puts every account in a real ZIP near its coordinates, several accounts to a ZIP', () => {
        const { store } = build(5000, 30, 1);
        const accounts = [...store.all('Account')];
        const zips = zipPlaces();
        const index = new Map(zips.code.map((c, z) => [c, z]));
        for (const a of accounts) {
            const z = index.get(String(a.BillingPostalCode));
            expect(z, String(a.BillingPostalCode)).toBeDefined();
            const d = haversineKm(
                Number(a.BillingLatitude),
                Number(a.BillingLongitude),
                zips.lat[z!]!,
                zips.lon[z!]!
            );
            expect(d).toBeLessThan(15);
            expect(a.BillingState).toBe(zips.state[z!]);
            expect(a.BillingCity).toBe(zips.city[z!]);
        }
        const perZip = new Map<string, number>();
        for (const a of accounts)
            perZip.set(
                String(a.BillingPostalCode),
                (perZip.get(String(a.BillingPostalCode)) ?? 0) + 1
            );
        expect(perZip.size).toBeLessThan(accounts.length * 0.8);
        expect(Math.max(...perZip.values())).toBeGreaterThanOrEqual(5);
    });

    it('has reps living where the business is, each inside their own territory', () => {
        const { store, sample } = build(5000, 30, 1);
        const { accounts, reps, assignment } = currentPlan(store, sample);
        // Each rep's home: the nearest account is the rep's own (home inside the area).
        let inside = 0;
        for (const rep of reps) {
            let best = '';
            let bestKm = Infinity;
            for (const a of accounts) {
                const d = haversineKm(a.lat, a.lon, rep.lat!, rep.lon!);
                if (d < bestKm) {
                    bestKm = d;
                    best = a.id;
                }
            }
            if (assignment.get(best) === rep.id) inside++;
        }
        expect(inside / reps.length).toBeGreaterThanOrEqual(0.9);
        // More reps where more potential is: the busiest metros have several reps.
        const repsNear = (lat: number, lon: number) =>
            reps.filter((r) => haversineKm(lat, lon, r.lat!, r.lon!) < 120).length;
        expect(repsNear(METROS[0]!.lat, METROS[0]!.lon)).toBeGreaterThanOrEqual(2); // New York
        expect(repsNear(METROS[1]!.lat, METROS[1]!.lon)).toBeGreaterThanOrEqual(2); // Los Angeles
        const boise = METROS.find((m) => m.city === 'Boise')!;
        expect(repsNear(boise.lat, boise.lon)).toBeLessThanOrEqual(1);
    });

    it('holds a plan that has drifted: 15-40 % max deviation on the default sample', () => {
        const { store, sample } = build(5000, 30, 1);
        const { accounts, reps, assignment } = currentPlan(store, sample);
        const m = measurePlan(accounts, reps, assignment, ['Potential', 'Workload']);
        expect(m.unassigned).toBe(0);
        expect(m.maxDeviation).toBeGreaterThanOrEqual(0.15);
        expect(m.maxDeviation).toBeLessThanOrEqual(0.4);
    });

    it('marks the largest 1 % of accounts by potential as named (key) accounts', () => {
        const { store } = build(5000, 30, 1);
        const accounts = [...store.all('Account')];
        const named = accounts.filter((a) => a.Territory_Named__c === true);
        expect(named).toHaveLength(50);
        const smallestNamed = Math.min(...named.map((a) => Number(a.Territory_Potential__c)));
        const largestOther = Math.max(
            ...accounts
                .filter((a) => a.Territory_Named__c !== true)
                .map((a) => Number(a.Territory_Potential__c))
        );
        expect(smallestNamed).toBeGreaterThan(largestOther);
    });

    it('generates 100k accounts quickly', () => {
        const t0 = Date.now();
        const { store } = build(100_000, 50, 9);
        expect(store.count('Account')).toBe(100_000);
        expect(Date.now() - t0).toBeLessThan(15_000);
    });
});
