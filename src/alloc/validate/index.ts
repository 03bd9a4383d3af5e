/**
 * Validation of a declared world, once, when a model is built and before any search: sizes are
 * whole numbers in range, kinds are known, and every name a device, actor or step refers to is
 * declared. Past this edge the interpreter trusts the world.
 *
 * Each part of the language declares its checks as a {@link WorldCheck}; a mechanism that adds
 * a field adds its check to `worldChecks` (and a kind of name to validate/names.ts).
 */
import { CheckError } from '../../core/errors.js';
import type { WorldSpec } from '../world.js';
import { actorChecks } from './actors.js';
import { cgroupChecks } from './cgroups.js';
import { deviceChecks } from './devices.js';
import { memoryChecks, poolChecks } from './memory.js';
import type { Problem, WorldCheck } from './rules.js';

export type { Problem, WorldCheck } from './rules.js';
export { declaredKinds } from './actors.js';
export { namespaces, named } from './names.js';

/** The checks every world passes, in order: the first problem found is the one reported. */
export const worldChecks: WorldCheck[] = [memoryChecks, poolChecks, actorChecks, deviceChecks, cgroupChecks];

/**
 * A model whose world is malformed: one line naming the model, the actor (or device, mempool)
 * and the field. A `bad-option` error, so the CLI exits 2 and a matrix cell is `invalid`.
 *
 * @example
 * try { model.build({}) } catch (e) { if (e instanceof WorldError) e.subject; } // 'actor kmirrord'
 */
export class WorldError extends CheckError {
  readonly subject: string;
  readonly field: string;
  constructor(readonly model: string, found: Problem) {
    super('bad-option', `${model}: ${found.message}`);
    this.name = 'WorldError';
    this.subject = found.subject;
    this.field = found.field;
  }
}

/**
 * Throws a {@link WorldError} for the first problem in `spec`, the world of `model`.
 *
 * @example validateWorld('dm-raid1', spec) // throws "dm-raid1: actor kmirrord: program[1] (submit) disk names local disk 'sdb', ..."
 */
export function validateWorld(model: string, spec: WorldSpec, checks: readonly WorldCheck[] = worldChecks): void {
  for (const check of checks) {
    for (const found of check(spec)) throw new WorldError(model, found);
  }
}
