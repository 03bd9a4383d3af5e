import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraries, assertPolicy, checkCell, checkPolicy, models, safetyProperties } from '../../src/index.js';
import { memoSize } from '../../src/api/memo.js';
import { paramDomain, sweepPoints } from '../../src/core/sweep.js';
import type { ParamValues } from '../../src/core/params.js';

// A literal list: `property` takes the catalogue's names only.
const safety = ['no-deadlock', 'reserve-integrity', 'pages-conserved'] as const;
const fuse = models['fuse-writeback']!;
const bio = models['bio-mempool']!;
const fails = (def: typeof fuse, policy: string, p: ParamValues) => checkCell(def, policy, p, { properties: safetyProperties }).verdict !== 'holds';

/** Settings one step smaller in a single parameter, that the model accepts. */
function smallerNeighbours(def: typeof fuse, p: ParamValues): ParamValues[] {
  return Object.entries(def.params).flatMap(([name, spec]) => {
    const domain = paramDomain(name, spec);
    const i = domain.indexOf(p[name]!);
    return i > 0 ? [{ ...p, [name]: domain[i - 1]! }] : [];
  }).filter((q) => arbitraries.buildable(def, q));
}

describe('property tests of policies', () => {
  it('finds that none deadlocks fuse-writeback and shrinks to a minimal configuration', () => {
    const r = checkPolicy(fuse, 'none', { property: safety, seed: 42 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.verdict).toBe('deadlock');
    expect(fails(fuse, 'none', r.params)).toBe(true);
    // Minimal: no setting one step smaller in any parameter still fails.
    for (const q of smallerNeighbours(fuse, r.params)) expect(fails(fuse, 'none', q), JSON.stringify(q)).toBe(false);
    expect(r.story[0]).toMatch(/^ {3}1\. /);
    expect(r.story.join('\n')).toMatch(/fuse-server cannot get a page/);
  });

  it("assertPolicy throws fast-check's report (seed, path, shrunk configuration), then the story", () => {
    let report = '';
    try {
      assertPolicy(fuse, 'none', { property: 'no-deadlock', seed: 7 });
    } catch (e) {
      report = (e as Error).message;
    }
    expect(report).toMatch(/^Property failed after \d+ tests?\n\{ seed: 7, path: "[\d:]+", endOnFailure: true \}\nCounterexample: \[\{"pages":\d+,.*\}\]\nShrunk \d+ time\(s\)\n/);
    expect(report).toMatch(/\n\nfuse-writeback under none: no-deadlock fails \(deadlock\) at pages=\d+ min=\d+ dirtiers=\d+ buffers=\d+ queue=\d+ dirty_limit=\d+\ncounterexample:\n {3}1\. /);
    // The seed and path fast-check printed reach the same configuration at once.
    const r = checkPolicy(fuse, 'none', { property: 'no-deadlock', seed: 7 });
    if (r.ok) throw new Error('expected a failure');
    const again = checkPolicy(fuse, 'none', { property: 'no-deadlock', seed: r.seed, path: r.path });
    expect(again.ok ? null : again.params).toEqual(r.params);
  });

  it('takes fast-check parameters, and fc.configureGlobal reaches it', () => {
    fc.configureGlobal({ numRuns: 3 });
    try {
      expect(checkPolicy(bio, 'mempool-only', { property: safety })).toEqual({ ok: true, runs: 3 });
      expect(checkPolicy(bio, 'mempool-only', { property: safety, numRuns: 5 })).toEqual({ ok: true, runs: 5 });
    } finally {
      fc.resetConfigureGlobal();
    }
  });

  it('bio-mempool under mempool-only holds over its whole declared range', () => {
    assertPolicy(bio, 'mempool-only', { property: safety, numRuns: 200 });
    // The random runs agree with the exhaustive sweep over every declared value.
    const sweeps = Object.fromEntries(Object.entries(bio.params).map(([n, s]) => [n, paramDomain(n, s)]));
    const points = sweepPoints(bio.name, bio.params, {}, sweeps).filter((p) => arbitraries.buildable(bio, p));
    expect(points.length).toBeGreaterThan(20);
    for (const p of points) expect(fails(bio, 'mempool-only', p), JSON.stringify(p)).toBe(false);
  });

  it('verdicts are memoised by configuration value: each distinct setting is checked once', () => {
    const before = memoSize(bio);
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbitraries.params(bio, { kernel: 'modern', pages: [6, 7] }), (p) => {
        seen.add(JSON.stringify(Object.entries(p).sort()));
        return true;
      }),
      { numRuns: 50, seed: 1 },
    );
    assertPolicy(bio, 'none', { property: 'pages-conserved', arbitrary: arbitraries.params(bio, { kernel: 'modern', pages: [6, 7] }), numRuns: 50, seed: 1 });
    expect(memoSize(bio) - before).toBe(seen.size);
  });

  it('arbitraries honour the declared ranges and overrides, and shrink towards the smallest setting', () => {
    fc.assert(
      fc.property(arbitraries.params(models['dm-raid1']!, { pool: { min: 2 }, kernel: 'modern' }), (p) => {
        expect(p.pool).toBeGreaterThanOrEqual(2);
        expect(p.kernel).toBe('modern');
        expect(p.min as number).toBeLessThan(p.pages as number);
      }),
    );
    const r = fc.check(fc.property(arbitraries.params(fuse), () => false), { seed: 3 });
    expect(r.counterexample?.[0]).toEqual({ pages: 4, min: 1, dirtiers: 1, buffers: 1, queue: 1, dirty_limit: 1 });
    expect(() => arbitraries.params(fuse, { pool: 1 })).toThrow("model 'fuse-writeback' has no parameter 'pool'; its parameters: pages, min, dirtiers, buffers, queue, dirty_limit");
    expect(() => arbitraries.params(fuse, { min: 9 })).toThrow('parameter min=9 is out of range 1..5');
  });
});
