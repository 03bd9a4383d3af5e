/**
 * The counterexample as a swimlane diagram in DOT: time runs down, one lane per actor, each step
 * a box in its actor's lane with the action and the context it allocated in; the free-pages
 * gauge runs down the left against the watermarks; the lanes end in the final state, whose
 * wait-for edges are drawn between them with the cycle in red. A lasso shows its repeating
 * steps' numbers in blue, with arrows back to where the cycle starts.
 */
import type { StateView } from '../alloc/describe.js';
import { attrs, left, q, withoutActor, wrap } from './dot-text.js';
import { freeWords, gaugeHeader, gaugeIds, gaugeNodes } from './gauge.js';
import { legendLines, titleOf } from './legend.js';
import { stateBefore, type Trace } from './trace.js';
import { waitForLines } from './waitfor-dot.js';
import { isWaiting } from './waits.js';

const FONT = 'Helvetica';
const CYCLE = '#2a5db0';

function laneNode(trace: Trace, row: number, a: number): string {
  const actor = trace.actors[a]!.name;
  const step = row === 0 ? undefined : trace.steps[row - 1];
  if (!step || step.actor !== actor) return `l${row}_${a} ${attrs({ shape: 'point', width: 0.04, color: 'gray60' })}`;
  const n = trace.steps.length;
  const looping = trace.loopStart !== undefined && row > trace.loopStart;
  // The failing step is red; on a lasso there is none, the repeating steps are blue.
  const border = looping ? CYCLE : row === n ? '#b02a2a' : '#7a869a';
  const head = `${row}. ${step.action}${step.context ? `  [${step.context}]` : ''}`;
  const body = wrap(withoutActor(step.text, actor), 34);
  const back = looping && row === n ? [`then back to step ${trace.loopStart! + 1}, forever`] : [];
  return `l${row}_${a} ${attrs({
    shape: 'box', style: q('rounded,filled'), fillcolor: q(looping ? '#e3ecfa' : row === n ? '#fde2e2' : '#f4f6fb'), color: q(border),
    penwidth: looping || row === n ? 2 : 1, label: left([head, ...body, ...back]),
  })}`;
}

function lifeline(view: StateView, actor: string, status: string | undefined): string {
  if (isWaiting(view, actor)) return attrs({ arrowhead: 'none', color: q('#c03030'), style: 'dashed', penwidth: 1.6, weight: 100 });
  if (status === 'idle') return attrs({ arrowhead: 'none', color: 'gray75', style: 'dotted', weight: 100 });
  return attrs({ arrowhead: 'none', color: 'gray45', weight: 100 });
}

function header(trace: Trace): string[] {
  const lanes = trace.actors.map((a, i) => `h_${i} ${attrs({ shape: 'box', style: q('rounded,filled'), fillcolor: q('#dfe6f3'), color: q('#5a6a8a'), fontsize: 12, label: q(`${a.name}\n(${a.kind})`) })}`);
  const row = [...gaugeIds('h', trace.pages), 'sh', ...trace.actors.map((_, i) => `h_${i}`)];
  return [
    ...gaugeHeader(trace.pages, trace.initial.watermarks),
    `sh ${attrs({ shape: 'plaintext', label: q('step') })}`,
    ...lanes,
    `{ rank=same; ${row.join(' -> ')} ${attrs({ style: 'invis' })} }`,
  ];
}

/** The time column: step number, free pages on the ladder, and each mempool's elements. */
function stepLabel(r: number, view: StateView, note?: string): string {
  const pools = Object.entries(view.owners).filter(([k]) => k.startsWith('mempool ')).map(([k, n]) => `${k.slice(8)} pool ${n}`);
  return [r === 0 ? 'start' : note ? `${r} (${note})` : String(r), ...freeWords(view).split(', '), ...pools].join('\n');
}

function row(trace: Trace, r: number): string[] {
  const view = r === 0 ? trace.initial : trace.steps[r - 1]!.state;
  const ids = [...gaugeIds(r, trace.pages), `s${r}`, ...trace.actors.map((_, a) => `l${r}_${a}`)];
  return [
    ...gaugeNodes(r, trace.pages, view, r === 0 ? view : stateBefore(trace, r - 1)),
    `s${r} ${attrs({ shape: 'plaintext', label: q(stepLabel(r, view)) })}`,
    ...trace.actors.map((_, a) => laneNode(trace, r, a)),
    `{ rank=same; ${ids.join(' -> ')} ${attrs({ style: 'invis' })} }`,
  ];
}

function verticals(trace: Trace): string[] {
  const out: string[] = [];
  const rows = trace.steps.length;
  for (let r = 0; r <= rows; r++) {
    const above = r === 0 ? 'h' : r - 1;
    gaugeIds(r, trace.pages).forEach((g, k) => out.push(`${gaugeIds(above, trace.pages)[k]} -> ${g} ${attrs({ style: 'invis', weight: 100 })}`));
    out.push(`${r === 0 ? 'sh' : `s${r - 1}`} -> s${r} ${attrs({ style: 'invis', weight: 100 })}`);
    trace.actors.forEach((a, i) => {
      if (r === 0) return out.push(`h_${i} -> l0_${i} ${attrs({ arrowhead: 'none', color: 'gray75', style: 'dotted', weight: 100 })}`);
      const before = stateBefore(trace, r - 1);
      const status = before.actors.find((x) => x.name === a.name)?.status;
      out.push(`l${r - 1}_${i} -> l${r}_${i} ${lifeline(before, a.name, status)}`);
    });
  }
  return out;
}

/**
 * A lasso's repeating steps: their step numbers in blue and marked (a box around whole rows
 * would bend the lanes, an arrow up the time column crosses the gauge), and an edge from the
 * last step's box back to the first of the cycle.
 */
function cycleMarks(trace: Trace, loopStart: number): string[] {
  const first = loopStart + 1;
  const n = trace.steps.length;
  const lane = (r: number): number => trace.actors.findIndex((x) => x.name === trace.steps[r - 1]!.actor);
  const mark = (r: number): string => (r === first ? 'cycle starts' : r === n ? 'then again' : 'cycle');
  return [
    ...Array.from({ length: n - loopStart }, (_, i) => first + i).map((r) => `s${r} ${attrs({ fontcolor: q(CYCLE), label: q(stepLabel(r, trace.steps[r - 1]!.state, mark(r))) })}`),
    `l${n}_${lane(n)} -> l${first}_${lane(first)} ${attrs({ color: q(CYCLE), penwidth: 2, constraint: 'false' })}`,
  ];
}

function body(trace: Trace): string[] {
  const rows = Array.from({ length: trace.steps.length + 1 }, (_, r) => row(trace, r)).flat();
  return trace.loopStart === undefined ? rows : [...rows, ...cycleMarks(trace, trace.loopStart)];
}

/**
 * The trace as a DOT digraph: stable text (no timings, no paths), so it can be a golden file.
 *
 * @example
 * traceToDot(trace).startsWith('digraph counterexample {') // true
 */
export function traceToDot(trace: Trace): string {
  const lines = [
    'digraph counterexample {',
    `  graph ${attrs({ fontname: q(FONT), fontsize: 14, labelloc: 't', label: q(titleOf(trace)), nodesep: 0.08, ranksep: 0.22, newrank: 'true' })};`,
    `  node ${attrs({ fontname: q(FONT), fontsize: 10 })};`,
    `  edge ${attrs({ fontname: q(FONT), fontsize: 9 })};`,
    `  legend ${attrs({ shape: 'note', fontsize: 10, color: q('#7a869a'), label: left(legendLines(trace)) })};`,
    ...header(trace).map((l) => `  ${l}`),
    `  legend -> sh ${attrs({ style: 'invis' })};`,
    ...body(trace).map((l) => `  ${l}`),
    ...verticals(trace).map((l) => `  ${l};`),
    ...waitForLines(trace).map((l) => `  ${l}`),
    '}',
  ];
  return lines.join('\n') + '\n';
}
