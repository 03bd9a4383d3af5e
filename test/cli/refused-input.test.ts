import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

/** Bad input: exit 2, one line on stderr, nothing on stdout. */
async function refused(args: readonly string[]): Promise<string> {
  const r = await cli(args);
  expect(r.out).toBe('');
  expect(r.code).toBe(2);
  expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
  return r.err;
}

describe('an empty property selection is bad input, never HOLDS', () => {
  it('dm-raid1 deadlocks under mempool-only, so HOLDS of it would be wrong', async () => {
    expect((await cli(['check', 'dm-raid1', '--policy', 'mempool-only', '--property', 'no-deadlock', '--quiet'])).code).toBe(1);
  });

  it.each([
    [['check', 'dm-raid1', '--policy', 'mempool-only', '--property', '']],
    [['check', 'dm-raid1', '--policy', 'mempool-only', '--property', ',']],
    [['matrix', 'dm-raid1', '--policies', 'mempool-only', '--property', ',', '--jobs', '0']],
    [['synth', 'dm-raid1', '--policy', 'memalloc-inheritance', '--find', 'min', '--property', ',', '--jobs', '0']],
  ])('%j: exit 2', async (args) => {
    expect(await refused(args)).toMatch(/^allocheck: --property names nothing \(got '.*'\); give at least one name\n$/);
  });

  it('matrix --policies , : exit 2', async () => {
    expect(await refused(['matrix', 'dm-raid1', '--policies', ',', '--jobs', '0'])).toMatch(/^allocheck: --policies names nothing/);
  });

  it('a model file that declares no property: exit 2', async () => {
    expect(await refused(['check', 'test/support/fixtures/no-properties.ts'])).toBe("allocheck: model 'empty' declares no property: there is nothing to check\n");
  });

  it('matrix of a model file that declares no property: the whole run is refused before any cell, not an error row', async () => {
    expect(await refused(['matrix', 'test/support/fixtures/no-properties.ts', '--jobs', '0'])).toBe("allocheck: model 'empty' declares no property: there is nothing to check\n");
  });

  it('matrix with a property the model does not declare: refused before any cell', async () => {
    expect(await refused(['matrix', 'bio-mempool', '--policies', 'none', '--property', 'no-deadlocks', '--jobs', '0'])).toMatch(/^allocheck: unknown property 'no-deadlocks'; known: no-deadlock, /);
  });
});

describe('input that used to be ignored silently is bad input', () => {
  it.each([
    [['check', 'counter', '--param', '__proto__=1'], /^allocheck: unknown parameter '__proto__'; known: procs, max\n$/],
    [['check', 'counter', '--param', 'procs=2', '--param', 'procs=3'], /^allocheck: --param procs is given twice \(procs=2 and procs=3\); give it once\n$/],
    [['check', 'nfs-ack', '--fair', 'kswapd=weak', '--unfair', 'kswapd'], /^allocheck: fairness of 'kswapd' is given twice/],
    [['matrix', 'dm-raid1', '--policies', 'mempool-only', '--param', 'pages=6', '--sweep', 'pages=5..7', '--jobs', '0'], /^allocheck: --param pages=6 and --sweep pages name the same parameter; give one of them\n$/],
    [['synth', 'dm-raid1', '--policy', 'memalloc-inheritance', '--find', 'min', '--param', 'min=2', '--jobs', '0'], /^allocheck: --param min=2 and --find min name the same parameter/],
    [['synth', 'dm-raid1', '--policy', 'memalloc-inheritance', '--find', 'min', '--over', 'legs=1..2', '--param', 'legs=1', '--jobs', '0'], /^allocheck: --param legs=1 and --over legs name the same parameter/],
    [['check', 'counter', '--out', ''], /^allocheck: --out needs a path, got ''\n$/],
    [['matrix', 'counter', '--out', ' ', '--jobs', '0'], /^allocheck: --out needs a path, got ''\n$/],
    [['render', 'out/trace.json', '-o', ''], /^allocheck: -o needs a path, got ''\n$/],
    [['list', 'bogus'], /^allocheck: list takes no argument, got 'bogus'/],
  ])('%j: one line, exit 2', async (args, message) => {
    expect(await refused(args)).toMatch(message);
  });
});
