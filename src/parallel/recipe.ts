/** Builds a model from a {@link ModelRecipe} in a worker thread. */
import { CheckError } from '../core/errors.js';
import type { Action, Model } from '../core/model.js';
import type { ModelRecipe } from './protocol.js';

interface Buildable {
  build(params: unknown, ...args: unknown[]): Model<unknown, Action>;
}

function isBuildable(value: unknown): value is Buildable {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Buildable>).build === 'function';
}

/**
 * Builds the default export of the recipe's module (imported by the caller) with the recipe's
 * arguments; `policies` are the default exports of the recipe's policy modules, in order.
 */
export function buildRecipe(module: { readonly default?: unknown }, recipe: ModelRecipe, policies: readonly unknown[] = []): Model<unknown, Action> {
  if (!isBuildable(module.default)) throw new CheckError('bad-option', `${recipe.module} has no default export with a build() function`);
  const args = recipe.args ?? [];
  if (policies.length === 0) return module.default.build(recipe.params, ...args);
  const options = (args[1] ?? {}) as object;
  return module.default.build(recipe.params, args[0], { ...options, policies });
}
