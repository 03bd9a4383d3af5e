import { describe, expect, it } from 'vitest';
import { cli, spawnCli } from '../support/cli.js';

const fixture = (name: string): string => `test/support/fixtures/malformed/${name}.ts`;

describe('a malformed model file is bad input: one line, exit 2, nothing searched', () => {
  it.each([
    ['negative-pool', /^allocheck: negative-pool: mempool raid1: min_nr must be a whole number in 0\.\.200, got -1\n$/],
    ['unknown-disk', /^allocheck: unknown-disk: actor kmirrord: submit step's disk 'sdb' is not a declared local disk; local disks: disk\n$/],
    ['times-zero', /^allocheck: times-zero: actor kmirrord: mempool-alloc step repeats 0 times: times\(n\) takes a whole number n in 1\.\.255\n$/],
    ['demon', /^allocheck: demon: actor flushd: kind must be one of dirtier, kswapd, flusher, daemon, traffic, task, rescuer, got 'demon'\n$/],
  ])('check %s', async (name, message) => {
    const r = await cli(['check', fixture(name), '--policy', name === 'demon' ? 'none' : 'mempool-only', '--json']);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
    expect(r.code).toBe(2);
  });

  it('matrix: every cell is rejected, so the matrix is bad input', async () => {
    const r = await cli(['matrix', fixture('unknown-disk'), '--policies', 'none,mempool-only', '--sweep', 'pages=5..6']);
    expect(r.err).toMatch(/^allocheck: every cell is rejected by its model, e\.g\. unknown-disk under none at pages=5: unknown-disk: actor kmirrord: submit step's disk 'sdb'.*\n$/);
    expect(r.code).toBe(2);
  });

  it('the installed binary says the same, without a stack trace', async () => {
    const r = await spawnCli(['check', fixture('negative-pool')]);
    expect(r.err).toBe('allocheck: negative-pool: mempool raid1: min_nr must be a whole number in 0..200, got -1\n');
    expect(r.code).toBe(2);
  }, 30_000);
});
