/** Checks of the devices: known kinds, and the mempool or daemon each one names. */
import type { WorldSpec } from '../world.js';
import { checkRef } from './names.js';
import { listed, notWhole, problem, show, type Problem } from './rules.js';

/** Queue entries are counted in one byte of a state; far fewer are ever checkable. */
export const MAX_QUEUE = 64;

const deviceKinds = ['disk', 'network', 'daemon'];

export function* deviceChecks(spec: WorldSpec): Iterable<Problem> {
  if (typeof spec.devices !== 'object' || spec.devices === null) return yield problem('world', 'devices', 'must be a record of devices by name');
  for (const [name, d] of Object.entries(spec.devices)) {
    const subject = `device ${name}`;
    if (!deviceKinds.includes(d?.kind)) {
      yield problem(subject, 'kind', `must be one of ${deviceKinds.join(', ')}, got ${show(d?.kind)}`);
      continue;
    }
    if (d.kind === 'disk' && d.pool !== undefined) {
      const bad = checkRef(spec, subject, 'pool', { kind: 'pool', name: d.pool, field: 'pool' });
      if (bad) yield bad;
    }
    if (d.kind === 'network' && typeof d.retransmit !== 'boolean') yield problem(subject, 'retransmit', `must be true or false, got ${show(d.retransmit)}`);
    if (d.kind === 'network' && d.asyncReclaim !== undefined && typeof d.asyncReclaim !== 'boolean') yield problem(subject, 'asyncReclaim', `must be true or false, got ${show(d.asyncReclaim)}`);
    if (d.kind === 'network' && d.swap !== undefined && typeof d.swap !== 'boolean') yield problem(subject, 'swap', `must be true or false, got ${show(d.swap)}`);
    if (d.kind === 'daemon') yield* daemonDeviceChecks(spec, name, d.daemon, d.queue);
  }
}

function* daemonDeviceChecks(spec: WorldSpec, name: string, daemon: string, queue: number): Iterable<Problem> {
  const subject = `device ${name}`;
  const bad = notWhole(queue, 1, MAX_QUEUE);
  if (bad) yield problem(subject, 'queue', bad);
  const actor = spec.actors.find((a) => a.name === daemon);
  const daemons = spec.actors.filter((a) => a.kind === 'daemon' && a.rescues === undefined).map((a) => a.name);
  if (actor?.kind !== 'daemon') {
    yield problem(subject, 'daemon', `names '${daemon}', which is not a declared daemon; daemons: ${listed(daemons)}`);
  } else if (actor.serves !== name) {
    yield problem(subject, 'daemon', `names '${daemon}', which serves ${show(actor.serves)}, not ${name}`);
  }
}
