/**
 * Importing a user's own model file. The CLI runs compiled JavaScript; the TypeScript loader
 * (tsx, about 0.45 s to load) is registered only when a file to import is TypeScript (or a
 * JavaScript file that imports TypeScript), once a thread. Run from the TypeScript sources
 * (tests, `tsx`), a loader is already in place.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { fromSources, packageModule, selfUrl } from '../package-files.js';

let hooks = false;
let typescript: Promise<void> | undefined;

// The hooks registered last run first: ours go on top of tsx's, so that they see (and can
// correct) the format tsx resolves a loose .js model file to, as they do without tsx.
function registerOwnHooks(): void {
  register(packageModule('src/cli/resolve-self.mjs', 'resolve-self.mjs'), { data: { self: selfUrl().href } });
  hooks = true;
}

/** Registers the hooks a user's module needs: tsx for TypeScript, and 'allocheck' to this copy. */
async function prepareImport(file: string): Promise<void> {
  if (fromSources) return;
  if (isTypeScript(file) && !typescript) {
    typescript = import('tsx/esm/api').then((tsx) => {
      tsx.register();
      registerOwnHooks();
    });
  }
  await typescript;
  if (!hooks) registerOwnHooks();
}

const TS_FILE = /\.[cm]?tsx?$/;
// An import of a TypeScript file in a JavaScript model (`import def from './counter.ts'`).
const TS_IMPORT = /(?:from\s*|import\s*\(?\s*)['"][^'"]+\.[cm]?tsx?['"]/;

/** True for a TypeScript file, or a JavaScript one that imports TypeScript. */
function isTypeScript(file: string): boolean {
  if (TS_FILE.test(file)) return true;
  try {
    return TS_IMPORT.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/** `import(url)` of a user's module, with the hooks above in place. */
export async function importUserModule(url: URL): Promise<unknown> {
  await prepareImport(fileURLToPath(url));
  return import(url.href);
}
