/**
 * The shared controller cases (force-app/main/default/staticresources/territoryControllerCases.json)
 * against the TypeScript twin of the Apex controllers: each case's records are loaded into a fresh
 * local org, the twin's method is called as the case's persona, and the answer or error must be
 * what the case says. TerritoryControllerCasesTest.cls runs the same file against the Apex in an
 * org, so the twin cannot drift from the Apex unnoticed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalOrg, type LocalOrg } from '../../src/localOrg/index.js';
import { formatDateTime } from '../../src/localOrg/store.js';
import { findObject } from '../../src/localOrg/schema.js';
import { connectOrg } from '../../src/sandbox/org-client.js';
import { sandboxApex } from '../../src/sandbox/apex/registry.js';
import { AuraHandledException } from '../../src/sandbox/apex/aura.js';
import { CUSTOM_PERMISSIONS } from '../../src/sandbox/apex/permissions.js';

const CASES_FILE = path.resolve(
    import.meta.dirname,
    '../../../force-app/main/default/staticresources/territoryControllerCases.json'
);

interface GivenRecord {
    ref?: string;
    sobject: string;
    fields: Record<string, unknown>;
}

interface ControllerCase {
    name: string;
    description: string;
    as: keyof typeof PERSONAS;
    given: GivenRecord[];
    call: { class: string; method: string; params: Record<string, unknown> };
    expect: { answer: unknown } | { error: string };
}

/** The custom permissions each persona's permission sets grant (TerritoryTestDataFactory). */
const PERSONAS = {
    rep: [],
    planner: [CUSTOM_PERMISSIONS.plan],
    approver: [CUSTOM_PERMISSIONS.plan, CUSTOM_PERMISSIONS.approve],
    salesOps: [CUSTOM_PERMISSIONS.plan, CUSTOM_PERMISSIONS.approve]
} as const;

const { cases } = JSON.parse(readFileSync(CASES_FILE, 'utf8')) as { cases: ControllerCase[] };

/** Replaces every `@ref` in strings (whole values and inside JSON text) with its record id. */
function substitute(value: unknown, ids: ReadonlyMap<string, string>): unknown {
    if (typeof value === 'string')
        return value.replace(/@(\w+)/g, (whole, ref: string) => ids.get(ref) ?? whole);
    if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
    if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
    return value;
}

/**
 * Where `actual` differs from `expected` (a subset), or undefined when it matches: objects match
 * on the keys given (an expected null also matches a missing key), arrays have the same length
 * and each expected element matches a different actual element, in any order (SOQL without
 * ORDER BY promises none). TerritoryControllerCasesTest.matches applies the same rules.
 */
export function mismatch(expected: unknown, actual: unknown, at = 'answer'): string | undefined {
    if (expected === null) return actual === null || actual === undefined ? undefined : at;
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual) || actual.length !== expected.length)
            return `${at}: expected ${expected.length} elements, got ${JSON.stringify(actual)}`;
        const used = new Set<number>();
        for (const [i, element] of expected.entries()) {
            const match = actual.findIndex(
                (candidate, j) => !used.has(j) && mismatch(element, candidate) === undefined
            );
            if (match < 0)
                return `${at}[${i}]: no element matches ${JSON.stringify(element)} in ${JSON.stringify(actual)}`;
            used.add(match);
        }
        return undefined;
    }
    if (typeof expected === 'object') {
        if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return at;
        for (const [key, value] of Object.entries(expected)) {
            const problem = mismatch(
                value,
                (actual as Record<string, unknown>)[key],
                `${at}.${key}`
            );
            if (problem) return problem;
        }
        return undefined;
    }
    if (typeof expected === 'number')
        return typeof actual === 'number' && Math.abs(actual - expected) < 1e-9
            ? undefined
            : `${at}: expected ${expected}, got ${JSON.stringify(actual)}`;
    return expected === actual
        ? undefined
        : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Loads the given records into the org, in order; returns ref → id. */
function loadGiven(org: LocalOrg, given: readonly GivenRecord[]): Map<string, string> {
    const type = org.store.load('Territory2Type', {
        DeveloperName: 'Territory_Planner_Default',
        MasterLabel: 'Territory Planner Default',
        Priority: 1
    });
    const ids = new Map<string, string>([['territoryType', type.Id]]);
    let users = 0;
    for (const record of given) {
        const definition = findObject(record.sobject);
        if (!definition) throw new Error(`case names an unknown object ${record.sobject}`);
        const fields: Record<string, unknown> = {};
        for (const [name, raw] of Object.entries(record.fields)) {
            const field = definition.fields.get(name);
            if (!field) throw new Error(`case names an unknown field ${record.sobject}.${name}`);
            const value = substitute(raw, ids);
            // The org's REST answers carry datetimes as Salesforce writes them.
            fields[name] =
                field.type === 'datetime' && typeof value === 'string'
                    ? formatDateTime(Date.parse(value))
                    : value;
        }
        if (record.sobject === 'User') {
            users += 1;
            fields.Username ??= `case.user${users}@territory-planner.test`;
            fields.Email ??= `case.user${users}@territory-planner.test`;
            fields.Alias ??= `case${users}`;
        }
        const loaded = org.store.load(record.sobject, fields);
        if (record.ref) ids.set(record.ref, loaded.Id);
    }
    return ids;
}

describe('shared controller cases against the TypeScript twin', () => {
    let org: LocalOrg | undefined;
    afterEach(async () => {
        await org?.close();
        org = undefined;
    });

    it('has cases for every controller, each with an answer or an error', () => {
        expect(new Set(cases.map((c) => c.call.class))).toEqual(
            new Set([
                'TerritoryPlanController',
                'AccountTerritoryController',
                'TerritoryPerformanceController'
            ])
        );
        expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
        for (const c of cases) expect(Object.keys(c.expect)).toHaveLength(1);
    });

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
        org = await startLocalOrg({ sample: false });
        const ids = loadGiven(org, testCase.given);
        const registry = sandboxApex({
            org: await connectOrg(org.credentials),
            service: () => Promise.reject(new Error('the cases make no service call')),
            customPermissions: new Set(PERSONAS[testCase.as])
        });
        const method = registry[testCase.call.class]?.[testCase.call.method];
        if (!method) throw new Error(`no twin for ${testCase.call.class}.${testCase.call.method}`);
        const params = substitute(testCase.call.params, ids) as Record<string, unknown>;

        let answer: unknown;
        let error: unknown;
        try {
            answer = JSON.parse(JSON.stringify(await method(params)));
        } catch (caught) {
            error = caught;
        }
        if ('error' in testCase.expect) {
            expect(error, 'the call must fail').toBeInstanceOf(AuraHandledException);
            expect((error as Error).message).toBe(substitute(testCase.expect.error, ids));
        } else {
            if (error) throw error;
            expect(mismatch(substitute(testCase.expect.answer, ids), answer)).toBeUndefined();
        }
    });
});
