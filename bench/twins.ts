/**
 * The Promela twins of the allocation models (bench/dm-raid1.pml, bench/bio-mempool.pml): which
 * -D defines a setting of a model and policy becomes. A twin follows allocheck's semantics move
 * for move, so SPIN's "states, stored" must equal allocheck's state count (without symmetry);
 * a difference is a bug in one of the two.
 */
import type { PromelaSource } from './cases.js';

/** A setting of an allocation model: a model with a twin, its policy and its parameters. */
export interface TwinSetting {
  readonly model: 'dm-raid1' | 'bio-mempool';
  readonly policy: string;
  readonly params: Readonly<Record<string, number | string>>;
}

/** The files a twin needs beside itself (its #include). */
export const twinIncludes: readonly string[] = ['alloc-common.pml'];

const yes = (v: number | string | undefined, dflt: boolean): number => ((v === undefined ? dflt : v === 'yes') ? 1 : 0);

/** The policies each twin encodes, as the defines they set. */
const policyDefines: Readonly<Record<TwinSetting['model'], Readonly<Record<string, string>>>> = {
  'dm-raid1': { 'mempool-only': 'MEMPOOL', 'memalloc-inheritance': 'INHERIT', 'io-flusher': 'FLUSHER' },
  'bio-mempool': { 'mempool-only': 'MEMPOOL' },
};

function policyFlags(t: TwinSetting): Record<string, number> {
  const known = policyDefines[t.model];
  const out: Record<string, number> = {};
  for (const name of t.policy.split('+')) {
    if (name === 'none') continue;
    const define = known[name];
    if (define === undefined) throw new Error(`the ${t.model} twin does not encode policy '${name}'; it encodes: none, ${Object.keys(known).join(', ')}`);
    out[define] = 1;
  }
  return out;
}

/**
 * The Promela file and defines for a setting (parameters not given take the model's defaults,
 * which the .pml files repeat).
 *
 * @example
 * twinSource({ model: 'dm-raid1', policy: 'memalloc-inheritance', params: { dirtiers: 5 } }).defines.INHERIT // 1
 */
export function twinSource(t: TwinSetting): PromelaSource {
  const p = t.params;
  const num = (name: string, define: string): Record<string, number> => (p[name] === undefined ? {} : { [define]: Number(p[name]) });
  const common = {
    ...num('pages', 'PAGES'), ...num('min', 'MINW'), ...num('pool', 'POOL'), ...num('dirtiers', 'DIRTIERS'),
    MODERN: p.kernel === 'modern' ? 1 : 0,
    ...policyFlags(t),
  };
  if (t.model === 'bio-mempool') return { file: 'bio-mempool.pml', defines: common, includes: twinIncludes };
  return {
    file: 'dm-raid1.pml',
    defines: {
      ...common, ...num('legs', 'LEGS'), ...num('queue', 'QUEUE'),
      RECLAIM_IO: yes(p.daemon_reclaim_io, true), BACKGROUND: yes(p.background, false), INHERIT_NOIO: yes(p.inherit_noio, true),
    },
    includes: twinIncludes,
  };
}

/** The dm-raid1 setting of the speed comparison: 1,527,119 states without symmetry. */
export const raid1Bench: TwinSetting = {
  model: 'dm-raid1',
  policy: 'memalloc-inheritance',
  params: { pages: 12, queue: 3, background: 'yes', dirtiers: 5, pool: 4, legs: 3 },
};

/**
 * Settings whose state counts `npm run bench` compares before it times anything: each model
 * under each policy its twin encodes, both kernel eras, the assumptions flipped, and the speed
 * comparison's own setting.
 */
export const twinChecks: readonly TwinSetting[] = [
  { model: 'bio-mempool', policy: 'none', params: { dirtiers: 2, pages: 8 } },
  { model: 'bio-mempool', policy: 'mempool-only', params: { kernel: 'modern', min: 1, pool: 2 } },
  { model: 'bio-mempool', policy: 'mempool-only', params: { min: 3, pool: 2, dirtiers: 1 } },
  { model: 'dm-raid1', policy: 'mempool-only', params: { pages: 9, dirtiers: 3, queue: 2, pool: 2 } },
  { model: 'dm-raid1', policy: 'mempool-only', params: { pages: 9, dirtiers: 3, queue: 2, pool: 3, kernel: 'modern', background: 'yes' } },
  { model: 'dm-raid1', policy: 'mempool-only+memalloc-inheritance', params: { pages: 10, dirtiers: 3, queue: 2, inherit_noio: 'no', background: 'yes' } },
  { model: 'dm-raid1', policy: 'io-flusher', params: { pages: 8, min: 3, dirtiers: 3, daemon_reclaim_io: 'no' } },
  { model: 'dm-raid1', policy: 'memalloc-inheritance', params: { pages: 12, queue: 3, background: 'yes', dirtiers: 4, pool: 4, legs: 3 } },
  raid1Bench,
];
