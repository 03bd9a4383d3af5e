// The binary ends with exitWhenWritten (src/cli/main.ts): at once, not after V8's background
// work drains, yet with every byte of its output written and the command's exit code.
import { execFile, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/cli.js';

const bin = new URL('../../bin/allocheck.js', import.meta.url).pathname;

describe('the process exit', () => {
  it('keeps the exit code of a violated matrix and its whole table', async () => {
    const r = await spawnCli(['matrix', 'nfs-ack', '--policies', 'none,network-reserve', '--sweep', 'pages=6..7', '--json', '--stable', '--quiet']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).cells).toHaveLength(4);
  }, 60_000);

  it('has written its whole output into a pipe that is read late', async () => {
    const child = spawn(process.execPath, [bin, 'list', '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => void (out += t));
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.stdout.resume();
    expect(await closed).toBe(0);
    expect(JSON.parse(out).models.length).toBeGreaterThan(5);
  }, 60_000);

  it('exits 2 on bad input, with its one line', async () => {
    const r = await new Promise<{ code: number; err: string }>((resolve) => {
      execFile(process.execPath, [bin, 'check', 'dm-raid1', '--policy', 'mempol'], (error, _out, err) => resolve({ code: typeof error?.code === 'number' ? error.code : 0, err }));
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^allocheck: unknown policy 'mempol'/);
  }, 60_000);
});
