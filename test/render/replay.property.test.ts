import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import bio from '../../models/bio-mempool.js';
import dm from '../../models/dm-raid1.js';
import fuse from '../../models/fuse-writeback.js';
import nfs from '../../models/nfs-ack.js';
import type { Scenario } from '../../src/alloc/index.js';
import { check } from '../../src/core/check.js';
import type { ParamSpecs } from '../../src/core/params.js';
import { replayTrace } from '../../src/render/replay-trace.js';
import { parseTrace, traceToJson } from '../../src/render/trace-json.js';
import { traceOf, type Trace } from '../../src/render/trace.js';

const scenarios: readonly Scenario[] = [dm, nfs, fuse, bio];

/** Parameter values drawn within each declared range or choice list. */
function paramsArb(specs: ParamSpecs): fc.Arbitrary<Record<string, number | string>> {
  const fields: Record<string, fc.Arbitrary<number | string>> = {};
  for (const [name, spec] of Object.entries(specs)) {
    fields[name] = spec.choices ? fc.constantFrom(...spec.choices) : fc.integer({ min: spec.range![0], max: spec.range![1] });
  }
  return fc.record(fields);
}

const configArb = fc.constantFrom(...scenarios).chain((def) =>
  fc.record({ def: fc.constant(def), policy: fc.constantFrom(...def.policies), params: paramsArb(def.params) }),
);

/** The traces of every counterexample a small search finds; none when the model rejects the setting. */
function tracesFor(def: Scenario, policy: string, params: Record<string, number | string>): { model: ReturnType<Scenario['build']>; traces: Trace[] } | undefined {
  let model;
  try {
    model = def.build(params, policy);
  } catch {
    return undefined; // e.g. mempools that do not fit the zone: a setting the model refuses
  }
  const result = check(model, { properties: ['no-deadlock', 'reserve-integrity', 'pages-conserved'], maxStates: 20_000 });
  const traces = result.properties.filter((p) => p.counterexample).map((p) => traceOf(model, p, { specs: def.params }));
  return { model, traces };
}

describe('traces of counterexamples on random configurations', () => {
  it('replay(parse(json(trace))) confirms every one; one altered step is rejected at that step', () => {
    let seen = 0;
    fc.assert(
      fc.property(configArb, fc.nat(), fc.constantFrom('free', 'actor', 'text', 'waits'), ({ def, policy, params }, pick, field) => {
        const found = tracesFor(def, policy, params);
        if (!found) return;
        for (const trace of found.traces) {
          seen++;
          const back = parseTrace(traceToJson(trace));
          expect(replayTrace(found.model, back)).toEqual({ ok: true, steps: trace.steps.length });
          if (trace.steps.length === 0) continue; // violated in the initial state: no step to alter
          const i = pick % trace.steps.length;
          const altered = JSON.parse(traceToJson(trace)) as { steps: { actor: string; text: string; state: { free: number; waitsFor: unknown[] } }[] };
          const step = altered.steps[i]!;
          if (field === 'free') step.state.free += 1;
          else if (field === 'actor') step.actor = `${step.actor}x`;
          else if (field === 'text') step.text = `${step.text} (edited)`;
          else step.state.waitsFor.push({ from: 'a', to: 'b', why: 'invented' });
          const verdict = replayTrace(found.model, parseTrace(JSON.stringify(altered)));
          expect(verdict).toMatchObject({ ok: false, step: i + 1 });
        }
      }),
      { numRuns: 40, seed: 20041203 },
    );
    // The generator must actually produce counterexamples, or the property says nothing.
    expect(seen).toBeGreaterThan(10);
  }, 30_000);
});
