import { describe, expect, it } from 'vitest';
import { workerPool } from '../../src/cli/runner/pool.js';

const job = (id: number, model: string, params: Record<string, number | string> = {}) => ({ id, model, policy: 'none', params, limits: { properties: ['no-deadlock'] } });
const looping = new URL('../support/fixtures/looping-model.ts', import.meta.url).pathname;
// at=1: the first successor the check computes never returns.
const stuck = (id: number, limits = {}) => ({ id, model: looping, policy: undefined, params: { at: 1 }, limits });

describe('the worker pool', () => {
  it('runs jobs on at most `size` workers, each reply matching its job', async () => {
    const pool = workerPool(2);
    try {
      const replies = await Promise.all([5, 6, 7].map((pages, i) => pool.run(job(i, 'dm-raid1', { pages }))));
      expect(replies.map((r) => r.id)).toEqual([0, 1, 2]);
      expect(replies.every((r) => r.ok && r.json.verdict === 'violated')).toBe(true);
      expect(replies.map((r) => (r.ok ? r.json.params : null))).toMatchObject([{ pages: 5 }, { pages: 6 }, { pages: 7 }]);
    } finally {
      await pool.close();
    }
  });

  it('a job that fails in a worker comes back as an error reply, and the pool goes on', async () => {
    const pool = workerPool(1);
    try {
      const bad = await pool.run(job(1, '/nonexistent/model.ts'));
      expect(bad).toMatchObject({ id: 1, ok: false, usage: true, message: expect.stringMatching(/cannot load model/) });
      const good = await pool.run(job(2, 'fuse-writeback'));
      expect(good).toMatchObject({ id: 2, ok: true });
    } finally {
      await pool.close();
    }
  });

  it('a worker that dies fails its own job only; a new worker takes the next', async () => {
    const pool = workerPool(1);
    try {
      const fixture = new URL('../support/fixtures/exiting-model.ts', import.meta.url).pathname;
      const dead = await pool.run({ ...job(1, fixture), policy: undefined });
      expect(dead).toMatchObject({ id: 1, ok: false, usage: false, message: 'a check worker died: exit code 7' });
      expect(await pool.run(job(2, 'fuse-writeback'))).toMatchObject({ id: 2, ok: true });
    } finally {
      await pool.close();
    }
  });

  it('after abort, queued jobs are not run', async () => {
    const pool = workerPool(1);
    try {
      const first = pool.run(job(1, 'dm-raid1'));
      const second = pool.run(job(2, 'dm-raid1'));
      pool.abort();
      expect(await second).toMatchObject({ id: 2, ok: false, notRun: true });
      const r = await first;
      expect(r.id).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('gives a worker of small checks its next job before it answers; replies still match their jobs', async () => {
    const pool = workerPool(1);
    try {
      const pages = [5, 6, 7, 8, 9, 10, 11, 12];
      const replies = await Promise.all(pages.map((p, i) => pool.run(job(i, 'dm-raid1', { pages: p }))));
      expect(replies.map((r) => r.id)).toEqual(pages.map((_, i) => i));
      expect(replies.map((r) => (r.ok ? r.json.params.pages : null))).toEqual(pages);
    } finally {
      await pool.close();
    }
  });

  it('stops a check stuck in its model once the time limit and grace have passed; the next job runs on a new worker', async () => {
    const pool = workerPool(1);
    try {
      const started = performance.now();
      const [stopped, next] = await Promise.all([pool.run(stuck(1, { timeLimitSeconds: 1 })), pool.run(job(2, 'fuse-writeback'))]);
      // A time limit of 1 s has a grace period of 2 s.
      expect(performance.now() - started).toBeGreaterThanOrEqual(3000);
      expect(stopped).toMatchObject({ id: 1, ok: true, json: { verdict: 'incomplete', incomplete: 'time-limit', stats: { stoppedInModel: true } } });
      expect(stopped.ok && stopped.json.properties).toEqual([{ name: 'small', kind: 'invariant', status: 'unknown' }]);
      expect(next).toMatchObject({ id: 2, ok: true, json: { model: 'fuse-writeback', verdict: 'violated' } });
    } finally {
      await pool.close();
    }
  });

  it('a stop (the second Ctrl-C) ends the check stuck in its model as interrupted, and the queued ones are not run', async () => {
    const stop = new AbortController();
    const pool = workerPool(1, { stop: stop.signal });
    try {
      const first = pool.run(stuck(1));
      const second = pool.run(job(2, 'dm-raid1'));
      setTimeout(() => stop.abort(), 500);
      expect(await first).toMatchObject({ id: 1, ok: true, json: { verdict: 'incomplete', incomplete: 'interrupted', stats: { stoppedInModel: true } } });
      expect(await second).toMatchObject({ id: 2, ok: false, notRun: true });
    } finally {
      await pool.close();
    }
  });

  it('starts another worker only while the work left would keep each busy for over a second', async () => {
    // Checks of a tenth of a second or more each: the hiring clock (50 ms) always strikes while
    // work is queued. With checks of a few milliseconds all six could end before it did.
    const jobs = [3, 4, 5, 3, 4, 5].map((max, i) => ({ ...job(i, 'counter', { procs: 4, max }), policy: undefined }));
    // Unknown: as many jobs as may come. One: work for a second only if a check took that long.
    for (const [backlog, workers] of [[Infinity, 2], [1, 1]] as const) {
      const pool = workerPool(2, { othersAfter: 0.05, backlog: () => backlog });
      try {
        await Promise.all(jobs.map((j) => pool.run(j)));
        expect(pool.workers).toBe(workers);
      } finally {
        await pool.close();
      }
    }
  });
});
