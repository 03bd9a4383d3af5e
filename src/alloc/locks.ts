/**
 * Mutexes held across steps (kernel/locking/mutex.c: mutex_lock, mutex_unlock). A task may take
 * a mutex, allocate, reclaim and wait while it holds it; a task that wants a mutex someone holds
 * sleeps in mutex_lock, uninterruptibly, until the holder releases it. The owner is kept in the
 * state (actor index + 1, 0 when free), so a wait on a mutex is a wait-for edge to its holder.
 */
import type { Exec } from './exec.js';
import type { Step, World } from './world.js';

function lockAt(world: World, name: string): number {
  const l = world.lockNamed.get(name);
  if (l === undefined) throw new Error(`no mutex '${name}'; declare it in the world's locks`);
  return world.layout.lock(l);
}

/** The holder of a mutex in state bytes `s`, or undefined when it is free. */
export function holderOf(world: World, s: Uint8Array, name: string): string | undefined {
  const owner = s[lockAt(world, name)]!;
  return owner === 0 ? undefined : world.actors[owner - 1]!.name;
}

/**
 * mutex_lock: takes the mutex if it is free, else sleeps until its holder releases it.
 *
 * @example task('writer', {}, [lock('i_mutex'), alloc(), free(), unlock('i_mutex')])
 */
export function lock(name: string): Step {
  return {
    kind: 'lock',
    lock: name,
    doing: () => `taking mutex ${name}`,
    run(x) {
      const at = lockAt(x.world, name);
      if (x.s[at] !== 0) return;
      const d = x.draft();
      d[at] = x.me.index + 1;
      x.done(d);
      x.emit(d, 'lock', x.quiet ? '' : `${x.me.name} takes mutex ${name}`);
    },
  };
}

/** mutex_unlock: releases a mutex the task holds (a model that unlocks another's mutex is wrong). */
export function unlock(name: string): Step {
  return {
    kind: 'unlock',
    doing: () => `releasing mutex ${name}`,
    run(x) {
      const at = lockAt(x.world, name);
      if (x.s[at] !== x.me.index + 1) throw new Error(`${x.me.name} releases mutex ${name}, which it does not hold`);
      const d = x.draft();
      d[at] = 0;
      x.done(d);
      x.emit(d, 'unlock', x.quiet ? '' : `${x.me.name} releases mutex ${name}`);
    },
  };
}

/** The wait-for edge of a task asleep in mutex_lock, if it is. */
export function lockWait(x: Exec, step: Step): { to: string; why: string } | undefined {
  if (step.kind !== 'lock' || step.lock === undefined) return undefined;
  const holder = holderOf(x.world, x.s, step.lock);
  return holder === undefined ? undefined : { to: holder, why: `asleep in mutex_lock(${step.lock}), which ${holder} holds` };
}
