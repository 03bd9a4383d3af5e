// The local shard-and-merge commands of docs/scaling-out.md, run as the doc says: separate
// processes of the real binary, in a fresh directory; the merge must be the unsharded table.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/cli.js';

const doc = readFileSync(new URL('../../docs/scaling-out.md', import.meta.url), 'utf8');
const block = /<!-- scaling-out:local -->\n```sh\n([\s\S]*?)```\n<!-- \/scaling-out:local -->/.exec(doc)![1]!;
const commands = block.trim().split('\n').map((line) => line.replace(/^npx allocheck /, '').split(' '));

describe('docs/scaling-out.md', () => {
  it('documents shard commands whose merge is the unsharded table', async () => {
    expect(commands.map((c) => c[0])).toEqual(['matrix', 'matrix', 'merge']);
    const cwd = mkdtempSync(join(tmpdir(), 'allocheck-scaling-'));
    const shards = await Promise.all(commands.slice(0, 2).map((args) => spawnCli(args, cwd)));
    for (const s of shards) expect(s.err).toBe('');
    const merged = await spawnCli(commands[2]!, cwd);
    const whole = await spawnCli([...commands[0]!.filter((a, i, all) => a !== '--shard' && all[i - 1] !== '--shard' && a !== '--out' && all[i - 1] !== '--out'), '--markdown'], cwd);
    expect(merged.err).toBe('');
    expect(merged.out).toBe(whole.out);
    expect(merged.code).toBe(whole.code);
    expect(merged.out).toMatch(/\| dm-raid1 \| memalloc-inheritance \| 7 \| 3 \| holds \|/);
  });
});
