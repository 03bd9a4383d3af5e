/**
 * The free-pages gauge: one row of cells per state, one cell per page of the zone. Cell k is
 * the page whose allocation leaves k pages free, so its colour says who may take it: anyone
 * (at or above M), GFP_ATOMIC and PF_MEMALLOC (the reserve above the atomic floor), PF_MEMALLOC
 * only (below the atomic floor). A filled cell is free, a hollow one taken: the reader sees the
 * filled bar shrink into the red.
 */
import type { StateView } from '../alloc/describe.js';
import { attrs, q } from './dot-text.js';

/** Zones of the ladder, top first. */
export const ZONES = [
  { name: 'above M: any context', fill: '#8fd18f', line: '#3a8a3a' },
  { name: 'reserve: GFP_ATOMIC and PF_MEMALLOC', fill: '#f5c26b', line: '#b57b12' },
  { name: 'below the atomic floor: PF_MEMALLOC only', fill: '#ef7d7d', line: '#b02a2a' },
] as const;

/** Larger zones are drawn as one text cell instead of one cell per page. */
export const MAX_CELLS = 24;

type Zone = (typeof ZONES)[number];

/** The zone of the page that leaves `k` free when taken. */
export function zoneOf(k: number, w: StateView['watermarks']): Zone {
  return k >= w.min ? ZONES[0] : k >= w.atomic ? ZONES[1] : ZONES[2];
}

/** Node ids of a row's gauge, left to right. */
export function gaugeIds(row: number | string, pages: number): string[] {
  return pages > MAX_CELLS ? [`g${row}`] : Array.from({ length: pages }, (_, k) => `g${row}_${k}`);
}

/**
 * The gauge nodes of one row. A cell whose page changed hands since `before` gets a heavy
 * border, so the reader sees which rung of the ladder each step took its page from.
 */
export function gaugeNodes(row: number, pages: number, view: StateView, before: StateView = view): string[] {
  const w = view.watermarks;
  if (pages > MAX_CELLS) {
    const z = zoneOf(Math.max(0, view.free - 1), w);
    return [`g${row} ${attrs({ shape: 'box', style: 'filled', fillcolor: q(view.free === 0 ? 'white' : z.fill), color: q(z.line), label: q(`${view.free} of ${pages} free`) })}`];
  }
  return gaugeIds(row, pages).map((node, k) => {
    const z = zoneOf(k, w);
    const free = k < view.free;
    const changed = free !== k < before.free;
    return `${node} ${attrs({
      shape: 'box', fixedsize: 'true', width: 0.16, height: 0.16, label: '""', style: free ? 'filled' : undefined,
      fillcolor: free ? q(z.fill) : undefined, color: changed ? 'black' : q(z.line), penwidth: changed ? 2.4 : free ? 1 : 0.8,
    })}`;
  });
}

/** Where free pages stand on the ladder, in words: '2 free, at M'. */
export function freeWords(view: StateView): string {
  const { min, atomic } = view.watermarks;
  const where = view.free > min ? '' : view.free === min ? ', at M' : view.free >= atomic ? ', below M' : ', below the atomic floor';
  return `${view.free} free${where}`;
}

/** The header above the gauge: where the watermarks fall, in page counts. */
export function gaugeHeader(pages: number, w: StateView['watermarks']): string[] {
  const ids = gaugeIds('h', pages);
  if (pages > MAX_CELLS) return [`${ids[0]} ${attrs({ shape: 'plaintext', label: q(`free pages\nM=${w.min}, atomic floor ${w.atomic}`) })}`];
  return ids.map((node, k) => `${node} ${attrs({ shape: 'plaintext', fixedsize: 'true', width: 0.16, height: 0.2, fontsize: 9, label: q(markOf(k, w)) })}`);
}

/** One page of the gauge for an HTML page: its zone's colours, whether it is free, its mark. */
export interface GaugeCell {
  readonly fill: string;
  readonly line: string;
  readonly free: boolean;
  /** '0', 'A' (the GFP_ATOMIC floor) or 'M' (the min watermark), as the diagram's header marks them. */
  readonly mark: string;
}

/**
 * The gauge as data, page 0 first, for drawing outside Graphviz (the explorer's page).
 *
 * @example
 * gaugeCells(7, view).filter((c) => c.free).length // view.free
 */
export function gaugeCells(pages: number, view: StateView): GaugeCell[] {
  const w = view.watermarks;
  return Array.from({ length: pages }, (_, k) => {
    const z = zoneOf(k, w);
    return { fill: z.fill, line: z.line, free: k < view.free, mark: markOf(k, w) };
  });
}

function markOf(k: number, w: StateView['watermarks']): string {
  return k === w.min ? 'M' : k === w.atomic && w.atomic > 0 ? 'A' : k === 0 ? '0' : '';
}
