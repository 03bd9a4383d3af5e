import { describe, expect, it } from 'vitest';
import { buildCell } from '../../src/api/cell.js';
import { rehydrate } from '../../src/cli/runner/rehydrate.js';
import { definitionOf, runJob } from '../../src/cli/runner/run-job.js';
import type { CellJob } from '../../src/cli/runner/protocol.js';

// dm-raid1 under mempool-only at 6 pages deadlocks: the reply carries a counterexample.
const job = (paths?: CellJob['paths']): CellJob => ({ id: 1, model: 'dm-raid1', policy: 'mempool-only', params: { pages: 6 }, limits: { properties: ['no-deadlock'] }, ...(paths ? { paths } : {}) });

async function counterexampleOf(j: CellJob) {
  const reply = await runJob(j, new AbortController().signal);
  if (!reply.ok) throw new Error(reply.message);
  const p = reply.json.properties.find((q) => q.status === 'violated');
  return { json: reply.json, path: p!.counterexample! };
}

describe("a matrix cell's reply", () => {
  it("carries each step's action by default, and only the choices when asked", async () => {
    const full = await counterexampleOf(job());
    const lean = await counterexampleOf(job('choices'));
    expect(full.path.actions?.length).toBe(full.path.length);
    expect(full.path.actions?.[0]).toMatchObject({ actor: expect.any(String), text: expect.any(String) });
    expect(lean.path.actions).toBeUndefined();
    expect(lean.path.choices).toEqual(full.path.choices);
    expect(lean.json.verdict).toBe(full.json.verdict);
    expect(lean.json.stats.states).toBe(full.json.stats.states);
  });

  it('replays from its choices alone to the same steps as the full reply', async () => {
    const lean = await counterexampleOf(job('choices'));
    const full = await counterexampleOf(job());
    const model = buildCell(await definitionOf(job()), 'mempool-only', { pages: 6 });
    const replayed = rehydrate(model, lean.json).properties.find((p) => p.status === 'violated')!.counterexample!;
    expect(replayed.actions.map((a) => JSON.parse(JSON.stringify(a)))).toEqual(full.path.actions);
  });
});
