/**
 * A worker thread's code as one ES module: the worker (shared-worker.ts), the recipe's model
 * module and all they import, bundled by esbuild into plain JavaScript. A thread starts without
 * its parent's module hooks, so it could not load TypeScript by itself; registering the loader
 * in each thread cost 0.3–0.5 s of CPU a worker (measured on two cores, where that time is taken
 * from the search), where the bundle takes about 60 ms once, off the main thread (esbuild runs
 * as a separate process), and its functions carry no `__name` wrappers.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckError } from '../core/errors.js';
import { packageModule, selfUrl } from '../package-files.js';

const worker = fileURLToPath(packageModule('src/parallel/shared-worker.ts', 'shared-worker.js'));
const self = fileURLToPath(selfUrl());
const bundles = new Map<string, Promise<string>>();

/**
 * The code of a worker for the model module at `moduleUrl` (a file: URL), as a data: URL a
 * Worker can start from. Bundled once a process and module.
 *
 * @example
 * new Worker(await workerUrl(new URL('../../models/counter.ts', import.meta.url).href), { workerData });
 */
export function workerUrl(moduleUrl: string): Promise<URL> {
  let code = bundles.get(moduleUrl);
  if (!code) bundles.set(moduleUrl, (code = bundle(moduleUrl)));
  return code.then((text) => new URL(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`));
}

async function bundle(moduleUrl: string): Promise<string> {
  const contents = `import * as model from ${JSON.stringify(fileURLToPath(moduleUrl))};\nimport { serve } from ${JSON.stringify(worker)};\nserve(model);\n`;
  try {
    // Loaded here, not with this module: a search that never starts threads does not load esbuild.
    const { build } = await import('esbuild');
    const out = await build({
      stdin: { contents, loader: 'ts', sourcefile: 'allocheck-worker.ts', resolveDir: dirname(worker) },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      // A model outside the package imports the library by name, as the docs show.
      alias: { allocheck: self },
      logLevel: 'silent',
    });
    return out.outputFiles[0]!.text;
  } catch (e) {
    const first = (e as { errors?: { text: string }[] }).errors?.[0]?.text ?? String(e);
    throw new CheckError('model-threw', `cannot prepare ${moduleUrl} for the worker threads: ${first} (--workers 1 runs without them)`);
  }
}
