import { describe, expect, it } from 'vitest';
import { parseTrace, traceToJson } from '../../src/render/trace-json.js';
import { TRACE_FORMAT, TRACE_VERSION } from '../../src/render/trace.js';
import { lassoTrace, seedCases, seedTrace } from './seed-traces.js';

describe('trace.json', () => {
  it.each(seedCases)('$name round-trips exactly', ({ def, policy }) => {
    const trace = seedTrace(def, policy);
    const text = traceToJson(trace);
    expect(parseTrace(text)).toEqual(JSON.parse(JSON.stringify(trace)));
    expect(traceToJson(parseTrace(text))).toBe(text);
  });

  it('records the header a reader needs', () => {
    const t = seedTrace(seedCases[0]!.def, 'mempool-only');
    expect(t).toMatchObject({
      format: TRACE_FORMAT, version: TRACE_VERSION, model: 'dm-raid1', policy: 'mempool-only', kernel: '2.6', pages: 7,
      property: { name: 'no-deadlock', kind: 'deadlock-free', failure: 'deadlock' },
    });
    expect(t.assumptions.map((a) => a.name)).toEqual(['daemon_reclaim_io', 'background', 'inherit_noio', 'inflight']);
    expect(t.assumptions[0]!.doc).toMatch(/GFP_KERNEL-like rights/);
    expect(t.choices).toHaveLength(t.steps.length + 1);
    expect(t.steps[10]).toMatchObject({ actor: 'kmirrord', action: 'mempool-alloc', context: 'GFP_KERNEL' });
    expect(t.steps.at(-1)!.state.waitsFor).toContainEqual(expect.objectContaining({ from: 'kmirrord', to: 'kmirrord' }));
  });

  it('keeps a lasso its cycle start and the fairness in force', () => {
    const back = parseTrace(traceToJson(lassoTrace()));
    expect(back.loopStart).toBe(7);
    expect(back.fairness).toEqual({ dirtier1: 'strong', dirtier2: 'strong', kswapd: 'strong', softirq: 'weak', 'nfs-server': 'weak' });
    expect(traceToJson(back)).toBe(traceToJson(lassoTrace()));
  });

  it('records fairness only for a leads-to property, and still reads version 1', () => {
    expect(seedTrace(seedCases[0]!.def, 'mempool-only').fairness).toBeUndefined();
    const { fairness: _, ...v1 } = { ...JSON.parse(traceToJson(lassoTrace())), version: 1 };
    expect(parseTrace(JSON.stringify(v1))).toMatchObject({ version: 1, loopStart: 7 });
  });

  const good: unknown = JSON.parse(traceToJson(seedTrace(seedCases[1]!.def, 'none')));
  /** The good trace with the value at `path` replaced (undefined deletes it). */
  const edit = (path: readonly (string | number)[], value: unknown): string => {
    const t = structuredClone(good) as Record<string | number, unknown>;
    let at = t;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    if (value === undefined) delete at[path.at(-1)!];
    else at[path.at(-1)!] = value;
    return JSON.stringify(t);
  };
  const choices = (good as { choices: number[] }).choices;
  it.each([
    ['not JSON', '{"format": "allocheck-trace", ', /not JSON/],
    ['another format', edit(['format'], 'itf'), /format must be 'allocheck-trace'/],
    ['a newer version', edit(['version'], 3), /version 3 is not supported \(this allocheck reads versions 1, 2\)/],
    ['a fairness that is not a kind', edit(['fairness'], { kswapd: 'Weak' }), /fairness\.kswapd must be 'weak', 'strong' or 'none'/],
    ['a missing state field', edit(['steps', 3, 'state', 'waitsFor'], undefined), /steps\[3\]\.state\.waitsFor must be an array/],
    ['a negative choice', edit(['choices', 2], -1), /choices\[2\] must be a whole number >= 0/],
    ['choices that do not match the steps', edit(['choices'], choices.slice(1)), /choices has 12 entries; a trace of 12 steps needs 13/],
    ['a loop start past the end', edit(['loopStart'], 12), /loopStart must be below the number of steps \(12\)/],
    ['an array', '[]', /the file must be an object/],
  ])('rejects %s with one line naming the field', (_, text, message) => {
    let error: unknown;
    try {
      parseTrace(text);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'bad-trace' });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
