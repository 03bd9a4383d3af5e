/**
 * Which checks run on several threads: a module of its own, since the thread that starts a
 * supervised check asks it too (supervise.ts), before any search, and should not load the
 * parallel search to do so.
 */
import type { CheckOptions } from '../core/check.js';
import { isSafety, type Action, type Model, type Property } from '../core/model.js';

/** The selected properties of `model` (all of them when none is named). */
export function selected<S, A extends Action>(model: Model<S, A>, wanted: readonly string[] | undefined): readonly Property<S>[] {
  return model.properties.filter((p) => wanted === undefined || wanted.includes(p.name));
}

/**
 * The properties a parallel check of `model` searches for on its threads; undefined when it runs
 * on one thread: one worker, partial order reduction (core/por.ts), or a liveness property
 * (which needs the whole graph in one place).
 *
 * @example threadedProperties(model, { workers: 2, properties: ['pages-conserved'] }); // ['pages-conserved']
 */
export function threadedProperties<S, A extends Action>(model: Model<S, A>, options: CheckOptions & { readonly workers: number }): string[] | undefined {
  const all = selected(model, options.properties);
  if (options.workers <= 1 || options.por || all.some((p) => !isSafety(p))) return undefined;
  return all.map((p) => p.name);
}

/**
 * The properties whose threads start with the check rather than after the probe: only when
 * asked for (`workersAtStart`), since a thread costs a small check more than its search.
 *
 * @example startedWithCheck(model, { workers: 2 }); // undefined: the threads wait for the probe
 */
export function startedWithCheck<S, A extends Action>(model: Model<S, A>, options: CheckOptions & { readonly workers: number; readonly workersAtStart?: boolean }): string[] | undefined {
  return options.workersAtStart === true ? threadedProperties(model, options) : undefined;
}
