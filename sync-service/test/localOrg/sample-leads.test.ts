import { describe, expect, it } from 'vitest';
import { schemaWith } from '../../src/localOrg/custom-objects.js';
import { addSampleLeads } from '../../src/localOrg/sample-leads.js';
import { generateSampleOrg } from '../../src/localOrg/sample-org.js';
import { OrgStore } from '../../src/localOrg/store.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');

function leadsOf(seed: number) {
    const store = new OrgStore({ schema: schemaWith([]) });
    const sample = generateSampleOrg(store, { accounts: 800, reps: 6, seed: 2 });
    const ids = addSampleLeads(store, sample, { seed, now: NOW });
    return { store, ids, leads: ids.map((id) => store.get(id)!) };
}

describe('sample leads', () => {
    it("come in over the last year in the accounts' ZIP codes, more where potential is", () => {
        const { store, leads } = leadsOf(4);
        expect(leads).toHaveLength(480); // 0.6 per account
        const accounts = [...store.all('Account')];
        const zips = new Set(accounts.map((a) => a.BillingPostalCode));
        const withZip = leads.filter((l) => l.PostalCode);
        expect(withZip.length / leads.length).toBeGreaterThan(0.9);
        for (const l of withZip) expect(zips.has(l.PostalCode)).toBe(true);
        for (const l of leads) {
            const t = Date.parse(String(l.CreatedDate).replace('+0000', 'Z'));
            expect(t).toBeLessThanOrEqual(NOW);
            expect(t).toBeGreaterThan(NOW - 365 * 86_400_000);
            expect(l.Name).toBe(`${l.FirstName} ${l.LastName}`);
            expect(l.IsConverted).toBe(l.Status === 'Closed - Converted');
        }
        // Weighted by potential: the top tenth of accounts by potential draw far more than a tenth.
        const byPotential = [...accounts].sort(
            (a, b) => Number(b.Territory_Potential__c) - Number(a.Territory_Potential__c)
        );
        const topOwners = new Set(byPotential.slice(0, 80).map((a) => a.BillingPostalCode));
        const inTop = withZip.filter((l) => topOwners.has(l.PostalCode)).length;
        const accountsInTop = accounts.filter((a) => topOwners.has(a.BillingPostalCode)).length;
        // uniform over accounts would give the accounts' share
        expect(inTop / withZip.length).toBeGreaterThan(1.5 * (accountsInTop / accounts.length));
    });

    it('are the same for the same seed and clock', () => {
        const strip = (r: Record<string, unknown>) => [r.PostalCode, r.CreatedDate, r.Status];
        expect(leadsOf(4).leads.map(strip)).toEqual(leadsOf(4).leads.map(strip));
        expect(leadsOf(5).leads.map(strip)).not.toEqual(leadsOf(4).leads.map(strip));
    });
});
