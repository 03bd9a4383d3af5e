// Fairness decides liveness verdicts, and the counterexample shows who starves.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { CheckError } from '../../src/core/errors.js';
import type { Fairness } from '../../src/core/model.js';
import { counterWithProgress } from '../../models/counter.js';
import { graphModel, type Graph } from './graph-model.js';

describe('weak fairness', () => {
  it('makes process 0 of the counter write back; declared unfair, it starves in the lasso', () => {
    const model = counterWithProgress(2, 2);
    expect(check(model, { properties: ['p0-writes'] }).verdict).toBe('holds');
    const result = check(model, { properties: ['p0-writes'], fairness: { p0: 'none' } });
    const property = result.properties[0]!;
    expect(result.verdict).toBe('violated');
    expect(property.failure).toBe('livelock');
    const { states, actions, loopStart } = property.counterexample!;
    expect(loopStart).toBeDefined();
    const cycleActors = actions.slice(loopStart).map((a) => a.actor);
    expect(cycleActors).not.toContain('p0'); // p0 never moves on the cycle ...
    for (const s of states.slice(loopStart)) expect(s[1]).toBe(1); // ... though it has read and is enabled
    expect(cycleActors).toContain('p1');
  });

  it('does not force an actor to choose one action: back-to-zero fails even when every process is fair', () => {
    const property = check(counterWithProgress(2, 2), { properties: ['back-to-zero'] }).properties[0]!;
    expect(property.status).toBe('violated');
    const { actions, loopStart } = property.counterexample!;
    const actors = new Set(actions.slice(loopStart).map((a) => a.actor));
    expect(actors).toEqual(new Set(['p0', 'p1'])); // both move on the cycle: it is fair
  });
});

describe('strong fairness', () => {
  // a1 flips a switch forever; a0 can finish only while the switch is on (node 1).
  const flicker = (a0: Fairness): Graph => ({
    nodes: 3,
    edges: [
      { from: 0, to: 1, actor: 1 },
      { from: 1, to: 0, actor: 1 },
      { from: 1, to: 2, actor: 0 },
      { from: 2, to: 2, actor: 1 },
    ],
    inits: [0],
    p: [true, false, false],
    q: [false, false, true],
    rest: [false, false, false],
    fairness: [a0, 'weak'],
  });

  it('is needed when the actor is enabled only intermittently', () => {
    expect(check(graphModel(flicker('strong'), ['leads-to'])).verdict).toBe('holds');
    const weak = check(graphModel(flicker('weak'), ['leads-to'])).properties[0]!;
    expect(weak.status).toBe('violated');
    expect(weak.counterexample!.states).toEqual([0, 1, 0]);
    expect(weak.counterexample!.loopStart).toBe(0);
  });

  it('can be given by the caller, overriding the model', () => {
    expect(check(graphModel(flicker('weak'), ['leads-to']), { fairness: { a0: 'strong' } }).verdict).toBe('holds');
  });
});

describe('fairness options', () => {
  it('rejects an unknown kind, naming the valid ones', () => {
    const bad = { p0: 'fair' } as unknown as Record<string, Fairness>;
    expect(() => check(counterWithProgress(1, 1), { fairness: bad })).toThrow(/fairness of actor 'p0' is 'fair'; valid: weak, strong, none/);
  });

  it('rejects an actor that never moves (a misspelt name), for a model that does not list its actors', () => {
    const { actors: _listed, ...unlisted } = counterWithProgress(2, 1);
    try {
      check(unlisted, { properties: ['p0-writes'], fairness: { P0: 'none' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CheckError);
      expect((e as CheckError).code).toBe('bad-option');
      expect((e as CheckError).message).toMatch(/actor 'P0' that never moves; actors: p0, p1/);
    }
  });
});

describe('fairness names', () => {
  it('a model that lists its actors has the names checked before the search, even for safety only', () => {
    expect(() => check(counterWithProgress(2, 2), { properties: ['bounded'], fairness: { p9: 'weak' } })).toThrow(/fairness names actor 'p9', which the model does not have; actors: p0, p1/);
    expect(check(counterWithProgress(2, 2), { properties: ['bounded'], fairness: { p1: 'none' } }).verdict).toBe('holds');
  });
});
