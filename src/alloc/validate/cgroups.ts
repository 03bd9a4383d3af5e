/**
 * Checks of memory cgroups (memcg.ts): each group's limit, the group each actor names, that every
 * group has a member, and the limits of what the model charges (see docs/writing-models.md):
 * Linux 3.6 and later, no mempool elements or in-flight slots in a member's hands, no bio or
 * send buffer in them, one group for each device's page cache.
 */
import { dirtiedDevices } from '../memcg-world.js';
import type { ActorSpec, WorldSpec } from '../world.js';
import { MAX_PAGES } from './memory.js';
import { listed, notWhole, problem, show, type Problem } from './rules.js';

export function* cgroupChecks(spec: WorldSpec): Iterable<Problem> {
  const groups = spec.cgroups ?? {};
  const names = Object.keys(groups);
  for (const [name, g] of Object.entries(groups)) {
    const bad = notWhole(g?.limit, 1, MAX_PAGES);
    if (bad) yield problem(`cgroup ${name}`, 'limit', bad);
    else if (!spec.actors.some((a) => a.cgroup === name)) yield { subject: `cgroup ${name}`, field: 'members', message: `cgroup ${name}: has no members: no actor is charged to it; give an actor cgroup: '${name}', or remove the group` };
  }
  for (const a of spec.actors) {
    if (a.cgroup === undefined) continue;
    if (!names.includes(a.cgroup)) yield problem(`actor ${a.name}`, 'cgroup', `names ${show(a.cgroup)}, which is not a declared cgroup; cgroups: ${listed(names)}`);
    else yield* memberChecks(a);
  }
  if (names.length === 0) return;
  if (spec.kernel !== 'modern') yield problem('world', 'cgroups', "are modelled as in Linux 3.6 and later (cgroup v1 reclaim): declare kernel 'modern'");
  for (const [name, d] of Object.entries(spec.devices ?? {})) {
    if (d?.kind === 'network' || (d?.kind === 'disk' && d.bio)) yield problem(`device ${name}`, 'kind', `${d.kind === 'network' ? 'a network device' : 'a disk with bios'} is not modelled with memory cgroups: its writeout buffers would be counted as charged`);
    yield* oneGroupPerDevice(spec, name);
  }
}

/** What a member's hands may hold: only pages charged to it. */
function* memberChecks(a: ActorSpec): Iterable<Problem> {
  const pooled = a.program.findIndex((i) => i.step.pool !== undefined || i.step.kind === 'bio-alloc');
  if (pooled >= 0) yield problem(`actor ${a.name}`, `program[${pooled}]`, 'takes mempool elements, which are not charged to its cgroup; the model charges only page allocations');
  if ((a.inflight ?? 1) > 1) yield problem(`actor ${a.name}`, 'inflight', 'above 1 is not modelled with a cgroup');
}

/** The page cache of a device is charged to one group: every task that dirties it is in that group. */
function* oneGroupPerDevice(spec: WorldSpec, device: string): Iterable<Problem> {
  const dirtiers = spec.actors.filter((a) => a.program.some((i) => dirtiedDevices(i.step).includes(device)));
  const groups = new Set(dirtiers.map((a) => a.cgroup ?? '(none)'));
  if (groups.size > 1) yield problem(`device ${device}`, 'cgroup', `is dirtied by tasks of different cgroups (${[...groups].join(', ')}); the model charges a device's page cache to one group`);
}
