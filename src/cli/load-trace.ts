/**
 * Reading a trace file and rebuilding the model it was recorded from: by its source file when
 * it has one (relative to the trace), else by name in models/.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AllocModel } from '../alloc/compile.js';
import { CheckError } from '../core/errors.js';
import type { Fairness } from '../core/model.js';
import { parseTrace } from '../render/trace-json.js';
import type { Trace } from '../render/trace.js';
import { loadDefinition } from './registry.js';
import { isAllocModel } from './trace-files.js';
import { UsageError } from './usage-error.js';

/** The parsed trace at `file`; a missing or malformed file is bad input (exit 2). */
export function readTrace(file: string, cwd: string): Trace {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read '${file}': ${e instanceof Error ? e.message.replace(/^[A-Z]+: /, '').split(',')[0] : String(e)}`);
  }
  try {
    return parseTrace(text);
  } catch (e) {
    if (e instanceof CheckError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

/**
 * The model the trace was recorded from, built with its params, policy and fairness in force
 * (then `fairness`, by actor name, over it). A model that no longer accepts them is a stale
 * trace, not bad input: the result says so (`why`).
 */
export async function modelOfTrace(trace: Trace, file: string, cwd: string, fairness: Readonly<Record<string, Fairness>> = {}): Promise<{ model: AllocModel } | { why: string }> {
  const where = trace.source === undefined ? trace.model : resolve(dirname(resolve(cwd, file)), trace.source);
  const def = await loadDefinition(where, cwd);
  if (def.policies === undefined) throw new UsageError(`model '${trace.model}' is not an allocation model; traces are recorded only for those`);
  let model;
  try {
    const inForce = { ...trace.fairness, ...fairness };
    model = def.build(trace.params, trace.policy, Object.keys(inForce).length > 0 ? { fairness: inForce } : undefined);
  } catch (e) {
    if (e instanceof CheckError && e.code === 'bad-option') return { why: `the model no longer accepts the recorded parameters or policy: ${e.message}` };
    throw e;
  }
  if (!isAllocModel(model)) throw new UsageError(`model '${trace.model}' does not describe its states; traces are recorded only for allocation models`);
  return { model };
}
