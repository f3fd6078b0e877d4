/** The configuration schema and its documentation (.env.example) stay in step. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvSchema, loadConfig } from '../../src/config/env.js';
import { SERVICE_DIR } from './harness.js';

const example = readFileSync(path.join(SERVICE_DIR, '..', '.env.example'), 'utf8');
const documented = new Map(
    example
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
);

describe('configuration', () => {
    it('.env.example lists every variable with its default', () => {
        const defaults = loadConfig({ SERVICE_TOKEN_SECRET: 'x'.repeat(32) }) as Record<
            string,
            unknown
        >;
        expect([...documented.keys()].sort()).toEqual(Object.keys(EnvSchema.properties).sort());
        for (const [name, value] of documented) {
            if (name === 'SERVICE_TOKEN_SECRET' || value === '') continue;
            expect(String(defaults[name]), name).toBe(value);
        }
    });

    it('converts numbers and reports every problem at once', () => {
        expect(loadConfig({ SERVICE_TOKEN_SECRET: 'x'.repeat(32), PORT: '8080' }).PORT).toBe(8080);
        try {
            loadConfig({
                SERVICE_TOKEN_SECRET: 'short',
                REDIS_URL: 'localhost',
                DRIFT_THRESHOLD: '0'
            });
            expect.unreachable('loadConfig accepted an invalid environment');
        } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            const problems = (error as ConfigError).problems;
            expect(problems).toHaveLength(3);
            expect(problems.join('\n')).toContain('SERVICE_TOKEN_SECRET is invalid');
            expect(problems.join('\n')).not.toContain('short');
            expect(problems.join('\n')).toContain('REDIS_URL is "localhost"');
            expect(problems.join('\n')).toContain('DRIFT_THRESHOLD is "0"');
        }
    });
});
