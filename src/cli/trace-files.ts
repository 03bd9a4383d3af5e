/**
 * The counterexample files `check --out DIR` writes: trace-<property>.json, .dot, .svg, .png and
 * story-<property>.md for each violated property (a counterexample that several properties
 * share is written once, under the first one's name), and the compact story the terminal shows.
 */
import { relative, resolve } from 'node:path';
import type { AllocModel } from '../alloc/compile.js';
import type { AllocAction } from '../alloc/exec.js';
import type { AllocState } from '../alloc/state.js';
import type { Action, Model } from '../core/model.js';
import type { CheckResult, PropertyResult } from '../core/result.js';
import { traceToDot } from '../render/dot.js';
import { dotToSvg, svgToPng } from '../render/image.js';
import { storyMarkdown, storyText } from '../render/story.js';
import { traceHtml, tracePanels } from '../render/trace-html.js';
import { traceToJson } from '../render/trace-json.js';
import { traceOf, type PolicyFileRecord, type Trace } from '../render/trace.js';
import { viewerSources } from './explore/assets.js';
import type { OutDir } from './out-dir.js';
import { looksLikePath, type Definition } from './registry.js';

/** True for models built from a scenario: they can describe a state for a diagram. */
export function isAllocModel(model: Model<unknown, Action>): model is Model<unknown, Action> & AllocModel {
  return typeof (model as Partial<AllocModel>).describe === 'function' && (model as Partial<AllocModel>).world !== undefined;
}

/** A trace per violated property with a counterexample, keyed by property name; none for engine-level models. */
export function tracesOf(model: Model<unknown, Action>, result: Pick<CheckResult<unknown, Action>, 'properties'>, def: Definition, source?: string, policyFiles?: readonly PolicyFileRecord[]): Map<string, Trace> {
  const out = new Map<string, Trace>();
  if (!isAllocModel(model)) return out;
  for (const p of result.properties) {
    if (p.status !== 'violated' || !p.counterexample) continue;
    const prop = p as PropertyResult<AllocState, AllocAction>;
    out.set(p.name, traceOf(model, prop, { specs: def.params, ...(source === undefined ? {} : { source }), ...(policyFiles?.length ? { policyFiles } : {}) }));
  }
  return out;
}

/** The model file relative to the output directory, when the model was given as a path. */
export function sourceFor(modelArg: string, cwd: string, outDir: string | undefined): string | undefined {
  if (!looksLikePath(modelArg)) return undefined;
  const file = resolve(cwd, modelArg);
  return outDir === undefined ? file : relative(resolve(cwd, outDir), file).split('\\').join('/');
}

/**
 * Renders a trace to each file format into `out` (relative to `sub`), the trace file carrying
 * the run's id. A file that cannot be written is recorded in `out`, not thrown. With the model
 * it was recorded from, also `html`: the self-contained page that steps through it.
 */
export async function writeTraceFiles(out: OutDir, sub: string, trace: Trace, stem: string, storyName: string, html?: { name: string; model: AllocModel }): Promise<void> {
  const { format, version, ...rest } = trace;
  const dot = traceToDot(trace);
  const svg = await dotToSvg(dot);
  const files: [string, string | Uint8Array][] = [
    [`${stem}.json`, traceToJson({ format, version, runId: out.runId, ...rest })],
    [`${stem}.dot`, dot],
    [`${stem}.svg`, svg],
    [`${stem}.png`, svgToPng(svg)],
    [storyName, storyMarkdown(trace)],
    ...(html ? [[html.name, traceHtml(trace, svg, tracePanels(html.model, trace), viewerSources())] as [string, string]] : []),
  ];
  for (const [name, data] of files) out.write(sub ? `${sub}/${name}` : name, data);
}

/** Where a property's counterexample is: its trace and story files, written for `sameAs` when shared. */
export interface TraceFiles {
  readonly trace: string;
  readonly story: string;
  /** The page that steps through it, when the model was given. */
  readonly html?: string;
  /** The property whose files these are, when its counterexample is this property's too. */
  readonly sameAs?: string;
}

/** A counterexample's identity: the same choices (and cycle start) are the same path. */
function pathKey(trace: Trace): string {
  return `${trace.choices.join(',')}/${trace.loopStart ?? ''}`;
}

/**
 * Writes each property's trace as trace-<property>.* and story-<property>.md (given the model,
 * also trace-<property>.html), a counterexample shared by several properties once; returns
 * each property's files.
 */
export async function writeAllTraces(out: OutDir, sub: string, traces: ReadonlyMap<string, Trace>, model?: Model<unknown, Action>): Promise<Map<string, TraceFiles>> {
  const files = new Map<string, TraceFiles>();
  const byPath = new Map<string, string>();
  for (const [name, trace] of traces) {
    const first = byPath.get(pathKey(trace));
    if (first !== undefined) {
      files.set(name, { ...files.get(first)!, sameAs: first });
      continue;
    }
    byPath.set(pathKey(trace), name);
    const html = model !== undefined && isAllocModel(model) ? { name: `trace-${name}.html`, model } : undefined;
    await writeTraceFiles(out, sub, trace, `trace-${name}`, `story-${name}.md`, html);
    files.set(name, { trace: `trace-${name}.json`, story: `story-${name}.md`, ...(html ? { html: html.name } : {}) });
  }
  return files;
}

/** The compact story of a property's counterexample, for resultText; undefined falls back to the plain steps. */
export function storyFor(traces: ReadonlyMap<string, Trace>): (name: string) => string | undefined {
  return (name) => {
    const trace = traces.get(name);
    return trace ? storyText(trace) : undefined;
  };
}
