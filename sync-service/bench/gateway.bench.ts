/**
 * Gateway benchmark: API calls and wall time to pull a 100k-account org and to write 100k
 * changed assignments (100k inserts + 100k deletes of ObjectTerritory2Association), through
 * REST (query/queryMore + sObject Collections) versus Bulk API 2.0, against the local org.
 *
 *   npm run bench:gateway -w sync-service [-- --accounts 100000 --reps 50 --seed 1]
 *
 * The local org runs in the same process, so wall times include its own CPU work; the API call
 * counts are what a real org would bill against DailyApiRequests.
 */
import { parseArgs } from 'node:util';
import { startLocalOrg } from '../src/localOrg/index.js';
import { connectSalesforce } from '../src/salesforce/index.js';

const { values } = parseArgs({
    options: {
        accounts: { type: 'string', default: '100000' },
        reps: { type: 'string', default: '50' },
        seed: { type: 'string', default: '1' }
    }
});
const accounts = Number(values.accounts);
const reps = Number(values.reps);
const seed = Number(values.seed);

interface Row {
    mode: string;
    phase: string;
    records: number;
    gatewayCalls: number;
    orgCalls: number;
    ms: number;
}

async function run(mode: 'rest' | 'bulk'): Promise<Row[]> {
    const org = await startLocalOrg({
        accounts,
        reps,
        seed,
        opportunitiesPerAccount: 0.5,
        bulkProcessingDelayMs: 0
    });
    const c = org.credentials;
    const gateway = await connectSalesforce({
        loginUrl: c.loginUrl,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        apiVersion: c.apiVersion,
        // REST: never switch to Bulk; Bulk: always.
        bulkThreshold: mode === 'rest' ? Number.MAX_SAFE_INTEGER : 0,
        bulk: { pollIntervalMs: 100, pollTimeoutMs: 600_000 },
        restConcurrency: 4
    });
    const modelId = org.sample!.activeModelId;
    const rows: Row[] = [];
    const measure = async <T>(
        phase: string,
        fn: () => Promise<T>,
        count: (r: T) => number
    ): Promise<T> => {
        const calls0 = gateway.apiUsage().calls;
        const org0 = org.usage.used;
        const t0 = performance.now();
        const result = await fn();
        rows.push({
            mode,
            phase,
            records: count(result),
            gatewayCalls: gateway.apiUsage().calls - calls0,
            orgCalls: org.usage.used - org0,
            ms: Math.round(performance.now() - t0)
        });
        return result;
    };
    const pulled = await measure(
        'pull accounts + associations',
        () => gateway.pullAccounts({ modelId }),
        (r) => r.length
    );
    await measure(
        'pull opportunity roll-up',
        () => gateway.pullOpportunityAggregates(),
        (r) => r.length
    );
    const territories = [...org.sample!.territoryByRep.values()];
    const next = new Map(
        territories.map((t, i) => [t, territories[(i + 1) % territories.length]!])
    );
    const target = pulled.map((a) => ({ accountId: a.id, territoryId: next.get(a.territoryId!)! }));
    const result = await measure(
        'write changed assignments',
        () => gateway.applyAssignments(modelId, target),
        (r) => {
            if (r.failed.length > 0 || r.inserted !== target.length)
                throw new Error(
                    `apply failed: ${JSON.stringify({ ...r, failed: r.failed.length })}`
                );
            return r.inserted;
        }
    );
    // Sanity: the org now holds exactly the target plan.
    for (const t of target.slice(0, 1000)) {
        const now = [...org.store.associationsOf(t.accountId)].map(
            (id) => org.store.get(id)!.Territory2Id
        );
        if (now.length !== 1 || now[0] !== t.territoryId)
            throw new Error(`account ${t.accountId} not moved`);
    }
    void result;
    await org.close();
    return rows;
}

const all = [...(await run('rest')), ...(await run('bulk'))];
console.log(
    `gateway benchmark: ${accounts} accounts, ${reps} reps, seed ${seed}, node ${process.version}`
);
console.log(
    'mode  phase                          records  gw-calls  org-calls   wall ms   records/s'
);
for (const r of all) {
    console.log(
        `${r.mode.padEnd(5)} ${r.phase.padEnd(30)} ${String(r.records).padStart(7)} ${String(r.gatewayCalls).padStart(9)} ${String(r.orgCalls).padStart(10)} ${String(r.ms).padStart(9)} ${String(Math.round((r.records / r.ms) * 1000)).padStart(11)}`
    );
}
console.log('write = one insert plus one delete per changed account (insert-before-delete).');
