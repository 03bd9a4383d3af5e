// writeout-progress and recoverable decided on the symmetry-reduced graph (src/core/quotient.ts)
// give the full graph's verdicts on every seed model under every policy, and on random settings;
// their counterexamples replay.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { params } from '../../src/api/arbitraries.js';
import { models } from '../../src/api/models.js';
import type { Scenario } from '../../src/alloc/index.js';
import { check } from '../../src/core/check.js';
import { replay } from '../../src/core/path.js';

const liveness = ['writeout-progress', 'recoverable'];
const scenarios = Object.entries(models).filter((e): e is [string, Scenario] => 'policies' in e[1] && e[1].kind === 'scenario');

function verdicts(s: Scenario, policy: string, values: Record<string, number | string>) {
  const model = s.build(values, policy);
  const reduced = check(model, { properties: liveness });
  const full = check(model, { properties: liveness, symmetry: false });
  for (const p of reduced.properties) {
    const c = p.counterexample;
    if (c) expect(replay(model, c.choices, c.loopStart).actions.map((a) => a.name)).toEqual(c.actions.map((a) => a.name));
  }
  const summary = (r: typeof full) => r.properties.map((p) => `${p.name}: ${p.status} ${p.failure ?? ''}`);
  return { reduced: summary(reduced), full: summary(full), symmetric: (reduced.stats.symmetry?.groups.length ?? 0) > 0, smaller: reduced.stats.states <= full.stats.states };
}

describe('liveness under symmetry on the seed models', () => {
  it.each(scenarios.flatMap(([name, s]) => s.policies.map((policy) => [name, policy] as const)))('%s under %s: the full graph\'s verdicts', (name, policy) => {
    const v = verdicts(models[name] as Scenario, policy, {});
    expect(v.reduced).toEqual(v.full);
    expect(v.smaller).toBe(true);
  });

  it('reduces the seed setting of the issue: dm-raid1 with 4 dirtiers, 17x fewer states, same verdicts', () => {
    const model = (models['dm-raid1'] as Scenario).build({ pages: 12, queue: 3, background: 'yes', dirtiers: 4, pool: 4, legs: 3 }, 'memalloc-inheritance');
    const reduced = check(model, { properties: liveness });
    expect(reduced.stats.states).toBe(10_893); // 12,338 before a daemon cleared its request's flags on completion
    expect(reduced.stats.symmetry?.fullGraph).toEqual([]);
    expect(reduced.properties.map((p) => [p.status, p.failure])).toEqual([['violated', 'deadlock'], ['violated', 'unrecoverable']]);
  }, 60_000);

  // The matrix sweep's nfs-ack cells with two dirtiers and traffic: the quotient's relaxed
  // violation there is unfair for a permuted dirtier, so they once went to the full graph.
  const nfs = models['nfs-ack'] as Scenario;
  it.each(nfs.policies.flatMap((policy) => [6, 7, 8, 9].flatMap((pages) => [1, 2].map((traffic) => [policy, pages, traffic] as const))))(
    'nfs-ack under %s, pages=%i, two dirtiers, traffic=%i: the full graph\'s verdicts without the full graph',
    (policy, pages, traffic) => {
      const model = nfs.build({ pages, dirtiers: 2, traffic }, policy);
      const reduced = check(model, { properties: liveness });
      const full = check(model, { properties: liveness, symmetry: false });
      expect(reduced.properties.map((p) => p.status)).toEqual(full.properties.map((p) => p.status));
      expect(reduced.stats.symmetry?.fullGraph).toEqual([]);
      expect(reduced.stats.states).toBeLessThan(full.stats.states);
    },
  );

  // Scenarios with dirtiers to permute and pages to size (bio-split's writers keep a bio_list and
  // are not reduced; oom-lock has no dirtiers).
  for (const [name, s] of scenarios.filter(([, d]) => d.params.dirtiers?.range && d.params.pages?.range)) {
    // Small enough to search twice in a test; at least two dirtiers, so there is something to permute.
    const upTo = (param: string, max: number) => ({ max: Math.min(max, s.params[param]!.range![1]) });
    const small = { dirtiers: { min: 2, ...upTo('dirtiers', 3) }, pages: upTo('pages', 9) };
    test.prop([params(s, small), fc.constantFrom(...s.policies)], { numRuns: 6 })(
      `${name} at random settings: the full graph's verdicts`,
      (values, policy) => {
        const v = verdicts(s, policy, values);
        expect(v.reduced).toEqual(v.full);
      },
      60_000,
    );
  }
});
