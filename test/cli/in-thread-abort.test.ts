// Ctrl-C while a cell on the command's thread comes back stopped by that thread's own time
// limit: the cell cannot go to a worker any more, and must still be answered.
import { expect, it, vi } from 'vitest';
import type { CellReply } from '../../src/cli/runner/protocol.js';

const held = vi.hoisted(() => ({ finish: (_reply: CellReply): void => {} }));
vi.mock('../../src/cli/runner/run-job.js', async (original) => ({
  ...(await original<typeof import('../../src/cli/runner/run-job.js')>()),
  runJob: () => new Promise<CellReply>((resolve) => (held.finish = resolve)),
}));

const { workerPool } = await import('../../src/cli/runner/pool.js');

it('a cell stopped here by its time here as Ctrl-C comes is answered, not left waiting', async () => {
  const pool = workerPool(1, { inThreadMs: 250 });
  const job = { id: 1, model: 'dm-raid1', policy: 'none', params: {}, limits: {} };
  const reply = pool.run(job);
  pool.abort();
  held.finish({ id: 1, ok: true, json: { incomplete: 'time-limit' } } as unknown as CellReply);
  const answer = await Promise.race([reply, new Promise((r) => setTimeout(() => r('unanswered'), 1000))]);
  expect(answer).toMatchObject({ id: 1, ok: false, notRun: true });
  expect(pool.workers).toBe(0);
  await pool.close();
});
