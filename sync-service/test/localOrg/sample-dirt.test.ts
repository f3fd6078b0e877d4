import { describe, expect, it } from 'vitest';
import { auditOrgAccounts, type OrgAccountRow } from '../../src/audit/org-audit.js';
import { generateSampleOrg } from '../../src/localOrg/sample-org.js';
import { addSampleDirt, nameVariant, NAME_VARIANTS } from '../../src/localOrg/sample-dirt.js';
import { schemaWith } from '../../src/localOrg/custom-objects.js';
import { OrgStore } from '../../src/localOrg/store.js';

const OPTIONS = { accounts: 1200, reps: 8, seed: 3 };

function sampleStore() {
    const store = new OrgStore({ schema: schemaWith([]) });
    const sample = generateSampleOrg(store, OPTIONS);
    return { store, sample };
}

/** The store's accounts as the org audit reads them. */
function rowsOf(store: OrgStore): OrgAccountRow[] {
    const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    const s = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
    return [...store.all('Account')].map((a) => ({
        id: a.Id,
        name: s(a.Name),
        lat: n(a.BillingLatitude),
        lon: n(a.BillingLongitude),
        postalCode: s(a.BillingPostalCode),
        city: s(a.BillingCity),
        state: s(a.BillingState),
        country: s(a.BillingCountry),
        ownerId: s(a.OwnerId),
        measures: { Potential: n(a.Territory_Potential__c), Workload: n(a.Territory_Workload__c) },
        excluded: a.Territory_Excluded__c === true,
        approximate: a.Territory_Approximate_Location__c === true
    }));
}

describe('sample org dirt', () => {
    it('takes a few percent of coordinates, mostly keeping the ZIP code', () => {
        const { store, sample } = sampleStore();
        const dirt = addSampleDirt(store, sample, { seed: 3 });
        const missing = dirt.placedByPostalCode.length + dirt.withoutPostalCode.length;
        expect(missing / OPTIONS.accounts).toBeGreaterThan(0.02);
        expect(missing / OPTIONS.accounts).toBeLessThan(0.04);
        expect(dirt.withoutPostalCode.length).toBeGreaterThan(0);
        expect(dirt.withoutPostalCode.length).toBeLessThan(dirt.placedByPostalCode.length / 3);
        for (const id of dirt.placedByPostalCode) {
            const a = store.get(id)!;
            expect([a.BillingLatitude, a.BillingLongitude]).toEqual([null, null]);
            expect(a.BillingPostalCode).toMatch(/^\d{5}$/);
        }
        for (const id of dirt.withoutPostalCode)
            expect(store.get(id)!.BillingPostalCode ?? null).toBeNull();
    });

    it('enters some accounts twice, in their ZIP code and territory, under every name variant', () => {
        const { store, sample } = sampleStore();
        const before = store.count('Account');
        const dirt = addSampleDirt(store, sample, { seed: 3 });
        expect(dirt.duplicates.length).toBe(6);
        expect(store.count('Account')).toBe(before + 6);
        expect(sample.accountIds).toHaveLength(before + 6);
        expect(new Set(dirt.duplicates.map((d) => d.variant))).toEqual(new Set(NAME_VARIANTS));
        const territoryOf = (id: string) =>
            [...store.all('ObjectTerritory2Association')].find((a) => a.ObjectId === id)
                ?.Territory2Id;
        for (const d of dirt.duplicates) {
            const original = store.get(d.originalId)!;
            const copy = store.get(d.duplicateId)!;
            expect(copy.BillingPostalCode).toBe(original.BillingPostalCode);
            expect(copy.Name).not.toBe(original.Name);
            expect(territoryOf(d.duplicateId)).toBe(territoryOf(d.originalId));
        }
    });

    it('is found by the org audit: every planted duplicate and missing coordinate', () => {
        const { store, sample } = sampleStore();
        const dirt = addSampleDirt(store, sample, { seed: 3 });
        const result = auditOrgAccounts(rowsOf(store), [], {
            modelId: sample.activeModelId,
            measureNames: ['Potential', 'Workload'],
            auditedAt: '2026-01-01T00:00:00.000Z'
        });
        expect(result.coordinates).toEqual({
            missing: dirt.placedByPostalCode.length + dirt.withoutPostalCode.length,
            placedByPostalCode: dirt.placedByPostalCode.length,
            excluded: dirt.withoutPostalCode.length
        });
        const groups = result.duplicates.examples.map((g) => [...g.accountIds].sort().join());
        for (const d of dirt.duplicates)
            expect(groups).toContain([d.originalId, d.duplicateId].sort().join());
        // Nothing but the planted pairs: the clean sample has no duplicates.
        expect(result.duplicates.groups).toBe(dirt.duplicates.length);
    });

    it('is deterministic and leaves the clean sample as it was', () => {
        const a = sampleStore();
        const b = sampleStore();
        const clean = sampleStore();
        const da = addSampleDirt(a.store, a.sample, { seed: 3 });
        const db = addSampleDirt(b.store, b.sample, { seed: 3 });
        expect(db).toEqual(da);
        const touched = new Set([
            ...da.placedByPostalCode,
            ...da.withoutPostalCode,
            ...da.duplicates.map((d) => d.duplicateId)
        ]);
        // Field by field, but for the audit fields (the clock of each generation).
        const CLOCK = new Set(['CreatedDate', 'LastModifiedDate', 'SystemModstamp']);
        const fields = (rec: object) =>
            Object.fromEntries(Object.entries(rec).filter(([k]) => !CLOCK.has(k)));
        let compared = 0;
        for (const rec of clean.store.all('Account'))
            if (!touched.has(rec.Id)) {
                expect(fields(a.store.get(rec.Id)!)).toEqual(fields(rec));
                compared++;
            }
        expect(compared).toBe(
            OPTIONS.accounts - da.placedByPostalCode.length - da.withoutPostalCode.length
        );
    });

    it('makes each name variant', () => {
        const name = 'Summit Logistics Inc. 42';
        expect(nameVariant(name, 'case')).toBe('SUMMIT LOGISTICS INC. 42');
        expect(nameVariant(name, 'punctuation')).toBe('Summit-Logistics, Inc 42');
        expect(nameVariant(name, 'legal_suffix')).toBe('Summit Logistics Inc. 42, LLC');
        expect(nameVariant(name, 'typo')).toBe('Summit Logitics Inc. 42');
    });
});
