import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import bio from '../../models/bio-mempool.js';
import dm from '../../models/dm-raid1.js';
import fuse from '../../models/fuse-writeback.js';
import nfs from '../../models/nfs-ack.js';
import type { AllocModel, AllocState, Scenario } from '../../src/alloc/index.js';
import { check } from '../../src/core/check.js';
import type { ParamSpec } from '../../src/core/params.js';

const scenarios: Scenario[] = [nfs, dm, fuse, bio];

/** Random parameters inside the declared ranges, with the sizes kept small for speed. */
function paramsArb(s: Scenario): fc.Arbitrary<Record<string, number | string>> {
  const fields: Record<string, fc.Arbitrary<number | string>> = {};
  for (const [name, spec] of Object.entries(s.params) as [string, ParamSpec][]) {
    if (spec.choices) fields[name] = fc.constantFrom(...spec.choices);
    else {
      const [lo, hi] = spec.range!;
      fields[name] = fc.integer({ min: lo, max: Math.min(hi, lo + 2) });
    }
  }
  return fc.record(fields);
}

function reachable(model: AllocModel, limit = 20000): AllocState[] {
  const seen = new Set<string>();
  const out: AllocState[] = [];
  const queue = [...model.initialStates()];
  while (queue.length > 0 && out.length < limit) {
    const s = queue.shift()!;
    const key = model.encode(s).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
    model.successors(s, (_a, next) => queue.push(next));
  }
  return out;
}

describe('states', () => {
  it('conserve pages in every reachable state, for random parameters and policies', () => {
    const arb = fc.constantFrom(...scenarios).chain((s) => fc.tuple(fc.constant(s), paramsArb(s), fc.constantFrom(...s.policies)));
    fc.assert(
      fc.property(arb, ([s, params, policy]) => {
        let model: AllocModel;
        try {
          model = s.build(params, policy);
        } catch {
          return true; // a setting whose pools do not fit: rejected with bad-option, tested elsewhere
        }
        for (const st of reachable(model, 3000)) {
          expect(st.totalPages()).toBe(model.world.pages);
          expect(st.free).toBeGreaterThanOrEqual(0);
        }
        return true;
      }),
      { numRuns: 40, seed: 20041203 },
    );
  });

  it('encode is canonical and decode its inverse; successors are deterministic', () => {
    const model = dm.build({ background: 'yes' }, 'mempool-only+memalloc-inheritance');
    for (const s of reachable(model)) {
      const bytes = model.encode(s).slice();
      const back = model.decode(bytes);
      expect(back.equals(s)).toBe(true);
      expect(back.hashCode()).toBe(s.hashCode());
      const a: string[] = [];
      const b: string[] = [];
      model.successors(s, (act, n) => a.push(`${act.actor}:${act.name}:${model.encode(n).join(',')}`));
      model.successors(back, (act, n) => b.push(`${act.actor}:${act.name}:${model.encode(n).join(',')}`));
      expect(b).toEqual(a);
    }
  });

  it('the explorer agrees: pages-conserved holds in every state it visits', () => {
    for (const s of scenarios) for (const p of s.policies) expect(check(s.build({}, p), { properties: ['pages-conserved'] }).verdict).toBe('holds');
  });

  it('keeps states compact', () => {
    const model = dm.build({}, 'none');
    expect(model.encode(model.initialStates()[0]!).length).toBeLessThan(64);
  });
});

describe('metadata', () => {
  it('records symmetric actors', () => {
    expect(dm.build({ dirtiers: 3 }).symmetry).toEqual([['dirtier1', 'dirtier2', 'dirtier3']]);
    expect(dm.build({ dirtiers: 1 }).symmetry).toEqual([]);
  });

  it('gives fairness per actor kind, overridable by name or kind', () => {
    const m = nfs.build({ traffic: 1 });
    // Tasks are strongly fair (wait queues and the scheduler), devices weakly, traffic not at all.
    expect(['kswapd', 'softirq', 'dirtier1'].map((a) => m.fairness!(a))).toEqual(['strong', 'weak', 'strong']);
    expect(m.fairness!('traffic')).toBe('none');
    const o = nfs.build({ traffic: 1 }, 'none', { fairness: { kswapd: 'weak', dirtier: 'none' } });
    expect([o.fairness!('kswapd'), o.fairness!('dirtier2'), o.fairness!('softirq')]).toEqual(['weak', 'none', 'weak']);
  });

  it('defines the liveness properties with the core kinds', () => {
    const m = nfs.build({});
    expect(m.properties.map((p) => [p.name, p.kind])).toEqual([
      ['no-deadlock', 'deadlock-free'], ['reserve-integrity', 'invariant'], ['pages-conserved', 'invariant'],
      ['writeout-progress', 'leads-to'], ['recoverable', 'recoverable'],
    ]);
  });

  it('classifies memory exhausted by unreclaimable holders as oom', () => {
    const r = check(bio.build({ pages: 6, min: 3, pool: 2 }, 'mempool-only'), { properties: ['no-deadlock'] });
    expect(r.verdict).toBe('holds');
    const tight = check(dm.build({ pages: 4, min: 3, pool: 1, legs: 1 }, 'mempool-only'), { properties: ['no-deadlock'] });
    expect(tight.properties[0]!.failure).toBe('oom');
  });
});
