import { describe, expect, it } from 'vitest';
import { checkCell } from '../../src/api/cell.js';
import { models } from '../../src/api/models.js';
import { check, checkAsync, type CheckOptions } from '../../src/core/check.js';
import { CheckError } from '../../src/core/errors.js';
import type { Model } from '../../src/core/model.js';
import { checkParallel } from '../../src/parallel/check-parallel.js';
import { counterModel } from '../../models/counter.js';

/** A model that deadlocks at once (state 0 has no successor and is not a rest state). */
function stuck(over: Partial<Model<number>> = {}): Model<number> {
  return {
    name: 'stuck',
    initialStates: () => [0],
    successors: () => {},
    encode: (s) => Uint8Array.of(s),
    decode: (b) => b[0]!,
    isRest: () => false,
    properties: [{ kind: 'deadlock-free', name: 'no-deadlock' }],
    ...over,
  };
}

/** The CheckError `f` throws (fails the test when it throws none). */
function refusal(f: () => unknown): CheckError {
  try {
    f();
  } catch (e) {
    if (e instanceof CheckError) return e;
    throw e;
  }
  throw new Error('expected a CheckError, got a result');
}

describe('a check that could only hold vacuously is refused, never "holds"', () => {
  it('the model deadlocks, so a verdict about it must not be holds', () => {
    expect(check(stuck()).verdict).toBe('violated');
  });

  it.each<[string, () => unknown, string, RegExp]>([
    ['properties: [] in the options', () => check(stuck(), { properties: [] }), 'bad-option', /^no property selected \(an empty list\); known: no-deadlock$/],
    ['a model with properties: []', () => check(stuck({ properties: [] })), 'bad-model', /^model 'stuck' declares no property: there is nothing to check$/],
    ['a model with no initial state', () => check(stuck({ initialStates: () => [], properties: [{ kind: 'invariant', name: 'never', holds: () => false }] })), 'bad-model', /^model 'stuck' has no initial state: there is nothing to explore$/],
    ['properties: [] in a cell', () => checkCell(models['dm-raid1']!, 'mempool-only', {}, { properties: [] }), 'bad-option', /^no property selected/],
  ])('%s: one-line CheckError', (_, f, code, message) => {
    const e = refusal(f);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('the asynchronous and threaded checks refuse the same', async () => {
    await expect(checkAsync(stuck(), { properties: [] })).rejects.toThrow(/no property selected/);
    const recipe = { module: new URL('../../models/counter.ts', import.meta.url).href, params: { procs: 2, max: 2 } };
    await expect(checkParallel(counterModel(2, 2), recipe, { workers: 2, properties: [] })).rejects.toThrow(/no property selected/);
  });
});

describe('options the engine would otherwise ignore are refused', () => {
  it.each<[string, () => unknown, RegExp]>([
    ['a misspelt option (maxStats)', () => check(stuck(), { maxStats: 5 } as CheckOptions), /^unknown check option 'maxStats'; known: properties, maxStates, /],
    ['timeLimitSeconds: 0', () => check(stuck(), { timeLimitSeconds: 0 }), /^timeLimitSeconds must be a number of seconds > 0, got 0$/],
    ['a misspelt cell limit', () => checkCell(models['dm-raid1']!, 'mempool-only', {}, { maxStats: 5 } as never), /^unknown cell limit option 'maxStats'; known: properties, maxStates/],
  ])('%s: one-line CheckError', (_, f, message) => {
    expect(refusal(f).message).toMatch(message);
  });

  it('checkParallel knows its own options and refuses a typo among them', async () => {
    const recipe = { module: new URL('../../models/counter.ts', import.meta.url).href, params: { procs: 2, max: 2 } };
    const r = await checkParallel(counterModel(2, 2), recipe, { workers: 1, probeSeconds: 0 });
    expect(r.verdict).toBe('holds');
    await expect(checkParallel(counterModel(2, 2), recipe, { workers: 1, wokers: 2 } as never)).rejects.toThrow(/^unknown checkParallel option 'wokers'/);
  });
});
