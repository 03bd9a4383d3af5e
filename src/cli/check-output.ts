/**
 * The files one check leaves in an output directory. `check --out` and every failing cell of
 * `matrix --out` write through here, so both get the same files: result.json and, for each
 * violated property of an allocation model, its trace files and story (trace-files.ts).
 */
import type { Action, Model } from '../core/model.js';
import type { ParamValues } from '../core/params.js';
import type { CheckResult } from '../core/result.js';
import type { PolicyFileRecord, Trace } from '../render/trace.js';
import type { OutDir } from './out-dir.js';
import type { Definition } from './registry.js';
import { resultJson } from './result-json.js';
import { tracesOf, writeAllTraces } from './trace-files.js';

/** One finished check and what it was a check of. */
export interface CheckOutcome {
  readonly result: CheckResult<unknown, Action>;
  readonly model: Model<unknown, Action>;
  readonly def: Definition;
  readonly params: ParamValues;
  readonly policy: string | undefined;
  /** The model file as the traces should name it (relative to `dir`), when it was given as a path. */
  readonly source?: string;
  /** The policy files of the user's own the policy names, as the traces record them. */
  readonly policyFiles?: readonly PolicyFileRecord[];
}

/** The counterexample traces of an outcome, by property. */
export function outcomeTraces(o: CheckOutcome): Map<string, Trace> {
  return tracesOf(o.model, o.result, o.def, o.source, o.policyFiles);
}

/**
 * Writes a check's files into `out` under `sub` ('' for the directory itself): the traces, then
 * result.json, which lists the files written and the run's id, and names each violated
 * property's trace and story (`files`, shared ones included). Returns the paths written.
 */
export async function writeCheckOutput(out: OutDir, sub: string, outcome: CheckOutcome, traces: ReadonlyMap<string, Trace> = outcomeTraces(outcome)): Promise<string[]> {
  const before = out.written.length;
  const at = (name: string): string => (sub ? `${sub}/${name}` : name);
  const byProperty = await writeAllTraces(out, sub, traces, outcome.model);
  const json = resultJson(outcome.result, outcome.policy, outcome.params);
  const properties = json.properties.map((p) => (byProperty.has(p.name) ? { ...p, files: byProperty.get(p.name)! } : p));
  const files = [at('result.json'), ...out.written.slice(before)].map((f) => f.slice(at('').length));
  out.write(at('result.json'), JSON.stringify({ ...json, properties, runId: out.runId, files }, null, 2) + '\n');
  // result.json first: it is the file to read first.
  return out.written.slice(before).sort((x, y) => Number(y.endsWith('result.json')) - Number(x.endsWith('result.json')));
}
