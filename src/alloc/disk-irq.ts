/**
 * The disk interrupt, the actor a disk brings with it: completes any I/O in flight on the disk,
 * in any order. It runs in every state, so what it looks for is worked out once per world:
 * whether any daemon keeps asynchronous I/O on this disk, whether any bio_set completes here,
 * and at which program steps each actor's I/O goes to this disk. The moves and their order are
 * those of a walk over every actor asking each of them.
 */
import type { Exec } from './exec.js';
import { completeAsync } from './inflight.js';
import { completeBios } from './bio.js';
import { F_INFLIGHT, R_FLAGS, R_HELD, R_PC, R_WO, R_WODEV, WO_INFLIGHT } from './layout.js';
import { preparedStep } from './per-exec.js';
import { completeSubmit, freedFrom } from './request-steps.js';
import { completeDiskWrite } from './writeout.js';
import type { ActorInfo, DeviceInfo, PoolInfo, Step } from './world.js';

interface DiskPlan {
  readonly dev: DeviceInfo;
  /** The asynchronous daemons (more than one request in flight) whose I/O goes to this disk. */
  readonly daemons: readonly ActorInfo[];
  readonly bios: boolean;
  readonly bases: Int32Array;
  /** Per actor, 1 at each pc whose step submits to this disk (the step's device). */
  readonly submitsAt: readonly Uint8Array[];
  /** Per actor and pc, the pool a completed submit's pages go back to (request-steps.ts, freedTo). */
  readonly freedTo: readonly (readonly (PoolInfo | undefined)[])[];
}

function diskPlan(x: Exec, device: number): DiskPlan {
  const world = x.world;
  const dev = world.devices[device]!;
  const onDisk = (a: ActorInfo): Uint8Array => Uint8Array.from(a.program, (i) => (i.step.device === dev.name ? 1 : 0));
  return {
    dev,
    daemons: world.actors.filter((a) => a.inflight >= 2 && a.program.some((i) => i.step.kind === 'submit' && i.step.device === dev.name)),
    bios: world.pools.some((p) => p.device === device),
    bases: Int32Array.from(world.actors, (a) => world.layout.actor(a.index)),
    submitsAt: world.actors.map(onDisk),
    // Only where a submit to this disk may wait: a custom step elsewhere may name no real pool.
    freedTo: world.actors.map((a) => a.program.map((i) => (i.step.device === dev.name ? freedFrom(x, a, i.step.pool) : undefined))),
  };
}

export function diskInterrupt(device: number): Step {
  return preparedStep({ kind: 'irq', rest: () => true }, (x) => {
    const { dev, daemons, bios, bases, submitsAt, freedTo } = diskPlan(x, device);
    const actors = x.world.actors;
    // Actors with no step submitting here are skipped before their flags are read.
    const submits = Uint8Array.from(submitsAt, (at) => (at.includes(1) ? 1 : 0));
    return (x) => {
      if (daemons.length > 0) completeAsync(x, dev.name, daemons);
      if (bios) completeBios(x, device);
      const s = x.s;
      for (let i = 0; i < actors.length; i++) {
        const base = bases[i]!;
        if (s[base + R_WO] === WO_INFLIGHT && s[base + R_WODEV] === device) completeWrite(x, dev, actors[i]!);
        if (submits[i] === 1 && s[base + R_FLAGS]! & F_INFLIGHT && submitsAt[i]![s[base + R_PC]!] === 1) completeIo(x, dev, actors[i]!, base, freedTo[i]![s[base + R_PC]!]);
      }
    };
  });
}

function completeWrite(x: Exec, dev: DeviceInfo, a: ActorInfo): void {
  x.serving = a.name;
  const d = x.draft();
  completeDiskWrite(x, d, a.index, dev);
  x.emit(d, 'complete', x.quiet ? '' : `${dev.name} completes ${a.name}'s writeout; the page is ${x.world.pageCache ? 'clean' : 'free'}`);
}

function completeIo(x: Exec, dev: DeviceInfo, a: ActorInfo, base: number, pool: PoolInfo | undefined): void {
  x.serving = a.name;
  const d = x.draft();
  completeSubmit(x, d, a.index, pool);
  x.emit(d, 'complete', x.quiet ? '' : `${dev.name} completes ${a.name}'s I/O and frees its ${x.s[base + R_HELD]} page(s)`);
}
