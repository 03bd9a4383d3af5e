/**
 * The counterexample as a Mermaid sequence diagram, to paste into an issue or a pull request
 * (```mermaid blocks render on the usual forges): one participant per actor, each step an arrow
 * to the actor it hands work to (named in its sentence) or a note on its own lifeline, a lasso's
 * repeating steps in a `loop` block, and at the end who waits for whom with the cycle shaded.
 */
import { wrap } from './dot-text.js';
import { freeWords } from './gauge.js';
import { titleOf } from './legend.js';
import { stuckLines } from './story.js';
import type { Trace, TraceStep } from './trace.js';
import { cycleEdges } from './waits.js';

/**
 * Text safe inside a Mermaid statement: ';' ends a statement and '#' starts an entity code, so
 * both are written as entity codes; line breaks become <br/>.
 */
function text(s: string): string {
  return s.replace(/#/g, '#35;').replace(/;/g, '#59;').replace(/%/g, '#37;').replace(/\n/g, '<br/>');
}

/** A label wrapped to lines of about `width` characters, so notes stay narrow. */
function label(s: string, width = 60): string {
  return text(wrap(s, width).join('\n'));
}

/** Participant ids: a0, a1, ... for actors, w0, w1, ... for wait-for nodes that are not actors. */
function ids(trace: Trace): Map<string, string> {
  const out = new Map(trace.actors.map((a, i) => [a.name, `a${i}`]));
  const end = trace.steps.at(-1)?.state ?? trace.initial;
  for (const e of end.waitsFor) for (const n of [e.from, e.to]) if (!out.has(n)) out.set(n, `w${out.size - trace.actors.length}`);
  return out;
}

/** The other actors a step's sentence names, as whole words: whom the step hands work to. */
function named(trace: Trace, step: TraceStep): string[] {
  return trace.actors.map((a) => a.name).filter((n) => n !== step.actor && new RegExp(`(^|[^\\w-])${n.replace(/[-]/g, '\\-')}([^\\w-]|$)`).test(step.text));
}

function stepLine(trace: Trace, id: Map<string, string>, step: TraceStep, n: number): string {
  const who = id.get(step.actor)!;
  const sentence = step.text.startsWith(`${step.actor} `) ? step.text.slice(step.actor.length + 1) : step.text;
  const says = label(`${n}. ${step.action}${step.context ? ` [${step.context}]` : ''}: ${sentence}`);
  const to = named(trace, step)[0];
  return to === undefined ? `  Note right of ${who}: ${says}` : `  ${who}->>${id.get(to)}: ${says}`;
}

/** A note's place over every lifeline: 'a0,w1'. */
function everyone(id: Map<string, string>): string {
  const all = [...id.values()];
  return all.length > 1 ? `${all[0]},${all.at(-1)}` : all[0]!;
}

function endLines(trace: Trace, id: Map<string, string>): string[] {
  const view = trace.steps.at(-1)?.state ?? trace.initial;
  const span = everyone(id);
  const cycle = cycleEdges(view.waitsFor);
  const edge = (e: (typeof view.waitsFor)[number]): string => `  ${id.get(e.from)}${cycle.includes(e) ? '--x' : '-->>'}${id.get(e.to)}: ${label(`waits: ${e.why}`)}`;
  return [
    `  Note over ${span}: ${text(`at the end: ${freeWords(view)} (M=${view.watermarks.min}, GFP_ATOMIC floor ${view.watermarks.atomic})`)}`,
    ...view.waitsFor.filter((e) => !cycle.includes(e)).map(edge),
    ...(cycle.length ? ['  rect rgb(251, 208, 208)', ...cycle.map((e) => `  ${edge(e)}`), '  end'] : []),
    `  Note over ${span}: ${label(stuckLines(view, trace.loopStart !== undefined).join(' '), 90)}`,
  ];
}

/**
 * The trace as the text of a Mermaid sequence diagram.
 *
 * @example
 * traceToMermaid(trace).split('\n')[0] // 'sequenceDiagram'
 */
export function traceToMermaid(trace: Trace): string {
  const id = ids(trace);
  const kinds = new Map(trace.actors.map((a) => [a.name, a.kind]));
  const participants = [...id].map(([name, pid]) => `  participant ${pid} as ${text(kinds.has(name) ? `${name} (${kinds.get(name)})` : name)}`);
  const steps = trace.steps.map((s, i) => stepLine(trace, id, s, i + 1));
  const loop = trace.loopStart;
  const body = loop === undefined
    ? steps
    : [...steps.slice(0, loop), `  loop steps ${loop + 1} to ${trace.steps.length} repeat forever`, ...steps.slice(loop).map((l) => `  ${l}`), '  end'];
  // The title as a note over every lifeline: Mermaid's `title` renders the same but its
  // parser needs a DOM to sanitise it, so tools without one could not check the text.
  return [
    'sequenceDiagram',
    ...participants,
    `  Note over ${everyone(id)}: ${label(`${titleOf(trace)}. At the start: ${freeWords(trace.initial)}.`, 90)}`,
    ...body,
    ...endLines(trace, id),
  ].join('\n') + '\n';
}
