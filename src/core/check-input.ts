/**
 * What a check refuses before it searches, so that no verdict is ever about nothing: an option
 * name the engine does not know (a typo would otherwise be ignored), an empty selection of
 * properties, a model with no property, and a model with no initial state (every invariant
 * "holds" over zero states). Each is a one-line {@link CheckError}.
 */
import type { CheckOptions } from './check.js';
import { CheckError, guardModel } from './errors.js';
import type { Action, Model } from './model.js';

/** The option names {@link CheckOptions} declares, so a typo is caught. */
export const CHECK_OPTION_NAMES = [
  'properties', 'maxStates', 'maxDepth', 'timeLimitSeconds', 'signal', 'onProgress', 'progressIntervalMs',
  'tableCapacity', 'symmetry', 'memoryLimitBytes', 'fairness', 'por', 'firstViolationOnly',
] as const satisfies readonly (keyof CheckOptions)[];

/**
 * `true` only while every option of CheckOptions is listed above: an option added there and not
 * here would be refused as unknown, so the build fails instead.
 */
export const ALL_OPTIONS_LISTED: [Exclude<keyof CheckOptions, (typeof CHECK_OPTION_NAMES)[number]>] extends [never] ? true : never = true;

/**
 * Rejects a key of `options` that is not in `known`, naming the valid ones.
 *
 * @example checkOptionNames({ maxStats: 5 }, CHECK_OPTION_NAMES, 'check') // throws: unknown option 'maxStats' ...
 */
export function checkOptionNames(options: object, known: readonly string[], what: string): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new CheckError('bad-option', `unknown ${what} option '${key}'; known: ${known.join(', ')}`);
  }
}

/**
 * Rejects a selected property the model does not declare.
 *
 * @example checkPropertyNames(model, ['no-deadlocks']) // throws: unknown property 'no-deadlocks'; known: ...
 */
export function checkPropertyNames<S, A extends Action>(model: Model<S, A>, selected: readonly string[] | undefined): void {
  const known = model.properties.map((p) => p.name);
  for (const name of selected ?? []) {
    if (!known.includes(name)) throw new CheckError('unknown-property', `unknown property '${name}'; known: ${known.join(', ') || '(none)'}`);
  }
}

/**
 * Rejects a check that could only hold vacuously: no property selected, none declared, or no
 * initial state to start from.
 */
export function checkSomethingToCheck<S, A extends Action>(model: Model<S, A>, selected: readonly string[] | undefined): void {
  const known = model.properties.map((p) => p.name);
  if (known.length === 0) throw new CheckError('bad-model', `model '${model.name}' declares no property: there is nothing to check`);
  if (selected !== undefined && selected.length === 0) {
    throw new CheckError('bad-option', `no property selected (an empty list); known: ${known.join(', ')}`);
  }
  const inits = guardModel('initialStates', () => model.initialStates());
  if (inits.length === 0) throw new CheckError('bad-model', `model '${model.name}' has no initial state: there is nothing to explore`);
}
