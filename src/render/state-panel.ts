/**
 * One state of an allocation model as an HTML page shows it: the gauge against the watermarks,
 * each actor's status (from describeState) with its context, flags and held pages (from
 * inspectState), the queues, pools and memory cgroups' charges, the wait-for edges with the cycle marked, and, where
 * nothing can move, the story's closing sentence. Plain data, so it crosses HTTP as JSON and
 * sits inside a trace's HTML file the same way.
 */
import type { AllocModel } from '../alloc/compile.js';
import type { StateView } from '../alloc/describe.js';
import type { AllocAction } from '../alloc/exec.js';
import { inspectState, type StateDetail } from '../alloc/inspect.js';
import type { AllocState } from '../alloc/state.js';
import { successorList } from '../core/path.js';
import { freeWords, gaugeCells, type GaugeCell } from './gauge.js';
import { stuckLines } from './story.js';
import { cycleEdges } from './waits.js';

export interface PanelActor {
  readonly name: string;
  readonly kind: string;
  readonly status: string;
  readonly context: string;
  readonly flags: readonly string[];
  readonly held: number;
  readonly serving?: string;
  /** Waits on someone in this state (its card is drawn as waiting). */
  readonly waiting: boolean;
}

export interface StatePanel {
  readonly free: number;
  /** Free pages on the ladder in words: '2 free, at M'. */
  readonly freeWords: string;
  readonly watermarks: StateView['watermarks'];
  readonly gauge: readonly GaugeCell[];
  /** Pages by owner, those holding none left out. */
  readonly owners: readonly { readonly owner: string; readonly pages: number }[];
  readonly actors: readonly PanelActor[];
  readonly queues: StateDetail['queues'];
  readonly pools: StateDetail['pools'];
  /** Memory cgroups: pages charged against the limit (at the limit, a member's charge reclaims in the group). */
  readonly groups: StateDetail['groups'];
  readonly waitsFor: readonly { readonly from: string; readonly to: string; readonly why: string; readonly onCycle: boolean }[];
  /** Set when no action is enabled: at rest, or stuck (deadlock, OOM) with the reason in words. */
  readonly end?: { readonly kind: string; readonly lines: readonly string[] };
}

/** An enabled action: its successor index (the replay token's next choice) and what it does. */
export interface Move {
  readonly index: number;
  readonly actor: string;
  readonly action: string;
  readonly context?: string;
  readonly text: string;
}

function endOf(model: AllocModel, state: AllocState, view: StateView): StatePanel['end'] {
  if (model.isRest(state)) return { kind: 'rest', lines: ['Every actor is at rest: nothing is left to do.'] };
  const deadlock = model.properties.find((p) => p.kind === 'deadlock-free');
  const kind = deadlock?.kind === 'deadlock-free' ? deadlock.classify?.(state) ?? 'deadlock' : 'deadlock';
  return { kind, lines: stuckLines(view) };
}

/**
 * The panel of `state`; `moves` says whether any action is enabled (the caller has them).
 *
 * @example
 * statePanel(model, model.initialStates()[0]!, true).freeWords // '7 free'
 */
export function statePanel(model: AllocModel, state: AllocState, moves: boolean): StatePanel {
  const view = model.describe(state);
  const detail = inspectState(model.world, state);
  const cycle = cycleEdges(view.waitsFor);
  const waiting = new Set(view.waitsFor.map((e) => e.from));
  const panel: StatePanel = {
    free: view.free,
    freeWords: freeWords(view),
    watermarks: view.watermarks,
    gauge: gaugeCells(model.world.pages, view),
    owners: Object.entries(view.owners).filter(([, n]) => n > 0).map(([owner, pages]) => ({ owner, pages })),
    actors: view.actors.map((a, i) => ({ ...detail.actors[i]!, status: a.status, waiting: waiting.has(a.name) })),
    queues: detail.queues,
    pools: detail.pools,
    groups: detail.groups,
    waitsFor: view.waitsFor.map((e) => ({ ...e, onCycle: cycle.includes(e) })),
  };
  return moves ? panel : { ...panel, end: endOf(model, state, view) };
}

/** The enabled actions of `state` in successor order, and their next states. */
export function movesOf(model: AllocModel, state: AllocState): { moves: Move[]; next: AllocState[] } {
  const steps = successorList(model, state);
  const moves = steps.map(({ action: a }: { action: AllocAction }, index) => ({
    index, actor: a.actor, action: a.name, ...(a.context === undefined ? {} : { context: a.context }), text: a.text,
  }));
  return { moves, next: steps.map((s) => s.next) };
}
