import { describe, expect, it } from 'vitest';
import { checkCell } from '../../src/api/cell.js';
import { models } from '../../src/api/models.js';
import { safetyProperties } from '../../properties/index.js';
import { cli, spawnCli } from '../support/cli.js';

const SAFETY = `--property=${safetyProperties.join(',')}`;
const dm = models['dm-raid1']!;
const holds = (policy: string, params: Record<string, number | string>) => checkCell(dm, policy, params, { properties: safetyProperties }).verdict === 'holds';

describe('allocheck synth', () => {
  it('finds the smallest reserve that makes memalloc-inheritance safe for 1..3 dirtiers, with the counterexample just below it', async () => {
    const r = await cli(['synth', 'dm-raid1', '--policy', 'memalloc-inheritance', '--find', 'min', '--over', 'dirtiers=1..3', SAFETY, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ status: 'found', method: 'bisection (declared safer-up)', over: { dirtiers: [1, 2, 3] } });
    const answer = json.answer as number;
    // The answer is what the definition says: it holds at every point, the value below fails at one.
    for (const dirtiers of [1, 2, 3]) expect(holds('memalloc-inheritance', { min: answer, dirtiers })).toBe(true);
    expect([1, 2, 3].some((dirtiers) => !holds('memalloc-inheritance', { min: answer - 1, dirtiers }))).toBe(true);
    expect(json.beyond.value).toBe(answer - 1);
    expect(json.beyond.result.verdict).toBe('violated');
    expect(json.beyond.result.properties[0].counterexample.choices.length).toBeGreaterThan(1);
    // Bisection probed fewer values than the range has.
    expect(json.probes).toBeLessThan(6);
  });

  it('the answer grows with the mirror legs: the reserve must cover every leg of a writeout', async () => {
    const answers: number[] = [];
    for (const legs of [1, 2, 3]) {
      const r = await cli(['synth', 'dm-raid1', '--policy', 'memalloc-inheritance', '--find', 'min', '--param', `legs=${legs}`, '--over', 'dirtiers=1..2', SAFETY, '--json', '--jobs', '0']);
      answers.push(JSON.parse(r.out).answer);
    }
    expect(answers).toEqual([...answers].sort((a, b) => a - b));
    expect(answers[2]).toBeGreaterThan(answers[0]!);
  });

  it('prints the answer and the numbered story of the value just beyond it', async () => {
    const r = await cli(['synth', 'dm-raid1', '--policy', 'memalloc-inheritance', '--find', 'min', '--over', 'dirtiers=1..2', SAFETY, '--jobs', '0']);
    expect(r.out).toMatch(/^answer: min = \d+ \(bisection/m);
    expect(r.out).toMatch(/at min=\d+, dirtiers=\d: no-deadlock fails \(deadlock\), \d+ steps:\n {3}1\. /);
    expect(r.out).toMatch(/kmirrord/);
  });

  it('--max: the largest value that works, searched from the top', async () => {
    const r = await cli(['synth', 'dm-raid1', '--policy', 'memalloc-inheritance', '--find', 'legs', '--max', SAFETY, '--json', '--jobs', '0']);
    const json = JSON.parse(r.out);
    expect(json.method).toBe('bisection (declared safer-down)');
    expect(holds('memalloc-inheritance', { legs: json.answer })).toBe(true);
    expect(holds('memalloc-inheritance', { legs: json.answer + 1 })).toBe(false);
    expect(json.beyond.value).toBe(json.answer + 1);
  });

  it('a parameter without a monotone declaration is scanned, and agrees with a matrix over the same range', async () => {
    const r = await cli(['synth', 'dm-raid1', '--policy', 'memalloc-inheritance', '--find', 'pages=4..8', '--param', 'min=1', '--param', 'legs=1', SAFETY, '--json', '--jobs', '0']);
    const json = JSON.parse(r.out);
    expect(json.method).toBe('scan (no monotone declaration)');
    const m = await cli(['matrix', 'dm-raid1', '--policies', 'memalloc-inheritance', '--sweep', 'pages=4..8', '--param', 'min=1', '--param', 'legs=1', SAFETY, '--json', '--jobs', '0']);
    const first = (JSON.parse(m.out).cells as { swept: { pages: number }; verdict: string }[]).find((c) => c.verdict === 'holds');
    expect(json.answer).toBe(first?.swept.pages ?? null);
  });

  it('no value works: exit 1 with the counterexample at the best value', async () => {
    const r = await cli(['synth', 'dm-raid1', '--policy', 'none', '--find', 'min', SAFETY, '--jobs', '0']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/answer: none: no value of min works/);
    expect(r.out).toMatch(/at the best value, min=6:\nat min=6: no-deadlock fails/);
  });

  it('an undecided point makes the answer incomplete (exit 3), never a guess', async () => {
    const r = await cli(['synth', 'dm-raid1', '--policy', 'memalloc-inheritance', '--find', 'min', '--max-states', '20', SAFETY, '--jobs', '0']);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/answer: INCOMPLETE at min=\d: nothing is claimed|answer: INCOMPLETE at min=\d \(/);
    expect(r.out).not.toMatch(/answer: min =/);
  });

  it.each([
    [['synth', 'dm-raid1', '--find', 'reserve'], /^allocheck: model 'dm-raid1' has no parameter 'reserve'; its parameters: pages, min, /],
    [['synth', 'dm-raid1', '--find', 'min', '--over', 'dirtier=1..2'], /^allocheck: model 'dm-raid1' has no parameter 'dirtier'/],
    [['synth', 'dm-raid1', '--find', 'min', '--over', 'min=1..2'], /^allocheck: --over min: that is the parameter being solved for/],
    [['synth', 'dm-raid1'], /^allocheck: synth needs --find NAME/],
    [['synth', 'dm-raid1', '--find', 'min', '--param', 'pages=4'], /^allocheck: min=4: .*must be below pages=4 \(narrow the search with --find min=lo\.\.hi\)/],
  ])('bad input %j: exit 2', async (args, message) => {
    const r = await cli(args);
    expect(r.err).toMatch(message);
    expect(r.code).toBe(2);
  });

  it('a build that never returns is stopped at the time limit in a worker, never on the command thread: incomplete, exit 3', async () => {
    const r = await spawnCli(['synth', 'test/support/fixtures/build-loops.ts', '--find', 'n', '--time-limit', '1', '--jobs', '1']);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/answer: INCOMPLETE at n=1 .*nothing is claimed\nat n=1: the check is incomplete \(time-limit\)/);
  });
});
