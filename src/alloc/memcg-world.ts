/**
 * Memory cgroups as a world declares them, compiled: the groups with their limits, the group
 * each device's page cache is charged to (that of the tasks that dirty its pages; validation
 * checks there is one), and the owners of pages the groups add to a state.
 */
import type { ActorInfo, DeviceInfo, GroupInfo, Step, World, WorldSpec } from './world.js';

/** The device whose page cache a step creates (dirtying a page, writing through), if any. */
export function dirtiedDevices(step: Step): string[] {
  if (step.kind !== 'dirty' && step.kind !== 'write-through' && step.kind !== 'either') return [];
  return (step.refs ?? []).filter((r) => r.kind === 'device').map((r) => r.name);
}

/** The world's memory cgroups, in declaration order. */
export function cgroupsOf(spec: WorldSpec): GroupInfo[] {
  return Object.entries(spec.cgroups ?? {}).map(([name, g], index) => ({ index, name, limit: g.limit }));
}

/** The devices with the group their page cache is charged to, when a member of one dirties them. */
export function chargeDevices(devices: readonly DeviceInfo[], actors: readonly ActorInfo[]): DeviceInfo[] {
  return devices.map((d) => {
    const by = actors.find((a) => a.group !== undefined && a.program.some((i) => dirtiedDevices(i.step).includes(d.name)));
    return by === undefined ? d : { ...d, group: by.group! };
  });
}

/** Pages by the owners memory cgroups add: each group's clean page cache, temporary pages under writeback. */
export function memcgOwners(world: World, s: Uint8Array): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of world.groups) {
    const at = world.layout.groupClean(g.index);
    if (at >= 0) out[`clean page cache charged to ${g.name}`] = s[at]!;
  }
  for (const d of world.devices) {
    const at = world.layout.writebackTemp(d.index);
    if (at >= 0) out[`temporary pages under writeback on ${d.name}`] = s[at]!;
  }
  return out;
}

/** The sum of {@link memcgOwners}: pages reclaim or a completion will still free. */
export function memcgPages(world: World, s: Uint8Array): number {
  let n = 0;
  for (const g of world.groups) {
    const at = world.layout.groupClean(g.index);
    if (at >= 0) n += s[at]!;
  }
  for (const d of world.devices) {
    const at = world.layout.writebackTemp(d.index);
    if (at >= 0) n += s[at]!;
  }
  return n;
}
