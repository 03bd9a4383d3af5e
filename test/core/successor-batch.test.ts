import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Bfs } from '../../src/core/bfs.js';
import { fingerprint, fp } from '../../src/core/hash.js';
import type { Model, SafetyProperty } from '../../src/core/model.js';
import { SuccessorBatch } from '../../src/core/successor-batch.js';

describe('SuccessorBatch', () => {
  it('gives back every successor as it was added, across growth and reuse', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }), { maxLength: 600 }), { minLength: 1, maxLength: 3 }), (rounds) => {
        const b = new SuccessorBatch();
        for (const round of rounds) {
          round.forEach((bytes, i) => b.add(Uint8Array.from(bytes), i, 7 * i));
          b.endExpansion(0, round.length);
          expect(b.length).toBe(round.length);
          round.forEach((bytes, i) => {
            expect([...b.bytes(i)]).toEqual(bytes);
            expect([b.hi[i], b.lo[i]]).toEqual([i, 7 * i]);
          });
          b.clear();
        }
      }),
      { numRuns: 30 },
    );
  });
});

/** A model over an explicit graph: the state is the node number. */
function graph(edges: readonly (readonly [number, number])[]): Model<number> {
  return {
    name: 'graph',
    initialStates: () => [0],
    successors: (v, emit) => edges.forEach(([from, to], i) => from === v && emit({ actor: 'a', name: `e${i}` }, to)),
    encode: (v) => Uint8Array.of(v),
    decode: (b) => b[0]!,
    isRest: () => false,
    properties: [],
  };
}

/**
 * The search one successor at a time, as it was before batching: stats and findings after a
 * stop at the state limit or at the last decided property must come out the same.
 */
function reference(edges: readonly (readonly [number, number])[], bad: number, maxStates: number) {
  const seen = new Set([0]);
  let level = [0];
  let states = 1;
  let transitions = 0;
  const findings: [string, number][] = bad === 0 ? [['never-bad', 0]] : [];
  let deadlockPending = true;
  for (let depth = 0; level.length > 0; depth++) {
    const next: number[] = [];
    for (const v of level) {
      const out = edges.filter(([from]) => from === v);
      for (const [, to] of out) {
        transitions++;
        if (seen.has(to)) continue;
        seen.add(to);
        states++;
        next.push(to);
        if (to === bad && !findings.some(([p]) => p === 'never-bad')) findings.push(['never-bad', depth + 1]);
      }
      if (out.length === 0 && deadlockPending) {
        deadlockPending = false;
        findings.push(['no-deadlock', depth]);
      }
      if (findings.length === 2) return { states, transitions, findings };
      if (states >= maxStates) return { states, transitions, findings };
    }
    level = next;
  }
  return { states, transitions, findings };
}

describe('the batched search', () => {
  it('stops with the stats and findings of a search one successor at a time', () => {
    const edge = (n: number) => fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }));
    const input = fc.integer({ min: 1, max: 250 }).chain((n) => fc.tuple(fc.constant(n), fc.array(edge(n), { maxLength: 6 * n }), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n + 1 })));
    fc.assert(
      fc.property(input, ([n, edges, bad, maxStates]) => {
        const properties: SafetyProperty<number>[] = [
          { kind: 'invariant', name: 'never-bad', holds: (v) => v !== bad },
          { kind: 'deadlock-free', name: 'no-deadlock' },
        ];
        const bfs = new Bfs(graph(edges), properties, { maxStates, maxDepth: Infinity });
        bfs.run(() => false);
        const want = reference(edges, bad, maxStates);
        const names = ['never-bad', 'no-deadlock'];
        expect({ states: bfs.states, transitions: bfs.transitions, findings: bfs.findings.map((f) => [names[f.property], f.depth]) }).toEqual(want);
        // With parents, in a table that grows (and moves its entries) while successors are held:
        // each finding's parent chain leads back to the initial state in `depth` steps.
        const withParents = new Bfs(graph(edges), properties, { maxStates, maxDepth: Infinity, parents: true, tableCapacity: 2 });
        withParents.run(() => false);
        expect(withParents.findings.map((f) => [names[f.property], f.depth])).toEqual(want.findings);
        for (const f of withParents.findings) {
          let slot = f.slot;
          for (let d = 0; d < f.depth; d++) slot = withParents.table.valueAt(slot);
          expect(slot).toBeGreaterThanOrEqual(0);
          expect(withParents.table.valueAt(slot)).toBe(-1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps parent slots right when the table moves its entries during a batch', () => {
    // 0 -> 1..100, i -> 100 + i: the table grows while the second level's successors are held.
    const edges: [number, number][] = [];
    for (let i = 1; i <= 100; i++) edges.push([0, i]);
    for (let i = 1; i <= 100; i++) edges.push([i, 100 + i]);
    const bfs = new Bfs(graph(edges), [{ kind: 'invariant', name: 'never-130', holds: (v) => v !== 130 }], { maxStates: Infinity, maxDepth: Infinity, parents: true, tableCapacity: 2 });
    bfs.run(() => false);
    const [f] = bfs.findings;
    expect(f?.depth).toBe(2);
    const parent = bfs.table.valueAt(f!.slot);
    const root = bfs.table.valueAt(parent);
    expect(bfs.table.valueAt(root)).toBe(-1);
    // The parent is node 30 (held in the batch while the table grew at its 112th state): its fingerprint is its encoding's.
    fingerprint(Uint8Array.of(30));
    expect([bfs.table.hiAt(parent), bfs.table.loAt(parent)]).toEqual([fp.hi, fp.lo]);
  });
});
