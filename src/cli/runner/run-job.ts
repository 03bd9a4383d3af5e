import { buildCell, checkBuiltAsync } from '../../api/cell.js';
import type { Definition } from '../../api/definition.js';
import { withPolicies } from '../../api/with-policies.js';
import type { Action, Model } from '../../core/model.js';
import { checkPropertyNames, checkSomethingToCheck } from '../../core/check-input.js';
import { CheckError } from '../../core/errors.js';
import { loadPolicyFiles } from '../policy-files.js';
import { loadDefinition } from '../registry.js';
import { resultJson } from '../result-json.js';
import { UsageError } from '../usage-error.js';
import type { BuiltMessage, CellJob, CellReply } from './protocol.js';

/** The definition a job names, with its policy files (loaded once a thread: imports are cached). */
export async function definitionOf(job: CellJob): Promise<Definition> {
  return withPolicies(await loadDefinition(job.model, '/'), await loadPolicyFiles(job.policyFiles));
}

function failed(job: CellJob, e: unknown): CellReply & { ok: false } {
  const usage = e instanceof UsageError || (e instanceof CheckError && e.code === 'bad-option');
  return { id: job.id, ok: false, message: e instanceof Error ? e.message : String(e), usage };
}

/**
 * Checks one job where it is called (a worker, or the CLI's own thread); never throws. The
 * model is built here, once: a build that fails says so (`build`), so that a point the model
 * rejects is told apart from a check that failed. A model with nothing to check (no property,
 * not the selected ones, no initial state) is `refused`: the whole matrix is, not this cell.
 */
export async function runJob(job: CellJob, signal: AbortSignal, onBuilt?: (built: BuiltMessage) => void): Promise<CellReply> {
  let model: Model<unknown, Action>;
  try {
    model = buildCell(await definitionOf(job), job.policy, job.params);
  } catch (e) {
    return { ...failed(job, e), build: e instanceof CheckError ? { code: e.code } : {} };
  }
  try {
    checkSomethingToCheck(model, job.limits.properties);
    checkPropertyNames(model, job.limits.properties);
  } catch (e) {
    return { ...failed(job, e), build: { ...(e instanceof CheckError ? { code: e.code } : {}), refused: true } };
  }
  onBuilt?.({ built: job.id, model: model.name, properties: model.properties.map((p) => ({ name: p.name, kind: p.kind })) });
  try {
    const result = await checkBuiltAsync(model, job.limits, signal);
    return { id: job.id, ok: true, json: resultJson(result, job.policy, job.params, job.paths) };
  } catch (e) {
    return failed(job, e);
  }
}

/** The reply for a job dropped by an interrupt before it started. */
export function notRun(job: CellJob): CellReply {
  return { id: job.id, ok: false, message: 'interrupted before it ran', usage: false, notRun: true };
}
