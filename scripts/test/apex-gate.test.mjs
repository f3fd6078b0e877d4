/**
 * The Apex gate (scripts/apex-gate.mjs) on copies of force-app: the clean package passes, and each
 * kind of fault it exists for fails it, named by file and line. The faulty runs use `--only` with
 * the tool that must find the fault, so each JVM starts once per case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const gate = path.join(repoRoot, 'scripts', 'apex-gate.mjs');
const classes = 'force-app/main/default/classes';
// Two JVMs on a loaded machine; the gate itself takes 10-20 s.
const TIMEOUT_MS = 180_000;

/** A throw-away copy of the package (force-app and sfdx-project.json). */
function copyProject(t) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apex-gate-test-'));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.cpSync(path.join(repoRoot, 'force-app'), path.join(dir, 'force-app'), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, 'sfdx-project.json'), path.join(dir, 'sfdx-project.json'));
    return dir;
}

/**
 * Applies [from, to] replacements, each of an exact piece found once, to a file of the copy;
 * returns the 1-based line where each replacement starts.
 */
function edit(dir, file, ...replacements) {
    const full = path.join(dir, file);
    let text = fs.readFileSync(full, 'utf8');
    const lines = replacements.map(([from, to]) => {
        const at = text.indexOf(from);
        assert.ok(at >= 0, `${file} no longer contains ${JSON.stringify(from)}: update this test.`);
        assert.equal(text.indexOf(from, at + 1), -1, `${file} has ${JSON.stringify(from)} twice.`);
        text = text.slice(0, at) + to + text.slice(at + from.length);
        return text.slice(0, at).split('\n').length;
    });
    fs.writeFileSync(full, text);
    return lines;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Asserts the gate printed an error at file:line (and column, when given) that starts with text. */
function assertError(output, { file, line, column }, text) {
    const at = `${file}:${line}:${column ?? '\\d+'}`;
    assert.match(output, new RegExp(`^${at} error ${escapeRegExp(text)}`, 'm'), output);
}

function runGate(dir, ...args) {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [gate, ...args, dir], {
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.once('error', reject);
        child.once('close', (code) => resolve({ code, output }));
    });
}

test('the clean package passes both tools', { timeout: TIMEOUT_MS }, async (t) => {
    const dir = copyProject(t);
    const { code, output } = await runGate(dir);
    assert.equal(code, 0, output);
    assert.match(
        output,
        /^apex-gate: ok, 0 error\(s\), 0 warning\(s\) in \d+ Apex files; apex-ls .*; PMD /m
    );
});

test(
    'a parameter called json that hides System.JSON fails at its use',
    { timeout: TIMEOUT_MS },
    async (t) => {
        const dir = copyProject(t);
        const file = `${classes}/TerritoryPlanController.cls`;
        const [, , line] = edit(
            dir,
            file,
            ['parseObject(String jsonText, String what)', 'parseObject(String json, String what)'],
            ['String.isBlank(jsonText)', 'String.isBlank(json)'],
            ['JSON.deserializeUntyped(jsonText)', 'JSON.deserializeUntyped(json)']
        );

        const { code, output } = await runGate(dir, '--only', 'apex-ls');

        assert.equal(code, 1, output);
        assertError(
            output,
            { file, line },
            "[apex-ls Missing] No matching method found for 'deserializeUntyped' on 'System.String'"
        );
        assert.match(output, /^apex-gate: FAILED, 1 error\(s\)/m);
    }
);

test(
    'a misspelt custom field on Account fails in Apex and in SOQL',
    { timeout: TIMEOUT_MS },
    async (t) => {
        const dir = copyProject(t);
        const file = `${classes}/AccountTerritoryController.cls`;
        // The select list of the account query (the other query on Account has no segment).
        const selected =
            'Territory_Potential__c,\n                Territory_Workload__c,\n                Territory_Segment__c';
        const [apexLine, soqlLine] = edit(
            dir,
            file,
            [
                'potential = record.Territory_Potential__c;',
                'potential = record.Territory_Potentail__c;'
            ],
            [selected, selected.replace('Potential', 'Potentail')]
        );

        const { code, output } = await runGate(dir, '--only', 'apex-ls');

        assert.equal(code, 1, output);
        const unknown = "Unknown field 'Territory_Potentail__c' on SObject 'Schema.Account'";
        assertError(output, { file, line: apexLine }, `[apex-ls Missing] ${unknown}`);
        assertError(
            output,
            { file, line: soqlLine, column: 17 },
            `[apex-ls Missing] SOQL field Territory_Potentail__c: ${unknown}`
        );
        assert.match(output, /^apex-gate: FAILED, 2 error\(s\)/m);
    }
);

test('a production class without sharing fails PMD', { timeout: TIMEOUT_MS }, async (t) => {
    const dir = copyProject(t);
    const file = `${classes}/AccountTerritoryController.cls`;
    const [line] = edit(dir, file, [
        'public with sharing class AccountTerritoryController',
        'public class AccountTerritoryController'
    ]);

    const { code, output } = await runGate(dir, '--only', 'pmd');

    assert.equal(code, 1, output);
    assertError(output, { file, line }, '[pmd ApexSharingViolations]');
});
