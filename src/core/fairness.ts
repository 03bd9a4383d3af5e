/**
 * Per-actor fairness for the liveness checks: the model's declaration, overridden by the caller.
 */
import { CheckError } from './errors.js';
import { NONE, STRONG, WEAK, type FairnessTable } from './fair-cores.js';
import { actorOfUnit, type Action, type Fairness, type Model } from './model.js';

const KINDS: readonly Fairness[] = ['weak', 'strong', 'none'];

/** Rejects an override that is not one of the three kinds. */
export function checkFairnessOption(overrides: Readonly<Record<string, Fairness>> | undefined): void {
  for (const [actor, kind] of Object.entries(overrides ?? {})) {
    if (!KINDS.includes(kind)) {
      throw new CheckError('bad-option', `fairness of actor '${actor}' is '${String(kind)}'; valid: ${KINDS.join(', ')}`);
    }
  }
}

/**
 * The fairness of each fairness unit (an actor, or one group of an actor's transitions): its
 * actor's override, else the model's declaration, else `none`.
 */
export function fairnessOf<S, A extends Action>(
  model: Model<S, A>,
  overrides: Readonly<Record<string, Fairness>> | undefined,
): (unit: string) => Fairness {
  return (unit) => {
    const actor = actorOfUnit(unit);
    const given = overrides !== undefined && Object.hasOwn(overrides, actor) ? overrides[actor] : undefined;
    return given ?? model.fairness?.(actor) ?? 'none';
  };
}

/**
 * The fairness of the graph's units, by unit number. A kind the model declares that is not one
 * of the three is an error, not `none`: a misspelt 'Weak' would silently starve the actor.
 */
export function fairnessTable(actorNames: readonly string[], of: (actor: string) => Fairness): FairnessTable {
  const kinds: Readonly<Record<string, number>> = { none: NONE, weak: WEAK, strong: STRONG };
  return Uint8Array.from(actorNames, (unit) => {
    const kind = of(unit);
    const code = Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
    if (code === undefined) throw new CheckError('bad-option', `the model gives actor '${actorOfUnit(unit)}' fairness '${String(kind)}'; valid: ${KINDS.join(', ')}`);
    return code;
  });
}

/**
 * Rejects an override naming an actor that never moves in a complete graph: almost always a
 * misspelt name, which would otherwise silently leave that actor's fairness as declared.
 */
export function checkFairnessActors(overrides: Readonly<Record<string, Fairness>> | undefined, units: readonly string[]): void {
  const actorNames = [...new Set(units.map(actorOfUnit))];
  const unknown = Object.keys(overrides ?? {}).filter((a) => !actorNames.includes(a));
  if (unknown.length > 0) {
    throw new CheckError('bad-option', `fairness names actor '${unknown[0]}' that never moves; actors: ${actorNames.join(', ') || '(none)'}`);
  }
}

/**
 * Rejects an override naming an actor the model does not list ({@link Model.actors}); checked
 * before the search, so a misspelt name is caught even when no liveness property is checked.
 */
export function checkFairnessNames(overrides: Readonly<Record<string, Fairness>> | undefined, actors: readonly string[]): void {
  const unknown = Object.keys(overrides ?? {}).find((a) => !actors.includes(a));
  if (unknown !== undefined) throw new CheckError('bad-option', `fairness names actor '${unknown}', which the model does not have; actors: ${actors.join(', ') || '(none)'}`);
}
