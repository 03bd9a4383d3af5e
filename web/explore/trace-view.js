// A trace's HTML file (trace-<property>.html): a step slider over the counterexample, the
// swimlane diagram (the same SVG as trace.svg) with the current step's row marked, and the state
// panel of that step. Everything is inline; this module and panel.js are pasted into the file.
import { statePanel } from './panel.js';

const $ = (id) => document.getElementById(id);
const data = JSON.parse($('trace-data').textContent);
const last = data.steps.length;

/** The diagram's nodes of row `r`: the step label s<r>, lane boxes l<r>_<a>, gauge cells g<r>_<k>. */
function rowNodes(r) {
  const pattern = new RegExp(`^(s${r}|l${r}_\\d+|g${r}(_\\d+)?)$`);
  return [...document.querySelectorAll('#diagram g.node')].filter((g) => pattern.test(g.querySelector('title')?.textContent ?? ''));
}

/** A band behind row `r` of the diagram, from its leftmost to its rightmost node. */
function markRow(r) {
  document.querySelector('#diagram .row-mark')?.remove();
  const boxes = rowNodes(r).map((g) => g.getBBox());
  const graph = document.querySelector('#diagram svg g.graph');
  if (!boxes.length || !graph) return;
  const x = Math.min(...boxes.map((b) => b.x)) - 6;
  const y = Math.min(...boxes.map((b) => b.y)) - 3;
  const width = Math.max(...boxes.map((b) => b.x + b.width)) + 6 - x;
  const height = Math.max(...boxes.map((b) => b.y + b.height)) + 3 - y;
  const band = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  Object.entries({ class: 'row-mark', x, y, width, height, rx: 4 }).forEach(([k, v]) => band.setAttribute(k, String(v)));
  // After the background polygon, before every node: the band sits behind the row.
  graph.insertBefore(band, graph.querySelector('g') ?? null);
  // Scroll the diagram, not the page, and only up or down: the lanes keep their place.
  const pane = $('diagram').getBoundingClientRect();
  const at = band.getBoundingClientRect();
  if (at.top < pane.top || at.bottom > pane.bottom) $('diagram').scrollTop += at.top - pane.top - (pane.height - at.height) / 2;
}

function stepText(i) {
  if (i === 0) return 'The initial state.';
  const s = data.steps[i - 1];
  const cycle = data.loopStart !== undefined && i > data.loopStart ? ` (in the cycle that repeats forever: steps ${data.loopStart + 1} to ${last})` : '';
  return `${i}. ${s.text}${s.context ? ` [${s.context}]` : ''}${cycle}`;
}

function show(i) {
  const step = Math.max(0, Math.min(last, i));
  $('step').value = String(step);
  $('position').textContent = `step ${step} of ${last}`;
  $('step-text').textContent = stepText(step);
  $('step-text').classList.toggle('in-cycle', data.loopStart !== undefined && step > data.loopStart);
  $('panel').replaceChildren(statePanel(data.panels[step]));
  $('prev').disabled = step === 0;
  $('next').disabled = step === last;
  markRow(step);
  history.replaceState(null, '', `#step=${step}`);
}

$('step').max = String(last);
$('fit').addEventListener('change', (e) => $('diagram').classList.toggle('fit', e.target.checked));
$('step').addEventListener('input', (e) => show(Number(e.target.value)));
$('prev').onclick = () => show(Number($('step').value) - 1);
$('next').onclick = () => show(Number($('step').value) + 1);
document.addEventListener('keydown', (e) => {
  if (e.target instanceof HTMLInputElement && e.target.type !== 'range') return;
  const to = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity }[e.key];
  if (to === undefined || e.target === $('step')) return;
  show(Number($('step').value) + to);
});
const fromHash = /^#step=(\d+)$/.exec(location.hash);
show(fromHash ? Number(fromHash[1]) : 0);
document.body.dataset.ready = 'true';
