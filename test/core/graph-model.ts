// A tiny generic Model over an explicit graph, for the liveness tests: the state is the node
// number, edges are emitted in list order, labels are per-node booleans.
import type { Action, Fairness, Model, Property } from '../../src/core/model.js';

export interface Edge {
  readonly from: number;
  readonly to: number;
  readonly actor: number;
}

export interface Graph {
  readonly nodes: number;
  readonly edges: readonly Edge[];
  readonly inits: readonly number[];
  readonly p: readonly boolean[];
  readonly q: readonly boolean[];
  readonly rest: readonly boolean[];
  /** Fairness of actor `a${i}`. */
  readonly fairness: readonly Fairness[];
}

export const actorName = (i: number): string => `a${i}`;

type Kind = 'leads-to' | 'recoverable' | 'deadlock-free' | 'invariant' | 'reachable';

export function graphModel(g: Graph, kinds: readonly Kind[] = ['leads-to', 'recoverable']): Model<number> {
  const actions: Action[] = g.edges.map((e, i) => ({ actor: actorName(e.actor), name: `e${i}` }));
  const properties: Property<number>[] = kinds.map((kind) =>
    kind === 'leads-to' ? { kind, name: 'progress', p: (v: number) => g.p[v]!, q: (v: number) => g.q[v]! }
    : kind === 'recoverable' ? { kind, name: 'recover', q: (v: number) => g.q[v]! }
    : kind === 'invariant' ? { kind, name: 'never-p-and-q', holds: (v: number) => !(g.p[v]! && g.q[v]!) }
    : kind === 'reachable' ? { kind, name: 'some-q', test: (v: number) => g.q[v]! }
    : { kind, name: 'no-deadlock' },
  );
  return {
    name: 'graph',
    initialStates: () => g.inits,
    successors: (v, emit) => g.edges.forEach((e, i) => e.from === v && emit(actions[i]!, e.to)),
    encode: (v) => Uint8Array.of(v),
    decode: (b) => b[0]!,
    isRest: (v) => g.rest[v]!,
    fairness: (actor) => g.fairness[Number(actor.slice(1))] ?? 'none',
    properties,
  };
}
