import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { traceToDot } from '../../src/render/dot.js';
import { dotToSvg, svgToPng } from '../../src/render/image.js';
import { seedCases, seedTrace } from './seed-traces.js';

/** Dark pixels of a PNG (decoded by drawing it into an SVG image with resvg, which has no fonts here). */
function darkPixels(png: Uint8Array): number {
  const b64 = Buffer.from(png).toString('base64');
  // The PNG's own size, from its IHDR chunk.
  const view = new DataView(png.buffer, png.byteOffset);
  const [w, h] = [view.getUint32(16), view.getUint32(20)];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}"><image width="${w}" height="${h}" xlink:href="data:image/png;base64,${b64}"/></svg>`;
  const pixels = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 96 && pixels[i + 1]! < 96 && pixels[i + 2]! < 96) dark++;
  return dark;
}

/** The PNG resvg draws with no font at all: neither the host's nor the bundled one. */
function pngWithoutFonts(svg: string): Uint8Array {
  return new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: 1.5 }, font: { loadSystemFonts: false } }).render().asPng();
}

describe('PNG text from the bundled font', () => {
  it('a line of text in Helvetica is drawn though no system font is loaded', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-family="Helvetica,sans-Serif" font-size="24">kmirrord</text></svg>`;
    expect(darkPixels(pngWithoutFonts(svg))).toBe(0);
    expect(darkPixels(svgToPng(svg))).toBeGreaterThan(300);
  });

  it("the seed diagram's labels are in its PNG", async () => {
    const c = seedCases[0]!;
    const svg = await dotToSvg(traceToDot(seedTrace(c.def, c.policy)));
    const withText = darkPixels(svgToPng(svg));
    const lines = darkPixels(pngWithoutFonts(svg));
    // The lines and boxes alone, against lines, boxes and every label's glyphs.
    expect(withText).toBeGreaterThan(lines * 1.5 + 5_000);
  });
});
