/**
 * The process's other threads at a lower priority while cells are checked on the command's
 * thread. Those threads are V8's and libuv's: above all the optimising compiler, which on a
 * sweep of small cells takes about as much CPU as the checks themselves (the code warms up
 * cell after cell) on four threads. On a machine of two cores they took the command's core
 * from it a fifth of the time: a process of 0.74 s spent 0.52 s on that thread. At a lower
 * priority they run on the cores it leaves (bench/RESULTS.md, "Matrix throughput", fifth pass).
 *
 * Only where the priority can be given back (Linux, with the right to raise a priority: root,
 * or RLIMIT_NICE): once workers check the cells, their code is compiled by the same threads,
 * which must then not wait behind the workers themselves. Elsewhere nothing changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How far the other threads' nice value is raised. */
const LOWER_BY = 10;
const TASKS = '/proc/self/task';

/** The nice value the soft RLIMIT_NICE lets this process go back to (20 - limit), or undefined. */
function niceFloor(): number | undefined {
  const line = /^Max nice priority\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  if (line === null) return undefined;
  return line[1] === 'unlimited' ? -20 : 20 - Number(line[1]);
}

/** True when a thread's priority lowered from `nice` can be raised back to it. */
function mayRaiseTo(nice: number): boolean {
  if (process.getuid?.() === 0) return true;
  const floor = niceFloor();
  return floor !== undefined && floor <= nice;
}

/** The ids of this process's threads other than the command's (Linux). */
function otherThreads(): number[] {
  return readdirSync(TASKS).map(Number).filter((tid) => tid !== process.pid);
}

/**
 * Lowers the other threads' priority, and gives it back. Best effort: a thread gone meanwhile,
 * or a system without /proc, leaves things as they were.
 *
 * @example
 * const background = new BackgroundPriority();
 * background.lower(); // cells on this thread
 * background.restore(); // workers from now on
 */
export class BackgroundPriority {
  private lowered: Map<number, number> | undefined;

  lower(): void {
    if (this.lowered !== undefined || process.platform !== 'linux') return;
    this.lowered = new Map();
    let threads: number[];
    try {
      threads = otherThreads();
    } catch {
      return; // no /proc
    }
    for (const tid of threads) {
      try {
        const nice = getPriority(tid);
        if (!mayRaiseTo(nice)) continue;
        setPriority(tid, Math.min(19, nice + LOWER_BY));
        this.lowered.set(tid, nice);
      } catch {
        // The thread ended between the listing and the call.
      }
    }
  }

  restore(): void {
    for (const [tid, nice] of this.lowered ?? []) {
      try {
        setPriority(tid, nice);
      } catch {
        // The thread has ended.
      }
    }
    this.lowered = new Map(); // given back for good: the command's thread checks no more cells
  }
}
