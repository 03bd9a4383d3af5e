import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const RAID = ['check', 'dm-raid1', '--property', 'no-deadlock', '--quiet'];

function fresh(): string {
  return mkdtempSync(join(tmpdir(), 'allocheck-out-'));
}

function json(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

describe('each run owns what it writes in --out DIR', () => {
  it('mempool-only --out D, then memalloc-inheritance --out D: no trace of the first run is left', async () => {
    const dir = fresh();
    const first = await cli([...RAID, '--policy', 'mempool-only', '--out', 'D'], dir);
    expect(first.code).toBe(1);
    const before = json(join(dir, 'D', 'result.json'));
    expect(before.files).toEqual(['result.json', 'trace-no-deadlock.json', 'trace-no-deadlock.dot', 'trace-no-deadlock.svg', 'trace-no-deadlock.png', 'story-no-deadlock.md', 'trace-no-deadlock.html']);
    expect(json(join(dir, 'D', 'trace-no-deadlock.json')).runId).toBe(before.runId);
    const stale = join(dir, 'stale-trace.json');
    copyFileSync(join(dir, 'D', 'trace-no-deadlock.json'), stale);

    const second = await cli([...RAID, '--policy', 'memalloc-inheritance', '--out', 'D'], dir);
    expect(second.code).toBe(0);
    const after = json(join(dir, 'D', 'result.json'));
    expect([after.verdict, after.files]).toEqual(['holds', ['result.json']]);
    expect(after.runId).not.toBe(before.runId);
    expect(readdirSync(join(dir, 'D'))).toEqual(['result.json']);
    expect((await cli(['replay', 'D/trace-no-deadlock.json'], dir)).code).toBe(2);

    // The first run's trace put back beside the second run's result: refused, not "confirmed".
    copyFileSync(stale, join(dir, 'D', 'trace-no-deadlock.json'));
    const replay = await cli(['replay', 'D/trace-no-deadlock.json'], dir);
    expect(replay).toMatchObject({ code: 2, out: '' });
    expect(replay.err).toMatch(/^allocheck: D\/trace-no-deadlock\.json is not from the run that wrote the result\.json beside it \(trace run [\w-]+, result run [\w-]+\): it is a stale file of an earlier run; not replayed\n$/);
    // Away from that result.json, the same file replays.
    expect((await cli(['replay', 'stale-trace.json'], dir)).code).toBe(0);
  }, 30_000);

  it("a command line refused as bad input leaves the last run's files alone", async () => {
    const dir = fresh();
    await cli([...RAID, '--policy', 'mempool-only', '--out', 'D'], dir);
    const before = readdirSync(join(dir, 'D')).sort();
    expect((await cli([...RAID, '--policy', 'mempool-only', '--out', 'D', '--max-states', 'lots'], dir)).code).toBe(2);
    expect((await cli(['matrix', 'dm-raid1', '--policies', 'mempool-only', '--sweep', 'pages=99', '--jobs', '0', '--out', 'D'], dir)).code).toBe(2);
    expect(readdirSync(join(dir, 'D')).sort()).toEqual(before);
  }, 30_000);

  it("removes only the files the previous run listed, never the user's own", async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'D'));
    writeFileSync(join(dir, 'D', 'notes.md'), 'mine');
    await cli([...RAID, '--policy', 'mempool-only', '--out', 'D'], dir);
    // A tampered list naming a file outside the directory or not of allocheck's is ignored.
    const result = json(join(dir, 'D', 'result.json'));
    writeFileSync(join(dir, 'D', 'result.json'), JSON.stringify({ ...result, files: [...(result.files as string[]), 'notes.md', '../outside.json'] }));
    writeFileSync(join(dir, 'outside.json'), '{}');
    await cli([...RAID, '--policy', 'memalloc-inheritance', '--out', 'D'], dir);
    expect(readdirSync(join(dir, 'D')).sort()).toEqual(['notes.md', 'result.json']);
    expect(existsSync(join(dir, 'outside.json'))).toBe(true);
  }, 30_000);

  it('matrix --out: a cell that held this time leaves no files of an earlier failure', async () => {
    const dir = fresh();
    const args = ['matrix', 'dm-raid1', '--property', 'no-deadlock', '--jobs', '0', '--quiet', '--out', 'M'];
    expect((await cli([...args, '--policies', 'mempool-only'], dir)).code).toBe(1);
    expect(existsSync(join(dir, 'M', 'dm-raid1', 'mempool-only', 'defaults', 'trace-no-deadlock.json'))).toBe(true);
    expect((await cli([...args, '--policies', 'memalloc-inheritance'], dir)).code).toBe(0);
    expect(existsSync(join(dir, 'M', 'dm-raid1', 'mempool-only', 'defaults', 'trace-no-deadlock.json'))).toBe(false);
    expect(json(join(dir, 'M', 'matrix.json')).files).toEqual(['matrix.json']);
  }, 30_000);
});

describe('output errors come before the search, name the path, and never hide a verdict', () => {
  it.each([
    ['/proc/x', '/proc/x'],
    ['a path under a regular file', 'plain/sub'],
  ])('check --out %s: exit 2 at once, naming the path', async (_, out) => {
    const dir = fresh();
    writeFileSync(join(dir, 'plain'), '');
    // In a child process, killed if it hangs: fs.mkdirSync's recursive mode never returns on /proc/x.
    const r = await new Promise<{ code: number | null; out: string; err: string }>((done) => {
      const bin = new URL('../../bin/allocheck.js', import.meta.url).pathname;
      const child = execFile(process.execPath, [bin, 'check', 'dm-raid1', '--policy', 'mempool-only', '--out', out], { cwd: dir, timeout: 25_000 }, (_e, stdout, stderr) => done({ code: child.exitCode, out: stdout, err: stderr }));
    });
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(new RegExp(`^allocheck: cannot write to --out '${out}': E[A-Z]+: [^\\n]*\\n$`));
  }, 30_000);

  it('matrix --out and render -o under a regular file: exit 2 before any work', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'plain'), '');
    const m = await cli(['matrix', 'dm-raid1', '--policies', 'mempool-only', '--jobs', '0', '--out', 'plain/m'], dir);
    expect([m.code, m.out, m.err]).toEqual([2, '', expect.stringMatching(/^allocheck: cannot write to --out 'plain\/m': ENOTDIR/)]);
    await cli([...RAID, '--policy', 'mempool-only', '--out', 'T'], dir);
    const r = await cli(['render', 'T/trace-no-deadlock.json', '--format', 'svg', '-o', 'plain/x.svg'], dir);
    expect([r.code, r.out, r.err]).toEqual([2, '', expect.stringMatching(/^allocheck: cannot write to -o 'plain\/x\.svg': \S*plain exists and is not a directory\n$/)]);
  }, 30_000);

  it('a file that cannot be written after a violation: the violation is still reported, exit 1, the file named', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'D', 'trace-no-deadlock.svg'), { recursive: true });
    const r = await cli([...RAID, '--policy', 'mempool-only', '--out', 'D'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/verdict: VIOLATED/);
    expect(r.err).toMatch(/^allocheck: could not write to 'D' \(EISDIR: [^\n]*\); not written: trace-no-deadlock\.svg\n$/);
    expect(json(join(dir, 'D', 'result.json')).files).toEqual(['result.json', 'trace-no-deadlock.json', 'trace-no-deadlock.dot', 'trace-no-deadlock.png', 'story-no-deadlock.md', 'trace-no-deadlock.html']);
  }, 30_000);
});
