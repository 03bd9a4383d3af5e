/**
 * A check result that can cross threads: paths travel as their replay tokens (states and
 * actions are the model's own objects, which a thread cannot send), and are replayed through
 * the receiving thread's copy of the model, a second confirmation that they are real.
 */
import type { Action, Model } from '../core/model.js';
import { replay } from '../core/path.js';
import type { CheckResult, Path, PropertyResult } from '../core/result.js';

export interface PortablePath {
  readonly choices: readonly number[];
  readonly loopStart?: number;
}

export type PortableProperty = Omit<PropertyResult<never, never>, 'counterexample' | 'witness'> & { readonly counterexample?: PortablePath; readonly witness?: PortablePath };
export type PortableResult = Omit<CheckResult<never, never>, 'properties'> & { readonly properties: readonly PortableProperty[] };

function token(path: Path<unknown, Action>): PortablePath {
  return path.loopStart === undefined ? { choices: path.choices } : { choices: path.choices, loopStart: path.loopStart };
}

/** `result` without states or actions. */
export function toPortable(result: CheckResult<unknown, Action>): PortableResult {
  const properties = result.properties.map(({ counterexample, witness, ...rest }) => ({
    ...rest,
    ...(counterexample ? { counterexample: token(counterexample) } : {}),
    ...(witness ? { witness: token(witness) } : {}),
  }));
  return { ...result, properties };
}

/** The result again, its paths replayed through `model` (built as the sender's was). */
export function fromPortable<S, A extends Action>(model: Model<S, A>, result: PortableResult): CheckResult<S, A> {
  const path = (p: PortablePath | undefined) => (p ? replay(model, p.choices, p.loopStart) : undefined);
  const properties = result.properties.map(({ counterexample, witness, ...rest }): PropertyResult<S, A> => {
    const c = path(counterexample);
    const w = path(witness);
    return { ...rest, ...(c ? { counterexample: c } : {}), ...(w ? { witness: w } : {}) };
  });
  return { ...result, properties };
}
