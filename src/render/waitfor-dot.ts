/**
 * The bottom of the diagram: each lane ends in its actor's final status, and the final state's
 * wait-for edges run between those ends (and the 'memory' and 'mempool' nodes), the cycle in
 * red. Without a cycle, a note says who is stuck on something outside the graph.
 */
import { attrs, q, wrap } from './dot-text.js';
import type { Trace } from './trace.js';
import { cycleEdges, firstCycle, strandedActors, type WaitEdge } from './waits.js';

const RED = '#c03030';

function endNode(i: number, status: string, onCycle: boolean, stuck: boolean): string {
  return `e_${i} ${attrs({
    shape: 'box', style: q(onCycle || stuck ? 'rounded,filled,bold' : 'rounded,filled'),
    fillcolor: q(onCycle ? '#fbd0d0' : stuck ? '#fde2e2' : status === 'idle' ? 'white' : '#f4f6fb'),
    color: q(onCycle || stuck ? RED : '#7a869a'), label: q(wrap(status, 26).join('\n')),
  })}`;
}

function otherNode(name: string, onCycle: boolean): string {
  const shape = name === 'memory' ? 'box3d' : name.startsWith('mempool') ? 'cylinder' : 'box';
  return attrs({ shape, style: 'filled', fillcolor: q(onCycle ? '#fbd0d0' : '#eef0f4'), color: q(onCycle ? RED : '#5a6a8a'), fontsize: 11, label: q(name) });
}

/** DOT lines for the final state: the lanes' ends, the wait-for graph, the cycle highlighted. */
export function waitForLines(trace: Trace): string[] {
  const n = trace.steps.length;
  const view = n === 0 ? trace.initial : trace.steps[n - 1]!.state;
  const cycle = cycleEdges(view.waitsFor);
  const onCycle = new Set(cycle.flatMap((e) => [e.from, e.to]));
  const stuck = new Set(strandedActors(view).map((a) => a.name));
  const actorIndex = new Map(trace.actors.map((a, i) => [a.name, i]));
  const others = [...new Set(view.waitsFor.flatMap((e) => [e.from, e.to]))].filter((x) => !actorIndex.has(x));
  const nodeOf = (name: string): string => (actorIndex.has(name) ? `e_${actorIndex.get(name)}` : `x_${others.indexOf(name)}`);
  const out = [
    `se ${attrs({ shape: 'plaintext', label: q('at the end') })}`,
    ...trace.actors.map((a, i) => endNode(i, view.actors.find((x) => x.name === a.name)?.status ?? '', onCycle.has(a.name), stuck.has(a.name))),
    `{ rank=same; se -> ${trace.actors.map((_, i) => `e_${i}`).join(' -> ')} ${attrs({ style: 'invis' })} }`,
    `s${n} -> se ${attrs({ style: 'invis', weight: 100 })}`,
    ...trace.actors.map((a, i) => `l${n}_${i} -> e_${i} ${attrs({ arrowhead: 'none', color: stuck.has(a.name) || view.waitsFor.some((e) => e.from === a.name) ? q(RED) : 'gray60', style: 'dashed', weight: 100 })}`),
    ...others.map((name, k) => `x_${k} ${otherNode(name, onCycle.has(name))}`),
  ];
  const bottom = ['caption', ...others.map((_, k) => `x_${k}`)];
  out.push(caption(trace, view.waitsFor, [...stuck]), `{ rank=same; ${bottom.join('; ')} }`, `e_0 -> caption ${attrs({ style: 'invis' })}`);
  const labelled = new Set<string>();
  for (const e of view.waitsFor) {
    const hot = cycle.includes(e);
    // Several actors waiting on one for the same reason: say it once, the arrows show the rest.
    const key = `${e.to}\n${e.why}`;
    const label = hot || !labelled.has(key) ? q(wrap(e.why, 24).join('\n')) : undefined;
    labelled.add(key);
    out.push(`${nodeOf(e.from)} -> ${nodeOf(e.to)} ${attrs({ constraint: 'false', color: q(hot ? RED : '#5a6a8a'), fontcolor: q(hot ? RED : '#3a4a6a'), penwidth: hot ? 2.6 : 1, label })}`);
  }
  return out;
}

/** The sentence under the diagram: the cycle, or who is stuck outside any cycle. */
function caption(trace: Trace, edges: readonly WaitEdge[], stuck: readonly string[]): string {
  const cycle = firstCycle(edges);
  const loop = trace.loopStart;
  const text = loop !== undefined
    ? `livelock: steps ${loop + 1} to ${trace.steps.length} repeat forever, so ${trace.property.description ?? `${trace.property.name} holds`} is never true`
    : cycle.length
    ? `wait-for cycle: ${cycle.map((e) => `${e.from} waits for ${e.to} (${e.why})`).join('; ')}`
    : `no wait-for cycle in the final state: ${stuck.length ? `${stuck.join(', ')} wait for something no one will do` : 'nobody waits on another actor'}`;
  return `caption ${attrs({ shape: 'plaintext', fontcolor: q(RED), fontsize: 12, label: q(wrap(text, 70).join('\n')) })}`;
}
