/**
 * Verdicts memoised by configuration value. A property test revisits the same settings while
 * it shrinks; an immutable map of (policy, properties, parameters) is a value-equal key.
 */
import { List, Map as IMap } from 'immutable';
import type { Action } from '../core/model.js';
import { resolveParams, type ParamValues } from '../core/params.js';
import type { CheckResult } from '../core/result.js';
import { checkCell, type CellLimits } from './cell.js';
import type { Definition } from './definition.js';

type Key = IMap<string, unknown>;
type Result = CheckResult<unknown, Action>;

// One memo per definition object: two models may share a name, never an identity.
const memos = new WeakMap<Definition, IMap<Key, Result>>();

function keyOf(policy: string | undefined, params: ParamValues, limits: CellLimits): Key {
  return IMap<string, unknown>({
    policy: policy ?? null,
    params: IMap(params),
    properties: limits.properties ? List(limits.properties) : null,
    maxStates: limits.maxStates ?? null,
    maxDepth: limits.maxDepth ?? null,
    timeLimitSeconds: limits.timeLimitSeconds ?? null,
    por: limits.por ?? false,
  });
}

/** {@link checkCell}, remembered: the same configuration is checked once. */
export function checkMemo(def: Definition, policy: string | undefined, params: ParamValues, limits: CellLimits = {}): Result {
  const key = keyOf(policy, resolveParams(def.params, params), limits);
  const memo = memos.get(def) ?? IMap<Key, Result>();
  const hit = memo.get(key);
  if (hit) return hit;
  const result = checkCell(def, policy, params, limits);
  memos.set(def, memo.set(key, result));
  return result;
}

/** How many configurations of `def` have been checked through the memo. */
export function memoSize(def: Definition): number {
  return memos.get(def)?.size ?? 0;
}
