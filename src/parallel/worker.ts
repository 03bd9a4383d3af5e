/**
 * A worker thread of a parallel search: builds the model from its recipe, explores the states
 * it owns level by level, sends the others to their owners, and reports each level's end.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { Bfs } from '../core/bfs.js';
import { CheckError } from '../core/errors.js';
import { isSafety } from '../core/model.js';
import { Outbox, unpack, type Batch } from './outbox.js';
import { ownerOf, type FromWorker, type LevelReport, type ToWorker, type WorkerSetup } from './protocol.js';
import { loadRecipe } from './recipe.js';

const setup = workerData as WorkerSetup & { readonly ports: readonly (MessagePort | null)[] };
const parent = parentPort!;
const post = (m: FromWorker): void => parent.postMessage(m);

/** Yields to the event loop so that batches from the other workers are taken in. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function main(): Promise<void> {
  const model = await loadRecipe(setup.recipe);
  const safety = model.properties.filter((p) => setup.properties.includes(p.name)).filter(isSafety);
  const outboxes = setup.ports.map((p) => (p ? new Outbox(p) : undefined));
  const { index, workers } = setup;
  const bfs = new Bfs(model, safety, {
    maxStates: setup.maxStates, maxDepth: setup.maxDepth, symmetry: setup.symmetry, memoryLimit: setup.memoryLimit,
    partition: { owns: (hi) => ownerOf(hi, workers) === index, send: (hi, lo, bytes) => outboxes[ownerOf(hi, workers)]!.add(hi, lo, bytes) },
  });
  let received = 0;
  let expected = -1;
  let reported = 0;
  // Between a level's drain and the next level's start, a faster worker may already send
  // successors of the next level: they wait here, lest they join the level not yet begun.
  let between = false;
  const early: Batch[] = [];
  const report = (): LevelReport => {
    const findings = bfs.findings.slice(reported);
    reported = bfs.findings.length;
    return { states: bfs.states, transitions: bfs.transitions, next: bfs.nextLength, tableBytes: bfs.table.bytes, peakFrontierBytes: bfs.peakFrontierBytes, findings, stopped: bfs.stopped };
  };
  const drained = (): void => {
    if (expected < 0 || received < expected) return;
    received -= expected;
    expected = -1;
    between = true;
    post({ type: 'drained', report: report() });
  };
  const take = (batch: Batch): void => {
    unpack(batch, bfs);
    received++;
    drained();
  };
  for (const port of setup.ports) port?.on('message', (batch: Batch) => (between ? early.push(batch) : take(batch)));
  const expand = async (): Promise<void> => {
    bfs.beginLevel();
    between = false;
    for (const batch of early.splice(0)) take(batch);
    while (!bfs.levelDone && !bfs.finished) {
      const end = performance.now() + 20;
      bfs.run(() => performance.now() >= end);
      await breathe();
    }
    for (const o of outboxes) o?.flush();
    post({ type: 'expanded', sent: outboxes.map((o) => o?.takeCount() ?? 0) });
  };
  parent.on('message', (m: ToWorker) => {
    if (m.type === 'expand') void expand().catch(fail);
    else if (m.type === 'drain') {
      expected = m.expect;
      drained();
    } else bfs.stop(m.reason);
  });
  // The initial states are level -1's successors: sent like any others, then drained.
  for (const o of outboxes) o?.flush();
  post({ type: 'expanded', sent: outboxes.map((o) => o?.takeCount() ?? 0) });
}

function fail(e: unknown): void {
  post({ type: 'failed', message: e instanceof Error ? e.message : String(e), ...(e instanceof CheckError ? { code: e.code } : {}) });
}

main().catch(fail);
