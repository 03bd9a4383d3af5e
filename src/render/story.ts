/**
 * The counterexample told as a numbered story in plain language, like the seed's "Gack, we have
 * a problem": what it depends on, who did what in which context, where free memory stood, and
 * at the end who waits for whom and the cycle that closes the deadlock.
 */
import type { StateView } from '../alloc/describe.js';
import { freeWords } from './gauge.js';
import { assumptionLines, ladder, sizeParams, titleOf } from './legend.js';
import { stateBefore, type Trace, type TraceStep } from './trace.js';
import { deadEnds, firstCycle, strandedActors } from './waits.js';

function sentence(text: string): string {
  // No capital: sentences start with kernel names (kswapd, kmirrord), which are lower case.
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Names joined as English: 'a', 'a and b', 'a, b and c'. */
function names(list: readonly string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** A step as one line: the action's sentence, its context, and a note when free memory crossed a rung. */
function stepLine(trace: Trace, i: number, step: TraceStep): string {
  const before = stateBefore(trace, i).free;
  const after = step.state.free;
  const context = step.context ? ` [${step.context}]` : '';
  const rung = after !== before && freeWords(step.state) !== `${after} free` ? ` Free memory is now ${freeWords(step.state).replace(/^\d+ free, /, '')}.` : '';
  return `${sentence(step.text)}${context}${rung}`;
}

function pagesLine(trace: Trace, view: StateView): string {
  const held = Object.entries(view.owners).filter(([k, n]) => n > 0 && k !== 'free').map(([k, n]) => `${n} ${k}`);
  const w = view.watermarks;
  return `Free pages: ${view.free} of ${trace.pages}${freeWords(view).replace(/^\d+ free/, '')} (M=${w.min}, GFP_ATOMIC floor ${w.atomic}); ${held.join(', ') || 'nothing else held'}.`;
}

function waitLines(view: StateView): string[] {
  return view.waitsFor.length ? ['Who waits for whom:', '', ...view.waitsFor.map((e) => `- ${e.from} waits for ${e.to}: ${e.why}.`), ''] : [];
}

/** What the final state says: the cycle, or who is stuck outside any cycle; for a trap, why it is one. */
export function endLines(trace: Trace): string[] {
  const view = trace.steps.at(-1)?.state ?? trace.initial;
  if (trace.property.failure === 'memcg-oom') return [...stuckLines(view), MEMCG_OOM];
  if (trace.property.failure !== 'unrecoverable') return stuckLines(view, trace.loopStart !== undefined);
  const stuck = stuckLines(view).filter((l) => l !== NO_CYCLE);
  return [trapLine(view), ...stuck];
}

const NO_CYCLE = 'There is no wait-for cycle in the final state.';

/** Why a memcg-oom dead state is not reported as a deadlock (properties/no-deadlock.ts). */
const MEMCG_OOM =
  "A kernel would not hang here: a task at its memory cgroup's limit, whose reclaim in the group frees nothing, calls the memcg OOM killer (mem_cgroup_oom, from the charge since 4.19), which kills a task of the group, or its charge fails with -ENOMEM. allocheck does not model the memcg OOM killer, so this state is reported as memcg-oom, not as a deadlock.";

/**
 * Why an `unrecoverable` state is a trap: the search found no path from it back above M, so
 * whatever can still be freed is used up again on every path; the owners say what that is.
 */
export function trapLine(view: StateView): string {
  const m = view.watermarks.min;
  const behind = view.waitsFor.filter((e) => e.from === 'memory').map((e) => e.why);
  const freeable = behind.length ? ` The memory that could still be freed: ${names(behind)}.` : ' Nothing held here can be freed by anyone.';
  return `This state is a trap: actors may still move, but the search explored every path from here and none brings free pages above M (${m}) again.${freeable} On every path, whatever those free is taken again, or nothing moves, before free pages rise above ${m}.`;
}

/** What a state where nothing moves forward says: the cycle, or who is stuck outside any cycle. */
export function stuckLines(view: StateView, lasso = false): string[] {
  const cycle = firstCycle(view.waitsFor);
  if (cycle.length) {
    const links = cycle.map((e) => `${e.from} waits for ${e.to} (${e.why})`).join('; ');
    // In a lasso the actors on the cycle do move (drop, resend), only never forward.
    const end = lasso ? 'Its actors move only round the loop, never past it.' : 'Nothing on the cycle can move, so nothing ever will.';
    return [`The wait-for cycle: ${links}. ${end}`];
  }
  const byStatus = new Map<string, string[]>();
  for (const a of strandedActors(view)) byStatus.set(a.status, [...(byStatus.get(a.status) ?? []), a.name]);
  const stuck = [...byStatus].map(([status, who]) => `${names(who)} ${who.length > 1 ? 'are' : 'is'} ${status}`);
  if (stuck.length) return [`There is no wait-for cycle: ${stuck.join('; ')}. Nothing will ever wake ${byStatus.size === 1 && [...byStatus.values()][0]!.length === 1 ? 'it' : 'them'}.`];
  const ends = lasso ? [] : deadEnds(view);
  if (ends.length === 0) return [NO_CYCLE];
  const told = ends.map(({ who, chain }) => `${names(who)} ${who.length > 1 ? 'wait' : 'waits'} for ${chain.map((e) => `${e.to} (${e.why})`).join(', which waits for ')}`);
  const one = ends.length === 1 && ends[0]!.who.length === 1;
  return [`There is no wait-for cycle: ${told.join('; ')}. Nothing will ever wake ${one ? 'it' : 'them'}.`];
}

function loopLines(trace: Trace): string[] {
  if (trace.loopStart === undefined) return [];
  return [`Steps ${trace.loopStart + 1} to ${trace.steps.length} repeat forever: after step ${trace.steps.length} the system is back where it was after step ${trace.loopStart || 'start'}.`];
}

/** story.md: the whole story in Markdown. */
export function storyMarkdown(trace: Trace): string {
  const end = trace.steps.at(-1)?.state ?? trace.initial;
  const p = trace.property;
  const assumptions = assumptionLines(trace);
  const lines = [
    `# ${titleOf(trace)}`,
    '',
    `Property \`${p.name}\`${p.description ? ` (${p.description})` : ''} is violated${p.failure ? `: ${p.failure}` : ''}.`,
    '',
    `- Model: \`${trace.model}\`, policy \`${trace.policy}\`, kernel ${trace.kernel}.`,
    `- Parameters: ${sizeParams(trace) || '(none)'}.`,
    `- Assumptions this counterexample depends on:${assumptions.length ? '' : ' none declared.'}`,
    ...assumptions.map((a) => `  - ${a}`),
    `- Watermarks: ${ladder(trace)}. At the start: ${freeWords(trace.initial)}.`,
    '',
    ...trace.steps.map((s, i) => `${i + 1}. ${stepLine(trace, i, s)}${trace.loopStart === i ? ' *(the cycle starts here)*' : ''}`),
    '',
    '## At the end',
    '',
    ...end.actors.map((a) => `- ${a.name} (${a.kind}) is ${a.status}.`),
    '',
    pagesLine(trace, end),
    '',
    ...waitLines(end),
    ...loopLines(trace),
    ...endLines(trace),
  ];
  return lines.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

/** The compact story for a terminal: numbered steps with their context, then the end. */
export function storyText(trace: Trace): string {
  const steps = trace.steps.map((s, i) => {
    const mark = trace.loopStart === i ? '  <- the cycle starts here and repeats forever' : '';
    return `${String(i + 1).padStart(4)}. ${s.text}${s.context ? ` [${s.context}]` : ''}${mark}`;
  });
  const end = trace.steps.at(-1)?.state ?? trace.initial;
  const assumptions = trace.assumptions.map((a) => `${a.name}=${a.value}`).join(' ');
  return [
    `${titleOf(trace)}${assumptions ? `, assuming ${assumptions}` : ''}:`,
    ...steps,
    `  at the end: ${freeWords(end)} (M=${end.watermarks.min}, atomic floor ${end.watermarks.atomic})`,
    ...endLines(trace).map((l) => `  ${l}`),
  ].join('\n') + '\n';
}
