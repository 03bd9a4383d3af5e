// The liveness analysis after the search honours the time limit and the abort signal: a property
// whose analysis did not finish is unknown and the check incomplete, never 'holds'.
import { describe, expect, it } from 'vitest';
import { AnalysisStopped, Budget, UNLIMITED } from '../../src/core/budget.js';
import { check, checkAsync } from '../../src/core/check.js';
import { fairnessOf, fairnessTable } from '../../src/core/fairness.js';
import { GraphBuilder } from '../../src/core/graph-builder.js';
import { findLeadsToViolation } from '../../src/core/leads-to.js';
import type { Model } from '../../src/core/model.js';
import type { StateGraph } from '../../src/core/state-graph.js';
import { findTrap } from '../../src/core/trap.js';
import { counterWithProgress } from '../../models/counter.js';

/** counterWithProgress(2, 2) has 146 states: fewer than the search's 256 between two looks at the clock. */
const SMALL_STATES = 146;

describe('a limit reached when the analysis starts', () => {
  it('a time limit already past gives incomplete, not holds; the safety property on the complete graph is decided', () => {
    const r = check(counterWithProgress(2, 2), { properties: ['bounded', 'p0-writes'], timeLimitSeconds: 1e-9 });
    expect(r.stats.states).toBe(SMALL_STATES); // the search itself finished
    expect(r.verdict).toBe('incomplete');
    expect(r.incomplete).toBe('time-limit');
    expect(r.properties.map((p) => p.status)).toEqual(['holds', 'unknown']);
  });

  it('an aborted signal gives interrupted, with check and with checkAsync', async () => {
    const controller = new AbortController();
    controller.abort();
    for (const r of [check(counterWithProgress(2, 2), { properties: ['p0-writes'], signal: controller.signal }), await checkAsync(counterWithProgress(2, 2), { properties: ['p0-writes'], signal: controller.signal })]) {
      expect(r.stats.states).toBe(SMALL_STATES);
      expect(r.verdict).toBe('incomplete');
      expect(r.incomplete).toBe('interrupted');
      expect(r.properties[0]!.status).toBe('unknown');
    }
  });

  it('without the limit the same checks hold', () => {
    const r = check(counterWithProgress(2, 2), { properties: ['bounded', 'p0-writes'], timeLimitSeconds: 600, signal: new AbortController().signal });
    expect(r.verdict).toBe('holds');
    expect(r.incomplete).toBeUndefined();
  });
});

/** The model, aborting `controller` the first time it is asked for successors after `explored` expansions. */
function abortingAfter<S>(model: Model<S>, explored: number, controller: AbortController): Model<S> {
  let calls = 0;
  return {
    ...model,
    successors(s, emit) {
      if (++calls > explored) controller.abort();
      model.successors(s, emit);
    },
  };
}

describe('an abort after the search, during the analysis', () => {
  const properties = ['p0-writes', 'back-to-zero'];
  const fairness = { p0: 'none' } as const;

  it('both properties are violated when nothing stops the analysis', () => {
    const r = check(counterWithProgress(2, 2), { properties, fairness });
    expect(r.properties.map((p) => p.status)).toEqual(['violated', 'violated']);
  });

  it('keeps the violation replayed before the abort and leaves the next property unknown', async () => {
    for (const run of [check, checkAsync]) {
      const controller = new AbortController();
      // Replaying the first lasso asks the model for successors: the abort comes then.
      const model = abortingAfter(counterWithProgress(2, 2), SMALL_STATES, controller);
      const r = await run(model, { properties, fairness, signal: controller.signal });
      expect(controller.signal.aborted).toBe(true);
      expect(r.stats.states).toBe(SMALL_STATES);
      expect(r.properties[0]!.status).toBe('violated');
      expect(r.properties[0]!.counterexample!.loopStart).toBeDefined();
      expect(r.properties[1]!.status).toBe('unknown');
      expect(r.verdict).toBe('violated');
      expect(r.incomplete).toBe('interrupted');
    }
  });
});

/** A clock that advances one tick each time it is read. */
function tickingClock(): { now: () => number; readonly looks: number } {
  let t = 0;
  return { now: () => ++t, get looks() { return t; } };
}

function explored<S>(model: Model<S>): StateGraph {
  const builder = new GraphBuilder(model, model.properties, { maxStates: Infinity, maxDepth: Infinity });
  builder.run(() => false);
  return builder.graph();
}

describe('the analysis looks at the clock all along its loops', () => {
  const base = counterWithProgress(3, 4); // 9,426 states, 33,633 transitions
  const model: Model<Uint8Array> = { ...base, properties: [...base.properties.filter((p) => p.name === 'p0-writes'), { kind: 'recoverable', name: 'zero-again', q: (s) => s[0] === 0 }] };
  const graph = explored(model);
  const fairness = fairnessTable(graph.actorNames, fairnessOf(model, undefined));
  const analyses = {
    'leads-to': (budget: Budget) => findLeadsToViolation(graph, 0, fairness, budget),
    recoverable: (budget: Budget) => findTrap(graph, 1, budget),
  };

  for (const [name, analyse] of Object.entries(analyses)) {
    it(`${name}: a deadline passing at any look stops it; one never reached changes nothing`, () => {
      const clock = tickingClock();
      const full = analyse(new Budget(Infinity, undefined, clock.now));
      const looks = clock.looks;
      // At least one look per 4,096 steps of a pass over the graph's edges.
      expect(looks).toBeGreaterThanOrEqual(Math.floor(graph.targets.length / 4096));
      expect(full).toEqual(analyse(UNLIMITED));
      for (let k = 1; k <= looks; k++) {
        const c = tickingClock();
        expect(() => analyse(new Budget(k, undefined, c.now))).toThrow(AnalysisStopped);
        expect(c.looks).toBe(k);
      }
      expect(analyse(new Budget(looks + 1, undefined, tickingClock().now))).toEqual(full);
    });
  }
});
