import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('Ctrl-C', () => {
  it('stops a long search and reports what was explored as incomplete (exit 3)', async () => {
    const child = spawn(process.execPath, [new URL('../../bin/allocheck.js', import.meta.url).pathname, 'check', 'counter', '--param', 'procs=8', '--param', 'max=9']);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    // Wait until the search is surely running: loading TypeScript takes a moment, more on a
    // busy CI machine; the search itself would take hours.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(3);
    expect(out).toMatch(/verdict: INCOMPLETE \(interrupted; nothing is proven/);
    expect(out).toMatch(/[\d,]+ states, [\d,]+ transitions/);
  }, 30000);
});
