/**
 * Sample market layers (issue 16), imported by `territory org --market` (the demo) once the org
 * listens, through the path of POST /v1/layers: the CSV is read by parseLayer and stored by the
 * market source over the org's own REST API (a Territory_Layer__c record with the GeoJSON file
 * attached). Two layers, deterministic for a seed:
 *
 * - "Addressable companies" (values per postal code): every ZIP code of the sample's accounts
 *   that the offline postal reference knows, with the companies a vendor could sell to there.
 *   The CRM holds a slice of the market, larger in towns than in metros, so the count grows with
 *   the accounts in the ZIP code and their size, with a log-normal spread.
 * - "Competitor sites" (points): branches of a few competitors, placed where the sample org's own
 *   generator places accounts (around the same metros, urban and rural ZIP codes alike) with a
 *   fixed seed of their own.
 */
import { parseLayer } from '../market/parse-layer.js';
import type { LayerRecord, MarketSource } from '../jobs/market-source.js';
import { lookupPostal, normaliseUsZip } from '../geo/postal-reference.js';
import { schemaWith } from './custom-objects.js';
import { createRng, generateSampleOrg, type SampleOrg } from './sample-org.js';
import { OrgStore } from './store.js';

export const ADDRESSABLE_LAYER = 'Addressable companies';
export const COMPETITOR_LAYER = 'Competitor sites';

/** The competitors' own generator seed: their sites do not depend on the org's seed. */
const COMPETITOR_SEED = 0x0c0_4e7e;
const STREAM = 0x1a7e_55ed;
/** About one competitor branch for this many sample accounts (at least MIN_SITES). */
const ACCOUNTS_PER_SITE = 40;
const MIN_SITES = 12;
const COMPETITORS = ['Northwind Supply', 'Contoso Field Services', 'Fabrikam Direct', 'Tailspin'];

function gaussian(rng: () => number): number {
    const u = Math.max(rng(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export interface SampleLayerFile {
    name: string;
    kind: 'points' | 'postal_values';
    valueName?: string;
    /** the CSV file, as a planner would import it */
    content: string;
}

/** The two sample layers as CSV files (see the file comment). */
export function sampleLayerFiles(
    store: OrgStore,
    sample: SampleOrg,
    options: { seed: number }
): SampleLayerFile[] {
    const rng = createRng((options.seed ^ STREAM) >>> 0);
    // Accounts and their employees per ZIP code.
    const byZip = new Map<string, { accounts: number; employees: number }>();
    for (const id of sample.accountIds) {
        const account = store.get(id);
        const zip = normaliseUsZip(String(account?.BillingPostalCode ?? ''));
        if (!zip) continue;
        const entry = byZip.get(zip) ?? { accounts: 0, employees: 0 };
        entry.accounts += 1;
        entry.employees += Number(account?.NumberOfEmployees) || 0;
        byZip.set(zip, entry);
    }
    const rows: string[] = [];
    for (const zip of [...byZip.keys()].sort()) {
        // The sample's places come from another ZIP list than the offline postal reference; a ZIP
        // code the reference does not know would fail the import (50,000 accounts have one).
        if (!lookupPostal(zip)) continue;
        const { accounts, employees } = byZip.get(zip)!;
        // The CRM knows one company in 6 to 12; larger accounts hint at a denser business area.
        const reach = 6 + 6 * Math.min(1, Math.log10(1 + employees / accounts) / 4);
        const value = Math.max(1, Math.round(accounts * reach * Math.exp(gaussian(rng) * 0.45)));
        rows.push(`${zip},${value}`);
    }

    const siteCount = Math.max(MIN_SITES, Math.round(sample.accountIds.length / ACCOUNTS_PER_SITE));
    const competitorStore = new OrgStore({ schema: schemaWith([]) });
    const competitors = generateSampleOrg(competitorStore, {
        accounts: siteCount,
        reps: 1,
        seed: COMPETITOR_SEED,
        opportunitiesPerAccount: 0
    });
    const sites: string[] = [];
    competitors.accountIds.forEach((id, k) => {
        const site = competitorStore.get(id)!;
        const lat = Number(site.BillingLatitude);
        const lon = Number(site.BillingLongitude);
        if (!Number.isFinite(lat) || !Number.isFinite(lon)) return;
        const brand = COMPETITORS[k % COMPETITORS.length]!;
        const city = String(site.BillingCity ?? '').replace(/[",]/g, '');
        sites.push(`${lat},${lon},${brand}${city ? ` ${city}` : ''}`);
    });
    return [
        {
            name: ADDRESSABLE_LAYER,
            kind: 'postal_values',
            valueName: 'Companies',
            content: ['PostalCode,Value', ...rows].join('\n')
        },
        {
            name: COMPETITOR_LAYER,
            kind: 'points',
            content: ['Latitude,Longitude,Name', ...sites].join('\n')
        }
    ];
}

/** Imports the sample layers as POST /v1/layers does: parsed strictly, stored by the source. */
export async function importSampleLayers(
    source: MarketSource,
    files: readonly SampleLayerFile[]
): Promise<LayerRecord[]> {
    const stored: LayerRecord[] = [];
    for (const file of files) {
        stored.push(
            await source.createLayer({
                name: file.name,
                format: 'csv',
                ...(file.valueName ? { valueName: file.valueName } : {}),
                parsed: parseLayer(file.kind, 'csv', file.content)
            })
        );
    }
    return stored;
}
