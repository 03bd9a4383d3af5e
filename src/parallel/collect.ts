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
 * A search whose visited table and level in hand take less than this together does not collect
 * on its own: its buffers are few enough for V8's own collections, which it starts as they add
 * up, to keep them in check. On dm-raid1's 1.4 M states (a 16 MB table, levels of up to 10 MB)
 * with two threads, the collections (16 to 32 ms each, four or five a search) cost 2 to 3% of
 * the search and changed nothing in the peak RSS (138 MB either way); at 10^8 states the search
 * passes this size early and they go on as before.
 */
const SMALL_SEARCH = 32 * 2 ** 20;

/** True when letting go of `bytes` of buffers is worth a full collection, in a search whose table and level take `searchBytes`. */
export function worthCollecting(bytes: number, searchBytes: number): boolean {
  return bytes >= WORTH_IT && searchBytes >= SMALL_SEARCH;
}

/** Collects when the buffers let go of (`bytes`) are enough to matter in a search whose table and level take `searchBytes`. */
export function collect(bytes: number, searchBytes: number): void {
  if (worthCollecting(bytes, searchBytes)) gc();
}
