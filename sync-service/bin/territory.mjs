#!/usr/bin/env node
// Entry point of the `territory` command. The sources are TypeScript run through tsx, so
// `npx territory` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
