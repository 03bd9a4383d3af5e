// The process's other threads yield to the command's thread while it checks cells, and get
// their priority back once workers take over (src/cli/runner/background-priority.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { BackgroundPriority } from '../../src/cli/runner/background-priority.js';
import { InThreadChecks } from '../../src/cli/runner/in-thread.js';
import type { CellReply } from '../../src/cli/runner/protocol.js';

/** Nice values of this process's threads other than this one. */
function others(): number[] {
  return readdirSync('/proc/self/task').map(Number).filter((t) => t !== process.pid).flatMap((t) => {
    try {
      return [getPriority(t)];
    } catch {
      return [];
    }
  });
}

// Raising a priority back needs root (or RLIMIT_NICE), as CI and this project's machines run.
const canRestore = process.platform === 'linux' && process.getuid?.() === 0;

describe.runIf(canRestore)('BackgroundPriority', () => {
  it('lowers every other thread by 10, gives the priority back, and never lowers it again', () => {
    const before = others();
    expect(before.length).toBeGreaterThan(0);
    const background = new BackgroundPriority();
    background.lower();
    expect(getPriority(process.pid)).toBe(getPriority());
    expect(Math.min(...others())).toBeGreaterThanOrEqual(Math.min(...before) + 10);
    background.restore();
    expect(others()).toEqual(before);
    background.lower();
    expect(others()).toEqual(before);
  });

  it('is lowered while cells run on the command thread, and restored when it closes', async () => {
    const before = others();
    let answered: (r: CellReply) => void = () => {};
    const reply = new Promise<CellReply>((resolve) => (answered = resolve));
    const here = new InThreadChecks({ reply: (_p, r) => answered(r), overran: () => {} });
    const job = { id: 0, model: 'nfs-ack', policy: 'none', params: { pages: 6 }, limits: {} };
    expect(here.takes(job, 0)).toBe(true);
    here.run({ job, resolve: () => {} });
    expect(Math.min(...others())).toBeGreaterThanOrEqual(Math.min(...before) + 10);
    expect((await reply).ok).toBe(true);
    here.close();
    expect(others()).toEqual(before);
  });
});

it('reads the nice limit the way the kernel shows it', () => {
  if (process.platform !== 'linux') return;
  expect(readFileSync('/proc/self/limits', 'utf8')).toMatch(/^Max nice priority\s+\S+/m);
});
