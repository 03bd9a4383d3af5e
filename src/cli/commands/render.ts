import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { traceToDot } from '../../render/dot.js';
import { dotToSvg, svgToPng } from '../../render/image.js';
import { traceToMermaid } from '../../render/mermaid.js';
import { replayTrace } from '../../render/replay-trace.js';
import { traceHtml, tracePanels } from '../../render/trace-html.js';
import { storyMarkdown, storyText } from '../../render/story.js';
import type { Trace } from '../../render/trace.js';
import { EXIT, type Io } from '../io.js';
import { modelOfTrace, readTrace } from '../load-trace.js';
import { viewerSources } from '../explore/assets.js';
import { outPath, parseOptions } from '../options.js';
import { checkWritableDir } from '../out-dir.js';
import { UsageError } from '../usage-error.js';

export const RENDER_HELP = `usage: allocheck render <trace.json> [--format dot|svg|png|md|txt|mermaid|html] [-o FILE] [--model FILE] [--policy FILE ...]
  --format F   dot (Graphviz source), svg, png, md (the story), txt (the compact story; default),
               mermaid (a sequence diagram to paste into an issue or a pull request),
               html (the self-contained page that steps through it; rebuilds the model to
               replay the trace, which must still follow)
  -o FILE      write to FILE instead of stdout (needed for png)
  --model FILE for html, the model file a trace of one was recorded from (as for replay)
  --policy FILE  for html, a policy file of your own the trace was recorded under (as for replay)
exit codes: 0 written, 2 bad input`;

const FORMATS = ['dot', 'svg', 'png', 'md', 'txt', 'mermaid', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** The code a trace's model is rebuilt from for the page: `--model` and `--policy` files. */
interface CodeArgs {
  readonly model: string | undefined;
  readonly policies: readonly string[];
}

/** The HTML page needs each step's state panel, so the trace is replayed on its model. */
async function htmlOf(trace: Trace, file: string, io: Io, svg: string, code: CodeArgs): Promise<string> {
  const built = await modelOfTrace(trace, file, io.cwd, {}, code.model, code.policies);
  if ('why' in built) throw new UsageError(`${file}: cannot replay it for the page: ${built.why}`);
  const verdict = replayTrace(built.model, trace);
  if (!verdict.ok) throw new UsageError(`${file}: cannot replay it for the page: step ${verdict.step}: ${verdict.why}`);
  return traceHtml(trace, svg, tracePanels(built.model, trace), viewerSources());
}

async function renderAs(trace: Trace, format: Format, file: string, io: Io, code: CodeArgs): Promise<string | Uint8Array> {
  if (format === 'md') return storyMarkdown(trace);
  if (format === 'txt') return storyText(trace);
  if (format === 'mermaid') return traceToMermaid(trace);
  const dot = traceToDot(trace);
  if (format === 'dot') return dot;
  const svg = await dotToSvg(dot);
  if (format === 'html') return htmlOf(trace, file, io, svg, code);
  return format === 'svg' ? svg : svgToPng(svg);
}

/** `allocheck render`: a trace file as a diagram or a story. */
export async function renderCommand(argv: readonly string[], io: Io): Promise<number> {
  const options = { format: { type: 'string' }, output: { type: 'string', short: 'o' }, model: { type: 'string' }, policy: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } } as const;
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
  for (const flag of ['model', 'policy'] as const) if (values[flag] !== undefined && format !== 'html') throw new UsageError(`--${flag} is needed only by --format html`);
  const policies = (values.policy ?? []).map((p) => outPath('--policy', p)!);
  const output = await renderAs(readTrace(file, io.cwd), format, file, io, { model: values.model, policies });
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
