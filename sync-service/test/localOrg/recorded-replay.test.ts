/**
 * Replays requests recorded against real orgs (../shared/salesforce/recorded, outside the repo)
 * on the local org and compares the answers' shapes: status, content type, key headers, JSON key
 * sets and value types, and exact error codes. Skips when the folder is absent.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const recorded = resolve(repoRoot, '../shared/salesforce/recorded');
const present = existsSync(recorded);

interface Stub {
    request: {
        method: string;
        url?: string;
        urlPath?: string;
        queryParameters?: Record<string, { equalTo: string }>;
    };
    response: {
        status: number;
        body?: string;
        jsonBody?: unknown;
        headers?: Record<string, string | string[]>;
    };
}

function stub(file: string): Stub {
    return JSON.parse(readFileSync(join(recorded, file), 'utf8')) as Stub;
}
function recordedBody(s: Stub): unknown {
    if (s.response.jsonBody !== undefined) return s.response.jsonBody;
    return s.response.body ? (JSON.parse(s.response.body) as unknown) : undefined;
}
function header(s: Stub, name: string): string | undefined {
    const h = Object.entries(s.response.headers ?? {}).find(
        ([k]) => k.toLowerCase() === name.toLowerCase()
    );
    return h ? String(h[1]) : undefined;
}

/** Structural shape: key sets and value types, not values. */
function shapeOf(v: unknown): unknown {
    if (v === null) return 'null';
    if (Array.isArray(v)) return v.length ? [shapeOf(v[0])] : [];
    if (typeof v === 'object') {
        return Object.fromEntries(
            Object.keys(v)
                .sort()
                .map((k) => [k, shapeOf((v as Record<string, unknown>)[k])])
        );
    }
    return typeof v;
}
const keysOf = (v: unknown): string[] => Object.keys(v as object).sort();

let org: LocalOrg;
let token = '';
let version = '';
let accountId = '';

async function call(method: string, path: string, body?: unknown, auth = true): Promise<Response> {
    return fetch(`${org.url}${path}`, {
        method,
        headers: {
            ...(auth ? { Authorization: `Bearer ${token}` } : { Authorization: 'Bearer badToken' }),
            ...(body !== undefined
                ? { 'Content-Type': typeof body === 'string' ? 'text/csv' : 'application/json' }
                : {})
        },
        ...(body !== undefined
            ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
            : {})
    });
}
const api = (path: string): string => `/services/data/v${version}${path}`;
const qs = (s: Stub): string => encodeURIComponent(s.request.queryParameters!.q!.equalTo);

/** Compares an emulator answer with a recorded error answer: status, codes, key sets. */
async function expectSameError(res: Response, s: Stub): Promise<void> {
    expect(res.status).toBe(s.response.status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const mine = (await res.json()) as Record<string, unknown>[];
    const theirs = recordedBody(s) as Record<string, unknown>[];
    expect(mine.map((e) => e.errorCode)).toEqual(theirs.map((e) => e.errorCode));
    expect(mine.map(keysOf)).toEqual(theirs.map(keysOf));
    expect(mine.map(shapeOf)).toEqual(theirs.map(shapeOf));
}
function expectLimitInfo(res: Response, s: Stub): void {
    if (header(s, 'Sforce-Limit-Info'))
        expect(res.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/\d+$/);
    else expect(res.headers.get('sforce-limit-info')).toBeNull();
}

describe.skipIf(!present)('local org vs recorded real-org responses', () => {
    beforeAll(async () => {
        org = await startLocalOrg({ accounts: 4500, reps: 20, seed: 3, bulkProcessingDelayMs: 5 });
        version = org.credentials.apiVersion;
        const res = await fetch(`${org.url}/services/oauth2/token`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
                grant_type: 'client_credentials',
                client_id: org.credentials.clientId,
                client_secret: org.credentials.clientSecret
            })
        });
        token = ((await res.json()) as { access_token: string }).access_token;
        accountId = org.sample!.accountIds[0]!;
    });
    afterAll(async () => {
        await org?.close();
    });

    describe('sf-fx-runtime-java (WireMock stubs, API v53.0)', () => {
        it('create: 201, {id, success, errors}, Location and Sforce-Limit-Info', async () => {
            const s = stub('sf-fx-runtime-java/create.json');
            const res = await call('POST', api('/sobjects/Account'), {
                Name: 'Star Wars Episode V'
            });
            expect(res.status).toBe(s.response.status);
            expectLimitInfo(res, s);
            const body = await res.json();
            expect(shapeOf(body)).toEqual(shapeOf(recordedBody(s)));
            expect(res.headers.get('location')).toBe(
                api(`/sobjects/Account/${(body as { id: string }).id}`)
            );
            expect(header(s, 'Location')).toMatch(
                /^\/services\/data\/v\d+\.0\/sobjects\/\w+\/\w{18}$/
            );
        });

        it('create errors: REQUIRED_FIELD_MISSING, INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, INVALID_FIELD, NOT_FOUND', async () => {
            await expectSameError(
                await call('POST', api('/sobjects/Account'), { BillingCity: 'Austin' }),
                stub('sf-fx-runtime-java/create-required-field-missing.json')
            );
            await expectSameError(
                await call('POST', api('/sobjects/Territory_Scenario__c'), {
                    Name: 'x',
                    Status__c: 'Terrible'
                }),
                stub('sf-fx-runtime-java/create-invalid-picklist-value.json')
            );
            await expectSameError(
                await call('POST', api('/sobjects/Account'), { Name: 'x', FavoritePet__c: 'Cat' }),
                stub('sf-fx-runtime-java/create-invalid-field.json')
            );
            await expectSameError(
                await call('POST', api('/sobjects/PlayingCard__c'), { Name: 'x' }),
                stub('sf-fx-runtime-java/create-unknown-object.json')
            );
        });

        it('update: 204 with Sforce-Limit-Info; MALFORMED_ID and INVALID_FIELD errors', async () => {
            const s = stub('sf-fx-runtime-java/update.json');
            const res = await call('PATCH', api(`/sobjects/Account/${accountId}`), {
                Name: 'Renamed'
            });
            expect(res.status).toBe(s.response.status);
            expect(await res.text()).toBe('');
            expectLimitInfo(res, s);
            const malformed = stub('sf-fx-runtime-java/update-malformed-id.json');
            const badId = malformed.request.url!.split('/').pop()!;
            await expectSameError(
                await call('PATCH', api(`/sobjects/Account/${badId}`), { Name: 'x' }),
                malformed
            );
            await expectSameError(
                await call('PATCH', api(`/sobjects/Account/${accountId}`), { Color__c: 'x' }),
                stub('sf-fx-runtime-java/update-invalid-field.json')
            );
        });

        it('delete: 204, then ENTITY_IS_DELETED on the second delete', async () => {
            const created = (await (
                await call('POST', api('/sobjects/Account'), { Name: 'doomed' })
            ).json()) as { id: string };
            const first = await call('DELETE', api(`/sobjects/Account/${created.id}`));
            expect(first.status).toBe(stub('sf-fx-runtime-java/delete.json').response.status);
            await expectSameError(
                await call('DELETE', api(`/sobjects/Account/${created.id}`)),
                stub('sf-fx-runtime-java/delete-already-deleted.json')
            );
        });

        it('query and queryMore: same keys, 2000-row pages, locator URLs of the same form', async () => {
            const s = stub('sf-fx-runtime-java/query.json');
            const res = await call('GET', api(`/query?q=${qs(s)}`));
            expect(res.status).toBe(200);
            expectLimitInfo(res, s);
            const body = (await res.json()) as { records: Record<string, unknown>[] };
            const theirs = recordedBody(s) as { records: Record<string, unknown>[] };
            expect(keysOf(body)).toEqual(
                keysOf({ ...theirs, nextRecordsUrl: '' }).filter((k) => k in body)
            );
            expect(shapeOf(body.records[0])).toEqual(shapeOf(theirs.records[0]));

            const page1 = stub('sf-fx-runtime-java/query-with-next-records-url.json');
            const page2 = stub('sf-fx-runtime-java/query-with-next-records-url-2.json');
            const first = (await (
                await call(
                    'GET',
                    api(`/query?q=${encodeURIComponent('SELECT Id, Name FROM Account')}`)
                )
            ).json()) as Record<string, unknown> & { records: unknown[]; nextRecordsUrl: string };
            const r1 = recordedBody(page1) as { records: unknown[]; nextRecordsUrl: string };
            expect(keysOf(first)).toEqual(keysOf(r1));
            expect(first.records).toHaveLength(r1.records.length);
            const form = (u: string): string =>
                u.replace(/v\d+\.0/, 'vN').replace(/\/01g\w{15}-/, '/LOCATOR-');
            expect(form(first.nextRecordsUrl)).toBe(form(r1.nextRecordsUrl));
            const second = (await (await call('GET', first.nextRecordsUrl)).json()) as {
                nextRecordsUrl: string;
            };
            expect(form(second.nextRecordsUrl)).toBe(
                form((recordedBody(page2) as { nextRecordsUrl: string }).nextRecordsUrl)
            );
        });

        it('query errors: MALFORMED_QUERY, and INVALID_FIELD with the same message text', async () => {
            const malformed = stub('sf-fx-runtime-java/query-malformed-soql.json');
            await expectSameError(await call('GET', api(`/query?q=${qs(malformed)}`)), malformed);
            const unknown = stub('sf-fx-runtime-java/query-unknown-column.json');
            const res = await call('GET', api(`/query?q=${qs(unknown)}`));
            const mine = (await res.clone().json()) as { message: string }[];
            expect(mine[0]!.message).toBe(
                (recordedBody(unknown) as { message: string }[])[0]!.message
            );
            await expectSameError(res, unknown);
        });
    });

    describe('heroku-applink-nodejs (recorded bodies; Bulk headers trimmed by hand)', () => {
        it('answers a bad token with the recorded 401 body and a bad version with the recorded 404', async () => {
            const s = stub('heroku-applink-nodejs/create-invalid-token.json');
            const res = await call(
                'POST',
                api('/sobjects/Account'),
                { name: 'Global Media' },
                false
            );
            expect(res.status).toBe(401);
            expect(await res.json()).toEqual(recordedBody(s));
            const v = stub('heroku-applink-nodejs/create-invalid-api-version.json');
            const bad = await call('POST', v.request.url!, { name: 'Global Media' });
            expect(bad.status).toBe(404);
            expect(await bad.json()).toEqual(recordedBody(v));
        });

        it('nests a parent relationship (Owner.Name) like the recorded query', async () => {
            const s = stub('heroku-applink-nodejs/query-with-associated-data.json');
            const q = new URL(`http://x${s.request.url!}`).searchParams.get('q')!;
            const res = await call('GET', api(`/query?q=${encodeURIComponent(q)}`));
            const body = await res.json();
            expect(shapeOf(body)).toEqual(shapeOf(recordedBody(s)));
        });

        it('Bulk API 2.0: job info keys, result CSV headers and error format', async () => {
            const job = (await (
                await call('POST', api('/jobs/ingest'), { object: 'Account', operation: 'insert' })
            ).json()) as { id: string };
            expect(
                (
                    await call(
                        'PUT',
                        api(`/jobs/ingest/${job.id}/batches`),
                        'Name,Description,NumberOfEmployees\nTestAccount1,Description of TestAccount1,30\n,Description of TestAccount1,30\n'
                    )
                ).status
            ).toBe(201);
            await call('PATCH', api(`/jobs/ingest/${job.id}`), { state: 'UploadComplete' });
            let info: Record<string, unknown> = {};
            for (let i = 0; i < 100 && info.state !== 'JobComplete'; i++) {
                await new Promise((r) => setTimeout(r, 10));
                info = (await (await call('GET', api(`/jobs/ingest/${job.id}`))).json()) as Record<
                    string,
                    unknown
                >;
            }
            const ingestInfo = stub('heroku-applink-nodejs/get-info-7508z00000lSXvxQAG.json');
            expect(shapeOf(info)).toEqual(shapeOf(recordedBody(ingestInfo)));
            const headerOf = async (path: string): Promise<string[]> =>
                (await (await call('GET', api(path))).text()).split('\n')[0]!.split(',');
            const csvHeader = (file: string): string[] =>
                String(stub(file).response.body).split('\n')[0]!.split(',');
            expect(await headerOf(`/jobs/ingest/${job.id}/successfulResults`)).toEqual(
                csvHeader('heroku-applink-nodejs/bulk-api-ingest-7508Z00000lSXvxQAG.json')
            );
            expect(await headerOf(`/jobs/ingest/${job.id}/failedResults`)).toEqual(
                csvHeader('heroku-applink-nodejs/bulk-api-injest-fail-7508Z00000lSXvxQAG.json')
            );
            expect(await headerOf(`/jobs/ingest/${job.id}/unprocessedrecords`)).toEqual(
                csvHeader(
                    'heroku-applink-nodejs/bulk-api-ingest-7508Z00000lSXvxQAG-unprocessed.json'
                )
            );
            const failedLine = (
                await (await call('GET', api(`/jobs/ingest/${job.id}/failedResults`))).text()
            ).split('\n')[1]!;
            const theirLine = String(
                stub('heroku-applink-nodejs/bulk-api-injest-fail-7508Z00000lSXvxQAG.json').response
                    .body
            ).split('\n')[1]!;
            expect(failedLine).toBe(theirLine);

            const qjob = (await (
                await call('POST', api('/jobs/query'), {
                    operation: 'query',
                    query: 'SELECT Id FROM Account LIMIT 3'
                })
            ).json()) as { id: string };
            let qinfo: Record<string, unknown> = {};
            for (let i = 0; i < 100 && qinfo.state !== 'JobComplete'; i++) {
                await new Promise((r) => setTimeout(r, 10));
                qinfo = (await (await call('GET', api(`/jobs/query/${qjob.id}`))).json()) as Record<
                    string,
                    unknown
                >;
            }
            expect(shapeOf(qinfo)).toEqual(
                shapeOf(
                    recordedBody(stub('heroku-applink-nodejs/get-info-7508z00000lTqQCQA0.json'))
                )
            );
            const results = stub(
                'heroku-applink-nodejs/bulk-api-query-get-7508Z00000lTqQCQA0-result.json'
            );
            const page = await call('GET', api(`/jobs/query/${qjob.id}/results`));
            expect(page.headers.get('content-type')).toMatch(/^text\/csv/);
            expect(page.headers.get('sforce-numberofrecords')).toBe(
                header(results, 'Sforce-NumberOfRecords')
            );
            expect(page.headers.get('sforce-locator')).toBe('null');
            const lines = (await page.text())
                .trim()
                .split('\n')
                .map((l) => l.replace(/"/g, ''));
            expect(lines[0]).toBe(String(results.response.body).split('\n')[0]);
            expect(lines).toHaveLength(String(results.response.body).trim().split('\n').length);
        });
    });

    describe('cumulusci (vcrpy cassettes) and camel', () => {
        interface Interaction {
            request?: { method: string; uri: string; body: string | null };
            response?: { status: { code: number }; body: { string: string } };
        }
        // One stored cassette is not strict YAML (under-indented flow scalars); it is skipped.
        const parseable = (f: string): { interactions: Interaction[] }[] => {
            try {
                return [
                    parseYaml(readFileSync(join(recorded, 'cumulusci', f), 'utf8')) as {
                        interactions: Interaction[];
                    }
                ];
            } catch {
                return [];
            }
        };
        const cassettes = (): Required<Interaction>[] =>
            readdirSync(join(recorded, 'cumulusci'))
                .filter((f) => f.endsWith('.yaml'))
                .flatMap(parseable)
                .flatMap((c) => c.interactions)
                .filter((i): i is Required<Interaction> => !!i.request && !!i.response);

        it('replays Account collection creates with the same per-record result shape', async () => {
            const creates = cassettes().filter(
                (i) => i.request.method === 'POST' && /\/composite\/sobjects$/.test(i.request.uri)
            );
            const accountCreates = creates.filter((i) =>
                /"type": "Account"/.test(i.request.body ?? '')
            );
            expect(accountCreates.length).toBeGreaterThan(0);
            for (const i of accountCreates) {
                const res = await call(
                    'POST',
                    api('/composite/sobjects'),
                    JSON.parse(i.request.body!)
                );
                expect(res.status).toBe(i.response.status.code);
                const mine = (await res.json()) as unknown[];
                const theirs = JSON.parse(i.response.body.string) as unknown[];
                expect(mine).toHaveLength(theirs.length);
                expect(mine.map(shapeOf)).toEqual(theirs.map(shapeOf));
            }
        });

        it('answers /limits/recordCount and Account queries in the recorded shapes', async () => {
            for (const i of cassettes().filter(
                (x) =>
                    x.request.method === 'GET' &&
                    /\/limits\/recordCount|\/query\/\?q=.*Account/i.test(x.request.uri)
            )) {
                if (/\(select/i.test(decodeURIComponent(i.request.uri))) continue; // child subqueries are not emulated
                const path =
                    new URL(i.request.uri).pathname.replace(/\/v[\w.]+?\//, `/v${version}/`) +
                    new URL(i.request.uri).search;
                const res = await call('GET', path);
                expect(res.status).toBe(i.response.status.code);
                const mine = (await res.json()) as Record<string, unknown>;
                const theirs = JSON.parse(i.response.body.string) as Record<string, unknown>;
                expect(keysOf(mine).filter((k) => k !== 'nextRecordsUrl')).toEqual(keysOf(theirs));
                const first = (o: Record<string, unknown>): unknown =>
                    ((o.records ?? o.sObjects) as unknown[])[0];
                if (first(theirs)) expect(keysOf(first(mine))).toEqual(keysOf(first(theirs)));
            }
        });

        it('gives every /limits entry the recorded {Max, Remaining} shape', async () => {
            const theirs = JSON.parse(
                readFileSync(join(recorded, 'camel/limits.json'), 'utf8')
            ) as Record<string, unknown>;
            const mine = (await (await call('GET', api('/limits'))).json()) as Record<
                string,
                unknown
            >;
            const entry = shapeOf(theirs.DailyApiRequests);
            expect(entry).toEqual({ Max: 'number', Remaining: 'number' });
            for (const v of Object.values(mine)) expect(shapeOf(v)).toEqual(entry);
            expect(Object.keys(mine).filter((k) => k in theirs).length).toBeGreaterThanOrEqual(3);
        });
    });
});
