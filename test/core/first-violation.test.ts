// CheckOptions.firstViolationOnly: the properties after the first violated one are left
// undecided, and what a matrix's table shows of the check (its summary) is the same as when
// every property is decided, on the shipped models at random settings.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { params, type ParamOverride } from '../../src/api/arbitraries.js';
import { checkCell, summarize } from '../../src/api/cell.js';
import { models } from '../../src/api/models.js';
import { check } from '../../src/core/check.js';
import { CheckError } from '../../src/core/errors.js';
import type { Action } from '../../src/core/model.js';
import type { PropertyResult } from '../../src/core/result.js';

const nfs = models['nfs-ack']!;

/** What a property's result says, its counterexample by its replay token. */
function decided(r: PropertyResult<unknown, Action>): object {
  return { name: r.name, status: r.status, failure: r.failure, details: r.details, choices: r.counterexample?.choices, loopStart: r.counterexample?.loopStart };
}

/** The summary a table shows, without the time. */
function shown(r: Parameters<typeof summarize>[0]): object {
  const { seconds: _seconds, ...rest } = summarize(r);
  return rest;
}

describe('firstViolationOnly', () => {
  it('leaves every property after the first violated one unknown, and decides that one as before', () => {
    const all = checkCell(nfs, 'none', { pages: 6, dirtiers: 1, traffic: 0 });
    const first = checkCell(nfs, 'none', { pages: 6, dirtiers: 1, traffic: 0 }, { firstViolationOnly: true });
    expect(all.properties.map((p) => p.status)).toEqual(['violated', 'holds', 'holds', 'violated', 'violated']);
    expect(first.properties.map((p) => p.status)).toEqual(['violated', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(first.verdict).toBe('violated');
    expect(first.incomplete).toBeUndefined();
    expect(decided(first.properties[0]!)).toEqual(decided(all.properties[0]!));
    expect(first.stats.states).toBe(all.stats.states);
  });

  it('decides every property of a cell where none is violated', () => {
    const first = checkCell(nfs, 'network-reserve', { pages: 6, dirtiers: 1, traffic: 0 }, { firstViolationOnly: true });
    expect(first.verdict).toBe('holds');
    expect(first.properties.every((p) => p.status === 'holds')).toBe(true);
  });

  it('decides a liveness property that comes first even when a later one is violated', () => {
    // reclaim-throttle: writeout-progress (a leads-to on the quotient) and recoverable both fail.
    const cell = { pages: 9, dirtiers: 2, traffic: 2 };
    const all = checkCell(nfs, 'reclaim-throttle', cell);
    const first = checkCell(nfs, 'reclaim-throttle', cell, { firstViolationOnly: true });
    expect(all.properties.map((p) => p.status)).toEqual(['holds', 'holds', 'holds', 'violated', 'violated']);
    expect(first.properties.map((p) => p.status)).toEqual(['holds', 'holds', 'holds', 'violated', 'unknown']);
    expect(decided(first.properties[3]!)).toEqual(decided(all.properties[3]!));
  });

  it('is passed on by a cell, and refused when misspelt, like any option', () => {
    expect(() => checkCell(nfs, 'none', {}, { firstViolationOnIy: true } as never)).toThrow(/^unknown cell limit option 'firstViolationOnIy'/);
    const model = nfs.build({ ...Object.fromEntries(Object.entries(nfs.params).map(([k, s]) => [k, s.default])) }, 'none');
    expect(() => check(model, { firstViolationOnIy: true } as never)).toThrow(CheckError);
    expect(check(model, { firstViolationOnly: true }).properties.filter((p) => p.status === 'violated')).toHaveLength(1);
  });
});

describe('a summary is the same with firstViolationOnly', () => {
  for (const name of ['nfs-ack', 'dm-raid1', 'bio-mempool']) {
    const def = models[name]!;
    const small: Readonly<Record<string, ParamOverride>> = name === 'nfs-ack' ? { pages: { max: 8 }, traffic: { max: 1 }, dirtiers: { max: 2 } } : name === 'dm-raid1' ? { pages: { max: 7 }, dirtiers: { max: 2 } } : { pages: { max: 7 }, dirtiers: { max: 2 } };
    test.prop([fc.constantFrom(...def.policies!), params(def, small)], { numRuns: 12 })(`${name}: verdict, property, states and depth`, (policy, p) => {
      const all = checkCell(def, policy, p);
      const first = checkCell(def, policy, p, { firstViolationOnly: true });
      expect(shown(first)).toEqual(shown(all));
    });
  }
});
