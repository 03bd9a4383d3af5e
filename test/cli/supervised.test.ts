// A model whose successor function never returns cannot stop the search itself: the search runs
// in a thread of its own, and the CLI's thread stops it once the time limit has passed by a grace
// period, or on a second Ctrl-C, and reports the last statistics it received as incomplete.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const looping = new URL('../support/fixtures/looping-model.ts', import.meta.url).pathname;
const bin = new URL('../../bin/allocheck.js', import.meta.url).pathname;

async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('a model caught in an endless loop', () => {
  it.each([['1'], ['2']])('--time-limit ends it as incomplete (exit 3), with --workers %s', async (workers) => {
    // at=1: the first successor the threads compute loops, long before the time limit.
    const r = await cli(['check', looping, '--param', 'at=1', '--time-limit', '2', '--workers', workers, '--workers-after', '0', '--json']);
    expect(r.code).toBe(3);
    const json = JSON.parse(r.out);
    expect([json.verdict, json.incomplete, json.stats.stoppedInModel]).toEqual(['incomplete', 'time-limit', true]);
    expect(json.properties).toEqual([{ name: 'small', kind: 'invariant', status: 'unknown' }]);
    expect(json.stats.seconds).toBeGreaterThanOrEqual(2);
  });

  it('a second Ctrl-C ends it and prints the last statistics as incomplete', async () => {
    const mark = join(mkdtempSync(join(tmpdir(), 'allocheck-loop-')), 'looping');
    const child = spawn(process.execPath, [bin, 'check', looping, '--param', 'at=50', '--workers', '1'], { env: { ...process.env, ALLOCHECK_LOOP_MARK: mark } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // The mark is written as the successor function enters its loop: the search is stuck there.
    await until(() => existsSync(mark));
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.kill('SIGINT');
    // Two signals sent at once may arrive as one: the second waits until the first is seen.
    await until(() => err.includes('Ctrl-C again to stop at once'));
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    expect(out).toMatch(/verdict: INCOMPLETE \(interrupted; nothing is proven/);
    expect(out).toMatch(/^[\d,]+ states, [\d,]+ transitions, depth \d+, [\d.]+ s .*\(the last counts reported\)\nstopped by force inside the model's code/m);
  });
});
