/** The text and JSON reports of `allocheck synth`. */
import { storyLines } from '../../api/story.js';
import { buildCell } from '../../api/cell.js';
import type { ParamValues } from '../../core/params.js';
import type { ThresholdResult } from '../../core/threshold.js';
import type { Definition } from '../registry.js';
import { rehydrate } from '../runner/rehydrate.js';
import type { Evidence } from './probe.js';

export interface SynthQuery {
  readonly def: Definition;
  readonly policy: string | undefined;
  readonly find: string;
  readonly max: boolean;
  readonly candidates: readonly (number | string)[];
  readonly method: string;
  readonly over: Readonly<Record<string, readonly (number | string)[]>>;
  /** The properties that must hold; all of the model's when absent. */
  readonly properties?: readonly string[];
}

const setting = (p: ParamValues, names: readonly string[]): string => names.map((k) => `${k}=${p[k]}`).join(' ');

function overText(q: SynthQuery): string {
  const parts = Object.entries(q.over).map(([k, vs]) => `${k} in ${vs.join(',')}`);
  return parts.length ? ` for every ${parts.join(', ')}` : '';
}

/** The evidence of a point as text: what failed and the counterexample's steps. */
function evidenceLines(q: SynthQuery, value: number | string, e: Evidence): string[] {
  const where = `${q.find}=${value}${Object.keys(q.over).length ? `, ${setting(e.params, Object.keys(q.over))}` : ''}`;
  if (!e.json) return [`at ${where}: ${e.note ?? 'not checked'}`];
  const failed = e.json.properties.find((p) => p.status === 'violated');
  if (!failed) {
    const unknown = e.json.properties.filter((p) => p.status === 'unknown').map((p) => p.name);
    return [`at ${where}: the check is incomplete (${e.json.incomplete ?? `undecided: ${unknown.join(', ')}`})`];
  }
  const result = rehydrate(buildCell(q.def, q.policy, e.params), e.json);
  const path = result.properties.find((p) => p.name === failed.name)?.counterexample;
  return [`at ${where}: ${failed.name} fails (${failed.failure}), ${path?.actions.length ?? 0} steps:`, ...(path ? storyLines(path) : [])];
}

/** The human report. */
export function synthText(q: SynthQuery, r: ThresholdResult<number | string, Evidence>, checks: number): string {
  const which = q.max ? 'largest' : 'smallest';
  const head = `${q.def.name}${q.policy ? ` under ${q.policy}` : ''}: ${which} ${q.find} in ${q.candidates.join(',')} that keeps ${q.properties ? q.properties.join(', ') : 'every property'}${overText(q)}`;
  const how = `(${q.method}, ${r.probes} value${r.probes === 1 ? "" : "s"} probed, ${checks} check${checks === 1 ? "" : "s"})`;
  const lines = [head];
  if (r.kind === 'found') {
    lines.push(`answer: ${q.find} = ${r.value} ${how}`);
    if (r.beyond) lines.push('', `just beyond it:`, ...evidenceLines(q, r.beyond.value, r.beyond.evidence));
    else lines.push(`(${r.value} is the end of the searched range: nothing beyond it was checked)`);
  } else if (r.kind === 'none') {
    lines.push(`answer: none: no value of ${q.find} works ${how}`, '', `at the best value, ${q.find}=${r.best.value}:`, ...evidenceLines(q, r.best.value, r.best.evidence));
  } else {
    lines.push(`answer: INCOMPLETE at ${q.find}=${r.at} ${how}: nothing is claimed`);
    if (r.evidence) lines.push(...evidenceLines(q, r.at, r.evidence));
  }
  return lines.join('\n') + '\n';
}

/** The `--json` report. */
export function synthJson(q: SynthQuery, r: ThresholdResult<number | string, Evidence>, checks: number): object {
  const ev = (value: number | string, e: Evidence) => ({ value, params: e.params, ...(e.json ? { result: e.json } : {}), ...(e.note ? { note: e.note } : {}) });
  const base = { model: q.def.name, policy: q.policy ?? null, properties: q.properties ?? null, find: q.find, direction: q.max ? 'largest' : 'smallest', candidates: q.candidates, over: q.over, method: q.method, probes: r.probes, checks };
  if (r.kind === 'found') return { ...base, status: 'found', answer: r.value, ...(r.beyond ? { beyond: ev(r.beyond.value, r.beyond.evidence) } : {}) };
  if (r.kind === 'none') return { ...base, status: 'none', answer: null, best: ev(r.best.value, r.best.evidence) };
  return { ...base, status: 'incomplete', answer: null, at: r.at, ...(r.evidence ? { evidence: ev(r.at, r.evidence) } : {}) };
}
