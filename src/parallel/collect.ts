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

/**
 * A search whose visited table is smaller does not collect on its own: its buffers are few
 * enough for V8's own collections, which it starts as they add up, to keep them in check. On
 * dm-raid1's 1.4 M states (a table of 16 to 32 MB) with two threads, the collections (about
 * 30 ms each, four or five a search) cost 2 to 3% of the search and changed nothing in the
 * peak RSS (138 MB either way); at 10^8 states the table passes this size early and they go on
 * as before.
 */
const SMALL_SEARCH = 32 * 2 ** 20;

/** True when letting go of `bytes` of buffers is worth a full collection, in a search whose table has `tableBytes`. */
export function worthCollecting(bytes: number, tableBytes: number): boolean {
  return bytes >= WORTH_IT && tableBytes >= SMALL_SEARCH;
}

/** Collects when the buffers let go of (`bytes`) are enough to matter in a search whose table has `tableBytes`. */
export function collect(bytes: number, tableBytes: number): void {
  if (worthCollecting(bytes, tableBytes)) gc();
}
