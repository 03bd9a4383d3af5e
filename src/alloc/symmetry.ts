/**
 * Symmetry of an allocation model: actors declared `symmetric` (the instances of one dirtier
 * declaration, say) are interchangeable, so two states that differ only by a permutation of
 * them have the same future up to that permutation. The canonical form sorts each group's
 * register blocks and renames every reference to a member (queue entries name their submitter;
 * a daemon's R_REQ names the one it serves), so states equal up to the permutation encode alike.
 *
 * Soundness: the canonical bytes are always the encoding of a permutation of the state, so a
 * reduced search visits one representative of each class. That is exact for every property
 * that cannot tell group members apart (all the shipped safety properties: they read only
 * counts, sums and flags); a property that names one member (e.g. "dirtier1 never waits") must
 * not be checked with the reduction.
 */
import { CheckError } from '../core/errors.js';
import { REGISTERS, R_REQ, SLOT, SLOT_REQ } from './layout.js';
import type { ActorInfo, World } from './world.js';

/** The same actor apart from its name and index: what makes two instances interchangeable. */
function sameRole(a: ActorInfo, b: ActorInfo): boolean {
  return a.kind === b.kind && a.context === b.context && a.flags === b.flags && a.program === b.program && a.serves === b.serves &&
    a.inheritNoio === b.inheritNoio && a.kthread === b.kthread && a.inflight === b.inflight && a.throttle === b.throttle && a.rescues === b.rescues && a.fairness === b.fairness && a.device === b.device;
}

/**
 * The declared groups (actor names) as actor indices, each checked: its members play the same
 * role and none is named by the world's structure (a device's daemon, a rescuer's daemon),
 * which would tell it apart. A group that fails is an error, not a silent loss of reduction.
 */
export function symmetryGroups(world: World, declared: readonly (readonly string[])[]): number[][] {
  const pinned = new Set<number>();
  for (const d of world.devices) if (d.daemonIndex !== undefined) pinned.add(d.daemonIndex);
  for (const a of world.actors) if (a.rescues !== undefined) pinned.add(a.rescues);
  return declared.map((names) => {
    const members = names.map((n) => {
      const a = world.actors.find((x) => x.name === n);
      if (!a) throw new CheckError('bad-option', `symmetric group names '${n}', which is not an actor`);
      return a;
    });
    const first = members[0]!;
    const odd = members.find((a) => !sameRole(a, first) || pinned.has(a.index));
    if (odd) throw new CheckError('bad-option', `actors ${names.join(', ')} are declared symmetric, but ${odd.name} is not interchangeable with ${first.name}; declare them with symmetric: false`);
    return members.map((a) => a.index).sort((x, y) => x - y);
  });
}

/** Offsets of bytes that name an actor as index + 1 (as R_REQ does): in-flight submitters, mutex owners. */
function actorRefs(world: World): Int32Array {
  const out: number[] = [];
  for (const a of world.actors) for (let i = 0; a.inflight > 1 && i < a.inflight; i++) out.push(world.layout.slots(a.index) + SLOT * i + SLOT_REQ);
  for (const l of world.lockNamed.values()) out.push(world.layout.lock(l));
  return Int32Array.from(out);
}

/** Where references to actors live in a state: queue entries (index << 2 | flags), R_REQ and {@link actorRefs}. */
function queueSpans(world: World): (readonly [number, number])[] {
  return world.devices.filter((d) => d.kind === 'daemon').map((d) => [world.layout.queue(d.index), d.kind === 'daemon' ? d.queue : 0] as const);
}

/**
 * A function from state bytes to canonical bytes (a scratch view, valid until the next call).
 *
 * @example
 * const canon = canonicalizer(model.world, symmetryGroups(model.world, model.symmetry));
 * canon(a.bytes) // equal to canon(b.bytes) when a and b differ only by swapping dirtier1 and dirtier2
 */
export function canonicalizer(world: World, groups: readonly (readonly number[])[]): (bytes: Uint8Array) => Uint8Array {
  // Runs once per successor: flat tables built here, no allocation or callback per call.
  const n = world.actors.length;
  const out = new Uint8Array(world.layout.size);
  const base = Int32Array.from(world.actors, (a) => world.layout.actor(a.index));
  const spans = queueSpans(world);
  const spanAt = Int32Array.from(spans, ([at]) => at);
  const spanCap = Int32Array.from(spans, ([, cap]) => cap);
  const slots = actorRefs(world);
  const ref = new Int32Array(n);
  const rename = new Int32Array(n);
  const members = groups.map((g) => Int32Array.from(g));
  const order = groups.map((g) => Int32Array.from(g));
  let bytes: Uint8Array = out;
  const before = (x: number, y: number): boolean => (compareActors(bytes, base[x]!, base[y]!) || ref[x]! - ref[y]! || x - y) < 0;
  return (given) => {
    bytes = given;
    out.set(bytes);
    ref.fill(0);
    // Where each actor is referenced: a queue position or a server, a tie-breaker among equal registers.
    let code = 1;
    for (let q = 0; q < spanAt.length; q++) {
      const at = spanAt[q]!;
      for (let i = 0; i < bytes[at]!; i++) ref[bytes[at + 1 + i]! >> 2] ||= code + i;
      code += spanCap[q]!;
    }
    for (let a = 0; a < n; a++) {
      const req = bytes[base[a]! + R_REQ]!;
      if (req !== 0) ref[req - 1] ||= code + a;
    }
    code += n;
    for (let i = 0; i < slots.length; i++) {
      const req = bytes[slots[i]!]!;
      if (req !== 0) ref[req - 1] ||= code + i;
    }
    for (let a = 0; a < n; a++) rename[a] = a;
    for (let k = 0; k < members.length; k++) {
      const sorted = insertionSort(order[k]!, before);
      const to = members[k]!;
      for (let i = 0; i < sorted.length; i++) {
        const from = sorted[i]!;
        rename[from] = to[i]!;
        if (from !== to[i]) copyRegisters(bytes, base[from]!, out, base[to[i]!]!);
      }
    }
    for (let q = 0; q < spanAt.length; q++) {
      const at = spanAt[q]!;
      for (let i = 0; i < out[at]!; i++) out[at + 1 + i] = (rename[out[at + 1 + i]! >> 2]! << 2) | (out[at + 1 + i]! & 3);
    }
    for (let a = 0; a < n; a++) {
      const req = out[base[a]! + R_REQ]!;
      if (req !== 0) out[base[a]! + R_REQ] = rename[req - 1]! + 1;
    }
    for (let i = 0; i < slots.length; i++) {
      const req = out[slots[i]!]!;
      if (req !== 0) out[slots[i]!] = rename[req - 1]! + 1;
    }
    return out;
  };
}

/** One actor's register block; a loop, as a `subarray` view a call would be an allocation. */
function copyRegisters(from: Uint8Array, at: number, to: Uint8Array, into: number): void {
  for (let r = 0; r < REGISTERS; r++) to[into + r] = from[at + r]!;
}

/** Sorts a group's few members in place: `before` is a strict total order, so the result is unique. */
function insertionSort(a: Int32Array, before: (x: number, y: number) => boolean): Int32Array {
  for (let i = 1; i < a.length; i++) {
    const v = a[i]!;
    let j = i - 1;
    for (; j >= 0 && before(v, a[j]!); j--) a[j + 1] = a[j]!;
    a[j + 1] = v;
  }
  return a;
}

function compareActors(bytes: Uint8Array, x: number, y: number): number {
  for (let r = 0; r < REGISTERS; r++) {
    const d = bytes[x + r]! - bytes[y + r]!;
    if (d !== 0) return d;
  }
  return 0;
}
