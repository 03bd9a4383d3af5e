/**
 * A worker thread's code as one ES module: the thread's entry (thread-entry.ts), the recipe's
 * model module and all they import, bundled by esbuild into plain JavaScript. A thread starts
 * without its parent's module hooks, so it could not load TypeScript by itself; registering the
 * loader in each thread cost 0.3–0.5 s of CPU a worker (measured on two cores, where that time is
 * taken from the search), where the bundle takes about 60 ms once, off the main thread (esbuild
 * runs as a separate process), and its functions carry no `__name` wrappers. One bundle serves
 * both kinds of thread: the supervised search (search-worker.ts) and the threads of a parallel
 * search (shared-worker.ts), which the search thread starts from the bundle it runs in.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckError } from '../core/errors.js';
import { fromSources, packageModule, selfUrl, shippedModelUrl } from '../package-files.js';

const bundles = new Map<string, Promise<string>>();

/**
 * The code of a worker for the model module at `moduleUrl` (a file: URL), as a data: URL a
 * Worker can start from. Bundled once a process and module.
 *
 * @example
 * new Worker(await workerUrl(new URL('../../models/counter.ts', import.meta.url).href), { workerData });
 */
export function workerUrl(moduleUrl: string, policyUrls: readonly string[] = []): Promise<URL> {
  const key = bundleKey(moduleUrl, policyUrls);
  let code = bundles.get(key);
  if (!code) bundles.set(key, (code = (policyUrls.length === 0 ? prebuilt(moduleUrl) : undefined) ?? bundle(moduleUrl, policyUrls)));
  return code.then((text) => new URL(text));
}

/** A bundle is the model's module and the policy modules of the user's own it is built with. */
function bundleKey(moduleUrl: string, policyUrls: readonly string[]): string {
  return [moduleUrl, ...policyUrls].join('\n');
}

/**
 * The thread entry the build made for a shipped model (dist/threads/NAME.js, importing the
 * build's own modules): a check of a shipped model then starts its thread without running
 * esbuild, which costs about 0.1 s of CPU a process.
 */
function prebuilt(moduleUrl: string): Promise<string> | undefined {
  const name = fromSources ? undefined : /\/dist\/models\/([\w-]+)\.js$/.exec(moduleUrl)?.[1];
  if (name === undefined || moduleUrl !== shippedModelUrl(name).href) return undefined;
  const file = packageModule(`dist/threads/${name}.js`, `threads/${name}.js`);
  return existsSync(file) ? Promise.resolve(file.href) : undefined;
}

/**
 * Inside a thread started from a bundle: that bundle's URL, for the threads it starts in turn.
 * (There the sources are gone, and esbuild is not part of the bundle.)
 */
export function adoptBundle(moduleUrl: string, url: string, policyUrls: readonly string[] = []): void {
  bundles.set(bundleKey(moduleUrl, policyUrls), Promise.resolve(url));
}

async function bundle(moduleUrl: string, policyUrls: readonly string[]): Promise<string> {
  // Resolved here, not at load: in a bundle, import.meta.url is the bundle's data: URL. Built,
  // the entry and the library are dist's JavaScript files.
  const entry = fileURLToPath(packageModule('src/parallel/thread-entry.ts', 'thread-entry.js'));
  const imports = policyUrls.map((u, i) => `import * as policy${i} from ${JSON.stringify(fileURLToPath(u))};\n`).join('');
  const list = policyUrls.map((_, i) => `policy${i}`).join(', ');
  const contents = `import * as model from ${JSON.stringify(fileURLToPath(moduleUrl))};\n${imports}import { serve } from ${JSON.stringify(entry)};\nserve(model, [${list}]);\n`;
  try {
    const { build } = await import('esbuild');
    const out = await build({
      stdin: { contents, loader: 'ts', sourcefile: 'allocheck-worker.ts', resolveDir: dirname(entry) },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      // A model outside the package imports the library by name, as the docs show.
      alias: { allocheck: fileURLToPath(selfUrl()), 'allocheck/models': fileURLToPath(new URL('.', shippedModelUrl('counter'))) },
      // Never loaded in a thread: it takes its bundle from its parent (adoptBundle).
      external: ['esbuild'],
      logLevel: 'silent',
    });
    return `data:text/javascript;base64,${Buffer.from(out.outputFiles[0]!.text).toString('base64')}`;
  } catch (e) {
    const first = (e as { errors?: { text: string }[] }).errors?.[0]?.text ?? String(e);
    throw new CheckError('model-threw', `cannot prepare ${moduleUrl} for the worker thread the search runs in: ${first}`);
  }
}

/**
 * A stack from a thread started from the bundle at `url`, its frames made readable: each
 * `data:...:line:column` becomes the source file the bundle took that line from (esbuild
 * heads each file's code with a `// path` comment), with the line in the bundle.
 *
 * @example
 * readableStack(e.stack, url); // '    at successors (test/support/fixtures/throwing-model.ts, bundle line 10)'
 */
export function readableStack(stack: string, url: string): string {
  const prefix = 'data:text/javascript;base64,';
  if (!url.startsWith(prefix)) return stack;
  const lines = Buffer.from(url.slice(prefix.length), 'base64').toString('utf8').split('\n');
  const fileAt = (line: number): string => {
    for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      const m = /^\/\/ (\S+\.[cm]?[jt]s)$/.exec(lines[i]!);
      if (m) return m[1]!;
    }
    return 'allocheck-worker';
  };
  return stack.replace(/data:text\/javascript;base64,[A-Za-z0-9+/=]+:(\d+):\d+/g, (_, line: string) => `${fileAt(Number(line))}, bundle line ${line}`);
}
