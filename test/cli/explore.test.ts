import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { cli, spawnCli } from '../support/cli.js';

const BIN = new URL('../../bin/allocheck.js', import.meta.url).pathname;

describe('allocheck explore: bad input', () => {
  it.each([
    [['explore', 'no-such-model'], /^allocheck: unknown model 'no-such-model'; known: .*dm-raid1/],
    [['explore', 'dm-raid1', '--policy', 'mempol'], /^allocheck: unknown policy 'mempol'; known: none, mempool-only/],
    [['explore', 'dm-raid1', '--param', 'pages=999'], /^allocheck: .*pages/],
    [['explore', 'counter'], /^allocheck: model 'counter' is not an allocation model; explore walks allocation models/],
    [['explore', 'dm-raid1', '--port', 'http'], /^allocheck: --port takes a whole number >= 0, got 'http'/],
    [['explore', 'dm-raid1', '--port', '70000'], /^allocheck: --port takes a number from 0 to 65535, got '70000'/],
    [['explore'], /^allocheck: explore needs a model/],
  ])('%j: exit 2 with one line, before anything listens', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('a port in use is one clear line and exit 2', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await spawnCli(['explore', 'dm-raid1', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`allocheck: port ${port} on 127.0.0.1 is in use; give another with --port N, or leave --port out for a free one\n`);
    } finally {
      blocker.close();
    }
  });
});

describe('allocheck explore: running', () => {
  it('prints where it listens, serves, and stops when its signal is aborted', async () => {
    const stop = new AbortController();
    let out = '';
    const listening = new Promise<string>((resolve) => {
      const io = { out: (t: string) => { out += t; const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out); if (m) resolve(m[1]!); }, err: () => {}, errIsTTY: false, cwd: process.cwd(), signal: stop.signal };
      void main(['explore', 'dm-raid1', '--policy', 'mempool-only'], io).then((code) => (out += `exit ${code}\n`));
    });
    const url = await listening;
    expect(out).toMatch(/^exploring dm-raid1 under mempool-only at http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl-C stops\)\n$/);
    expect((await fetch(url)).status).toBe(200);
    stop.abort();
    await expect.poll(() => out).toMatch(/explorer stopped\nexit 0\n$/);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('Ctrl-C (SIGINT) closes the server cleanly: exit 0, even with a connection open', async () => {
    const child = spawn(process.execPath, [BIN, 'explore', 'bio-mempool'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`explore exited early: ${err}`)));
    });
    const page = await fetch(url, { headers: { connection: 'keep-alive' } });
    expect(page.status).toBe(200);
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(out).toMatch(/explorer stopped\n$/);
    expect(err).toBe('');
  });
});
