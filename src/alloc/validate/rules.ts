/**
 * The vocabulary of world checks: a {@link Problem} names what is wrong (the actor, device or
 * mempool, and the field), and small predicates say what a field may hold.
 */
import type { WorldSpec } from '../world.js';

/** One thing wrong with a declared world. `message` is the whole line after the model's name. */
export interface Problem {
  /** 'actor kmirrord', 'device md0', 'mempool raid1', 'memory'. */
  readonly subject: string;
  /** The field at fault: 'count', 'program[2].repeat', 'serves'. */
  readonly field: string;
  readonly message: string;
}

/**
 * A check of one part of a world: the problems it finds, in declaration order. A mechanism that
 * adds a field to WorldSpec adds a check for it to the list in validate/index.ts.
 */
export type WorldCheck = (spec: WorldSpec) => Iterable<Problem>;

/** A problem whose line reads 'subject: field ...' (the usual shape). */
export function problem(subject: string, field: string, says: string): Problem {
  return { subject, field, message: `${subject}: ${field} ${says}` };
}

/** Why `value` is not a whole number within lo..hi, or undefined when it is. */
export function notWhole(value: unknown, lo: number, hi: number): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= lo && value <= hi) return undefined;
  return `must be a whole number in ${lo}..${hi}, got ${show(value)}`;
}

/** A value as the user wrote it: numbers plainly, strings quoted. */
export function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** A list of names for an error message, or '(none)'. */
export function listed(names: readonly string[]): string {
  return names.length > 0 ? names.join(', ') : '(none)';
}
