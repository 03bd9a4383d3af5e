/**
 * One synthesis probe: a candidate value of the searched parameter, checked at every point of
 * the `--over` ranges. It holds only if every point holds; the first violated point (in sweep
 * order) is its evidence; a point left undecided makes the probe incomplete.
 */
import type { CellLimits } from '../../api/cell.js';
import type { Probe } from '../../core/threshold.js';
import type { ParamValues } from '../../core/params.js';
import type { ResultJson } from '../result-json.js';
import type { CellRunner } from '../runner/protocol.js';

/** A point where the candidate failed or was undecided, with its full result. */
export interface Evidence {
  readonly params: ParamValues;
  readonly json?: ResultJson;
  /** Why there is no result (the check was interrupted before it ran). */
  readonly note?: string;
}

export interface ProbeSetup {
  readonly source: string;
  readonly policy: string | undefined;
  /** Absolute paths of policy files of the user's own that `policy` names. */
  readonly policyFiles: readonly string[];
  readonly find: string;
  /** The `--over` points, every parameter filled in. */
  readonly points: readonly ParamValues[];
  readonly limits: CellLimits;
  readonly runner: CellRunner;
  /** Counts checks, for the report. */
  readonly onCheck?: () => void;
}

/** A model that failed inside a probe: bad input, not an answer. */
export class ProbeError extends Error {}

/** Checks one candidate value at every point. */
export async function probeValue(s: ProbeSetup, value: number | string): Promise<Probe<Evidence>> {
  let nextId = 0;
  const replies = await Promise.all(
    s.points.map(async (point) => {
      const params = { ...point, [s.find]: value };
      const reply = await s.runner.run({ id: nextId++, model: s.source, policy: s.policy, policyFiles: s.policyFiles, params, limits: s.limits });
      s.onCheck?.();
      return { params, reply };
    }),
  );
  let undecided: Evidence | undefined;
  for (const { params, reply } of replies) {
    if (!reply.ok && !reply.notRun) throw new ProbeError(`${s.find}=${value}: ${reply.message}`);
    if (!reply.ok) undecided ??= { params, note: reply.message };
    else if (reply.json.verdict === 'violated') return { status: 'violated', evidence: { params, json: reply.json } };
    else if (reply.json.verdict !== 'holds') undecided ??= { params, json: reply.json };
  }
  return undecided ? { status: 'incomplete', evidence: undecided } : { status: 'holds' };
}
