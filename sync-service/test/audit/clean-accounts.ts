/**
 * A clean, realistic accounts file for the audit tests: real US ZIP codes (urban ones with many
 * codes per city, rural ones that are large), coordinates scattered around each code's centroid as
 * far as such a code really reaches, company names made of ordinary words with and without legal
 * forms (some sharing words in the same ZIP code: "Acme Corp" and "Acme Tools Corp"), chain
 * stores told apart by a store number, and log-normal measures with zeros. Nothing in it is a
 * problem, so any issue the audit reports on it is a false positive.
 */
import { stringify } from 'csv-stringify/sync';
import { mulberry32 } from '../../src/engine/geo.js';
import { lookupPostal } from '../../src/geo/postal-reference.js';
import type { PostalCentroid } from '../../src/geo/postal-reference.js';

/** Urban ZIP codes: accounts within ~3 km of the centroid. */
const URBAN_ZIPS = [
    '02108',
    '02109',
    '02110',
    '02111',
    '02113',
    '02114',
    '02115',
    '02116',
    '02134',
    '02138',
    '02139',
    '10001',
    '10002',
    '10003',
    '10011',
    '60601',
    '60602',
    '60605',
    '60607',
    '94102',
    '94103',
    '94105',
    '94110',
    '98101',
    '98104',
    '78701',
    '78702',
    '30303',
    '80202',
    '33131',
    '19103',
    '85004',
    '97205',
    '55401',
    '63101',
    '48226',
    '37203',
    '28202',
    '20001',
    '84101'
];
/** Rural ZIP codes covering hundreds of km²: accounts up to 20 km from the centroid. */
const RURAL_ZIPS = ['59711', '83001', '82435', '88030', '67801', '57701'];

const FIRST_WORDS = [
    'Anderson',
    'Baxter',
    'Carver',
    'Delgado',
    'Ellison',
    'Fairview',
    'Granite',
    'Harbor',
    'Ironwood',
    'Juniper',
    'Kessler',
    'Lakeside',
    'Meridian',
    'Northgate',
    'Oakridge',
    'Pinnacle',
    'Quarry',
    'Redwood',
    'Summit',
    'Thornton',
    'Vanguard',
    'Whitman',
    'Zenith',
    'Acme',
    'Bishop',
    'Crescent',
    'Evergreen',
    'Gallagher',
    'Keystone',
    'Lambert',
    'Mercer',
    'Orchard',
    'Prescott',
    'Riverside',
    'Sterling',
    'Trident',
    'Beacon',
    'Cobalt',
    'Horizon',
    'Liberty'
];
const TRADES = [
    'Dental',
    'Plumbing',
    'Logistics',
    'Bakery',
    'Consulting',
    'Hardware',
    'Legal',
    'Medical',
    'Insurance',
    'Marketing',
    'Software',
    'Construction',
    'Realty',
    'Auto Repair',
    'Landscaping',
    'Printing',
    'Tools',
    'Supply',
    'Foods',
    'Design',
    'Pharmacy',
    'Fitness',
    'Electric',
    'Roofing'
];
/** The end of a name: a legal form or none, or a word that is part of the name. */
const ENDINGS = [
    'Inc.',
    'LLC',
    'Ltd',
    'Corp',
    'Co.',
    'Corporation',
    'GmbH',
    '',
    '',
    'Group',
    '& Sons',
    'Partners'
];
const CHAINS = ['Walgreens #', 'CVS Pharmacy #', 'Ace Hardware #'];

export const CLEAN_HEADER = [
    'Id',
    'Name',
    'Latitude',
    'Longitude',
    'PostalCode',
    'City',
    'State',
    'Potential',
    'Workload',
    'OwnerId'
] as const;

export const CLEAN_REP_IDS = ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08'];

export type Row = Record<(typeof CLEAN_HEADER)[number], string>;

interface Place {
    zip: string;
    centroid: PostalCentroid;
    radiusKm: number;
}

function places(): Place[] {
    return [
        ...URBAN_ZIPS.map((zip) => ({ zip, radiusKm: 3 })),
        ...RURAL_ZIPS.map((zip) => ({ zip, radiusKm: 20 }))
    ].map(({ zip, radiusKm }) => {
        const centroid = lookupPostal(zip);
        if (!centroid) throw new Error(`test data: ${zip} is not in the postal reference`);
        return { zip, centroid, radiusKm };
    });
}

/** Standard normal from two uniforms (Box–Muller). */
function gaussian(rand: () => number): number {
    return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * `n` clean accounts (Ids A00001…), deterministic for a seed. The first three rows of the first
 * ZIP code are "Acme Corp", "Acme Tools Corp" and "Acme Tool Rental LLC": shared words, no
 * duplicates.
 */
export function generateCleanAccounts(n: number, seed = 1): Row[] {
    const rand = mulberry32(seed);
    const all = places();
    const usedInCity = new Map<string, Set<string>>();
    const rows: Row[] = [];
    const fixedNames = ['Acme Corp', 'Acme Tools Corp', 'Acme Tool Rental LLC'];
    for (let i = 0; i < n; i++) {
        const place = i < fixedNames.length ? all[0]! : all[Math.floor(rand() * all.length)]!;
        const [city, state] = place.centroid.place.split(', ') as [string, string];
        const used = usedInCity.get(place.centroid.place) ?? new Set<string>();
        usedInCity.set(place.centroid.place, used);
        let name: string;
        let key: string;
        do {
            if (i < fixedNames.length) name = fixedNames[i]!;
            else if (rand() < 0.05)
                name = `${CHAINS[Math.floor(rand() * CHAINS.length)]}${1000 + Math.floor(rand() * 9000)}`;
            else {
                const ending = ENDINGS[Math.floor(rand() * ENDINGS.length)]!;
                name = [
                    FIRST_WORDS[Math.floor(rand() * FIRST_WORDS.length)],
                    TRADES[Math.floor(rand() * TRADES.length)],
                    ending
                ]
                    .filter((w) => w !== '')
                    .join(' ');
            }
            // one business per name and city: the same words with another legal form would be
            // the same company
            key = name
                .toLowerCase()
                .replace(/ (inc\.|llc|ltd|corp|co\.|corporation|gmbh)$/, '')
                .replace(/[^a-z0-9]/g, '');
        } while (used.has(key));
        used.add(key);
        // a uniform point in a disc of the code's radius
        const r = place.radiusKm * Math.sqrt(rand());
        const angle = 2 * Math.PI * rand();
        const lat = place.centroid.lat + (r * Math.cos(angle)) / 111.2;
        const lon =
            place.centroid.lon +
            (r * Math.sin(angle)) / (111.2 * Math.cos((place.centroid.lat * Math.PI) / 180));
        const potential = rand() < 0.05 ? 0 : Math.round(50_000 * Math.exp(1.0 * gaussian(rand)));
        const workload = Math.max(1, Math.round(10 * Math.exp(0.5 * gaussian(rand))));
        rows.push({
            Id: `A${String(i + 1).padStart(5, '0')}`,
            Name: name,
            Latitude: lat.toFixed(5),
            Longitude: lon.toFixed(5),
            PostalCode: place.zip,
            City: city,
            State: state,
            Potential: String(potential),
            Workload: String(workload),
            OwnerId: CLEAN_REP_IDS[Math.floor(rand() * CLEAN_REP_IDS.length)]!
        });
    }
    return rows;
}

/** Rows as CSV text with the clean header. */
export function toCsv(rows: Row[]): string {
    return stringify(
        rows.map((r) => CLEAN_HEADER.map((h) => r[h])),
        { header: true, columns: [...CLEAN_HEADER] }
    );
}

/** The reps file for the clean accounts: every rep active. */
export function cleanRepsCsv(): string {
    return `Id,Active\n${CLEAN_REP_IDS.map((id) => `${id},true`).join('\n')}\n`;
}
