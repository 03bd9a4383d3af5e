import { describe, expect, it } from 'vitest';
import oom from '../../models/oom-lock.js';
import { alloc, free, scenario, step, task, times } from '../../src/language.js';
import { param } from '../../src/core/params.js';
import { run } from './run.js';
import { reachableTexts } from '../support/reachable-actions.js';

describe('oom-lock: the OOM killer, its victim and the oom_reaper (aac453635549, 4.6)', () => {
  it('without an OOM killer the dead end is out of memory', () => {
    expect(run(oom, 'none')).toMatchObject({ verdict: 'violated', failure: 'oom' });
  });

  it("the killer's victim sleeps on the holder's mutex: a class of its own, told as such", () => {
    const r = run(oom, 'oom-killer');
    expect(r).toMatchObject({ verdict: 'violated', failure: 'oom-victim-stuck' });
    const kill = r.counterexample!.actions.at(-1)!;
    expect(kill).toMatchObject({ actor: 'holder', name: 'oom-kill', context: 'GFP_KERNEL' });
    expect(kill.text).toBe("holder's reclaim frees nothing: out_of_memory kills hog, the task with the most memory (4 pages), and marks it an OOM victim");
    const view = r.model.describe(r.counterexample!.states.at(-1)!);
    expect(view.actors.find((a) => a.name === 'hog')!.status).toBe('an OOM victim that cannot exit: asleep in mutex_lock(i_mutex), which holder holds');
    expect(view.waitsFor).toContainEqual({ from: 'memory', to: 'hog', why: 'the OOM killer waits for its victim hog to exit and free 4 page(s), and kills no other task while it lives' });
  });

  it('a victim that can run exits, frees its memory, and the system goes on', () => {
    expect(run(oom, 'none', { hog_sleeps: 'pause' })).toMatchObject({ verdict: 'violated', failure: 'oom' });
    const r = run(oom, 'oom-killer', { hog_sleeps: 'pause' });
    expect(r).toMatchObject({ verdict: 'holds', states: 35 });
    const texts = reachableTexts(r.model);
    expect(texts).toContain('hog, killed by the OOM killer, runs to exit and frees its 4 page(s)');
    expect([...texts].some((t) => /out_of_memory kills holder/.test(t))).toBe(false);
  });

  it('GFP_NOFS never calls the OOM killer: it retries, and the dead end stays out of memory', () => {
    expect(run(oom, 'oom-killer', { holder_context: 'GFP_NOFS' })).toMatchObject({ verdict: 'violated', failure: 'oom' });
  });

  it("the oom_reaper frees the victim's anonymous memory without it running", () => {
    const r = run(oom, 'oom-reaper');
    expect(r).toMatchObject({ verdict: 'holds', states: 55 });
    expect(reachableTexts(r.model)).toContain('oom_reaper frees 4 anonymous page(s) of OOM victim hog without it running');
  });

  it('two hogs of the same size: either may be the victim, and the symmetric search agrees with the full one', () => {
    const twins = scenario({
      name: 'oom-twins', summary: '', description: '', params: { n: param(1, [1, 1], '') },
      world: () => ({
        kernel: 'modern', memory: { pages: 5, min: 1 }, devices: {},
        actors: [task('hog', { count: 2 }, [times(2, alloc()), step({ kind: 'pause', run() {} }), free()]), task('holder', {}, [alloc(), free()])],
      }),
    });
    const r = run(twins, 'oom-killer');
    expect(r.verdict).toBe('holds');
    const kills = [...reachableTexts(twins.build({}, 'oom-killer'))].filter((t) => /out_of_memory kills/.test(t));
    expect([...new Set(kills.map((t) => /kills (hog\d)/.exec(t)![1]))].sort()).toEqual(['hog1', 'hog2']);
  });
});
