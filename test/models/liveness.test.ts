import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { replay } from '../../src/core/path.js';
import bio from '../../models/bio-mempool.js';
import dm from '../../models/dm-raid1.js';
import nfs from '../../models/nfs-ack.js';

const progress = { properties: ['writeout-progress'] };

describe('liveness on the seed models', () => {
  it('nfs-ack with retransmission under none: no deadlock, but a drop-and-retransmit livelock', () => {
    const model = nfs.build({ retransmit: 'yes' }, 'none');
    expect(check(model, { properties: ['no-deadlock'] }).verdict).toBe('holds');
    const p = check(model, progress).properties[0]!;
    expect(p.status).toBe('violated');
    expect(p.failure).toBe('livelock');
    const lasso = p.counterexample!;
    expect(lasso.loopStart).toBeDefined();
    const cycle = lasso.actions.slice(lasso.loopStart);
    expect(new Set(cycle.map((a) => a.name))).toEqual(new Set(['drop', 'retransmit']));
    // The lasso closes: replaying its token ends where the cycle starts.
    const again = replay(model, lasso.choices);
    expect([...model.encode(again.states.at(-1)!)]).toEqual([...model.encode(again.states[lasso.loopStart!]!)]);
  });

  it('nfs-ack under network-reserve: both hold, with and without retransmission', () => {
    for (const retransmit of ['yes', 'no']) {
      const r = check(nfs.build({ retransmit }, 'network-reserve'), { properties: ['no-deadlock', 'writeout-progress'] });
      expect(r.verdict, `retransmit=${retransmit}`).toBe('holds');
    }
  });

  it('fairness is visible: an unfair disk interrupt starves the writeout, and the lasso shows it', () => {
    expect(check(bio.build({}, 'mempool-only'), progress).verdict).toBe('holds');
    const starved = check(bio.build({}, 'mempool-only', { fairness: { 'disk-irq': 'none' } }), progress).properties[0]!;
    expect(starved.failure).toBe('livelock');
    const lasso = starved.counterexample!;
    // The interrupt may serve the dirtiers on the cycle, but never completes kswapd's writeout.
    const cycle = lasso.actions.slice(lasso.loopStart);
    expect(cycle.some((a) => a.actor === 'disk-irq' && a.fairnessGroup === 'kswapd')).toBe(false);
  });

  it('a device serving several owners is fair to each of them: its completions are per-owner fairness units', () => {
    const model = bio.build({}, 'mempool-only');
    const groups = new Set<string | undefined>();
    const walk = (s: ReturnType<typeof model.initialStates>[number], depth: number): void => {
      if (depth === 0) return;
      model.successors(s, (a, next) => {
        if (a.actor === 'disk-irq') groups.add(a.fairnessGroup);
        walk(model.decode(model.encode(next).slice()), depth - 1);
      });
    };
    walk(model.initialStates()[0]!, 9);
    expect(groups.size).toBeGreaterThan(1);
    expect(groups.has(undefined)).toBe(false);
  });

  it('dm-raid1: the seed verdicts hold for liveness too', () => {
    expect(check(dm.build({}, 'memalloc-inheritance')).verdict).toBe('holds');
    const pool = check(dm.build({}, 'mempool-only'));
    expect(pool.properties.find((p) => p.name === 'writeout-progress')!.status).toBe('violated');
  });
});
