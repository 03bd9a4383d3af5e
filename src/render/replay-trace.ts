/**
 * Confirms a saved trace against the model: re-executes its replay token and compares every
 * recorded step (actor, action, context, text, state) with what the model does now, then checks
 * that the path still violates the recorded property; a lasso is judged as the liveness checker
 * judges one before reporting it, fairness included. A hand-edited or stale trace is named by
 * its first step that does not follow.
 */
import type { AllocModel } from '../alloc/compile.js';
import type { AllocAction } from '../alloc/exec.js';
import type { AllocState } from '../alloc/state.js';
import { CheckError } from '../core/errors.js';
import { fairnessOf } from '../core/fairness.js';
import { replay } from '../core/path.js';
import type { Path } from '../core/result.js';
import { whyNotViolated } from '../core/violation.js';
import { traceStep, type Trace } from './trace.js';

/**
 * The outcome: confirmed, or the first step (0 = the header or initial state) that does not
 * follow; `judged` when every step follows but the path does not violate the property (for a
 * lasso: it does not close, its obligation is met, or it is unfair).
 */
export type ReplayVerdict =
  | { readonly ok: true; readonly steps: number }
  | { readonly ok: false; readonly step: number; readonly why: string; readonly judged?: true };

/** The first place two JSON-like values differ, as `where: recorded X, replayed Y`. */
export function firstDifference(recorded: unknown, replayed: unknown, where: string): string | undefined {
  if (typeof recorded === 'object' && recorded !== null && typeof replayed === 'object' && replayed !== null) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(replayed)])];
    for (const k of keys) {
      const sub = Array.isArray(recorded) ? `${where}[${k}]` : `${where}.${k}`;
      const d = firstDifference((recorded as Record<string, unknown>)[k], (replayed as Record<string, unknown>)[k], sub);
      if (d) return d;
    }
    return undefined;
  }
  return recorded === replayed ? undefined : `${where}: recorded ${JSON.stringify(recorded) ?? 'nothing'}, replayed ${JSON.stringify(replayed) ?? 'nothing'}`;
}

function header(model: AllocModel, trace: Trace): string | undefined {
  const now = {
    model: model.name, policy: model.policy, kernel: model.world.kernel, pages: model.world.pages,
    assumptions: Object.fromEntries(Object.entries(model.assumptions)),
  };
  const was = {
    model: trace.model, policy: trace.policy, kernel: trace.kernel, pages: trace.pages,
    assumptions: Object.fromEntries(trace.assumptions.map((a) => [a.name, a.value])),
  };
  if (!model.properties.some((p) => p.name === trace.property.name)) return `the model has no property '${trace.property.name}'`;
  return firstDifference(was, now, 'trace');
}

/** Replays as far as the choices exist; the step where one does not, with why. */
function replayPrefix(model: AllocModel, trace: Trace): { path?: Path<AllocState, AllocAction>; broken?: { step: number; why: string } } {
  try {
    return { path: replay(model, trace.choices, trace.loopStart) };
  } catch (e) {
    if (!(e instanceof CheckError) || e.code !== 'replay-failed') throw e;
    const m = /^step (\d+): (.*)$/.exec(e.message);
    if (!m) return { broken: { step: 0, why: e.message } };
    const step = Number(m[1]);
    return { path: replay(model, trace.choices.slice(0, step)), broken: { step, why: `the model cannot take it: ${m[2]}` } };
  }
}

/**
 * Replays `trace` against `model` (built with the trace's params and policy).
 *
 * @example
 * replayTrace(dm.build(trace.params, trace.policy), trace) // { ok: true, steps: 12 }
 */
export function replayTrace(model: AllocModel, trace: Trace): ReplayVerdict {
  const head = header(model, trace);
  if (head) return { ok: false, step: 0, why: head };
  const { path, broken } = replayPrefix(model, trace);
  if (!path) return { ok: false, step: 0, why: broken!.why };
  const init = firstDifference(trace.initial, model.describe(path.states[0]!), 'initial state');
  if (init) return { ok: false, step: 0, why: init };
  for (let i = 0; i < path.actions.length; i++) {
    const now = traceStep(model, path.actions[i]!, path.states[i + 1]!);
    const d = firstDifference(trace.steps[i], now, '')?.slice(1);
    if (d) return { ok: false, step: i + 1, why: d };
  }
  if (broken) return { ok: false, step: broken.step, why: broken.why };
  const prop = model.properties.find((p) => p.name === trace.property.name)!;
  // The model was built with the trace's fairness (modelOfTrace), so its declaration is the fairness in force.
  const notViolated = whyNotViolated(model, prop, path, fairnessOf(model, undefined));
  if (notViolated) return { ok: false, step: trace.steps.length, why: `the path no longer violates ${prop.name}: ${notViolated}`, judged: true };
  const failure = prop.kind === 'deadlock-free' ? prop.classify?.(path.states.at(-1)!) ?? 'deadlock' : undefined;
  if (failure !== undefined && trace.property.failure !== undefined && failure !== trace.property.failure) {
    return { ok: false, step: trace.steps.length, why: `the end is now classified as ${failure}, recorded ${trace.property.failure}` };
  }
  return { ok: true, steps: trace.steps.length };
}
