/**
 * The OOM killer and the oom_reaper (mm/oom_kill.c: out_of_memory, select_bad_process,
 * oom_evaluate_task, mark_oom_victim, oom_reap_task; mm/page_alloc.c __alloc_pages_may_oom).
 *
 * An allocation that may reclaim and enter the fs (__GFP_FS: GFP_KERNEL-like) and whose direct
 * reclaim finds nothing to free calls out_of_memory; GFP_NOFS and GFP_NOIO allocations do not
 * ("the OOM killer does not compensate for IO-less reclaim"), they retry. The killer picks the
 * user task with the largest footprint (oom_badness; kernel threads are never picked), sends it
 * SIGKILL and marks it an OOM victim (TIF_MEMDIE), which lets it use the reserves to exit. While
 * a victim lives, oom_evaluate_task aborts the selection: nothing else is killed. The victim frees
 * its memory only by running to exit: asleep in mutex_lock (uninterruptible) on a mutex whose
 * holder waits for memory, it never gets there. The oom_reaper (4.6, aac453635549) frees the
 * victim's anonymous memory without the victim running, and the victim then no longer holds up
 * the next selection (MMF_OOM_SKIP).
 *
 * In the state: F_OOM_VICTIM in the victim's R_FLAGS; a task that has exited has its pc one past
 * its program's end and every other register cleared.
 */
import { FS, IO, PF_MEMALLOC, effective } from './context.js';
import type { Exec } from './exec.js';
import { lockWait } from './locks.js';
import { memcgPages } from './memcg-world.js';
import { FREE, F_INFLIGHT, R_FLAGS, R_HELD, R_PC, REGISTERS } from './layout.js';
import type { Site } from './policy.js';
import type { ActorInfo, Step, World } from './world.js';

/** TIF_MEMDIE: the task is an OOM victim, SIGKILL pending. */
export const F_OOM_VICTIM = 128;

/** Whether an actor has exited (its pc is past its program). */
export function exited(world: World, s: Uint8Array, a: ActorInfo): boolean {
  return s[world.layout.actor(a.index) + R_PC]! >= a.program.length;
}

/** A victim the killer waits for: marked, not exited, its memory not reaped (MMF_OOM_SKIP). */
export function liveVictim(world: World, s: Uint8Array): ActorInfo | undefined {
  return world.actors.find((a) => {
    const at = world.layout.actor(a.index);
    return s[at + R_FLAGS]! & F_OOM_VICTIM && s[at + R_HELD]! > 0 && !exited(world, s, a);
  });
}

/**
 * oom_badness over the user tasks: those with the largest footprint (more than none). On a tie
 * the kernel takes the first in its task list, an order the model does not fix: each is a choice.
 */
function selectBadProcess(world: World, s: Uint8Array): ActorInfo[] {
  const held = (a: ActorInfo): number => s[world.layout.actor(a.index) + R_HELD]!;
  const candidates = world.actors.filter((a) => !a.kthread && ['dirtier', 'task', 'daemon'].includes(a.kind) && !exited(world, s, a));
  const most = Math.max(0, ...candidates.map(held));
  return most === 0 ? [] : candidates.filter((a) => held(a) === most);
}

/** Nothing reclaim could free or that is on its way back (dirty, under writeout, clean, slab). */
function nothingReclaimable(world: World, s: Uint8Array): boolean {
  for (const d of world.devices) if (s[world.layout.dirty(d.index)]! + s[world.layout.writeout(d.index)]! > 0) return false;
  if (world.pageCache && s[world.layout.clean]! > 0) return false;
  if (memcgPages(world, s) > 0) return false;
  return world.shrinkers.every((sh) => s[world.layout.shrinker(sh.index)] === 0);
}

/**
 * __alloc_pages_may_oom, for the current task whose reclaim found nothing: out_of_memory kills
 * the largest task unless a victim lives or the mask lacks __GFP_FS. True when it killed.
 */
export function outOfMemory(x: Exec, _site: Site, mask: number): boolean {
  const { world } = x;
  const m = effective(mask);
  if (!(m & FS) || !(m & IO) || m & PF_MEMALLOC) return false;
  if (!nothingReclaimable(world, x.s) || liveVictim(world, x.s)) return false;
  const victims = selectBadProcess(world, x.s);
  for (const victim of victims) {
    const at = world.layout.actor(victim.index);
    const d = x.draft();
    d[at + R_FLAGS] = d[at + R_FLAGS]! | F_OOM_VICTIM;
    const held = x.s[at + R_HELD]!;
    x.emit(d, 'oom-kill', x.quiet ? '' : `${x.me.name}'s reclaim frees nothing: out_of_memory kills ${victim.name}, the task with the most memory (${held} pages), and marks it an OOM victim`, mask);
  }
  return victims.length > 0;
}

/**
 * The victim's moves: to exit, freeing what it holds and releasing its mutexes, unless it sleeps
 * uninterruptibly (in mutex_lock on a held mutex, or on its own I/O), where only its step may move.
 */
export function victimMoves(x: Exec, step: Step): void {
  if (lockWait(x, step) || x.reg(R_FLAGS) & F_INFLIGHT) return step.run(x);
  const d = x.draft();
  const held = x.reg(R_HELD);
  x.move(d, x.heldAt, FREE, held);
  for (const l of x.world.lockNamed.values()) if (d[x.world.layout.lock(l)] === x.me.index + 1) d[x.world.layout.lock(l)] = 0;
  d.fill(0, x.a, x.a + REGISTERS);
  x.set(d, R_PC, x.me.program.length);
  x.emit(d, 'oom-exit', x.quiet ? '' : `${x.me.name}, killed by the OOM killer, runs to exit and frees its ${held} page(s)`);
}

/** The oom_reaper's work: free a live victim's anonymous memory without the victim running. */
export function oomReap(): Step {
  return {
    kind: 'oom-reap',
    doing: () => 'reaping an OOM victim',
    rest: () => true,
    run(x) {
      const victim = liveVictim(x.world, x.s);
      if (!victim) return;
      const at = x.world.layout.actor(victim.index);
      const held = x.s[at + R_HELD]!;
      const d = x.draft();
      x.move(d, at + R_HELD, FREE, held);
      x.emit(d, 'oom-reap', x.quiet ? '' : `${x.me.name} frees ${held} anonymous page(s) of OOM victim ${victim.name} without it running`);
    },
  };
}

/** Why the memory waits on a live victim, for the wait-for graph. */
export function victimEdge(world: World, s: Uint8Array): { from: string; to: string; why: string } | undefined {
  const v = liveVictim(world, s);
  if (!v) return undefined;
  const held = s[world.layout.actor(v.index) + R_HELD]!;
  return { from: 'memory', to: v.name, why: `the OOM killer waits for its victim ${v.name} to exit and free ${held} page(s), and kills no other task while it lives` };
}
