import { readdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Action, Fairness, Model } from '../core/model.js';
import type { ParamSpecs, ParamValues } from '../core/params.js';
import { UsageError } from './usage-error.js';

/**
 * What a model file exports, seen from the CLI: an engine-level definition (models/counter.ts)
 * or an allocation scenario, which also takes a policy.
 */
export interface Definition {
  readonly name: string;
  readonly summary: string;
  readonly params: ParamSpecs;
  readonly kind?: string;
  readonly description?: string;
  readonly policies?: readonly string[];
  build(params: ParamValues, policy?: string, options?: { fairness?: Record<string, Fairness> }): Model<unknown, Action>;
}

const modelsDir = new URL('../../models/', import.meta.url);

/** Names of the models shipped in models/. */
export function modelNames(): string[] {
  return readdirSync(modelsDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

function isDefinition(value: unknown): value is Definition {
  const v = value as Partial<Definition> | undefined;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.build === 'function' && typeof v.params === 'object';
}

/** True when a model argument names a file rather than a model in models/. */
export function looksLikePath(name: string): boolean {
  return name.includes('/') || name.includes('\\') || /\.[cm]?[jt]s$/.test(name);
}

/** The module of a model given by its name in models/ or by a path to a file of the user's own. */
export function modelUrl(name: string, cwd: string): URL {
  if (looksLikePath(name)) return pathToFileURL(isAbsolute(name) ? name : resolve(cwd, name));
  const known = modelNames();
  if (!known.includes(name)) throw new UsageError(`unknown model '${name}'; known: ${known.join(', ')} (or a path to a model file)`);
  return new URL(`${name}.ts`, modelsDir);
}

/** Loads a model by its name in models/ or by a path to a file of the user's own. */
export async function loadDefinition(name: string, cwd: string): Promise<Definition> {
  const url = modelUrl(name, cwd);
  let mod: { default?: unknown };
  try {
    mod = (await import(url.href)) as { default?: unknown };
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new UsageError(`cannot load model '${name}': ${why}`);
  }
  if (!isDefinition(mod.default)) {
    throw new UsageError(`'${name}' does not export a model: its default export must be a scenario({...}) or a model definition`);
  }
  return mod.default;
}
