// The state panel, shared by the explorer's page and a trace's HTML file: it draws the JSON
// that src/render/state-panel.ts builds (the same data the swimlane and the story are drawn
// from), so the page adds layout and nothing of its own about states.

/** A DOM element: h('div', { class: 'x' }, 'text', child, ...); text is never parsed as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

function section(title, testid, ...body) {
  return h('section', { class: 'card', 'data-testid': testid }, h('h3', {}, title), ...body);
}

/** The free-pages gauge: one cell per page, page 0 on the left, filled when free. */
export function gauge(panel) {
  const cells = panel.gauge.map((c, k) =>
    h('div', { class: `cell${c.free ? ' free' : ''}`, title: `page ${k}: ${c.free ? 'free' : 'taken'}`, style: `border-color:${c.line};${c.free ? `background:${c.fill}` : ''}` }));
  const marks = panel.gauge.map((c) => h('div', { class: 'mark' }, c.mark));
  const w = panel.watermarks;
  return section('Memory', 'memory',
    h('div', { class: 'gauge' }, h('div', { class: 'cells' }, cells), h('div', { class: 'cells marks' }, marks)),
    h('p', { class: 'free' }, h('strong', { 'data-testid': 'free' }, String(panel.free)), ` free pages (${panel.freeWords.replace(/^\d+ free,? ?/, '') || 'above M'}); M=${w.min}, GFP_ATOMIC floor ${w.atomic}, PF_MEMALLOC floor ${w.memalloc}`),
    h('ul', { class: 'owners' }, panel.owners.filter((o) => o.owner !== 'free').map((o) => h('li', {}, `${o.pages} ${o.owner}`))));
}

function actorCard(a) {
  return h('div', { class: `actor${a.waiting ? ' waiting' : ''}${a.status === 'idle' ? ' idle' : ''}`, 'data-actor': a.name },
    h('div', { class: 'name' }, a.name, h('span', { class: 'kind' }, ` (${a.kind})`)),
    h('div', { class: 'status' }, a.status),
    h('div', { class: 'badges' },
      h('span', { class: 'badge ctx', title: 'the context its own allocations use' }, a.context),
      a.flags.map((f) => h('span', { class: 'badge flag' }, f)),
      a.held ? h('span', { class: 'badge held' }, `holds ${a.held} page${a.held === 1 ? '' : 's'}`) : null),
    a.serving ? h('div', { class: 'serving' }, `serving ${a.serving}`) : null);
}

function queuesAndPools(panel) {
  const queues = panel.queues.map((q) => h('li', {},
    `${q.device} → ${q.daemon}: ${q.entries.length}/${q.capacity} queued`,
    q.entries.length ? ` (${q.entries.map((e) => `${e.from}${e.flags.length ? ` [${e.flags.join(', ')}]` : ''}`).join(', ')})` : ''));
  const pools = panel.pools.map((p) => h('li', {}, `mempool ${p.name}: ${p.elements} of ${p.minNr} elements`));
  // A trace page written before memory cgroups were shown has no `groups`.
  const groups = (panel.groups ?? []).map((g) => h('li', { 'data-testid': `memcg-${g.name}` }, `memcg ${g.name}: ${g.charged} of ${g.limit} pages charged${g.charged >= g.limit ? ' (at its limit)' : ''}`));
  if (!queues.length && !pools.length && !groups.length) return null;
  return section(groups.length ? 'Queues, pools and memory cgroups' : 'Queues and pools', 'queues', h('ul', {}, queues, pools, groups));
}

function waits(panel) {
  const cycle = panel.waitsFor.filter((e) => e.onCycle);
  return section('Who waits for whom', 'waits',
    panel.waitsFor.length ? h('ul', { class: 'waits' }, panel.waitsFor.map((e) =>
      h('li', { class: e.onCycle ? 'on-cycle' : '' }, `${e.from} waits for ${e.to}: ${e.why}`))) : h('p', { class: 'muted' }, 'nobody waits on another'),
    cycle.length ? h('p', { class: 'cycle', 'data-testid': 'cycle' }, `wait-for cycle: ${cycle.map((e) => `${e.from} → ${e.to}`).join(', ')}`) : null);
}

/** The whole panel of one state. */
export function statePanel(panel) {
  return h('div', { class: 'panel' },
    panel.end ? h('div', { class: `end ${panel.end.kind}`, 'data-testid': 'end' }, h('strong', {}, panel.end.kind === 'rest' ? 'At rest. ' : `${panel.end.kind.toUpperCase()}: nothing can move. `), panel.end.lines.join(' ')) : null,
    gauge(panel),
    section('Actors', 'actors', h('div', { class: 'actors' }, panel.actors.map(actorCard))),
    queuesAndPools(panel),
    waits(panel));
}

/** An action's sentence without its actor's name in front, where a label already names it. */
export function withoutActor(text, actor) {
  return text.startsWith(`${actor} `) ? text.slice(actor.length + 1) : text;
}

/** The line under a model's name: kernel, sizes, then the assumptions the verdicts rest on. */
export function modelSubtitle(m) {
  const assumed = new Set(m.assumptions.map((a) => a.name));
  const sizes = Object.entries(m.params).filter(([k]) => !assumed.has(k) && k !== 'kernel').map(([k, v]) => `${k}=${v}`).join(' ');
  const assumptions = m.assumptions.map((a) => `${a.name}=${a.value}`).join(' ');
  return `kernel ${m.kernel} · ${sizes}${assumptions ? ` · assuming ${assumptions}` : ''}`;
}
