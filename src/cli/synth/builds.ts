/**
 * Before any probe, every candidate value at every point is built once, in the runner's workers
 * (never on the command's own thread, where a build that does not return could not be stopped:
 * there it is stopped at the time limit like a check). A value the model rejects is bad input,
 * named, as is a model with nothing to check.
 */
import { CheckError } from '../../core/errors.js';
import { UsageError } from '../usage-error.js';
import type { ProbeSetup } from './probe.js';

/** Throws the first rejection, in the order of `values` then `points`. */
export async function checkBuilds(s: ProbeSetup, values: readonly (number | string)[]): Promise<void> {
  const cells = values.flatMap((value) => s.points.map((point) => ({ value, params: { ...point, [s.find]: value } })));
  // No state is explored: the worker builds the model, refuses it if it has nothing to check, and replies.
  const replies = await Promise.all(cells.map((c, id) => s.runner.run({ id, model: s.source, policy: s.policy, policyFiles: s.policyFiles, params: c.params, limits: { ...s.limits, maxStates: 0 } })));
  replies.forEach((reply, i) => {
    if (reply.ok || reply.build === undefined) return;
    const { code, refused } = reply.build;
    if (refused) throw code === undefined ? new UsageError(reply.message) : new CheckError(code, reply.message);
    const { value } = cells[i]!;
    if (code !== undefined) throw new CheckError(code, `${s.find}=${value}: ${reply.message} (narrow the search with --find ${s.find}=lo..hi)`);
    throw new Error(`${s.find}=${value}: ${reply.message}`);
  });
}
