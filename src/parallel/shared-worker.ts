/**
 * A worker thread of the shared-table parallel search: builds the model from its recipe, then
 * expands its share of each level it is sent (expander.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CheckError } from '../core/errors.js';
import { isSafety } from '../core/model.js';
import { symmetryKey } from '../core/symmetry.js';
import { collect } from './collect.js';
import { Expander } from './expander.js';
import { buildRecipe } from './recipe.js';
import { warmExpander } from './warm-up.js';
import type { FromSharedWorker, SharedSetup, ToSharedWorker } from './shared-protocol.js';
import { rehash } from './shared-table.js';

/** Milliseconds a worker warms up before it reports ready (warm-up.ts). */
const WARM_UP_MS = 150;

const setup = workerData as SharedSetup;
const parent = setup.port ?? parentPort!;
const post = (m: FromSharedWorker, transfer: ArrayBuffer[] = []): void => parent.postMessage(m, transfer);

/**
 * Called by the thread's entry (thread-entry.ts) with the recipe's module: builds
 * the model and expands the levels it is sent.
 */
export function serveLevels(module: { readonly default?: unknown }, policies: readonly unknown[] = []): void {
  try {
    const model = buildRecipe(module, setup.recipe, policies);
    const safety = model.properties.filter((p) => setup.properties.includes(p.name)).filter(isSafety);
    const key = symmetryKey(model, setup.symmetry);
    const control = new Int32Array(setup.control);
    const expander = warmExpander(model, key, () => new Expander(model, safety, key, control), WARM_UP_MS);
    parent.on('message', (m: ToSharedWorker) => {
      try {
        if (m.type === 'grow') return post({ type: 'grown', buffers: m.segments.map((b, i) => rehash(b, m.capacities[i]!)) });
        expander.begin(m);
        expander.work();
        const done = expander.finish();
        post(done, [done.overflow.buffer as ArrayBuffer, done.perSegment.buffer as ArrayBuffer]);
        // Collect once this handler, which holds the order and its buffers, has returned.
        if (m.release) setImmediate(() => collect(Infinity, Infinity));
      } catch (e) {
        fail(e);
      }
    });
    post({ type: 'ready' });
  } catch (e) {
    fail(e);
  }
}

function fail(e: unknown): void {
  post({ type: 'failed', message: e instanceof Error ? e.message : String(e), ...(e instanceof CheckError ? { code: e.code } : {}) });
}
