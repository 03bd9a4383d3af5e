/**
 * Policies of the user's own, named on the command line by their path among the catalogue's
 * names: `--policy mempool-only+./my-policy.ts`. Each file is loaded once; its policy takes its
 * place in the text under its own name, and its absolute path travels to worker threads.
 */
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPolicy, type Policy } from '../alloc/index.js';
import type { PolicyFileRecord } from '../render/trace.js';
import { loadFailure, looksLikePath, modelPath } from './registry.js';
import { fileHash } from './source-hash.js';
import { importUserModule } from './user-module.js';
import { UsageError } from './usage-error.js';

/** A policy text with its files resolved. */
export interface PolicyText {
  /** The text with each path replaced by its policy's name: 'mempool-only+my-policy'. */
  readonly text: string;
  readonly policies: readonly Policy[];
  /** Absolute paths of the files, for threads that load them again. */
  readonly files: readonly string[];
}

/** Loads the policy a file exports as its default export. */
export async function loadPolicyFile(given: string, cwd: string): Promise<Policy> {
  let mod: { default?: unknown };
  try {
    mod = (await importUserModule(pathToFileURL(modelPath(given, cwd)))) as typeof mod;
  } catch (e) {
    throw new UsageError(`cannot load policy '${given}': ${loadFailure(e)}`);
  }
  const found = mod.default;
  if (!isPolicy(found)) throw new UsageError(`'${given}' does not export a policy: its default export must be a definePolicy({ name, summary, ... })`);
  return found;
}

/**
 * Resolves the files among the '+'-joined names of `texts` (each a policy, or several joined by
 * '+'). A file named in several texts is loaded once.
 *
 * @example await resolvePolicyTexts(['none', 'mempool-only+./mine.ts'], cwd) // texts: ['none', 'mempool-only+mine']
 */
export async function resolvePolicyTexts(texts: readonly string[], cwd: string): Promise<{ texts: string[]; policies: Policy[]; files: string[] }> {
  const byPath = new Map<string, Policy>();
  for (const part of texts.flatMap((t) => t.split('+')).map((p) => p.trim())) {
    if (looksLikePath(part) && !byPath.has(modelPath(part, cwd))) byPath.set(modelPath(part, cwd), await loadPolicyFile(part, cwd));
  }
  const rename = (part: string): string => (looksLikePath(part.trim()) ? byPath.get(modelPath(part.trim(), cwd))!.name : part);
  return { texts: texts.map((t) => t.split('+').map(rename).join('+')), policies: [...byPath.values()], files: [...byPath.keys()] };
}

/** One policy text resolved (see {@link resolvePolicyTexts}). */
export async function resolvePolicyText(text: string, cwd: string): Promise<PolicyText> {
  const r = await resolvePolicyTexts([text], cwd);
  return { text: r.texts[0]!, policies: r.policies, files: r.files };
}

/**
 * What a trace records of the policy files (absolute paths, with their policies in the same
 * order) it was found under: each policy's name, its file relative to `dir` (the trace's
 * directory; absolute without one) and the sha256 of its text.
 */
export function policyFileRecords(files: readonly string[], policies: readonly Policy[], dir: string | undefined): PolicyFileRecord[] {
  return files.map((file, i) => ({
    name: policies[i]!.name,
    source: dir === undefined ? file : relative(dir, file).split('\\').join('/'),
    sha256: fileHash(file),
  }));
}

/** The policies of files given by absolute path (a worker's job). */
export function loadPolicyFiles(files: readonly string[] | undefined): Promise<Policy[]> {
  return Promise.all((files ?? []).map((f) => loadPolicyFile(f, '/')));
}
