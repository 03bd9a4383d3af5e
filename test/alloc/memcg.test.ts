import { describe, expect, it } from 'vitest';
import fuse from '../../models/fuse-memcg.js';
import { pagesConserved } from '../../properties/pages-conserved.js';
import { alloc, dirtier, free, localDisk, networkDevice, scenario, task, times, WorldError, type WorldSpec } from '../../src/language.js';
import { dirtyLimits } from '../../src/alloc/dirty-throttle.js';
import { R_HELD } from '../../src/alloc/layout.js';
import { reachable } from '../support/reachable.js';
import { AllocState } from '../../src/alloc/state.js';
import { param } from '../../src/core/params.js';

/** The fuse-memcg world with `change` applied, built under no policy; the error it throws, if any. */
function refused(change: (w: WorldSpec) => WorldSpec): WorldError | undefined {
  const def = scenario({ name: 'memcg-case', summary: '', description: '', params: { n: param(1, [1, 1], '') }, world: () => change(fuse.spec()) });
  try {
    def.build({}, 'none');
  } catch (e) {
    if (e instanceof WorldError) return e;
    throw e;
  }
  return undefined;
}

describe('memory cgroups: validation of the declaration', () => {
  it('the shipped world is accepted (the control)', () => {
    expect(refused((w) => w)).toBeUndefined();
  });

  it('a limit below 1 or not a whole number', () => {
    for (const limit of [0, -1, 2.5]) {
      expect(refused((w) => ({ ...w, cgroups: { fuse: { limit } } }))?.message).toBe(`memcg-case: cgroup fuse: limit must be a whole number in 1..200, got ${limit}`);
    }
  });

  it('an actor charged to a group that is not declared', () => {
    const e = refused((w) => ({ ...w, actors: w.actors.map((a) => (a.name === 'writer' ? { ...a, cgroup: 'fsue' } : a)) }));
    expect(e?.message).toBe("memcg-case: actor writer: cgroup names 'fsue', which is not a declared cgroup; cgroups: fuse");
    expect(e?.subject).toBe('actor writer');
  });

  it('a group nobody is charged to', () => {
    const e = refused((w) => ({ ...w, cgroups: { ...w.cgroups, idle: { limit: 2 } } }));
    expect(e?.message).toBe("memcg-case: cgroup idle: has no members: no actor is charged to it; give an actor cgroup: 'idle', or remove the group");
  });

  it('what the model does not charge is refused, not miscounted', () => {
    expect(refused((w) => ({ ...w, kernel: '2.6' }))?.message).toMatch(/cgroups are modelled as in Linux 3.6 and later/);
    expect(refused((w) => ({ ...w, devices: { ...w.devices, nfs: networkDevice({ retransmit: true }) } }))?.subject).toBe('device nfs');
    expect(refused((w) => ({ ...w, devices: { ...w.devices, sda: localDisk({ bio: true }) } }))?.subject).toBe('device sda');
    const other = refused((w) => ({ ...w, cgroups: { ...w.cgroups, other: { limit: 2 } }, actors: [...w.actors, dirtier('fuse', { name: 'intruder', cgroup: 'other' })] }));
    expect(other?.message).toBe("memcg-case: device fuse: cgroup is dirtied by tasks of different cgroups (fuse, other); the model charges a device's page cache to one group");
    const pooled = refused((w) => ({ ...w, pools: { bufs: 2 }, actors: [...w.actors, task('pooler', { cgroup: 'fuse' }, [alloc({ pool: 'bufs' })])] }));
    expect(pooled?.message).toMatch(/^memcg-case: actor pooler: program\[0\] takes mempool elements/);
  });
});

describe('memory cgroups: charges', () => {
  it("a group's charge is the sum of the owners charged to it, and they count in pages-conserved", () => {
    const model = fuse.build({}, 'none');
    const init = model.initialStates()[0]!;
    expect(init.charged('fuse')).toBe(0);
    const bytes = init.bytes.slice();
    const { layout } = model.world;
    bytes[layout.dirty(0)] = 3;
    bytes[layout.groupClean(0)] = 2;
    bytes[layout.actor(model.world.actors.find((a) => a.name === 'fuse-server')!.index) + R_HELD] = 1;
    bytes[0] = bytes[0]! - 6;
    const s = new AllocState(model.world, bytes);
    expect(s.charged('fuse')).toBe(6);
    expect(pagesConserved.holds(s)).toBe(true);
    bytes[layout.groupClean(0)] = 3; // a page from nowhere
    expect(pagesConserved.holds(new AllocState(model.world, bytes))).toBe(false);
  });

  it("clean page cache, a group's included, is dirtyable memory as global_dirtyable_memory counts it", () => {
    const model = fuse.build({}, 'none');
    const writer = model.world.actors.find((a) => a.name === 'writer')!;
    const bytes = model.initialStates()[0]!.bytes.slice();
    expect(dirtyLimits(model.world, bytes, writer)).toEqual([1, 2]); // 20% and 10% of 11 pages
    bytes[model.world.layout.groupClean(0)] = 7;
    bytes[0] = bytes[0]! - 7;
    expect(dirtyLimits(model.world, bytes, writer)).toEqual([1, 2]);
  });

  it('a charge waits at the limit, in every reachable state, unless it is forced', () => {
    for (const policy of ['none', 'fuse-tmp-page', 'writeback-may-deadlock']) {
      const model = fuse.build({ dirty_ratio: 100 }, policy);
      const states = reachable(model);
      expect(states.length).toBeGreaterThan(20);
      expect(Math.max(...states.map((s) => s.charged('fuse'))), policy).toBe(4);
    }
  });

  it('a PF_MEMALLOC task is charged past the limit (try_charge_memcg: goto force)', () => {
    const forced = scenario({
      name: 'memcg-force', summary: '', description: '', params: { n: param(1, [1, 1], '') },
      world: () => ({
        kernel: 'modern', memory: { pages: 8, min: 1 }, devices: {}, cgroups: { g: { limit: 1 } },
        actors: [task('reclaimer', { cgroup: 'g', memalloc: true }, [times(2, alloc()), free()]), task('user', { cgroup: 'g' }, [times(2, alloc()), free()])],
      }),
    });
    const model = forced.build({}, 'none');
    const most = (who: string): number => Math.max(...reachable(model).map((s) => s.actor(who).held));
    expect(most('reclaimer')).toBe(2);
    expect(most('user')).toBe(1);
    expect(Math.max(...reachable(model).map((s) => s.charged('g')))).toBe(3);
  });
});
