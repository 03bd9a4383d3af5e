/**
 * Memory cgroups as a world declares them, compiled: the groups with their limits, and the group
 * each device's page cache is charged to (that of the tasks that dirty its pages; validation
 * checks there is one).
 */
import type { ActorInfo, DeviceInfo, GroupInfo, Step, WorldSpec } from './world.js';

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
