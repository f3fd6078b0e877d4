/**
 * Sample leads for lead flow (issue 16), applied after generateSampleOrg by `territory org
 * --market` (the demo): about `perAccount` leads per account over the last `days` days, in the ZIP
 * codes of the accounts weighted by potential (leads come in where the business is), a few with
 * no postal code, a share converted. Deterministic for a seed and a clock.
 */
import { createRng, type SampleOrg } from './sample-org.js';
import { formatDateTime, type OrgStore } from './store.js';

export interface SampleLeadsOptions {
    seed: number;
    /** mean leads per account over the period (default 0.6) */
    perAccount?: number;
    /** the period, ending now (default 365) */
    days?: number;
    /** now (default: the current time) */
    now?: number;
}

/** Leads without a postal code: web forms that did not ask. */
const NO_POSTAL_SHARE = 0.04;
const FIRST = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery'];
const LAST = ['Smith', 'Garcia', 'Chen', 'Patel', 'Okafor', 'Novak', 'Silva', 'Kim', 'Brown'];
const STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Not Converted'];
const SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const STREAM = 0x1ead_5eed;

/** Adds the leads; returns their ids. */
export function addSampleLeads(
    store: OrgStore,
    sample: SampleOrg,
    options: SampleLeadsOptions
): string[] {
    const rng = createRng((options.seed ^ STREAM) >>> 0);
    const now = options.now ?? Date.now();
    const days = options.days ?? 365;
    const accounts = sample.accountIds
        .map((id) => store.get(id)!)
        .filter((a) => a.BillingPostalCode);
    const weight = (a: (typeof accounts)[number]) =>
        Math.max(1, Number(a.Territory_Potential__c) || 0);
    const sum = accounts.reduce((t, a) => t + weight(a), 0);
    const count = Math.round(sample.accountIds.length * (options.perAccount ?? 0.6));
    // Stratified sampling by weight: the k-th lead falls at (k + u) / count of the accounts'
    // cumulative weight, so one walk through the accounts places every lead.
    const leadAccounts: typeof accounts = [];
    const at = (k: number) => ((k + rng()) / count) * sum;
    let k = 0;
    let next = at(0);
    let upTo = 0;
    for (const a of accounts) {
        upTo += weight(a);
        while (k < count && next <= upTo) {
            leadAccounts.push(a);
            next = at(++k);
        }
    }
    const ids: string[] = [];
    for (const [i, account] of leadAccounts.entries()) {
        const converted = rng() < 0.15;
        const created = Math.floor(now - rng() * days * 86_400_000);
        const lead = store.load('Lead', {
            FirstName: FIRST[Math.floor(rng() * FIRST.length)],
            LastName: LAST[Math.floor(rng() * LAST.length)],
            Company: `Prospect ${i + 1}`,
            PostalCode: rng() < NO_POSTAL_SHARE ? null : account.BillingPostalCode,
            Status: converted
                ? 'Closed - Converted'
                : STATUSES[Math.floor(rng() * STATUSES.length)],
            LeadSource: SOURCES[Math.floor(rng() * SOURCES.length)],
            IsConverted: converted,
            OwnerId: account.OwnerId,
            CreatedDate: formatDateTime(created)
        });
        ids.push(lead.Id);
    }
    return ids;
}
