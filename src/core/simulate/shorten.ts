/**
 * Making a found path short before it is reported: first the cycles the walk made are cut out
 * (a state seen twice means the steps between can go: the same state has the same successors in
 * the same order, so the rest of the token still replays), then a breadth-first search bounded
 * by the cut path's length and a state budget looks for a shorter one. Whatever it returns is a
 * replay token of a real path; the caller replays and confirms it.
 */
import { check } from '../check.js';
import type { Action, Model } from '../model.js';
import { replay } from '../path.js';

function key(bytes: Uint8Array): string {
  let k = '';
  for (const b of bytes) k += String.fromCharCode(b);
  return k;
}

/** The token with every revisit's cycle removed. */
export function cutCycles<S, A extends Action>(model: Model<S, A>, choices: readonly number[]): number[] {
  const path = replay(model, choices);
  const kept: number[] = [choices[0]!];
  const keys: string[] = [key(model.encode(path.states[0]!))];
  const at = new Map([[keys[0]!, 0]]);
  for (let i = 1; i < choices.length; i++) {
    const k = key(model.encode(path.states[i]!));
    const earlier = at.get(k);
    if (earlier === undefined) {
      kept.push(choices[i]!);
      keys.push(k);
      at.set(k, keys.length - 1);
      continue;
    }
    for (const dropped of keys.splice(earlier + 1)) at.delete(dropped);
    kept.length = earlier + 1;
  }
  return kept;
}

/** Bounds on the breadth-first search that tries to shorten a path. */
export interface ShortenBudget {
  readonly maxStates: number;
  readonly memoryLimitBytes: number;
  readonly timeLimitSeconds: number;
  readonly signal?: AbortSignal;
}

/**
 * A shortest path violating `property` no longer than `choices`, when a bounded breadth-first
 * search finds one within the budget; else `choices` itself.
 */
export function shortestWithin<S, A extends Action>(model: Model<S, A>, property: string, choices: readonly number[], budget: ShortenBudget): readonly number[] {
  const { signal, ...limits } = budget;
  const r = check(model, { properties: [property], maxDepth: choices.length - 1, ...limits, ...(signal ? { signal } : {}) });
  const p = r.properties[0];
  const path = p?.counterexample ?? p?.witness;
  return path !== undefined && path.choices.length <= choices.length ? path.choices : choices;
}
