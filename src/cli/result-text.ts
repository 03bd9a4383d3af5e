import type { Action } from '../core/model.js';
import type { ParamValues } from '../core/params.js';
import type { CheckResult, Path, Stats } from '../core/result.js';

const REASONS: Record<string, string> = {
  'max-states': 'the --max-states limit was reached',
  'max-depth': 'the --max-depth limit was reached',
  'time-limit': 'the --time-limit ran out',
  interrupted: 'interrupted',
  'memory-limit': 'the --memory-limit was reached',
};

function n(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/** One line of statistics. */
export function statsLine(s: Stats): string {
  return `${n(s.states)} states, ${n(s.transitions)} transitions, depth ${s.depth}, ${s.seconds.toFixed(2)} s (${n(s.statesPerSecond)} states/s), ${s.bytesPerState.toFixed(1)} bytes/state, fingerprint collision probability ${s.collisionProbability.toExponential(1)}`;
}

function actionText(a: Action): string {
  const text = (a as Action & { text?: unknown }).text;
  return typeof text === 'string' ? text : `${a.actor}: ${a.name}`;
}

/** The steps of a path, numbered; a lasso marks where its cycle starts. */
export function pathLines(path: Path<unknown, Action>): string[] {
  return path.actions.map((a, i) => {
    const mark = path.loopStart !== undefined && i === path.loopStart ? '  <- the cycle starts here and repeats forever' : '';
    return `${String(i + 1).padStart(4)}. ${actionText(a)}${mark}`;
  });
}

function describeParams(params: ParamValues): string {
  const entries = Object.entries(params);
  return entries.length ? ` (${entries.map(([k, v]) => `${k}=${v}`).join(' ')})` : '';
}

/**
 * The human report of one check. `story` may tell a property's counterexample in its own words
 * (the allocation models' compact story); otherwise its steps are listed.
 */
export function resultText(result: CheckResult<unknown, Action>, policy: string | undefined, params: ParamValues, story?: (property: string) => string | undefined): string {
  const lines = [`${result.model}${policy ? ` under ${policy}` : ''}${describeParams(params)}`];
  const verdict = result.verdict.toUpperCase();
  lines.push(`verdict: ${verdict}${result.incomplete ? ` (${REASONS[result.incomplete] ?? result.incomplete}; nothing is proven about what was not explored)` : ''}`);
  const width = Math.max(...result.properties.map((p) => p.name.length), 8);
  for (const p of result.properties) {
    const path = p.counterexample ?? p.witness;
    const extra = p.failure ? ` (${p.failure}${path ? ` after ${path.actions.length} steps` : ''})` : p.witness ? ` (witness in ${p.witness.actions.length} steps)` : '';
    lines.push(`  ${p.name.padEnd(width)}  ${p.status}${extra}`);
  }
  lines.push(statsLine(result.stats));
  for (const p of result.properties) {
    if (!p.counterexample) continue;
    const told = story?.(p.name);
    if (told) lines.push('', told.trimEnd());
    else lines.push('', `counterexample for ${p.name} (${p.failure}), ${p.counterexample.actions.length} steps:`, ...pathLines(p.counterexample));
  }
  return lines.join('\n') + '\n';
}
