// The Promela twins of the allocation models against allocheck: equal state counts at small
// settings (SPIN's "states, stored" without POR). Runs when spin and gcc are installed;
// skipped, saying so, when not.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { twinCounts } from './twin-check.js';
import { twinSource, type TwinSetting } from './twins.js';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const missing = ['spin', 'gcc'].filter((tool) => spawnSync(tool, ['-V']).error !== undefined);
if (missing.length > 0) console.warn(`Promela twin cross-check skipped: ${missing.join(' and ')} not installed`);

const settings: TwinSetting[] = [
  { model: 'bio-mempool', policy: 'mempool-only', params: { kernel: 'modern', min: 1, pool: 2 } },
  { model: 'dm-raid1', policy: 'mempool-only', params: { pages: 8, dirtiers: 3, queue: 2, pool: 2 } },
  { model: 'dm-raid1', policy: 'memalloc-inheritance', params: { pages: 9, dirtiers: 3, queue: 2, background: 'yes', legs: 3 } },
];

describe.skipIf(missing.length > 0)('the Promela twins against allocheck', () => {
  it.each(settings)('$model under $policy $params: the same state count', (t) => {
    const c = twinCounts(t, benchDir, 100_000);
    expect(c.spin).toBe(c.allocheck);
    expect(c.allocheck).toBeGreaterThan(50);
  }, 120_000);
});

describe('twinSource', () => {
  it('maps parameters and policies to defines', () => {
    const s = twinSource({ model: 'dm-raid1', policy: 'mempool-only+memalloc-inheritance', params: { pages: 9, kernel: 'modern', background: 'yes' } });
    expect(s.file).toBe('dm-raid1.pml');
    expect(s.defines).toMatchObject({ PAGES: 9, MODERN: 1, MEMPOOL: 1, INHERIT: 1, BACKGROUND: 1, RECLAIM_IO: 1 });
  });

  it('refuses a policy the twin does not encode', () => {
    expect(() => twinSource({ model: 'bio-mempool', policy: 'dirty-limit', params: {} })).toThrow(/does not encode policy 'dirty-limit'/);
  });
});
