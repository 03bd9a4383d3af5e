import { describe, expect, it } from 'vitest';
import { cycleEdges, firstCycle, type WaitEdge } from '../../src/render/waits.js';

const e = (from: string, to: string): WaitEdge => ({ from, to, why: `${from}>${to}` });

describe('wait-for cycles', () => {
  it('finds the seed cycle: writeout waits on the daemon, the daemon on memory, memory on writeout', () => {
    const edges = [e('kswapd', 'kmirrord'), e('kmirrord', 'memory'), e('memory', 'kswapd'), e('dirtier1', 'kswapd')];
    expect(firstCycle(edges).map((x) => x.from)).toEqual(['kswapd', 'kmirrord', 'memory']);
    expect(cycleEdges(edges)).not.toContainEqual(e('dirtier1', 'kswapd'));
  });

  it('a self-loop is a cycle of one', () => {
    expect(firstCycle([e('a', 'b'), e('b', 'b')])).toEqual([e('b', 'b')]);
  });

  it('takes the shortest way round', () => {
    const edges = [e('a', 'b'), e('b', 'c'), e('c', 'd'), e('d', 'a'), e('b', 'a')];
    expect(firstCycle(edges).map((x) => x.from)).toEqual(['a', 'b']);
  });

  it('no cycle in a chain', () => {
    expect(firstCycle([e('a', 'b'), e('b', 'c')])).toEqual([]);
    expect(cycleEdges([e('a', 'b'), e('b', 'c')])).toEqual([]);
  });
});
