import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { cli, spawnCli } from '../support/cli.js';

const SAFETY = '--property=no-deadlock,reserve-integrity,pages-conserved';
const seedArgs = ['matrix', 'dm-raid1', '--policies', 'mempool-only,memalloc-inheritance', '--sweep', 'pages=5..6', '--sweep', 'min=1..2', '--sweep', 'background=no,yes', SAFETY];

interface Cell {
  model: string;
  policy: string | null;
  params: Record<string, number | string>;
  swept: Record<string, number | string>;
  verdict: string;
  property?: string;
  states?: number;
  depth?: number;
}

describe('allocheck matrix', () => {
  it('every cell equals an individual check run of the same model, policy and parameters', async () => {
    const r = await cli([...seedArgs, '--json']);
    expect(r.code).toBe(1);
    const { swept, cells } = JSON.parse(r.out) as { swept: string[]; cells: Cell[] };
    expect(swept).toEqual(['pages', 'min', 'background']);
    expect(cells).toHaveLength(2 * 2 * 2 * 2);
    for (const cell of cells) {
      const params = Object.entries(cell.params).flatMap(([k, v]) => ['--param', `${k}=${v}`]);
      const one = await cli(['check', cell.model, '--policy', cell.policy!, ...params, SAFETY, '--json']);
      const json = JSON.parse(one.out);
      const failed = json.properties.find((p: { status: string }) => p.status === 'violated');
      expect({ verdict: cell.verdict, property: cell.property, states: cell.states, depth: cell.depth }).toEqual({
        verdict: failed ? failed.failure : json.verdict,
        property: failed?.name,
        states: json.stats.states,
        depth: json.stats.depth,
      });
      expect(one.code).toBe(failed ? 1 : 0);
    }
    // The seed's argument: the mempool alone deadlocks everywhere; inheritance holds without
    // background writers once the reserve covers the legs, and fails at a reserve of one page.
    const at = (policy: string, min: number, background: string) => cells.filter((c) => c.policy === policy && c.swept.min === min && c.swept.background === background);
    expect(cells.filter((c) => c.policy === 'mempool-only').every((c) => c.verdict === 'deadlock')).toBe(true);
    expect(at('memalloc-inheritance', 2, 'no').every((c) => c.verdict === 'holds')).toBe(true);
    expect(at('memalloc-inheritance', 1, 'no').every((c) => c.verdict === 'deadlock')).toBe(true);
  });

  it('worker threads and the in-process runner give the same table', async () => {
    const args = [...seedArgs, '--stable', '--csv'];
    const threads = await cli([...args, '--jobs', '2']);
    const inline = await cli([...args, '--jobs', '0']);
    expect(threads.out).toBe(inline.out);
    expect(threads.out.split('\n')[0]).toBe('model,policy,pages,min,background,verdict,states,depth,property,incomplete,note');
  });

  it('exit 0 when every cell holds, 3 when a limit leaves cells undecided', async () => {
    const ok = await cli(['matrix', 'bio-mempool', '--policies', 'mempool-only', '--sweep', 'kernel', SAFETY, '--jobs', '0']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/2 cells: 2 holds/);
    const limited = await cli(['matrix', 'bio-mempool', '--policies', 'mempool-only', '--max-states', '5', SAFETY, '--jobs', '0']);
    expect(limited.code).toBe(3);
    expect(limited.out).toMatch(/incomplete/);
  });

  it('sweeps assumption choices and marks policies that do not apply as n/a', async () => {
    const r = await cli(['matrix', 'dm-raid1', 'fuse-writeback', '--policies', 'mempool-only', '--sweep', 'min=2', SAFETY, '--jobs', '0', '--json']);
    const cells = JSON.parse(r.out).cells as Cell[];
    expect(cells.map((c) => [c.model, c.verdict])).toEqual([['dm-raid1', 'deadlock'], ['fuse-writeback', 'n/a']]);
  });

  describe('a point the model rejects (dm-raid1 refuses a min watermark that is not below pages)', () => {
    const args = ['matrix', 'dm-raid1', '--policies', 'mempool-only', '--sweep', 'pages=4..5', '--sweep', 'min=3..4', '--property', 'no-deadlock', '--stable', '--jobs', '0'];
    const reason = 'dm-raid1: the min watermark 4 must be below pages=4';

    it('is an invalid cell with the reason; the rest of the table is checked, and the exit code is theirs', async () => {
      const r = await cli([...args, '--json']);
      expect(r.code).toBe(1);
      const cells = JSON.parse(r.out).cells as (Cell & { note?: string })[];
      expect(cells.map((c) => [c.swept.pages, c.swept.min, c.verdict])).toEqual([[4, 3, 'oom'], [4, 4, 'invalid'], [5, 3, 'deadlock'], [5, 4, 'oom']]);
      expect(cells[1]).toMatchObject({ note: reason });
      expect(cells[1]!.states).toBeUndefined();
      const one = await cli(['check', 'dm-raid1', '--policy', 'mempool-only', '--param', 'pages=5', '--param', 'min=3', '--property', 'no-deadlock', '--json']);
      expect(cells[2]!.states).toBe(JSON.parse(one.out).stats.states);
    });

    it('shows in every format', async () => {
      const text = await cli(args);
      expect(text.out).toMatch(/^dm-raid1 {2}mempool-only {2}4 {6}4 {4}invalid {8}- {6}-$/m);
      expect(text.out).toMatch(/^4 cells: 2 oom, 1 invalid, 1 deadlock\ninvalid: dm-raid1 under mempool-only at pages=4 min=4: dm-raid1: the min watermark 4 must be below pages=4\n$/m);
      const md = await cli([...args, '--markdown']);
      expect(md.out).toMatch(/^\| dm-raid1 \| mempool-only \| 4 \| 4 \| invalid \| - \| - \|$/m);
      expect(md.out.endsWith(`|\n\n- invalid: dm-raid1 under mempool-only at pages=4 min=4: ${reason}\n`)).toBe(true);
      const csv = await cli([...args, '--csv']);
      expect(csv.out.split('\n')[2]).toBe(`dm-raid1,mempool-only,4,4,invalid,,,,,${reason}`);
    });

    it('does not count toward the exit code: the checked cells all hold, exit 0', async () => {
      const r = await cli(['matrix', 'dm-raid1', '--policies', 'mempool-only', '--sweep', 'pages=4,6', '--param', 'min=4', '--property', 'no-deadlock', '--jobs', '0']);
      expect(r.out).toMatch(/2 cells: 1 invalid, 1 holds/);
      expect(r.code).toBe(0);
    });
  });

  it.each([
    [['matrix', 'dm-raid1', '--sweep', 'page=5..6'], /^allocheck: model 'dm-raid1' has no parameter 'page'; its parameters: pages, min, legs, pool, dirtiers, queue, kernel, daemon_reclaim_io, background, inherit_noio, inflight, regions, region_alloc\n$/],
    [['matrix', 'dm-raid1', 'fuse-writeback', '--sweep', 'pool=1..2'], /^allocheck: model 'fuse-writeback' has no parameter 'pool'; its parameters: pages, min, dirtiers, buffers, queue, dirty_limit\n$/],
    [['matrix', 'dm-raid1', '--sweep', 'kernel=2.6,2.4'], /^allocheck: parameter kernel=2\.4 is not one of: 2\.6, modern\n$/],
    [['matrix', 'dm-raid1', '--sweep', 'kernel=1..2'], /kernel is a choice, sweep it as kernel=2\.6,modern/],
    [['matrix', 'dm-raid1', '--policies', 'mempol-only'], /^allocheck: unknown policy 'mempol-only'; known: none, mempool-only/],
    [['matrix', 'fuse-writeback', '--policies', 'mempool-only'], /^allocheck: policy 'mempool-only' applies to none of the models/],
    [['matrix', 'dm-raid1', '--sweep', 'pages=4..5', '--param', 'min=5'], /^allocheck: every cell is rejected by its model, e.g. dm-raid1 under none at pages=4: .*min watermark 5 must be below pages=4\n$/],
    [['matrix', 'dm-raid1', '--json', '--csv'], /^allocheck: choose one of --json, --markdown, --csv/],
    [['matrix'], /^allocheck: matrix needs at least one model/],
  ])('bad input %j: one line, exit 2', async (args, message) => {
    const r = await cli(args);
    expect(r.err).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });

  it('--out keeps the files of failing cells, written as check --out writes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocheck-matrix-'));
    const r = await cli(['matrix', 'dm-raid1', '--policies', 'mempool-only,memalloc-inheritance', '--sweep', 'min=1..2', SAFETY, '--out', dir, '--jobs', '0']);
    expect(r.code).toBe(1);
    const failing = join(dir, 'dm-raid1', 'mempool-only', 'min=2', 'result.json');
    const check = mkdtempSync(join(tmpdir(), 'allocheck-check-'));
    await cli(['check', 'dm-raid1', '--policy', 'mempool-only', '--param', 'min=2', SAFETY, '--out', check]);
    const strip = (text: string) => ({ ...JSON.parse(text), stats: undefined, runId: undefined });
    expect(strip(readFileSync(failing, 'utf8'))).toEqual(strip(readFileSync(join(check, 'result.json'), 'utf8')));
    // The same files as check --out (trace, diagram, story), through the same writer.
    expect(readdirSync(join(dir, 'dm-raid1', 'mempool-only', 'min=2')).sort()).toEqual(readdirSync(check).sort());
    expect(readdirSync(check)).toContain('story-no-deadlock.md');
    expect(readFileSync(join(dir, 'dm-raid1', 'mempool-only', 'min=2', 'story-no-deadlock.md'), 'utf8')).toBe(readFileSync(join(check, 'story-no-deadlock.md'), 'utf8'));
    expect(existsSync(join(dir, 'dm-raid1', 'memalloc-inheritance', 'min=2'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'matrix.json'), 'utf8')).cells).toHaveLength(4);
  });

  it('Ctrl-C: stops, prints the partial table and exits 3', async () => {
    let out = '';
    const controller = new AbortController();
    controller.abort();
    const code = await main(['matrix', 'dm-raid1', '--policies', 'none', '--sweep', 'pages=5..6', SAFETY], {
      out: (t) => void (out += t), err: () => {}, errIsTTY: false, cwd: process.cwd(), signal: controller.signal,
    });
    expect(code).toBe(3);
    expect(out).toMatch(/not run/);
    expect(out).toMatch(/interrupted: the table is partial/);
  });

  it('shows a progress bar with an ETA only when stderr is a terminal', async () => {
    let err = '';
    await main(['matrix', 'bio-mempool', '--policies', 'none', '--sweep', 'pages=6..7', SAFETY, '--jobs', '0'], {
      out: () => {}, err: (t) => void (err += t), errIsTTY: true, cwd: process.cwd(), signal: new AbortController().signal,
    });
    expect(err).toMatch(/\[#+-*\] 1\/2 cells, \d+ s, ETA \d+ s/);
    const quiet = await cli(['matrix', 'bio-mempool', '--policies', 'none', SAFETY, '--jobs', '0']);
    expect(quiet.err).toBe('');
  });
});

describe('allocheck matrix on a user model file', () => {
  it("loads the file in every worker, resolving its import of 'allocheck'", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocheck-user-model-'));
    const file = join(dir, 'nbd-user.ts');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(file, `import { alloc, daemon, daemonDevice, dirtier, kswapd, param, scenario } from 'allocheck';
export default scenario({
  name: 'nbd-user', summary: 'a userspace NBD daemon', description: 'a userspace NBD daemon allocates at the normal floor',
  params: { pages: param(6, [4, 8], 'pages in the zone'), min: param(2, [1, 3], 'min watermark M') },
  world: (p) => ({
    kernel: '2.6',
    memory: { pages: p.num('pages'), min: p.num('min') },
    devices: { nbd0: daemonDevice({ daemon: 'nbd-client', queue: 1 }) },
    actors: [dirtier('nbd0', { count: 1 }), kswapd(), daemon('nbd-client', { serves: 'nbd0' }, [alloc({ what: 'a page' })])],
  }),
});
`);
    const r = await spawnCli(['matrix', file, '--policies', 'none,memalloc-inheritance', '--sweep', 'pages=5..6', SAFETY, '--jobs', '2', '--csv', '--stable'], dir);
    expect(r.err).toBe('');
    const rows = r.out.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 4).join(','));
    expect(rows).toEqual(['nbd-user,none,5,deadlock', 'nbd-user,memalloc-inheritance,5,holds', 'nbd-user,none,6,deadlock', 'nbd-user,memalloc-inheritance,6,holds']);
    expect(r.code).toBe(1);
  });
});
