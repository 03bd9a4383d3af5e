import { describe, expect, it } from 'vitest';
import { GraphArrays } from '../../src/core/graph-arrays.js';

/** A ring of `n` nodes, each with one edge to the next, built as a search builds it. */
function ring(arrays: GraphArrays, n: number) {
  arrays.addNode(-1);
  for (let v = 0; v < n; v++) {
    const e = arrays.addEdge('a', 'a');
    arrays.setTarget(e, v + 1 < n ? arrays.addNode(e) : 0);
    arrays.endRow(false);
  }
  return arrays.graph(undefined);
}

describe('GraphArrays', () => {
  // Row v ends at offsets[v + 1]: a graph that fills its arrays exactly must keep its last row.
  it.each([[4, 4], [4, 8], [4, 5], [1024, 1024], [1024, 2048]])('keeps every row of a graph of room %i and %i nodes', (room, n) => {
    const g = ring(new GraphArrays(0, room), n);
    expect(g.offsets.length).toBe(n + 1);
    expect(Array.from(g.offsets)).toEqual(Array.from({ length: n + 1 }, (_, v) => v));
    expect(Array.from(g.targets)).toEqual(Array.from({ length: n }, (_, v) => (v + 1) % n));
  });
});
