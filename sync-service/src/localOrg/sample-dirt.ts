/**
 * Realistic dirt on top of the sample org (issue 16), applied after generateSampleOrg by the demo's
 * `territory org --dirt`, never by default (tests need the clean sample): a few percent of
 * accounts lost their coordinates (most kept their ZIP code, so plans place them by it; about one
 * in seven lost the ZIP code too, so plans leave them out), and some accounts were entered twice
 * in the same ZIP code under a name variant — case, punctuation, a legal suffix, or one typo —
 * that the audit's duplicate check (audit/duplicates.ts) is meant to catch. Deterministic for a
 * seed, on its own random stream: the clean part of the sample is the same with or without dirt.
 */
import { createRng, type SampleOrg } from './sample-org.js';
import type { OrgStore } from './store.js';

/** Share of accounts without coordinates: "15–20 % in typical orgs"; a demo shows a few. */
export const MISSING_COORDINATES_SHARE = 0.03;
/** Of those, the share that lost the ZIP code too (left out of plans: the "excluded" count). */
export const NO_POSTAL_CODE_SHARE = 1 / 7;
/** Accounts entered twice. */
export const DUPLICATE_SHARE = 0.005;

export const NAME_VARIANTS = ['case', 'punctuation', 'legal_suffix', 'typo'] as const;
export type NameVariant = (typeof NAME_VARIANTS)[number];

export interface SampleDirtOptions {
    seed: number;
    missingCoordinatesShare?: number;
    duplicateShare?: number;
}

export interface SampleDirt {
    /** accounts whose coordinates were cleared (their ZIP code kept) */
    placedByPostalCode: string[];
    /** accounts whose coordinates and ZIP code were cleared */
    withoutPostalCode: string[];
    duplicates: { originalId: string; duplicateId: string; variant: NameVariant; name: string }[];
}

/** Mixed into the seed so the dirt's stream differs from the sample's own. */
const DIRT_STREAM = 0x5eed_d127;

/** A name variant of `name` (sample names are "Word Word Form N"). */
export function nameVariant(name: string, variant: NameVariant): string {
    switch (variant) {
        case 'case':
            return name.toUpperCase();
        case 'punctuation':
            // "Acme Global Inc. 17" → "Acme-Global, Inc 17"
            return name
                .replace(' ', '-')
                .replace(/\.(?=\s|$)/g, '')
                .replace(/ (\S+ \d+)$/, ', $1');
        case 'legal_suffix':
            return `${name}, LLC`;
        case 'typo': {
            // One letter dropped from the longest word (not its first letter).
            const words = name.split(' ');
            let k = -1;
            words.forEach((w, i) => {
                if (/^[A-Za-z]{5,}$/.test(w) && (k < 0 || w.length > words[k]!.length)) k = i;
            });
            if (k < 0) return name.toUpperCase();
            const w = words[k]!;
            const at = Math.floor(w.length / 2);
            words[k] = w.slice(0, at) + w.slice(at + 1);
            return words.join(' ');
        }
    }
}

/** Applies the dirt to a freshly generated sample org (mutates the store and `sample`). */
export function addSampleDirt(
    store: OrgStore,
    sample: SampleOrg,
    options: SampleDirtOptions
): SampleDirt {
    const rng = createRng((options.seed ^ DIRT_STREAM) >>> 0);
    const ids = [...sample.accountIds];
    // Fisher–Yates: the first k of a shuffled list are a uniform sample without repeats.
    for (let i = ids.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    const eligible = ids.filter((id) => {
        const a = store.get(id)!;
        return a.Territory_Named__c !== true && a.Territory_Locked__c !== true;
    });
    const missing = Math.round(
        eligible.length * (options.missingCoordinatesShare ?? MISSING_COORDINATES_SHARE)
    );
    const noPostal = Math.round(missing * NO_POSTAL_CODE_SHARE);
    const dirt: SampleDirt = { placedByPostalCode: [], withoutPostalCode: [], duplicates: [] };
    eligible.slice(0, missing).forEach((id, k) => {
        const lost = k < noPostal;
        store.update('Account', id, {
            BillingLatitude: null,
            BillingLongitude: null,
            ...(lost ? { BillingPostalCode: null } : {})
        });
        (lost ? dirt.withoutPostalCode : dirt.placedByPostalCode).push(id);
    });

    const twice = Math.round(eligible.length * (options.duplicateShare ?? DUPLICATE_SHARE));
    const modelTerritories = new Set(
        [...store.all('Territory2')]
            .filter((t) => t.Territory2ModelId === sample.activeModelId)
            .map((t) => t.Id)
    );
    const territoryOf = new Map<string, string>();
    for (const a of store.all('ObjectTerritory2Association'))
        if (modelTerritories.has(String(a.Territory2Id)))
            territoryOf.set(String(a.ObjectId), String(a.Territory2Id));
    eligible.slice(missing, missing + twice).forEach((originalId, k) => {
        const original = store.get(originalId)!;
        const variant = NAME_VARIANTS[k % NAME_VARIANTS.length]!;
        const name = nameVariant(String(original.Name), variant);
        // Entered again by hand: same address and ZIP code, a few metres off, smaller figures.
        const jitter = () => (rng() - 0.5) * 0.002;
        const copy = store.load('Account', {
            Name: name,
            Type: 'Prospect',
            Industry: original.Industry,
            BillingStreet: original.BillingStreet,
            BillingCity: original.BillingCity,
            BillingState: original.BillingState,
            BillingPostalCode: original.BillingPostalCode,
            BillingCountry: original.BillingCountry,
            BillingLatitude: Number(original.BillingLatitude) + jitter(),
            BillingLongitude: Number(original.BillingLongitude) + jitter(),
            Territory_Potential__c: Math.round(Number(original.Territory_Potential__c) * 0.2),
            Territory_Workload__c: Math.round(Number(original.Territory_Workload__c) * 2) / 10,
            Territory_Segment__c: original.Territory_Segment__c,
            OwnerId: original.OwnerId
        });
        const territory = territoryOf.get(originalId);
        if (territory)
            store.load('ObjectTerritory2Association', {
                ObjectId: copy.Id,
                Territory2Id: territory,
                AssociationCause: 'Territory2Manual'
            });
        sample.accountIds.push(copy.Id);
        dirt.duplicates.push({ originalId, duplicateId: copy.Id, variant, name });
    });
    return dirt;
}
