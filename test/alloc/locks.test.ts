import { describe, expect, it } from 'vitest';
import { alloc, free, kswapd, localDisk, lock, scenario, task, unlock, type WorldSpec } from '../../src/language.js';
import { param } from '../../src/core/params.js';
import { run } from '../models/run.js';

const world = (actors: WorldSpec['actors'], locks: readonly string[] = ['a', 'b']): WorldSpec => ({
  kernel: '2.6', memory: { pages: 6, min: 1 }, devices: { disk: localDisk() }, actors: [...actors, kswapd()], locks,
});
const model = (w: () => WorldSpec) => scenario({ name: 'locks', summary: '', description: '', params: { n: param(1, [1, 1], '') }, world: w });

describe('mutexes held across steps', () => {
  it('ABBA: each task sleeps in mutex_lock on the one the other holds, and the cycle says so', () => {
    const r = run(model(() => world([
      task('t1', {}, [lock('a'), lock('b'), unlock('b'), unlock('a')]),
      task('t2', {}, [lock('b'), lock('a'), unlock('a'), unlock('b')]),
    ])));
    expect(r).toMatchObject({ verdict: 'violated', failure: 'deadlock' });
    const view = r.model.describe(r.counterexample!.states.at(-1)!);
    expect(view.waitsFor).toEqual(expect.arrayContaining([
      { from: 't1', to: 't2', why: 'asleep in mutex_lock(b), which t2 holds' },
      { from: 't2', to: 't1', why: 'asleep in mutex_lock(a), which t1 holds' },
    ]));
    expect(view.actors.find((a) => a.name === 't1')?.status).toBe('asleep on mutex b held by t2');
  });

  it('a task allocates while it holds a mutex; its waiters wait, and all is released', () => {
    const r = run(model(() => world([task('writer', { count: 2 }, [lock('a'), alloc(), free(), unlock('a')])], ['a'])));
    expect(r).toMatchObject({ verdict: 'holds', states: 7 });
  });

  it('a mutex the world does not declare is bad input that names the actor', () => {
    expect(() => model(() => world([task('t', {}, [lock('c'), unlock('c')])])).build({})).toThrow(/actor t takes mutex 'c', which the world does not declare; locks: a, b/);
  });
});
