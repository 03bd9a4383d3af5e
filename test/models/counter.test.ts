import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/core/check.js';
import { replay } from '../../src/core/path.js';
import counter, { counterModel } from '../../models/counter.js';

/** The counter's reachable states by brute force over tuples: independent of the model file. */
function bruteForce(procs: number, max: number): number {
  const key = (s: number[]): string => s.join(',');
  const init = new Array(1 + 2 * procs).fill(0);
  const seen = new Set([key(init)]);
  const stack = [init];
  while (stack.length) {
    const s = stack.pop()!;
    for (let i = 0; i < procs; i++) {
      const pc = s[1 + 2 * i]!;
      const t = s[2 + 2 * i]!;
      const nexts: [number, number, number][] = pc === 0 ? [[s[0]!, 1, s[0]!]] : pc === 1 ? [...(t < max ? [[s[0]!, 2, t + 1] as [number, number, number]] : []), ...(t > 0 ? [[s[0]!, 2, t - 1] as [number, number, number]] : [])] : [[t, 0, t]];
      for (const [c, p, v] of nexts) {
        const n = [...s];
        n[0] = c;
        n[1 + 2 * i] = p;
        n[2 + 2 * i] = v;
        if (!seen.has(key(n))) (seen.add(key(n)), stack.push(n));
      }
    }
  }
  return seen.size;
}

describe('counter', () => {
  it.each([
    [1, 1], [2, 2], [2, 5], [3, 3], [3, 4],
  ])('procs=%i max=%i: state count equals a brute-force enumeration', (procs, max) => {
    const result = check(counterModel(procs, max));
    expect(result.verdict).toBe('holds');
    expect(result.stats.states).toBe(bruteForce(procs, max));
  });

  it('has the state count SPIN reports at procs=3 max=7 and its definition builds from params', () => {
    const model = counter.build({ procs: 3, max: 7 });
    expect(check(model).stats.states).toBe(bruteForce(3, 7));
  });

  test.prop([fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { maxLength: 30 })])(
    'encoding laws: a replayed path reaches a state that encodes as the walked one',
    (procs, max, picks) => {
      const model = counterModel(procs, max);
      const choices = [0];
      let state = model.initialStates()[0]!;
      for (const pick of picks) {
        const nexts: Uint8Array[] = [];
        model.successors(state, (_a, next) => nexts.push(model.decode(model.encode(next))));
        state = nexts[pick % nexts.length]!;
        choices.push(pick % nexts.length);
      }
      const replayed = replay(model, choices).states.at(-1)!;
      expect([...model.encode(replayed)]).toEqual([...model.encode(state)]);
      expect([...model.encode(model.decode(model.encode(state)))]).toEqual([...model.encode(state)]);
    },
  );
});
