// The matrix's worker pool: its table is the one the matrix printed before the pool kept its
// workers busy (a golden of 100 cells), and every cell stays under supervision: a cell whose
// model never returns is stopped at its time limit, or by a second Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/cli.js';

const bin = new URL('../../bin/allocheck.js', import.meta.url).pathname;
const looping = new URL('../support/fixtures/looping-model.ts', import.meta.url).pathname;
const buildThrows = new URL('../support/fixtures/build-throws.ts', import.meta.url).pathname;
const buildLoops = new URL('../support/fixtures/build-loops.ts', import.meta.url).pathname;
const golden = new URL('../golden/matrix-dm-raid1-100.json', import.meta.url).pathname;
/** 100 small cells, liveness properties included (the default properties). */
export const SWEEP = ['dm-raid1', '--policies', 'none,mempool-only,memalloc-inheritance,dirty-limit,io-flusher', '--sweep', 'pages=5..9', '--sweep', 'dirtiers=1..2', '--sweep', 'legs=1..2'];

async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('the matrix on its worker pool', () => {
  it.each([['default'], ['1'], ['0']])('prints the same 100-cell table byte for byte (--jobs %s); UPDATE_GOLDEN=1 rewrites it', async (jobs) => {
    const r = await spawnCli(['matrix', ...SWEEP, '--stable', '--json', '--quiet', ...(jobs === 'default' ? [] : ['--jobs', jobs])]);
    expect(r.code).toBe(1);
    if (process.env.UPDATE_GOLDEN === '1' && jobs === 'default') writeFileSync(golden, r.out);
    expect(r.out).toBe(readFileSync(golden, 'utf8'));
    expect(JSON.parse(r.out).cells).toHaveLength(100);
  });

  it.each([['1'], ['0']])('a build that fails in a worker (not a rejected point) is one line naming the cell, exit 2 (--jobs %s)', async (jobs) => {
    const r = await spawnCli(['matrix', buildThrows, '--sweep', 'n=1..3', '--jobs', jobs]);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toBe('allocheck: the model failed: build-throws at n=2: no model at n=2 (run with --debug for the stack)\n');
  });

  it('a cell whose model never returns is stopped at its time limit and grace; the other cells are checked', async () => {
    // at=1 loops at the first successor; at=60000 reaches no loop within 50 states.
    const r = await spawnCli(['matrix', looping, '--sweep', 'at=1,60000', '--time-limit', '1', '--max-states', '50', '--json', '--jobs', '1']);
    expect(r.code).toBe(3);
    const cells = JSON.parse(r.out).cells as { swept: { at: number }; verdict: string; incomplete?: string }[];
    expect(cells.map((c) => [c.swept.at, c.verdict, c.incomplete])).toEqual([[1, 'incomplete', 'time-limit'], [60000, 'incomplete', 'max-states']]);
  });

  it.each([['1..3'], ['3,2,1']])('a cell whose build never returns is stopped at its time limit, the CLI building nothing itself (--sweep n=%s)', async (points) => {
    const r = await spawnCli(['matrix', buildLoops, '--sweep', `n=${points}`, '--time-limit', '1', '--json', '--jobs', '1']);
    expect(r.code).toBe(3);
    const cells = JSON.parse(r.out).cells as { swept: { n: number }; verdict: string; incomplete?: string }[];
    expect(cells.map((c) => [c.swept.n, c.verdict, c.incomplete]).sort()).toEqual([[1, 'incomplete', 'time-limit'], [2, 'holds', undefined], [3, 'holds', undefined]]);
  });

  it('a model file with nothing to check is refused as a whole from its worker: one line, exit 2', async () => {
    const r = await spawnCli(['matrix', 'test/support/fixtures/no-properties.ts', '--jobs', '1']);
    expect([r.code, r.out, r.err]).toEqual([2, '', "allocheck: model 'empty' declares no property: there is nothing to check\n"]);
  });

  it.each([
    ['its search', looping, 'at=50,60', ['looping,,50,incomplete,0,0,,interrupted,', 'looping,,60,not run,,,,,interrupted before it ran']],
    ['its build', buildLoops, 'n=1,2', ['build-loops,,1,incomplete,0,0,,interrupted,', 'build-loops,,2,not run,,,,,interrupted before it ran']],
  ])('a second Ctrl-C stops a cell inside %s and prints the partial table (exit 3)', async (_where, model, sweep, rows) => {
    const mark = join(mkdtempSync(join(tmpdir(), 'allocheck-matrix-loop-')), 'looping');
    const child = spawn(process.execPath, [bin, 'matrix', model, '--sweep', sweep, '--csv', '--stable', '--jobs', '1'], { env: { ...process.env, ALLOCHECK_LOOP_MARK: mark } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await until(() => existsSync(mark));
    child.kill('SIGINT');
    await until(() => err.includes('Ctrl-C again to stop at once'));
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    // Stopped inside the model: nothing decided, and no counts the thread could report.
    expect(out.split('\n').slice(1, 3)).toEqual(rows);
  });

});
