// Symmetry reduction, measured: states and seconds with and without it on dm-raid1 and nfs-ack
// with 3 and 4 interchangeable dirtiers. Every case checks pages-conserved, which holds, so
// both searches are exhaustive and the counts are whole state spaces; the verdicts must agree.
// One warm-up run first, so that the JIT does not charge the first case.
// Run: node --import tsx bench/symmetry.ts
import dm from '../models/dm-raid1.js';
import nfs from '../models/nfs-ack.js';
import type { Scenario } from '../src/alloc/index.js';
import { check } from '../src/core/check.js';

const cases: [Scenario, string, Record<string, string | number>][] = [
  [dm, 'none', {}],
  [nfs, 'none', {}],
  [dm, 'memalloc-inheritance', { pages: 12, queue: 3, background: 'yes' }],
  [nfs, 'network-reserve', { pages: 12, min: 4, traffic: 1, retransmit: 'yes' }],
];

check(dm.build({ pages: 12, queue: 3, background: 'yes', dirtiers: 3 }, 'memalloc-inheritance'), { properties: ['pages-conserved'] });
console.log('| model | policy | params | dirtiers | states (full) | states (symmetry) | reduction | s (full) | s (symmetry) | time saved | verdicts |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [s, policy, params] of cases) {
  for (const dirtiers of [3, 4]) {
    const model = s.build({ ...params, dirtiers }, policy);
    const options = { properties: ['pages-conserved'] };
    const full = check(model, { ...options, symmetry: false });
    const reduced = check(model, options);
    const same = full.verdict === reduced.verdict ? `${full.verdict} = ${reduced.verdict}` : `DIFFER: ${full.verdict} / ${reduced.verdict}`;
    const p = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ') || '(defaults)';
    const saved = 1 - reduced.stats.seconds / full.stats.seconds;
    console.log(`| ${s.name} | ${policy} | ${p} | ${dirtiers} | ${full.stats.states.toLocaleString('en-US')} | ${reduced.stats.states.toLocaleString('en-US')} | ${(full.stats.states / reduced.stats.states).toFixed(1)}x | ${full.stats.seconds.toFixed(2)} | ${reduced.stats.seconds.toFixed(2)} | ${(saved * 100).toFixed(0)}% | ${same} |`);
  }
}
