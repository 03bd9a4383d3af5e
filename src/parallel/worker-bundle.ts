/**
 * A worker thread's code as one ES module: the worker (shared-worker.ts), the recipe's model
 * module and all they import, bundled by esbuild into plain JavaScript. A thread starts without
 * its parent's module hooks, so it could not load TypeScript by itself; registering the loader
 * in each thread cost 0.3–0.5 s of CPU a worker (measured on two cores, where that time is taken
 * from the search), where the bundle takes about 60 ms once, off the main thread (esbuild runs
 * as a separate process), and its functions carry no `__name` wrappers.
 */
import { build } from 'esbuild';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckError } from '../core/errors.js';

const worker = fileURLToPath(new URL('./shared-worker.ts', import.meta.url));
const self = fileURLToPath(new URL('../index.ts', import.meta.url));
const bundles = new Map<string, Promise<string>>();

/**
 * The code of a worker for the model module at `moduleUrl` (a file: URL) and the policy modules
 * of the user's own at `policyUrls`, as a data: URL a Worker can start from. Bundled once a
 * process and set of modules.
 *
 * @example
 * new Worker(await workerUrl(new URL('../../models/counter.ts', import.meta.url).href), { workerData });
 */
export function workerUrl(moduleUrl: string, policyUrls: readonly string[] = []): Promise<URL> {
  const key = [moduleUrl, ...policyUrls].join('\n');
  let code = bundles.get(key);
  if (!code) bundles.set(key, (code = bundle(moduleUrl, policyUrls)));
  return code.then((text) => new URL(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`));
}

async function bundle(moduleUrl: string, policyUrls: readonly string[]): Promise<string> {
  const imports = policyUrls.map((u, i) => `import * as policy${i} from ${JSON.stringify(fileURLToPath(u))};\n`).join('');
  const list = policyUrls.map((_, i) => `policy${i}`).join(', ');
  const contents = `import * as model from ${JSON.stringify(fileURLToPath(moduleUrl))};\n${imports}import { serve } from ${JSON.stringify(worker)};\nserve(model, [${list}]);\n`;
  try {
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
