// The explorer's page. All state lives in the URL (?path=0.3.1&at=2&loop=5): the server
// replays the path on every request, so a reload or a shared link shows the same state.
import { h, modelSubtitle, statePanel, withoutActor } from './panel.js';

const $ = (id) => document.getElementById(id);
let model;
let current;
let loop;

async function api(url, init) {
  const res = await fetch(url, init);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ?? `${res.status} ${res.statusText}`);
  return body;
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

function search(path, at) {
  const q = new URLSearchParams({ path: path.join('.') });
  if (at !== path.length - 1) q.set('at', String(at));
  if (loop !== undefined) q.set('loop', String(loop));
  return `?${q}`;
}

/** Asks the server for the state `at` steps along `path` (raw text: the server validates it). */
async function load(pathText, atText, push) {
  const q = new URLSearchParams({ path: pathText, at: atText });
  current = await api(`/api/state?${q}`);
  if (push) history.pushState(null, '', search(current.path, current.at));
  showError('');
  render();
}

async function go(path, at, push = true) {
  try {
    await load(path.join('.'), at === undefined ? '' : String(at), push);
  } catch (e) {
    showError(e.message);
  }
}

function take(index) {
  const { path, at } = current;
  if (at < path.length - 1 && path[at + 1] === index) return go(path, at + 1);
  loop = undefined;
  return go([...path.slice(0, at + 1), index]);
}

function moveButton(m) {
  return h('button', { class: 'move', 'data-index': m.index, 'data-actor': m.actor, onclick: () => take(m.index), title: `${m.actor}: ${m.action}` },
    h('span', { class: 'who' }, m.actor), ' ', withoutActor(m.text, m.actor), m.context ? h('span', { class: 'badge ctx' }, m.context) : null);
}

function timelineRow(step, r) {
  const { at } = current;
  const cls = [r === at ? 'current' : '', r > at ? 'future' : '', loop !== undefined && r > loop ? 'looping' : ''].join(' ').trim();
  const cells = model.actors.map((a) => h('td', { class: step && step.actor === a.name ? 'act' : 'lane' },
    step && step.actor === a.name ? [h('div', { class: 'action' }, step.action), step.context ? h('div', { class: 'badge ctx' }, step.context) : null] : null));
  return h('tr', { class: cls, 'data-step': r, title: step ? step.text : 'the initial state', onclick: () => go(current.path, r) },
    h('th', {}, r === 0 ? 'start' : String(r)), h('td', { class: 'num' }, String(r === 0 ? current.initialFree : step.free)), cells);
}

function timeline() {
  const head = h('tr', {}, h('th', {}, 'step'), h('th', {}, 'free'), model.actors.map((a) => h('th', {}, a.name, h('div', { class: 'kind' }, a.kind))));
  const rows = [timelineRow(undefined, 0), ...current.steps.map((s, i) => timelineRow(s, i + 1))];
  return h('table', { class: 'swimlane' }, h('thead', {}, head), h('tbody', {}, rows));
}

function render() {
  const { at, path, steps, moves, panel } = current;
  $('position').textContent = `step ${at} of ${steps.length}`;
  $('loop-note').textContent = loop !== undefined && loop < steps.length ? `steps ${loop + 1} to ${steps.length} repeat forever` : '';
  $('back').disabled = at === 0;
  $('forward').disabled = at >= path.length - 1;
  $('panel').replaceChildren(statePanel(panel));
  $('moves').replaceChildren(...(moves.length ? moves.map(moveButton) : [h('p', { class: 'muted' }, 'No action is enabled here.')]));
  $('timeline').replaceChildren(timeline());
  $('timeline').querySelector('tr.current')?.scrollIntoView({ block: 'nearest' });
}

function check() {
  const property = $('property').value;
  $('check').disabled = true;
  $('check-status').textContent = 'checking...';
  const source = new EventSource(`/api/check${property ? `?property=${encodeURIComponent(property)}` : ''}`);
  const done = (text) => {
    source.close();
    $('check').disabled = false;
    $('check-status').textContent = text;
  };
  source.addEventListener('progress', (e) => {
    const p = JSON.parse(e.data);
    $('check-status').textContent = `checking: ${p.states.toLocaleString()} states, depth ${p.depth}, ${p.seconds.toFixed(1)} s`;
  });
  source.addEventListener('result', (e) => {
    const r = JSON.parse(e.data);
    const props = r.properties.map((p) => `${p.name} ${p.status}${p.failure ? ` (${p.failure})` : ''}`).join('; ');
    done(`${r.verdict}: ${props} — ${r.states.toLocaleString()} states, ${r.seconds.toFixed(2)} s`);
    if (!r.counterexample) return;
    loop = r.counterexample.loopStart;
    $('check-status').textContent += ` — counterexample of ${r.counterexample.property} loaded`;
    go(r.counterexample.path, r.counterexample.path.length - 1);
  });
  source.addEventListener('failed', (e) => done(`check failed: ${JSON.parse(e.data).message}`));
  source.onerror = () => { if (source.readyState !== EventSource.OPEN) done('check stopped: the connection closed'); };
}

async function loadTrace(file) {
  try {
    const r = await api('/api/trace', { method: 'POST', headers: { 'content-type': 'application/json' }, body: await file.text() });
    loop = r.loopStart;
    $('check-status').textContent = `trace of ${r.property} loaded from ${file.name}`;
    await go(r.path, r.path.length - 1);
  } catch (e) {
    showError(`${file.name}: ${e.message}`);
  }
}

async function fromLocation(push) {
  const q = new URLSearchParams(location.search);
  const l = q.get('loop');
  loop = l !== null && /^\d+$/.test(l) ? Number(l) : undefined;
  try {
    await load(q.get('path') ?? '', q.get('at') ?? '', push);
  } catch (e) {
    if (!current) await go([0], undefined, false);
    showError(e.message);
  }
}

async function start() {
  model = await api('/api/model');
  document.title = `allocheck explore: ${model.name} under ${model.policy}`;
  $('title').textContent = `${model.name} under ${model.policy}`;
  $('assumptions').textContent = modelSubtitle(model);
  $('assumptions').title = model.assumptions.map((a) => `${a.name}=${a.value}: ${a.doc}`).join('\n');
  $('property').append(...model.properties.map((p) => h('option', { value: p.name, title: p.description ?? '' }, p.name)));
  $('back').onclick = () => go(current.path, current.at - 1);
  $('forward').onclick = () => go(current.path, current.at + 1);
  $('restart').onclick = () => { loop = undefined; go([0]); };
  $('check').onclick = check;
  $('trace-file').onchange = (e) => e.target.files[0] && loadTrace(e.target.files[0]);
  window.onpopstate = () => fromLocation(false);
  await fromLocation(false);
  document.body.dataset.ready = 'true';
}

start().catch((e) => showError(e.message));
