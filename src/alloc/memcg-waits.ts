/**
 * Who a task stopped by its memory cgroup waits for, for state views and stories: asleep on a
 * page under writeback (the cgroup v1 wait), or at the charge with nothing in the group to free.
 */
import type { Exec } from './exec.js';
import { R_WODEV } from './layout.js';
import { charged } from './memcg.js';
import { dirtiedDevices } from './memcg-world.js';
import type { DeviceInfo, GroupInfo, Step, World } from './world.js';

interface Wait {
  readonly status: string;
  readonly edges: { from: string; to: string; why: string }[];
}

/** Who ends writeback of a device's pages: its daemon, its interrupt, its flusher. */
function cleanerOf(world: World, dev: DeviceInfo): string {
  if (dev.kind === 'daemon') return world.actors[dev.daemonIndex!]!.name;
  const by = world.actors.find((a) => (a.device === dev.index && a.kind !== 'server') || (a.kind === 'flusher' && a.program[0]?.step.device === dev.name));
  return by?.name ?? dev.name;
}

/** A task asleep in wait_on_page_writeback (R_WO = WO_WBWAIT): it waits for whoever ends that writeback. */
export function writebackWait(x: Exec): Wait {
  const dev = x.world.devices[x.reg(R_WODEV)]!;
  const g = x.world.groups[dev.group!]!;
  const by = cleanerOf(x.world, dev);
  const why = `charged to group ${g.name} at its limit of ${g.limit}: reclaim in the group waits on writeback of a ${dev.name} page, which ${by} ends`;
  return { status: `asleep in wait_on_page_writeback: ${why}`, edges: [{ from: x.me.name, to: by, why }] };
}

/** The group an allocating step charges, if it is at its limit now. */
function groupAtLimit(x: Exec, step: Step): GroupInfo | undefined {
  const { world } = x;
  const dev = dirtiedDevices(step).map((n) => world.deviceNamed.get(n)).find((d) => d?.group !== undefined);
  const g = dev?.group ?? (step.kind === 'alloc' ? x.me.group : undefined);
  if (g === undefined) return undefined;
  return charged(world, x.s, g) >= world.groups[g]!.limit ? world.groups[g] : undefined;
}

/**
 * A task that cannot move at an allocating step because its group is at the limit and reclaim in
 * the group finds nothing to free or wait on: it waits for the group's charge to drop, which the
 * tasks that clean the group's page cache bring about.
 */
export function chargeWait(x: Exec, step: Step): Wait | undefined {
  const g = groupAtLimit(x, step);
  if (g === undefined) return undefined;
  const { world } = x;
  const node = `memcg ${g.name}`;
  const edges = [{ from: x.me.name, to: node, why: `charged to group ${g.name} at its limit of ${g.limit}: nothing in the group can be reclaimed now` }];
  for (const d of world.devices) {
    if (d.group !== g.index) continue;
    const dirty = x.s[world.layout.dirty(d.index)]!;
    const writeback = x.s[world.layout.writeout(d.index)]!;
    const flusher = world.actors.find((a) => a.kind === 'flusher' && a.program[0]?.step.device === d.name)?.name;
    if (dirty > 0 && flusher !== undefined) edges.push({ from: node, to: flusher, why: `${dirty} dirty page(s) of ${d.name} charged to ${g.name} wait for ${flusher} to write them back` });
    const by = cleanerOf(world, d);
    if (writeback + (flusher === undefined ? dirty : 0) > 0) edges.push({ from: node, to: by, why: `${writeback + (flusher === undefined ? dirty : 0)} page(s) of ${d.name} charged to ${g.name} are freed only through ${by}` });
  }
  return { status: `at the limit of group ${g.name} (${charged(world, x.s, g.index)} of ${g.limit} pages charged), waiting for the charge to drop`, edges };
}
