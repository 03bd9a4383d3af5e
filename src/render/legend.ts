/**
 * What a counterexample depends on, in words: the model, the policy, the kernel era, the
 * parameters and, above all, the assumption parameters. The diagram's legend and the story
 * both print it, so a reader knows which choices the deadlock rests on.
 */
import type { Trace } from './trace.js';

/** One line naming what failed. @example titleOf(trace) // 'dm-raid1 under mempool-only: no-deadlock violated (deadlock) after 12 steps' */
export function titleOf(trace: Trace): string {
  const p = trace.property;
  const kind = trace.loopStart === undefined ? `after ${trace.steps.length} steps` : `on a cycle of ${trace.steps.length - trace.loopStart} steps repeating forever`;
  return `${trace.model} under ${trace.policy}: ${p.name} violated${p.failure ? ` (${p.failure})` : ''} ${kind}`;
}

/** The parameters that are sizes, not assumptions, as `k=v` pairs. */
export function sizeParams(trace: Trace): string {
  const assumed = new Set(trace.assumptions.map((a) => a.name));
  return Object.entries(trace.params).filter(([k]) => !assumed.has(k)).map(([k, v]) => `${k}=${v}`).join(' ');
}

/** Each assumption as `name=value: meaning`. */
export function assumptionLines(trace: Trace): string[] {
  return trace.assumptions.map((a) => `${a.name}=${a.value}${a.doc ? `: ${a.doc}` : ''}`);
}

/** The watermark ladder of the trace, in words. */
export function ladder(trace: Trace): string {
  const w = trace.initial.watermarks;
  return `M=${w.min}, GFP_ATOMIC floor ${w.atomic}, PF_MEMALLOC floor ${w.memalloc} (of ${trace.pages} pages)`;
}

/** The diagram's legend, one line each (left-aligned in the note). */
export function legendLines(trace: Trace): string[] {
  const assumptions = assumptionLines(trace);
  return [
    `model ${trace.model}, policy ${trace.policy}, kernel ${trace.kernel}`,
    `parameters: ${sizeParams(trace) || '(none)'}`,
    ...(assumptions.length ? ['assumptions:', ...assumptions.map((a) => `  ${a}`)] : ['assumptions: (none declared)']),
    `watermarks: ${ladder(trace)}`,
    'gauge (left): one cell per page, filled = free, hollow = taken, heavy border = changed in this step;',
    '  colour = who may take it: green anyone (above M), orange GFP_ATOMIC and PF_MEMALLOC, red PF_MEMALLOC only;',
    '  marks: 0, A = the GFP_ATOMIC floor, M = the min watermark',
    'lanes: solid = working, dotted = idle, red dashed = waiting on someone',
    'bottom: who waits for whom in the final state; red edges are the wait-for cycle',
  ];
}
