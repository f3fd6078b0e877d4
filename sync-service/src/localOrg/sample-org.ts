/**
 * Sample-org generator: a realistic, deterministic (per seed) org for demos, tests and benchmarks.
 * Accounts cluster around real US metros with a rural spread, carry industries, size tiers and
 * skewed revenue/potential/workload; opportunities have stages and amounts; 20–50 reps live near
 * metros; an Active Territory2Model holds region territories with one child territory per rep,
 * and the ObjectTerritory2Associations form a visibly unbalanced historic plan.
 */
import { mulberry32 } from '../engine/geo.js';
import { METROS, type Metro } from './metros.js';
import { OPPORTUNITY_STAGES } from './schema.js';
import type { OrgStore } from './store.js';

export interface SampleOrgOptions {
    accounts: number;
    reps: number;
    seed: number;
    /** Mean opportunities per account; default 1.2 (0.3 above 200k accounts, to bound memory). */
    opportunitiesPerAccount?: number;
}

export interface SampleOrg {
    integrationUserId: string;
    integrationUsername: string;
    adminUserId: string;
    repIds: string[];
    activeModelId: string;
    archivedModelId: string;
    territoryTypeId: string;
    regionTerritoryIds: string[];
    /** rep user id → their territory id */
    territoryByRep: Map<string, string>;
    accountIds: string[];
}

/** The generator's PRNG: the engine's mulberry32 (small, fast, good enough for synthetic data). */
export const createRng = mulberry32;

function gaussian(rng: () => number): number {
    const u = Math.max(rng(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function pickWeighted<T>(rng: () => number, items: readonly T[], cumulative: number[]): T {
    const r = rng() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < r) lo = mid + 1;
        else hi = mid;
    }
    return items[lo]!;
}

function cumulate(weights: number[]): number[] {
    let s = 0;
    return weights.map((w) => (s += w));
}

function pick<T>(rng: () => number, items: readonly T[]): T {
    return items[Math.floor(rng() * items.length)]!;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Approximate km between two points (equirectangular; fine for assignment and generation). */
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
    const dx = (lon1 - lon2) * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180)) * 111.32;
    const dy = (lat1 - lat2) * 110.57;
    return Math.sqrt(dx * dx + dy * dy);
}

const FIRST_NAMES = [
    'Dana',
    'Alex',
    'Jordan',
    'Morgan',
    'Taylor',
    'Casey',
    'Riley',
    'Jamie',
    'Avery',
    'Quinn',
    'Priya',
    'Mateo',
    'Aisha',
    'Wei',
    'Sofia',
    'Liam',
    'Noah',
    'Emma',
    'Olivia',
    'Lucas',
    'Hannah',
    'Omar',
    'Grace',
    'Ethan',
    'Maya',
    'Diego',
    'Chloe',
    'Samuel',
    'Zoe',
    'Isaac',
    'Leah',
    'Kenji',
    'Fatima',
    'Marcus',
    'Elena',
    'Nina',
    'Victor',
    'Ruth',
    'Tariq',
    'Ines'
];
const LAST_NAMES = [
    'Ortiz',
    'Nguyen',
    'Patel',
    'Kim',
    'Johnson',
    'Garcia',
    'Brown',
    'Miller',
    'Davis',
    'Lopez',
    'Wilson',
    'Anderson',
    'Thomas',
    'Moore',
    'Martin',
    'Lee',
    'Walker',
    'Hall',
    'Young',
    'King',
    'Wright',
    'Scott',
    'Green',
    'Baker',
    'Adams',
    'Nelson',
    'Hill',
    'Rivera',
    'Campbell',
    'Mitchell',
    'Roberts',
    'Carter',
    'Phillips',
    'Evans',
    'Turner',
    'Torres',
    'Parker',
    'Collins',
    'Edwards',
    'Stewart'
];
const NAME_A = [
    'Summit',
    'Blue',
    'Pioneer',
    'Granite',
    'Harbor',
    'Cedar',
    'Atlas',
    'Silver',
    'North',
    'Prairie',
    'Liberty',
    'Eagle',
    'Red Rock',
    'Keystone',
    'Lakeside',
    'Evergreen',
    'Golden',
    'Iron',
    'Coastal',
    'Union',
    'Frontier',
    'Crescent',
    'Bright',
    'Sterling',
    'Meridian'
];
const NAME_B = [
    'Logistics',
    'Health',
    'Foods',
    'Systems',
    'Manufacturing',
    'Partners',
    'Energy',
    'Labs',
    'Bank',
    'Supply',
    'Motors',
    'Media',
    'Insurance',
    'Builders',
    'Analytics',
    'Clinics',
    'Retail',
    'Telecom',
    'Farms',
    'Engineering'
];
const NAME_C = ['Inc.', 'LLC', 'Corp.', 'Group', 'Co.', 'Holdings', 'Ltd.'];
const STREETS = [
    'Main St',
    'Oak Ave',
    'Market St',
    'Park Blvd',
    '1st St',
    'Elm St',
    'Washington Ave',
    'Lake Rd',
    'Industrial Pkwy',
    'Commerce Dr',
    'Maple St',
    'Pine St'
];
const TOWNS = [
    'Springfield',
    'Franklin',
    'Greenville',
    'Clinton',
    'Fairview',
    'Salem',
    'Madison',
    'Georgetown',
    'Riverside',
    'Ashland',
    'Burlington',
    'Milton',
    'Oxford',
    'Dover',
    'Jackson'
];
const INDUSTRIES: [string, number, number][] = [
    // industry, weight, potential factor (share of revenue a vendor could win)
    ['Manufacturing', 14, 0.012],
    ['Healthcare', 12, 0.015],
    ['Technology', 11, 0.02],
    ['Retail', 10, 0.008],
    ['Finance', 8, 0.014],
    ['Construction', 7, 0.009],
    ['Transportation', 6, 0.01],
    ['Food & Beverage', 6, 0.007],
    ['Energy', 4, 0.011],
    ['Education', 4, 0.006],
    ['Insurance', 4, 0.013],
    ['Hospitality', 4, 0.006],
    ['Communications', 3, 0.012],
    ['Government', 3, 0.005],
    ['Agriculture', 2, 0.006],
    ['Biotechnology', 2, 0.018]
];
/** Revenue (USD) at which potential = revenue × industry factor (the SMB median). */
const POTENTIAL_BASE_REVENUE = 4e6;
/** Elasticity of potential to revenue above/below that base (share of wallet falls with size). */
const POTENTIAL_ELASTICITY = 0.6;
const TIERS = [
    // segment, share, median employees, median revenue (USD), workload hours/year median
    { segment: 'Enterprise', share: 0.04, employees: 5000, revenue: 800e6, workload: 120 },
    { segment: 'Mid-Market', share: 0.21, employees: 400, revenue: 60e6, workload: 40 },
    { segment: 'SMB', share: 0.75, employees: 25, revenue: 4e6, workload: 12 }
];
const STAGE_WEIGHTS: [string, number][] = [
    ['Prospecting', 14],
    ['Qualification', 12],
    ['Needs Analysis', 10],
    ['Value Proposition', 8],
    ['Id. Decision Makers', 6],
    ['Perception Analysis', 4],
    ['Proposal/Price Quote', 6],
    ['Negotiation/Review', 5],
    ['Closed Won', 20],
    ['Closed Lost', 15]
];
const REGIONS = [
    { name: 'West', test: (lon: number) => lon < -104 },
    { name: 'Central', test: (lon: number) => lon >= -104 && lon < -88 },
    { name: 'East', test: (lon: number) => lon >= -88 }
];
/** Fixed reference date so generated close dates do not depend on the clock. */
const BASE_DATE = Date.UTC(2026, 5, 30);

/** Fills an empty store with the sample org. */
export function generateSampleOrg(store: OrgStore, options: SampleOrgOptions): SampleOrg {
    const rng = createRng(options.seed);
    const repCount = Math.max(1, Math.floor(options.reps));
    const accountCount = Math.max(0, Math.floor(options.accounts));
    const oppMean = options.opportunitiesPerAccount ?? (accountCount > 200_000 ? 0.3 : 1.2);

    const integration = store.load('User', {
        Username: 'integration@territory.local',
        FirstName: 'Integration',
        LastName: 'User',
        Email: 'integration@territory.local',
        Alias: 'integ',
        Title: 'API Integration'
    });
    store.defaultUserId = integration.Id;
    for (const r of [integration]) r.CreatedById = r.LastModifiedById = integration.Id;
    const admin = store.load('User', {
        Username: 'admin@territory.local',
        FirstName: 'Sales',
        LastName: 'Ops',
        Email: 'admin@territory.local',
        Alias: 'sops',
        Title: 'Sales Operations'
    });

    // Reps: home bases near metros, more reps where more people live.
    const metroCum = cumulate(METROS.map((m) => m.population));
    const reps: {
        id: string;
        lat: number;
        lon: number;
        metro: Metro;
        weight: number;
        name: string;
    }[] = [];
    const usedNames = new Set<string>();
    for (let i = 0; i < repCount; i++) {
        const metro =
            i < Math.min(repCount, METROS.length) * 0.6
                ? METROS[i]!
                : pickWeighted(rng, METROS, metroCum);
        let first = pick(rng, FIRST_NAMES);
        let last = pick(rng, LAST_NAMES);
        while (usedNames.has(`${first} ${last}`)) {
            first = pick(rng, FIRST_NAMES);
            last = pick(rng, LAST_NAMES);
        }
        usedNames.add(`${first} ${last}`);
        const lat = round(metro.lat + gaussian(rng) * 0.08, 6);
        const lon = round(metro.lon + gaussian(rng) * 0.08, 6);
        const capacity = rng() < 0.15 ? 0.8 : rng() < 0.15 ? 1.2 : 1;
        const user = store.load('User', {
            Username: `${first}.${last}.${i + 1}@territory.local`.toLowerCase(),
            FirstName: first,
            LastName: last,
            Email: `${first}.${last}@territory.local`.toLowerCase(),
            Alias: `${first.slice(0, 1)}${last.slice(0, 4)}`.toLowerCase(),
            Title: 'Account Executive',
            Territory_Home_Latitude__c: lat,
            Territory_Home_Longitude__c: lon,
            Territory_Capacity__c: capacity
        });
        // Historic skew: some reps' territories grew far beyond their share over the years.
        const weight = Math.exp(gaussian(rng) * 0.45) * (rng() < 0.2 ? 1.8 : 1);
        reps.push({ id: user.Id, lat, lon, metro, weight, name: `${first} ${last}` });
    }

    // Territory model, type, regions and one territory per rep.
    const archived = store.load('Territory2Model', {
        Name: 'FY26 Sales Territories',
        DeveloperName: 'FY26_Sales_Territories',
        State: 'Archived',
        ActivatedDate: '2025-02-01T00:00:00.000+0000',
        DeactivatedDate: '2026-01-31T00:00:00.000+0000'
    });
    const model = store.load('Territory2Model', {
        Name: 'FY27 Sales Territories',
        DeveloperName: 'FY27_Sales_Territories',
        State: 'Active',
        ActivatedDate: '2026-02-01T00:00:00.000+0000',
        Description: 'Current plan, inherited from FY26 with manual adjustments.'
    });
    const type = store.load('Territory2Type', {
        DeveloperName: 'Sales_Territory',
        MasterLabel: 'Sales Territory',
        Priority: 1
    });
    const regionType = store.load('Territory2Type', {
        DeveloperName: 'Sales_Region',
        MasterLabel: 'Sales Region',
        Priority: 2
    });
    const regionIds = REGIONS.map(
        (r) =>
            store.load('Territory2', {
                Name: `${r.name} Region`,
                DeveloperName: `${r.name}_Region`,
                Territory2ModelId: model.Id,
                Territory2TypeId: regionType.Id,
                AccountAccessLevel: 'Edit',
                OpportunityAccessLevel: 'Edit',
                CaseAccessLevel: 'Read'
            }).Id
    );
    const territoryByRep = new Map<string, string>();
    const territoryIds: string[] = [];
    reps.forEach((rep, i) => {
        const region = REGIONS.findIndex((r) => r.test(rep.lon));
        const [first, last] = rep.name.split(' ');
        const t = store.load('Territory2', {
            Name: `${rep.metro.city} ${i + 1} - ${last}`,
            DeveloperName: `T${String(i + 1).padStart(2, '0')}_${rep.metro.city.replace(/[^A-Za-z]/g, '')}_${last}`,
            Territory2ModelId: model.Id,
            Territory2TypeId: type.Id,
            ParentTerritory2Id: regionIds[Math.max(0, region)],
            ForecastUserId: rep.id,
            AccountAccessLevel: 'Edit',
            OpportunityAccessLevel: 'Edit',
            CaseAccessLevel: 'Read',
            Quota__c: Math.round((1.5e6 + rng() * 1.5e6) / 1000) * 1000,
            Description: `Territory of ${first} ${last}`
        });
        store.load('UserTerritory2Association', {
            UserId: rep.id,
            Territory2Id: t.Id,
            RoleInTerritory2: 'Owner',
            IsActive: true
        });
        territoryByRep.set(rep.id, t.Id);
        territoryIds.push(t.Id);
    });

    // Accounts and their historic (unbalanced) assignment.
    const industryCum = cumulate(INDUSTRIES.map((x) => x[1]));
    const tierCum = cumulate(TIERS.map((t) => t.share));
    const stageCum = cumulate(STAGE_WEIGHTS.map((s) => s[1]));
    const accountIds: string[] = new Array<string>(accountCount);
    const repLat = Float64Array.from(reps.map((r) => r.lat));
    const repLon = Float64Array.from(reps.map((r) => r.lon));
    const repWeight = Float64Array.from(reps.map((r) => r.weight));
    for (let i = 0; i < accountCount; i++) {
        const metro = pickWeighted(rng, METROS, metroCum);
        const rural = rng() < 0.12;
        const spread = rural ? 1.6 : 0.18 * Math.sqrt(metro.population);
        const lat = Math.min(48.9, Math.max(25.2, metro.lat + gaussian(rng) * spread));
        const lon = Math.min(-67.5, Math.max(-124.4, metro.lon + gaussian(rng) * spread * 1.2));
        const [industry, , factor] = pickWeighted(rng, INDUSTRIES, industryCum);
        const tier = pickWeighted(rng, TIERS, tierCum);
        const employees = Math.max(1, Math.round(tier.employees * Math.exp(gaussian(rng) * 0.7)));
        const revenue = Math.round((tier.revenue * Math.exp(gaussian(rng) * 0.8)) / 1000) * 1000;
        // Wallet share shrinks with size: a vendor wins far less of a $1B company's spend per
        // dollar of revenue than of a $4M one's, so potential grows sub-linearly with revenue
        // (elasticity POTENTIAL_ELASTICITY). Linear scaling let one enterprise account outweigh a
        // whole territory's target in small orgs, which no plan can balance.
        const potential = round(
            POTENTIAL_BASE_REVENUE *
                factor *
                Math.pow(revenue / POTENTIAL_BASE_REVENUE, POTENTIAL_ELASTICITY) *
                Math.exp(gaussian(rng) * 0.5),
            2
        );
        const workload = round(tier.workload * Math.exp(gaussian(rng) * 0.4), 2);
        // Weighted nearest rep: heavier reps reach further (historic growth); 3 % scattered.
        let best = 0;
        if (rng() < 0.03) best = Math.floor(rng() * reps.length);
        else {
            let bestScore = Infinity;
            for (let r = 0; r < reps.length; r++) {
                const s = km(lat, lon, repLat[r]!, repLon[r]!) / repWeight[r]!;
                if (s < bestScore) {
                    bestScore = s;
                    best = r;
                }
            }
        }
        const rep = reps[best]!;
        const account = store.load('Account', {
            Name: `${pick(rng, NAME_A)} ${pick(rng, NAME_B)} ${pick(rng, NAME_C)} ${i + 1}`,
            Type: rng() < 0.7 ? 'Customer - Direct' : 'Prospect',
            Industry: industry,
            AnnualRevenue: revenue,
            NumberOfEmployees: employees,
            BillingStreet: `${1 + Math.floor(rng() * 9000)} ${pick(rng, STREETS)}`,
            BillingCity: rural ? pick(rng, TOWNS) : metro.city,
            BillingState: metro.state,
            BillingPostalCode: `${metro.zip3}${String(Math.floor(rng() * 100)).padStart(2, '0')}`,
            BillingCountry: 'United States',
            BillingLatitude: round(lat, 6),
            BillingLongitude: round(lon, 6),
            Territory_Potential__c: potential,
            Territory_Workload__c: workload,
            Territory_Segment__c: tier.segment,
            Territory_Locked__c: rng() < 0.01,
            OwnerId: rep.id
        });
        accountIds[i] = account.Id;
        store.load('ObjectTerritory2Association', {
            ObjectId: account.Id,
            Territory2Id: territoryIds[best],
            AssociationCause: 'Territory2Manual'
        });
        // floor(x + U) with U uniform in [0, 1) has mean x: the mean is exactly oppMean.
        const opps = Math.floor(oppMean * 2 * rng() + rng());
        for (let o = 0; o < opps; o++) {
            const stage = pickWeighted(rng, STAGE_WEIGHTS, stageCum)[0];
            const closed = OPPORTUNITY_STAGES[stage]![1];
            const offsetDays = closed ? -Math.floor(rng() * 365) : Math.floor(rng() * 270);
            store.load('Opportunity', {
                Name: `${account.Name as string} - ${stage === 'Closed Won' ? 'Renewal' : 'New Business'} ${o + 1}`,
                AccountId: account.Id,
                Amount: Math.max(1000, Math.round((potential * (0.05 + rng() * 0.3)) / 100) * 100),
                StageName: stage,
                CloseDate: new Date(BASE_DATE + offsetDays * 86_400_000).toISOString().slice(0, 10),
                OwnerId: rep.id
            });
        }
    }
    return {
        integrationUserId: integration.Id,
        integrationUsername: String(integration.Username),
        adminUserId: admin.Id,
        repIds: reps.map((r) => r.id),
        activeModelId: model.Id,
        archivedModelId: archived.Id,
        territoryTypeId: type.Id,
        regionTerritoryIds: regionIds,
        territoryByRep,
        accountIds
    };
}
