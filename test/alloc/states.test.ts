import { describe, expect, it } from 'vitest';
import bio from '../../models/bio-mempool.js';
import dm from '../../models/dm-raid1.js';
import fuse from '../../models/fuse-writeback.js';
import nfs from '../../models/nfs-ack.js';
import type { Scenario } from '../../src/alloc/index.js';
import { everyReachableState, reachable } from '../support/reachable.js';
import { check } from '../../src/core/check.js';

const scenarios: Scenario[] = [nfs, dm, fuse, bio];

describe('states', () => {
  it('conserve pages in every reachable state, for random parameters and policies', () => {
    everyReachableState(scenarios, (model, st) => {
      expect(st.totalPages()).toBe(model.world.pages);
      expect(st.free).toBeGreaterThanOrEqual(0);
    });
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
