import { describe, expect, it } from 'vitest';
import { buildCell } from '../../src/api/cell.js';
import { models } from '../../src/api/models.js';
import { GraphBuilder } from '../../src/core/graph-builder.js';
import { treePathTo } from '../../src/core/graph-path.js';
import { quotientPaths, replayPaths } from '../../src/core/quotient-paths.js';
import { symmetryKey } from '../../src/core/symmetry.js';

describe('graph paths', () => {
  it("end() gives path()'s choices and last state, on the quotient and on the full graph", () => {
    const model = buildCell(models['dm-raid1'], 'none', { pages: 5, dirtiers: 2 });
    const sizes: number[] = [];
    for (const key of [symmetryKey(model, true), undefined]) {
      const builder = new GraphBuilder(model, model.properties, { maxStates: Infinity, maxDepth: Infinity }, undefined, key);
      builder.run(() => false);
      const g = builder.graph();
      sizes.push(g.nodes);
      const paths = key ? quotientPaths(model, g, (s) => builder.nodeOf(s), () => false) : replayPaths(model, g);
      for (let v = 0; v < g.nodes; v += 5) {
        const { init, edges } = treePathTo(g, v);
        const path = paths.path(init, edges);
        const end = paths.end(init, edges);
        expect(end.choices).toEqual(path.choices);
        expect(Array.from(model.encode(end.state))).toEqual(Array.from(model.encode(path.states[path.states.length - 1]!)));
      }
    }
    // The quotient is smaller: its paths were unwound, not read off the edges.
    expect(sizes[0]).toBeLessThan(sizes[1]!);
  });
});
