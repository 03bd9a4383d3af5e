// Liveness on the quotient graph (src/core/quotient.ts): the verdicts are the full graph's, the
// counterexamples concrete and replayable, and the permuted actors' fairness is decided on the
// quotient's unwound cores; only fairness overrides that tell interchangeable actors apart
// still send a property to the full graph, which the stats name.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { counterWithProgress } from '../../models/counter.js';
import { check } from '../../src/core/check.js';
import type { Action, Model } from '../../src/core/model.js';
import { replay } from '../../src/core/path.js';
import { movedUnits } from '../../src/core/quotient.js';
import type { CheckResult } from '../../src/core/result.js';

/** Verdicts, failure kinds and, for lassos, that a loop is there: what must not change. */
function summary(r: CheckResult<unknown, Action>): string[] {
  return r.properties.map((p) => `${p.name}: ${p.status} ${p.failure ?? ''} ${p.counterexample?.loopStart === undefined ? '' : 'lasso'}`);
}

function expectReplays<S>(model: Model<S, Action>, r: CheckResult<S, Action>): void {
  for (const p of r.properties) {
    const c = p.counterexample;
    if (c) expect(replay(model, c.choices, c.loopStart).states.map((s) => model.encode(s).join())).toEqual(c.states.map((s) => model.encode(s).join()));
  }
}

/**
 * Two interchangeable processes while a job is open (t = 1): each may toggle its own bit
 * ('spin') or close the job ('finish'), in separate weakly fair units. Every fair run closes it
 * (each process's finish unit stays enabled), but with the processes' fairness relaxed a
 * spinning cycle violates `t = 1 ~> t = 0`: the quotient's candidate is unfair concretely.
 */
const spinners: Model<Uint8Array> = {
  name: 'spinners',
  initialStates: () => [Uint8Array.of(1, 0, 0)],
  successors(s, emit) {
    if (s[0] !== 1) return;
    for (const i of [0, 1]) {
      const spun = s.slice();
      spun[1 + i] = 1 - spun[1 + i]!;
      emit({ actor: `p${i}`, name: 'spin', fairnessGroup: 'spin' }, spun);
      emit({ actor: `p${i}`, name: 'finish', fairnessGroup: 'finish' }, Uint8Array.of(0, s[1]!, s[2]!));
    }
  },
  encode: (s) => s,
  decode: (b) => b.slice(),
  isRest: (s) => s[0] === 0,
  properties: [{ kind: 'leads-to', name: 'closes', p: (s) => s[0] === 1, q: (s) => s[0] === 0 }],
  fairness: () => 'weak',
  actors: ['p0', 'p1'],
  symmetry: [['p0', 'p1']],
  canonical: (s) => Uint8Array.of(s[0]!, Math.min(s[1]!, s[2]!), Math.max(s[1]!, s[2]!)),
};

describe('liveness on the quotient graph', () => {
  it('names the units a permutation renames: the actors of a group and the groups naming them', () => {
    const moved = movedUnits([['dirtier1', 'dirtier2']]);
    expect(['dirtier1', 'disk-irq [dirtier2]', 'kswapd', 'disk-irq [kswapd]', 'kmirrord [dirtier]'].map(moved)).toEqual([true, true, false, false, false]);
  });

  it('decides on the quotient a property whose relaxed violation is unfair to a permuted actor: it holds', () => {
    // With the processes' fairness ignored the quotient has a violation (the spinning cycle) ...
    const ignored = check(spinners, { fairness: { p0: 'none', p1: 'none' } });
    expect(ignored.properties[0]!.status).toBe('violated');
    // ... which no weakly fair run has: the unwound cores hold no fair cycle.
    const reduced = check(spinners);
    expect(check(spinners, { symmetry: false }).verdict).toBe('holds');
    expect(reduced.verdict).toBe('holds');
    expect(reduced.stats.symmetry).toEqual({ groups: [['p0', 'p1']], reduced: true, fullGraph: [] });
  });

  it('falls back to the full graph when fairness overrides tell the interchangeable actors apart', () => {
    const reduced = check(spinners, { fairness: { p1: 'none' } });
    expect(check(spinners, { fairness: { p1: 'none' }, symmetry: false }).verdict).toBe('holds');
    expect(reduced.verdict).toBe('holds');
    expect(reduced.stats.symmetry?.fullGraph).toEqual(['closes']);
  });

  it('finds a fair violation that exists only through the permuted actor, on the quotient', () => {
    // Each process toggles its own bit, weakly fair, and the obligation never closes. The
    // quotient's shortest cycle unwinds to one process toggling twice (unfair to the other);
    // the fair cycle goes round the quotient twice, each process moving in turn.
    const toggles: Model<Uint8Array> = {
      ...spinners,
      name: 'toggles',
      initialStates: () => [Uint8Array.of(0, 0)],
      successors(s, emit) {
        for (const i of [0, 1]) emit({ actor: `p${i}`, name: 'toggle' }, Uint8Array.from(s, (x, j) => (j === i ? 1 - x : x)));
      },
      isRest: () => false,
      properties: [{ kind: 'leads-to', name: 'never', p: () => true, q: () => false }],
      canonical: (s) => Uint8Array.of(Math.min(s[0]!, s[1]!), Math.max(s[0]!, s[1]!)),
    };
    const r = check(toggles);
    const p = r.properties[0]!;
    expect([p.status, p.failure]).toEqual(['violated', 'livelock']);
    expect(r.stats.symmetry?.fullGraph).toEqual([]);
    const c = p.counterexample!;
    expect(new Set(c.actions.slice(c.loopStart).map((a) => a.actor))).toEqual(new Set(['p0', 'p1']));
    expectReplays(toggles, r);
  });

  it('keeps a violation that is fair concretely, as a replayed lasso, without the full graph', () => {
    const r = check(spinners, { fairness: { p0: 'none', p1: 'none' } });
    const p = r.properties[0]!;
    expect([p.status, p.failure]).toEqual(['violated', 'livelock']);
    expect(p.counterexample?.loopStart).toBeDefined();
    expect(r.stats.symmetry?.fullGraph).toEqual([]);
    expectReplays(spinners, r);
  });

  test.prop([fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom('weak', 'strong', 'none')], { numRuns: 12 })(
    'the counter with interchangeable processes: the full graph\'s verdicts under any fairness',
    (procs, max, kind) => {
      const base = counterWithProgress(procs, max);
      const names = Array.from({ length: procs }, (_, i) => `p${i}`);
      const scratch = new Uint8Array(1 + 2 * procs);
      // p0 is watched by p0-writes, so only the others are interchangeable.
      const model: Model<Uint8Array> = {
        ...base,
        symmetry: [names.slice(1)],
        canonical(s) {
          const pairs = names.slice(1).map((_, i) => [s[3 + 2 * i]!, s[4 + 2 * i]!] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          scratch.set(s.subarray(0, 3));
          pairs.forEach(([pc, t], i) => ((scratch[3 + 2 * i] = pc), (scratch[4 + 2 * i] = t)));
          return scratch;
        },
      };
      const fairness = Object.fromEntries(names.map((n) => [n, kind] as const));
      const reduced = check(model, { fairness });
      const full = check(model, { fairness, symmetry: false });
      expect(summary(reduced)).toEqual(summary(full));
      expectReplays(model, reduced);
    },
  );
});
