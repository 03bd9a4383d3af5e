import { describe, expect, it } from 'vitest';
import split from '../../models/bio-split.js';
import { run } from './run.js';
import { reachableTexts } from '../support/reachable-actions.js';

function texts(policy: string, params: Record<string, number> = {}): Set<string> {
  return reachableTexts(split.build(params, policy));
}

describe('bio-split: the bio_set rescuer (9.1)', () => {
  it.each([
    ['none', {}, 'violated', 5],
    ['bioset-rescuer', {}, 'holds', 39],
    ['none', { writers: 2, pool: 2 }, 'violated', undefined],
    ['bioset-rescuer', { writers: 2, pool: 2 }, 'holds', undefined],
  ] as const)('under %s %j: %s', (policy, params, verdict, states) => {
    const r = run(split, policy, params);
    expect(r.verdict).toBe(verdict);
    if (states !== undefined) expect(r.states).toBe(states);
  });

  it("deadlocks with the task asleep on the empty bio_set and its own clones on its bio_list", () => {
    const r = run(split, 'none');
    expect(r.failure).toBe('deadlock');
    const view = r.model.describe(r.counterexample!.states.at(-1)!);
    expect(view.actors[0]!.status).toBe('asleep on the empty dm-split bio_set with 2 bio(s) on its own bio_list');
    expect(view.waitsFor.map((e) => `${e.from} -> ${e.to}`)).toEqual(['writer -> mempool dm-split', 'mempool dm-split -> writer']);
  });

  it('tells the punt and the rescuer issuing the punted bios', () => {
    const t = texts('bioset-rescuer');
    expect(t).toContain('writer finds the dm-split bio_set empty with 2 bio(s) on its own bio_list: punt_bios_to_rescuer hands them to the dm-split rescuer, and it retries, ready to sleep');
    expect(t).toContain("the dm-split rescuer issues writer's pending bio to disk");
  });
});
