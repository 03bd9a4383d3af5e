import { describe, expect, it } from 'vitest';
import dm from '../../models/dm-raid1.js';
import nfs from '../../models/nfs-ack.js';
import type { AllocModel, AllocState } from '../../src/alloc/index.js';
import { check } from '../../src/core/check.js';
import { endLines } from '../../src/render/story.js';
import { cycleEdges } from '../../src/render/waits.js';
import { lassoTrace } from '../render/seed-traces.js';

/** The shortest path to a state that satisfies `test`, as its last state. */
function find(model: AllocModel, test: (s: AllocState) => boolean): AllocState {
  const r = check({ ...model, properties: [{ kind: 'reachable', name: 'probe', test }] });
  const p = r.properties[0]!;
  expect(p.status).toBe('holds');
  return p.witness!.states.at(-1)!;
}

describe('wait-for edges', () => {
  it('a 2.6.9 daemon asleep on an empty mempool waits for the pool, which waits for the daemon holding its elements', () => {
    const model = dm.build({ background: 'yes' }, 'mempool-only+memalloc-inheritance');
    const asleep = find(model, (s) => model.describe(s).actors.some((a) => a.name === 'kmirrord' && /asleep on the raid1 mempool/.test(a.status)));
    const edges = model.describe(asleep).waitsFor;
    expect(edges).toContainEqual(expect.objectContaining({ from: 'kmirrord', to: 'mempool raid1' }));
    expect(cycleEdges(edges)).toContainEqual(expect.objectContaining({ from: 'mempool raid1', to: 'kmirrord' }));
  });

  it('an ACK that cannot be received for want of memory at the atomic floor closes the cycle through the receiver', () => {
    const model = nfs.build({ retransmit: 'yes' }, 'none');
    const pending = (s: AllocState): boolean => s.free <= s.world.watermarks.atomic && model.describe(s).actors.some((a) => /waiting for the ACK/.test(a.status));
    const edges = model.describe(find(model, pending)).waitsFor;
    expect(edges).toContainEqual(expect.objectContaining({ from: 'softirq', to: 'memory' }));
    const cycle = cycleEdges(edges);
    expect(cycle).toContainEqual(expect.objectContaining({ from: 'softirq', to: 'memory' }));
    expect(cycle).toContainEqual(expect.objectContaining({ from: 'memory', to: 'softirq' }));
  });

  it('the receiver does not wait on memory while its floor can be met', () => {
    const model = nfs.build({ retransmit: 'yes' }, 'network-reserve');
    const pending = (s: AllocState): boolean => model.describe(s).actors.some((a) => /waiting for the ACK/.test(a.status));
    const edges = model.describe(find(model, pending)).waitsFor;
    expect(edges.some((e) => e.from === 'softirq')).toBe(false);
  });

  it('a writer blocked on the allocation of its writeout waits for memory', () => {
    const model = nfs.build({ min: 1, pages: 4 }, 'none');
    const blocked = (s: AllocState): boolean => model.describe(s).actors.some((a) => a.name === 'kswapd' && /blocked on memory/.test(a.status));
    const edges = model.describe(find(model, blocked)).waitsFor;
    expect(edges).toContainEqual(expect.objectContaining({ from: 'kswapd', to: 'memory' }));
  });
});

describe('the story of a livelock whose last state has a wait-for cycle', () => {
  it('does not claim that nothing on the cycle can move', () => {
    const end = endLines(lassoTrace()).join(' ');
    expect(end).toMatch(/The wait-for cycle: softirq waits for memory/);
    expect(end).not.toMatch(/Nothing on the cycle can move/);
  });
});
