#!/usr/bin/env node
/**
 * `npm run demo [-- --port N]`: the planner on the embedded sample org (see
 * sync-service/src/sandbox/demo.ts). The service is TypeScript run through tsx: no build step.
 */
import { register } from 'tsx/esm/api';

register();
const { runDemo } = await import('../sync-service/src/sandbox/demo.ts');
const code = await runDemo(process.argv.slice(2));
// Everything the demo started has stopped by now; the tsx loader thread must not hold the exit.
process.exit(code);
