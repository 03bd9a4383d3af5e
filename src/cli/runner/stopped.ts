/**
 * The reply for a check whose worker was stopped by force: its model's code did not return
 * within the time limit and a grace period, or a second Ctrl-C came. Nothing is decided, and the
 * worker could report no counts, so the result is `incomplete` with `stoppedInModel`, as a
 * supervised `check` reports it.
 */
import { buildCell } from '../../api/cell.js';
import type { IncompleteReason } from '../../core/result.js';
import { stoppedByForce } from '../../parallel/supervise.js';
import { resultJson } from '../result-json.js';
import type { CellJob, CellReply } from './protocol.js';
import { definitionOf } from './run-job.js';

/** `started`: when the check began (performance clock). */
export async function stoppedReply(job: CellJob, reason: IncompleteReason, started: number): Promise<CellReply> {
  try {
    // The model is built again here only for its property names: its build returned before.
    const model = buildCell(await definitionOf(job), job.policy, job.params);
    const result = stoppedByForce(model, job.limits.properties, undefined, reason, started);
    return { id: job.id, ok: true, json: resultJson(result, job.policy, job.params) };
  } catch (e) {
    return { id: job.id, ok: false, message: `stopped by force (${reason}); ${e instanceof Error ? e.message : String(e)}`, usage: false };
  }
}
