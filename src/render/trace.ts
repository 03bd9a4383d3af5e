/**
 * The counterexample trace: a self-contained, versioned record of one failing path of an
 * allocation model (format in docs/trace-format.md, JSON Schema in docs/trace.schema.json).
 * It holds everything a diagram or story needs, so rendering never rebuilds the model; the
 * replay token `choices` lets `replayTrace` confirm it against the model.
 */
import type { AllocModel } from '../alloc/compile.js';
import type { StateView } from '../alloc/describe.js';
import type { Fairness } from '../core/model.js';
import type { ParamSpecs, ParamValues } from '../core/params.js';
import type { Path, PropertyResult } from '../core/result.js';
import type { AllocAction } from '../alloc/exec.js';
import type { AllocState } from '../alloc/state.js';

export const TRACE_FORMAT = 'allocheck-trace';
export const TRACE_VERSION = 2;
/** Versions this allocheck reads: version 1 lacks `fairness` and is otherwise the same. */
export const TRACE_VERSIONS_READ: readonly number[] = [1, 2];

/** One transition: who moved, what they did, in which allocation context, and the state after it. */
export interface TraceStep {
  readonly actor: string;
  readonly action: string;
  /** The allocation context, spelled as the kernel does; absent when the step allocated nothing. */
  readonly context?: string;
  readonly text: string;
  readonly state: StateView;
}

export interface TraceAssumption {
  readonly name: string;
  readonly value: number | string;
  readonly doc: string;
}

export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  /** `TRACE_VERSION` when written; a version 1 file read back keeps its 1. */
  readonly version: number;
  /** The run that wrote the file (`check --out`): result.json beside it names the same run. */
  readonly runId?: string;
  readonly model: string;
  /** Where the model file is, relative to the trace file, when it is not one shipped in models/. */
  readonly source?: string;
  readonly policy: string;
  /** The user's own policy files the policy names, each as `policy` names it, with its file and its text's hash. */
  readonly policyFiles?: readonly PolicyFileRecord[];
  readonly kernel: string;
  readonly params: ParamValues;
  /** The assumption parameters the verdict depends on, with their meaning. */
  readonly assumptions: readonly TraceAssumption[];
  readonly property: { readonly name: string; readonly kind: string; readonly failure?: string; readonly description?: string };
  /**
   * For a `leads-to` property: the fairness in force for each actor ('weak', 'strong' or
   * 'none'; overrides included), which a lasso is judged under on replay.
   */
  readonly fairness?: Readonly<Record<string, Fairness>>;
  readonly pages: number;
  readonly actors: readonly { readonly name: string; readonly kind: string }[];
  /** The replay token: `choices[0]` the initial state, then one successor index per step. */
  readonly choices: readonly number[];
  /** For a lasso: steps `loopStart + 1` .. the last (1-based) repeat forever. */
  readonly loopStart?: number;
  readonly initial: StateView;
  readonly steps: readonly TraceStep[];
}

/**
 * A policy file of the user's own that a trace was recorded under: replay loads it only when
 * given with `--policy`, and only while its text hashes the same.
 *
 * @example { name: 'my-policy', source: '../my-policy.ts', sha256: '9f86d0...' }
 */
export interface PolicyFileRecord {
  /** The policy's name, as the trace's `policy` spells it. */
  readonly name: string;
  /** The file, relative to the trace file. */
  readonly source: string;
  /** sha256 of the file's text, hex. */
  readonly sha256: string;
}

export interface TraceOptions {
  /** The model's parameter declarations, for the assumptions' meaning. */
  readonly specs?: ParamSpecs;
  readonly source?: string;
  readonly policyFiles?: readonly PolicyFileRecord[];
}

/** A step of a path as the trace records it (a plain copy, so JSON and equality see only data). */
export function traceStep(model: AllocModel, action: AllocAction, state: AllocState): TraceStep {
  const base = { actor: action.actor, action: action.name, text: action.text, state: model.describe(state) };
  return action.context === undefined ? base : { ...base, context: action.context };
}

function assumptionsOf(model: AllocModel, specs: ParamSpecs | undefined): TraceAssumption[] {
  return Object.entries(model.assumptions).map(([name, value]) => ({ name, value, doc: specs?.[name]?.doc ?? '' }));
}

/** Each actor's fairness as the model applies it (its declaration, or the override it was built with). */
function fairnessInForce(model: AllocModel, actors: readonly { readonly name: string }[]): Record<string, Fairness> {
  return Object.fromEntries(actors.map((a) => [a.name, model.fairness?.(a.name) ?? 'none']));
}

/**
 * The trace of a property's counterexample.
 *
 * @example
 * const model = dm.build({}, 'mempool-only');
 * const result = check(model, { properties: ['no-deadlock'] });
 * const trace = traceOf(model, result.properties[0]!, { specs: dm.params });
 * trace.steps.length; // 12
 */
export function traceOf(model: AllocModel, result: PropertyResult<AllocState, AllocAction>, options: TraceOptions = {}): Trace {
  const path = result.counterexample;
  if (!path) throw new Error(`property '${result.name}' has no counterexample to trace`);
  return traceOfPath(model, path, { name: result.name, kind: result.kind, ...(result.failure ? { failure: result.failure } : {}) }, options);
}

/** The trace of any path of the model (a hand-made lasso, a witness). */
export function traceOfPath(model: AllocModel, path: Path<AllocState, AllocAction>, property: Trace['property'], options: TraceOptions = {}): Trace {
  const description = model.properties.find((p) => p.name === property.name)?.description;
  const initial = model.describe(path.states[0]!);
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    model: model.name,
    ...(options.source === undefined ? {} : { source: options.source }),
    policy: model.policy,
    ...(options.policyFiles?.length ? { policyFiles: options.policyFiles } : {}),
    kernel: model.world.kernel,
    params: { ...model.params },
    assumptions: assumptionsOf(model, options.specs),
    property: description === undefined || property.description !== undefined ? property : { ...property, description },
    ...(property.kind === 'leads-to' ? { fairness: fairnessInForce(model, initial.actors) } : {}),
    pages: model.world.pages,
    actors: initial.actors.map((a) => ({ name: a.name, kind: a.kind })),
    choices: [...path.choices],
    ...(path.loopStart === undefined ? {} : { loopStart: path.loopStart }),
    initial,
    steps: path.actions.map((a, i) => traceStep(model, a, path.states[i + 1]!)),
  };
}

/** The state before step `i` (0-based), or the initial state. */
export function stateBefore(trace: Trace, i: number): StateView {
  return i === 0 ? trace.initial : trace.steps[i - 1]!.state;
}
