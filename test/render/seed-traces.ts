import dm from '../../models/dm-raid1.js';
import fuse from '../../models/fuse-writeback.js';
import nfs from '../../models/nfs-ack.js';
import type { Scenario } from '../../src/alloc/index.js';
import { check } from '../../src/core/check.js';
import { replay } from '../../src/core/path.js';
import { traceOf, traceOfPath, type Trace } from '../../src/render/trace.js';

/** The seed's counterexamples: each scenario's no-deadlock violation under its plain policy. */
export const seedCases: readonly { name: string; def: Scenario; policy: string }[] = [
  { name: 'dm-raid1-mempool-only', def: dm, policy: 'mempool-only' },
  { name: 'nfs-ack-none', def: nfs, policy: 'none' },
  { name: 'fuse-writeback-none', def: fuse, policy: 'none' },
];

export function seedTrace(def: Scenario, policy: string, params: Record<string, number | string> = {}): Trace {
  const model = def.build(params, policy);
  const result = check(model, { properties: ['no-deadlock'] });
  return traceOf(model, result.properties[0]!, { specs: def.params });
}

/**
 * A hand-made lasso: nfs-ack with retransmission, where the ACK of kswapd's writeout is dropped
 * (free memory is below the atomic floor) and resent, forever: steps 8 and 9 repeat. A shape
 * for the renderers: under the model's fairness it is not a counterexample (dirtier2, strongly
 * fair, is enabled on the cycle and never moves), and replay says so.
 */
export const lassoChoices = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2];
export const lassoStart = 7;

export function lassoTrace(choices = lassoChoices, loopStart = lassoStart): Trace {
  const model = nfs.build({ retransmit: 'yes' }, 'none');
  const path = replay(model, choices, loopStart);
  return traceOfPath(model, path, { name: 'writeout-progress', kind: 'leads-to' }, { specs: nfs.params });
}
