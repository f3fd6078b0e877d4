import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('npx territory org', () => {
    it('prints exactly one JSON line when ready, serves jsforce, and stops on SIGTERM', async () => {
        const child = spawn('npx', ['territory', 'org', '--port', '0', '--accounts', '500'], {
            cwd: repoRoot,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
        const line = await new Promise<string>((res, rej) => {
            child.stdout.on('data', (d: Buffer) => {
                stdout += d.toString();
                if (stdout.includes('\n')) res(stdout.split('\n')[0]!);
            });
            child.on('exit', () => rej(new Error(`exited early: ${stderr}`)));
        });
        const ready = JSON.parse(line) as Record<string, string>;
        expect(Object.keys(ready)).toEqual([
            'instanceUrl',
            'loginUrl',
            'clientId',
            'clientSecret',
            'apiVersion'
        ]);
        expect(ready.instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(ready.loginUrl).toBe(ready.instanceUrl);
        expect(ready.apiVersion).toMatch(/^\d\d\.0$/);
        const conn = new Connection({
            oauth2: {
                clientId: ready.clientId!,
                clientSecret: ready.clientSecret!,
                loginUrl: ready.loginUrl!
            },
            version: ready.apiVersion!
        });
        await conn.authorize({ grant_type: 'client_credentials' });
        expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(500);
        // npx itself dies on SIGTERM; the emulator under it must stop too (no orphan left serving).
        child.kill('SIGTERM');
        await exited;
        const deadline = Date.now() + 5000;
        let serving = true;
        while (serving && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 100));
            serving = await fetch(
                `${ready.instanceUrl}/services/data/v${ready.apiVersion}/limits`
            ).then(
                () => true,
                () => false
            );
        }
        expect(serving).toBe(false);
        expect(stdout.trim().split('\n')).toHaveLength(1);
        expect(stderr).toContain('ready');
    });

    it('exits with code 0 on SIGTERM when run directly', async () => {
        const child = spawn(
            process.execPath,
            ['sync-service/bin/territory.mjs', 'org', '--accounts', '200', '--reps', '20'],
            { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] }
        );
        const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
        await new Promise<void>((res) => child.stdout.once('data', () => res()));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
    });

    it('rejects a bad option with a message and a non-zero exit', async () => {
        const child = spawn('npx', ['territory', 'org', '--accounts', 'many'], {
            cwd: repoRoot,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
        expect(code).toBe(1);
        expect(stderr).toContain("--accounts must be an integer >= 0, got 'many'");
    });
});
