/** Builds a model from a {@link ModelRecipe}: in a worker thread, or to check a recipe before use. */
import { CheckError } from '../core/errors.js';
import type { Action, Model } from '../core/model.js';
import type { ModelRecipe } from './protocol.js';

interface Buildable {
  build(params: unknown, ...args: unknown[]): Model<unknown, Action>;
}

function isBuildable(value: unknown): value is Buildable {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Buildable>).build === 'function';
}

/** Imports the recipe's module and builds its default export with the recipe's arguments. */
export async function loadRecipe(recipe: ModelRecipe): Promise<Model<unknown, Action>> {
  const mod = (await import(recipe.module)) as { default?: unknown };
  if (!isBuildable(mod.default)) throw new CheckError('bad-option', `${recipe.module} has no default export with a build() function`);
  return mod.default.build(recipe.params, ...(recipe.args ?? []));
}
