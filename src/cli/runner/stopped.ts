/**
 * The reply for a check whose worker was stopped by force: its model's code did not return
 * within the time limit and a grace period, or a second Ctrl-C came. Nothing is decided, and the
 * worker could report no counts, so the result is `incomplete` with `stoppedInModel`, as a
 * supervised `check` reports it.
 */
import type { IncompleteReason } from '../../core/result.js';
import { stoppedByForce, type ModelOutline } from '../../parallel/supervise.js';
import { resultJson } from '../result-json.js';
import type { BuiltMessage, CellJob, CellReply } from './protocol.js';
import { definitionOf } from './run-job.js';

/**
 * `started`: when the check began (performance clock); `built`: what the worker reported of
 * the model it built, absent when it was stopped inside the model's build. The model is never
 * built here: a build that did not return in the worker would not return on the CLI's thread.
 */
export async function stoppedReply(job: CellJob, reason: IncompleteReason, started: number, built?: BuiltMessage): Promise<CellReply> {
  try {
    // Stopped in the build: nothing is known of the properties; the definition is loaded already.
    const model: ModelOutline<unknown> = built ? { name: built.model, properties: built.properties } : { name: (await definitionOf(job)).name, properties: [] };
    const result = stoppedByForce(model, job.limits.properties, undefined, reason, started);
    return { id: job.id, ok: true, json: resultJson(result, job.policy, job.params) };
  } catch (e) {
    return { id: job.id, ok: false, message: `stopped by force (${reason}); ${e instanceof Error ? e.message : String(e)}`, usage: false };
  }
}
