import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { traceToDot } from '../../render/dot.js';
import { dotToSvg, svgToPng } from '../../render/image.js';
import { storyMarkdown, storyText } from '../../render/story.js';
import type { Trace } from '../../render/trace.js';
import { EXIT, type Io } from '../io.js';
import { readTrace } from '../load-trace.js';
import { outPath, parseOptions } from '../options.js';
import { checkWritableDir } from '../out-dir.js';
import { UsageError } from '../usage-error.js';

export const RENDER_HELP = `usage: allocheck render <trace.json> [--format dot|svg|png|md|txt] [-o FILE]
  --format F   dot (Graphviz source), svg, png, md (the story), txt (the compact story; default)
  -o FILE      write to FILE instead of stdout (needed for png)
exit codes: 0 written, 2 bad input`;

const FORMATS = ['dot', 'svg', 'png', 'md', 'txt'] as const;
type Format = (typeof FORMATS)[number];

async function renderAs(trace: Trace, format: Format): Promise<string | Uint8Array> {
  if (format === 'md') return storyMarkdown(trace);
  if (format === 'txt') return storyText(trace);
  const dot = traceToDot(trace);
  if (format === 'dot') return dot;
  const svg = await dotToSvg(dot);
  return format === 'svg' ? svg : svgToPng(svg);
}

/** `allocheck render`: a trace file as a diagram or a story. */
export async function renderCommand(argv: readonly string[], io: Io): Promise<number> {
  const options = { format: { type: 'string' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } } as const;
  const { values, positionals } = parseOptions(argv, options, 'render');
  if (values.help) {
    io.out(RENDER_HELP + '\n');
    return EXIT.holds;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(`render needs a trace file, e.g. 'allocheck render out/seed/mempool-only/trace-no-deadlock.json --format svg'`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'; give one trace file`);
  const format = (values.format ?? 'txt') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${values.format}'; known: ${FORMATS.join(', ')}`);
  const target = outPath('-o', values.output);
  if (format === 'png' && target === undefined) throw new UsageError(`png is binary: give -o FILE`);
  // Before rendering: an unwritable place is bad input, named, not an error after the work.
  if (target !== undefined) checkWritableDir(dirname(resolve(io.cwd, target)), target, '-o');
  const output = await renderAs(readTrace(file, io.cwd), format);
  if (target === undefined) {
    io.out(output as string);
    return EXIT.holds;
  }
  try {
    writeFileSync(resolve(io.cwd, target), output);
  } catch (e) {
    throw new UsageError(`cannot write -o '${target}': ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  io.out(`wrote ${target}\n`);
  return EXIT.holds;
}
