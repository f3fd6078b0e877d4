/**
 * `territory org [--port 0] [--accounts 5000] [--reps 30] [--seed 1] [--objects OBJECTS.json]`:
 * runs the local org with the sample org (and any declared custom objects) until SIGINT/SIGTERM. Prints exactly one JSON line on stdout when ready; logs go to
 * stderr.
 */
import { parseArgs } from 'node:util';
import { readCustomObjectsFile } from './custom-objects.js';
import { startLocalOrg } from './local-org.js';
import type { ObjectDef } from './schema.js';

const HELP = `Usage: territory org [--port 0] [--accounts 5000] [--reps 30] [--seed 1]
                     [--objects OBJECTS.json] [--activity] [--dirt] [--market]

Starts the local Salesforce org emulator on 127.0.0.1, seeded with the sample org, and prints one
JSON line with instanceUrl, loginUrl, clientId, clientSecret and apiVersion when it is ready.
Runs until SIGINT/SIGTERM.
  --port N       port to listen on (0: any free port; default 0)
  --accounts N   sample accounts (default 5000)
  --reps N       sample reps, 20-50 is realistic (default 30)
  --seed N       generator seed (default 1)
  --objects F    JSON file declaring extra custom objects:
                 [{ "name": "Thing__c", "fields": [{ "name": "Code__c", "type": "string",
                    "externalId": true }, …] }]
                 field types: string, textarea, double, int, currency, percent, boolean, date,
                 datetime, reference (referenceTo), picklist (values); optional label, length,
                 required, unique, externalId, restricted, relationshipName,
                 childRelationshipName, defaultValue
  --activity     add sales history for the Performance dashboard: creation dates of
                 opportunities, closed deals over the last eight quarters, tasks and events
  --dirt         add realistic data-quality problems (the demo's Data Quality view): ~3 % of
                 accounts without coordinates (most with their ZIP code), ~0.5 % entered twice
                 in the same ZIP code under a name variant
  --market       add a year of sample leads by postal code (lead flow) and two market
                 layers: addressable companies per ZIP code, competitor sites
`;

function intOption(name: string, value: string | undefined, fallback: number, min: number): number {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) {
        throw new Error(`--${name} must be an integer >= ${min}, got '${value}'.`);
    }
    return n;
}

/** Runs the org command; resolves to the exit code once the emulator has stopped. */
export async function runOrgCommand(argv: string[]): Promise<number> {
    let port: number;
    let accounts: number;
    let reps: number;
    let seed: number;
    let objects: ObjectDef[] = [];
    let objectsFile: string | undefined;
    let activity = false;
    let dirt = false;
    let market = false;
    try {
        const { values } = parseArgs({
            args: argv,
            options: {
                port: { type: 'string' },
                accounts: { type: 'string' },
                reps: { type: 'string' },
                seed: { type: 'string' },
                objects: { type: 'string' },
                activity: { type: 'boolean' },
                dirt: { type: 'boolean' },
                market: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' }
            },
            strict: true
        });
        if (values.help) {
            process.stdout.write(HELP);
            return 0;
        }
        port = intOption('port', values.port, 0, 0);
        accounts = intOption('accounts', values.accounts, 5000, 0);
        reps = intOption('reps', values.reps, 30, 1);
        seed = intOption('seed', values.seed, 1, 0);
        if (port > 65535) throw new Error(`--port must be <= 65535, got '${port}'.`);
        objectsFile = values.objects;
        activity = values.activity ?? false;
        dirt = values.dirt ?? false;
        market = values.market ?? false;
    } catch (err) {
        process.stderr.write(`territory org: ${(err as Error).message}\n\n${HELP}`);
        return 1;
    }
    if (objectsFile !== undefined) {
        try {
            objects = await readCustomObjectsFile(objectsFile);
        } catch (err) {
            process.stderr.write(`territory org: --objects ${(err as Error).message}\n`);
            return 1;
        }
    }
    const started = Date.now();
    const org = await startLocalOrg({
        port,
        accounts,
        reps,
        seed,
        objects,
        activity,
        dirt,
        market,
        marketLayers: market
    });
    const { instanceUrl, loginUrl, clientId, clientSecret, apiVersion } = org.credentials;
    process.stderr.write(
        `territory org: ${accounts} accounts, ${reps} reps (seed ${seed})${objects.length ? `, custom objects ${objects.map((o) => o.name).join(', ')}` : ''} ready in ${Date.now() - started} ms at ${org.url}\n`
    );
    // Handlers first, then the ready line: a supervisor may signal as soon as it reads it.
    const stopped = new Promise<void>((resolve) => {
        const stop = (signal: string): void => {
            process.stderr.write(`territory org: ${signal}, stopping\n`);
            resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
        // `npx` runs us under `sh -c`, which dies on SIGTERM without passing it on: when our
        // parent goes away we have been orphaned, and stop as if we had received the signal.
        const parent = process.ppid;
        const watch = setInterval(() => {
            if (process.ppid !== parent) {
                clearInterval(watch);
                stop('parent process exited');
            }
        }, 200);
        watch.unref();
    });
    process.stdout.write(
        `${JSON.stringify({ instanceUrl, loginUrl, clientId, clientSecret, apiVersion })}\n`
    );
    await stopped;
    await org.close();
    return 0;
}
