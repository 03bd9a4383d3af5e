import { describe, expect, it } from 'vitest';
import dm from '../../models/dm-raid1.js';
import nfs from '../../models/nfs-ack.js';
import { GFP_KERNEL, GFP_MEMALLOC, PF_MEMALLOC, PF_MEMALLOC_NOIO } from '../../src/alloc/context.js';
import { RQ_MEMALLOC } from '../../src/alloc/layout.js';
import { composeHooks, type Site } from '../../src/alloc/policy.js';
import { policies, policyList } from '../../src/alloc/policies/index.js';
import { CheckError } from '../../src/core/errors.js';
import { check } from '../../src/core/check.js';
import type { ActorInfo } from '../../src/alloc/world.js';

const byName = (n: string) => policies.find((p) => p.name === n)!;
const daemonInfo = { index: 0, name: 'kmirrord', kind: 'daemon', context: GFP_KERNEL, flags: 0, program: [], inheritNoio: true, kthread: true, fairness: 'weak', inflight: 1, throttle: 'normal' } as ActorInfo;
const site = (o: Partial<Site>): Site => ({ actor: daemonInfo, purpose: 'page', serving: true, request: 0, pool: undefined, ...o });

function thrown(f: () => unknown): CheckError {
  try {
    f();
  } catch (e) {
    if (e instanceof CheckError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('policies change contexts', () => {
  it('memalloc-inheritance passes PF_MEMALLOC and NOIO to a daemon serving a request', () => {
    const h = composeHooks([byName('memalloc-inheritance')]);
    expect(h.context(site({ request: RQ_MEMALLOC }), GFP_KERNEL)).toBe(GFP_KERNEL | PF_MEMALLOC | PF_MEMALLOC_NOIO);
    expect(h.context(site({ request: 0 }), GFP_KERNEL)).toBe(GFP_KERNEL | PF_MEMALLOC_NOIO);
    expect(h.context(site({ request: 0, actor: { ...daemonInfo, inheritNoio: false } }), GFP_KERNEL)).toBe(GFP_KERNEL);
    expect(h.context(site({ serving: false }), GFP_KERNEL)).toBe(GFP_KERNEL);
  });

  it('network-reserve lets only ACK reception use the reserve', () => {
    const h = composeHooks([byName('network-reserve')]);
    expect(h.context(site({ purpose: 'ack' }), 8)).toBe(8 | GFP_MEMALLOC);
    expect(h.context(site({ purpose: 'packet' }), 8)).toBe(8);
  });

  it('io-flusher makes daemons NOIO; mempool-only turns named pools on; none changes nothing', () => {
    expect(composeHooks([byName('io-flusher')]).context(site({}), GFP_KERNEL)).toBe(GFP_KERNEL | PF_MEMALLOC_NOIO);
    expect(composeHooks([byName('mempool-only')]).usePool(site({ pool: 'raid1' }))).toBe(true);
    expect(composeHooks([byName('mempool-only')]).usePool(site({}))).toBe(false);
    const none = composeHooks([byName('none')]);
    expect(none.context(site({ request: RQ_MEMALLOC }), GFP_KERNEL)).toBe(GFP_KERNEL);
    expect(none.usePool(site({ pool: 'raid1' }))).toBe(false);
  });

  it('lists at least the eight mechanisms of the domain', () => {
    expect(policyList.map((p) => p.name)).toEqual(['none', 'mempool-only', 'memalloc-inheritance', 'network-reserve', 'dirty-limit', 'io-flusher', 'reclaim-throttle', 'bioset-rescuer', 'wq-rescuer', 'oom-killer', 'oom-reaper', 'fuse-tmp-page', 'writeback-may-deadlock']);
    expect(policyList.every((p) => p.summary.length > 10)).toBe(true);
  });
});

describe('bad input', () => {
  it('rejects an unknown policy, listing the known ones', () => {
    const e = thrown(() => dm.build({}, 'mempol'));
    expect(e.code).toBe('bad-option');
    expect(e.message).toBe("unknown policy 'mempol'; known: none, mempool-only, memalloc-inheritance, network-reserve, dirty-limit, io-flusher, reclaim-throttle, bioset-rescuer, wq-rescuer, oom-killer, oom-reaper, fuse-tmp-page, writeback-may-deadlock");
  });

  it("rejects 'rescuer' as ambiguous, naming the kernel's two", () => {
    const e = thrown(() => dm.build({}, 'rescuer'));
    expect(e.code).toBe('bad-option');
    expect(e.message).toMatch(/^policy 'rescuer' is ambiguous: the kernel has two; use bioset-rescuer .* or wq-rescuer /);
  });

  it('rejects a policy that does not apply, saying why', () => {
    expect(thrown(() => dm.build({}, 'network-reserve')).message).toBe("policy 'network-reserve' does not apply to dm-raid1: it has no network device");
    expect(thrown(() => nfs.build({}, 'memalloc-inheritance')).message).toMatch(/does not apply to nfs-ack: it has no daemon/);
    expect(thrown(() => dm.build({}, 'mempool-only+network-reserve')).code).toBe('bad-option');
    expect(thrown(() => dm.build({}, 'none+mempool-only')).code).toBe('bad-option');
    expect(thrown(() => dm.build({}, 'mempool-only+mempool-only')).code).toBe('bad-option');
  });

  it('rejects out-of-range and unknown parameters', () => {
    expect(thrown(() => dm.build({ legs: 9 })).message).toBe('parameter legs=9 is out of range 1..3');
    expect(thrown(() => dm.build({ kernel: '2.4' })).message).toMatch(/kernel=2.4 is not one of: 2.6, modern/);
    expect(thrown(() => dm.build({ mirrors: 2 })).message).toMatch(/unknown parameter 'mirrors'/);
  });
});

describe('reserve-integrity', () => {
  it('catches a policy that hands the reserve to requests not entitled to it', () => {
    const leaky = { ...byName('memalloc-inheritance'), name: 'leaky', hooks: { context: (s: Site, m: number) => (s.actor.kind === 'daemon' ? m | PF_MEMALLOC : m) } };
    const params = { background: 'yes', pool: 2 };
    const bad = check(dm.build(params, 'leaky', { policies: [leaky] }), { properties: ['reserve-integrity'] });
    expect(bad.verdict).toBe('violated');
    const good = check(dm.build(params, 'memalloc-inheritance'), { properties: ['reserve-integrity'] });
    expect(good.verdict).toBe('holds');
  });
});
