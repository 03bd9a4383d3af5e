/**
 * The files one check leaves in an output directory. `check --out` and every failing cell of
 * `matrix --out` write through here, so both get the same files: result.json and, for each
 * violated property of an allocation model, its trace files and story (trace-files.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Action, Model } from '../core/model.js';
import type { ParamValues } from '../core/params.js';
import type { CheckResult } from '../core/result.js';
import type { Trace } from '../render/trace.js';
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
}

/** The counterexample traces of an outcome, by property. */
export function outcomeTraces(o: CheckOutcome): Map<string, Trace> {
  return tracesOf(o.model, o.result, o.def, o.source);
}

/**
 * Writes a check's files into `dir` (created if missing); returns their names. result.json
 * names each violated property's files (`files`), shared ones included.
 */
export async function writeCheckOutput(dir: string, outcome: CheckOutcome, traces: ReadonlyMap<string, Trace> = outcomeTraces(outcome)): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const { written, files } = await writeAllTraces(dir, traces);
  const json = resultJson(outcome.result, outcome.policy, outcome.params);
  const properties = json.properties.map((p) => (files.has(p.name) ? { ...p, files: files.get(p.name)! } : p));
  writeFileSync(join(dir, 'result.json'), JSON.stringify({ ...json, properties }, null, 2) + '\n');
  return ['result.json', ...written];
}
