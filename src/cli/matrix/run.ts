/**
 * Runs a plan's cells on a runner and turns the replies into rows. Ctrl-C (the signal) stops
 * the runner: checks in progress come back interrupted, queued ones are not run.
 */
import { summarize, type CellLimits } from '../../api/cell.js';
import type { ParamValues } from '../../core/params.js';
import type { ResultJson } from '../result-json.js';
import type { CellJob, CellReply, CellRunner } from '../runner/protocol.js';
import { judged, type PlannedCell } from './plan.js';

/**
 * One line of the table. `verdict` is a failure class, 'holds', 'incomplete', 'n/a' (the policy
 * does not apply), 'invalid' (the model rejects the point), 'not run' or 'error'.
 */
export interface MatrixRow {
  readonly model: string;
  readonly policy: string | null;
  readonly params: ParamValues;
  readonly swept: ParamValues;
  readonly verdict: string;
  readonly property?: string;
  readonly states?: number;
  readonly depth?: number;
  readonly seconds?: number;
  readonly incomplete?: string;
  /** Why the cell was not checked or failed to run. */
  readonly note?: string;
}

export interface CellOutcome {
  readonly cell: PlannedCell;
  readonly row: MatrixRow;
  /** The full result, for a cell that ran. */
  readonly json?: ResultJson;
}

function rowOf(cell: PlannedCell, reply: CellReply | undefined): MatrixRow {
  const base = { model: cell.model, policy: cell.policy ?? null, params: cell.params, swept: cell.swept };
  if (cell.invalid !== undefined) return { ...base, verdict: 'invalid', note: cell.invalid };
  if (!reply) return { ...base, verdict: 'n/a', note: cell.notApplicable ?? '' };
  if (!reply.ok) return { ...base, verdict: reply.notRun ? 'not run' : 'error', note: reply.message };
  return { ...base, ...summarize(reply.json) };
}

export interface RunHooks {
  readonly signal: AbortSignal;
  /** Cells the plan has, for progress. */
  readonly total: number;
  /** Checks sent to the runner at once: enough to keep its workers busy. */
  readonly window: number;
  readonly onDone?: (done: number, total: number, row: MatrixRow) => void;
}

/** Milliseconds between two turns given to timers and signals (Ctrl-C) while cells are laid out. */
const YIELD_MS = 50;

/**
 * Runs every applicable cell of `cells` (laid out as they are needed: at most `window` checks
 * wait on the runner at a time); outcomes come back in plan order. After Ctrl-C, the checks
 * under way come back interrupted or 'not run', and the cells not yet laid out are left out.
 */
export async function runCells(cells: Iterable<PlannedCell>, runner: CellRunner, limits: CellLimits, hooks: RunHooks): Promise<CellOutcome[]> {
  const onAbort = (): void => runner.abort();
  hooks.signal.addEventListener('abort', onAbort);
  if (hooks.signal.aborted) runner.abort();
  const outcomes: CellOutcome[] = [];
  const pending = new Set<Promise<void>>();
  let done = 0;
  let nextYield = performance.now() + YIELD_MS;
  const record = (slot: number, outcome: CellOutcome): void => {
    outcomes[slot] = outcome;
    hooks.onDone?.(++done, hooks.total, outcome.row);
  };
  // A build that fails other than by rejecting its point ends the matrix (see judged).
  let failure: { readonly error: unknown } | undefined;
  const settle = async (wait: Promise<unknown>): Promise<void> => {
    await wait;
    if (failure) throw failure.error;
  };
  try {
    for (const planned of cells) {
      // After Ctrl-C nothing more is laid out: the table is partial.
      if (hooks.signal.aborted) break;
      const slot = outcomes.length;
      outcomes.push(undefined as never);
      if (planned.notApplicable !== undefined) record(slot, { cell: planned, row: rowOf(planned, undefined) });
      else {
        // Choices only: the table reads verdicts, and --out replays each counterexample from them.
        const job: CellJob = { id: planned.index, model: planned.source, policy: planned.policy, policyFiles: planned.policyFiles, params: planned.params, limits, paths: 'choices' };
        const run = runner.run(job).then((reply) => {
          const cell = judged(planned, reply);
          const row = rowOf(cell, reply);
          record(slot, reply.ok ? { cell, row, json: reply.json } : { cell, row });
        }).catch((error: unknown) => void (failure ??= { error }));
        pending.add(run);
        void run.finally(() => pending.delete(run));
      }
      if (pending.size >= hooks.window) await settle(Promise.race(pending));
      // Small checks and skipped cells settle in microtasks: give timers and signals a turn.
      if (performance.now() >= nextYield) {
        await new Promise((resolve) => setImmediate(resolve));
        nextYield = performance.now() + YIELD_MS;
      }
    }
    await settle(Promise.all(pending));
    return outcomes;
  } finally {
    hooks.signal.removeEventListener('abort', onAbort);
  }
}

/**
 * The exit code of a matrix, over the cells that were to be checked ('n/a' and 'invalid' ones
 * are not): 2 if a model failed, 1 if any cell is violated, 3 if any is not decided, else 0.
 */
export function matrixExit(rows: readonly MatrixRow[]): 0 | 1 | 2 | 3 {
  const checked = rows.filter((r) => r.verdict !== 'n/a' && r.verdict !== 'invalid');
  if (checked.some((r) => r.verdict === 'error')) return 2;
  if (checked.some((r) => !['holds', 'incomplete', 'not run'].includes(r.verdict))) return 1;
  if (checked.some((r) => r.verdict !== 'holds')) return 3;
  return 0;
}
