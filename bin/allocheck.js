#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx allocheck` needs no build step, and lets
// a user's own model file import 'allocheck' from anywhere.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./resolve-self.js', import.meta.url);
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
