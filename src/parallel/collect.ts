/**
 * A full garbage collection on demand. A SharedArrayBuffer's memory is freed only when every
 * thread holding it has collected its wrapper, and a worker whose heap barely grows may not
 * collect for a long time: the visited tables and frontier chunks a parallel search has moved
 * past then pile up (measured: 6.6 GB peak for 10^8 states instead of about 2). The search calls
 * this where it drops a table or a level, in every thread.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Below this, what piles up is small next to a V8 isolate, and a full collection costs more. */
const WORTH_IT = 256 * 2 ** 20;

/** Collects when the buffers at stake (`bytes`) are large enough to matter. */
export function collect(bytes: number): void {
  if (bytes >= WORTH_IT) gc();
}
