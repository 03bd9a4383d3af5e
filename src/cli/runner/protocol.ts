/**
 * Messages between the CLI and its check workers. A job names its model (a shipped name or an
 * absolute path), never passes a function: workers load the model themselves.
 */
import type { CellLimits } from '../../api/cell.js';
import type { CheckError } from '../../core/errors.js';
import type { Property } from '../../core/model.js';
import type { ParamValues } from '../../core/params.js';
import type { PathDetail, ResultJson } from '../result-json.js';

export interface CellJob {
  readonly id: number;
  /** A shipped model's name, or an absolute path to a model file. */
  readonly model: string;
  readonly policy: string | undefined;
  /** Absolute paths of policy files of the user's own that `policy` may name. */
  readonly policyFiles?: readonly string[];
  readonly params: ParamValues;
  readonly limits: CellLimits;
  /** How much of each counterexample the reply carries; 'actions' (everything) when absent. */
  readonly paths?: PathDetail;
}

export type CellReply =
  | { readonly id: number; readonly ok: true; readonly json: ResultJson }
  /**
   * `usage`: bad input rather than a model that failed; `notRun`: dropped by an interrupt;
   * `build`: the model's build failed, with the CheckError's code if it threw one (`bad-option`:
   * the model rejects this point of its parameters; `refused`: the model built, but has nothing
   * to check, which refuses the whole run).
   */
  | { readonly id: number; readonly ok: false; readonly message: string; readonly usage: boolean; readonly notRun?: boolean; readonly build?: { readonly code?: CheckError['code']; readonly refused?: boolean } };

/** Sent to a worker: stop the check in progress (it replies with an interrupted result). */
export interface AbortMessage {
  readonly abort: true;
}

/** Sent by a worker once it has loaded its modules, before any reply. */
export interface ReadyMessage {
  readonly ready: true;
}

/**
 * Sent by a worker once a job's model is built, before its check: what a reply for a check
 * stopped by force names (the CLI builds no worker's model itself, whose build may not return).
 */
export interface BuiltMessage {
  readonly built: number;
  readonly model: string;
  readonly properties: readonly { readonly name: string; readonly kind: Property<unknown>['kind'] }[];
}

/** Runs cells, in this process or in workers. */
export interface CellRunner {
  run(job: CellJob): Promise<CellReply>;
  /** Stops the checks in progress and drops queued jobs (they reply "interrupted"). */
  abort(): void;
  close(): Promise<void>;
}
