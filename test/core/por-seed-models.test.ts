import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import type { Action, Model } from '../../src/core/model.js';
import { isSafety } from '../../src/core/model.js';
import type { CheckResult } from '../../src/core/result.js';
import { models } from '../../src/api/models.js';
import { resolveParams } from '../../src/core/params.js';

function verdicts(r: CheckResult<unknown, Action>) {
  return { verdict: r.verdict, properties: r.properties.map((p) => [p.name, p.status, p.failure, (p.counterexample ?? p.witness)?.choices]) };
}

/** Safety properties, without symmetry: the settings under which the reduction applies. */
function both(model: Model<unknown, Action>) {
  const properties = model.properties.filter(isSafety).map((p) => p.name);
  const options = { properties, symmetry: false, maxStates: 400_000 };
  return { full: check(model, options), reduced: check(model, { ...options, por: true }) };
}

/** Every shipped model, each policy that applies, at its defaults and a couple of variants. */
const variants: Record<string, readonly Record<string, number>[]> = {
  counter: [{}, { procs: 2, max: 5 }, { procs: 4, max: 2 }],
  'bio-mempool': [{}],
  'dm-raid1': [{}, { pages: 6 }],
  'fuse-writeback': [{}],
  'nfs-ack': [{}],
};

describe('partial order reduction on the seed models', () => {
  for (const [name, def] of Object.entries(models)) {
    for (const policy of def.policies ?? [undefined]) {
      for (const params of variants[name] ?? [{}]) {
        it(`${name} ${policy ?? ''} ${JSON.stringify(params)}: the same verdicts, failures and paths`, () => {
          const { full, reduced } = both(def.build(resolveParams(def.params, params), policy));
          expect(verdicts(reduced)).toEqual(verdicts(full));
          expect(reduced.stats.states).toBeLessThanOrEqual(full.stats.states);
          expect(reduced.stats.por?.applied).toBe(def.policies === undefined);
        });
      }
    }
  }
});
