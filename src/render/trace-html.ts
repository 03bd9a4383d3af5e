/**
 * A counterexample as one self-contained HTML file: the swimlane SVG inline, the state panel of
 * every step as JSON, and the viewer's script and style inline, so it opens from a disk or an
 * attachment with no network and no server. The front end's sources are passed in (the CLI
 * reads them): this module only assembles text.
 */
import type { AllocModel } from '../alloc/compile.js';
import { replay } from '../core/path.js';
import { assumptionLines, ladder, sizeParams, titleOf } from './legend.js';
import { movesOf, statePanel, type StatePanel } from './state-panel.js';
import type { Trace } from './trace.js';

/** The viewer's style and its ES modules, in dependency order, with imports between them removed. */
export interface ViewerSources {
  readonly css: string;
  readonly script: string;
}

/** The panel of every state along the trace's path, the initial state first. */
export function tracePanels(model: AllocModel, trace: Trace): StatePanel[] {
  const path = replay(model, trace.choices);
  return path.states.map((s) => statePanel(model, s, movesOf(model, s).moves.length > 0));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON that cannot close its <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The SVG element alone (Graphviz puts an XML declaration and a doctype before it). */
function svgElement(svg: string): string {
  const at = svg.indexOf('<svg');
  if (at < 0) throw new Error('the diagram is not an SVG document');
  return svg.slice(at);
}

/**
 * The HTML file of `trace`: `svg` is its swimlane (trace.svg), `panels` the state of each step.
 *
 * @example
 * traceHtml(trace, await dotToSvg(traceToDot(trace)), tracePanels(model, trace), sources).startsWith('<!doctype html>') // true
 */
export function traceHtml(trace: Trace, svg: string, panels: readonly StatePanel[], sources: ViewerSources): string {
  if (panels.length !== trace.steps.length + 1) throw new Error(`a trace of ${trace.steps.length} steps needs ${trace.steps.length + 1} panels, got ${panels.length}`);
  const data = {
    steps: trace.steps.map((s) => ({ actor: s.actor, action: s.action, ...(s.context ? { context: s.context } : {}), text: s.text })),
    ...(trace.loopStart === undefined ? {} : { loopStart: trace.loopStart }),
    panels,
  };
  const about = [`model ${trace.model}, policy ${trace.policy}, kernel ${trace.kernel}; ${sizeParams(trace)}`, `watermarks: ${ladder(trace)}`, ...assumptionLines(trace)];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(titleOf(trace))}</title>
<style>
${sources.css}
</style>
</head>
<body>
<header>
  <h1>allocheck counterexample</h1>
  <div class="title">${escapeHtml(titleOf(trace))}</div>
  ${about.map((l) => `<div class="muted">${escapeHtml(l)}</div>`).join('\n  ')}
</header>
<nav class="slider">
  <button id="prev" title="one step back (←)">◀</button>
  <input id="step" type="range" min="0" max="${trace.steps.length}" value="0" aria-label="step">
  <button id="next" title="one step forward (→)">▶</button>
  <span id="position" data-testid="position"></span>
  <label><input id="fit" type="checkbox" checked> fit the diagram to the width</label>
</nav>
<p id="step-text" class="step-text"></p>
<div class="viewer">
  <div id="panel"></div>
  <div id="diagram" class="diagram fit">${svgElement(svg)}</div>
</div>
<script type="application/json" id="trace-data">${scriptJson(data)}</script>
<script type="module">
${sources.script}
</script>
</body>
</html>
`;
}
