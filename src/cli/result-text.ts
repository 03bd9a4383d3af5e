import type { Action } from '../core/model.js';
import type { ParamValues } from '../core/params.js';
import type { CheckResult, Path, Stats } from '../core/result.js';

const REASONS: Record<string, string> = {
  'max-states': 'the --max-states limit was reached',
  'max-depth': 'the --max-depth limit was reached',
  'time-limit': 'the --time-limit ran out',
  interrupted: 'interrupted',
  'memory-limit': 'the memory limit was reached: raise --memory-limit if the machine has more, use --workers 1 (one thread needs about half the memory of the parallel search), or make the model smaller',
};

function n(x: number): string {
  // As toLocaleString('en-US') writes it, without its first-call cost (about 0.1 s of ICU set-up).
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A byte count in binary units: '1.5 GiB', '12.0 MiB', '96 KiB'. */
export function sizeText(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}

/** The statistics: counts and time, then memory and the fingerprint collision estimate. */
export function statsLine(s: Stats): string {
  const counts = `${n(s.states)} states, ${n(s.transitions)} transitions, depth ${s.depth}, ${s.seconds.toFixed(2)} s (${n(s.statesPerSecond)} states/s${s.workers ? ` on ${s.workers} threads` : ''})`;
  if (s.stoppedInModel) return `${counts} (the last counts reported)\nstopped by force inside the model's code: a step of the model did not return in time, so the search could not stop itself`;
  const memory = `memory: visited table ${sizeText(s.tableBytes)}, ${s.bytesPerState.toFixed(1)} bytes/state with the frontier; probability that a fingerprint collision hid a state: ${s.collisionProbability.toExponential(1)}`;
  return `${counts}\n${memory}${symmetryLine(s)}${porLine(s)}`;
}

function symmetryLine(s: Stats): string {
  if (!s.symmetry) return '';
  const groups = s.symmetry.groups.map((g) => g.join(', ')).join('; ');
  const line = `\nsymmetry: states counted up to permutations of ${groups} (--no-symmetry to count every permutation)`;
  const live = s.symmetry.fullGraph.join(', ');
  return live === '' ? line : `${line}; ${live} decided on the full state graph (--fair or --unfair sets interchangeable actors apart, and the counterexample on the reduced graph was unfair to one of them)`;
}

const POR_SKIPPED: Record<string, string> = {
  liveness: 'a liveness property needs the full state graph; check safety properties alone (--property) to reduce',
  symmetry: 'the search reduces by symmetry instead; add --no-symmetry to reduce by local steps',
  undeclared: 'the model declares no local steps',
};

function porLine(s: Stats): string {
  if (!s.por) return '';
  if (!s.por.applied) return `\npartial order reduction: not applied, ${POR_SKIPPED[s.por.skipped ?? ''] ?? s.por.skipped}`;
  return `\npartial order reduction: ${n(s.por.ampleStates)} states expanded by one actor's local steps, ${n(s.por.fullStates)} fully (on one thread)`;
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
