/**
 * The files one check leaves in an output directory. `check --out` and every failing cell of
 * `matrix --out` write through here, so both get the same files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Action, Model } from '../core/model.js';
import type { ParamValues } from '../core/params.js';
import type { CheckResult } from '../core/result.js';
import type { Definition } from './registry.js';
import { resultJson } from './result-json.js';

/** One finished check and what it was a check of. */
export interface CheckOutcome {
  readonly result: CheckResult<unknown, Action>;
  readonly model: Model<unknown, Action>;
  readonly def: Definition;
  readonly params: ParamValues;
  readonly policy: string | undefined;
}

/** Writes a check's files into `dir` (created if missing); returns their names. */
export function writeCheckOutput(dir: string, outcome: CheckOutcome): string[] {
  mkdirSync(dir, { recursive: true });
  const json = resultJson(outcome.result, outcome.policy, outcome.params);
  writeFileSync(join(dir, 'result.json'), JSON.stringify(json, null, 2) + '\n');
  return ['result.json'];
}
