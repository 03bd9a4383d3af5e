/**
 * An output directory a run owns. Before the search it is created and tried with a probe file,
 * so an unwritable place is bad input at once, naming the path. Then the files the previous run
 * listed in its manifest (result.json or matrix.json) are removed, so nothing of that run is
 * left beside this one's; the manifest is written last and lists this run's files with its id.
 * A file that cannot be written is recorded, not thrown: the verdict is still reported.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import { nodeCrypto } from './builtins.js';
import { UsageError } from './usage-error.js';

/** Names of the files allocheck writes into an output directory; only these are ever removed. */
const OWNED = /^(result\.json|matrix\.json|simulate\.json|shard-\d+-of-\d+\.json|trace(-[\w.-]+)?\.(json|dot|svg|png|html)|story(-[\w.-]+)?\.md)$/;

function reason(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}

function kind(path: string): 'dir' | 'other' | undefined {
  const s = statSync(path, { throwIfNoEntry: false });
  return s === undefined ? undefined : s.isDirectory() ? 'dir' : 'other';
}

/**
 * Creates `dir` and its missing parents one at a time: fs.mkdirSync's recursive mode never
 * returns on some paths (`/proc/x`), where a plain mkdir fails at once. Another process may make
 * the same directory meanwhile (shards started together with one parent --out): that is no error.
 */
function makeDir(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); kind(d) === undefined; d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || kind(d) !== 'dir') throw e;
    }
  }
  if (kind(dir) !== 'dir') throw new Error(`${dir} exists and is not a directory`);
}

/**
 * Checks that files can be created in `dir` (made if missing) by writing and removing a probe.
 * Throws a one-line {@link UsageError} naming `shown` (the path as the user gave it).
 */
export function checkWritableDir(dir: string, shown: string, option: string): void {
  try {
    makeDir(dir);
    const probe = join(dir, `.allocheck-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    throw new UsageError(`cannot write to ${option} '${shown}': ${reason(e)}`);
  }
}

/** The files a manifest lists, relative to its directory; anything else in it is ignored. */
function listedFiles(manifest: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return [];
  }
  const files = (json as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return [];
  // A manifest is not trusted to name anything outside its directory or not of allocheck's.
  return files.filter((f): f is string => typeof f === 'string' && !isAbsolute(f) && !normalize(f).startsWith('..') && OWNED.test(basename(f)));
}

export class OutDir {
  /** Identifies this run: its manifest and trace files carry it. */
  readonly runId = nodeCrypto().randomUUID();
  readonly written: string[] = [];
  readonly failed: { readonly name: string; readonly why: string }[] = [];

  /**
   * Prepares `dir` for a run whose manifest is `manifest` (e.g. 'result.json'): checks it can
   * be written (bad input otherwise) and removes the previous run's files.
   *
   * @example const out = OutDir.prepare(resolve(cwd, 'out'), 'out', '--out', 'result.json');
   */
  static prepare(dir: string, shown: string, option: string, manifest: string): OutDir {
    checkWritableDir(dir, shown, option);
    const path = join(dir, manifest);
    for (const f of [...listedFiles(path), manifest]) {
      try {
        rmSync(join(dir, f), { force: true });
      } catch (e) {
        throw new UsageError(`cannot remove the previous run's '${join(shown, f)}' from ${option}: ${reason(e)}`);
      }
    }
    return new OutDir(dir);
  }

  private constructor(readonly dir: string) {}

  /** Writes one file (relative to the directory, made if missing); a failure is recorded. */
  write(name: string, data: string | Uint8Array): boolean {
    try {
      makeDir(dirname(join(this.dir, name)));
      writeFileSync(join(this.dir, name), data);
      this.written.push(name);
      return true;
    } catch (e) {
      this.failed.push({ name, why: reason(e) });
      return false;
    }
  }

  /** One line on what could not be written, or undefined when everything was. */
  failureLine(shown: string): string | undefined {
    const [first] = this.failed;
    if (first === undefined) return undefined;
    return `could not write to '${shown}' (${first.why}); not written: ${this.failed.map((f) => f.name).join(', ')}`;
  }
}
