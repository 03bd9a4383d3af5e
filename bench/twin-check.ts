/**
 * The cross-check of an allocation model against its Promela twin: allocheck's state count
 * (pages-conserved alone, without symmetry, so the whole state space) against SPIN's
 * "states, stored" without partial order reduction. Used by `npm run bench` before it times
 * anything, and by bench/twins.test.ts.
 */
import { check } from '../src/core/check.js';
import bioMempool from '../models/bio-mempool.js';
import dmRaid1 from '../models/dm-raid1.js';
import { twinCase } from './cases.js';
import { buildPan } from './spin-row.js';
import type { TwinSetting } from './twins.js';

export interface TwinCounts {
  readonly name: string;
  readonly allocheck: number;
  readonly spin: number;
}

const scenarios = { 'dm-raid1': dmRaid1, 'bio-mempool': bioMempool } as const;

/** allocheck's state count for a setting, searched in this process. */
export function allocheckStates(t: TwinSetting): number {
  const model = scenarios[t.model].build(t.params, t.policy);
  const r = check(model, { properties: ['pages-conserved'], symmetry: false });
  if (r.incomplete !== undefined) throw new Error(`allocheck did not finish ${t.model}: ${r.incomplete}`);
  return r.stats.states;
}

/**
 * Both counts for a setting; pan is compiled without optimisation (the count, not the speed,
 * is wanted) in a temporary directory.
 *
 * @example
 * const c = twinCounts({ model: 'dm-raid1', policy: 'none', params: {} }, 'bench'); // c.spin === c.allocheck
 */
export function twinCounts(t: TwinSetting, benchDir: string, depthLimit = 10_000_000): TwinCounts {
  const bench = twinCase(t);
  const pan = buildPan({ ...bench, promela: bench.promela! }, benchDir, depthLimit, ['spin-noreduce'], '-O0');
  try {
    return { name: bench.name, allocheck: allocheckStates(t), spin: pan.row('spin-noreduce').states };
  } finally {
    pan.close();
  }
}
