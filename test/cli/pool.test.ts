import { describe, expect, it } from 'vitest';
import { workerPool } from '../../src/cli/runner/pool.js';

const job = (id: number, model: string, params: Record<string, number | string> = {}) => ({ id, model, policy: 'none', params, limits: { properties: ['no-deadlock'] } });

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
});
