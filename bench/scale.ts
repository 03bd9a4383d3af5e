// Memory at scale: one exhaustive search of the counter model, with peak RSS.
// Run: node --import tsx bench/scale.ts [procs] [max]      (defaults: 7 4)
// Prints states, seconds, the visited table's bytes, the engine's bytes/state (table plus the
// largest frontier) and the process's peak resident set divided by states: everything the
// process held at its peak (table, frontier, V8 heap, code) charged to the states.
import { counterModel } from '../models/counter.js';
import { checkAsync } from '../src/core/check.js';

const [procs = 7, max = 4] = process.argv.slice(2).map(Number);
const model = counterModel(procs, max);
const started = performance.now();
const result = await checkAsync(model, {
  progressIntervalMs: 10_000,
  onProgress: (p) => process.stderr.write(`${(p.states / 1e6).toFixed(1)}M states, depth ${p.depth}, ${p.seconds.toFixed(0)} s, rss ${(process.memoryUsage.rss() / 2 ** 30).toFixed(2)} GiB\n`),
});
const seconds = (performance.now() - started) / 1000;
const s = result.stats;
const peakRss = process.resourceUsage().maxRSS * 1024;
const row = {
  command: `node --import tsx bench/scale.ts ${procs} ${max}`,
  verdict: result.verdict,
  states: s.states,
  transitions: s.transitions,
  seconds: Number(seconds.toFixed(1)),
  statesPerSecond: Math.round(s.states / seconds),
  tableBytes: s.tableBytes,
  engineBytesPerState: Number(s.bytesPerState.toFixed(2)),
  peakRssBytes: peakRss,
  peakRssBytesPerState: Number((peakRss / s.states).toFixed(2)),
  collisionProbability: s.collisionProbability,
};
console.log(JSON.stringify(row, null, 2));
