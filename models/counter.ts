// counter: a domain-free benchmark, the same state space as bench/counter.pml in SPIN.
// `procs` processes share a counter `cnt` in 0..max, initially 0. Each has a local `t`
// (initially 0, never reset) and loops over three atomic steps: read `t := cnt`; then either
// `t := t+1` (if t < max) or `t := t-1` (if t > 0); then write `cnt := t`. Lost updates are the
// point: the interleavings multiply.
import type { Action, Model } from '../src/core/model.js';
import { param, type ModelDefinition } from '../src/core/params.js';

/** State layout: [cnt, pc0, t0, pc1, t1, ...]; the bytes are the state. */
type CounterState = Uint8Array;

export function counterModel(procs: number, max: number): Model<CounterState> {
  const act = (i: number, name: string): Action => ({ actor: `p${i}`, name });
  const actions = Array.from({ length: procs }, (_, i) => ({ read: act(i, 'read'), inc: act(i, 'inc'), dec: act(i, 'dec'), write: act(i, 'write') }));
  return {
    name: 'counter',
    initialStates: () => [new Uint8Array(1 + 2 * procs)],
    successors(s, emit) {
      for (let i = 0; i < procs; i++) {
        const pc = 1 + 2 * i;
        const t = s[pc + 1]!;
        const a = actions[i]!;
        const n = (cnt: number, nextPc: number, nextT: number): CounterState => {
          const out = s.slice();
          out[0] = cnt;
          out[pc] = nextPc;
          out[pc + 1] = nextT;
          return out;
        };
        if (s[pc] === 0) emit(a.read, n(s[0]!, 1, s[0]!));
        else if (s[pc] === 1) {
          if (t < max) emit(a.inc, n(s[0]!, 2, t + 1));
          if (t > 0) emit(a.dec, n(s[0]!, 2, t - 1));
        } else emit(a.write, n(t, 0, t));
      }
    },
    encode: (s) => s,
    decode: (b) => b,
    isRest: () => false,
    fairness: () => 'weak',
    properties: [
      { kind: 'deadlock-free', name: 'no-deadlock', description: 'some process can always move' },
      { kind: 'invariant', name: 'bounded', description: 'cnt stays within 0..max', holds: (s) => s[0]! <= max },
      {
        kind: 'leads-to',
        name: 'p0-writes',
        description: 'process 0, having read, eventually writes back (needs fairness for p0)',
        p: (s) => s[1] === 1,
        q: (s) => s[1] === 0,
      },
      { kind: 'leads-to', name: 'back-to-zero', description: 'cnt = max ~> cnt = 0', p: (s) => s[0] === max, q: (s) => s[0] === 0 },
    ],
  };
}

const counter: ModelDefinition<Model<CounterState>> = {
  name: 'counter',
  summary: 'procs processes racing on a shared counter (the SPIN benchmark)',
  params: {
    procs: param(3, [1, 8], 'processes'),
    max: param(3, [1, 15], 'largest counter value'),
  },
  build: (p) => counterModel(p.procs as number, p.max as number),
};

export default counter;
