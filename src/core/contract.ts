/**
 * The shape of a {@link Model}, checked before a search: a caller passing something else (null,
 * a definition instead of a built model, an `encode` returning a string) gets a `bad-model`
 * error that says which part is wrong, instead of a TypeError from deep inside the search or,
 * worse, a search that runs on a broken encoding.
 */
import { CheckError, guardModel } from './errors.js';
import type { Action, Model } from './model.js';

const FUNCTIONS = ['initialStates', 'successors', 'encode', 'decode', 'isRest'] as const;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}

/**
 * Throws a `bad-model` {@link CheckError} unless `model` has the functions and properties of a
 * Model and encodes its first initial state as a Uint8Array.
 *
 * @example
 * assertModel(null); // CheckError: check needs a Model (an object with initialStates, ...), got null
 */
export function assertModel<S, A extends Action>(model: Model<S, A>): void {
  const m = model as unknown;
  const need = `a Model (an object with ${FUNCTIONS.join(', ')} and properties)`;
  if (typeof m !== 'object' || m === null) throw new CheckError('bad-model', `check needs ${need}, got ${describe(m)}`);
  const missing = FUNCTIONS.filter((f) => typeof (m as Record<string, unknown>)[f] !== 'function');
  if (missing.length > 0) {
    const hint = typeof (m as { build?: unknown }).build === 'function' ? ' (this looks like a model definition: pass definition.build(params))' : '';
    throw new CheckError('bad-model', `check needs ${need}; ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not a function${hint}`);
  }
  if (!Array.isArray(model.properties)) throw new CheckError('bad-model', `the model's properties must be an array, got ${describe(model.properties)}`);
  const inits = guardModel('initialStates', () => model.initialStates());
  if (!Array.isArray(inits)) throw new CheckError('bad-model', `initialStates() must return an array of states, got ${describe(inits)}`);
  if (inits.length === 0) return;
  const bytes = guardModel('encode', () => model.encode(inits[0]!)) as unknown;
  if (!(bytes instanceof Uint8Array)) throw new CheckError('bad-model', `encode() must return a Uint8Array (the state's canonical bytes), got ${describe(bytes)} for the first initial state`);
}
