/** How `allocheck simulate` reports: one JSON document, or text with the story of what it found. */
import type { Action } from '../core/model.js';
import type { ParamValues } from '../core/params.js';
import type { SimulateResult } from '../core/simulate/simulate.js';
import { propertyJson, type ResultJson } from './result-json.js';
import { pathLines } from './result-text.js';

export interface SimulateJson {
  readonly model: string;
  readonly policy: string | null;
  readonly params: ParamValues;
  readonly verdict: 'violated' | 'no-violation-found';
  readonly stopped?: string;
  readonly properties: ResultJson['properties'];
  readonly stats: SimulateResult<unknown>['stats'];
}

export function simulateJson(result: SimulateResult<unknown, Action>, policy: string | undefined, params: ParamValues): SimulateJson {
  return {
    model: result.model,
    policy: policy ?? null,
    params,
    verdict: result.verdict,
    ...(result.stopped ? { stopped: result.stopped } : {}),
    properties: result.properties.map((p) => propertyJson(p)),
    stats: result.stats,
  };
}

const n = (x: number): string => Math.round(x).toLocaleString('en-US');

/** The human report; `story` tells an allocation model's counterexample in its own words. */
export function simulateText(result: SimulateResult<unknown, Action>, policy: string | undefined, params: ParamValues, story: (property: string) => string | undefined): string {
  const s = result.stats;
  const setting = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ');
  const stopped = result.stopped === undefined ? '' : ` (${result.stopped === 'time-limit' ? 'the --time-limit ran out' : 'interrupted'} after ${n(s.walks)} of the walks)`;
  const verdict = result.verdict === 'violated' ? 'VIOLATED' : 'NO VIOLATION FOUND (random walks prove nothing about the states they did not visit)';
  const lines = [`${result.model}${policy ? ` under ${policy}` : ''}${setting ? ` (${setting})` : ''}`, `simulation: ${verdict}${stopped}`];
  const width = Math.max(...result.properties.map((p) => p.name.length), 8);
  for (const p of result.properties) {
    const path = p.counterexample ?? p.witness;
    const what = p.status === 'unknown' ? 'not seen violated' : `${p.status}${p.failure ? ` (${p.failure}` : ' ('}${path ? `${p.failure ? ' ' : ''}after ${path.actions.length} steps` : ''})`;
    lines.push(`  ${p.name.padEnd(width)}  ${what}`);
  }
  const shard = s.shard ? `, shard ${s.shard.index}/${s.shard.count}` : '';
  lines.push(`${n(s.walks)} walks (seed ${s.seed}${shard}, depth up to ${s.maxDepth}), ${n(s.steps)} steps, ${n(s.distinctStates)} distinct states, ${s.seconds.toFixed(2)} s`);
  for (const p of result.properties) {
    if (!p.counterexample) continue;
    const told = story(p.name);
    lines.push('', told ? told.trimEnd() : [`counterexample for ${p.name} (${p.failure}), ${p.counterexample.actions.length} steps:`, ...pathLines(p.counterexample)].join('\n'));
  }
  return lines.join('\n') + '\n';
}
