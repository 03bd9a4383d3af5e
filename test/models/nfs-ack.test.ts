import { describe, expect, it } from 'vitest';
import nfs from '../../models/nfs-ack.js';
import { check } from '../../src/core/check.js';
import { run } from './run.js';

describe('nfs-ack', () => {
  it.each([
    ['none', 'violated', 79],
    ['network-reserve', 'holds', 54],
    ['dirty-limit', 'holds', 6],
    ['reclaim-throttle', 'violated', 87],
    ['network-reserve+reclaim-throttle', 'holds', 100],
  ])('under %s: %s, %i states', (policy, verdict, states) => {
    const r = run(nfs, policy);
    expect(r.verdict).toBe(verdict);
    expect(r.states).toBe(states);
  });

  it('deadlocks because ACKs are dropped at the atomic floor while writeout took memory below it', () => {
    const r = run(nfs, 'none');
    expect(r.failure).toBe('deadlock');
    const drops = r.counterexample!.actions.filter((a) => a.name === 'drop');
    expect(drops.length).toBeGreaterThan(0);
    expect(drops.every((a) => a.context === 'GFP_ATOMIC')).toBe(true);
    expect(r.counterexample!.actions.some((a) => a.context === 'PF_MEMALLOC' && /send buffer/.test(a.text))).toBe(true);
  });

  it('receives ACKs from the reserve under network-reserve', () => {
    const model = nfs.build({}, 'network-reserve');
    let seen = false;
    const visit = (s: ReturnType<typeof model.initialStates>[number], depth: number): void => {
      if (depth === 0) return;
      model.successors(s, (a, next) => {
        if (a.actor === 'softirq' && a.name === 'alloc') seen ||= a.context === 'GFP_ATOMIC|__GFP_MEMALLOC';
        visit(next, depth - 1);
      });
    };
    visit(model.initialStates()[0]!, 9);
    expect(seen).toBe(true);
  });

  it('with retransmission the drop is no longer a dead end (a livelock for writeout-progress)', () => {
    expect(run(nfs, 'none', { retransmit: 'yes' }).verdict).toBe('holds');
    expect(nfs.build({ retransmit: 'yes' }).assumptions).toEqual({ retransmit: 'yes' });
  });

  // Other traffic can always move, so a lost ACK is no dead end: no-deadlock holds, and only
  // liveness (writeout-progress) judges it. A reachability probe shows the lost ACK meanwhile.
  const ackLost = (policy: string, params: Record<string, number>): string => {
    const model = nfs.build({ traffic: 1, ...params }, policy);
    const test = (s: Parameters<typeof model.describe>[0]): boolean => model.describe(s).actors.some((x) => /not resent/.test(x.status));
    return check({ ...model, properties: [{ kind: 'reachable' as const, name: 'ack-lost', test }] }).verdict;
  };

  it('with other traffic no state is dead, yet an ACK can be lost under none', () => {
    expect(run(nfs, 'none', { traffic: 1 }).verdict).toBe('holds');
    expect(ackLost('none', {})).toBe('holds');
  });

  it('under network-reserve with other traffic, the reserve must also cover the atomic traffic', () => {
    expect(ackLost('network-reserve', { min: 4 })).toBe('holds');
    expect(ackLost('network-reserve', { min: 6, pages: 9 })).toBe('violated');
  });
});
