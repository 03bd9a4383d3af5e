/**
 * Reading and writing trace.json. Writing keeps the key order `traceOf` builds (stable text
 * for golden files and diffs) and puts lists of numbers on one line; reading checks the shape
 * field by field and names the first bad one, so a truncated or foreign file gives one line
 * instead of a crash later in a renderer.
 */
import { CheckError } from '../core/errors.js';
import type { StateView } from '../alloc/describe.js';
import { TRACE_FORMAT, TRACE_VERSIONS_READ, type Trace, type TraceStep } from './trace.js';

/** The trace as the text of trace.json. @example traceToJson(trace).startsWith('{\n  "format": "allocheck-trace"') */
export function traceToJson(trace: Trace): string {
  const text = JSON.stringify(trace, null, 2);
  return text.replace(/\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]/g, (_, nums: string) => `[${nums.split(/,\s*/).join(', ')}]`) + '\n';
}

type Obj = Record<string, unknown>;

function bad(where: string, what: string): never {
  throw new CheckError('bad-trace', `not a valid trace: ${where} ${what}`);
}

function obj(v: unknown, where: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(where, 'must be an object');
  return v as Obj;
}

function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) bad(where, 'must be an array');
  return v;
}

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') bad(`${where}.${key}`, 'must be a string');
  return v;
}

function int(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) bad(where, 'must be a whole number >= 0');
  return v;
}

function scalars(v: unknown, where: string): Record<string, number | string> {
  const o = obj(v, where);
  for (const [k, x] of Object.entries(o)) if (typeof x !== 'number' && typeof x !== 'string') bad(`${where}.${k}`, 'must be a number or a string');
  return o as Record<string, number | string>;
}

function stateView(v: unknown, where: string): StateView {
  const o = obj(v, where);
  int(o.free, `${where}.free`);
  const w = obj(o.watermarks, `${where}.watermarks`);
  for (const k of ['min', 'atomic', 'memalloc']) int(w[k], `${where}.watermarks.${k}`);
  for (const [k, n] of Object.entries(obj(o.owners, `${where}.owners`))) int(n, `${where}.owners.${k}`);
  arr(o.actors, `${where}.actors`).forEach((a, i) => ['name', 'kind', 'status'].forEach((k) => str(obj(a, `${where}.actors[${i}]`), k, `${where}.actors[${i}]`)));
  arr(o.waitsFor, `${where}.waitsFor`).forEach((e, i) => ['from', 'to', 'why'].forEach((k) => str(obj(e, `${where}.waitsFor[${i}]`), k, `${where}.waitsFor[${i}]`)));
  return o as unknown as StateView;
}

function step(v: unknown, i: number): TraceStep {
  const where = `steps[${i}]`;
  const o = obj(v, where);
  for (const k of ['actor', 'action', 'text']) str(o, k, where);
  if (o.context !== undefined) str(o, 'context', where);
  stateView(o.state, `${where}.state`);
  return o as unknown as TraceStep;
}

function fairness(v: unknown): void {
  for (const [actor, kind] of Object.entries(obj(v, 'fairness'))) {
    if (kind !== 'weak' && kind !== 'strong' && kind !== 'none') bad(`fairness.${actor}`, "must be 'weak', 'strong' or 'none'");
  }
}

function header(o: Obj): void {
  if (o.format !== TRACE_FORMAT) bad('format', `must be '${TRACE_FORMAT}'`);
  if (typeof o.version !== 'number' || !TRACE_VERSIONS_READ.includes(o.version)) {
    bad('version', `${JSON.stringify(o.version)} is not supported (this allocheck reads versions ${TRACE_VERSIONS_READ.join(', ')})`);
  }
  for (const k of ['model', 'policy', 'kernel']) str(o, k, 'trace');
  if (o.source !== undefined) str(o, 'source', 'trace');
  if (o.policyFiles !== undefined) arr(o.policyFiles, 'policyFiles').forEach((f, i) => ['name', 'source', 'sha256'].forEach((k) => str(obj(f, `policyFiles[${i}]`), k, `policyFiles[${i}]`)));
  if (o.runId !== undefined) str(o, 'runId', 'trace');
  scalars(o.params, 'params');
  arr(o.assumptions, 'assumptions').forEach((a, i) => {
    const x = obj(a, `assumptions[${i}]`);
    str(x, 'name', `assumptions[${i}]`);
    str(x, 'doc', `assumptions[${i}]`);
    scalars({ value: x.value }, `assumptions[${i}]`);
  });
  const p = obj(o.property, 'property');
  str(p, 'name', 'property');
  str(p, 'kind', 'property');
  if (o.fairness !== undefined) fairness(o.fairness);
  int(o.pages, 'pages');
  arr(o.actors, 'actors').forEach((a, i) => ['name', 'kind'].forEach((k) => str(obj(a, `actors[${i}]`), k, `actors[${i}]`)));
}

/**
 * Parses the text of a trace.json, throwing a `bad-trace` CheckError with one line that names
 * the first field that is wrong.
 */
export function parseTrace(text: string): Trace {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CheckError('bad-trace', `not a valid trace: not JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  const o = obj(raw, 'the file');
  header(o);
  const choices = arr(o.choices, 'choices').map((c, i) => int(c, `choices[${i}]`));
  const steps = arr(o.steps, 'steps').map(step);
  stateView(o.initial, 'initial');
  if (choices.length !== steps.length + 1) bad('choices', `has ${choices.length} entries; a trace of ${steps.length} steps needs ${steps.length + 1}`);
  if (o.loopStart !== undefined && int(o.loopStart, 'loopStart') >= steps.length) bad('loopStart', `must be below the number of steps (${steps.length})`);
  return o as unknown as Trace;
}
