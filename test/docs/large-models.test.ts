import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const doc = readFileSync(new URL('../../docs/large-models.md', import.meta.url), 'utf8');

/** The `npx allocheck ...` commands of the guide, continuation lines joined. */
function commands(text: string): string[][] {
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/\\\n\s*/g, ''));
  return blocks.flatMap((b) => b.split('\n').filter((line) => line.startsWith('npx allocheck ')).map((line) => line.slice('npx allocheck '.length).trim().split(/\s+/)));
}

describe('docs/large-models.md', () => {
  const all = commands(doc);

  it('shows a command for each way to scale', () => {
    expect(all.length).toBeGreaterThanOrEqual(7);
  });

  // Every command runs as written (bounded here so the suite stays fast): no bad option, no
  // unknown parameter, only the exit codes of a check (0 holds, 1 violated, 3 incomplete).
  it.each(all.map((args) => [args.join(' '), args] as const))('%s', async (_, args) => {
    const bound = ['--max-states', '2000', '--quiet', ...(args[0] === 'check' ? ['--workers', '1'] : [])];
    const r = await cli([...args, ...bound]);
    expect(r.err).not.toMatch(/^allocheck: (?!note)/m);
    expect([0, 1, 3]).toContain(r.code);
  });
});
