/** `check --self-check`: the Model contract tested on a sample of states, reported in a few lines. */
import type { Action, Model } from '../core/model.js';
import { selfCheck } from '../core/self-check.js';
import { EXIT, type Io } from './io.js';
import { printable } from './printable.js';

function stateText(state: unknown): string {
  const json = JSON.stringify(state, (_, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v));
  return printable(json ?? String(state), 200);
}

/** Runs the self-check on `model`; exit 0 when the contract held on every sampled state, 1 when it broke. */
export function selfCheckCommand(model: Model<unknown, Action>, io: Io): number {
  const r = selfCheck(model);
  if (!r.broken) {
    io.out(`${model.name}: the Model contract held on ${r.states} reachable states (encode deterministic and lossless, successors deterministic${model.canonical ? ', canonical consistent' : ''})\n`);
    return EXIT.holds;
  }
  const b = r.broken;
  io.out(`${model.name}: the Model contract is broken (${b.rule})${b.field ? ` at field ${b.field}` : ''}: ${b.message}\n`);
  io.out(`  state ${r.states} sampled, reached by the replay token [${b.choices.join(', ')}]: ${stateText(b.state)}\n`);
  return EXIT.violated;
}
