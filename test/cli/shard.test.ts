import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const SWEEP = ['matrix', 'dm-raid1', '--policies', 'mempool-only,memalloc-inheritance', '--sweep', 'pages=5..7', '--sweep', 'min=2..3', '--sweep', 'legs=1..2', '--property', 'no-deadlock', '--stable', '--jobs', '0', '--quiet'];

async function shards(n: number): Promise<string[]> {
  const dirs: string[] = [];
  for (let i = 1; i <= n; i++) {
    const dir = mkdtempSync(join(tmpdir(), `allocheck-shard-${i}-`));
    const r = await cli([...SWEEP, '--shard', `${i}/${n}`, '--out', dir, '--no-traces']);
    expect(r.code).toBeLessThan(2);
    expect(readdirSync(dir)).toContain(`shard-${i}-of-${n}.json`);
    dirs.push(dir);
  }
  return dirs;
}

describe('matrix --shard and merge', () => {
  // One sharded run for the tests that only read its files; rendering counterexamples takes time.
  let dirs: string[] = [];
  beforeAll(async () => {
    dirs = await shards(3);
  }, 300_000);

  it('shards 1/3, 2/3 and 3/3 merge to exactly the unsharded table, in every format', async () => {
    for (const format of [[], ['--json'], ['--csv'], ['--markdown']]) {
      const whole = await cli([...SWEEP, ...format]);
      const merged = await cli(['merge', ...dirs, '--stable', ...format]);
      expect(merged.out).toBe(whole.out);
      expect(merged.code).toBe(whole.code);
    }
  });

  it('deals the cells round robin: each shard checks a third of them', async () => {
    const sizes = dirs.map((d, i) => JSON.parse(readFileSync(join(d, `shard-${i + 1}-of-3.json`), 'utf8')).rows.length);
    expect(sizes).toEqual([8, 8, 8]);
  });

  it('refuses missing, duplicate and foreign shards, naming them', async () => {
    const missing = await cli(['merge', dirs[0]!, dirs[2]!]);
    expect([missing.code, missing.err]).toEqual([2, 'allocheck: missing shard 2/3 (have 1/3, 3/3)\n']);
    const twice = await cli(['merge', dirs[0]!, dirs[0]!, dirs[1]!, dirs[2]!]);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/shard 1\/3 is given twice/);
    const other = mkdtempSync(join(tmpdir(), 'allocheck-shard-other-'));
    await cli([...SWEEP.map((a) => (a === 'pages=5..7' ? 'pages=5..6' : a)), '--shard', '1/3', '--out', other, '--no-traces']);
    const foreign = await cli(['merge', other, dirs[1]!, dirs[2]!]);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/is from another sweep than/);
    const file = join(dirs[1]!, 'shard-2-of-3.json');
    writeFileSync(file, '{"format": "something else"}');
    const damaged = await cli(['merge', ...dirs]);
    expect(damaged.err).toMatch(/shard-2-of-3\.json is not a matrix shard file/);
  });

  it("a shard's --out also holds its failing cells' counterexample files, unless --no-traces", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocheck-shard-traces-'));
    const r = await cli(['matrix', 'dm-raid1', '--policies', 'mempool-only', '--sweep', 'pages=5..6', '--property', 'no-deadlock', '--jobs', '0', '--quiet', '--shard', '2/2', '--out', dir]);
    expect(r.code).toBe(1);
    const file = JSON.parse(readFileSync(join(dir, 'shard-2-of-2.json'), 'utf8'));
    expect(file.rows.map((row: { index: number; verdict: string }) => [row.index, row.verdict])).toEqual([[1, 'deadlock']]);
    expect(file.files.some((f: string) => /^dm-raid1\/mempool-only\/pages=6\/trace.*\.json$/.test(f))).toBe(true);
  });

  it('a bad --shard is one line, exit 2', async () => {
    for (const bad of ['4/3', '0/3', 'x', '1/0']) {
      const r = await cli([...SWEEP, '--shard', bad]);
      expect([r.code, r.err.trim().split('\n').length]).toEqual([2, 1]);
      expect(r.err).toMatch(/shard is i\/n/);
    }
  });
});

describe('matrix --cache', () => {
  it('re-checks nothing when nothing changed, and a damaged entry is checked again, never trusted', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'allocheck-cache-'));
    const args = [...SWEEP, '--cache', cache];
    const first = await cli(args);
    expect(first.out).toMatch(/cache: 0 of 24 checked cells/);
    const second = await cli(args);
    expect(second.out).toMatch(/cache: 24 of 24 checked cells/);
    expect(second.out.split('cache:')[0]).toBe(first.out.split('cache:')[0]);
    const entry = readdirSync(cache).find((f) => f.endsWith('.json'))!;
    const text = readFileSync(join(cache, entry), 'utf8');
    writeFileSync(join(cache, entry), text.replace(/"verdict":"(\w+)"/, (_, v) => `"verdict":"${v === 'holds' ? 'violated' : 'holds'}"`));
    const third = await cli(args);
    expect(third.out).toMatch(/cache: 23 of 24 checked cells from .*; 1 damaged entries ignored and checked again/);
    expect(third.out.split('cache:')[0]).toBe(first.out.split('cache:')[0]);
  });

  it('a different limit or parameter is a different entry', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'allocheck-cache-'));
    await cli([...SWEEP, '--cache', cache]);
    const more = await cli([...SWEEP.map((a) => (a === 'pages=5..7' ? 'pages=5..8' : a)), '--cache', cache]);
    expect(more.out).toMatch(/cache: 24 of 32 checked cells/);
    const limited = await cli([...SWEEP, '--max-states', '100000', '--cache', cache]);
    expect(limited.out).toMatch(/cache: 0 of 24 checked cells/);
  });
});
