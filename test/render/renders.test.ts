import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { renderGraphFromSource } from 'graphviz-cli';
import { describe, expect, it } from 'vitest';
import { traceToDot } from '../../src/render/dot.js';
import { dotToSvg, svgToPng } from '../../src/render/image.js';
import type { Trace } from '../../src/render/trace.js';
import { firstCycle } from '../../src/render/waits.js';
import { lassoTrace, seedCases, seedTrace } from './seed-traces.js';

const cases: [string, () => Trace][] = [
  ...seedCases.map(({ name, def, policy }): [string, () => Trace] => [name, () => seedTrace(def, policy)]),
  ['nfs-ack lasso', () => lassoTrace()],
];

/** The text Graphviz put in the SVG, entities decoded (labels are split into <text> runs). */
function svgText(svg: string): string {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&#45;/g, '-').replace(/&amp;/g, '&').replace(/&#39;/g, "'")).join('\n');
}

function expectComplete(svg: string, trace: Trace): void {
  const text = svgText(svg);
  for (const a of trace.actors) expect(text).toContain(a.name);
  for (const a of trace.assumptions) expect(text).toContain(`${a.name}=${a.value}`);
  expect(text).toContain(trace.policy);
  const end = trace.steps.at(-1)!.state;
  const cycle = firstCycle(end.waitsFor);
  // A lasso's caption names the livelock even when its last state also has a wait-for cycle.
  if (trace.loopStart !== undefined) expect(text).toContain(`livelock: steps ${trace.loopStart + 1} to ${trace.steps.length} repeat forever`);
  else if (cycle.length) expect(text).toContain(`wait-for cycle: ${cycle[0]!.from} waits for ${cycle[0]!.to}`);
  else expect(text).toContain('no wait-for cycle in the final state');
}

describe('every diagram renders under both in-process Graphvizes', () => {
  it.each(cases)('%s: no HTML-like labels, every actor, the assumptions and the cycle in the SVG', async (_, make) => {
    const trace = make();
    const dot = traceToDot(trace);
    // graphviz-cli silently drops HTML-like labels: there must be none.
    expect(dot).not.toMatch(/label=</);
    const viz = await dotToSvg(dot);
    const cli = await renderGraphFromSource({ input: dot }, { format: 'svg' });
    expectComplete(viz, trace);
    expectComplete(cli, trace);
    // The same picture: both lay out every node and edge.
    const count = (svg: string, cls: string): number => svg.split(`class="${cls}"`).length - 1;
    expect(count(cli, 'node')).toBe(count(viz, 'node'));
    expect(count(cli, 'edge')).toBe(count(viz, 'edge'));
  });

  it('the cycle edge is drawn red and heavy in dm-raid1 under mempool-only', () => {
    const dot = traceToDot(seedTrace(seedCases[0]!.def, 'mempool-only'));
    const e = dot.split('\n').find((l) => /e_3 -> e_3 /.test(l));
    expect(e).toMatch(/color="#c03030".*penwidth=2\.6/);
  });

  it('rasterises to a PNG', async () => {
    const png = svgToPng(await dotToSvg(traceToDot(lassoTrace())));
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('reports DOT that does not render as an error, not a blank picture', async () => {
    await expect(dotToSvg('digraph { a -> }')).rejects.toThrow(/does not render/);
  });
});

describe("the system's own Graphviz, where there is one", () => {
  const dotBinary = ['/usr/bin/dot', '/usr/local/bin/dot'].find((f) => existsSync(f));
  it.skipIf(dotBinary === undefined).each(cases)('%s renders with dot -Tsvg, with the same nodes and edges', async (_, make) => {
    const dot = traceToDot(make());
    const system = execFileSync(dotBinary!, ['-Tsvg'], { input: dot, encoding: 'utf8' });
    const viz = await dotToSvg(dot);
    const count = (svg: string, cls: string): number => svg.split(`class="${cls}"`).length - 1;
    expect(count(system, 'node')).toBe(count(viz, 'node'));
    expect(count(system, 'edge')).toBe(count(viz, 'edge'));
  });
});
