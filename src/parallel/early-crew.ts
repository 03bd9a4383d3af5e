/**
 * The threads of a parallel search started beside the supervised search thread (supervise.ts)
 * rather than by it: a thread takes about 0.13 s to start and load the model, and its first
 * states run in code V8 has not compiled for it yet, so one started only once the search has run
 * for a while (check-parallel.ts) joined it cold, late in the search of a few seconds. Started
 * together with the search thread, the threads start on the second core while the search thread
 * starts on the first, and warm up (warm-up.ts) while the search begins alone. They talk to the
 * search thread through ports; the thread that started them ends them.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { ModelRecipe } from './protocol.js';
import type { EarlyCrew, SharedSetup } from './shared-protocol.js';

export interface StartedCrew {
  /** For the search thread: its ends of the ports, and the control flags. */
  readonly crew: EarlyCrew;
  /** For the starter, which ends them. */
  readonly threads: readonly Worker[];
}

/**
 * Starts `count` threads of a parallel search of `recipe` from the bundle at `url`, to be handed to
 * the search thread (transfer `crew.ports` with it).
 *
 * @example
 * const { crew, threads } = startCrew(url, recipe, ['pages-conserved'], true, 1);
 * new Worker(url, { workerData: { ...setup, crew }, transferList: [...crew.ports] });
 */
export function startCrew(url: URL, recipe: ModelRecipe, properties: readonly string[], symmetry: boolean, count: number): StartedCrew {
  const control = new SharedArrayBuffer(8);
  const channels = Array.from({ length: count }, () => new MessageChannel());
  const threads = channels.map(({ port1 }) => {
    const workerData: SharedSetup = { recipe, properties, symmetry, control, port: port1 };
    return new Worker(url, { workerData, transferList: [port1] });
  });
  return { crew: { ports: channels.map((c) => c.port2), control }, threads };
}
