// The check worker's entry when the CLI runs from its TypeScript sources (tests): Node 20 does
// not apply `--import tsx` hooks to a worker's entry module, so this plain-JS bootstrap
// registers tsx and the 'allocheck' resolver first, then loads the TypeScript worker. Built,
// the pool starts worker.js directly, and it registers what a user's model file needs itself.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register(new URL('../resolve-self.mjs', import.meta.url), { data: { self: new URL('../../index.ts', import.meta.url).href } });
await import('./worker.ts');
