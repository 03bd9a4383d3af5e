// Builds dist/: the JavaScript with esbuild (the library, the CLI, the worker threads' entries and
// each shipped model, sharing chunks, so a user's model and the CLI use one copy of the engine),
// and the .d.ts files with tsc. The CLI starts about twice as fast from a few bundled files as
// from a hundred modules. Skips the work when dist/ was built from the same files (paths, sizes
// and mtimes), so the test suite calls it before every run and never meets a stale dist/;
// `--force` rebuilds. The build is written beside dist/ and moved into place when complete.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const inputs = ['src', 'models', 'properties', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-stamp');

function* files(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return yield `${relative(root, path)} ${st.size} ${st.mtimeMs}`;
  for (const name of readdirSync(path).sort()) yield* files(join(path, name));
}

/** A digest of every input file's path, size and mtime. */
function stamp() {
  const hash = createHash('sha256');
  for (const input of inputs) for (const line of files(join(root, input))) hash.update(line + '\n');
  return hash.digest('hex');
}

/** Entry points by their path under dist/ (without .js). src/package-files.ts relies on this layout. */
function entries() {
  const models = readdirSync(join(root, 'models')).filter((f) => f.endsWith('.ts'));
  return {
    index: 'src/index.ts',
    cli: 'src/cli/main.ts',
    worker: 'src/cli/runner/worker.ts',
    'thread-entry': 'src/parallel/thread-entry.ts',
    ...Object.fromEntries(models.map((f) => [`models/${f.slice(0, -3)}`, `models/${f}`])),
  };
}

async function compile(out) {
  await esbuild({
    absWorkingDir: root,
    entryPoints: entries(),
    outdir: out,
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    keepNames: false,
    logLevel: 'warning',
  });
  copyFileSync(join(root, 'src/cli/resolve-self.mjs'), join(out, 'resolve-self.mjs'));
  threadEntries(out);
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(out, 'types')], { cwd: root, stdio: 'inherit' });
}

/**
 * A worker thread's entry for each shipped model (dist/threads/NAME.js): what
 * src/parallel/worker-bundle.ts bundles at run time for a model file of the user's (the model
 * module and the thread's entry), here two imports of the build's own JavaScript, so a check of
 * a shipped model starts its thread without running esbuild.
 */
function threadEntries(out) {
  mkdirSync(join(out, 'threads'));
  for (const entry of Object.keys(entries()).filter((e) => e.startsWith('models/'))) {
    const name = entry.slice('models/'.length);
    writeFileSync(join(out, 'threads', `${name}.js`), `import * as model from '../${entry}.js';\nimport { serve } from '../thread-entry.js';\nserve(model);\n`);
  }
}

/** Builds dist/ unless it is up to date; returns true when it compiled. */
export async function build({ force = false } = {}) {
  const want = stamp();
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) return false;
  const tmp = join(root, `dist.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    await compile(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`allocheck: the build failed${e.status ? ' (tsc reported the errors above)' : `: ${e.message}`}`);
  }
  writeFileSync(join(tmp, '.build-stamp'), want);
  rmSync(dist, { recursive: true, force: true });
  renameSync(tmp, dist);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await build({ force: process.argv.includes('--force') });
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  }
}
