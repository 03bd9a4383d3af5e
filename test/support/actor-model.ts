import fc from 'fast-check';
import type { Action, Model } from '../../src/core/model.js';

/**
 * A step of a random actor. A local step reads its guard from the actor's own variable `l` and
 * writes only `l` and its pc; a shared step reads `g[read]` (and `l`) and writes `g[write]` and `l`.
 */
export interface ActorStep {
  readonly local: boolean;
  /** The value the read variable must have, or undefined for no guard. */
  readonly guard: number | undefined;
  readonly read: 0 | 1;
  readonly write: 0 | 1;
  readonly add: number;
  readonly next: number;
}

/** Each actor's steps by pc: `actors[i][pc]` lists the steps actor i may take at pc. */
export interface ActorSystem {
  readonly actors: readonly (readonly (readonly ActorStep[])[])[];
}

const M = 3;

/** Values stay in 0..2; state bytes are [g0, g1, pc0, l0, pc1, l1, ...]. */
function apply(s: Uint8Array, i: number, step: ActorStep): Uint8Array | undefined {
  const d = s.slice();
  const pc = 2 + 2 * i;
  const l = s[pc + 1]!;
  if (step.local) {
    if (step.guard !== undefined && l !== step.guard) return undefined;
    d[pc + 1] = (l + step.add) % M;
  } else {
    const g = s[step.read]!;
    if (step.guard !== undefined && g !== step.guard) return undefined;
    d[step.write] = (s[step.write]! + step.add + l) % M;
    d[pc + 1] = g;
  }
  d[pc] = step.next;
  return d;
}

/**
 * The model of a system. With `declare`, it names as local the actors whose every step at their
 * pc is local (what por.ts asks); `declare: 'all'` names every actor, a wrong declaration.
 * Properties read only g (so local steps are invisible): an invariant, a reachability test, and
 * deadlock-freedom whose failure kind depends on g0.
 */
export function actorModel(sys: ActorSystem, declare: boolean | 'all' = true): Model<Uint8Array> {
  const n = sys.actors.length;
  const stepsAt = (s: Uint8Array, i: number): readonly ActorStep[] => sys.actors[i]![s[2 + 2 * i]!] ?? [];
  const model: Model<Uint8Array> = {
    name: 'actors',
    initialStates: () => [new Uint8Array(2 + 2 * n)],
    successors(s, emit) {
      for (let i = 0; i < n; i++) {
        stepsAt(s, i).forEach((step, k) => {
          const next = apply(s, i, step);
          if (next) emit({ actor: `a${i}`, name: `${step.local ? 'local' : 'shared'}${k}` } satisfies Action, next);
        });
      }
    },
    encode: (s) => s,
    decode: (b) => b.slice(),
    isRest: (s) => s.every((v, k) => k < 2 || k % 2 === 1 || v === 0),
    properties: [
      { kind: 'deadlock-free', name: 'no-deadlock', classify: (s) => (s[0] === 0 ? 'deadlock' : 'stuck') },
      { kind: 'invariant', name: 'g0-small', holds: (s) => s[0] !== 2 },
      { kind: 'reachable', name: 'g1-two', test: (s) => s[1] === 2 },
    ],
  };
  if (declare === false) return model;
  const names = Array.from({ length: n }, (_, i) => i);
  const localActors = (s: Uint8Array): string[] => names.filter((i) => declare === 'all' || stepsAt(s, i).every((st) => st.local)).map((i) => `a${i}`);
  return { ...model, localActors };
}

/** Random systems of 1 to 3 actors with 1 to 3 pcs, local steps more common than shared ones. */
export function arbitraryActorSystem(): fc.Arbitrary<ActorSystem> {
  const actor = fc.integer({ min: 1, max: 3 }).chain((pcs) => {
    const step: fc.Arbitrary<ActorStep> = fc.record({
      local: fc.nat(2).map((x) => x > 0),
      guard: fc.option(fc.nat(M - 1), { nil: undefined }),
      read: fc.constantFrom(0 as const, 1 as const),
      write: fc.constantFrom(0 as const, 1 as const),
      add: fc.nat(M - 1),
      next: fc.nat(pcs - 1),
    });
    return fc.array(fc.array(step, { maxLength: 2 }), { minLength: pcs, maxLength: pcs });
  });
  return fc.record({ actors: fc.array(actor, { minLength: 1, maxLength: 3 }) });
}
