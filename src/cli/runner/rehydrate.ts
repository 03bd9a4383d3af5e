/**
 * A worker's result JSON back into a CheckResult with states: every counterexample is replayed
 * from its choices in this thread (a second confirmation that it is real), so that the shared
 * output writer sees what `check --out` sees.
 */
import type { Action, Model, PropertyKind } from '../../core/model.js';
import { replay } from '../../core/path.js';
import type { CheckResult, IncompleteReason, Path, PropertyResult, PropertyStatus, Verdict } from '../../core/result.js';
import type { PathJson, ResultJson } from '../result-json.js';

function path(model: Model<unknown, Action>, json: PathJson | undefined): Path<unknown, Action> | undefined {
  return json ? replay(model, json.choices, json.loopStart) : undefined;
}

/** Rebuilds the result a worker reported for `model` (built from the same cell). */
export function rehydrate(model: Model<unknown, Action>, json: ResultJson): CheckResult<unknown, Action> {
  const properties = json.properties.map((p): PropertyResult<unknown, Action> => {
    const counterexample = path(model, p.counterexample);
    const witness = path(model, p.witness);
    return {
      name: p.name,
      kind: p.kind as PropertyKind,
      status: p.status as PropertyStatus,
      ...(p.failure ? { failure: p.failure } : {}),
      ...(p.details ? { details: p.details } : {}),
      ...(counterexample ? { counterexample } : {}),
      ...(witness ? { witness } : {}),
    };
  });
  const base = { model: json.model, verdict: json.verdict as Verdict, properties, stats: json.stats };
  return json.incomplete ? { ...base, incomplete: json.incomplete as IncompleteReason } : base;
}
