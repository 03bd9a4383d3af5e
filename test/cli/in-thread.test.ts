// The pool's checks on the command's own thread (inThreadMs): small cells of shipped models run
// here, a cell past its time here is checked again whole on a worker, and files go to workers.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCell } from '../../src/api/cell.js';
import { models } from '../../src/api/models.js';
import { checksInThread } from '../../src/cli/runner/in-thread.js';
import { workerPool } from '../../src/cli/runner/pool.js';
import type { CellJob } from '../../src/cli/runner/protocol.js';

const job = (id: number, model: string, params: Record<string, number | string> = {}, limits: CellJob['limits'] = { properties: ['no-deadlock'] }): CellJob => ({ id, model, policy: 'none', params, limits });
// With symmetry about 24,000 states and half a second: more than a few milliseconds anywhere.
const large = { pages: 12, queue: 3, background: 'yes', dirtiers: 5, pool: 4, legs: 3 };
const largeJob = (id: number, limits: CellJob['limits'] = {}): CellJob => ({ ...job(id, 'dm-raid1', large, { properties: ['pages-conserved'], ...limits }), policy: 'memalloc-inheritance' });
const modelFile = fileURLToPath(new URL('../../models/dm-raid1.ts', import.meta.url));

/** Runs `body` with a pool of one worker that checks cells of up to `ms` here, then closes it. */
async function withPool(ms: number, body: (pool: ReturnType<typeof workerPool>) => Promise<void>): Promise<void> {
  const pool = workerPool(1, { inThreadMs: ms });
  try {
    await body(pool);
  } finally {
    await pool.close();
  }
}

describe('checks on the command thread', () => {
  it('are for shipped models without policy files or partial order reduction', () => {
    expect(checksInThread(job(0, 'dm-raid1'))).toBe(true);
    expect(checksInThread(job(0, 'dm-raid1', {}, { por: true }))).toBe(false);
    expect(checksInThread(job(0, modelFile))).toBe(false);
    expect(checksInThread({ ...job(0, 'dm-raid1'), policyFiles: ['/tmp/mine.ts'] })).toBe(false);
  });

  it('answer small cells without starting a worker, each reply the cell\'s own check', () =>
    withPool(10_000, async (pool) => {
      const replies = await Promise.all([5, 6, 7].map((pages, i) => pool.run(job(i, 'dm-raid1', { pages }))));
      expect(pool.workers).toBe(0);
      const direct = [5, 6, 7].map((pages) => checkCell(models['dm-raid1'], 'none', { pages }, { properties: ['no-deadlock'] }));
      expect(replies.map((r) => r.ok && [r.id, r.json.verdict, r.json.stats.states])).toEqual(direct.map((d, i) => [i, d.verdict, d.stats.states]));
    }));

  it('hand the rest to workers once it would keep one busy for over a second, with more than one job', async () => {
    const jobs = [5, 6, 7, 5, 6, 7, 5, 6, 7, 5].map((pages, i) => job(i, 'dm-raid1', { pages }));
    // Unknown: as many jobs as may come. With one job at a time the command's thread keeps them all.
    for (const [size, workers] of [[2, 1], [1, 0]] as const) {
      const pool = workerPool(size, { inThreadMs: 10_000, backlog: () => Infinity, othersAfter: 60 });
      try {
        const replies = await Promise.all(jobs.map((j) => pool.run(j)));
        expect(replies.every((r) => r.ok && r.json.verdict === 'violated')).toBe(true);
        expect(pool.workers).toBe(workers);
      } finally {
        await pool.close();
      }
    }
  });

  it('send a model file to a worker', () =>
    withPool(10_000, async (pool) => {
      expect(await pool.run(job(1, modelFile, { pages: 5 }))).toMatchObject({ id: 1, ok: true, json: { verdict: 'violated' } });
      expect(pool.workers).toBe(1);
    }));

  it('check a cell past its time here again whole on a worker, which takes the cells after it', () =>
    withPool(20, async (pool) => {
      const first = await pool.run(largeJob(1));
      expect(first).toMatchObject({ id: 1, ok: true, json: { verdict: 'holds' } });
      expect(first.ok && first.json.incomplete).toBeUndefined();
      expect(pool.workers).toBe(1);
      expect(await pool.run(job(2, 'dm-raid1', { pages: 5 }))).toMatchObject({ id: 2, ok: true, json: { verdict: 'violated' } });
      expect(pool.workers).toBe(1);
    }));

  it("keep a cell's own time limit when it is the shorter one", () =>
    withPool(10_000, async (pool) => {
      expect(await pool.run(largeJob(1, { timeLimitSeconds: 0.01 }))).toMatchObject({ id: 1, ok: true, json: { verdict: 'incomplete', incomplete: 'time-limit' } });
      expect(pool.workers).toBe(0);
    }));

  it('stop at Ctrl-C: the cell under way is interrupted, the queued ones are not run', () =>
    withPool(10_000, async (pool) => {
      const first = pool.run(largeJob(1));
      const second = pool.run(job(2, 'dm-raid1'));
      setTimeout(() => pool.abort(), 50);
      expect(await first).toMatchObject({ id: 1, ok: true, json: { verdict: 'incomplete', incomplete: 'interrupted' } });
      expect(await second).toMatchObject({ id: 2, ok: false, notRun: true });
      expect(pool.workers).toBe(0);
    }));
});
