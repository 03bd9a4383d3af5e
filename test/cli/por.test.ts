import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('allocheck check --por', () => {
  it('reduces the counter and says so in text and JSON, with the verdicts of the full search', async () => {
    const base = ['check', 'counter', '--param', 'procs=3', '--param', 'max=3', '--quiet'];
    const [full, reduced, text] = await Promise.all([cli([...base, '--json']), cli([...base, '--json', '--por']), cli([...base, '--por'])]);
    expect(reduced.code).toBe(0);
    const [f, r] = [JSON.parse(full.out), JSON.parse(reduced.out)];
    expect(r.properties).toEqual(f.properties);
    expect(f.stats.por).toBeUndefined();
    expect(r.stats).toMatchObject({ states: 2134, por: { applied: true } });
    expect(r.stats.states).toBeLessThan(f.stats.states);
    expect(text.out).toMatch(/^2,134 states, [\s\S]*\npartial order reduction: [\d,]+ states expanded by one actor's local steps, [\d,]+ fully/m);
  });

  it('gives the same counterexample on a violated model, and explains when it does not apply', async () => {
    const model = 'test/support/fixtures/local-steps.ts';
    const [full, reduced] = await Promise.all([cli(['check', model, '--json']), cli(['check', model, '--json', '--por', '--workers', '2'])]);
    expect(reduced.code).toBe(1);
    const [f, r] = [JSON.parse(full.out), JSON.parse(reduced.out)];
    expect(r.properties).toEqual(f.properties);
    expect(r.properties[0].counterexample.actions.length).toBe(6);
    expect(r.stats.por.ampleStates).toBeGreaterThan(0);
    expect(r.stats.states).toBeLessThan(f.stats.states);
    const alloc = await cli(['check', 'dm-raid1', '--por', '--quiet']);
    expect(alloc.out).toMatch(/partial order reduction: not applied, the model declares no local steps/);
  });

  it('matrix takes --por', async () => {
    const r = await cli(['matrix', 'counter', '--sweep', 'procs=2..3', '--por', '--json', '--jobs', '0', '--quiet']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out);
    expect(JSON.stringify(rows)).toMatch(/2134/);
  });
});
