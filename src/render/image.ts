/**
 * DOT to SVG and SVG to PNG, in-process and offline: Graphviz compiled to WebAssembly
 * (@viz-js/viz) and resvg (@resvg/resvg-js). No system Graphviz is needed.
 */
import { Resvg } from '@resvg/resvg-js';
import { instance, type Viz } from '@viz-js/viz';
import { CheckError } from '../core/errors.js';

let viz: Promise<Viz> | undefined;

/**
 * Lays out DOT and returns the SVG text; throws a `bad-trace` error carrying Graphviz's
 * message when the DOT does not render.
 *
 * @example
 * (await dotToSvg('digraph { a -> b }')).includes('<svg') // true
 */
export async function dotToSvg(dot: string): Promise<string> {
  viz ??= instance();
  const result = (await viz).render(dot, { format: 'svg' });
  if (result.status !== 'success') {
    const why = result.errors.map((e) => e.message.trim()).join('; ');
    throw new CheckError('bad-trace', `the diagram does not render: ${why}`);
  }
  return result.output;
}

/** Rasterises an SVG to PNG at `zoom` times its size, on a white background. */
export function svgToPng(svg: string, zoom = 1.5): Uint8Array {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: zoom },
    // Graphviz measured the text as Helvetica; Liberation Sans has the same metrics, where present.
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  });
  return resvg.render().asPng();
}
