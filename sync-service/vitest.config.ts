import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
        // Integration tests start servers, Redis connections and child processes: give them room on
        // the 2-core CI machines instead of failing on a slow start.
        testTimeout: 60_000,
        hookTimeout: 60_000,
        pool: 'forks'
    }
});
