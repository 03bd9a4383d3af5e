// Random symmetric models: leads-to and recoverable decided on the quotient (the permuted
// actors' fairness decided on its unwound cores, src/core/quotient-unfold.ts) give the full
// graph's verdicts under every fairness kind, never fall back to the full graph, and their
// counterexamples replay.
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { check } from '../../src/core/check.js';
import type { Action, Fairness, Model } from '../../src/core/model.js';
import { replay } from '../../src/core/path.js';

/** A process's step: from local state `from` (when the shared value is `when`, if set) to `to`, setting the shared value to `set`. */
interface Rule {
  readonly from: number;
  readonly when: number | undefined;
  readonly to: number;
  readonly set: number | undefined;
  readonly group: 'a' | 'b';
}

interface Spec {
  readonly procs: number;
  /** Every process starts in this local state. */
  readonly init: number;
  readonly rules: readonly Rule[];
  /** The environment (a fixed actor) moves the shared value from [0] to [1]. */
  readonly env: readonly (readonly [number, number])[];
  /** A device serving the processes (`irq [p<i>]`): moves a process from local [0] to [1]. */
  readonly irq: readonly [number, number] | undefined;
  readonly fairness: { readonly proc: Fairness; readonly env: Fairness; readonly irq: Fairness };
  readonly p: readonly number[];
  readonly q: readonly number[];
  /** q also holds when at least `qCount` processes are in local state `qLocal`. */
  readonly qLocal: number;
  readonly qCount: number;
}

const LOCALS = 3;
const SHARED = 3;

const kind = fc.constantFrom<Fairness>('weak', 'strong', 'none');
const spec: fc.Arbitrary<Spec> = fc.record({
  procs: fc.integer({ min: 2, max: 3 }),
  init: fc.nat(LOCALS - 1),
  rules: fc.array(
    fc.record({
      from: fc.nat(LOCALS - 1),
      when: fc.option(fc.nat(SHARED - 1), { nil: undefined }),
      to: fc.nat(LOCALS - 1),
      set: fc.option(fc.nat(SHARED - 1), { nil: undefined }),
      group: fc.constantFrom<'a' | 'b'>('a', 'b'),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  env: fc.array(fc.tuple(fc.nat(SHARED - 1), fc.nat(SHARED - 1)), { maxLength: 2 }),
  irq: fc.option(fc.tuple(fc.nat(LOCALS - 1), fc.nat(LOCALS - 1)), { nil: undefined }),
  fairness: fc.record({ proc: kind, env: kind, irq: kind }),
  p: fc.subarray([0, 1, 2]),
  q: fc.subarray([0, 1, 2]),
  qLocal: fc.nat(LOCALS - 1),
  qCount: fc.integer({ min: 1, max: 3 }),
});

/** State: [shared, local of p0, local of p1, ...]; the processes are interchangeable. */
function symmetricModel(s: Spec): Model<Uint8Array> {
  const procs = Array.from({ length: s.procs }, (_, i) => `p${i}`);
  const at = (state: Uint8Array, i: number, local: number, shared?: number): Uint8Array => {
    const next = state.slice();
    next[1 + i] = local;
    if (shared !== undefined) next[0] = shared;
    return next;
  };
  const done = (state: Uint8Array): number => state.subarray(1).filter((l) => l === s.qLocal).length;
  const scratch = new Uint8Array(1 + s.procs);
  return {
    name: 'random-symmetric',
    initialStates: () => [Uint8Array.of(0, ...procs.map(() => s.init))],
    successors(state, emit) {
      procs.forEach((actor, i) => {
        for (const [k, r] of s.rules.entries()) {
          if (state[1 + i] === r.from && (r.when === undefined || state[0] === r.when)) emit({ actor, name: `r${k}`, fairnessGroup: r.group }, at(state, i, r.to, r.set));
        }
      });
      for (const [from, to] of s.env) if (state[0] === from) emit({ actor: 'env', name: `${from}->${to}` }, Uint8Array.of(to, ...state.subarray(1)));
      if (s.irq) procs.forEach((p, i) => state[1 + i] === s.irq![0] && emit({ actor: 'irq', name: 'complete', fairnessGroup: p }, at(state, i, s.irq![1])));
    },
    encode: (state) => state,
    decode: (bytes) => bytes.slice(),
    isRest: () => false,
    properties: [
      { kind: 'leads-to', name: 'progress', p: (state) => s.p.includes(state[0]!), q: (state) => s.q.includes(state[0]!) || done(state) >= s.qCount },
      { kind: 'recoverable', name: 'recover', q: (state) => s.q.includes(state[0]!) },
    ],
    fairness: (actor) => (actor === 'env' ? s.fairness.env : actor === 'irq' ? s.fairness.irq : s.fairness.proc),
    actors: [...procs, 'env', 'irq'],
    symmetry: [procs],
    canonical(state) {
      scratch[0] = state[0]!;
      scratch.set([...state.subarray(1)].sort((x, y) => x - y), 1);
      return scratch;
    },
  };
}

test.prop([spec], { numRuns: 800 })('random symmetric models: the full graph\'s verdicts, decided on the quotient', (s) => {
  const model = symmetricModel(s);
  const reduced = check(model);
  const full = check(model, { symmetry: false });
  expect(reduced.properties.map((p) => p.status)).toEqual(full.properties.map((p) => p.status));
  expect(reduced.stats.symmetry?.fullGraph).toEqual([]);
  for (const p of reduced.properties) {
    const c = p.counterexample;
    if (c) expect(replay(model, c.choices, c.loopStart).states.map((x) => x.join())).toEqual(c.states.map((x) => x.join()));
  }
});
