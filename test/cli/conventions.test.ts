import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, spawnCli } from '../support/cli.js';

const bin = new URL('../../bin/allocheck.js', import.meta.url).pathname;
const commands = ['check', 'list', 'matrix', 'merge', 'synth', 'simulate', 'replay', 'render', 'explore', 'seed', 'completion'];

describe('CLI conventions', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-V']) expect(await cli([flag])).toMatchObject({ code: 0, out: `allocheck ${version}\n` });
  });

  it('--help on every command, and help <command>, print that command\'s usage', async () => {
    for (const name of commands) {
      const viaFlag = await cli([name, '--help']);
      expect(viaFlag.code, name).toBe(0);
      expect(viaFlag.out, name).toMatch(new RegExp(`^usage: allocheck ${name}\\b`));
      expect(await cli(['help', name])).toEqual(viaFlag);
      expect((await cli([name, '-h'])).out).toBe(viaFlag.out);
    }
    expect((await cli(['help'])).out).toMatch(/^allocheck: an exhaustive model checker/);
  });

  it('help for an unknown command is bad input, listing the commands', async () => {
    const r = await cli(['help', 'chekc']);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe("allocheck: unknown command 'chekc'; known: check, list, matrix, merge, synth, replay, render, simulate, explore, seed, completion, help\n");
  });

  it('a closed stdout ends the command quietly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocheck-epipe-'));
    expect((await cli(['check', 'dm-raid1', '--policy', 'mempool-only', '--property', 'no-deadlock', '--out', 'out', '--quiet'], dir)).code).toBe(1);
    // `allocheck render trace.svg | head -1`: the reader goes away after the first chunk.
    const child = spawn(process.execPath, [bin, 'render', join(dir, 'out', 'trace-no-deadlock.json'), '--format', 'svg'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 30_000);

  it('completion bash completes commands, options and policy names', async () => {
    const script = (await spawnCli(['completion', 'bash'])).out;
    const dir = mkdtempSync(join(tmpdir(), 'allocheck-completion-'));
    writeFileSync(join(dir, 'c.bash'), script);
    const complete = (words: string[]): string =>
      execFileSync('bash', ['-c', `source ${join(dir, 'c.bash')}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _allocheck; echo "\${COMPREPLY[*]}"`], { encoding: 'utf8' }).trim();
    expect(complete(['allocheck', 'ch'])).toBe('check');
    expect(complete(['allocheck', 'check', 'dm-raid1', '--pol'])).toBe('--policy');
    expect(complete(['allocheck', 'check', 'dm-raid1', '--policy', 'memalloc'])).toBe('memalloc-inheritance');
    expect(complete(['allocheck', 'matrix', '--sw'])).toBe('--sweep');
    expect((await cli(['completion', 'fish'])).err).toBe("allocheck: completion takes a shell: bash or zsh, got 'fish'\n");
  }, 30_000);
});
