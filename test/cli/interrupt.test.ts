import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('Ctrl-C', () => {
  it('stops a long search and reports what was explored as incomplete (exit 3)', async () => {
    const mark = join(mkdtempSync(join(tmpdir(), 'allocheck-int-')), 'searching');
    const model = new URL('../support/fixtures/marked-counter.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, [new URL('../../bin/allocheck.js', import.meta.url).pathname, 'check', model, '--param', 'procs=8', '--param', 'max=9'], { env: { ...process.env, ALLOCHECK_MARK: mark } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // The model writes the mark once the search is under way (it would take hours to finish);
    // waiting for it rather than for a fixed time holds on a machine of any speed.
    while (!existsSync(mark)) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(3);
    expect(out).toMatch(/verdict: INCOMPLETE \(interrupted; nothing is proven/);
    expect(out).toMatch(/^[1-9][\d,]* states, [\d,]+ transitions/m);
  }, 120_000);
});
