import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { check } from '../../src/core/check.js';
import dmRaid1 from '../../models/dm-raid1.js';
import { resolveParams } from '../../src/core/params.js';

describe('allocheck simulate', () => {
  it("finds the seed's dm-raid1 deadlock, shortened to the exhaustive search's length, and replays it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocheck-simulate-'));
    const r = await cli(['simulate', 'dm-raid1', '--policy', 'mempool-only', '--walks', '200', '--seed', '3', '--json', '--out', dir]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.verdict).toBe('violated');
    const found = json.properties.find((p: { name: string }) => p.name === 'no-deadlock');
    const exact = check(dmRaid1.build(resolveParams(dmRaid1.params, {}), 'mempool-only'), { properties: ['no-deadlock'] });
    expect(found.counterexample.length).toBe(exact.properties[0]!.counterexample!.actions.length);
    expect(readdirSync(dir)).toContain('simulate.json');
    const trace = readdirSync(dir).find((f) => f.startsWith('trace') && f.endsWith('.json'))!;
    const replayed = await cli(['replay', join(dir, trace)]);
    expect(replayed.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'simulate.json'), 'utf8')).stats.seed).toBe(3);
  });

  it('never says holds: a safe setting is "no violation found", exit 3', async () => {
    const r = await cli(['simulate', 'dm-raid1', '--policy', 'memalloc-inheritance', '--walks', '20', '--depth', '200']);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/simulation: NO VIOLATION FOUND/);
    expect(r.out).not.toMatch(/HOLDS/);
  });

  it('the same seed gives the same walks; shards split them', async () => {
    const args = ['simulate', 'dm-raid1', '--policy', 'memalloc-inheritance', '--walks', '12', '--depth', '100', '--seed', '9', '--json'];
    const strip = (out: string) => ({ ...JSON.parse(out), stats: { ...JSON.parse(out).stats, seconds: 0 } });
    const a = await cli(args);
    const b = await cli(args);
    expect(strip(a.out)).toEqual(strip(b.out));
    const shards = await Promise.all(['1/3', '2/3', '3/3'].map((s) => cli([...args, '--shard', s])));
    const walks = shards.map((s) => JSON.parse(s.out).stats.walks as number);
    expect(walks).toEqual([4, 4, 4]);
    expect(shards.reduce((n, s) => n + JSON.parse(s.out).stats.steps, 0)).toBe(JSON.parse(a.out).stats.steps);
  });

  it.each([
    [['--shard', '0/2'], /shard is i\/n/],
    [['--shard', '3/2'], /shard is i\/n/],
    [['--walks', '0'], /--walks takes a whole number >= 1/],
    [['--property', 'writeout-progress'], /safety properties only/],
    [['--max-states', '10'], /takes no --max-states/],
  ])('bad input %j is one line, exit 2', async (extra, message) => {
    const r = await cli(['simulate', 'dm-raid1', ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
