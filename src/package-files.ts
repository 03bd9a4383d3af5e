/**
 * Where the package's own modules are, in the copy that is running. From the TypeScript sources
 * (tests, tsx) this file is src/package-files.ts; built, its code sits in a file directly under
 * dist/ (an entry or a shared chunk: the build puts both there), so '../' is the package root
 * either way. Threads and module hooks are started from these URLs. (In a worker thread's bundle
 * this code's URL is a data: URL: the functions below are for the thread that starts workers.)
 */
const here = import.meta.url;

/** True when running the TypeScript sources rather than the build in dist/. */
export const fromSources = here.endsWith('.ts');


/**
 * The URL of one of the package's modules: `source` (a path from the package root) when running
 * from sources, else `built` (a path under dist/).
 *
 * @example
 * packageModule('src/cli/runner/worker-boot.mjs', 'worker.js'); // the check worker's entry
 */
export function packageModule(source: string, built: string): URL {
  return new URL(fromSources ? source : `dist/${built}`, new URL('../', here));
}

/** A shipped model's module, by name: models/NAME.ts, or dist/models/NAME.js when built. */
export function shippedModelUrl(name: string): URL {
  return packageModule(`models/${name}.ts`, `models/${name}.js`);
}

/** The package's entry point ('allocheck') in the running copy. */
export function selfUrl(): URL {
  return packageModule('src/index.ts', 'index.js');
}
