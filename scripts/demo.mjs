#!/usr/bin/env node
/**
 * `npm run demo [-- --port N]`: the planner on the embedded sample org (see
 * sync-service/src/sandbox/demo.ts). The service is TypeScript run through tsx: no build step.
 */
import { register } from 'tsx/esm/api';

register();
const { runDemo } = await import('../sync-service/src/sandbox/demo.ts');
process.exitCode = await runDemo(process.argv.slice(2));
