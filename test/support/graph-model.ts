import fc from 'fast-check';
import type { Action, Model } from '../../src/core/model.js';

/** A finite graph written out explicitly: the smallest model a property test can generate. */
export interface Graph {
  readonly size: number;
  readonly initial: readonly number[];
  /** edges[v] = successors of v, each with the actor that moves. */
  readonly edges: readonly (readonly { readonly to: number; readonly actor: string }[])[];
  readonly rest: readonly boolean[];
  readonly bad: readonly boolean[];
}

export function graphModel(g: Graph): Model<number> {
  return {
    name: 'graph',
    initialStates: () => g.initial,
    successors(v, emit) {
      for (const e of g.edges[v]!) emit({ actor: e.actor, name: `${v}->${e.to}` }, e.to);
    },
    encode: (v) => Uint8Array.of(v & 0xff, v >>> 8),
    decode: (b) => b[0]! | (b[1]! << 8),
    isRest: (v) => g.rest[v]!,
    properties: [
      { kind: 'deadlock-free', name: 'no-deadlock' },
      { kind: 'invariant', name: 'not-bad', holds: (v) => !g.bad[v] },
      { kind: 'reachable', name: 'reaches-bad', test: (v) => g.bad[v]! },
    ],
  };
}

/** Random graphs of up to `maxSize` nodes, some dead ends, some rest states, some bad states. */
export function arbitraryGraph(maxSize = 30): fc.Arbitrary<Graph> {
  return fc.integer({ min: 1, max: maxSize }).chain((size) =>
    fc.record({
      size: fc.constant(size),
      initial: fc.uniqueArray(fc.nat(size - 1), { minLength: 1, maxLength: 3 }),
      edges: fc.array(fc.array(fc.record({ to: fc.nat(size - 1), actor: fc.constantFrom('a', 'b', 'c') }), { maxLength: 3 }), { minLength: size, maxLength: size }),
      rest: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
      bad: fc.array(fc.nat(9).map((x) => x === 0), { minLength: size, maxLength: size }),
    }),
  );
}

/** Breadth-first distances from the initial states, the naive way (a Map). */
export function distances(g: Graph): Map<number, number> {
  const dist = new Map<number, number>();
  let level = [...new Set(g.initial)];
  level.forEach((v) => dist.set(v, 0));
  for (let d = 1; level.length; d++) {
    const next: number[] = [];
    for (const v of level) for (const e of g.edges[v]!) if (!dist.has(e.to)) (dist.set(e.to, d), next.push(e.to));
    level = next;
  }
  return dist;
}

export type { Action };
