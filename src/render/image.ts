/**
 * DOT to SVG and SVG to PNG, in-process and offline: Graphviz compiled to WebAssembly
 * (@viz-js/viz) and resvg (@resvg/resvg-js). No system Graphviz or font is needed.
 */
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import type { Viz } from '@viz-js/viz';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CheckError } from '../core/errors.js';

// Both are loaded on first use (Graphviz's WebAssembly alone takes about 0.1 s to load): a
// check that draws nothing does not pay for them.
let viz: Promise<Viz> | undefined;
let resvg: typeof ResvgClass | undefined;
const require = createRequire(import.meta.url);

/**
 * Lays out DOT and returns the SVG text; throws a `bad-trace` error carrying Graphviz's
 * message when the DOT does not render.
 *
 * @example
 * (await dotToSvg('digraph { a -> b }')).includes('<svg') // true
 */
export async function dotToSvg(dot: string): Promise<string> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  const result = (await viz).render(dot, { format: 'svg' });
  if (result.status !== 'success') {
    const why = result.errors.map((e) => e.message.trim()).join('; ');
    throw new CheckError('bad-trace', `the diagram does not render: ${why}`);
  }
  return result.output;
}

// Graphviz measures the text as Helvetica; Arimo (SIL Open Font License) has the same metrics.
// It ships with the package (an npm font package), and no system font is loaded, so a PNG has
// the same text on every host, one without any font installed included.
const FONT_FAMILY = 'Arimo';
let fontFile: string | undefined;

/** The path of the bundled regular Arimo TrueType file. */
export function bundledFont(): string {
  fontFile ??= join(dirname(require.resolve('@expo-google-fonts/arimo/package.json')), '400Regular', 'Arimo_400Regular.ttf');
  return fontFile;
}

/** Rasterises an SVG to PNG at `zoom` times its size, on a white background, its text in the bundled font. */
export function svgToPng(svg: string, zoom = 1.5): Uint8Array {
  resvg ??= (require('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg;
  const image = new resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: zoom },
    font: { fontFiles: [bundledFont()], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY, serifFamily: FONT_FAMILY, monospaceFamily: FONT_FAMILY },
  });
  return image.render().asPng();
}
