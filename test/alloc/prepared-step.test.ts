// Built-in steps prepare their run once per Exec (src/alloc/per-exec.ts, preparedStep): the
// successor loop calls the prepared function. A copy of such a step keeps it; a copy given its
// own `run` must have that run called, not the original's.
import { expect, it } from 'vitest';
import { alloc, dirtyPage, kswapd, localDisk, scenario, step, task, type Step, type WorldSpec } from '../../src/language.js';
import { param } from '../../src/core/params.js';

const world = (program: readonly Step[]): WorldSpec => ({
  kernel: '2.6', memory: { pages: 4, min: 1 }, devices: { disk: localDisk() }, actors: [task('t', {}, program), kswapd()],
});
const movesOf = (program: readonly Step[]): string[] => {
  const model = scenario({ name: 'prepared', summary: '', description: '', params: { n: param(1, [1, 1], '') }, world: () => world(program) }).build({});
  const moves: string[] = [];
  model.successors(model.initialStates()[0]!, (action) => moves.push(`${action.actor} ${action.name}`));
  return moves;
};

it('a copy of a prepared step with another kind runs the prepared step', () => {
  expect(movesOf([{ ...alloc(), kind: 'renamed' }])).toEqual(['t alloc']);
});

it('a copy of a prepared step given its own run runs that run', () => {
  const nap = step({ kind: 'nap', run(x) { const d = x.draft(); x.done(d); x.emit(d, 'nap', 'naps'); } });
  expect(movesOf([{ ...dirtyPage('disk'), run: nap.run }])).toEqual(['t nap']);
  expect(movesOf([dirtyPage('disk')])).toEqual(['t alloc']);
});
