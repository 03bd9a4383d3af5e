/**
 * A state of an allocation model: an immutable value over its canonical bytes. Readers name
 * the parts (free pages, dirty pages on a device, an actor's registers); nothing writes to the
 * bytes after construction, so a state can be shared freely. It is also an Immutable.js value
 * object (`equals`/`hashCode`), so states can key Immutable collections.
 */
import { fingerprint, fp } from '../core/hash.js';
import { actorView, type ActorView } from './actor-view.js';
import { awaitingAck, droppedAcks } from './async-writeout.js';
import { heldInFlight, poolOutstanding } from './inflight-counts.js';
import { FREE, LEAK, R_HELD, RQ_MEMALLOC, RQ_NOIO } from './layout.js';
import { charged } from './memcg.js';
import { memcgOwners, memcgPages } from './memcg-world.js';
import { ownedPages, ownerOffsets } from './owner-offsets.js';
import type { World } from './world.js';

/** A queued request: who submitted it and the flags it carries. */
export interface Request {
  readonly from: string;
  readonly memalloc: boolean;
  readonly noio: boolean;
}

export class AllocState {
  constructor(
    readonly world: World,
    readonly bytes: Uint8Array,
  ) {}

  get free(): number {
    return this.bytes[FREE]!;
  }

  /** True once an allocation without the right to the reserve took free pages below M. */
  get leaked(): boolean {
    return this.bytes[LEAK] === 1;
  }

  private device(name: string): number {
    const d = this.world.deviceNamed.get(name);
    if (!d) throw new Error(`no device '${name}'`);
    return d.index;
  }

  dirty(device: string): number {
    return this.bytes[this.world.layout.dirty(this.device(device))]!;
  }

  underWriteout(device: string): number {
    return this.bytes[this.world.layout.writeout(this.device(device))]!;
  }

  /** Elements in a mempool now. */
  pool(name: string): number {
    const p = this.world.poolNamed.get(name);
    if (!p) throw new Error(`no mempool '${name}'`);
    return this.bytes[this.world.layout.pool(p.index)]!;
  }

  /** An actor in this state, by name or index. @example state.actor('kmirrord').held // 2 */
  actor(who: number | string): ActorView {
    return actorView(this.world, this.bytes, who);
  }

  /** A register of an actor (see layout.ts). */
  register(actor: number, r: number): number {
    return this.bytes[this.world.layout.actor(actor) + r]!;
  }

  queue(device: string): readonly Request[] {
    const d = this.world.devices[this.device(device)]!;
    if (d.kind !== 'daemon') return [];
    const at = this.world.layout.queue(d.index);
    const out: Request[] = [];
    for (let i = 0; i < this.bytes[at]!; i++) {
      const e = this.bytes[at + 1 + i]!;
      out.push({ from: this.world.actors[e >> 2]!.name, memalloc: (e & RQ_MEMALLOC) !== 0, noio: (e & RQ_NOIO) !== 0 });
    }
    return out;
  }

  /** Pages by owner: 'free', 'dirty on md0', 'under writeout on md0', 'mempool raid1', 'held by kmirrord'. */
  owners(): Record<string, number> {
    const { world, bytes } = this;
    const out: Record<string, number> = { free: bytes[FREE]! };
    for (const d of world.devices) {
      out[`dirty on ${d.name}`] = bytes[world.layout.dirty(d.index)]!;
      out[`under writeout on ${d.name}`] = bytes[world.layout.writeout(d.index)]!;
      if (world.layout.asyncWrites(d.index) >= 0) out[`send buffers of ${d.name} writes in flight`] = awaitingAck(world, bytes, d.index) + droppedAcks(world, bytes, d.index);
    }
    for (const p of world.pools) {
      out[`mempool ${p.name}`] = bytes[world.layout.pool(p.index)]!;
      if (p.returnedBy === 'daemon') out[`${p.name} elements in use or awaiting their daemon`] = poolOutstanding(world, bytes, p);
    }
    if (world.pageCache) out['clean page cache'] = bytes[world.layout.clean]!;
    for (const p of world.pools) if (p.device !== undefined) out[`${p.name} bios issued to ${world.devices[p.device]!.name}`] = bytes[world.layout.issued(p.index)]!;
    for (const a of world.actors) {
      const at = world.layout.bioList(a.index);
      if (at < 0) continue;
      out[`on ${a.name}'s bio_list`] = bytes[at]!;
      out[`punted to the rescuer by ${a.name}`] = bytes[at + 1]!;
    }
    for (const sh of world.shrinkers) out[`shrinker ${sh.name}`] = bytes[world.layout.shrinker(sh.index)]!;
    Object.assign(out, memcgOwners(world, bytes));
    for (const a of world.actors) {
      out[`held by ${a.name}`] = bytes[world.layout.actor(a.index) + R_HELD]!;
      if (a.inflight > 1) out[`in flight from ${a.name}`] = heldInFlight(world, bytes, a);
    }
    return out;
  }

  /** The sum over every owner: equals the zone's pages when pages are conserved. */
  totalPages(): number {
    const { world, bytes } = this;
    return ownedPages(world, bytes) + (ownerOffsets(world).others ? this.cleanAndSlab() : 0);
  }

  /** Pages dirty, under writeout, clean in the page cache, behind a shrinker or in bios on their way: what could still be freed. */
  reclaimable(): number {
    const { world, bytes } = this;
    let sum = 0;
    for (const d of world.devices) sum += bytes[world.layout.dirty(d.index)]! + bytes[world.layout.writeout(d.index)]!;
    return sum + this.cleanAndSlab();
  }

  private cleanAndSlab(): number {
    const { world, bytes } = this;
    let sum = world.pageCache ? bytes[world.layout.clean]! : 0;
    for (const sh of world.shrinkers) sum += bytes[world.layout.shrinker(sh.index)]!;
    sum += memcgPages(world, bytes);
    // Bios pending or in flight return to their bio_set once issued and completed.
    for (const p of world.pools) if (p.device !== undefined) sum += bytes[world.layout.issued(p.index)]!;
    for (const a of world.actors) {
      const at = world.layout.bioList(a.index);
      if (at >= 0) sum += bytes[at]! + bytes[at + 1]!;
    }
    return sum;
  }

  /** Pages charged to a memory cgroup (its members' hands, its page cache). @example state.charged('fuse') // 4 */
  charged(group: string): number {
    const g = this.world.groups.find((x) => x.name === group);
    if (!g) throw new Error(`no cgroup '${group}'`);
    return charged(this.world, this.bytes, g.index);
  }

  equals(other: unknown): boolean {
    if (!(other instanceof AllocState) || other.bytes.length !== this.bytes.length) return false;
    return this.bytes.every((b, i) => b === other.bytes[i]);
  }

  hashCode(): number {
    fingerprint(this.bytes);
    return fp.lo | 0;
  }
}
