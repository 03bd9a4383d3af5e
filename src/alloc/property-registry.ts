/**
 * The properties every allocation model is checked against. The language does not know them:
 * properties/ registers its list when it is imported (as 'allocheck' and the shipped models'
 * src/language.ts do), and `compile` reads the list when it builds a model.
 *
 * The list belongs to this copy of the language: a copy of the package loaded beside another
 * (the built one beside the sources) checks its models against its own copy of the properties,
 * never against functions compiled from other sources.
 */
import { CheckError } from '../core/errors.js';
import type { Property } from '../core/model.js';
import type { AllocState } from './state.js';

const registered: Property<AllocState>[] = [];

/**
 * Adds properties to the list, in order, by name. A property registered again (the same
 * definition loaded twice) is kept once; another property under a registered name is refused.
 *
 * @example
 * registerProperties([noDeadlock, reserveIntegrity]);
 * registerProperties([noDeadlock]); // no change
 */
export function registerProperties(list: readonly Property<AllocState>[]): void {
  // Checked whole before any is added: a refused list leaves the registry as it was.
  const next = [...registered];
  for (const p of list) {
    const known = next.find((q) => q.name === p.name);
    if (known === undefined) next.push(p);
    else if (!sameDefinition(known, p)) throw new CheckError('bad-model', `two different properties are named '${p.name}'; rename one of them`);
  }
  registered.splice(0, registered.length, ...next);
}

/**
 * The registered properties, in registration order; refuses when there are none, since a model
 * checked against nothing would hold vacuously.
 *
 * @example
 * registeredProperties().map((p) => p.name); // ['no-deadlock', 'reserve-integrity', ...]
 */
export function registeredProperties(): readonly Property<AllocState>[] {
  if (registered.length === 0) {
    throw new CheckError('bad-model', "no properties are registered for allocation models: build models from 'allocheck' (or import properties/index.js first)");
  }
  return [...registered];
}

/** Two objects define the same property when their fields agree and their functions' code does. */
function sameDefinition(a: Property<AllocState>, b: Property<AllocState>): boolean {
  if (a === b) return true;
  const fields = (p: object): [string, unknown][] => Object.entries(p).sort(([x], [y]) => (x < y ? -1 : 1));
  const code = (v: unknown): unknown => (typeof v === 'function' ? String(v) : v);
  const [x, y] = [fields(a), fields(b)];
  return x.length === y.length && x.every(([k, v], i) => y[i]![0] === k && code(y[i]![1]) === code(v));
}
