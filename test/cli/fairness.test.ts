// --fair / --unfair: names are checked against the model's actors whatever is checked, and a
// check with no liveness property says that fairness did nothing.
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const verdicts = (out: string): unknown => {
  const json = JSON.parse(out);
  return { verdict: json.verdict, properties: json.properties.map((p: { name: string; status: string; failure?: string }) => [p.name, p.status, p.failure]) };
};

describe('--fair / --unfair', () => {
  it('an unknown actor is bad input (exit 2, one line) even with only safety properties', async () => {
    for (const [model, name] of [['dm-raid1', 'kmirord'], ['counter', 'p9']]) {
      const r = await cli(['check', model!, '--property', 'no-deadlock', '--fair', `${name}=weak`, '--quiet']);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(new RegExp(`^allocheck: --fair/--unfair names '${name}', which is not an actor of ${model}; actors[^\\n]*\\n$`));
    }
    const r = await cli(['check', 'counter', '--unfair', 'p7', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("allocheck: --fair/--unfair names 'p7', which is not an actor of counter; actors: p0, p1, p2\n");
  });

  it('with no liveness property selected: a one-line note naming the liveness properties; verdicts unchanged', async () => {
    const plain = await cli(['check', 'dm-raid1', '--property', 'no-deadlock', '--json', '--quiet']);
    const fair = await cli(['check', 'dm-raid1', '--property', 'no-deadlock', '--fair', 'kmirrord=weak', '--json', '--quiet']);
    expect(fair.err).toBe('allocheck: note: --fair/--unfair affect only liveness properties, and none is selected (liveness properties of dm-raid1: writeout-progress, recoverable)\n');
    expect(fair.code).toBe(plain.code);
    expect(plain.code).toBe(1);
    expect(verdicts(fair.out)).toEqual(verdicts(plain.out));
    const counter = await cli(['check', 'counter', '--unfair', 'p1', '--quiet']);
    expect(counter.code).toBe(0);
    expect(counter.err).toBe('allocheck: note: --fair/--unfair affect only liveness properties, and none is selected (counter has none)\n');
  });

  it('no note when a liveness property is selected, and fairness still decides it', async () => {
    const args = ['check', 'dm-raid1', '--policy', 'mempool-only+memalloc-inheritance', '--property', 'writeout-progress', '--quiet'];
    const fair = await cli(args);
    const unfair = await cli([...args, '--unfair', 'kswapd']);
    expect([fair.code, fair.err]).toEqual([0, '']);
    expect([unfair.code, unfair.err]).toEqual([1, '']);
    expect(unfair.out).toMatch(/writeout-progress {2}violated \(livelock/);
  });
});
