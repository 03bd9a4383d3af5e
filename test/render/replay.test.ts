import { describe, expect, it } from 'vitest';
import dm from '../../models/dm-raid1.js';
import bio from '../../models/bio-mempool.js';
import nfs from '../../models/nfs-ack.js';
import type { AllocAction } from '../../src/alloc/exec.js';
import type { AllocState } from '../../src/alloc/state.js';
import { check } from '../../src/core/check.js';
import type { PropertyResult } from '../../src/core/result.js';
import { replayTrace } from '../../src/render/replay-trace.js';
import { traceOf, type Trace } from '../../src/render/trace.js';
import { lassoChoices, lassoStart, lassoTrace, seedTrace } from './seed-traces.js';

const dmTrace = seedTrace(dm, 'mempool-only');
const dmModel = dm.build({}, 'mempool-only');
const lassoModel = nfs.build({ retransmit: 'yes' }, 'none');

describe('replayTrace', () => {
  it('confirms the seed counterexample', () => {
    expect(replayTrace(dmModel, dmTrace)).toEqual({ ok: true, steps: 12 });
  });

  it('names a step whose recorded action is not what the model does', () => {
    const steps = dmTrace.steps.map((s, i) => (i === 8 ? { ...s, action: 'mempool-alloc' } : s));
    expect(replayTrace(dmModel, { ...dmTrace, steps })).toEqual({ ok: false, step: 9, why: 'action: recorded "mempool-alloc", replayed "dequeue"' });
  });

  it('catches a trace recorded under another policy (stale)', () => {
    const v = replayTrace(dm.build({}, 'memalloc-inheritance'), dmTrace);
    expect(v).toMatchObject({ ok: false, step: 0, why: 'trace.policy: recorded "mempool-only", replayed "memalloc-inheritance"' });
  });

  it('catches a trace whose model changed under it: the steps no longer follow', () => {
    const v = replayTrace(dm.build({ pool: 2 }, 'mempool-only'), { ...dmTrace, params: { ...dmTrace.params, pool: 2 } });
    expect(v).toMatchObject({ ok: false, step: 0 });
    expect(v.ok || v.why).toMatch(/initial state.*free: recorded 6, replayed 5/);
  });

  it('names a choice the model cannot take', () => {
    const choices = dmTrace.choices.map((c, i) => (i === 7 ? 5 : c));
    expect(replayTrace(dmModel, { ...dmTrace, choices })).toMatchObject({ ok: false, step: 7, why: expect.stringMatching(/successor 5 does not exist \(3 enabled\)/) });
  });

  it('rejects a path cut short: it no longer ends in the deadlock', () => {
    const cut: Trace = { ...dmTrace, choices: dmTrace.choices.slice(0, -1), steps: dmTrace.steps.slice(0, -1) };
    expect(replayTrace(dmModel, cut)).toMatchObject({ ok: false, step: 11, why: expect.stringMatching(/no longer violates no-deadlock: the last state is not a deadlock/) });
  });

  describe('a lasso', () => {
    const progress = { properties: ['writeout-progress'] };
    const found = (model: ReturnType<typeof nfs.build>, def: typeof nfs | typeof bio) =>
      traceOf(model, check(model, progress).properties[0]! as PropertyResult<AllocState, AllocAction>, { specs: def.params });

    it("confirms the checker's own lasso: the drop-and-resend livelock of nfs-ack", () => {
      const t = found(lassoModel, nfs);
      expect(t.loopStart).toBeDefined();
      expect(replayTrace(lassoModel, t)).toEqual({ ok: true, steps: t.steps.length });
    });

    it('rejects a lasso that is unfair under the fairness in force, naming the unit', () => {
      // The hand-made cycle resends kswapd's ACK forever while dirtier2 (strongly fair) could move.
      const t = lassoTrace();
      expect(t.steps.slice(lassoStart).map((s) => s.action)).toEqual(['drop', 'retransmit']);
      expect(replayTrace(lassoModel, t)).toMatchObject({
        ok: false, judged: true, why: expect.stringMatching(/the cycle is unfair: dirtier2 is enabled on the cycle \(steps 8\.\.9, strong fairness\) but never takes a step on it$/),
      });
    });

    it('judges weak fairness: a unit enabled throughout the cycle must take a step on it', () => {
      const starved = bio.build({}, 'mempool-only', { fairness: { 'disk-irq': 'none' } });
      const t = found(starved, bio);
      expect(t.fairness).toMatchObject({ 'disk-irq': 'none', kswapd: expect.any(String) });
      expect(replayTrace(starved, t)).toEqual({ ok: true, steps: t.steps.length });
      expect(replayTrace(bio.build({}, 'mempool-only'), t)).toMatchObject({
        ok: false, why: expect.stringMatching(/the cycle is unfair: disk-irq \[kswapd\] is enabled throughout the cycle \(steps \d+\.\.\d+, weak fairness\) but never takes a step on it$/),
      });
    });

    it('rejects a cycle that does not close', () => {
      const t = found(lassoModel, nfs);
      expect(replayTrace(lassoModel, { ...t, loopStart: t.loopStart! - 1 })).toMatchObject({
        ok: false, judged: true, why: expect.stringMatching(/the cycle does not close: the state after the last step \(15\) is not the state after step 8$/),
      });
    });

    it('rejects a cycle on which the obligation is met, naming the step', () => {
      // The same shape for dirtier1's ACK: kswapd has no writeout open, so writeout-progress holds on it.
      const t = lassoTrace([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2], 8);
      expect(replayTrace(lassoModel, t)).toMatchObject({ ok: false, why: expect.stringMatching(/the obligation is met at step 10: q holds there, on the cycle/) });
    });
  });
});
