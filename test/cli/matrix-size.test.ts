// A sweep of every parameter is millions of cells: it is counted at once, refused past a cap,
// and, when the user raises the cap, laid out one cell at a time so that Ctrl-C stops it.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { cli } from '../support/cli.js';

const ALL = ['pages', 'min', 'legs', 'pool', 'dirtiers', 'queue', 'kernel', 'daemon_reclaim_io', 'background', 'inherit_noio'].flatMap((p) => ['--sweep', p]);
const huge = ['matrix', 'dm-raid1', '--policies', 'none', ...ALL];
const COUNT = /^allocheck: 336,960 cells \(336,960 to check\); at 0\.02 s or more a cell on \d+ job\(s\): at least [\d.]+ (min|h)/;

describe('a matrix of millions of cells', () => {
  it('is refused past --max-cells (default 10,000) in one line, before any cell is built', async () => {
    const r = await cli(huge);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(COUNT);
    expect(r.err).toMatch(/; that is more than --max-cells 10,000: sweep fewer values, or raise --max-cells\n$/);
    expect(r.err.split('\n')).toHaveLength(2);
    expect((await cli([...huge, '--max-cells', '0'])).err).toBe("allocheck: --max-cells takes a whole number >= 1, got '0'\n");
  });

  it('with the cap raised: the count comes first, and Ctrl-C stops the run while cells are still being laid out', async () => {
    const controller = new AbortController();
    let out = '';
    let err = '';
    const io = {
      out: (t: string) => void (out += t),
      err: (t: string) => {
        err += t;
        // Ctrl-C soon after the count is printed: most cells are not laid out yet.
        if (COUNT.test(t)) setTimeout(() => controller.abort(), 200);
      },
      errIsTTY: false, cwd: process.cwd(), signal: controller.signal,
    };
    const code = await main([...huge, '--max-cells', '3000000', '--jobs', '0', '--max-states', '1', '--property', 'no-deadlock', '--csv'], io);
    expect(err).toMatch(COUNT);
    expect(code).toBe(3);
    const rows = out.trim().split('\n').length - 1;
    expect(rows).toBeLessThan(336_960);
  });

  it('a matrix of fewer than 100 cells prints nothing on stderr when it is not a terminal', async () => {
    const r = await cli(['matrix', 'counter', '--sweep', 'procs=1..2', '--sweep', 'max=1..2', '--quiet']);
    expect([r.code, r.err]).toEqual([0, '']);
  });
});
