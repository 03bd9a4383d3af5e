/**
 * A full garbage collection on demand. A SharedArrayBuffer's memory is freed only when every
 * thread holding it has collected its wrapper, and a thread whose heap barely grows may not
 * collect for a long time: the visited-table segments and frontier chunks a parallel search has
 * moved past then pile up (measured: 404 MB of buffers alive for a 114 MB table at 10^7 states;
 * 6.6 GB peak for 10^8 states). Every thread collects where it lets go of enough of them.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Below this, what would be freed is small next to a thread's own heap. Above it, a level or a
 * table growth costs far more than a collection of a heap this small (a few ms).
 */
const WORTH_IT = 16 * 2 ** 20;

/** True when letting go of `bytes` of buffers is worth a full collection. */
export function worthCollecting(bytes: number): boolean {
  return bytes >= WORTH_IT;
}

/** Collects when the buffers let go of (`bytes`) are enough to matter. */
export function collect(bytes: number): void {
  if (worthCollecting(bytes)) gc();
}
