// --memory-limit with a liveness property: the stored graph and what its analysis will take
// count against the limit, and the check stops as incomplete ('memory-limit') before passing it.
import { describe, expect, it } from 'vitest';
import { models } from '../../src/api/models.js';
import { check } from '../../src/core/check.js';
import { cli } from '../support/cli.js';

/**
 * dm-raid1 at a size whose full graph holds: 42,180 states, 155,252 transitions (without
 * symmetry: the quotient by the five interchangeable dirtiers is far smaller).
 */
const PARAMS = { dirtiers: 5, pages: 12, queue: 2 };
const ARGS = ['check', 'dm-raid1', '--policy', 'memalloc-inheritance', '--param', 'dirtiers=5', '--param', 'pages=12', '--param', 'queue=2', '--no-symmetry', '--quiet', '--json'];

describe('the memory limit with a liveness property selected', () => {
  it('without a limit the graph is explored whole and every property holds', () => {
    const r = check(models['dm-raid1']!.build(PARAMS, 'memalloc-inheritance'), { properties: ['writeout-progress'], symmetry: false });
    expect([r.verdict, r.stats.states, r.stats.transitions]).toEqual(['holds', 42180, 155252]);
  }, 30_000);

  it('a limit of 3 MiB stops the graph as incomplete (memory-limit), never holds', () => {
    const r = check(models['dm-raid1']!.build(PARAMS, 'memalloc-inheritance'), { properties: ['writeout-progress'], symmetry: false, memoryLimitBytes: 3 * 2 ** 20 });
    expect([r.verdict, r.incomplete]).toEqual(['incomplete', 'memory-limit']);
    expect(r.properties.map((p) => p.status)).toEqual(['unknown']);
    expect(r.stats.states).toBeGreaterThan(1000);
    expect(r.stats.states).toBeLessThan(42180);
  }, 30_000);

  it('from the CLI, with the default properties (liveness included): exit 3, memory-limit', async () => {
    const r = await cli([...ARGS, '--memory-limit', '3M']);
    expect(r.code).toBe(3);
    const json = JSON.parse(r.out);
    expect([json.verdict, json.incomplete]).toEqual(['incomplete', 'memory-limit']);
    expect(json.stats.states).toBeLessThan(42180);
    expect((await cli([...ARGS, '--memory-limit', '64M'])).code).toBe(0);
  }, 60_000);
});
