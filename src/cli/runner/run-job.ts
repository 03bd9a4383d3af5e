import { checkCellAsync } from '../../api/cell.js';
import { CheckError } from '../../core/errors.js';
import { withPolicies } from '../../api/with-policies.js';
import { loadPolicyFiles } from '../policy-files.js';
import { loadDefinition } from '../registry.js';
import { resultJson } from '../result-json.js';
import { UsageError } from '../usage-error.js';
import type { CellJob, CellReply } from './protocol.js';

/** Checks one job where it is called (a worker, or the CLI's own thread); never throws. */
export async function runJob(job: CellJob, signal: AbortSignal): Promise<CellReply> {
  try {
    const def = withPolicies(await loadDefinition(job.model, '/'), await loadPolicyFiles(job.policyFiles));
    const result = await checkCellAsync(def, job.policy, job.params, job.limits, signal);
    return { id: job.id, ok: true, json: resultJson(result, job.policy, job.params) };
  } catch (e) {
    const usage = e instanceof UsageError || (e instanceof CheckError && e.code === 'bad-option');
    return { id: job.id, ok: false, message: e instanceof Error ? e.message : String(e), usage };
  }
}
