import { describe, expect, it } from 'vitest';
import { cli, spawnCli } from '../support/cli.js';

describe('allocheck check', () => {
  it('exit 0 and the exact state count on a model that holds', async () => {
    const r = await cli(['check', 'counter', '--param', 'procs=3', '--param', 'max=3', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ model: 'counter', policy: null, params: { procs: 3, max: 3 }, verdict: 'holds' });
    expect(json.properties).toEqual([
      { name: 'no-deadlock', kind: 'deadlock-free', status: 'holds' },
      { name: 'bounded', kind: 'invariant', status: 'holds' },
    ]);
    for (const key of ['states', 'transitions', 'depth', 'seconds', 'statesPerSecond', 'bytesPerState']) expect(typeof json.stats[key]).toBe('number');
    expect(r.err).toBe('');
  });

  it('exit 1 with a counterexample in JSON when a property is violated', async () => {
    const r = await cli(['check', 'test/support/fixtures/racy-counter.ts', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.verdict).toBe('violated');
    const p = json.properties.find((x: { name: string }) => x.name === 'no-lost-update');
    expect(p.status).toBe('violated');
    expect(p.counterexample.length).toBe(p.counterexample.actions.length);
    expect(p.counterexample.actions[0]).toMatchObject({ actor: expect.any(String), name: expect.any(String) });
  });

  it('--expect-states sizes the visited table from the start: the same search, a larger table; a bad count is a usage error', async () => {
    // One thread: the parallel search's shared table has a size of its own, and a loaded machine
    // can hand even this small search to it.
    const args = ['check', 'counter', '--param', 'procs=3', '--param', 'max=3', '--workers', '1', '--json', '--quiet'];
    const plain = JSON.parse((await cli(args)).out);
    const sized = JSON.parse((await cli([...args, '--expect-states', '100000'])).out);
    expect(sized.stats.states).toBe(plain.stats.states);
    expect(sized.verdict).toBe(plain.verdict);
    // 100,000 states at three quarters full: 133,334 slots of 8 bytes over 4,430 states.
    expect(sized.stats.bytesPerState).toBeGreaterThan(200);
    expect(plain.stats.bytesPerState).toBeLessThan(50);
    const bad = await cli([...args, '--expect-states', '300000000']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^allocheck: --expect-states takes at most 200,000,000 states, got 300000000; leave it out and the table grows as it needs\n$/);
  });

  it('exit 3 when a limit stops the search, never "holds"', async () => {
    const r = await cli(['check', 'counter', '--max-states', '50']);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/verdict: INCOMPLETE \(the --max-states limit was reached/);
  });

  it('exit 3 and what to change when the memory limit is reached; the text shows table size and collision risk', async () => {
    const r = await cli(['check', 'counter', '--param', 'procs=4', '--param', 'max=7', '--memory-limit', '3M', '--quiet']);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/verdict: INCOMPLETE \(the memory limit was reached: raise --memory-limit/);
    expect(r.out).toMatch(/memory: visited table \d+\.\d MiB, [\d.]+ bytes\/state with the frontier; probability that a fingerprint collision hid a state: \d\.\de-\d+/);
  });

  it('--no-symmetry counts every permutation; the default says what it reduced', async () => {
    const reduced = await cli(['check', 'dm-raid1', '--param', 'dirtiers=3', '--property', 'pages-conserved', '--json']);
    const full = await cli(['check', 'dm-raid1', '--param', 'dirtiers=3', '--property', 'pages-conserved', '--json', '--no-symmetry']);
    const [a, b] = [JSON.parse(reduced.out), JSON.parse(full.out)];
    expect(a.verdict).toBe(b.verdict);
    expect(a.stats.states).toBeLessThan(b.stats.states);
    expect(a.stats.symmetry.groups).toEqual([['dirtier1', 'dirtier2', 'dirtier3']]);
    expect(b.stats.symmetry).toBeUndefined();
    const text = await cli(['check', 'dm-raid1', '--param', 'dirtiers=3', '--quiet']);
    expect(text.out).toMatch(/symmetry: states counted up to permutations of dirtier1, dirtier2, dirtier3 \(--no-symmetry to count every permutation\)\n/);
    const safety = await cli(['check', 'dm-raid1', '--param', 'dirtiers=3', '--property', 'no-deadlock', '--quiet']);
    expect(safety.out).toMatch(/symmetry: states counted up to permutations of dirtier1, dirtier2, dirtier3 \(--no-symmetry to count every permutation\)/);
  });

  it('decides writeout-progress on the reduced graph where a permuted dirtier\'s fairness matters: a replayed livelock, no full graph', async () => {
    const args = ['check', 'nfs-ack', '--param', 'pages=6', '--param', 'dirtiers=2', '--param', 'traffic=1', '--property', 'writeout-progress', '--json'];
    const [reduced, full] = [JSON.parse((await cli(args)).out), JSON.parse((await cli([...args, '--no-symmetry'])).out)];
    expect(reduced.properties[0]).toMatchObject({ status: 'violated', failure: 'livelock' });
    expect(full.properties[0]).toMatchObject({ status: 'violated', failure: 'livelock' });
    expect(reduced.stats.symmetry.fullGraph).toEqual([]);
    expect(reduced.stats.states).toBeLessThan(full.stats.states);
  });

  it('--workers 2 explores with threads and finds the same states', async () => {
    // --workers-after 0: the threads take the search from its start, however busy the machine.
    const r = await cli(['check', 'counter', '--param', 'procs=4', '--param', 'max=5', '--workers', '2', '--workers-after', '0', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect([json.verdict, json.stats.states, json.stats.workers]).toEqual(['holds', 374942, 2]);
  });

  it.each([
    [['check', 'counter', '--workers', '0'], /^allocheck: --workers takes a whole number >= 1, got '0'\n$/],
    [['check', 'counter', '--workers-after', 'soon'], /^allocheck: --workers-after takes a number of seconds >= 0, got 'soon'\n$/],
    [['check', 'counter', '--memory-limit', 'lots'], /^allocheck: --memory-limit takes a size such as 8G, 512M or a number of bytes, got 'lots'\n$/],
    [['check', 'counter', '--symmetry', '--no-symmetry'], /^allocheck: give --symmetry or --no-symmetry, not both\n$/],
    [['check', 'countr'], /^allocheck: unknown model 'countr'; known: .*counter/],
    [['check', 'counter', '--param', 'procs=99'], /^allocheck: parameter procs=99 is out of range 1\.\.8\n$/],
    [['check', 'counter', '--param', 'procs'], /^allocheck: --param takes name=value, got 'procs'\n$/],
    [['check', 'counter', '--param', 'nope=1'], /^allocheck: unknown parameter 'nope'; known: procs, max\n$/],
    [['check', 'counter', '--property', 'nope'], /^allocheck: unknown property 'nope'; known: no-deadlock, bounded\n$/],
    [['check', 'counter', '--max-states', 'lots'], /^allocheck: --max-states takes a whole number >= 1, got 'lots'\n$/],
    [['check', 'counter', '--policy', 'none'], /^allocheck: model 'counter' takes no --policy/],
    [['check', 'counter', '--bogus'], /^allocheck: Unknown option '--bogus'; see 'allocheck check --help'\n$/],
    [['check'], /^allocheck: check needs a model/],
    [['frobnicate'], /^allocheck: unknown command 'frobnicate'; known: /],
    [['check', 'test/support/fixtures/throwing-model.ts'], /^allocheck: the model threw in the search: the model is broken\n$/],
    [['check', 'test/support/fixtures/not-a-model.ts'], /does not export a model/],
  ])('bad input %j: one line, exit 2', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('--debug shows the stack', async () => {
    const r = await cli(['check', 'test/support/fixtures/throwing-model.ts', '--debug']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/at .*throwing-model\.ts/);
  });

  it('the real binary runs through npx-style invocation and lists models', async () => {
    const r = await spawnCli(['list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/counter +procs processes racing/);
    expect(r.out).toMatch(/procs=3 +1\.\.8 +processes/);
    const bad = await spawnCli(['check', 'counter', '--param', 'procs=0']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('allocheck: parameter procs=0 is out of range 1..8\n');
  });
});
