/**
 * The `npm run demo` contract (DESIGN.md, "The service"): when ready it prints exactly
 * `Planner ready at http://127.0.0.1:PORT/` and `API ready at http://127.0.0.1:PORT/`, both answer,
 * and SIGTERM stops everything (exit 0, ports closed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('npm run demo prints the two ready lines, serves both, and stops on SIGTERM', async () => {
    const child = spawn(
        process.execPath,
        ['scripts/demo.mjs', '--port', '0', '--accounts', '300', '--reps', '6'],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    const stderr = [];
    createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = [];
    try {
        await new Promise((resolve, reject) => {
            const timer = setTimeout(
                () => reject(new Error(`no ready lines in 120 s:\n${stderr.join('\n')}`)),
                120_000
            );
            createInterface({ input: child.stdout }).on('line', (line) => {
                lines.push(line);
                if (lines.length === 2) {
                    clearTimeout(timer);
                    resolve();
                }
            });
            void exited.then((code) => {
                clearTimeout(timer);
                reject(new Error(`demo exited (${code}) early:\n${stderr.join('\n')}`));
            });
        });
        assert.match(lines[0], /^Planner ready at http:\/\/127\.0\.0\.1:\d+\/$/);
        assert.match(lines[1], /^API ready at http:\/\/127\.0\.0\.1:\d+\/$/);
        const plannerUrl = lines[0].slice('Planner ready at '.length);
        const apiUrl = lines[1].slice('API ready at '.length);

        const page = await fetch(plannerUrl);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /salesforce-lightning-design-system/);
        const health = await fetch(new URL('health', apiUrl));
        assert.deepEqual(await health.json(), { status: 'ok' });
        const guarded = await fetch(new URL('v1/scenarios', apiUrl));
        assert.equal(guarded.status, 401, 'the API needs a bearer token');

        child.kill('SIGTERM');
        assert.equal(await exited, 0, `demo exit code; stderr:\n${stderr.join('\n')}`);
        for (const url of [plannerUrl, apiUrl]) {
            await assert.rejects(fetch(url), `${url} still answers after the demo stopped`);
        }
        assert.deepEqual(lines.length, 2, 'nothing else on stdout');
    } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
    }
});
