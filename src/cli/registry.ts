import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDefinition, type Definition } from '../api/definition.js';
import { SHIPPED_MODELS } from '../api/model-names.js';
import { shippedModelUrl } from '../package-files.js';
import { UsageError } from './usage-error.js';
import { importUserModule } from './user-module.js';

import { looksLikePath } from './looks-like-path.js';

export type { Definition } from '../api/definition.js';
export { looksLikePath };

/** Names of the shipped models, sorted. */
export function modelNames(): string[] {
  return [...SHIPPED_MODELS].sort();
}

/** Shipped models loaded so far. */
const loaded = new Map<string, Definition>();

function unknownModel(name: string): UsageError {
  return new UsageError(`unknown model '${name}'; known: ${modelNames().join(', ')} (or a path to a model file)`);
}

/** The absolute path of a model file given on the command line. */
export function modelPath(name: string, cwd: string): string {
  return isAbsolute(name) ? name : resolve(cwd, name);
}

/**
 * The module of a model, for threads that load it again: a file given by path, or a shipped
 * model's file in models/.
 */
export function modelUrl(name: string, cwd: string): URL {
  if (looksLikePath(name)) return pathToFileURL(modelPath(name, cwd));
  if (!SHIPPED_MODELS.includes(name)) throw unknownModel(name);
  return shippedModelUrl(name);
}

/**
 * Loads a model by its name in models/ (its module alone: the one `models` in the library API
 * holds) or by a path to a file of the user's own.
 */
export async function loadDefinition(name: string, cwd: string): Promise<Definition> {
  if (!looksLikePath(name)) {
    if (!SHIPPED_MODELS.includes(name)) throw unknownModel(name);
    // Asked once a cell: a second import of a loaded module still goes through the loader.
    let def = loaded.get(name);
    if (def === undefined) loaded.set(name, (def = ((await import(shippedModelUrl(name).href)) as { default: Definition }).default));
    return def;
  }
  const url = pathToFileURL(modelPath(name, cwd));
  let mod: { default?: unknown };
  try {
    mod = (await importUserModule(url)) as { default?: unknown };
  } catch (e) {
    throw new UsageError(`cannot load model '${name}': ${loadFailure(e)}`);
  }
  if (!isDefinition(mod.default)) {
    throw new UsageError(`'${name}' does not export a model: its default export must be a scenario({...}) or a model definition`);
  }
  return mod.default;
}

/**
 * Why a model file did not load, in one line: a syntax error as `file:line:column: reason`
 * (the compiler's first error, not its "Transform failed" heading).
 */
export function loadFailure(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const located = /^(.+?:\d+:\d+): ERROR: (.*)$/m.exec(text);
  if (located) return `syntax error at ${located[1]}: ${located[2]}`;
  if (text.includes('Cannot require() ES Module')) return 'it is an ES module (import/export) that Node loads as CommonJS here: name it .mjs or .ts, or add {"type": "module"} to a package.json beside it';
  return text.split('\n')[0]!;
}
