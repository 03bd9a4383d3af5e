import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { dropEarlyWorker, HeldWorker, startCheckWorkerEarly } from '../../src/cli/runner/early-worker.js';
import { workerPool } from '../../src/cli/runner/pool.js';

const job = { id: 1, model: 'dm-raid1', policy: 'none', params: { pages: 5 }, limits: { properties: ['no-deadlock'] } };

describe('the check worker started early', () => {
  afterEach(async () => void (await dropEarlyWorker()));

  it('is not started for --jobs 0 or --mechanisms, which check on the command thread', () => {
    expect(startCheckWorkerEarly(['./mine.ts', '--jobs', '0'])).toBe(false);
    expect(startCheckWorkerEarly(['./mine.ts', '--jobs=0'])).toBe(false);
    expect(startCheckWorkerEarly(['--mechanisms'])).toBe(false);
  });

  it('is not started for shipped models only, whose small cells the command thread checks first', () => {
    expect(startCheckWorkerEarly(['dm-raid1', 'nfs-ack', '--policies', 'none,mempool-only', '--sweep', 'pages=5..9', '--jobs', '2'])).toBe(false);
  });

  it('is not started for an output, cache or shard argument, which names no model', () => {
    expect(startCheckWorkerEarly(['dm-raid1', '--out', 'out/cells', '--cache=.cache/matrix', '--shard', '1/4'])).toBe(false);
    expect(startCheckWorkerEarly(['dm-raid1', '--shard=2/4', '--out=./out'])).toBe(false);
  });

  it.each([[['mine.ts']], [['dm-raid1', '--policies', 'none,mine.js']], [['dm-raid1', '--policies', 'mempool-only+policies/mine.ts']]])('is started when an argument names a file, which only workers check: %j', (argv) => {
    expect(startCheckWorkerEarly(argv)).toBe(true);
  });

  it("is the pool's first worker: the pool takes it, and its check is answered", async () => {
    expect(startCheckWorkerEarly(['./mine.ts', '--jobs', '2'])).toBe(true);
    const pool = workerPool(1);
    try {
      expect(await pool.run(job)).toMatchObject({ id: 1, ok: true, json: { verdict: 'violated' } });
      expect(pool.workers).toBe(1);
      // Taken by the pool: nothing is left to drop.
      expect(await dropEarlyWorker()).toBe(false);
    } finally {
      await pool.close();
    }
  });

  it('is ended by a pool that never needed a worker', async () => {
    expect(startCheckWorkerEarly(['./mine.ts'])).toBe(true);
    await workerPool(1).close();
    expect(await dropEarlyWorker()).toBe(false);
  });
});

describe('HeldWorker', () => {
  it('holds the messages a worker posts before anyone listens, and delivers them in order', async () => {
    const w = new HeldWorker(new Worker("const { parentPort } = require('node:worker_threads'); parentPort.postMessage(1); parentPort.postMessage(2);", { eval: true }));
    // Listened to only once the worker is gone, so every event must have been held.
    await once(w.worker, 'exit');
    const seen: unknown[] = [];
    const exited = new Promise<number>((resolve) => w.listen({ message: (m) => seen.push(m), error: () => {}, exit: resolve }));
    expect(await exited).toBe(0);
    expect(seen).toEqual([1, 2]);
  });
});
