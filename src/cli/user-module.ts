/**
 * Importing a user's own model file. The CLI runs compiled JavaScript; the TypeScript loader
 * (tsx, about 0.45 s to load) is registered only when a file to import is TypeScript, once a
 * thread. Run from the TypeScript sources (tests, `tsx`), a loader is already in place.
 */
import { register } from 'node:module';
import { fromSources, packageModule, selfUrl } from '../package-files.js';

let hooks = false;
let typescript: Promise<void> | undefined;

/** Registers the hooks a user's module needs: 'allocheck' to this copy, and tsx for TypeScript. */
async function prepareImport(file: string): Promise<void> {
  if (fromSources) return;
  if (!hooks) {
    register(packageModule('src/cli/resolve-self.mjs', 'resolve-self.mjs'), { data: { self: selfUrl().href } });
    hooks = true;
  }
  if (/\.[cm]?tsx?$/.test(file)) await (typescript ??= import('tsx/esm/api').then((tsx) => void tsx.register()));
}

/** `import(url)` of a user's module, with the hooks above in place. */
export async function importUserModule(url: URL): Promise<unknown> {
  await prepareImport(url.pathname);
  return import(url.href);
}
