/**
 * One random walk: from a random initial state, a random enabled action at each step, until a
 * dead end, a rest state or the walk's depth bound. The safety properties are tested at every
 * state it visits; what it finds is a replay token, confirmed later by replaying it.
 */
import { fingerprint, fp } from '../hash.js';
import type { Action, Model, SafetyProperty } from '../model.js';
import { below } from './random.js';

/** A safety property the walk found decided, with the path to the state that decides it. */
export interface Sighting {
  /** Index into the walk's property list. */
  readonly property: number;
  readonly failure: string;
  readonly choices: readonly number[];
}

/** What the walks share: the properties still open and the distinct states seen so far. */
export interface WalkContext<S, A extends Action> {
  readonly model: Model<S, A>;
  readonly properties: readonly SafetyProperty<S>[];
  /** Properties already decided: a walk does not look for them again. */
  readonly decided: Set<number>;
  /** Fingerprints (53 bits of them) of the states seen; counting stops at `maxDistinct`. */
  readonly seen: Set<number>;
  readonly maxDistinct: number;
}

/** The first property `state` decides, if any (violated invariant, dead end, reached target). */
function decide<S, A extends Action>(ctx: WalkContext<S, A>, state: S, dead: boolean): { property: number; failure: string } | undefined {
  for (let i = 0; i < ctx.properties.length; i++) {
    if (ctx.decided.has(i)) continue;
    const p = ctx.properties[i]!;
    if (p.kind === 'invariant' && !p.holds(state)) return { property: i, failure: 'invariant' };
    if (p.kind === 'reachable' && p.test(state)) return { property: i, failure: 'reached' };
    if (p.kind === 'deadlock-free' && dead && !ctx.model.isRest(state)) return { property: i, failure: p.classify?.(state) ?? 'deadlock' };
  }
  return undefined;
}

function remember<S, A extends Action>(ctx: WalkContext<S, A>, state: S): void {
  if (ctx.seen.size >= ctx.maxDistinct) return;
  fingerprint(ctx.model.encode(state));
  ctx.seen.add((fp.hi >>> 0) * 2097152 + (fp.lo >>> 11));
}

/**
 * Walks at most `depth` steps with `random`; returns the steps taken and what was sighted. The
 * successor is chosen by reservoir sampling, so only the chosen one is copied.
 */
export function walk<S, A extends Action>(ctx: WalkContext<S, A>, random: () => number, depth: number): { steps: number; sighted?: Sighting } {
  const { model } = ctx;
  const inits = model.initialStates();
  const first = below(random, inits.length);
  let state: S = inits[first] as S;
  const choices = [first];
  for (let step = 0; ; step++) {
    remember(ctx, state);
    let enabled = 0;
    let chosen: S = state;
    let chosenIndex = -1;
    model.successors(state, (_action, next) => {
      enabled++;
      if (below(random, enabled) === 0) {
        chosen = model.decode(model.encode(next).slice());
        chosenIndex = enabled - 1;
      }
    });
    const found = decide(ctx, state, enabled === 0);
    if (found) return { steps: step, sighted: { ...found, choices } };
    if (chosenIndex < 0 || step >= depth) return { steps: step };
    choices.push(chosenIndex);
    state = chosen;
  }
}
