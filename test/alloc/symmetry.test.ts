import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import dm from '../../models/dm-raid1.js';
import wq from '../../models/wq-completion.js';
import fuse from '../../models/fuse-writeback.js';
import nfs from '../../models/nfs-ack.js';
import { AllocState, daemon, daemonDevice, dirtier, kswapd, localDisk, scenario, type AllocModel, type Scenario } from '../../src/language.js';
import { REGISTERS, R_REQ } from '../../src/alloc/layout.js';
import { symmetryGroups } from '../../src/alloc/symmetry.js';
import { check } from '../../src/core/check.js';
import { replay } from '../../src/core/path.js';
import { safetyProperties } from '../../properties/index.js';

/** Every permutation of `xs`. */
function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The state with actor `from[i]` renamed to `to[i]`: registers moved, references renamed. */
function permute(model: AllocModel, s: AllocState, from: readonly number[], to: readonly number[]): AllocState {
  const { layout, actors, devices } = model.world;
  const rename = actors.map((a) => a.index);
  from.forEach((f, i) => (rename[f] = to[i]!));
  const b = s.bytes;
  const out = b.slice();
  for (const a of actors) out.set(b.subarray(layout.actor(a.index), layout.actor(a.index) + REGISTERS), layout.actor(rename[a.index]!));
  for (const d of devices) {
    if (d.kind !== 'daemon') continue;
    const at = layout.queue(d.index);
    for (let i = 0; i < out[at]!; i++) out[at + 1 + i] = (rename[out[at + 1 + i]! >> 2]! << 2) | (out[at + 1 + i]! & 3);
  }
  for (const a of actors) {
    const r = layout.actor(a.index) + R_REQ;
    if (out[r] !== 0) out[r] = rename[out[r]! - 1]! + 1;
  }
  return new AllocState(model.world, out);
}

function reachable(model: AllocModel, limit: number): AllocState[] {
  const seen = new Set<string>();
  const out: AllocState[] = [];
  const queue = [...model.initialStates()];
  while (queue.length > 0 && out.length < limit) {
    const s = queue.shift()!;
    const key = s.bytes.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
    model.successors(s, (_a, next) => queue.push(next));
  }
  return out;
}

const key = (model: AllocModel, s: AllocState): string => model.canonical!(s).join(',');
const successorKeys = (model: AllocModel, s: AllocState): string[] => {
  const out: string[] = [];
  model.successors(s, (_a, n) => out.push(key(model, n)));
  return out.sort();
};

/** Groups as actor indices. */
const groupsOf = (model: AllocModel): number[][] => model.symmetry.map((g) => g.map((n) => model.world.actors.find((a) => a.name === n)!.index));

/** Every permutation of every group at once, as (from, to) renamings. */
function renamings(groups: readonly number[][]): [number[], number[]][] {
  let out: [number[], number[]][] = [[[], []]];
  for (const g of groups) out = out.flatMap(([f, t]) => permutations(g).map((to): [number[], number[]] => [[...f, ...g], [...t, ...to]]));
  return out;
}

const settings: [string, Scenario, Record<string, string | number>, string][] = [
  ['dm-raid1 background', dm, { dirtiers: 3, background: 'yes', queue: 2 }, 'mempool-only+memalloc-inheritance'],
  ['wq-completion rescuer', wq, { dirtiers: 3, queue: 3 }, 'wq-rescuer'],
  ['nfs-ack traffic', nfs, { dirtiers: 3, traffic: 2, retransmit: 'yes' }, 'network-reserve'],
  ['fuse-writeback', fuse, {}, 'none'],
];

describe('symmetry of allocation models', () => {
  it.each(settings)('%s: the canonical form is a permutation, equal across each class; properties and moves are symmetric', (_label, s, params, policy) => {
    const model = s.build(params, policy);
    const groups = groupsOf(model);
    expect(groups.length).toBeGreaterThan(0);
    const invariants = model.properties.filter((p) => p.kind === 'invariant' && safetyProperties.includes(p.name));
    const deadlock = model.properties.find((p) => p.kind === 'deadlock-free')!;
    for (const st of reachable(model, 400)) {
      const canon = key(model, st);
      const images = renamings(groups).map(([from, to]) => permute(model, st, from, to));
      // The canonical bytes are one of the permutations of the state...
      expect(images.some((p) => p.bytes.join(',') === canon)).toBe(true);
      const succ = successorKeys(model, st);
      for (const p of images) {
        // ...the same for every permutation of it...
        expect(key(model, p)).toBe(canon);
        // ...and nothing the safety properties or the moves see tells the permutations apart.
        for (const inv of invariants) if (inv.kind === 'invariant') expect(inv.holds(p)).toBe(inv.holds(st));
        expect(model.isRest(p)).toBe(model.isRest(st));
        if (deadlock.kind === 'deadlock-free') expect(deadlock.classify!(p)).toBe(deadlock.classify!(st));
        expect(successorKeys(model, p)).toEqual(succ);
      }
    }
  });

  it('states in different classes keep different canonical forms', () => {
    const model = dm.build({ dirtiers: 3, background: 'yes', queue: 2 }, 'memalloc-inheritance');
    const members = groupsOf(model)[0]!;
    const byCanon = new Map<string, string>();
    for (const st of reachable(model, 600)) {
      // A class is named by its least permutation; two classes never share a canonical form.
      const cls = permutations(members).map((to) => permute(model, st, members, to).bytes.join(',')).sort()[0]!;
      const canon = key(model, st);
      expect(byCanon.get(canon) ?? cls).toBe(cls);
      byCanon.set(canon, cls);
    }
  });

  it('gives the same verdicts, failures and counterexample lengths with and without symmetry, on random settings', () => {
    const arb = fc.record({
      s: fc.constantFrom(dm, nfs),
      dirtiers: fc.integer({ min: 2, max: 4 }),
      pages: fc.integer({ min: 5, max: 8 }),
      kernel: fc.constantFrom('2.6', 'modern'),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(arb, ({ s, dirtiers, pages, kernel, pick }) => {
        const policy = s.policies[pick % s.policies.length]!;
        const model = s.build({ dirtiers, pages, kernel }, policy);
        const options = { properties: [...safetyProperties] };
        const full = check(model, { ...options, symmetry: false });
        const reduced = check(model, options);
        expect(reduced.verdict).toBe(full.verdict);
        expect(reduced.stats.states).toBeLessThanOrEqual(full.stats.states);
        reduced.properties.forEach((p, i) => {
          const q = full.properties[i]!;
          expect([p.status, p.failure, p.counterexample?.actions.length]).toEqual([q.status, q.failure, q.counterexample?.actions.length]);
          // The reduced search's path is a real trace: its token replays to the same states.
          if (p.counterexample) expect(replay(model, p.counterexample.choices).states.map((x) => x.bytes.join())).toEqual(p.counterexample.states.map((x) => x.bytes.join()));
        });
      }),
      { numRuns: 40, seed: 4242 },
    );
  });

  it('counts one state per class when the search is exhaustive', () => {
    const model = dm.build({ dirtiers: 3, background: 'yes', queue: 2 }, 'memalloc-inheritance');
    const all = reachable(model, Infinity);
    const classes = new Set(all.map((s) => key(model, s)));
    const full = check(model, { properties: ['pages-conserved'], symmetry: false });
    const reduced = check(model, { properties: ['pages-conserved'] });
    expect(full.stats.states).toBe(all.length);
    expect(reduced.stats.states).toBe(classes.size);
    expect(reduced.stats.symmetry).toEqual({ groups: [['dirtier1', 'dirtier2', 'dirtier3']], reduced: true, fullGraph: [] });
    expect(full.stats.symmetry).toBeUndefined();
  });

  it('refuses a symmetric group whose members are not interchangeable', () => {
    const world = dm.build({ dirtiers: 2 }).world;
    expect(() => symmetryGroups(world, [['dirtier1', 'kswapd']])).toThrow(/actors dirtier1, kswapd are declared symmetric, but kswapd is not interchangeable with dirtier1/);
  });

  it('never meets two instances of one daemon: the world is refused when it is built', () => {
    const bad = scenario({
      name: 'two-daemons', summary: '', description: '', params: {},
      world: () => ({
        kernel: '2.6', memory: { pages: 6, min: 2 },
        devices: { md0: daemonDevice({ daemon: 'd1', queue: 1 }), disk: localDisk() },
        actors: [dirtier('md0'), kswapd(), daemon('d', { serves: 'md0', count: 2 }, [])],
      }),
    });
    expect(() => bad.build({})).toThrow(/^two-daemons: actor d: count must be 1 \(a daemon serves its device's queue alone\), got 2$/);
  });
});
