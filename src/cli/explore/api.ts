/**
 * What the explorer's page asks the server, answered from the built model alone: the server
 * keeps no state, so every answer is recomputed from the request's path (the replay token),
 * and every request is checked first. A malformed or impossible path is a RequestError (400)
 * whose message names the first bad step.
 */
import type { AllocModel } from '../../alloc/compile.js';
import type { AllocState } from '../../alloc/state.js';
import { CheckError } from '../../core/errors.js';
import { replay } from '../../core/path.js';
import type { ParamSpecs } from '../../core/params.js';
import { ZONES } from '../../render/gauge.js';
import { replayTrace, firstDifference } from '../../render/replay-trace.js';
import { movesOf, statePanel, type Move, type StatePanel } from '../../render/state-panel.js';
import { parseTrace } from '../../render/trace-json.js';

/** A request the server refuses: the status and one line saying why. */
export class RequestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Longest path a request may carry: far beyond any shortest counterexample at checkable sizes. */
export const MAX_PATH = 2_000;

/**
 * A path as the URL spells it, '0.3.1': the initial state's index, then successor indices.
 *
 * @example parsePath('0.3.1') // [0, 3, 1]
 */
export function parsePath(text: string | null): number[] {
  if (text === null || text === '') return [0];
  if (!/^\d{1,6}(\.\d{1,6})*$/.test(text)) throw new RequestError(400, `bad path '${text.slice(0, 40)}': give successor indices joined by dots, e.g. 0.3.1`);
  const path = text.split('.').map(Number);
  if (path.length > MAX_PATH + 1) throw new RequestError(400, `path too long: ${path.length - 1} steps (at most ${MAX_PATH})`);
  return path;
}

function replayed(model: AllocModel, path: readonly number[]) {
  try {
    return replay(model, path);
  } catch (e) {
    if (e instanceof CheckError && e.code === 'replay-failed') throw new RequestError(400, `path does not follow: ${e.message}`);
    throw e;
  }
}

/** A step of the timeline: what happened, and free pages after it. */
export interface TimelineStep {
  readonly actor: string;
  readonly action: string;
  readonly context?: string;
  readonly text: string;
  readonly free: number;
}

export interface StateAnswer {
  readonly path: readonly number[];
  /** The position shown: how many steps of `path` are taken. */
  readonly at: number;
  /** Free pages in the initial state (the timeline's first row). */
  readonly initialFree: number;
  readonly steps: readonly TimelineStep[];
  readonly panel: StatePanel;
  readonly moves: readonly Move[];
}

/** `at` from the URL: a step count within the path; absent means its end. */
export function parseAt(text: string | null, steps: number): number {
  if (text === null || text === '') return steps;
  const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(n <= steps)) throw new RequestError(400, `bad step '${text.slice(0, 20)}': the path has steps 0 to ${steps}`);
  return n;
}

/** The state `at` steps along `path`, the whole path's timeline, and the moves enabled there. */
export function stateAt(model: AllocModel, pathText: string | null, atText: string | null): StateAnswer {
  const path = parsePath(pathText);
  const p = replayed(model, path);
  const at = parseAt(atText, p.actions.length);
  const state: AllocState = p.states[at]!;
  const { moves } = movesOf(model, state);
  const steps = p.actions.map((a, i) => ({
    actor: a.actor, action: a.name, ...(a.context === undefined ? {} : { context: a.context }), text: a.text, free: p.states[i + 1]!.free,
  }));
  return { path, at, initialFree: p.states[0]!.free, steps, panel: statePanel(model, state, moves.length > 0), moves };
}

/** What the page needs once: the model's name, ladder, actors and properties. */
export function modelInfo(model: AllocModel, specs: ParamSpecs) {
  const init = model.describe(model.initialStates()[0]!);
  return {
    name: model.name, policy: model.policy, kernel: model.world.kernel, params: model.params, pages: model.world.pages,
    watermarks: init.watermarks, zones: ZONES,
    assumptions: Object.entries(model.assumptions).map(([name, value]) => ({ name, value, doc: specs[name]?.doc ?? '' })),
    actors: init.actors.map((a) => ({ name: a.name, kind: a.kind })),
    properties: model.properties.map((p) => ({ name: p.name, kind: p.kind, ...(p.description ? { description: p.description } : {}) })),
  };
}

/**
 * A trace.json's path, once it is confirmed against this model: a trace of another model,
 * policy or parameter setting, or one that no longer replays, is refused with the reason.
 */
export function pathOfTrace(model: AllocModel, text: string): { path: number[]; loopStart?: number; property: string } {
  let trace;
  try {
    trace = parseTrace(text);
  } catch (e) {
    throw new RequestError(400, e instanceof Error ? e.message : String(e));
  }
  const differs = firstDifference({ model: trace.model, policy: trace.policy, params: trace.params }, { model: model.name, policy: model.policy, params: model.params }, 'trace');
  if (differs) throw new RequestError(400, `the trace is not of the model explored here (${differs})`);
  const verdict = replayTrace(model, trace);
  if (!verdict.ok) throw new RequestError(400, `the trace does not replay: step ${verdict.step}: ${verdict.why}`);
  return { path: [...trace.choices], ...(trace.loopStart === undefined ? {} : { loopStart: trace.loopStart }), property: trace.property.name };
}
