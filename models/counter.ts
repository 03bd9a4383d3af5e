// counter: a domain-free benchmark, the same state space as bench/counter.pml in SPIN.
// `procs` processes share a counter `cnt` in 0..max, initially 0. Each has a local `t`
// (initially 0, never reset) and loops over three atomic steps: read `t := cnt`; then either
// `t := t+1` (if t < max) or `t := t-1` (if t > 0); then write `cnt := t`. Lost updates are the
// point: the interleavings multiply.
import type { Action, Emit, Model, Property } from '../src/core/model.js';
import { param, type ModelDefinition } from '../src/core/params.js';

/** State layout: [cnt, pc0, t0, pc1, t1, ...]; the bytes are the state. */
type CounterState = Uint8Array;

export function counterModel(procs: number, max: number): Model<CounterState> {
  const act = (i: number, name: string): Action => ({ actor: `p${i}`, name });
  const actions = Array.from({ length: procs }, (_, i) => ({ read: act(i, 'read'), inc: act(i, 'inc'), dec: act(i, 'dec'), write: act(i, 'write') }));
  const size = 1 + 2 * procs;
  // Successors are written into one scratch buffer: the engine copies what it keeps.
  const scratch = new Uint8Array(size);
  const emitWith = (s: CounterState, emit: Emit<CounterState>, action: Action, pc: number, cnt: number, nextPc: number, nextT: number): void => {
    for (let k = 0; k < size; k++) scratch[k] = s[k]!;
    scratch[0] = cnt;
    scratch[pc] = nextPc;
    scratch[pc + 1] = nextT;
    emit(action, scratch);
  };
  return {
    name: 'counter',
    initialStates: () => [new Uint8Array(size)],
    successors(s, emit) {
      const cnt = s[0]!;
      for (let i = 0; i < procs; i++) {
        const pc = 1 + 2 * i;
        const t = s[pc + 1]!;
        const a = actions[i]!;
        if (s[pc] === 0) emitWith(s, emit, a.read, pc, cnt, 1, cnt);
        else if (s[pc] === 1) {
          if (t < max) emitWith(s, emit, a.inc, pc, cnt, 2, t + 1);
          if (t > 0) emitWith(s, emit, a.dec, pc, cnt, 2, t - 1);
        } else emitWith(s, emit, a.write, pc, t, 0, t);
      }
    },
    encode: (s) => s,
    decode: (b) => b.slice(),
    peek: (b) => b,
    isRest: () => false,
    fairness: () => 'weak',
    actors: actions.map((a) => a.read.actor),
    // A process that has read (pc = 1) next takes inc or dec: both read and write only its own
    // t and pc, which no other process reads or writes and no property reads ('bounded' reads
    // cnt). Its read and write steps touch cnt, so it is local nowhere else.
    localActors(s) {
      const local: string[] = [];
      for (let i = 0; i < procs; i++) if (s[1 + 2 * i] === 1) local.push(actions[i]!.inc.actor);
      return local;
    },
    properties: [
      { kind: 'deadlock-free', name: 'no-deadlock', description: 'some process can always move' },
      { kind: 'invariant', name: 'bounded', description: 'cnt stays within 0..max', holds: (s) => s[0]! <= max },
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

/**
 * The counter with two leads-to properties, for liveness checks and the SPIN cross-check
 * (bench/counter-progress.pml). Kept apart so a plain check of the counter stays a safety check.
 * - `p0-writes` (pc0 = 1 ~> pc0 = 0): process 0, having read, writes back. Holds only if p0 is
 *   fair: unfair, it can be starved while the others run.
 * - `back-to-zero` (cnt = max ~> cnt = 0): fails for max >= 2 even when all are fair, since a
 *   fair process may always choose to increment.
 *
 * @example
 * check(counterWithProgress(2, 2), { properties: ['p0-writes'], fairness: { p0: 'none' } }); // livelock
 */
export function counterWithProgress(procs: number, max: number): Model<CounterState> {
  const model = counterModel(procs, max);
  const progress: Property<CounterState>[] = [
    { kind: 'leads-to', name: 'p0-writes', description: 'process 0, having read, eventually writes back', p: (s) => s[1] === 1, q: (s) => s[1] === 0 },
    { kind: 'leads-to', name: 'back-to-zero', description: 'cnt = max ~> cnt = 0', p: (s) => s[0] === max, q: (s) => s[0] === 0 },
  ];
  return { ...model, properties: [...model.properties, ...progress] };
}
